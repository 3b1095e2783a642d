import { migratedSchemaDrift } from '@motcua/db';
import { createTestDatabase } from '@motcua/testkit';
const mod = (await import('/work/wt-index766/subgraphs/statistics/src/index.ts')).default;
const database = await createTestDatabase();
try {
  const d = await migratedSchemaDrift({ owner: 'statistics', target: { kind: 'postgres', url: database.url }, entities: mod.entities, migrations: mod.migrations });
  console.log(d.join('\n'));
} finally { await database.drop(); }
process.exit(0);
