import { badUserInput, notFound } from '@motcua/errors';
import { UNIT_CODE } from '@motcua/inputs';
import { loadPage } from '@motcua/paging';
import type {
  AdministrativeUnit as Unit,
  UnitSuccession as UnitSuccessionEntity,
} from '../entities/index.ts';
import type { AdministrativeUnitResolvers, UnitSuccessionResolvers } from '../generated/resolvers-types.ts';
import type { ServicesContext } from '../loaders/index.ts';

export function checkUnitCode(code: string): string {
  if (!UNIT_CODE.test(code)) {
    throw badUserInput(
      `${JSON.stringify(code)} is not an administrative unit code: use the official code ("01", "00004") or, for a dissolved unit, "<code>@<last day in force>"`,
      { argumentName: 'code' },
    );
  }
  return code;
}

/**
 * Loads a unit by code, refusing a malformed code and reporting an unknown one. With `asOf`, an official code is
 * read as it was on that day (the unit that then had the code); a `code@date` key names one unit whatever the day.
 */
export async function loadUnit(
  { loaders }: ServicesContext,
  code: string,
  asOf?: string | null,
): Promise<Unit> {
  checkUnitCode(code);
  const unit =
    asOf && !code.includes('@')
      ? await loaders.unitAsOf.load({ parent: code, args: asOf })
      : await loaders.unitByCode.load(code);
  if (!unit) throw notFound(`No administrative unit has code ${code}${asOf ? ` on ${asOf}` : ''}`);
  return unit;
}

/** A succession as the schema shows it, from the point of view of one unit: the other unit, and how. */
export type Succession = { unit: Unit; kind: UnitSuccessionEntity['kind']; date: string };

const succession = (unit: Unit, edge: UnitSuccessionEntity): Succession => ({
  unit,
  kind: edge.kind,
  date: edge.date,
});

export const AdministrativeUnit: AdministrativeUnitResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.unitByCode.load(code),
  parent: (unit, _, { loaders }) => (unit.parent ? loaders.unitByCode.load(unit.parent.code) : null),
  children: (unit, args, { loaders }) => loadPage(loaders.unitChildren, unit.code, args, 1, 50),
  predecessors: async (unit, _, { loaders }) =>
    (await loaders.predecessorsOf.load(unit.code)).map((edge) => succession(edge.predecessor, edge)),
  successors: async (unit, _, { loaders }) =>
    (await loaders.successorsOf.load(unit.code)).map((edge) => succession(edge.successor, edge)),
};

export const UnitSuccession: UnitSuccessionResolvers = {
  // The succession table's foreign keys guarantee the unit exists.
  unit: async ({ unit }, _, { loaders }) => (await loaders.unitByCode.load(unit.code)) ?? unit,
};
