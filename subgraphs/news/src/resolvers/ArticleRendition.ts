import type { ArticleRenditionResolvers } from '../generated/resolvers-types.ts';
import { renditionPath } from '../ninjs/to-ninjs.ts';

export const ArticleRendition: ArticleRenditionResolvers = {
  kind: (row) => row.kind,
  contentType: (row) => row.content_type,
  sizeInBytes: (row) => row.size_in_bytes,
  durationSeconds: (row) => row.duration_seconds,
  url: (row) => renditionPath(row.slug, row.kind),
  articleVersion: (row) => row.article_version,
  generatedAt: (row) => new Date(row.generated_at),
};
