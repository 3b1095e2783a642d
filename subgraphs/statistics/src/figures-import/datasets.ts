import { IMPORTED_INPUTS } from '../service-index/scores.ts';
import type { Dataset } from './dataset-import.ts';
import { RULES } from './figure-input.ts';

const UNIT_RULE = {
  pattern: RULES.unitCode,
  message: 'unitCode must be a province (2 digits) or commune (5 digits) code',
};
const MONTH = '^[0-9]{4}-(0[1-9]|1[0-2])$';
const monthOf = (column: string) =>
  `case when t.${column} ~ '${MONTH}' then to_date(t.${column}, 'YYYY-MM') end`;

/** Monthly counts of the index inputs that dossier figures do not hold (importServiceIndexInputs). */
export const SERVICE_INDEX_INPUTS: Dataset = {
  name: 'SERVICE_INDEX_INPUTS',
  table: 'statistics.service_index_input',
  columns: [
    { field: 'unitCode', column: 'unit_code', type: 'text', required: true, rule: UNIT_RULE },
    { field: 'month', column: 'month', type: 'month', required: true },
    {
      field: 'input',
      column: 'input',
      type: 'text',
      required: true,
      rule: {
        pattern: `^(${IMPORTED_INPUTS.join('|')})$`,
        message: `input must be one of ${IMPORTED_INPUTS.join(', ')} (the others come from dossier figures and surveys)`,
      },
    },
    { field: 'value', column: 'value', type: 'count', required: true },
  ],
  derived: { month_d: monthOf('month') },
  units: true,
  key: { unit_code: 'i.unit_code', month: 'i.month_d', input: 'i.input' },
  values: { province_code: { value: 'u.province_code' }, value: { value: 'i.value' } },
  reasons: () => [],
  rowKey: { unitCode: 'i.unit_code', month: 'i.month', input: 'i.input' },
};

/** Satisfaction survey results (importSatisfactionSurveys): one row per unit, agency and first month. */
export const SATISFACTION_SURVEYS: Dataset = {
  name: 'SATISFACTION_SURVEYS',
  table: 'statistics.satisfaction_survey',
  columns: [
    { field: 'unitCode', column: 'unit_code', type: 'text', required: true, rule: UNIT_RULE },
    {
      field: 'agencyCode',
      column: 'agency_code',
      type: 'text',
      rule: { pattern: '^.{1,100}$', message: 'agencyCode must be at most 100 characters' },
    },
    { field: 'from', column: 'from_month', type: 'month', required: true },
    { field: 'to', column: 'to_month', type: 'month', required: true },
    { field: 'respondents', column: 'respondents', type: 'count', required: true },
    { field: 'satisfied', column: 'satisfied', type: 'count' },
  ],
  derived: {
    month_d: monthOf('from_month'),
    to_d: `(${monthOf('to_month')} + interval '1 month' - interval '1 day')::date`,
  },
  units: true,
  key: { unit_code: 'i.unit_code', agency_code: `coalesce(i.agency_code, '')`, period_start: 'i.month_d' },
  values: {
    period_end: { value: 'i.to_d' },
    respondents: { value: 'i.respondents' },
    satisfied: { value: 'i.satisfied', default: '0' },
  },
  reasons: (merged) => [
    `case when i.to_d < i.month_d then 'to must not be before from' end`,
    `case when ${merged('satisfied')} > i.respondents then 'satisfied must not exceed respondents' end`,
  ],
  rowKey: { unitCode: 'i.unit_code', agencyCode: `coalesce(i.agency_code, '')`, from: 'i.from_month' },
};

const PERIOD = '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$';

/** The last day of a period written 2020, 2020-Q3 or 2020-07 (rows that match PERIOD only). */
const periodEnd = `case when t.period !~ '${PERIOD}' then null
  when length(t.period) = 4 then make_date(left(t.period, 4)::int, 12, 31)
  when t.period like '%Q%' then (make_date(left(t.period, 4)::int, right(t.period, 1)::int * 3, 1) + interval '1 month' - interval '1 day')::date
  else (to_date(t.period, 'YYYY-MM') + interval '1 month' - interval '1 day')::date end`;

/** Values of reform programme indicators (importIndicatorValues): one row per indicator and period. */
export const INDICATOR_VALUES: Dataset = {
  name: 'INDICATOR_VALUES',
  table: 'statistics.indicator_value',
  columns: [
    {
      field: 'indicatorId',
      column: 'indicator_id',
      type: 'text',
      required: true,
      rule: { pattern: '^.{1,100}$', message: 'indicatorId must be at most 100 characters' },
    },
    {
      field: 'period',
      column: 'period',
      type: 'text',
      required: true,
      rule: { pattern: PERIOD, message: 'period must be written 2020, 2020-Q3 or 2020-07' },
    },
    { field: 'value', column: 'value', type: 'number', required: true },
  ],
  derived: { period_end: periodEnd },
  units: false,
  key: { indicator_id: 'i.indicator_id', period_end: 'i.period_end' },
  values: { period: { value: 'i.period' }, value: { value: 'i.value' } },
  reasons: () => [
    `case when not exists (select 1 from statistics.indicator x where x.id = i.indicator_id)
      then format('indicatorId %s is not an indicator of a reform programme', i.indicator_id) end`,
    `case when i.period_end > current_date + 366 then 'period must not be more than a year ahead' end`,
  ],
  rowKey: { indicatorId: 'i.indicator_id', period: 'i.period' },
};

export const DATASETS = { SERVICE_INDEX_INPUTS, SATISFACTION_SURVEYS, INDICATOR_VALUES };
