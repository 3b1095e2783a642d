import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { enumValues } from '../schema.ts';

/** Who may receive a change: everyone, or only partners with embargo rights (the article is under embargo). */
export const CHANGE_AUDIENCES = ['ALL', 'EMBARGOED'] as const;

/**
 * The partner feed's log: one row per change partners may receive. Rows are only ever appended, under one lock
 * held until commit, so their sequence order is their commit order and a cursor never skips a late commit.
 */
export const ArticleChange = defineEntity({
  name: 'ArticleChange',
  tableName: 'article_change',
  // An article's changes in feed order.
  indexes: [{ name: 'article_change_article_id_index', properties: ['articleId', 'seq'] }],
  properties: {
    seq: p.bigint('number').primary().autoincrement(),
    articleId: p.uuid(),
    version: p.integer(),
    kind: p.enum(enumValues('ChangeKind')),
    audience: p.enum(CHANGE_AUDIENCES),
    changedAt: p.datetime(),
  },
});
export type ArticleChange = InferEntity<typeof ArticleChange>;
