import type { SqlEntityManager } from '@mikro-orm/sql';
import { entityLoader, fetchPages, groupLoader } from '@motcua/db';
import { type Connection, type Page, pagedLoader, toConnections } from '@motcua/graphql-kit';
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import {
  AdministrativeUnit,
  Agency,
  PublicService,
  ServiceField,
  UnitSuccession,
} from '../entities/index.ts';

export type PublicServiceConnection = Connection<PublicService>;
export type AdministrativeUnitConnection = Connection<AdministrativeUnit>;

/** Units are listed by code; the code is unique, so it alone is the cursor. */
export const unitSortKey = (unit: AdministrativeUnit) => [unit.code];

/**
 * The children of each parent unit, one page each, in one statement. A unit in force has only children in force,
 * a dissolved one only dissolved children (they were dissolved together), so no date filter is needed.
 */
async function childrenPages(em: SqlEntityManager, parents: string[], page: Page) {
  const pages = await fetchPages(em, {
    source: `select u.*, u.parent_code as group_key from services.administrative_unit u
      where u.parent_code in (?)`,
    params: [parents],
    groups: parents,
    sortColumns: ['code'],
    direction: 'asc',
    after: page.after,
    limit: page.limit,
  });
  return toConnections(pages, page, (row) => em.map(AdministrativeUnit, row), unitSortKey);
}

/** Every loader of the services subgraph, created afresh for each request so nothing leaks between users. */
export function createLoaders(em: SqlEntityManager) {
  return {
    serviceById: entityLoader(em, PublicService, 'id'),
    serviceByCode: entityLoader(em, PublicService, 'code'),
    fieldByCode: entityLoader(em, ServiceField, 'code'),
    agencyByCode: entityLoader(em, Agency, 'code'),
    unitByCode: entityLoader(em, AdministrativeUnit, 'code'),
    unitChildren: pagedLoader((parents, page) => childrenPages(em, parents, page)),
    predecessorsOf: groupLoader(
      (codes) =>
        em.find(UnitSuccession, { successor: { $in: [...codes] } }, { orderBy: { predecessor: 'asc' } }),
      (succession) => succession.successor.code,
    ),
    successorsOf: groupLoader(
      (codes) =>
        em.find(UnitSuccession, { predecessor: { $in: [...codes] } }, { orderBy: { successor: 'asc' } }),
      (succession) => succession.predecessor.code,
    ),
  };
}

export type ServicesLoaders = ReturnType<typeof createLoaders>;
export type ServicesContext = SubgraphContext<ServicesLoaders>;
