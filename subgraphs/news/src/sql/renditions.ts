import { createHash } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ArticleRenditionKind } from '../generated/resolvers-types.ts';
import { type Viewer, visibleSql } from '../newsroom/visibility.ts';

/** What is listed of a rendition (its bytes are read only to serve it). */
export type RenditionRow = {
  article_id: string;
  kind: ArticleRenditionKind;
  article_version: number;
  source: 'EASY_READ' | 'ARTICLE';
  content_type: string;
  size_in_bytes: number;
  duration_seconds: number | null;
  checksum: string;
  generated_at: Date;
  /** The article's slug, for its address. */
  slug: string;
};

/** The renditions of each article in `ids`, in one statement. */
export const renditionsOf = (em: SqlEntityManager, ids: readonly string[]) =>
  em.execute<RenditionRow[]>(
    `select r.article_id, r.kind, r.article_version, r.source, r.content_type, r.size_in_bytes, r.duration_seconds,
       r.checksum, r.generated_at, a.slug
     from news.article_rendition r join news.article a on a.id = r.article_id
     where r.article_id in (?) order by r.article_id, r.kind`,
    [[...ids]],
  );

/** A rendition's file, if the public may see its article (the address is public, like the article's page). */
export async function renditionFile(em: SqlEntityManager, slug: string, kind: ArticleRenditionKind) {
  const publicViewer: Viewer = { drafts: false, embargoed: false, partner: null };
  const [row] = await em.execute<
    { content: Buffer; content_type: string; checksum: string; generated_at: Date }[]
  >(
    `select r.content, r.content_type, r.checksum, r.generated_at
     from news.article a join news.article_rendition r on r.article_id = a.id and r.kind = ?
     where a.slug = ? and ${visibleSql(publicViewer, 'a')}`,
    [kind, slug],
  );
  return row ?? null;
}

/** A claim lasts this long: a worker that dies while rendering leaves the article to another after it. */
const CLAIM_MINUTES = 10;

/**
 * Claims the next published article whose renditions are older than it (the queue is the article itself:
 * `rendition_version < version`, set by the transaction that changed it), for one worker at a time.
 */
export async function claimNextRendition(em: SqlEntityManager) {
  const [row] = await em.execute<{ id: string; version: number }[]>(
    `update news.article a set rendition_claimed_until = clock_timestamp() + make_interval(mins => ?)
     where a.id = (
       select id from news.article
       where rendition_version < version and status = 'PUBLISHED'
         and (rendition_claimed_until is null or rendition_claimed_until < clock_timestamp())
       -- The article changed last first: it is the one readers are about to open.
       order by updated_at desc limit 1 for update skip locked)
     returning a.id, a.version`,
    [CLAIM_MINUTES],
  );
  return row ?? null;
}

export type NewRendition = {
  kind: ArticleRenditionKind;
  contentType: string;
  content: Uint8Array;
  durationSeconds: number | null;
  generationMs: number;
};

/**
 * Stores the renditions made from `version` of the article, replacing the older ones, and marks that version
 * done (with `error` when they could not be made). If the article changed meanwhile it stays queued: its newer
 * version is made next.
 */
export async function storeRenditions(
  em: SqlEntityManager,
  articleId: string,
  version: number,
  source: 'EASY_READ' | 'ARTICLE',
  renditions: NewRendition[],
  error: string | null,
) {
  await em.transactional(async (tx) => {
    for (const rendition of renditions) {
      const checksum = createHash('sha256').update(rendition.content).digest('hex');
      await tx.execute(
        `insert into news.article_rendition (article_id, kind, article_version, source, content_type, content,
           size_in_bytes, duration_seconds, checksum, generation_ms, generated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())
         on conflict (article_id, kind) do update set article_version = excluded.article_version,
           source = excluded.source, content_type = excluded.content_type, content = excluded.content,
           size_in_bytes = excluded.size_in_bytes, duration_seconds = excluded.duration_seconds,
           checksum = excluded.checksum, generation_ms = excluded.generation_ms, generated_at = excluded.generated_at`,
        [
          articleId,
          rendition.kind,
          version,
          source,
          rendition.contentType,
          Buffer.from(rendition.content),
          rendition.content.length,
          rendition.durationSeconds,
          checksum,
          rendition.generationMs,
        ],
      );
    }
    await tx.execute(
      `update news.article set rendition_version = greatest(rendition_version, ?), rendition_error = ?,
         rendition_claimed_until = null
       where id = ?`,
      [version, error, articleId],
    );
  });
}
