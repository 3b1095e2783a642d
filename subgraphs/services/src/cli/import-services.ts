// `pnpm catalog:import <file.json|file.csv>`: validates a catalog file and upserts it in one transaction into the
// configured database (DATABASE_URL, or the embedded one), exactly like the `upsertServices` mutation.
import { ConfigError, loadConfig } from '@motcua/config';
import { openDatabase } from '@motcua/db';
import { GraphQLError } from 'graphql';
import { readCatalogFile } from '../catalog-import/read-catalog-file.ts';
import { type RowProblem, upsertServices } from '../catalog-import/upsert-services.ts';
import { servicesSubgraph } from '../subgraph.ts';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('Usage: pnpm catalog:import <services.json|services.csv>');
  process.exit(2);
}

try {
  const config = loadConfig();
  const rows = readCatalogFile(file);
  const orm = await openDatabase({
    owner: servicesSubgraph.name,
    target: config.database,
    entities: servicesSubgraph.entities,
    migrations: servicesSubgraph.migrations,
  });
  try {
    const summary = await upsertServices(orm.em.fork(), rows);
    console.log(
      `${file}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`,
    );
  } finally {
    await orm.close();
  }
} catch (error) {
  if (error instanceof GraphQLError && Array.isArray(error.extensions.rows)) {
    console.error(`${file}: nothing was written.`);
    for (const problem of error.extensions.rows as RowProblem[]) {
      console.error(
        `  row ${problem.row}${problem.code ? ` (${problem.code})` : ''}: ${problem.reasons.join('; ')}`,
      );
    }
    process.exit(1);
  }
  console.error(error instanceof ConfigError || error instanceof SyntaxError ? error.message : error);
  process.exit(1);
}
