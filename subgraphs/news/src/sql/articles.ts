import type { SqlEntityManager } from '@mikro-orm/sql';
import { fetchPages, searchConditions, sqlConditions } from '@motcua/db';
import type { CursorPart } from '@motcua/paging';
import { entityPage, type Page, toConnections } from '@motcua/paging';
import { Article } from '../entities/index.ts';
import type { AccessibleFilter, ArticleFilter, ArticleStatus } from '../generated/resolvers-types.ts';
import { type Viewer, visibleSql } from '../newsroom/visibility.ts';

/** Articles are listed newest first; the id breaks ties between articles published at the same instant. */
const articleSortKey = (article: Article) => [article.publishedAt?.toISOString() ?? null, article.id];

/** What an article list's cursor holds: its publication time (null for a draft) and id. */
export const ARTICLE_CURSOR = ['timestamp', 'uuid'] as const satisfies readonly CursorPart[];

const ARTICLE_ORDER = { sortColumns: ['published_at', 'id'], direction: 'desc' } as const;

/** The array columns that say what an article is about, by the kind of parent asking. */
const ABOUT = {
  service: 'service_codes',
  unit: 'unit_codes',
  indicator: 'indicator_ids',
  campaign: 'campaign_ids',
} as const;

export type About = keyof typeof ABOUT;

/** One page of the articles `viewer` may see about each parent (a service, a unit…), in one statement. */
export async function articlePagesAbout(
  em: SqlEntityManager,
  viewer: Viewer,
  about: About,
  keys: string[],
  page: Page,
) {
  const pages = await fetchPages(em, {
    // The overlap (`&&`) lets the array's GIN index find the articles; the unnest alone read all of them (50,000
    // articles: 150–350 ms for a service page's five, against 7 ms).
    source: `select a.id, a.published_at, k.key as group_key from news.article a cross join unnest(a.${ABOUT[about]}) as k(key)
      where a.${ABOUT[about]} && array[?]::text[] and k.key in (?) and ${visibleSql(viewer, 'a')}`,
    params: [keys, keys],
    rowsFrom: { table: 'news.article', key: 'id' },
    groups: keys,
    ...ARTICLE_ORDER,
    after: page.after,
    limit: page.limit,
  });
  return toConnections(pages, page, (row) => em.map(Article, row), articleSortKey);
}

/**
 * SQL conditions on an article alias: it has the accessible versions asked for (the easy-read text, and the
 * renditions made by the hub). Shared by the article and campaign lists.
 */
export function accessibleSql(filter: AccessibleFilter | null | undefined, alias: string): string[] {
  const has = (kind: string) =>
    `exists (select 1 from news.article_rendition r where r.article_id = ${alias}.id and r.kind = '${kind}')`;
  return [
    ...(filter?.easyRead ? [`${alias}.easy_read is not null`] : []),
    ...(filter?.largePrint ? [has('LARGE_PRINT')] : []),
    ...(filter?.audio ? [has('AUDIO')] : []),
  ];
}

const STORED_STATUS = {
  DRAFT: 'DRAFT',
  SCHEDULED: 'PUBLISHED',
  PUBLISHED: 'PUBLISHED',
  WITHDRAWN: 'WITHDRAWN',
} as const satisfies Record<ArticleStatus, string>;

/**
 * The articles `viewer` may see, newest first, filtered, and searched with diacritics ignored over the headline,
 * summary and body; the page and the total in one statement. Filtering by status is for callers allowed it.
 */
export function articlePage(
  em: SqlEntityManager,
  viewer: Viewer,
  filter: ArticleFilter | null | undefined,
  search: string | null | undefined,
  page: Page,
) {
  const words = searchConditions(
    'news',
    `a.headline || ' ' || coalesce(a.summary, '') || ' ' || a.body_text`,
    search,
  );
  const where = sqlConditions().add(visibleSql(viewer, 'a')).addAll(words);
  if (filter?.statuses?.length) {
    where.add('a.status in (?)', [...new Set(filter.statuses.map((status) => STORED_STATUS[status]))]);
  }
  if (filter?.campaignId) where.add('? = any(a.campaign_ids)', filter.campaignId);
  if (filter?.kind) where.add('a.kind = ?', filter.kind);
  if (filter?.topic) where.add('? = any(a.topic_codes)', filter.topic);
  if (filter?.language) where.add('a.language = ?', filter.language);
  if (filter?.serviceCode) where.add('? = any(a.service_codes)', filter.serviceCode);
  if (filter?.unitCode) where.add('? = any(a.unit_codes)', filter.unitCode);
  if (filter?.publishedFrom) where.add('a.published_at >= ?', new Date(filter.publishedFrom));
  if (filter?.publishedTo) where.add('a.published_at <= ?', new Date(filter.publishedTo));
  for (const condition of accessibleSql(filter?.accessible, 'a')) where.add(condition);
  return entityPage(
    em,
    Article,
    {
      source: `select a.* from news.article a ${where.clause}`,
      params: where.params,
      ...ARTICLE_ORDER,
    },
    page,
    articleSortKey,
  );
}

/** The articles of each translation group in `groups`, in one query. */
export const translationsOf = (em: SqlEntityManager, groups: readonly string[]) =>
  em.find(Article, { translationGroup: { $in: [...groups] } }, { orderBy: { language: 'asc' } });

/** A campaign's newest articles `viewer` may see, for its feed. */
export async function campaignFeedArticles(
  em: SqlEntityManager,
  viewer: Viewer,
  campaignId: string,
  limit: number,
) {
  const rows = await em.execute<Record<string, unknown>[]>(
    `select a.* from news.article a where ? = any(a.campaign_ids) and ${visibleSql(viewer, 'a')}
     order by a.published_at desc, a.id desc limit ?`,
    [campaignId, limit],
  );
  return rows.map((row) => em.map(Article, row));
}

/**
 * The campaign's articles withdrawn or expired after they were released to everyone, newest first, for the feed's
 * tombstones (RFC 6721 `at:deleted-entry`): each once, at its latest such change.
 */
export async function campaignTombstones(em: SqlEntityManager, campaignId: string, limit: number) {
  return em.execute<{ article_id: string; kind: 'WITHDRAWN' | 'EXPIRED'; changed_at: Date | string }[]>(
    `select distinct on (c.article_id) c.article_id, c.kind, c.changed_at
     from news.article_change c join news.article a on a.id = c.article_id
     where ? = any(a.campaign_ids) and c.audience = 'ALL' and c.kind in ('WITHDRAWN', 'EXPIRED')
     order by c.article_id, c.seq desc
     limit ?`,
    [campaignId, limit],
  );
}
