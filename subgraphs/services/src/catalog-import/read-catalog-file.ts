import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';

/** CSV columns holding a list: values separated by `;`. */
const LIST_COLUMNS = new Set([
  'implementingAgencyCodes',
  'levels',
  'legalBasis',
  'audiences',
  'integrations',
  'illustrativeAttributes',
]);
/** CSV columns holding a list of objects: a JSON array in the cell. */
const JSON_COLUMNS = new Set(['channels', 'fees', 'documents', 'requirements', 'offerings']);
const NUMBER_COLUMNS = new Set(['legacyOnlineLevel', 'processingDays']);

/** Turns one CSV cell into the value a JSON import would carry; a cell that cannot be read is left as text for validation to reject. */
function cellValue(column: string, cell: string): unknown {
  if (cell.trim() === '') return null;
  if (LIST_COLUMNS.has(column))
    return cell
      .split(';')
      .map((item) => item.trim())
      .filter(Boolean);
  if (JSON_COLUMNS.has(column)) {
    try {
      return JSON.parse(cell);
    } catch {
      return cell;
    }
  }
  if (NUMBER_COLUMNS.has(column)) return Number.isNaN(Number(cell)) ? cell : Number(cell);
  return cell;
}

/**
 * Reads a catalog file: a JSON array of services, or a CSV file with a header row naming `ServiceInput` fields
 * (list fields separated by `;`, `channels`/`fees`/`documents` as JSON in the cell). Rows keep their order, so
 * row numbers in errors are the n-th service of the file (for a CSV, line n + 1).
 */
export function readCatalogFile(path: string): unknown[] {
  const file = readImportFile(path);
  if (file.kind !== 'services') throw new Error(`${path} must hold services, not ${file.kind}`);
  return file.rows;
}

/**
 * What a catalog file holds: services, the synonyms and everyday names search reads, or life and business events
 * and joined-up procedures (`rows` empty; `events` and `bundles` hold them).
 */
export type ImportFile =
  | { kind: 'services' | 'synonyms'; rows: unknown[] }
  | { kind: 'events'; rows: []; events: unknown[] | null; bundles: unknown[] | null };

/** The columns of a synonyms CSV file; any other header is a services file. */
const SYNONYM_COLUMNS = ['term', 'synonym'];

/**
 * Reads a file for `pnpm catalog:import`, telling its kind from its content: a CSV file whose header is
 * `term,synonym`, or a JSON object `{ "synonyms": [{ "term", "synonym" }] }`, holds synonyms; a JSON object with
 * an `events` or `bundles` array (`EventInput`, `ServiceBundleInput`) holds events and joined-up procedures; any
 * other CSV header (`ServiceInput` fields) or a JSON array holds services.
 */
export function readImportFile(path: string): ImportFile {
  const content = readFileSync(path, 'utf8');
  if (extname(path).toLowerCase() === '.csv') {
    const records = parse(content, {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    }) as Record<string, string>[];
    const header = Object.keys(records[0] ?? {});
    if (
      header.length === SYNONYM_COLUMNS.length &&
      SYNONYM_COLUMNS.every((column) => header.includes(column))
    )
      return { kind: 'synonyms', rows: records };
    return {
      kind: 'services',
      rows: records.map((record) =>
        Object.fromEntries(Object.entries(record).map(([column, cell]) => [column, cellValue(column, cell)])),
      ),
    };
  }
  const data: unknown = JSON.parse(content);
  if (Array.isArray(data)) return { kind: 'services', rows: data };
  const { synonyms, events, bundles } = (data ?? {}) as Record<string, unknown>;
  if (Array.isArray(synonyms)) return { kind: 'synonyms', rows: synonyms };
  if (Array.isArray(events) || Array.isArray(bundles))
    return {
      kind: 'events',
      rows: [],
      events: Array.isArray(events) ? events : null,
      bundles: Array.isArray(bundles) ? bundles : null,
    };
  throw new Error(
    `${path} must hold a JSON array of services, or an object with a "synonyms" array or "events" and "bundles" arrays`,
  );
}
