import { loadUnitsBundle } from '@motcua/admin-units';
import { REORGANISED_ON } from '../sql/figures.ts';

let directory: { current: Map<string, string>; dissolved: Map<string, string> } | undefined;

/** Commune → province, for the units in force and for those dissolved on 1 July 2025 (official reference data). */
function load() {
  directory ??= (() => {
    const bundle = loadUnitsBundle();
    const provinces = (rows: [string, string, string | null][]) =>
      new Map(rows.map(([code, , parent]) => [code, parent ?? code]));
    return { current: provinces(bundle.current), dissolved: provinces(bundle.dissolved) };
  })();
  return directory;
}

/**
 * The province of a unit as it was in `month` (figures of months before the reorganisation use the old codes),
 * or null when no unit had that code then.
 */
export function provinceOf(unitCode: string, month: string): string | null {
  const units = `${month}-01` < REORGANISED_ON ? load().dissolved : load().current;
  return units.get(unitCode) ?? null;
}

/** The communes in force in a province today. */
export function communesOf(provinceCode: string): string[] {
  return [...load().current]
    .filter(([code, province]) => province === provinceCode && code !== provinceCode)
    .map(([code]) => code);
}
