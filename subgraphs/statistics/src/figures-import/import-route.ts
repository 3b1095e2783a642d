import type { Orm } from '@motcua/db';
import { refuse } from '@motcua/errors';
import { type Caller, hasScope } from '@motcua/roles';
import type { Peers } from '@motcua/subgraph-runtime';
import express, { type Router } from 'express';
import { GraphQLError } from 'graphql';
import { importFigureCsv, rowsAsCsv } from './import-figures.ts';

/** A JSON body is read whole: it is for small batches (CSV streams). */
const JSON_LIMIT = '10mb';
const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAVAILABLE: 503 };

/**
 * `POST /imports/dossier-figures?source=<id>[&mode=REPLACE]`: the same import as `importDossierFigures`, for a
 * CSV body (`text/csv`, streamed into the import whatever its size) or a JSON array of rows. The gateway serves it
 * at `/imports/dossier-figures`; `pnpm statistics:import` sends files there when a hub has the embedded database
 * open. Answers the summary, or `{ errors: [{ message, extensions: { code, rows } }] }` with 400 (nothing written).
 */
export function figureImportRoutes(orm: Orm, peers: Peers): Router {
  const router = express.Router();
  router.post(
    '/imports/dossier-figures',
    express.json({ limit: JSON_LIMIT, type: 'application/json' }),
    async (req, res, next) => {
      const caller = res.locals.caller as Caller;
      if (!hasScope(caller, 'statistics:import')) {
        refuse(
          res,
          403,
          'FORBIDDEN',
          'Importing figures needs the statistics:import scope (a data officer)',
          {
            scope: 'statistics:import',
          },
        );
        return;
      }
      const { source, mode = 'MERGE' } = req.query;
      if (typeof source !== 'string' || !source || (mode !== 'MERGE' && mode !== 'REPLACE')) {
        refuse(
          res,
          400,
          'BAD_USER_INPUT',
          'Name the data source (?source=<id>) and, if any, mode=MERGE or REPLACE',
        );
        return;
      }
      const json = req.is('application/json');
      if (json && !Array.isArray(req.body)) {
        refuse(res, 400, 'BAD_USER_INPUT', 'A JSON body is an array of DossierFigureInput rows');
        return;
      }
      try {
        const summary = await importFigureCsv(orm.em.fork(), json ? rowsAsCsv(req.body as unknown[]) : req, {
          sourceId: source,
          mode,
          importedBy: caller.subject ?? caller.role,
          peers,
        });
        res.json(summary);
      } catch (error) {
        const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
        if (!(error instanceof GraphQLError) || !STATUS[code]) return next(error);
        res
          .status(STATUS[code] ?? 400)
          .json({ errors: [{ message: error.message, extensions: error.extensions }] });
      }
    },
  );
  return router;
}
