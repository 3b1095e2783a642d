import { Readable } from 'node:stream';
import { IDENTITY_HEADER, signIdentity } from '@motcua/identity';
import { REQUEST_ID_HEADER } from '@motcua/observability';
import type { Caller } from '@motcua/roles';
import express, { type Router } from 'express';

/**
 * `POST /imports/<dataset>?source=<id>[&mode=REPLACE]`: bulk imports of dossier figures (`dossier-figures`) and of
 * the other statistics datasets (IMPORT_DATASETS; a CSV body, or a JSON array), streamed to the statistics subgraph as they arrive, so a file of any size goes through the one
 * public door without being held here. The subgraph checks the caller's scope (`statistics:import`). An import
 * takes as long as its file needs: no subgraph timeout, but a client that goes away cancels it (nothing written).
 */
/** The imports the statistics subgraph serves at `/imports/<dataset>`. */
export const IMPORT_DATASETS = [
  'dossier-figures',
  'service-index-inputs',
  'satisfaction-surveys',
  'indicator-values',
];

export function importRoutes(statisticsGraphqlUrl: string, signingKey: string): Router {
  const statisticsBase = statisticsGraphqlUrl.replace(/\/graphql$/, '');
  const router = express.Router();
  router.post('/:dataset', async (req, res, next) => {
    const { dataset } = req.params;
    if (!IMPORT_DATASETS.includes(dataset)) return next();
    const cancel = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) cancel.abort();
    });
    try {
      const upstream = await fetch(
        `${statisticsBase}/imports/${dataset}${new URL(req.originalUrl, 'http://gateway').search}`,
        {
          method: 'POST',
          headers: {
            'content-type': req.get('content-type') ?? 'text/csv',
            [REQUEST_ID_HEADER]: String(res.getHeader(REQUEST_ID_HEADER) ?? ''),
            [IDENTITY_HEADER]: await signIdentity(res.locals.caller as Caller, signingKey, 'statistics'),
          },
          body: Readable.toWeb(req) as ReadableStream,
          duplex: 'half',
          signal: cancel.signal,
        } as RequestInit,
      );
      res
        .status(upstream.status)
        .type(upstream.headers.get('content-type') ?? 'application/json')
        .send(await upstream.text());
    } catch {
      if (cancel.signal.aborted) return;
      res.status(503).json({
        errors: [
          {
            message: 'The statistics subgraph is not answering; nothing was written',
            extensions: { code: 'UNAVAILABLE', serviceName: 'statistics' },
          },
        ],
      });
    }
  });
  return router;
}
