import { once } from 'node:events';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Orm } from '@motcua/db';
import { refuse } from '@motcua/errors';
import { type Caller, hasScope } from '@motcua/roles';
import type { Peers } from '@motcua/subgraph-runtime';
import express, { type Request, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { catalogNames, type Names } from '../catalog-names.ts';
import { SERIES_COLUMNS, toCsv } from '../csv.ts';
import { enumValues } from '../schema.ts';
import {
  type CubeDimension,
  type CubeSpec,
  checkCube,
  cubeRow,
  cubeSql,
  dimensionColumns,
} from '../sql/cube.ts';
import type { SumsRow } from '../sql/figures.ts';

/** Rows fetched from the cursor at a time: what memory holds, whatever the size of the export. */
const FETCH_ROWS = 2_000;
/** What a download is without `dimensions`: every raw fact's own figures. */
const FULL_GRAIN: CubeDimension[] = ['UNIT', 'SERVICE', 'MONTH', 'CHANNEL'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const NAME_COLUMNS: Record<string, string> = {
  unitCode: 'unitName',
  provinceCode: 'provinceName',
  serviceCode: 'serviceName',
};
// The series CSV's figures and quality columns, in its order (one list: `SERIES_COLUMNS`), then the batches that
// wrote the facts, which only this export reads.
const FIGURE_COLUMNS = [
  ...SERIES_COLUMNS.slice(SERIES_COLUMNS.indexOf('received'), SERIES_COLUMNS.indexOf('serviceCode')),
  'importBatches',
] as const;

/** The CSV's columns: each dimension (units and services followed by their names), the figures, their quality. */
export const exportColumns = (spec: CubeSpec) => [
  ...dimensionColumns(spec).flatMap((column) =>
    NAME_COLUMNS[column] ? [column, NAME_COLUMNS[column]] : [column],
  ),
  ...FIGURE_COLUMNS,
];

class ExportRefused extends Error {}

const list = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.split(',').map((item) => item.trim()) : null;

/** The query string as a cube, every value checked (the GraphQL field's scalars and enums do this for it). */
function specOf(req: Request): CubeSpec {
  const query = req.query as Record<string, unknown>;
  const text = (name: string) => {
    const value = query[name];
    if (value !== undefined && typeof value !== 'string') throw new ExportRefused(`Give ${name} once`);
    return value;
  };
  const from = text('from');
  const to = text('to');
  if (!from || !to || !MONTH.test(from) || !MONTH.test(to))
    throw new ExportRefused('Give the months as from=YYYY-MM&to=YYYY-MM');
  const oneOf = (name: string, values: string[], allowed: readonly string[]) => {
    const wrong = values.filter((value) => !allowed.includes(value));
    if (wrong.length)
      throw new ExportRefused(`${name} takes ${allowed.join(', ')} (not ${wrong.join(', ')})`);
    return values;
  };
  const dimensions = oneOf(
    'dimensions',
    list(text('dimensions')) ?? FULL_GRAIN,
    enumValues('CubeDimension'),
  ) as CubeDimension[];
  const geography = text('geography') ?? 'CURRENT';
  oneOf('geography', [geography], enumValues('Geography'));
  const asOfText = text('asOf');
  const asOf = asOfText ? new Date(asOfText) : null;
  if (asOf && Number.isNaN(asOf.getTime()))
    throw new ExportRefused('asOf is a date and time written ISO 8601 (2025-06-01T09:00:00Z)');
  const channels = list(text('channels'));
  if (channels) oneOf('channels', channels, enumValues('Channel'));
  return {
    dimensions,
    from,
    to,
    geography: geography as CubeSpec['geography'],
    asOf,
    filter: {
      serviceCodes: list(text('serviceCodes')),
      unitCode: text('unitCode') ?? null,
      fieldCodes: list(text('fieldCodes')),
      channels,
    },
  };
}

type Fetched = SumsRow & Record<string, unknown> & { batch_ids: string[] };

/**
 * Streams the cube from a cursor of one transaction, FETCH_ROWS at a time, each chunk written only when the
 * client has taken the last one (back-pressure): memory holds a chunk whatever the export's size. Every FETCH is
 * a statement of its own under the pool's statement_timeout; a client that goes away ends the transaction.
 */
async function streamCube(
  em: SqlEntityManager,
  peers: Peers,
  spec: CubeSpec,
  res: express.Response,
): Promise<void> {
  const { sql, params } = cubeSql(spec, null);
  const columns = exportColumns(spec);
  let gone = false;
  res.on('close', () => {
    gone = !res.writableFinished;
  });
  await em.transactional(async (tx) => {
    const sources = new Map(
      (await tx.execute<{ id: string; name: string }[]>('select id, name from statistics.data_source')).map(
        (source) => [source.id, source.name],
      ),
    );
    await tx.execute(`declare usage_export no scroll cursor for ${sql}`, params);
    const names: Names = { services: new Map(), units: new Map() };
    for (let first = true; ; first = false) {
      const fetched = await tx.execute<Fetched[]>(`fetch forward ${FETCH_ROWS} from usage_export`);
      if (first) {
        res.status(200).type('text/csv; charset=utf-8');
        res.set('content-disposition', 'attachment; filename="usage.csv"');
        res.write(toCsv([], columns));
      }
      if (!fetched.length || gone) break;
      const rows = fetched.map((row) => cubeRow(spec, row));
      await catalogNames(
        peers,
        {
          services: rows.flatMap((row) => (row.serviceCode ? [row.serviceCode] : [])),
          units: rows.flatMap((row) => [row.unitCode, row.provinceCode].filter((code) => code !== undefined)),
        },
        names,
      );
      const chunk = toCsv(
        rows.map((row) => ({
          ...row,
          unitName: row.unitCode ? names.units.get(row.unitCode) : '',
          provinceName: row.provinceCode ? names.units.get(row.provinceCode) : '',
          serviceName: row.serviceCode ? names.services.get(row.serviceCode) : '',
          sources: row.sourceIds.map((id) => sources.get(id) ?? id).join('; '),
          importBatches: row.batchIds.join('; '),
        })),
        columns,
        false,
      );
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    await tx.execute('close usage_export');
  });
  res.end();
}

/**
 * `GET /exports/usage.csv?from=YYYY-MM&to=YYYY-MM[&dimensions=UNIT,SERVICE,MONTH,CHANNEL][&serviceCodes=…]
 * [&unitCode=…][&fieldCodes=…][&channels=…][&geography=AS_REPORTED][&asOf=…]`: the cube of `usageCube`, whole,
 * as CSV with names, provenance and quality flags, streamed (scope statistics:export, an analyst). The gateway
 * serves it at the same path.
 */
export function usageExportRoutes(orm: Orm, peers: Peers): Router {
  const router = express.Router();
  router.get('/exports/usage.csv', async (req, res, next) => {
    const caller = res.locals.caller as Caller;
    if (!hasScope(caller, 'statistics:export')) {
      refuse(res, 403, 'FORBIDDEN', 'Exports need the statistics:export scope (an analyst)', {
        scope: 'statistics:export',
      });
      return;
    }
    let spec: CubeSpec;
    try {
      spec = specOf(req);
      // A download may read every raw fact: it streams, and each FETCH is bounded by the statement timeout.
      checkCube(spec, { wholeFacts: true });
    } catch (error) {
      if (error instanceof ExportRefused || error instanceof GraphQLError) {
        refuse(res, 400, 'BAD_USER_INPUT', error.message);
        return;
      }
      return next(error);
    }
    try {
      await streamCube(orm.em.fork(), peers, spec, res);
    } catch (error) {
      // Once rows are sent the status is said: the connection is cut, so the client sees a broken download.
      if (res.headersSent) res.destroy(error as Error);
      else next(error);
    }
  });
  return router;
}
