import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SUBGRAPH_NAMES } from '@motcua/config';
import { migratedSchemaDrift, openDatabase } from '@motcua/db';
import type { SubgraphModule } from '@motcua/subgraph-runtime';
import { createTestDatabase } from '@motcua/testkit';

// One folder for the embedded databases of the whole file: the first makes the PGlite template cluster, the
// others copy it, which is much cheaper than an initdb each.
const embeddedRoot = mkdtempSync(join(tmpdir(), 'motcua-schema-agreement-'));
afterAll(() => rmSync(embeddedRoot, { recursive: true, force: true }));

// Once the migrations have run, the ORM must find nothing to change: a difference here is what the next
// `migrator.create()` would write into a migration, and the failure lists its statements.
const modules = await Promise.all(
  SUBGRAPH_NAMES.map(
    async (name) => (await import(`../subgraphs/${name}/src/index.ts`)).default as SubgraphModule<unknown>,
  ),
);

describe.each(modules)('$name entities and migrations', ({ name: owner, entities, migrations }) => {
  it('agree on PostgreSQL', async () => {
    const database = await createTestDatabase();
    try {
      const target = { kind: 'postgres', url: database.url } as const;
      expect(await migratedSchemaDrift({ owner, target, entities, migrations })).toEqual([]);
    } finally {
      await database.drop();
    }
  });

  it('agree on the embedded PGlite', async () => {
    const target = { kind: 'embedded', dataDir: embeddedRoot } as const;
    expect(await migratedSchemaDrift({ owner, target, entities, migrations })).toEqual([]);
  });
});

// The one thing the migrations make that MikroORM cannot declare, and so the diff above cannot see: the facts are
// partitioned by month (statistics migration 0015). Checked exactly here: that table, that key, nothing else.
it('statistics partitions the facts by month, and nothing else', async () => {
  const statistics = modules.find((module) => module.name === 'statistics') as SubgraphModule<unknown>;
  const database = await createTestDatabase();
  try {
    const orm = await openDatabase({
      owner: 'statistics',
      target: { kind: 'postgres', url: database.url },
      entities: statistics.entities,
      migrations: statistics.migrations,
    });
    try {
      const partitioned = await orm.em.fork().execute<{ table: string; key: string }[]>(
        `select c.oid::regclass::text as table, pg_get_partkeydef(c.oid) as key
         from pg_partitioned_table p join pg_class c on c.oid = p.partrelid order by 1`,
      );
      expect(partitioned).toEqual([{ table: 'statistics.dossier_figure', key: 'RANGE (month)' }]);
    } finally {
      await orm.close(true);
    }
  } finally {
    await database.drop();
  }
});
