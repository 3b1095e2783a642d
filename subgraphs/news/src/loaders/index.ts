import type { SqlEntityManager } from '@mikro-orm/sql';
import { entityLoader, groupLoader } from '@motcua/db';
import { pagedLoader } from '@motcua/paging';
import { type Caller, hasScope } from '@motcua/roles';
import { Article, Campaign, MediaPartner } from '../entities/index.ts';
import type { Viewer } from '../newsroom/visibility.ts';
import { type About, articlePagesAbout, translationsOf } from '../sql/articles.ts';
import { campaignsTargeting } from '../sql/campaigns.ts';
import { renditionsOf } from '../sql/renditions.ts';
import { attemptsOf } from '../sql/webhook-deliveries.ts';

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
  const pagesAbout = (about: About) =>
    pagedLoader(async (keys, page) => articlePagesAbout(em, await viewerOf(), about, keys, page));
  return {
    viewer: viewerOf,
    articleById: entityLoader(em, Article, 'id'),
    articleBySlug: entityLoader(em, Article, 'slug'),
    campaignById: entityLoader(em, Campaign, 'id'),
    partnerByCode,
    translationsOf: groupLoader(
      (groups) => translationsOf(em, groups),
      (article) => article.translationGroup,
    ),
    campaignsTargeting: groupLoader(
      (codes) => campaignsTargeting(em, codes),
      (row) => row.serviceCode,
    ),
    serviceArticles: pagesAbout('service'),
    unitArticles: pagesAbout('unit'),
    indicatorArticles: pagesAbout('indicator'),
    campaignArticles: pagesAbout('campaign'),
    renditionsOf: groupLoader(
      (ids) => renditionsOf(em, ids),
      (row) => row.article_id,
    ),
    deliveryAttempts: groupLoader(
      (ids) => attemptsOf(em, ids),
      (row) => row.delivery_id,
    ),
  };
}

export type NewsLoaders = ReturnType<typeof createLoaders>;
