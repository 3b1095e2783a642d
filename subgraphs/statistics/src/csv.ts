import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would read as a formula (OWASP's CSV injection rule: a leading `=`, `+`, `-`, `@`, tab or
 * carriage return) is prefixed with a single quote, so that Excel, LibreOffice and Google Sheets show it as text.
 * Numbers are written as numbers: only text reaches this, and an imported field code or unit name is text.
 */
export const neutraliseFormula = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

/** Rows as CSV with a header, numbers as they are (rates 0 to 1), for spreadsheets; text cells cannot be formulas. */
export const toCsv = (rows: Record<string, unknown>[], columns: readonly string[], header = true) =>
  stringify(rows, {
    header,
    columns: [...columns],
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      date: (value) => value.toISOString(),
      string: (value) => neutraliseFormula(value),
    },
  });

// New columns go after the ones spreadsheets already read by position.
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
  'status',
  'lastRevisedAt',
  'sources',
  'serviceCode',
  'serviceName',
  'unitCode',
  'unitName',
] as const;

export const SHARE_COLUMNS = [
  'key',
  'received',
  'receivedOnline',
  'onlineRate',
  'onTimeRate',
  'share',
  'approximate',
  'name',
  'illustrative',
  'status',
  'lastRevisedAt',
  'sources',
] as const;
