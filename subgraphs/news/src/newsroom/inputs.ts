import { httpUrl, optionalText, requiredText, SERVICE_CODE, UNIT_CODE } from '@motcua/inputs';
import { z } from 'zod';
import { easyReadProblems } from '../renditions/readability.ts';
import { enumValues } from '../schema.ts';

const text = requiredText;
const codes = (pattern: RegExp, message: string) =>
  z
    .array(z.string().regex(pattern, message))
    .nullish()
    .transform((value) => [...new Set(value ?? [])]);

export const mediaAssetInput = z.object({
  kind: z.enum(enumValues('MediaKind')),
  caption: optionalText,
  credit: optionalText,
  altText: optionalText,
  renditions: z
    .array(
      z.object({
        name: text,
        url: httpUrl,
        mimeType: z.string().regex(/^[a-z]+\/[\w.+-]+$/, 'must be a media type such as image/jpeg'),
        width: z.number().int().positive().nullish(),
        height: z.number().int().positive().nullish(),
        sizeBytes: z.number().int().positive().nullish(),
      }),
    )
    .min(1, 'must have at least one rendition'),
});

/** An editor's article, with the rules it must follow (GraphQL checks the types, this the content). */
export const articleInput = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. ha-noi-dung-dau'),
    headline: text,
    subheadline: optionalText,
    summary: optionalText,
    bodyHtml: z.string(),
    language: z.enum(enumValues('Language')),
    translationOf: z.uuid('must be an article id').nullish(),
    byline: optionalText,
    sourcePublisher: optionalText,
    sourceUrl: httpUrl.nullish().transform((value) => value ?? null),
    kind: z.enum(enumValues('ArticleKind')),
    topicCodes: codes(/^\d{8}$/, 'must be IPTC media topic codes of 8 digits, e.g. 11006000'),
    media: z
      .array(mediaAssetInput)
      .nullish()
      .transform((value) => value ?? []),
    copyrightHolder: text,
    licence: text,
    usageTerms: optionalText,
    serviceCodes: codes(SERVICE_CODE, 'must be national procedure codes such as 1.001193'),
    unitCodes: codes(UNIT_CODE, 'must be administrative unit codes such as 01 or 00004'),
    indicatorIds: codes(/^[\w.:-]+$/, 'must be indicator ids'),
    campaignIds: codes(/^[0-9a-f-]{36}$/i, 'must be campaign ids'),
    easyRead: z
      .string()
      .trim()
      .nullish()
      .transform((value) => (value ? value.normalize('NFC') : null))
      .superRefine((value, context) => {
        for (const message of value ? easyReadProblems(value) : [])
          context.addIssue({ code: 'custom', message });
      }),
    // A DateTime already parsed by the scalar.
    expires: z
      .date()
      .nullish()
      .transform((value) => value ?? null),
  })
  .refine((article) => Boolean(article.sourcePublisher) === Boolean(article.sourceUrl), {
    message: 'sourcePublisher and sourceUrl go together: give both for a syndicated article, or neither',
    path: ['sourceUrl'],
  });

export const campaignInput = z
  .object({
    name: text,
    objective: text,
    audiences: z.array(z.enum(enumValues('TargetAudience'))).min(1, 'must name at least one audience'),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    channels: z.array(z.enum(enumValues('CampaignChannel'))).min(1, 'must name at least one channel'),
    targetServiceCodes: codes(SERVICE_CODE, 'must be national procedure codes such as 1.001193'),
    targetUnitCodes: codes(/^(\d{2}|\d{3}|\d{5})$/, 'must be administrative unit codes such as 01 or 00004'),
    assets: z
      .array(mediaAssetInput)
      .nullish()
      .transform((value) => value ?? []),
    partnerCodes: codes(/^[\w-]+$/, 'must be partner codes'),
  })
  .refine((campaign) => campaign.startsOn <= campaign.endsOn, {
    message: 'must not be before startsOn',
    path: ['endsOn'],
  });
