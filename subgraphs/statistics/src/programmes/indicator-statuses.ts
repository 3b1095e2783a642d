import type { Indicator } from '../entities/index.ts';
import type { StatisticsLoaders } from '../loaders/index.ts';
import { indicatorStatus } from './indicator-status.ts';

/** An indicator's status on `asOf`, from its values and its programme's start (both batched). */
export async function statusOf(loaders: StatisticsLoaders, indicator: Indicator, asOf: string) {
  const [values, programme] = await Promise.all([
    loaders.valuesOf.load(indicator.id),
    loaders.programmeByCode.load(indicator.programme.code),
  ]);
  return indicatorStatus(indicator, values, programme?.periodStart ?? indicator.targetDate, asOf);
}
