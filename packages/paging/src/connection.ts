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

export function decodeCursor(cursor: string, width: number): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== width) {
    throw badUserInput(
      '`after` is not a cursor returned by this list; pass an `endCursor` from a previous page',
      {
        argumentName: 'after',
      },
    );
  }
  return decoded;
}

/** Validates `first`/`after` and turns them into a SQL-ready page: fetch `limit + 1` rows to learn `hasNextPage`. */
export function toPage(args: ConnectionArgs, sortKeyWidth: number, defaultSize = 20): Page {
  const first = args.first ?? defaultSize;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE} (got ${first})`, {
      argumentName: 'first',
    });
  }
  return { limit: first, after: args.after ? decodeCursor(args.after, sortKeyWidth) : null };
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
