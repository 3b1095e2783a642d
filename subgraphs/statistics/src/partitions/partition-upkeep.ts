import type { Config } from '@motcua/config';
import { inBackground, type Orm } from '@motcua/db';
import { logger } from '@motcua/observability';
import { createPartitionsSql, monthsFrom } from './fact-partitions.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Makes the partitions of the current month and the `ahead` months after it that are missing; returns how many. */
export async function createPartitionsAhead(orm: Orm, ahead: number, today = new Date()): Promise<number> {
  const months = monthsFrom(today.toISOString().slice(0, 10), ahead + 1);
  const [row] = await inBackground(() =>
    orm.em.fork().execute<{ created: number }[]>(createPartitionsSql('?'), [JSON.stringify(months)]),
  );
  return row?.created ?? 0;
}

/**
 * The statistics subgraph's upkeep of the facts' partitions: at its start, then daily, the coming months'
 * partitions (FACT_PARTITIONS_AHEAD), so that the writes of a new month find it made. Every instance does it; the
 * function's advisory lock makes them take turns and all but the first find nothing to do. `ready` settles when
 * the first pass is done (a failure is logged, not thrown: the next pass, or an import, makes them).
 */
export function startPartitionUpkeep(orm: Orm, config: Pick<Config, 'factPartitionsAhead'>) {
  const pass = async () => {
    try {
      const created = await createPartitionsAhead(orm, config.factPartitionsAhead);
      if (created) logger.info({ created }, 'statistics: fact partitions created ahead');
    } catch (error) {
      logger.warn({ err: error }, 'statistics: could not create the coming months’ fact partitions');
    }
  };
  const ready = pass();
  let running = ready;
  const timer = setInterval(() => {
    running = pass();
  }, DAY_MS);
  timer.unref();
  return {
    ready,
    // A pass in flight finishes before the database closes.
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
