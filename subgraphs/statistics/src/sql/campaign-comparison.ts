import type { SqlEntityManager } from '@mikro-orm/sql';
import { provinceOf } from '../figures-import/unit-directory.ts';
import { currentMonth, REORGANISED_MONTH } from '../periods.ts';
import type { CampaignEffectFigures } from './campaign-effect.ts';
import { factsKept, rowsSql } from './figures.ts';
import { scopedMonths, type UsageFigures, usageFromMonths } from './usage.ts';

/** How far (in points of share) a unit's online rate before the campaign may be from the targets' to compare. */
export const COMPARISON_TOLERANCE = 0.1;

export const COMPARISON_RULE =
  "Units of the same level as the targets (communes in the provinces of the target communes, or any province for province targets), not targeted, with figures of the campaign services in the before window and an online rate then within 0.10 of the target units' rate then.";

export type CampaignComparisonFigures = {
  rule: string;
  tolerance: number;
  targetUnits: number;
  comparisonUnits: number;
  comparisonUnitCodes: string[];
  before: UsageFigures;
  during: UsageFigures;
  after: UsageFigures | null;
  differenceInDifferences: number | null;
  differenceInDifferencesAfter: number | null;
};

const texts = (json: string) => `array(select jsonb_array_elements_text(${json}))`;
const change = (from: UsageFigures | null, to: UsageFigures | null) =>
  from?.onlineRate != null && to?.onlineRate != null ? to.onlineRate - from.onlineRate : null;
const difference = (target: number | null, comparison: number | null) =>
  target !== null && comparison !== null ? target - comparison : null;

/**
 * The comparison group of many campaigns and its usage in the same windows, in two statements whatever the number
 * of campaigns: the candidates' figures before each campaign (from the facts: services and units together), then
 * the chosen units' usage in every window (see scopedMonths).
 */
export async function campaignComparisons(
  em: SqlEntityManager,
  effects: CampaignEffectFigures[],
): Promise<CampaignComparisonFigures[]> {
  const payload = effects.map(({ campaign, windows }, index) => {
    const provinceLevel = campaign.targetUnitCodes.every((code) => code.length === 2);
    return {
      key: String(index),
      services: campaign.targetServiceCodes,
      province_level: provinceLevel,
      provinces: [
        ...new Set(campaign.targetUnitCodes.map((code) => provinceOf(code, REORGANISED_MONTH) ?? code)),
      ],
      from_month: windows.before.from,
      to_month: windows.before.to,
    };
  });
  const candidates = await em.execute<{ key: string; unit: string; received: number; online: number }[]>(
    `select k.key, g.unit, sum(g.received)::int as received,
       coalesce(sum(g.received) filter (where g.channel = 'ONLINE'), 0)::int as online
     from jsonb_to_recordset(?::jsonb) as k(key text, services jsonb, province_level boolean, provinces jsonb,
       from_month text, to_month text)
     cross join lateral (
       select case when k.province_level then g.province_key else g.unit_key end as unit, g.received, g.channel
       from (${rowsSql('facts', 'CURRENT')}) as g
       where g.service_code = any(${texts('k.services')})
         and g.month between to_date(k.from_month, 'YYYY-MM') and to_date(k.to_month, 'YYYY-MM')
         and ${factsKept(`to_date(k.from_month, 'YYYY-MM')`, `to_date(k.to_month, 'YYYY-MM')`)}
         and (k.province_level or (g.province_key = any(${texts('k.provinces')}) and length(g.unit_key) > 2))
     ) as g
     group by 1, 2 order by 1, 2`,
    [JSON.stringify(payload)],
  );
  const chosen = effects.map(({ campaign, before }, index) => {
    const targets = new Set(campaign.targetUnitCodes);
    const rows = candidates.filter((row) => row.key === String(index) && row.received > 0);
    const rate = before.onlineRate ?? null;
    return {
      targetUnits: rows.filter((row) => targets.has(row.unit)).length,
      codes:
        rate === null
          ? []
          : rows
              .filter(
                (row) =>
                  !targets.has(row.unit) &&
                  Math.abs(row.online / row.received - rate) <= COMPARISON_TOLERANCE + 1e-12,
              )
              .map((row) => row.unit),
    };
  });
  const scopes = effects.flatMap(({ campaign, windows }, index) =>
    (['before', 'during', 'after'] as const).map((window) => ({
      key: `${index}:${window}`,
      serviceCodes: campaign.targetServiceCodes,
      unitCodes: chosen[index]?.codes ?? [],
      range: windows[window],
    })),
  );
  const months = await scopedMonths(
    em,
    scopes.filter((scope) => scope.unitCodes.length),
  );
  return effects.map((effect, index) => {
    const usage = (window: 'before' | 'during' | 'after') =>
      usageFromMonths(effect.windows[window], months.get(`${index}:${window}`) ?? []);
    const before = usage('before');
    const during = usage('during');
    const after = effect.windows.after.to < currentMonth() ? usage('after') : null;
    const codes = chosen[index]?.codes ?? [];
    return {
      rule: COMPARISON_RULE,
      tolerance: COMPARISON_TOLERANCE,
      targetUnits: chosen[index]?.targetUnits ?? 0,
      comparisonUnits: codes.length,
      comparisonUnitCodes: codes,
      before,
      during,
      after,
      differenceInDifferences: codes.length
        ? difference(change(effect.before, effect.during), change(before, during))
        : null,
      differenceInDifferencesAfter: codes.length
        ? difference(change(effect.before, effect.after), change(before, after))
        : null,
    };
  });
}
