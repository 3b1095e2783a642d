import { Worker } from 'node:worker_threads';
import type { RenditionText } from './large-print.ts';

export type Rendered = {
  pdf: Uint8Array;
  pdfMs: number;
  mp3: Uint8Array;
  audioMs: number;
  durationSeconds: number;
};

/** The bounds of one article's rendering: its thread's memory and time. */
export const RENDER_LIMITS = { maxOldGenerationSizeMb: 256, timeoutMs: 180_000 } as const;

/**
 * Makes the renditions of `text` in a thread of its own, bounded in memory and time (the thread is ended past
 * the time limit, or when `signal` aborts); the text itself is bounded before (see `renditionTextOf`).
 */
export function render(text: RenditionText, signal?: AbortSignal): Promise<Rendered> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./render-thread.ts', import.meta.url), {
      workerData: text,
      resourceLimits: { maxOldGenerationSizeMb: RENDER_LIMITS.maxOldGenerationSizeMb },
      // Not the parent's stdin or environment: the thread needs neither.
      env: {},
      stdin: false,
    });
    signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`rendering took longer than ${RENDER_LIMITS.timeoutMs / 1000} s`));
    }, RENDER_LIMITS.timeoutMs);
    worker.once('message', (rendered: Rendered) => {
      clearTimeout(timer);
      resolve(rendered);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the rendering thread stopped (exit code ${code})`));
    });
  });
}
