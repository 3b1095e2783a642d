import type { Orm } from '@motcua/db';
import { refuse } from '@motcua/errors';
import { type Caller, hasScope } from '@motcua/roles';
import type { Peers } from '@motcua/subgraph-runtime';
import express, { type Router } from 'express';
import { GraphQLError } from 'graphql';
import { importDatasetCsv } from './dataset-import.ts';
import { DATASETS } from './datasets.ts';
import { importFigureCsv, rowsAsCsv, rowsAsCsvOf } from './import-figures.ts';

/** A JSON body is read whole: it is for small batches (CSV streams). */
const JSON_LIMIT = '10mb';
const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAVAILABLE: 503 };

type ImportRequest = { sourceId: string; mode: 'MERGE' | 'REPLACE'; importedBy: string | null };

/**
 * `POST /imports/dossier-figures?source=<id>[&mode=REPLACE]`: the same import as `importDossierFigures`, for a
 * CSV body (`text/csv`, streamed into the import whatever its size) or a JSON array of rows. The gateway serves it
 * at `/imports/dossier-figures`; `pnpm statistics:import` sends files there when a hub has the embedded database
 * open. Answers the summary, or `{ errors: [{ message, extensions: { code, rows } }] }` with 400 (nothing written).
 * The other datasets the same way: `/imports/service-index-inputs`, `/imports/satisfaction-surveys`,
 * `/imports/indicator-values` (the mutations' rows, by their input field names).
 */
export function figureImportRoutes(orm: Orm, peers: Peers): Router {
  const router = express.Router();
  const importers: Record<
    string,
    (
      body: AsyncIterable<Uint8Array | string> | null,
      rows: unknown[],
      options: ImportRequest,
    ) => ReturnType<typeof importFigureCsv>
  > = {
    'dossier-figures': (body, rows, options) =>
      importFigureCsv(orm.em.fork(), body ?? rowsAsCsv(rows), { ...options, peers }),
    ...Object.fromEntries(
      Object.values(DATASETS).map((dataset) => [
        dataset.name.toLowerCase().replaceAll('_', '-'),
        (body: AsyncIterable<Uint8Array | string> | null, rows: unknown[], options: ImportRequest) =>
          importDatasetCsv(orm.em.fork(), dataset, body ?? rowsAsCsvOf(dataset.columns, rows), options),
      ]),
    ),
  };
  router.post(
    '/imports/:dataset',
    express.json({ limit: JSON_LIMIT, type: 'application/json' }),
    async (req, res, next) => {
      const importer = importers[req.params.dataset as string];
      if (!importer) return next();
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
        refuse(
          res,
          400,
          'BAD_USER_INPUT',
          "A JSON body is an array of rows (the fields of the import mutation's input)",
        );
        return;
      }
      try {
        const summary = await importer(json ? null : req, json ? (req.body as unknown[]) : [], {
          sourceId: source,
          mode,
          importedBy: caller.subject ?? caller.role,
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
