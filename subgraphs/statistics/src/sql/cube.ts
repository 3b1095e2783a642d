import type { SqlEntityManager } from '@mikro-orm/sql';
import { badUserInput } from '@motcua/errors';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE } from '@motcua/paging';
import { checkRange, type MonthRange } from '../periods.ts';
import {
  factsKept,
  type Geography,
  REORGANISED_ON,
  rowsSql,
  type Source,
  SUMS,
  type SumsRow,
  unitScope,
  usageNumbers,
} from './figures.ts';
import { moment } from './vintage.ts';

export type CubeDimension = 'UNIT' | 'PROVINCE' | 'SERVICE' | 'FIELD' | 'MONTH' | 'CHANNEL';

export type CubeSpec = MonthRange & {
  dimensions: readonly CubeDimension[];
  filter?: {
    serviceCodes?: readonly string[] | null;
    unitCode?: string | null;
    fieldCodes?: readonly string[] | null;
    channels?: readonly string[] | null;
  } | null;
  geography?: Geography | null;
  asOf?: Date | string | null;
};

/** The most codes a filter lists (each is a parameter of the statement). */
export const MAX_FILTER_CODES = 100;

/** A dimension: its expression over rows `g` (see rowsSql) and the column name it gets in rows and CSV. */
const DIMENSIONS: Record<CubeDimension, { sql: string; column: string }> = {
  UNIT: { sql: 'g.unit_key', column: 'unitCode' },
  PROVINCE: { sql: 'g.province_key', column: 'provinceCode' },
  SERVICE: { sql: 'g.service_code', column: 'serviceCode' },
  FIELD: { sql: 'g.field_key', column: 'fieldCode' },
  MONTH: { sql: `to_char(g.month, 'YYYY-MM')`, column: 'month' },
  CHANNEL: { sql: 'g.channel', column: 'channel' },
};

/**
 * The smallest source holding the dimensions and filters asked: services (or fields) and places together only the
 * raw facts hold; services alone the aggregate by service; communes the aggregate by unit; provinces, months and
 * channels the aggregate by province.
 */
function sourceOf(spec: CubeSpec): Source {
  const has = (dimension: CubeDimension) => spec.dimensions.includes(dimension);
  const unit = spec.filter?.unitCode ? unitScope(spec.filter.unitCode) : null;
  const byService =
    has('SERVICE') ||
    has('FIELD') ||
    Boolean(spec.filter?.serviceCodes?.length || spec.filter?.fieldCodes?.length);
  const byUnit = has('UNIT') || (unit !== null && !unit.province);
  const byPlace = byUnit || has('PROVINCE') || unit !== null;
  if (byService && byPlace) return 'facts';
  if (byService) return 'service';
  return byUnit ? 'unit' : 'province';
}

/** The spec checked before any SQL: known dimensions once each, a range, short filters. */
export function checkCube(spec: CubeSpec, { wholeFacts = false } = {}): CubeSpec {
  checkRange(spec);
  if (!spec.dimensions.length || new Set(spec.dimensions).size !== spec.dimensions.length) {
    throw badUserInput(
      'Name each dimension once, at least one (UNIT, PROVINCE, SERVICE, FIELD, MONTH, CHANNEL)',
      {
        argumentName: 'dimensions',
      },
    );
  }
  for (const [name, codes] of Object.entries(spec.filter ?? {})) {
    if (Array.isArray(codes) && codes.length > MAX_FILTER_CODES) {
      throw badUserInput(`filter.${name} lists at most ${MAX_FILTER_CODES} codes (got ${codes.length})`, {
        argumentName: 'filter',
      });
    }
  }
  const source = sourceOf(spec);
  // Raw facts are millions: a cube reading them names the services or the unit it is about.
  if (!wholeFacts && source === 'facts' && !spec.filter?.serviceCodes?.length && !spec.filter?.unitCode) {
    throw badUserInput(
      'Services (or fields) and places together are read from the raw facts: narrow the cube with filter.serviceCodes or filter.unitCode, or download it whole from GET /exports/usage.csv',
      { argumentName: 'filter' },
    );
  }
  return spec;
}

/**
 * The cube as one statement: the source's rows (as known at `asOf`), filtered, grouped by the dimensions. With a
 * page, only the groups after the cursor (a keyset on the dimensions, in their order) and `limit` of them.
 */
