import { SERVICE_CODE } from '@motcua/inputs';
import { enumValues } from '../schema.ts';

/**
 * The columns of a dossier-figures import: the `DossierFigureInput` field a CSV header (or a JSON row) names, the
 * column it fills, and what an omitted value is for a new figure. Counts are whole numbers from 0 to 2,147,483,647.
 */
export const FIGURE_COLUMNS = [
  { field: 'serviceCode', column: 'service_code', required: true },
  { field: 'unitCode', column: 'unit_code', required: true },
  { field: 'month', column: 'month', required: true },
  { field: 'channel', column: 'channel', required: true },
  { field: 'received', column: 'received', required: true, count: true },
  { field: 'resolvedOnTime', column: 'resolved_on_time', count: true, default: '0' },
  { field: 'resolvedLate', column: 'resolved_late', count: true, default: '0' },
  { field: 'pending', column: 'pending', count: true, default: '0' },
  { field: 'rejected', column: 'rejected', count: true, default: '0' },
  { field: 'paidOnline', column: 'paid_online', count: true, default: 'null' },
  { field: 'fieldCode', column: 'field_code', default: 'null' },
] as const satisfies readonly {
  field: string;
  column: string;
  required?: boolean;
  count?: boolean;
  default?: string;
}[];

export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

/** The values a figure holds besides its key, in the order the revision trail lists them. */
export const VALUE_COLUMNS = [
  'received',
  'resolved_on_time',
  'resolved_late',
  'pending',
  'rejected',
  'paid_online',
  'field_code',
  'source_id',
] as const;

/** The rules as PostgreSQL regular expressions (the import validates in SQL, set-based). */
export const RULES = {
  serviceCode: SERVICE_CODE.source,
  unitCode: '^([0-9]{2}|[0-9]{5})$',
  month: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  channels: enumValues('Channel'),
};

export type ImportMode = 'MERGE' | 'REPLACE';
