// `pnpm catalog:import <file.json|file.csv>`: validates a catalog file and writes it in one transaction into the
// configured database (DATABASE_URL, or the embedded one), exactly like the `upsertServices` mutation, or, for a
// synonyms file (CSV header `term,synonym`), like `replaceSearchSynonyms`, and, for a JSON object of `events` and
// `bundles`, like `importEventsAndBundles`.
import { runImportCommand } from '@motcua/subgraph-runtime';
import { importEvents } from '../catalog-import/import-events.ts';
import { readImportFile } from '../catalog-import/read-catalog-file.ts';
import { replaceSynonyms } from '../catalog-import/replace-synonyms.ts';
import { upsertServices } from '../catalog-import/upsert-services.ts';
import { servicesSubgraph } from '../subgraph.ts';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('Usage: pnpm catalog:import <services.json|services.csv|synonyms.csv|events.json>');
  process.exit(2);
}

await runImportCommand(servicesSubgraph, file, async (em) => {
  const read = readImportFile(file);
  if (read.kind === 'events') {
    const { events, bundles } = await importEvents(em, read);
    const counts = (c: typeof events) =>
      `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
    return `events: ${counts(events)}; bundles: ${counts(bundles)}`;
  }
  if (read.kind === 'synonyms') {
    const summary = await replaceSynonyms(em, read.rows);
    return `synonyms: ${summary.added} added, ${summary.removed} removed, ${summary.unchanged} unchanged`;
  }
  const summary = await upsertServices(em, read.rows);
  return `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`;
});
