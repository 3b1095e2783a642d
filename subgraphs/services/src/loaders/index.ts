import type { SqlEntityManager } from '@mikro-orm/sql';
import { batchByArgs, entityLoader, fetchPages, groupLoader } from '@motcua/db';
import { type Connection, type Page, pagedLoader, toConnections } from '@motcua/paging';
import type { SubgraphContext } from '@motcua/subgraph-runtime';
import {
  AdministrativeUnit,
  Agency,
  PublicService,
  ServiceField,
  ServiceOffering,
  UnitSuccession,
} from '../entities/index.ts';
import { coverageOf } from './coverage.ts';

export type PublicServiceConnection = Connection<PublicService>;
export type AdministrativeUnitConnection = Connection<AdministrativeUnit>;
export type AgencyConnection = Connection<Agency>;
export type ServiceOfferingConnection = Connection<ServiceOffering>;

/** Units and agencies are listed by code; the code is unique, so it alone is the cursor. */
export const byCode = (row: { code: string }) => [row.code];

/** The children of each parent unit, one page each, in one statement. */
async function childrenPages(em: SqlEntityManager, parents: string[], page: Page) {
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

export type OfferingArgs = { page: Page; parentCode: string | null };

/** Where each service is offered (optionally only under one unit), one page each, in one statement. */
async function offeringPages(em: SqlEntityManager, serviceIds: string[], { page, parentCode }: OfferingArgs) {
  const pages = await fetchPages(em, {
    source: `select o.*, o.unit_code as code, o.service_id as group_key from services.service_offering o
      ${parentCode ? 'join services.administrative_unit u on u.code = o.unit_code and u.parent_code = ?' : ''}
      where o.service_id in (?)`,
    params: [...(parentCode ? [parentCode] : []), serviceIds],
    groups: serviceIds,
    sortColumns: ['code'],
    direction: 'asc',
    after: page.after,
    limit: page.limit,
  });
  return toConnections(
    pages,
    page,
    (row) => em.map(ServiceOffering, row),
    (offering) => [offering.unit.code],
  );
}

/** Units as they were on a day, by official code: the unit with that code in force on `asOf`. */
async function unitsAsOf(em: SqlEntityManager, officialCodes: string[], asOf: string) {
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

/** Every loader of the services subgraph, created afresh for each request so nothing leaks between users. */
export function createLoaders(em: SqlEntityManager) {
  return {
    serviceById: entityLoader(em, PublicService, 'id'),
    serviceByCode: entityLoader(em, PublicService, 'code'),
    fieldByCode: entityLoader(em, ServiceField, 'code'),
    fieldChildren: groupLoader(
      (codes) => em.find(ServiceField, { parent: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
      (field) => field.parent?.code ?? '',
    ),
    agencyByCode: entityLoader(em, Agency, 'code'),
    unitByCode: entityLoader(em, AdministrativeUnit, 'code'),
    unitAsOf: batchByArgs((codes: string[], asOf: string) => unitsAsOf(em, codes, asOf)),
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
    offerings: batchByArgs((ids: string[], args: OfferingArgs) => offeringPages(em, ids, args)),
    coverage: batchByArgs((ids: string[], parentCode: string) => coverageOf(em, ids, parentCode)),
  };
}

export type ServicesLoaders = ReturnType<typeof createLoaders>;
export type ServicesContext = SubgraphContext<ServicesLoaders>;
