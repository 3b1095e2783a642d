// The limit server: plain `node:http` and `pg`, answering the portal page and the catalog browse at /graphql with
// hand-written SQL and the same JSON as the hub. No GraphQL parsing, validation, planning or federation: what is
// left is HTTP, SQL and JSON, the floor the hub's own layers are measured against. Run by the benchmark as
// `node bench/src/limit/limit-server.ts` with PORT and DATABASE_URL.
import { createServer } from 'node:http';
import pg from 'pg';
import { catalogBrowse, type LimitOperation, servicePage } from './limit-sql.ts';

const port = Number(process.env.PORT ?? 5120);
// As many connections as one subgraph of the hub has (MikroORM's pool of 10).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const OPERATIONS: Record<
  LimitOperation,
  (pool: pg.Pool, variables: Record<string, unknown>) => Promise<unknown>
> = {
  ServicePage: servicePage,
  CatalogBrowse: catalogBrowse,
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    void (async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          operationName?: LimitOperation;
          variables?: Record<string, unknown>;
        };
        const operation = body.operationName && OPERATIONS[body.operationName];
        if (!operation) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              errors: [{ message: 'The limit server answers ServicePage and CatalogBrowse only' }],
            }),
          );
          return;
        }
        const result = JSON.stringify(await operation(pool, body.variables ?? {}));
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(result),
        });
        res.end(result);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
      }
    })();
  });
});

server.listen(port, '127.0.0.1', () => console.log(`limit server on :${port}`));
const stop = () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
