import { stringify } from 'csv-stringify/sync';

/** Rows as CSV with a header, numbers as they are (rates 0 to 1), for spreadsheets. */
export const toCsv = (rows: Record<string, unknown>[], columns: readonly string[]) =>
  stringify(rows, {
    header: true,
    columns: [...columns],
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });

export const SERIES_COLUMNS = [
  'period',
  'received',
  'receivedOnline',
  'onlineRate',
  'resolvedOnTime',
  'resolvedLate',
  'onTimeRate',
  'pending',
  'rejected',
  'approximate',
  'illustrative',
] as const;

export const SHARE_COLUMNS = [
  'key',
  'received',
  'receivedOnline',
  'onlineRate',
  'onTimeRate',
  'share',
  'approximate',
] as const;
