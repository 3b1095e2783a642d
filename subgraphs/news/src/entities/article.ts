import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

export const ARTICLE_KINDS = ['NEWS', 'PRESS_RELEASE', 'EXPLAINER', 'INTERVIEW'] as const;
export const ARTICLE_STATUSES = ['DRAFT', 'PUBLISHED', 'WITHDRAWN'] as const;
export const LANGUAGES = ['VI', 'EN'] as const;

/** An article or press release. Only published articles are visible in the graph for now. */
export const Article = defineEntity({
  name: 'Article',
  tableName: 'article',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => crypto.randomUUID()),
    slug: p.string().unique(),
    headline: p.text(),
    summary: p.text().nullable(),
    language: p.enum(LANGUAGES),
    kind: p.enum(ARTICLE_KINDS),
    byline: p.text().nullable(),
    /** Publisher and address of the original, when the article is syndicated. */
    sourcePublisher: p.text().nullable(),
    sourceUrl: p.text().nullable(),
    status: p.enum(ARTICLE_STATUSES),
    publishedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Article = InferEntity<typeof Article>;

/** An article is about a public service, referenced by its code (the service belongs to the services subgraph). */
export const ArticleService = defineEntity({
  name: 'ArticleService',
  tableName: 'article_service',
  properties: {
    article: () => p.manyToOne(Article).primary().deleteRule('cascade'),
    serviceCode: p.string().primary().index(),
  },
});
export type ArticleService = InferEntity<typeof ArticleService>;

/** An article is about an administrative unit, referenced by its code. */
export const ArticleUnit = defineEntity({
  name: 'ArticleUnit',
  tableName: 'article_unit',
  properties: {
    article: () => p.manyToOne(Article).primary().deleteRule('cascade'),
    unitCode: p.string().primary().index(),
  },
});
export type ArticleUnit = InferEntity<typeof ArticleUnit>;

export const entities = [Article, ArticleService, ArticleUnit];
