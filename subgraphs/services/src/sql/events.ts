import type { SqlEntityManager } from '@mikro-orm/sql';
import { BundleMember, EventStep, ServiceBundle, ServiceEvent } from '../entities/index.ts';
import type { EventKind } from '../generated/resolvers-types.ts';

/** The events of one kind, in their order. */
export const eventsOfKind = (em: SqlEntityManager, kind: EventKind) =>
  em.find(ServiceEvent, { kind }, { orderBy: { position: 'asc' } });

/** The steps of each event, in order (the service's code breaking ties), in one query. */
export const stepsOfEvents = (em: SqlEntityManager, codes: readonly string[]) =>
  em.find(
    EventStep,
    { event: { $in: [...codes] } },
    { orderBy: [{ position: 'asc' }, { service: { code: 'asc' } }] },
  );

/** The steps each service is, with their event's order, in one query. */
export const stepsOfServices = (em: SqlEntityManager, ids: readonly string[]) =>
  em.find(EventStep, { service: { $in: [...ids] } }, { orderBy: [{ event: { position: 'asc' } }] });

/** Every joined-up procedure, by code. */
export const allBundles = (em: SqlEntityManager) => em.find(ServiceBundle, {}, { orderBy: { code: 'asc' } });

/** The joined-up procedures serving each event, in one query. */
export const bundlesOfEvents = (em: SqlEntityManager, codes: readonly string[]) =>
  em.find(ServiceBundle, { event: { $in: [...codes] } }, { orderBy: { code: 'asc' } });

/** The member services of each joined-up procedure, in order, in one query. */
export const membersOfBundles = (em: SqlEntityManager, codes: readonly string[]) =>
  em.find(BundleMember, { bundle: { $in: [...codes] } }, { orderBy: { position: 'asc' } });

/** The joined-up procedures each service belongs to, in one query. */
export const membershipsOfServices = (em: SqlEntityManager, ids: readonly string[]) =>
  em.find(BundleMember, { service: { $in: [...ids] } }, { orderBy: { bundle: { code: 'asc' } } });
