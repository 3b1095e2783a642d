import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CsvChunk } from './csv-chunks.ts';

/** Where COPY stopped on bad data: the row (1-based, of the data sent) and PostgreSQL's reason. */
export class CopyRejected extends Error {
  readonly row: number | null;
  /** The column whose cell could not be read, and that cell, when PostgreSQL names them. */
  readonly column: string | null;
  readonly value: string | null;
  constructor(message: string, row: number | null, column: string | null, value: string | null) {
    super(message);
    this.row = row;
    this.column = column;
    this.value = value;
  }
}

/**
 * One connection in one transaction, for an import: plain SQL with `$1` parameters (triggers fire as for any
 * statement) and COPY of CSV chunks into a table of that transaction.
 */
export type ImportSession = {
  query: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
  /** Rows a statement changed. */
  run: (sql: string, params?: unknown[]) => Promise<number>;
  /** `copy <target> from stdin with (format csv)`, fed with every chunk; bad data rejects with CopyRejected. */
  copyCsv: (target: string, chunks: AsyncIterable<CsvChunk>) => Promise<void>;
};

type DatabaseError = Error & { code?: string; where?: string };

/** Bad data in COPY (SQLSTATE class 22, e.g. a missing column or invalid UTF-8) is the file's fault, not ours. */
function copyError(error: unknown, firstRow: number): unknown {
  const { code, where, message } = error as DatabaseError;
  if (typeof code !== 'string' || !code.startsWith('22')) return error;
  const line = /line (\d+)/.exec(where ?? '')?.[1];
  const cell = /column (\w+): "(.*)"$/s.exec(where ?? '');
  return new CopyRejected(
    message,
    line ? firstRow - 1 + Number(line) : null,
    cell?.[1] ?? null,
    cell?.[2] ?? null,
  );
}

function isPglite(native: unknown): native is PGlite {
  return typeof (native as PGlite).transaction === 'function';
}

/**
 * Runs `work` in one transaction on a connection of its own (PostgreSQL) or in a PGlite transaction (embedded):
 * committed when `work` returns, rolled back when it throws or when the process dies before the end.
 */
export async function inImportTransaction<T>(
  em: SqlEntityManager,
  work: (session: ImportSession) => Promise<T>,
): Promise<T> {
  const native: unknown = await em.getConnection().getNativeClient();
  if (isPglite(native)) return native.transaction((tx) => work(pgliteSession(tx)));
  const client = await (native as pg.Pool).connect();
  let broken = false;
  try {
    await client.query('begin');
    const result = await work(postgresSession(client));
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

function postgresSession(client: pg.PoolClient): ImportSession {
  return {
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    run: async (sql, params = []) => (await client.query(sql, params)).rowCount ?? 0,
    copyCsv: async (target, chunks) => {
      try {
        const copy = client.query(copyFrom(`copy ${target} from stdin with (format csv)`));
        await pipeline(
          Readable.from(
            (async function* () {
              for await (const chunk of chunks) yield chunk.data;
            })(),
          ),
          copy,
        );
      } catch (error) {
        throw copyError(error, 1);
      }
    },
  };
}

function pgliteSession(tx: Transaction): ImportSession {
  return {
    query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows,
    run: async (sql, params = []) => (await tx.query(sql, params)).affectedRows ?? 0,
    // PGlite has no COPY FROM STDIN: each chunk is a blob of its own, so memory still holds one chunk at a time.
    copyCsv: async (target, chunks) => {
      for await (const chunk of chunks) {
        try {
          await tx.query(`copy ${target} from '/dev/blob' with (format csv)`, [], {
            blob: new Blob([new Uint8Array(chunk.data)]),
          });
        } catch (error) {
          throw copyError(error, chunk.firstRow);
        }
      }
    },
  };
}
