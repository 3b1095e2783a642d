// `pnpm catalog:import <file.json|file.csv>`: validates a catalog file and writes it in one transaction into the
// configured database (DATABASE_URL, or the embedded one), exactly like the `upsertServices` mutation, or, for a
// synonyms file (CSV header `term,synonym`), like `replaceSearchSynonyms`.
import { runImportCommand } from '@motcua/subgraph-runtime';
import { readImportFile } from '../catalog-import/read-catalog-file.ts';
import { replaceSynonyms } from '../catalog-import/replace-synonyms.ts';
import { upsertServices } from '../catalog-import/upsert-services.ts';
import { servicesSubgraph } from '../subgraph.ts';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('Usage: pnpm catalog:import <services.json|services.csv|synonyms.csv>');
  process.exit(2);
}

await runImportCommand(servicesSubgraph, file, async (em) => {
  const { kind, rows } = readImportFile(file);
  if (kind === 'synonyms') {
    const summary = await replaceSynonyms(em, rows);
    return `synonyms: ${summary.added} added, ${summary.removed} removed, ${summary.unchanged} unchanged`;
  }
  const summary = await upsertServices(em, rows);
  return `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`;
});
