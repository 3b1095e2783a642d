import { badUserInput } from '@motcua/errors';
import { checkRangeLength, monthsBetween, shiftMonth } from '@motcua/inputs';

export { monthsBetween, shiftMonth };

export type MonthRange = { from: string; to: string };

const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

const monthOf = (year: number, month: number) =>
  `${String(year + Math.floor((month - 1) / 12)).padStart(4, '0')}-${String(((((month - 1) % 12) + 12) % 12) + 1).padStart(2, '0')}`;

/** A period written 2025-07 (month), 2025-Q3 (quarter) or 2025 (year), as a range of months. */
export function parsePeriod(period: string): MonthRange & { months: number } {
  const match = PERIOD.exec(period);
  if (!match) {
    throw badUserInput(
      `A period is written 2025-07 (month), 2025-Q3 (quarter) or 2025 (year); got ${JSON.stringify(period)}`,
      {
        argumentName: 'period',
      },
    );
  }
  const year = Number(match[1]);
  if (match[2]) return { from: period, to: period, months: 1 };
  if (match[3]) {
    const first = (Number(match[3]) - 1) * 3 + 1;
    return { from: monthOf(year, first), to: monthOf(year, first + 2), months: 3 };
  }
  return { from: monthOf(year, 1), to: monthOf(year, 12), months: 12 };
}

/** The period of the same length just before `range`. */
export function previousPeriod({ from, months }: MonthRange & { months: number }): MonthRange {
  const [year, month] = from.split('-').map(Number) as [number, number];
  return { from: monthOf(year, month - months), to: monthOf(year, month - 1) };
}

export function checkRange({ from, to }: MonthRange): MonthRange {
  if (from > to)
    throw badUserInput(`\`from\` (${from}) must not be after \`to\` (${to})`, { argumentName: 'from' });
  checkRangeLength(from, to);
  return { from, to };
}

/** The first month of today's map of units (1 July 2025). */
export const REORGANISED_MONTH = '2025-07';

/** The month in progress (UTC). */
export const currentMonth = () => new Date().toISOString().slice(0, 7);

/** Whether every month of a range has ended (figures of the month in progress may still grow). */
export const isComplete = (range: MonthRange) => range.to < currentMonth();

/** A province code of today ("01"), as `within` takes it. */
export function checkProvince(code: string): string {
  if (!/^\d{2}$/.test(code)) {
    throw badUserInput(
      `\`within\` takes a province code of today, two digits such as "01"; got ${JSON.stringify(code)}`,
      {
        argumentName: 'within',
      },
    );
  }
  return code;
}
