import type { SqlEntityManager } from '@mikro-orm/sql';
import { sqlConditions } from '@motcua/db';
import { entityPage, type Page } from '@motcua/paging';
import { Campaign, MediaPartner } from '../entities/index.ts';
import type { AccessibleFilter, TargetAudience } from '../generated/resolvers-types.ts';
import { type Viewer, visibleSql } from '../newsroom/visibility.ts';
import { accessibleSql } from './articles.ts';

export type CampaignFilter = {
  active: boolean | null | undefined;
  audience: TargetAudience | null | undefined;
  serviceCode: string | null | undefined;
  accessible: AccessibleFilter | null | undefined;
};

/**
 * Campaigns, newest first, active or not, by audience or target service, or with an article `viewer` may see that
 * has the accessible versions asked for; the page and total in one statement.
 */
export function campaignPage(
  em: SqlEntityManager,
  viewer: Viewer,
  { active, audience, serviceCode, accessible }: CampaignFilter,
  page: Page,
) {
  const where = sqlConditions();
  if (active != null) where.add('(current_date between c.starts_on and c.ends_on) = ?', active);
  if (audience) where.add('? = any(c.audiences)', audience);
  if (serviceCode) where.add('? = any(c.target_service_codes)', serviceCode);
  const versions = accessibleSql(accessible, 'a');
  if (versions.length) {
    where.add(
      `exists (select 1 from news.article a where a.campaign_ids @> array[c.id::text] and ${visibleSql(viewer, 'a')} and ${versions.join(' and ')})`,
    );
  }
  return entityPage(
    em,
    Campaign,
    {
      source: `select c.*, c.starts_on::text as sort_start from news.campaign c ${where.clause}`,
      params: where.params,
      sortColumns: ['sort_start', 'id'],
      direction: 'desc',
    },
    page,
    (campaign) => [campaign.startsOn, campaign.id],
  );
}

/** The campaigns that target each service in `codes`, newest first, in one query. */
export async function campaignsTargeting(em: SqlEntityManager, codes: readonly string[]) {
  const rows = await em.execute<(Record<string, unknown> & { service_code: string })[]>(
    `select c.*, k.key as service_code from news.campaign c cross join unnest(c.target_service_codes) as k(key)
     where c.target_service_codes && array[?]::text[] and k.key in (?) order by c.starts_on desc, c.id`,
    [[...codes], [...codes]],
  );
  return rows.map((row) => ({ serviceCode: row.service_code, campaign: em.map(Campaign, row) }));
}

/** Every media partner, by code. */
export const allPartners = (em: SqlEntityManager) => em.find(MediaPartner, {}, { orderBy: { code: 'asc' } });
