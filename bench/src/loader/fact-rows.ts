// How a fact row is written for COPY into the hub's table of monthly figures (the bulk of the dataset, and the
// import scenario's baseline): the columns, in the order the lines give them.
import type { FactRow } from '../generator/facts.ts';
import { csvLine } from './copy.ts';

export const FACT_COLUMNS = [
  'service_code',
  'unit_code',
  'province_code',
  'month',
  'channel',
  'received',
  'resolved_on_time',
  'resolved_late',
  'pending',
  'rejected',
  'paid_online',
  'field_code',
  'source_id',
];

export const factCopyLine = (row: FactRow, source: string) =>
  csvLine([
    row.serviceCode,
    row.unitCode,
    row.provinceCode,
    `${row.month}-01`,
    row.channel,
    row.received,
    row.resolvedOnTime,
    row.resolvedLate,
    row.pending,
    row.rejected,
    row.paidOnline,
    row.fieldCode,
    source,
  ]);

/**
 * The partitions of some months (a JSON array of ISO dates, `$1`), made by the hub's own function (migration 0015
 * of the statistics subgraph): the facts are partitioned by month with no default partition, so a COPY needs them.
 */
export const CREATE_PARTITIONS =
  'select statistics.create_fact_partitions(array(select jsonb_array_elements_text($1::jsonb)::date))';
