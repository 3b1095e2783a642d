import { badUserInput } from '@motcua/errors';

/**
 * Relay-style connections with keyset cursors. A cursor is the row's sort key, so paging stays stable while
 * rows are added or removed ahead of it (an offset cursor would skip or repeat rows).
 */
export type ConnectionArgs = { first?: number | null; after?: string | null };

export type Page = { limit: number; after: unknown[] | null };

export type Connection<T> = {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
};

export const MAX_PAGE_SIZE = 100;

export function encodeCursor(sortKey: unknown[]): string {
  return Buffer.from(JSON.stringify(sortKey), 'utf8').toString('base64url');
}

/**
 * What one part of a sort key must look like to be compared with its column: a cursor is checked part by part
 * before any SQL (a forged one is refused as BAD_USER_INPUT, never handed to PostgreSQL to fail on), and its
 * values only ever travel as parameters. `null` is accepted everywhere (an article not yet published).
 */
export type CursorPart = 'text' | 'uuid' | 'timestamp' | 'date' | 'integer' | 'number';

/**
 * A sort key's parts, or only its width: each part is then text or a finite number, which suits no column in
 * particular; lists name their parts.
 */
export type CursorShape = number | readonly CursorPart[];

const MAX_CURSOR_LENGTH = 1_000;
const MAX_TEXT_PART = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isText = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length <= MAX_TEXT_PART &&
  !value.includes('\u0000') &&
  value.isWellFormed();

const PART_CHECKS: Record<CursorPart | 'scalar', (value: unknown) => boolean> = {
  scalar: (value) => isText(value) || (typeof value === 'number' && Number.isFinite(value)),
  text: isText,
  uuid: (value) => typeof value === 'string' && UUID.test(value),
  timestamp: (value) =>
    typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)),
  date: (value) =>
    typeof value === 'string' &&
    (DATE.test(value) || TIMESTAMP.test(value)) &&
    !Number.isNaN(Date.parse(value)),
  // As text too: the partner feed writes its sequence numbers so, beyond what a double holds exactly.
  integer: (value) =>
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
    (typeof value === 'string' && /^\d{1,18}$/.test(value)),
  number: (value) => typeof value === 'number' && Number.isFinite(value),
};

export function decodeCursor(cursor: string, shape: CursorShape | readonly 'scalar'[]): unknown[] {
  const parts: readonly (CursorPart | 'scalar')[] =
    typeof shape === 'number' ? Array.from({ length: shape }, () => 'scalar' as const) : shape;
  let decoded: unknown;
  try {
    decoded =
      cursor.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]*$/.test(cursor)
        ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
        : undefined;
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== parts.length ||
    !decoded.every((value, index) => value === null || PART_CHECKS[parts[index] ?? 'scalar'](value))
  ) {
    throw badUserInput(
      '`after` is not a cursor returned by this list; pass an `endCursor` from a previous page',
      {
        argumentName: 'after',
      },
    );
  }
  return decoded;
}

/**
 * Whether a cursor has the shape of one the hub issues, whatever list it belongs to: base64url of a JSON array of
 * one to four texts or finite numbers. The gateway refuses any other before asking a subgraph, which checks the
 * parts against its own list (`decodeCursor`).
 */
export function cursorLooksIssued(cursor: string): boolean {
  for (const width of [1, 2, 3, 4]) {
    try {
      decodeCursor(
        cursor,
        Array.from({ length: width }, () => 'scalar' as const),
      );
      return true;
    } catch {}
  }
  return false;
}

/** Validates `first`/`after` and turns them into a SQL-ready page: fetch `limit + 1` rows to learn `hasNextPage`. */
export function toPage(args: ConnectionArgs, sortKey: CursorShape, defaultSize = 20): Page {
  const first = args.first ?? defaultSize;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE} (got ${first})`, {
      argumentName: 'first',
    });
  }
  return { limit: first, after: args.after ? decodeCursor(args.after, sortKey) : null };
}

/** Builds a connection from at most `page.limit + 1` rows already in order. */
export function toConnection<T>(
  rows: T[],
  page: Page,
  totalCount: number,
  sortKeyOf: (row: T) => unknown[],
): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(sortKeyOf(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/** Turns the rows and totals of several groups into one connection per group. */
export function toConnections<Row, T>(
  pages: Map<string, { rows: Row[]; total: number }>,
  page: Page,
  toNode: (row: Row) => T,
  sortKeyOf: (node: T) => unknown[],
): Map<string, Connection<T>> {
  return new Map(
    [...pages].map(([group, { rows, total }]) => [
      group,
      toConnection(rows.map(toNode), page, total, sortKeyOf),
    ]),
  );
}
