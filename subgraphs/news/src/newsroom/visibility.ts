import type { Article, MediaPartner } from '../entities/index.ts';
import type { ArticleStatus } from '../generated/resolvers-types.ts';

/**
 * Who is looking: a caller with the scope news:drafts (an editor) sees everything; one with news:embargoed sees
 * embargoed articles, if it is staff or a partner whose record grants embargo rights.
 */
export type Viewer = { drafts: boolean; embargoed: boolean; partner: MediaPartner | null };

/** SQL condition on an article alias: the articles `viewer` may see now. */
export function visibleSql(viewer: Viewer, alias: string): string {
  if (viewer.drafts) return 'true';
  const published = `${alias}.status = 'PUBLISHED' and ${alias}.published_at <= now() and (${alias}.expires is null or ${alias}.expires > now())`;
  return viewer.embargoed
    ? published
    : `${published} and (${alias}.embargo_until is null or ${alias}.embargo_until <= now())`;
}

export function isVisible(article: Article, viewer: Viewer, now = new Date()): boolean {
  if (viewer.drafts) return true;
  if (article.status !== 'PUBLISHED' || !article.publishedAt || article.publishedAt > now) return false;
  if (article.expires && article.expires <= now) return false;
  return viewer.embargoed || !article.embargoUntil || article.embargoUntil <= now;
}

/** The status as readers see it: a published article whose time has not come is SCHEDULED. */
export function statusOf(article: Article, now = new Date()): ArticleStatus {
  if (article.status === 'PUBLISHED' && article.publishedAt && article.publishedAt > now) return 'SCHEDULED';
  return article.status;
}
