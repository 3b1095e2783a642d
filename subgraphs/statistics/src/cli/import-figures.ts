// `pnpm statistics:import <figures.csv|figures.json> --source <data source id>`: validates monthly dossier figures
// and imports them in one transaction into the configured database, exactly like `importDossierFigures`. Service
// codes are checked against the catalog at SERVICES_URL (default: the local hub).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@motcua/config';
import { openDatabase } from '@motcua/db';
import { parse } from 'csv-parse/sync';
import { GraphQLError } from 'graphql';
import { importFigures, type RowProblem } from '../figures-import/import-figures.ts';
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

try {
  const config = loadConfig();
  const rows = readRows(file);
  const orm = await openDatabase({
    owner: statisticsSubgraph.name,
    target: config.database,
    entities: statisticsSubgraph.entities,
    migrations: statisticsSubgraph.migrations,
  });
  try {
    const servicesUrl =
      config.subgraphUrls.services ?? `http://${config.host}:${config.subgraphsPort}/services/graphql`;
    const summary = await importFigures(orm.em.fork(), values.source, rows, 'cli', servicesUrl);
    console.log(
      `${file}: ${summary.inserted} inserted, ${summary.corrected} corrected, ${summary.unchanged} unchanged (batch ${summary.batchId})`,
    );
  } finally {
    await orm.close();
  }
} catch (error) {
  if (error instanceof GraphQLError) {
    console.error(
      `${file}: nothing was written. ${Array.isArray(error.extensions.rows) ? '' : error.message}`.trim(),
    );
    for (const problem of (error.extensions.rows ?? []) as RowProblem[]) {
      console.error(`  row ${problem.row}: ${problem.reasons.join('; ')}`);
    }
    process.exit(1);
  }
  console.error(error instanceof ConfigError || error instanceof SyntaxError ? error.message : error);
  process.exit(1);
}
