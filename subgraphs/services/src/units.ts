import { badUserInput, notFound } from '@motcua/errors';
import { UNIT_CODE } from '@motcua/inputs';
import type { AdministrativeUnit } from './entities/index.ts';
import type { Context } from './models.ts';

/** A unit code as a client wrote it, refused with BAD_USER_INPUT unless it is one (before any SQL). */
export function checkUnitCode(code: string, argumentName = 'code'): string {
  if (!UNIT_CODE.test(code)) {
    throw badUserInput(
      `${JSON.stringify(code)} is not an administrative unit code: use the official code ("01", "00004") or, for a dissolved unit, "<code>@<last day in force>"`,
      { argumentName },
    );
  }
  return code;
}

/**
 * Loads a unit by code, refusing a malformed code and reporting an unknown one. With `asOf`, an official code is
 * read as it was on that day (the unit that then had the code); a `code@date` key names one unit whatever the day.
 */
export async function loadUnit(
  { loaders }: Context,
  code: string,
  asOf?: string | null,
): Promise<AdministrativeUnit> {
  checkUnitCode(code);
  const unit =
    asOf && !code.includes('@')
      ? await loaders.unitAsOf.load({ parent: code, args: asOf })
      : await loaders.unitByCode.load(code);
  if (!unit) throw notFound(`No administrative unit has code ${code}${asOf ? ` on ${asOf}` : ''}`);
  return unit;
}
