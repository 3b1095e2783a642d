// `pnpm statistics:partitions list` | `create` | `archive --before <YYYY-MM> --to <dir>`: the monthly partitions of
// the facts (statistics.dossier_figure). `list` shows them with their size and the months archived; `create` makes
// the current month's and FACT_PARTITIONS_AHEAD more (as the hub does at its start and daily); `archive` archives
// every month before the one given, one transaction each: the partition detached, its rows written to
// <dir>/dossier_figure_YYYY_MM.csv.gz (and its revisions to figure_revision_YYYY_MM.csv.gz), then dropped (see
// README, "Partitions of the facts"). It writes to DATABASE_URL, or to the embedded databases of DATA_DIR when no
// hub has them open.
import { parseArgs } from 'node:util';
import { loadConfig } from '@motcua/config';
import { embeddedDataOwner, openDatabase } from '@motcua/db';
import { archiveBefore, listArchived, listPartitions } from '../partitions/archive.ts';
import { createPartitionsAhead } from '../partitions/partition-upkeep.ts';
import { statisticsSubgraph } from '../subgraph.ts';

const USAGE = 'Usage: pnpm statistics:partitions list | create | archive --before <YYYY-MM> --to <directory>';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { before: { type: 'string' }, to: { type: 'string' } },
});
const [command] = positionals;
if (
  !command ||
  !['list', 'create', 'archive'].includes(command) ||
  (command === 'archive' && (!values.before || !/^\d{4}-\d{2}$/.test(values.before) || !values.to))
) {
  console.error(USAGE);
  process.exit(2);
}

const config = loadConfig();
if (config.database.kind === 'embedded' && embeddedDataOwner(config.database.dataDir)) {
  console.error('A hub has the embedded databases open: stop it first, or run this against DATABASE_URL.');
  process.exit(1);
}
const orm = await openDatabase({
  owner: statisticsSubgraph.name,
  target: config.database,
  entities: statisticsSubgraph.entities,
  migrations: statisticsSubgraph.migrations,
});
try {
  const em = orm.em.fork();
  if (command === 'create') {
    const created = await createPartitionsAhead(orm, config.factPartitionsAhead);
    console.log(`${created} partitions created (the current month and ${config.factPartitionsAhead} ahead)`);
  } else if (command === 'archive') {
    const archived = await archiveBefore(em, values.before as string, values.to as string);
    for (const month of archived) {
      console.log(
        `${month.month}: ${month.rows} facts (${month.received} received) archived to ${month.file}`,
      );
    }
    if (!archived.length) console.log(`No partition before ${values.before}: nothing archived`);
  } else {
    for (const row of await listPartitions(em)) {
      console.log(
        `${row.month}  ${row.partition}  ~${Number(row.estimated_rows).toLocaleString('en')} rows  ${(Number(row.bytes) / 1048576).toFixed(1)} MB`,
      );
    }
    for (const row of await listArchived(em)) {
      console.log(`${row.month}  archived ${row.archived_at}: ${row.rows} facts in ${row.file}`);
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await orm.close();
}
