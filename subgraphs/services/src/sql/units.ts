import type { SqlEntityManager } from '@mikro-orm/sql';
import { fetchPages, searchConditions, sqlConditions } from '@motcua/db';
import { entityPage, type Page, toConnections } from '@motcua/paging';
import { AdministrativeUnit, UnitSuccession } from '../entities/index.ts';
import type { AdministrativeLevel } from '../generated/resolvers-types.ts';

/** Units and agencies are listed by code; the code is unique, so it alone is the cursor. */
export const byCode = (row: { code: string }) => [row.code];

/** The children of each parent unit, one page each, in one statement. */
export async function childrenPages(em: SqlEntityManager, parents: string[], page: Page) {
  const pages = await fetchPages(em, {
    // A unit in force has only children in force, a dissolved one only dissolved children (they were dissolved
    // together), so no date filter is needed.
    source:
      'select u.*, u.parent_code as group_key from services.administrative_unit u where u.parent_code in (?)',
    params: [parents],
    groups: parents,
    sortColumns: ['code'],
    direction: 'asc',
    after: page.after,
    limit: page.limit,
  });
  return toConnections(pages, page, (row) => em.map(AdministrativeUnit, row), byCode);
}

/** Units as they were on a day, by official code: the unit with that code in force on `asOf`. */
export async function unitsAsOf(em: SqlEntityManager, officialCodes: string[], asOf: string) {
  const units = await em.find(AdministrativeUnit, {
    officialCode: { $in: officialCodes },
    $and: [
      { $or: [{ validFrom: null }, { validFrom: { $lte: asOf } }] },
      { $or: [{ validTo: null }, { validTo: { $gte: asOf } }] },
    ],
  });
  const byOfficialCode = new Map(units.map((unit) => [unit.officialCode, unit]));
  return new Map(officialCodes.map((code) => [code, byOfficialCode.get(code) ?? null]));
}

/** The units each of `codes` succeeded (`side: 'successor'`) or went into (`'predecessor'`), in one query. */
export const successionsOf = (
  em: SqlEntityManager,
  side: 'successor' | 'predecessor',
  codes: readonly string[],
) =>
  em.find(
    UnitSuccession,
    { [side]: { $in: [...codes] } },
    { orderBy: { [side === 'successor' ? 'predecessor' : 'successor']: 'asc' } },
  );

export type UnitListFilter = {
  /** The parent as it was on `day` (its code with the date, for a dissolved one). */
  parentCode: string | null;
  level: AdministrativeLevel | null | undefined;
  search: string | null | undefined;
  day: string;
};

/**
 * Units in force on a day, by code: provinces when neither a parent nor a level is given, the units under the
 * parent, or every unit of the level; the search ignores diacritics.
 */
export function unitPage(
  em: SqlEntityManager,
  { parentCode, level, search, day }: UnitListFilter,
  page: Page,
) {
  const where = sqlConditions()
    .add('(u.valid_from is null or u.valid_from <= ?)', day)
    .add('(u.valid_to is null or u.valid_to >= ?)', day);
  if (parentCode) where.add('u.parent_code = ?', parentCode);
  else if (!level) where.add('u.parent_code is null');
  if (level) where.add('u.level = ?', level);
  where.addAll(searchConditions('services', 'u.name', search));
  return entityPage(
    em,
    AdministrativeUnit,
    {
      source: `select u.* from services.administrative_unit u ${where.clause}`,
      params: where.params,
      sortColumns: ['code'],
      direction: 'asc',
    },
    page,
    byCode,
  );
}
