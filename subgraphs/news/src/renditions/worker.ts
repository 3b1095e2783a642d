import { inBackground, type Orm } from '@motcua/db';
import { Article } from '../entities/index.ts';
import { claimNextRendition, storeRenditions } from '../sql/renditions.ts';
import { render } from './render.ts';
import { renditionTextOf } from './text.ts';

/** How to wake this process's renditions worker (a no-op until it runs). */
export const renditionQueue = { wake: () => {} };

/** Looks for work this often when idle (a commit in this process wakes it sooner). */
const POLL_MS = 2_000;

/**
 * Makes the accessible renditions of published articles, one article at a time (each in a bounded thread of its
 * own), from the queue the articles themselves form: a change bumps the version in its own transaction, so a
 * crash loses no rendition and a restart resumes. Several workers (processes) share the queue by claims.
 */
export function startRenditionWorker(orm: Orm, log: (message: string, error: unknown) => void) {
  let stopped = false;
  const stopping = new AbortController();
  let sleeper: (() => void) | undefined;
  const wake = () => sleeper?.();
  const nap = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      sleeper = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function renderOne(): Promise<boolean> {
    const claimed = await claimNextRendition(orm.em.fork());
    if (!claimed) return false;
    const article = await orm.em.fork().findOne(Article, { id: claimed.id });
    if (!article) return true;
    const { text, source } = renditionTextOf(article);
    try {
      const rendered = await render(text, stopping.signal);
      await storeRenditions(
        orm.em.fork(),
        article.id,
        claimed.version,
        source,
        [
          {
            kind: 'LARGE_PRINT',
            contentType: 'application/pdf',
            content: rendered.pdf,
            durationSeconds: null,
            generationMs: rendered.pdfMs,
          },
          {
            kind: 'AUDIO',
            contentType: 'audio/mpeg',
            content: rendered.mp3,
            durationSeconds: rendered.durationSeconds,
            generationMs: rendered.audioMs,
          },
        ],
        null,
      );
    } catch (error) {
      // Stopped midway: the claim lapses and a worker makes them after the restart.
      if (stopped) return true;
      log('an article could not be rendered', error);
      const reason = error instanceof Error ? error.message : String(error);
      await storeRenditions(orm.em.fork(), article.id, claimed.version, source, [], reason);
    }
    return true;
  }

  const loop = (async () => {
    while (!stopped) {
      let worked = false;
      try {
        // Its statements are nobody's request.
        worked = await inBackground(renderOne);
      } catch (error) {
        log('the renditions worker failed', error);
      }
      if (!worked && !stopped) await nap();
    }
  })();
  renditionQueue.wake = wake;
  return {
    wake,
    stop: async () => {
      stopped = true;
      stopping.abort();
      renditionQueue.wake = () => {};
      wake();
      await loop;
    },
  };
}
