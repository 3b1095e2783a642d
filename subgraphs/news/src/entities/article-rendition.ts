import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';
import { enumValues } from '../schema.ts';

/**
 * An accessible rendition of a published article, made by the hub in the background: large print (PDF) or audio
 * (MP3), one of each per article, replaced when the article changes. The bytes are kept here, beside their
 * SHA-256, so the gateway serves them with a strong ETag and nothing else to deploy.
 */
export const ArticleRendition = defineEntity({
  name: 'ArticleRendition',
  tableName: 'article_rendition',
  // Any write bumps the news data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('news', 'article_rendition')],
  properties: {
    articleId: p.uuid().primary(),
    kind: p.enum(enumValues('ArticleRenditionKind')).primary(),
    /** The article's version it was made from. */
    articleVersion: p.integer(),
    /** What was rendered: the easy-read version when the article has one, else the article. */
    source: p.enum(enumValues('ArticleRenditionSource')),
    contentType: p.text(),
    content: p.blob().lazy(),
    sizeInBytes: p.integer(),
    durationSeconds: p.double().nullable(),
    /** SHA-256 of `content`, hex. */
    checksum: p.text(),
    /** How long it took to make, for the operators' figures. */
    generationMs: p.integer(),
    generatedAt: p.datetime(),
  },
});
export type ArticleRendition = InferEntity<typeof ArticleRendition>;
