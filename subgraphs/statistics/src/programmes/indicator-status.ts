import type { Indicator, IndicatorValue } from '../entities/index.ts';
import type { IndicatorStatus } from '../generated/resolvers-types.ts';

/** Share of the way from baseline to target that counts as "expected to be met". */
const EXPECTED_PROGRESS = 0.9;

// Double-precision columns may come back as strings: compare numbers.
const meets = (indicator: Indicator, value: number) =>
  indicator.direction === 'AT_LEAST' ? value >= Number(indicator.target) : value <= Number(indicator.target);

const time = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`).getTime();

/**
 * An indicator's status on `asOf`, from the values known by then (see the IndicatorStatus enum for the rules).
 * Nobody types a status in: it follows from the figures.
 */
export function indicatorStatus(
  indicator: Indicator,
  values: IndicatorValue[],
  programmeStart: string,
  asOf: string,
): IndicatorStatus {
  const known = values
    .filter((value) => value.periodEnd <= asOf)
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
  const firstMet = known.find(
    (value) => value.periodEnd <= indicator.targetDate && meets(indicator, Number(value.value)),
  );
  if (firstMet) return firstMet.periodEnd < indicator.targetDate ? 'MET_EARLY' : 'MET';
  if (asOf > indicator.targetDate) return 'MISSED';
  const latest = known.at(-1);
  if (!latest) return 'AT_RISK';
  const baseline = Number(indicator.baseline ?? known[0]?.value ?? latest.value);
  const distance = Number(indicator.target) - baseline;
  const progress = distance === 0 ? 1 : (Number(latest.value) - baseline) / distance;
  const elapsed = (time(asOf) - time(programmeStart)) / (time(indicator.targetDate) - time(programmeStart));
  if (progress >= EXPECTED_PROGRESS) return 'EXPECTED';
  return progress >= elapsed ? 'ON_TRACK' : 'AT_RISK';
}
