import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';
import { enumValues } from '../schema.ts';
import { DataSource } from './data-source.ts';

// The foreign keys are named as PostgreSQL named the inline `references` of their migration.

/** An administrative reform programme, e.g. Hà Nội's Chương trình 08-CTr/TU (2016–2020). */
export const ReformProgramme = defineEntity({
  name: 'ReformProgramme',
  tableName: 'reform_programme',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'reform_programme')],
  properties: {
    code: p.string().primary(),
    name: p.text(),
    owner: p.text(),
    unitCode: p.string(),
    periodStart: p.date(),
    periodEnd: p.date(),
    source: () => p.manyToOne(DataSource).foreignKeyName('reform_programme_source_id_fkey'),
  },
});
export type ReformProgramme = InferEntity<typeof ReformProgramme>;

/** A KPI target of a programme; its status is derived from its values, never typed in. */
export const Indicator = defineEntity({
  name: 'Indicator',
  tableName: 'indicator',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'indicator')],
  properties: {
    id: p.string().primary(),
    programme: () => p.manyToOne(ReformProgramme).index().foreignKeyName('indicator_programme_code_fkey'),
    position: p.smallint(),
    nameVi: p.text(),
    nameEn: p.text().nullable(),
    unitOfMeasure: p.string(),
    direction: p.enum(enumValues('TargetDirection')),
    target: p.double(),
    baseline: p.double().nullable(),
    targetDate: p.date(),
    /** True when the indicator's name, target or values are illustrative (not all 15 are named in public reports). */
    illustrative: p.boolean().default(false),
    source: () => p.manyToOne(DataSource).foreignKeyName('indicator_source_id_fkey'),
  },
});
export type Indicator = InferEntity<typeof Indicator>;

/** A measured value of an indicator for a period. */
export const IndicatorValue = defineEntity({
  name: 'IndicatorValue',
  tableName: 'indicator_value',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'indicator_value')],
  properties: {
    indicator: () => p.manyToOne(Indicator).primary().foreignKeyName('indicator_value_indicator_id_fkey'),
    /** The period's last day: the value was reached by then. */
    periodEnd: p.date().primary(),
    period: p.string(),
    value: p.double(),
    source: () => p.manyToOne(DataSource).foreignKeyName('indicator_value_source_id_fkey'),
  },
});
export type IndicatorValue = InferEntity<typeof IndicatorValue>;

/** A scheme or plan of a programme, and whether it was completed. */
export const ProgrammeScheme = defineEntity({
  name: 'ProgrammeScheme',
  tableName: 'programme_scheme',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'programme_scheme')],
  properties: {
    id: p.integer().primary().autoincrement(),
    programme: () =>
      p.manyToOne(ReformProgramme).index().foreignKeyName('programme_scheme_programme_code_fkey'),
    name: p.text(),
    completedOn: p.date().nullable(),
    illustrative: p.boolean().default(false),
  },
});
export type ProgrammeScheme = InferEntity<typeof ProgrammeScheme>;
