import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';
import type { CampaignChannel, MediaAsset, TargetAudience } from '../generated/resolvers-types.ts';

/** An outreach campaign: who it targets, through which channels, about which services and units. */
export const Campaign = defineEntity({
  name: 'Campaign',
  tableName: 'campaign',
  // Any write bumps the news data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('news', 'campaign')],
  checks: [{ name: 'campaign_check', expression: '"starts_on" <= "ends_on"' }],
  indexes: [{ name: 'campaign_target_service_codes_index', properties: ['targetServiceCodes'], type: 'gin' }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    name: p.text(),
    objective: p.text(),
    audiences: p.array<TargetAudience>().default([]),
    startsOn: p.date(),
    endsOn: p.date(),
    channels: p.array<CampaignChannel>().default([]),
    targetServiceCodes: p.array().default([]),
    targetUnitCodes: p.array().default([]),
    assets: p.json<MediaAsset[]>().default([]),
    partnerCodes: p.array().default([]),
    version: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Campaign = InferEntity<typeof Campaign>;

/** A news agency or media outlet that receives content. */
export const MediaPartner = defineEntity({
  name: 'MediaPartner',
  tableName: 'media_partner',
  properties: {
    code: p.string().primary(),
    name: p.text(),
    contactEmail: p.text().nullable(),
    embargoRights: p.boolean().default(false),
    licences: p.array().default([]),
  },
});
export type MediaPartner = InferEntity<typeof MediaPartner>;
