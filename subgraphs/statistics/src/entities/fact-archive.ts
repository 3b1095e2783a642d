import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * A month whose facts were archived (`pnpm statistics:partitions archive`): its partition detached, written to a
 * file and dropped. The usage aggregates still hold the month's sums (published figures stay answerable); a read
 * of the month's raw facts is refused (FACTS_ARCHIVED) rather than answered with less, and no import may write the
 * month again (it would count twice in the aggregates).
 */
export const FactArchive = defineEntity({
  name: 'FactArchive',
  tableName: 'fact_archive',
  properties: {
    month: p.date().primary(),
    /** The partition the facts were in. */
    partition: p.text(),
    rows: p.bigint(),
    /** The sum of their received dossiers, to check a restored file against. */
    received: p.bigint(),
    /** Where the archive file was written (on the machine that ran the command). */
    file: p.text(),
    archivedAt: p.datetime(),
  },
});
export type FactArchive = InferEntity<typeof FactArchive>;
