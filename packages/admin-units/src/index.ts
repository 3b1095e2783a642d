import { readFileSync } from 'node:fs';

/**
 * Vietnam's administrative units before and after the reorganisation of 1 July 2025 (official data from
 * dvhcvn/20250701, MIT: see ../LICENSE), as a compact bundle built by ../bundle-admin-units.ts. Reference data
 * both the catalog (the units themselves) and the statistics (rolling old units up to new ones) need.
 */
export type UnitsBundle = {
  reorganisedOn: string;
  current: [code: string, name: string, parentCode: string | null][];
  dissolved: [officialCode: string, name: string, parentOfficialCode: string | null][];
  successions: [oldOfficialCode: string, newCode: string, kind: 'full' | 'partial'][];
};

export function loadUnitsBundle(): UnitsBundle {
  return JSON.parse(readFileSync(new URL('../units.json', import.meta.url), 'utf8')) as UnitsBundle;
}

/** The day before a reorganisation: the last day the dissolved units were in force. */
export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
