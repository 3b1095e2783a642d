import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger, searchIndex } from '@motcua/db';
import type { ArticleStatus, MediaAsset } from '../generated/resolvers-types.ts';
import { DUE_FROM, PENDING_EXPIRY, PENDING_FOR_ALL, PENDING_FOR_EMBARGOED } from '../newsroom/feed-log.ts';
import { enumValues } from '../schema.ts';

/** Stored statuses; SCHEDULED is derived (published, with `publishedAt` still to come). */
export const ARTICLE_STATUSES = enumValues('ArticleStatus').filter(
  (status): status is Exclude<ArticleStatus, 'SCHEDULED'> => status !== 'SCHEDULED',
);

/**
 * An article or press release. Services, units, indicators and campaigns are referenced by their keys in the
 * graph (the first three belong to other subgraphs).
 */
export const Article = defineEntity({
  name: 'Article',
  tableName: 'article',
  // Any write bumps the news data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('news', 'article')],
  indexes: [
    // The public list: newest published first.
    {
      name: 'article_published_index',
      columns: [
        { name: 'publishedAt', sort: 'desc' },
        { name: 'id', sort: 'desc' },
      ],
      where: { status: 'PUBLISHED' },
    },
    // What the partner feed's log may have to catch up on (see `hasDueChanges`), one index per kind of change, each
    // holding only the few articles that can be due: a version not yet logged for everyone (scheduled, embargoed,
    // withdrawn) in the order they fall due, an embargoed version not yet logged for the partners with embargo
    // rights, an expiry to log.
    {
      name: 'article_feed_due_all_index',
      expression: (_columns: unknown, table: { name: string; schema?: string }) =>
        `create index "article_feed_due_all_index" on "${table.schema ?? 'news'}"."${table.name}" (${DUE_FROM}) where ${PENDING_FOR_ALL}`,
    },
    {
      name: 'article_feed_pending_embargoed_index',
      properties: ['embargoUntil'],
      where: PENDING_FOR_EMBARGOED,
    },
    { name: 'article_feed_expiry_index', properties: ['expires'], where: PENDING_EXPIRY },
    // Published articles whose accessible renditions are older than the article (the renditions worker's queue).
    {
      name: 'article_rendition_pending_index',
      properties: ['id'],
      where: `rendition_version < version and status = 'PUBLISHED'`,
    },
    searchIndex('article_text_search', `headline || ' ' || coalesce(summary, '')`),
    { name: 'article_service_codes_index', properties: ['serviceCodes'], type: 'gin' },
    { name: 'article_unit_codes_index', properties: ['unitCodes'], type: 'gin' },
    { name: 'article_indicator_ids_index', properties: ['indicatorIds'], type: 'gin' },
    { name: 'article_campaign_ids_index', properties: ['campaignIds'], type: 'gin' },
    { name: 'article_topic_codes_index', properties: ['topicCodes'], type: 'gin' },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    slug: p.string().unique(),
    headline: p.text(),
    subheadline: p.text().nullable(),
    summary: p.text().nullable(),
    bodyHtml: p.text().default(''),
    bodyText: p.text().default(''),
    /** The editors' easy-read version: plain text, short sentences, common words (checked on save). */
    easyRead: p.text().nullable(),
    language: p.enum(enumValues('Language')),
    /** Articles that translate each other share this id (the default gave the articles older than it their own). */
    translationGroup: p
      .uuid()
      .defaultRaw('gen_random_uuid()')
      .onCreate(() => crypto.randomUUID()),
    kind: p.enum(enumValues('ArticleKind')),
    byline: p.text().nullable(),
    /** Publisher and address of the original, when the article is syndicated. */
    sourcePublisher: p.text().nullable(),
    sourceUrl: p.text().nullable(),
    topicCodes: p.array().default([]),
    media: p.json<MediaAsset[]>().default([]),
    copyrightHolder: p.text().default('Thành phố Hà Nội'),
    licence: p.text().default('MOTCUA-PRESS'),
    usageTerms: p.text().nullable(),
    serviceCodes: p.array().default([]),
    unitCodes: p.array().default([]),
    indicatorIds: p.array().default([]),
    campaignIds: p.array().default([]),
    status: p.enum(ARTICLE_STATUSES),
    embargoUntil: p.datetime().nullable(),
    publishedAt: p.datetime().nullable(),
    withdrawnReason: p.text().nullable(),
    /** After this time the article may no longer be used (ninjs `expires`): partners get a tombstone. */
    expires: p.datetime().nullable(),
    /** Whether the expiry's tombstone is in the partner feed's log. */
    feedExpired: p.boolean().default(false),
    version: p.integer().default(1),
    /** The last version written to the partner feed for everyone, and for partners with embargo rights. */
    feedVersionAll: p.integer().default(0),
    feedVersionEmbargoed: p.integer().default(0),
    /**
     * The version the accessible renditions (large print, audio) were made from: a published article with a newer
     * version is queued for them, in the transaction that changed it (see `renditions/worker.ts`).
     */
    renditionVersion: p.integer().default(0),
    /** Why the renditions of `renditionVersion` could not be made (they are tried again when the article changes). */
    renditionError: p.text().nullable(),
    /** Until when a renditions worker has the article (another takes it after, if that worker died). */
    renditionClaimedUntil: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Article = InferEntity<typeof Article>;
