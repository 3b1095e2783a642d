import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';
import { enumValues } from '../schema.ts';
import { DataSource } from './data-source.ts';
import { DossierFigure } from './dossier-figure.ts';

/** One import of dossier figures, and what it did (written by the import in the same transaction). */
export const ImportBatch = defineEntity({
  name: 'ImportBatch',
  tableName: 'import_batch',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'import_batch')],
  properties: {
    id: p.uuid().primary(),
    source: () => p.manyToOne(DataSource).foreignKeyName('import_batch_source_id_fkey'),
    importedAt: p.datetime(),
    importedBy: p.text().nullable(),
    rows: p.integer(),
    inserted: p.integer(),
    corrected: p.integer(),
    unchanged: p.integer(),
    /** How the batch's rows treated the values they omitted (see `ImportMode` in the schema). */
    mode: p.enum(enumValues('ImportMode')).default('MERGE'),
  },
});
export type ImportBatch = InferEntity<typeof ImportBatch>;

/** A figure as it was before an import corrected it, and as that import left it: published figures keep their history. */
export const FigureRevision = defineEntity({
  name: 'FigureRevision',
  tableName: 'figure_revision',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'figure_revision')],
  indexes: [
    // A figure's trail, and its latest correction up to a moment (a vintage, src/sql/vintage.ts), by one probe.
    { name: 'figure_revision_figure_id_index', properties: ['figure', 'revisedAt'] },
    // A vintage reads the corrections after its date within its scope: a unit's, a province's, a service's.
    { name: 'figure_revision_service_code_index', properties: ['serviceCode', 'revisedAt'] },
    { name: 'figure_revision_unit_code_index', properties: ['unitCode', 'revisedAt'] },
    { name: 'figure_revision_province_code_index', properties: ['provinceCode', 'revisedAt'] },
  ],
  properties: {
    id: p.bigint().primary().autoincrement(),
    // The figure's id and month (its key in the partitioned facts: migration 0015); the month is the revision's own.
    figure: () =>
      p
        .manyToOne(DossierFigure)
        .joinColumns('figure_id', 'month')
        .deleteRule('cascade')
        .foreignKeyName('figure_revision_figure_id_fkey'),
    // Deferred since the import wrote revisions before their batch row; it now writes the batch first, and revisions
    // are never bulk-loaded, so the deferral costs nothing.
    batch: () =>
      p.manyToOne(ImportBatch).deferMode('deferred').foreignKeyName('figure_revision_batch_id_fkey'),
    // The key of the corrected figure, which no correction changes (migration 0014), copied so that a vintage
    // narrows the corrections on its question's scope without reading their figures first.
    serviceCode: p.string(),
    unitCode: p.string(),
    provinceCode: p.string(),
    month: p.date().persist(false),
    channel: p.enum(enumValues('Channel')),
    revisedAt: p.datetime().index('figure_revision_revised_at_index'),
    previous: p.json<Record<string, unknown>>(),
    current: p.json<Record<string, unknown>>(),
  },
});
export type FigureRevision = InferEntity<typeof FigureRevision>;
