import type { SqlEntityManager } from '@mikro-orm/sql';
import { entityLoader, fetchPages, groupLoader } from '@motcua/db';
import { type Connection, type Page, pagedLoader, toConnections } from '@motcua/paging';
import { type Caller, hasScope } from '@motcua/roles';
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import { Article, Campaign, MediaPartner } from '../entities/index.ts';
import { type Viewer, visibleSql } from '../newsroom/visibility.ts';

export type ArticleConnection = Connection<Article>;
export type CampaignConnection = Connection<Campaign>;

/** Articles are listed newest first; the id breaks ties between articles published at the same instant. */
export const articleSortKey = (article: Article) => [article.publishedAt?.toISOString() ?? null, article.id];

export const ARTICLE_ORDER = { sortColumns: ['published_at', 'id'], direction: 'desc' } as const;

/** The array columns that say what an article is about, by the kind of parent asking. */
const ABOUT = {
  service: 'service_codes',
  unit: 'unit_codes',
  indicator: 'indicator_ids',
  campaign: 'campaign_ids',
} as const;

/** One page of the articles `viewer` may see about each parent (a service, a unit…), in one statement. */
async function articlePages(
  em: SqlEntityManager,
  viewer: Viewer,
  about: keyof typeof ABOUT,
  keys: string[],
  page: Page,
) {
  const pages = await fetchPages(em, {
    source: `select a.*, k.key as group_key from news.article a cross join unnest(a.${ABOUT[about]}) as k(key)
      where k.key in (?) and ${visibleSql(viewer, 'a')}`,
    params: [keys],
    groups: keys,
    ...ARTICLE_ORDER,
    after: page.after,
    limit: page.limit,
  });
  return toConnections(pages, page, (row) => em.map(Article, row), articleSortKey);
}

/** Every loader of the news subgraph, created afresh for each request. */
export function createLoaders(em: SqlEntityManager, caller: Caller) {
  const partnerByCode = entityLoader(em, MediaPartner, 'code');
  let viewer: Promise<Viewer> | undefined;
  /** Who is looking, worked out once per request. */
  const viewerOf = () => {
    viewer ??= (async () => {
      const partner = caller.partnerCode ? await partnerByCode.load(caller.partnerCode) : null;
      const drafts = hasScope(caller, 'news:drafts');
      const embargoRights = caller.role === 'PARTNER' ? Boolean(partner?.embargoRights) : true;
      return { drafts, embargoed: hasScope(caller, 'news:embargoed') && embargoRights, partner };
    })();
    return viewer;
  };
  const pagesAbout = (about: keyof typeof ABOUT) =>
    pagedLoader(async (keys, page) => articlePages(em, await viewerOf(), about, keys, page));
  return {
    viewer: viewerOf,
    articleById: entityLoader(em, Article, 'id'),
    articleBySlug: entityLoader(em, Article, 'slug'),
    campaignById: entityLoader(em, Campaign, 'id'),
    partnerByCode,
    translationsOf: groupLoader(
      (groups) =>
        em.find(Article, { translationGroup: { $in: [...groups] } }, { orderBy: { language: 'asc' } }),
      (article) => article.translationGroup,
    ),
    campaignsTargeting: groupLoader(
      async (codes) =>
        (
          await em.execute<(Record<string, unknown> & { service_code: string })[]>(
            `select c.*, k.key as service_code from news.campaign c cross join unnest(c.target_service_codes) as k(key)
             where k.key in (?) order by c.starts_on desc, c.id`,
            [[...codes]],
          )
        ).map((row) => ({ serviceCode: row.service_code, campaign: em.map(Campaign, row) })),
      (row) => row.serviceCode,
    ),
    serviceArticles: pagesAbout('service'),
    unitArticles: pagesAbout('unit'),
    indicatorArticles: pagesAbout('indicator'),
    campaignArticles: pagesAbout('campaign'),
  };
}

export type NewsLoaders = ReturnType<typeof createLoaders>;
export type NewsContext = SubgraphContext<NewsLoaders>;
