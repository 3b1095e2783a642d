import type { SqlEntityManager } from '@mikro-orm/sql';
import { batchByArgs, entityLoader, groupLoader } from '@motcua/db';
import { pagedLoader } from '@motcua/paging';
import {
  AdministrativeUnit,
  Agency,
  PublicService,
  ServiceBundle,
  ServiceEvent,
  ServiceField,
} from '../entities/index.ts';
import { coverageOf } from '../sql/coverage.ts';
import {
  bundlesOfEvents,
  membershipsOfServices,
  membersOfBundles,
  stepsOfEvents,
  stepsOfServices,
} from '../sql/events.ts';
import { subFieldsOf } from '../sql/fields.ts';
import { type OfferingArgs, offeringPages } from '../sql/offerings.ts';
import { childrenPages, successionsOf, unitsAsOf } from '../sql/units.ts';

/** Every loader of the services subgraph, created afresh for each request so nothing leaks between users. */
export function createLoaders(em: SqlEntityManager) {
  return {
    serviceById: entityLoader(em, PublicService, 'id'),
    serviceByCode: entityLoader(em, PublicService, 'code'),
    fieldByCode: entityLoader(em, ServiceField, 'code'),
    fieldChildren: groupLoader(
      (codes) => subFieldsOf(em, codes),
      (field) => field.parent?.code ?? '',
    ),
    agencyByCode: entityLoader(em, Agency, 'code'),
    unitByCode: entityLoader(em, AdministrativeUnit, 'code'),
    unitAsOf: batchByArgs((codes: string[], asOf: string) => unitsAsOf(em, codes, asOf)),
    unitChildren: pagedLoader((parents, page) => childrenPages(em, parents, page)),
    predecessorsOf: groupLoader(
      (codes) => successionsOf(em, 'successor', codes),
      (succession) => succession.successor.code,
    ),
    successorsOf: groupLoader(
      (codes) => successionsOf(em, 'predecessor', codes),
      (succession) => succession.predecessor.code,
    ),
    offerings: batchByArgs((ids: string[], args: OfferingArgs) => offeringPages(em, ids, args)),
    coverage: batchByArgs((ids: string[], parentCode: string) => coverageOf(em, ids, parentCode)),
    eventByCode: entityLoader(em, ServiceEvent, 'code'),
    stepsOfEvent: groupLoader(
      (codes) => stepsOfEvents(em, codes),
      (step) => step.event.code,
    ),
    stepsOfService: groupLoader(
      (ids) => stepsOfServices(em, ids),
      (step) => step.service.id,
    ),
    bundleByCode: entityLoader(em, ServiceBundle, 'code'),
    bundlesOfEvent: groupLoader(
      (codes) => bundlesOfEvents(em, codes),
      (bundle) => bundle.event?.code ?? '',
    ),
    membersOfBundle: groupLoader(
      (codes) => membersOfBundles(em, codes),
      (member) => member.bundle.code,
    ),
    bundlesOfService: groupLoader(
      (ids) => membershipsOfServices(em, ids),
      (member) => member.service.id,
    ),
  };
}

export type ServicesLoaders = ReturnType<typeof createLoaders>;