export function cubeSql(
  spec: CubeSpec,
  page: { limit: number; after: unknown[] | null } | null,
): { sql: string; params: unknown[] } {
  const source = sourceOf(spec);
  const geography = spec.geography ?? 'CURRENT';
  const keys = spec.dimensions.map((dimension) => DIMENSIONS[dimension].sql);
  const conditions = [`g.month between to_date(?, 'YYYY-MM') and to_date(?, 'YYYY-MM')`];
  const params: unknown[] = [spec.from, spec.to];
  if (source === 'facts') {
    conditions.push(factsKept(`to_date(?, 'YYYY-MM')`, `to_date(?, 'YYYY-MM')`));
    params.push(spec.from, spec.to);
  }
  const filter = spec.filter ?? {};
  for (const [codes, column] of [
    [filter.serviceCodes, 'g.service_code'],
    [filter.fieldCodes, 'g.field_key'],
    [filter.channels, 'g.channel'],
  ] as const) {
    if (codes?.length) {
      conditions.push(`${column} in (?)`);
      params.push([...codes]);
    }
  }
  if (filter.unitCode) {
    const unit = unitScope(filter.unitCode);
    const reported = unit.province ? 'g.province_code' : 'g.unit_code';
    const placed = unit.province ? 'g.province_key' : 'g.unit_key';
    const before = `g.month < date '${REORGANISED_ON}'`;
    if (unit.none) conditions.push('false');
    else if (unit.dissolved) {
      conditions.push(`${reported} = ? and ${before}`);
      params.push(unit.code);
    } else if (geography === 'AS_REPORTED') {
      conditions.push(`${reported} = ? and not ${before}`);
      params.push(unit.code);
    } else if (source === 'facts') {
      // The stored codes (the unit, and the dissolved units counted towards it) narrow the facts on their index.
      conditions.push(
        `${reported} in (select ?::text union all select old_code from statistics.unit_rollup where new_code = ?) and ${placed} = ?`,
      );
      params.push(unit.code, unit.code, unit.code);
    } else {
      conditions.push(`${placed} = ?`);
      params.push(unit.code);
    }
  }
  const batches =
    source === 'facts' ? 'array_remove(array_agg(distinct g.batch_id), null)::text[]' : 'array[]::text[]';
  const grouped = `select ${keys.map((key, index) => `${key} as d${index}`).join(', ')}, ${SUMS}, ${batches} as batch_ids
    from (${rowsSql(source, geography, moment(spec.asOf), { from: spec.from, to: spec.to, services: filter.serviceCodes, channels: filter.channels, unit: filter.unitCode })}) as g
    where ${conditions.join(' and ')}
    group by ${keys.map((_, index) => index + 1).join(', ')}`;
  if (!page) return { sql: grouped, params };
  // The page after the cursor (a keyset on the dimensions), with the count of every group of the cube.
  const columns = keys.map((_, index) => `c.d${index}`);
  const after = page.after ? `where (${columns.join(', ')}) > (${columns.map(() => '?').join(', ')})` : '';
  return {
    sql: `select * from (select c.*, (count(*) over ())::int as total_count from (${grouped}) as c) as c
      ${after} order by ${columns.join(', ')} limit ${page.limit + 1}`,
    params: [...params, ...(page.after ?? [])],
  };
}

type CubeKeys = {
  unitCode?: string;
  provinceCode?: string;
  serviceCode?: string;
  fieldCode?: string;
  month?: string;
  channel?: 'ONLINE' | 'IN_PERSON' | 'POST';
};
export type CubeRow = CubeKeys & ReturnType<typeof usageNumbers> & { batchIds: string[] };

/** A row of cubeSql as the schema's UsageCubeRow (and the CSV's row): its dimensions by name, its figures. */
export function cubeRow(
  spec: CubeSpec,
  row: SumsRow & Record<string, unknown> & { batch_ids: string[] },
): CubeRow {
  const dimensions: CubeKeys = Object.fromEntries(
    spec.dimensions.map((dimension, index) => [DIMENSIONS[dimension].column, row[`d${index}`]]),
  );
  return { ...dimensions, ...usageNumbers(row, moment(spec.asOf)), batchIds: row.batch_ids };
}

/** The columns a cube's dimensions fill, in order. */
export const dimensionColumns = (spec: CubeSpec) =>
  spec.dimensions.map((dimension) => DIMENSIONS[dimension].column);

/** One page of the cube: `first` (1 to 100) groups after the cursor `after`, in the order of the dimensions. */
export async function cubePage(
  em: SqlEntityManager,
  spec: CubeSpec,
  args: { first?: number | null; after?: string | null },
) {
  checkCube(spec);
  const first = args.first ?? 100;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(
      `\`first\` must be between 1 and ${MAX_PAGE_SIZE} (got ${first}); GET /exports/usage.csv streams a cube of any size`,
      { argumentName: 'first' },
    );
  }
  // One text part holding the key's values: the hub's cursors have at most four parts, a cube up to six.
  let after: unknown[] | null = null;
  if (args.after) {
    const [packed] = decodeCursor(args.after, ['text']);
    try {
      after = JSON.parse(String(packed));
    } catch {}
    if (!Array.isArray(after) || after.length !== spec.dimensions.length) {
      throw badUserInput('`after` is not a cursor of this cube; pass an `endCursor` from a previous page', {
        argumentName: 'after',
      });
    }
  }
  const { sql, params } = cubeSql(spec, { limit: first, after });
  const rows = await em.execute<
    (SumsRow & Record<string, unknown> & { batch_ids: string[]; total_count: number })[]
  >(sql, params);
  const edges = rows.slice(0, first).map((row) => ({
    cursor: encodeCursor([JSON.stringify(spec.dimensions.map((_, index) => row[`d${index}`]))]),
    node: cubeRow(spec, row),
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    // Counted before the keyset: every group of the cube. An empty page has no row to carry it (0).
    totalCount: rows[0]?.total_count ?? 0,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
