import type { Article, MediaPartner } from '../entities/index.ts';

/** Who is looking: an editor sees everything; a partner with embargo rights also sees embargoed articles. */
export type Viewer = { editor: boolean; partner: MediaPartner | null };

export const seesEmbargoed = (viewer: Viewer) => viewer.editor || Boolean(viewer.partner?.embargoRights);

/** SQL condition on an article alias: the articles `viewer` may see now. */
export function visibleSql(viewer: Viewer, alias: string): string {
  if (viewer.editor) return 'true';
  const published = `${alias}.status = 'PUBLISHED' and ${alias}.published_at <= now()`;
  return seesEmbargoed(viewer)
    ? published
    : `${published} and (${alias}.embargo_until is null or ${alias}.embargo_until <= now())`;
}

export function isVisible(article: Article, viewer: Viewer, now = new Date()): boolean {
  if (viewer.editor) return true;
  if (article.status !== 'PUBLISHED' || !article.publishedAt || article.publishedAt > now) return false;
  return seesEmbargoed(viewer) || !article.embargoUntil || article.embargoUntil <= now;
}

/** The status as readers see it: a published article whose time has not come is SCHEDULED. */
export function statusOf(
  article: Article,
  now = new Date(),
): 'DRAFT' | 'SCHEDULED' | 'PUBLISHED' | 'WITHDRAWN' {
  if (article.status === 'PUBLISHED' && article.publishedAt && article.publishedAt > now) return 'SCHEDULED';
  return article.status;
}
