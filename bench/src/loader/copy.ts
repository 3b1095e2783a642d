// PostgreSQL COPY from a stream of rows (pg-copy-streams), in CSV format: the way to load a table the hub has no
// import for, and the baseline the hub's own import is measured against.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null | string[];

/** A CSV field: empty for NULL, quoted text (quotes doubled), arrays as PostgreSQL array literals. */
function field(value: CopyValue): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = Array.isArray(value)
    ? `{${value.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`
    : value;
  return `"${text.replaceAll('"', '""')}"`;
}

export const csvLine = (values: CopyValue[]) => `${values.map(field).join(',')}\n`;

/** Lines grouped into chunks of about 64 KB, so the stream is not driven one short string at a time. */
async function* chunked(lines: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  let chunk = '';
  for await (const line of lines) {
    chunk += line;
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** COPYs CSV lines into `table (columns)` on `client` (inside the caller's transaction, if any). */
export async function copyLines(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  lines: Iterable<string> | AsyncIterable<string>,
): Promise<number> {
  const target = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`));
  await pipeline(Readable.from(chunked(lines)), target);
  return Number(target.rowCount ?? 0);
}

/** COPYs rows given as value lists. */
export function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: string[],
  rows: Iterable<CopyValue[]>,
): Promise<number> {
  return copyLines(
    client,
    table,
    columns,
    (function* () {
      for (const row of rows) yield csvLine(row);
    })(),
  );
}
