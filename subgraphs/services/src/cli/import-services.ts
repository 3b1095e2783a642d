// `pnpm catalog:import <file.json|file.csv>`: validates a catalog file and upserts it in one transaction into the
// configured database (DATABASE_URL, or the embedded one), exactly like the `upsertServices` mutation.
import { runImportCommand } from '@motcua/subgraph-runtime';
import { readCatalogFile } from '../catalog-import/read-catalog-file.ts';
import { upsertServices } from '../catalog-import/upsert-services.ts';
import { servicesSubgraph } from '../subgraph.ts';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('Usage: pnpm catalog:import <services.json|services.csv>');
  process.exit(2);
}

await runImportCommand(servicesSubgraph, file, async (em) => {
  const summary = await upsertServices(em, readCatalogFile(file));
  return `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`;
});
