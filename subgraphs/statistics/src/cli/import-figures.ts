// `pnpm statistics:import <figures.csv|figures.json> --source <data source id> [--replace]`: validates monthly
// dossier figures and imports them in one transaction, exactly like `importDossierFigures`. A CSV file is
// streamed (memory stays flat whatever its size); a JSON file (an array of rows) is read whole. Service codes are
// checked against the catalog at SERVICES_URL (default: the local hub).
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { runImportCommand } from '@motcua/subgraph-runtime';
import { importFigureCsv, rowsAsCsv } from '../figures-import/import-figures.ts';
import { statisticsSubgraph } from '../subgraph.ts';
import { progressReporter } from './progress.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { source: { type: 'string' }, replace: { type: 'boolean', default: false } },
});
const [file] = positionals;
if (!file || !values.source) {
  console.error(
    'Usage: pnpm statistics:import <figures.csv|figures.json> --source <data source id> [--replace]',
  );
  process.exit(2);
}
const sourceId = values.source;
const mode = values.replace ? 'REPLACE' : 'MERGE';
const csv = extname(file).toLowerCase() === '.csv';

let bytesRead = 0;
async function* readFigures(): AsyncGenerator<Uint8Array | string> {
  if (!csv) {
    yield* rowsAsCsv(JSON.parse(readFileSync(file as string, 'utf8')) as unknown[]);
    return;
  }
  for await (const data of createReadStream(file as string, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    bytesRead += data.length;
    yield data;
  }
}

await runImportCommand(statisticsSubgraph, file, async (em, peers) => {
  const progress = progressReporter(csv ? statSync(file).size : null, () => bytesRead);
  try {
    const summary = await importFigureCsv(em, readFigures(), {
      sourceId,
      mode,
      importedBy: 'cli',
      peers,
      onProgress: progress.update,
    });
    return `${summary.inserted} inserted, ${summary.corrected} corrected, ${summary.unchanged} unchanged (batch ${summary.batchId})`;
  } finally {
    progress.stop();
  }
});
