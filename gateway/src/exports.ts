import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IDENTITY_HEADER, signIdentity } from '@motcua/identity';
import { REQUEST_ID_HEADER } from '@motcua/observability';
import type { Caller } from '@motcua/roles';
import express, { type Router } from 'express';

/** Headers of the subgraph's answer a client needs to save the download. */
const PASSED_ON = ['content-type', 'content-disposition'];

/**
 * `GET /exports/usage.csv?…`: bulk downloads of dossier figures (the cube of `usageCube`, as CSV), streamed from the
 * statistics subgraph as it writes them: the gateway holds a chunk, never the file, and reads from the subgraph
 * only as fast as the client takes it. The subgraph checks the caller's scope (`statistics:export`). A client that
 * goes away cancels the export.
 */
export function exportRoutes(statisticsGraphqlUrl: string, signingKey: string): Router {
  const statisticsBase = statisticsGraphqlUrl.replace(/\/graphql$/, '');
  const router = express.Router();
  router.get('/usage.csv', async (req, res) => {
    const cancel = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) cancel.abort();
    });
    let upstream: Response;
    try {
      upstream = await fetch(
        `${statisticsBase}/exports/usage.csv${new URL(req.originalUrl, 'http://gateway').search}`,
        {
          headers: {
            [REQUEST_ID_HEADER]: String(res.getHeader(REQUEST_ID_HEADER) ?? ''),
            [IDENTITY_HEADER]: await signIdentity(res.locals.caller as Caller, signingKey, 'statistics'),
          },
          signal: cancel.signal,
        },
      );
    } catch {
      if (cancel.signal.aborted) return;
      res.status(503).json({
        errors: [
          {
            message: 'The statistics subgraph is not answering; try the download again shortly',
            extensions: { code: 'UNAVAILABLE', serviceName: 'statistics' },
          },
        ],
      });
      return;
    }
    res.status(upstream.status);
    for (const header of PASSED_ON) {
      const value = upstream.headers.get(header);
      if (value) res.set(header, value);
    }
    if (!upstream.body) {
      res.end();
      return;
    }
    // A download cut upstream is cut here too: the client sees it broken, not complete.
    await pipeline(Readable.fromWeb(upstream.body as never), res).catch(() => res.destroy());
  });
  return router;
}
