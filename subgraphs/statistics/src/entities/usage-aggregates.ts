import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { noteChangeTrigger } from '@motcua/db';

/**
 * Sums of dossier_figure by month, channel and source at three grains, kept exact by the triggers on dossier_figure
 * (src/aggregates/maintenance.ts) in the transaction of every write. Never written by the application. Each row
 * keeps both maps: where its figures were reported (`unit_code`, `province_code`) and where they count today
 * (`unit_key`, `province_key`, from unit_rollup), and how many facts it adds up (rows reaching 0 are deleted).
 */
const sums = () => ({
  month: p.date().primary(),
  channel: p.string().primary(),
  sourceId: p.string().primary(),
  facts: p.integer(),
  /** Facts counted towards a unit that was split in 2025 (see UsagePoint.approximate). */
  approximateFacts: p.integer(),
  received: p.bigint('number'),
  resolvedOnTime: p.bigint('number'),
  resolvedLate: p.bigint('number'),
  pending: p.bigint('number'),
  rejected: p.bigint('number'),
  /** Facts corrected at least once (their figures are REVISED). */
  revisedFacts: p.integer().default(0),
  /** The latest correction of any of the facts. */
  lastRevisedAt: p.datetime().nullable(),
});

/** Per unit as reported (a commune, or a province for province-level services): series, rankings, breakdowns by unit. */
export const UsageByUnit = defineEntity({
  name: 'UsageByUnit',
  tableName: 'usage_by_unit',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'usage_by_unit')],
  indexes: [
    { name: 'usage_by_unit_unit_key_index', properties: ['unitKey', 'month'] },
    { name: 'usage_by_unit_province_key_index', properties: ['provinceKey', 'month'] },
    { name: 'usage_by_unit_province_code_index', properties: ['provinceCode', 'month'] },
    { name: 'usage_by_unit_month_index', properties: ['month'] },
  ],
  properties: {
    unitCode: p.string().primary(),
    provinceCode: p.string().primary(),
    unitKey: p.string().primary(),
    provinceKey: p.string().primary(),
    ...sums(),
  },
});
export type UsageByUnit = InferEntity<typeof UsageByUnit>;

/** Per province: the country's and a province's totals, series and breakdowns by province or channel. */
export const UsageByProvince = defineEntity({
  name: 'UsageByProvince',
  tableName: 'usage_by_province',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'usage_by_province')],
  indexes: [
    { name: 'usage_by_province_province_key_index', properties: ['provinceKey', 'month'] },
    { name: 'usage_by_province_month_index', properties: ['month'] },
  ],
  properties: {
    provinceCode: p.string().primary(),
    provinceKey: p.string().primary(),
    ...sums(),
  },
});
export type UsageByProvince = InferEntity<typeof UsageByProvince>;

/** Per service and field: a service's usage and series, the country's breakdowns by service or field. */
export const UsageByService = defineEntity({
  name: 'UsageByService',
  tableName: 'usage_by_service',
  // Any write bumps the statistics data version at commit (see `dataVersionSql`).
  triggers: [noteChangeTrigger('statistics', 'usage_by_service')],
  indexes: [
    { name: 'usage_by_service_service_code_index', properties: ['serviceCode', 'month'] },
    { name: 'usage_by_service_month_index', properties: ['month'] },
  ],
  properties: {
    serviceCode: p.string().primary(),
    /** The field as reported with the figures, `unknown` when none was. */
    fieldKey: p.string().primary(),
    ...sums(),
  },
});
export type UsageByService = InferEntity<typeof UsageByService>;
