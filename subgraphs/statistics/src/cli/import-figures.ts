// `pnpm statistics:import <figures.csv|figures.json> --source <data source id>`: validates monthly dossier figures
// and imports them in one transaction into the configured database, exactly like `importDossierFigures`. Service
// codes are checked against the catalog at SERVICES_URL (default: the local hub).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { runImportCommand } from '@motcua/subgraph-runtime';
import { parse } from 'csv-parse/sync';
import { importFigures } from '../figures-import/import-figures.ts';
import { statisticsSubgraph } from '../subgraph.ts';

const NUMBERS = new Set(['received', 'resolvedOnTime', 'resolvedLate', 'pending', 'rejected', 'paidOnline']);

/** CSV rows with a header of input field names; numbers become numbers, empty cells are left out. */
function readRows(file: string): unknown[] {
  const content = readFileSync(file, 'utf8');
  if (extname(file).toLowerCase() !== '.csv') return JSON.parse(content) as unknown[];
  const records = parse(content, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Record<
    string,
    string
  >[];
  return records.map((record) =>
    Object.fromEntries(
      Object.entries(record)
        .filter(([, cell]) => cell !== '')
        .map(([column, cell]) => [
          column,
          NUMBERS.has(column) && !Number.isNaN(Number(cell)) ? Number(cell) : cell,
        ]),
    ),
  );
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { source: { type: 'string' } },
});
const [file] = positionals;
if (!file || !values.source) {
  console.error('Usage: pnpm statistics:import <figures.csv|figures.json> --source <data source id>');
  process.exit(2);
}

await runImportCommand(statisticsSubgraph, file, async (em, peers) => {
  const summary = await importFigures(em, values.source ?? '', readRows(file), 'cli', peers);
  return `${summary.inserted} inserted, ${summary.corrected} corrected, ${summary.unchanged} unchanged (batch ${summary.batchId})`;
});
