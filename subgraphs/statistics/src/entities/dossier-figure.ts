import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { enumValues } from '../schema.ts';
import { DataSource } from './data-source.ts';

/**
 * Dossiers of one public service, in one administrative unit, in one month, through one channel. Services and
 * units are referenced by their keys in the graph (service code, unit code); their tables belong to the services
 * subgraph.
 */
export const DossierFigure = defineEntity({
  name: 'DossierFigure',
  tableName: 'dossier_figure',
  uniques: [{ properties: ['serviceCode', 'unitCode', 'month', 'channel'] }],
  properties: {
    id: p.bigint().primary().autoincrement(),
    serviceCode: p.string().index(),
    unitCode: p.string().index(),
    /** The province of `unitCode`, kept on the row so a province's figures add up without a join to another subgraph. */
    provinceCode: p.string().index(),
    /** First day of the month the figures are for. */
    month: p.date(),
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
  },
});
export type DossierFigure = InferEntity<typeof DossierFigure>;
