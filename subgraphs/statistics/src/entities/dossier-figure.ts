import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';
import { AGGREGATE_TRIGGERS } from '../aggregates/maintenance.ts';
import { enumValues } from '../schema.ts';
import { DataSource } from './data-source.ts';
import { ImportBatch } from './import-audit.ts';

/**
 * Dossiers of one public service, in one administrative unit, in one month, through one channel. Services and
 * units are referenced by their keys in the graph (service code, unit code); their tables belong to the services
 * subgraph.
 */
export const DossierFigure = defineEntity({
  name: 'DossierFigure',
  tableName: 'dossier_figure',
  uniques: [{ properties: ['serviceCode', 'unitCode', 'month', 'channel'] }],
  // Series are read by service, unit or province over a range of months.
  indexes: [
    { name: 'dossier_figure_service_code_index', properties: ['serviceCode', 'month'] },
    { name: 'dossier_figure_unit_code_index', properties: ['unitCode', 'month'] },
    { name: 'dossier_figure_province_code_index', properties: ['provinceCode', 'month'] },
    // A vintage reads the figures first imported after its date (src/sql/vintage.ts).
    { name: 'dossier_figure_imported_at_index', properties: ['importedAt'] },
  ],
  checks: [
    {
      name: 'dossier_figure_counts_check',
      expression: [
        '"received" >= 0',
        '"resolved_on_time" >= 0',
        '"resolved_late" >= 0',
        '"pending" >= 0',
        '"rejected" >= 0',
        'coalesce("paid_online", 0) >= 0',
        '"resolved_on_time" + "resolved_late" <= "received"',
      ].join(' and '),
    },
    { name: 'dossier_figure_month_check', expression: `extract(day from "month") = 1` },
  ],
  // Partitioned by month (migration 0015; MikroORM cannot declare partitioning, see tests/schema-agreement.test.ts).
  // Keep the usage aggregates exact in the transaction of every write (created by migration 0005, with a TRUNCATE
  // trigger too, which the ORM cannot see and so is not declared here).
  triggers: [
    ...AGGREGATE_TRIGGERS.filter(({ name }) => !name.endsWith('_truncate')).map(({ name, events, ddl }) => ({
      name,
      timing: 'after' as const,
      events: [...events],
      forEach: 'statement' as const,
      expression: ddl,
    })),
    // Any write bumps the statistics' data version at commit (migration 0015, see `dataVersionSql`).
    noteChangeTrigger('statistics', 'dossier_figure'),
  ],
  properties: {
    // With the month: the facts are partitioned by month (migration 0015), and a partitioned table's keys hold
    // its partition key. The id alone is still unique (one sequence); the pair is what references name.
    id: p.bigint().primary().autoincrement(),
    serviceCode: p.string(),
    unitCode: p.string(),
    /** The province of `unitCode`, kept on the row so a province's figures add up without a join to another subgraph. */
    provinceCode: p.string(),
    /** First day of the month the figures are for. */
    month: p.date().primary(),
    channel: p.enum(enumValues('Channel')),
    received: p.integer(),
    resolvedOnTime: p.integer().default(0),
    resolvedLate: p.integer().default(0),
    pending: p.integer().default(0),
    rejected: p.integer().default(0),
    /** Dossiers whose fee was paid online, when reported. */
    paidOnline: p.integer().nullable(),
    /** The service's field, as reported with the figures (statistics does not read the catalog's tables). */
    fieldCode: p.string().nullable(),
    source: () => p.manyToOne(DataSource),
    /** When the figure was first imported (facts stored before vintages existed: `-infinity`, known all along). */
    importedAt: p.datetime().defaultRaw('now()'),
    /** The import batch that first wrote the figure (provenance); null for facts seeded or loaded by hand. */
    batch: () =>
      p
        .manyToOne(ImportBatch)
        .nullable()
        .deleteRule('set null')
        // Checked at once, not deferred: a deferred check pending on the facts would stop the bulk load's
        // ALTER TABLE … DISABLE TRIGGER (see README); the import writes its batch row first.
        .foreignKeyName('dossier_figure_batch_id_fkey'),
    /** When an import last corrected the figure; null while it never was (then it is as first published). */
    revisedAt: p.datetime().nullable(),
  },
});
export type DossierFigure = InferEntity<typeof DossierFigure>;
