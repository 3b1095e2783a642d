import type { SqlEntityManager } from '@mikro-orm/sql';
import { searchConditions, sqlConditions } from '@motcua/db';
import { entityPage, type Page } from '@motcua/paging';
import { Agency } from '../entities/index.ts';
import type { AdministrativeLevel } from '../generated/resolvers-types.ts';
import { byCode } from './units.ts';

export type AgencyFilter = {
  level: AdministrativeLevel | null | undefined;
  unitCode: string | null | undefined;
  search: string | null | undefined;
};

/** Agencies by code, of a level or a unit; the search ignores diacritics. */
export function agencyPage(em: SqlEntityManager, { level, unitCode, search }: AgencyFilter, page: Page) {
  const where = sqlConditions().addAll(searchConditions('services', 'a.name_vi', search));
  if (level) where.add('a.level = ?', level);
  if (unitCode) where.add('a.unit_code = ?', unitCode);
  return entityPage(
    em,
    Agency,
    {
      source: `select a.* from services.agency a ${where.clause}`,
      params: where.params,
      sortColumns: ['code'],
      direction: 'asc',
    },
    page,
    byCode,
  );
}
