import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';
import { enumValues } from '../schema.ts';
import { DataSource } from './data-source.ts';
import { ImportBatch } from './import-audit.ts';

/**
 * A version of the service index's criteria (Decision 766/QĐ-TTg): in effect from `effectiveFrom` until the next
 * version, so a period keeps being scored on the rules of its time after they change.
 */
export const ServiceIndexCriteriaSet = defineEntity({
  name: 'ServiceIndexCriteriaSet',
  tableName: 'service_index_criteria_set',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'service_index_criteria_set')],
  properties: {
    version: p.string().primary(),
    name: p.text(),
    effectiveFrom: p.date().unique(),
    illustrative: p.boolean().default(false),
    note: p.text().nullable(),
  },
});
export type ServiceIndexCriteriaSet = InferEntity<typeof ServiceIndexCriteriaSet>;

/** One criterion of a version: a rate of two inputs, turned into points by bands or proportionally. */
export const ServiceIndexCriterion = defineEntity({
  name: 'ServiceIndexCriterion',
  tableName: 'service_index_criterion',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'service_index_criterion')],
  properties: {
    criteriaSet: () => p.manyToOne(ServiceIndexCriteriaSet).primary().deleteRule('cascade'),
    code: p.string().primary(),
    group: p.enum(enumValues('ServiceIndexGroup')),
    position: p.smallint(),
    nameVi: p.text(),
    nameEn: p.text(),
    formula: p.enum(enumValues('ServiceIndexFormula')),
    numerator: p.enum(enumValues('ServiceIndexInput')),
    denominator: p.enum(enumValues('ServiceIndexInput')),
    /** BANDS: `[{ atLeast, points }]`, highest first. */
    bands: p.json<{ atLeast: number; points: number }[]>().nullable(),
    target: p.double().nullable(),
    maxPoints: p.double(),
    /** How the numerator reads in "N more … for +X points" (Vietnamese and English). */
    numeratorNounVi: p.text(),
    numeratorNounEn: p.text(),
  },
});
export type ServiceIndexCriterion = InferEntity<typeof ServiceIndexCriterion>;

/** A monthly count of one index input that dossier figures do not hold, as a unit reported it (imported). */
export const ServiceIndexInputCount = defineEntity({
  name: 'ServiceIndexInputCount',
  tableName: 'service_index_input',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'service_index_input')],
  // A province's communes, or every commune of the country, over a range of months.
  indexes: [
    { name: 'service_index_input_province_code_index', properties: ['provinceCode', 'month'] },
    { name: 'service_index_input_month_index', properties: ['month'] },
  ],
  checks: [{ name: 'service_index_input_value_check', expression: '"value" >= 0' }],
  properties: {
    unitCode: p.string().primary(),
    month: p.date().primary(),
    input: p.enum(enumValues('ServiceIndexInput')).primary(),
    /** The province of `unitCode` in that month, kept on the row as dossier figures keep it. */
    provinceCode: p.string(),
    value: p.integer(),
    source: () => p.manyToOne(DataSource),
  },
});
export type ServiceIndexInputCount = InferEntity<typeof ServiceIndexInputCount>;

/** A row of a dataset import (index inputs, surveys, indicator values) before a correction, and after it. */
export const DatasetRevision = defineEntity({
  name: 'DatasetRevision',
  tableName: 'dataset_revision',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'dataset_revision')],
  indexes: [{ name: 'dataset_revision_dataset_row_key_index', properties: ['dataset', 'rowKey'] }],
  properties: {
    id: p.bigint().primary().autoincrement(),
    dataset: p.enum(enumValues('ImportDataset')),
    /** The row's key as the import's fields name it: `{ unitCode, month, input }`. */
    rowKey: p.json<Record<string, unknown>>(),
    batch: () => p.manyToOne(ImportBatch).deferMode('deferred'),
    revisedAt: p.datetime(),
    previous: p.json<Record<string, unknown>>(),
    current: p.json<Record<string, unknown>>(),
  },
});
export type DatasetRevision = InferEntity<typeof DatasetRevision>;
