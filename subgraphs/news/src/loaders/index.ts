import type { SqlEntityManager } from '@mikro-orm/sql';
import { entityLoader, fetchPages, groupLoader } from '@motcua/db';
import { type Connection, type Page, pagedLoader, toConnections } from '@motcua/graphql-kit';
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import { Article, ArticleService, ArticleUnit } from '../entities/index.ts';

export type ArticleConnection = Connection<Article>;

/** Articles are listed newest first; the id breaks ties between articles published at the same instant. */
export const articleSortKey = (article: Article) => [article.publishedAt?.toISOString() ?? null, article.id];

export const ARTICLE_ORDER = { sortColumns: ['published_at', 'id'], direction: 'desc' } as const;

/** One page of published articles for each group of a `source` query (which selects `group_key`). */
export async function articlePages(
  em: SqlEntityManager,
  source: string,
  params: unknown[],
  groups: string[],
  page: Page,
) {
  const pages = await fetchPages(em, {
    source,
    params,
    groups,
    ...ARTICLE_ORDER,
    after: page.after,
    limit: page.limit,
  });
  return toConnections(pages, page, (row) => em.map(Article, row), articleSortKey);
}

const about = (table: 'article_service' | 'article_unit', column: 'service_code' | 'unit_code') =>
  `select a.*, l.${column} as group_key from news.article a join news.${table} l on l.article_id = a.id
   where a.status = 'PUBLISHED' and l.${column} in (?)`;

/** Every loader of the news subgraph, created afresh for each request. */
export function createLoaders(em: SqlEntityManager) {
  return {
    articleById: entityLoader(em, Article, 'id'),
    articleBySlug: entityLoader(em, Article, 'slug'),
    servicesOf: groupLoader(
      (ids) => em.find(ArticleService, { article: { $in: [...ids] } }, { orderBy: { serviceCode: 'asc' } }),
      (link) => link.article.id,
    ),
    unitsOf: groupLoader(
      (ids) => em.find(ArticleUnit, { article: { $in: [...ids] } }, { orderBy: { unitCode: 'asc' } }),
      (link) => link.article.id,
    ),
    serviceArticles: pagedLoader((codes, page) =>
      articlePages(em, about('article_service', 'service_code'), [codes], codes, page),
    ),
    unitArticles: pagedLoader((codes, page) =>
      articlePages(em, about('article_unit', 'unit_code'), [codes], codes, page),
    ),
  };
}

export type NewsLoaders = ReturnType<typeof createLoaders>;
export type NewsContext = SubgraphContext<NewsLoaders>;
