import type { SqlEntityManager } from '@mikro-orm/sql';
import { searchConditions } from '@motcua/db';
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
  const words = searchConditions('services', 'a.name_vi', search);
  const conditions = [...words.sql];
  const params: unknown[] = [...words.params];
  if (level) {
    conditions.push('a.level = ?');
    params.push(level);
  }
  if (unitCode) {
    conditions.push('a.unit_code = ?');
    params.push(unitCode);
  }
  return entityPage(
    em,
    Agency,
    {
      source: `select a.* from services.agency a ${conditions.length ? `where ${conditions.join(' and ')}` : ''}`,
      params,
      sortColumns: ['code'],
      direction: 'asc',
    },
    page,
    byCode,
  );
}
