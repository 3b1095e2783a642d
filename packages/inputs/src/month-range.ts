import { badUserInput } from '@motcua/errors';

/** The longest range of months a usage, series or breakdown may cover: ten years. */
export const MAX_RANGE_MONTHS = 120;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const indexOf = (month: string) => {
  const match = MONTH.exec(month);
  return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : null;
};

const monthAt = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Months from `from` to `to`, both included (negative when `from` is later); 0 for anything that is not a month. */
export function monthsBetween(from: unknown, to: unknown): number {
  const start = typeof from === 'string' ? indexOf(from) : null;
  const end = typeof to === 'string' ? indexOf(to) : null;
  return start === null || end === null ? 0 : end - start + 1;
}

/** The month `by` months after (or before) `month`. */
export function shiftMonth(month: string, by: number): string {
  const index = indexOf(month);
  if (index === null) throw new TypeError(`not a month: ${month}`);
  return monthAt(index + by);
}

/**
 * Refuses a range longer than MAX_RANGE_MONTHS with BAD_USER_INPUT saying the allowed span and a range that fits:
 * the gateway checks it before any subgraph is asked, statistics again for anyone calling it directly.
 */
export function checkRangeLength(from: string, to: string): void {
  const months = monthsBetween(from, to);
  if (months > MAX_RANGE_MONTHS) {
    throw badUserInput(
      `A range covers at most ${MAX_RANGE_MONTHS} months (${MAX_RANGE_MONTHS / 12} years); ${from} to ${to} is ${months}: ask for a shorter range, e.g. from ${shiftMonth(to, 1 - MAX_RANGE_MONTHS)} to ${to}`,
      { argumentName: 'from', maxMonths: MAX_RANGE_MONTHS },
    );
  }
}
