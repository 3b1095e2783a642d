import { loadPage } from '@motcua/paging';
import type { UnitSuccession as Edge } from '../entities/index.ts';
import type { AdministrativeUnitResolvers } from '../generated/resolvers-types.ts';
import type { AdministrativeUnit as Unit, UnitSuccession } from '../models.ts';

/** An edge of the succession table, seen from one of its two units: the other unit, and how. */
const seenFrom = (other: Unit, { kind, date }: Edge): UnitSuccession => ({ unit: other, kind, date });

export const AdministrativeUnit: AdministrativeUnitResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.unitByCode.load(code),
  parent: (unit, _, { loaders }) => (unit.parent ? loaders.unitByCode.load(unit.parent.code) : null),
  children: (unit, args, { loaders }) => loadPage(loaders.unitChildren, unit.code, args, ['text'], 50),
  predecessors: async (unit, _, { loaders }) =>
    (await loaders.predecessorsOf.load(unit.code)).map((edge) => seenFrom(edge.predecessor, edge)),
  successors: async (unit, _, { loaders }) =>
    (await loaders.successorsOf.load(unit.code)).map((edge) => seenFrom(edge.successor, edge)),
};
