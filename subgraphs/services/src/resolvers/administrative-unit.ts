import { badUserInput, type ConnectionArgs, loadPage, notFound } from '@motcua/graphql-kit';
import type { AdministrativeUnit as Unit, UnitSuccession } from '../entities/index.ts';
import type { ServicesContext } from '../loaders/index.ts';

/** An official code (2 digits for a province, 3 for a former district, 5 for a commune), `@<date>` once dissolved. */
const UNIT_CODE = /^(\d{2}|\d{3}|\d{5})(@\d{4}-\d{2}-\d{2})?$/;

/** Loads a unit by code, refusing a malformed code and reporting an unknown one. */
export async function loadUnit({ loaders }: ServicesContext, code: string): Promise<Unit> {
  if (!UNIT_CODE.test(code)) {
    throw badUserInput(
      `${JSON.stringify(code)} is not an administrative unit code: use the official code ("01", "00004") or, for a dissolved unit, "<code>@<last day in force>"`,
      { argumentName: 'code' },
    );
  }
  const unit = await loaders.unitByCode.load(code);
  if (!unit) throw notFound(`No administrative unit has code ${code}`);
  return unit;
}

const succession = (unit: Unit, edge: UnitSuccession) => ({ unit, kind: edge.kind, date: edge.date });

export const AdministrativeUnit = {
  __resolveReference: ({ code }: { code: string }, { loaders }: ServicesContext) =>
    loaders.unitByCode.load(code),
  parent: (unit: Unit, _: unknown, { loaders }: ServicesContext) =>
    unit.parent ? loaders.unitByCode.load(unit.parent.code) : null,
  children: (unit: Unit, args: ConnectionArgs, { loaders }: ServicesContext) =>
    loadPage(loaders.unitChildren, unit.code, args, 1, 50),
  predecessors: async (unit: Unit, _: unknown, { loaders }: ServicesContext) =>
    (await loaders.predecessorsOf.load(unit.code)).map((edge) => succession(edge.predecessor, edge)),
  successors: async (unit: Unit, _: unknown, { loaders }: ServicesContext) =>
    (await loaders.successorsOf.load(unit.code)).map((edge) => succession(edge.successor, edge)),
};

export const UnitSuccessionResolvers = {
  unit: ({ unit }: { unit: Unit }, _: unknown, { loaders }: ServicesContext) =>
    loaders.unitByCode.load(unit.code),
};
