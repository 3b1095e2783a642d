import type { SqlEntityManager } from '@mikro-orm/sql';
import { currentMonth, type MonthRange, monthsBetween, shiftMonth } from '../periods.ts';
import { scopedMonths, type UsageFigures, usageFromMonths } from './usage.ts';

/** What statistics is told of a campaign (by the news subgraph, through @requires). */
export type CampaignTargets = {
  id: string;
  startsOn: string;
  endsOn: string;
  targetServiceCodes: string[];
  targetUnitCodes: string[];
};

const WINDOWS = ['before', 'during', 'after'] as const;

export type CampaignEffectFigures = {
  /** What the effect was measured for, and its windows (the comparison group is measured over the same). */
  campaign: CampaignTargets;
  windows: Record<(typeof WINDOWS)[number], MonthRange>;
  before: UsageFigures;
  during: UsageFigures;
  after: UsageFigures | null;
  onlineRateChange: number | null;
};

/** The campaign and windows of the same length before and after it. */
export function windowsOf(campaign: CampaignTargets): Record<(typeof WINDOWS)[number], MonthRange> {
  const start = campaign.startsOn.slice(0, 7);
  const end = campaign.endsOn.slice(0, 7);
  const length = monthsBetween(start, end);
  return {
    before: { from: shiftMonth(start, -length), to: shiftMonth(start, -1) },
    during: { from: start, to: end },
    after: { from: shiftMonth(end, 1), to: shiftMonth(end, length) },
  };
}

/**
 * Online uptake of each campaign's target services in its target units before, during and after it, for many
 * campaigns in one statement (every window of every campaign). `after` stays null until that window has ended.
 */
export async function campaignEffects(
  em: SqlEntityManager,
  campaigns: CampaignTargets[],
): Promise<CampaignEffectFigures[]> {
  const windows = campaigns.map(windowsOf);
  const months = await scopedMonths(
    em,
    campaigns.flatMap((campaign, index) =>
      WINDOWS.map((window) => ({
        key: `${index}:${window}`,
        serviceCodes: campaign.targetServiceCodes,
        unitCodes: campaign.targetUnitCodes,
        range: (windows[index] as ReturnType<typeof windowsOf>)[window],
      })),
    ),
  );
  return campaigns.map((campaign, index) => {
    const ranges = windows[index] as ReturnType<typeof windowsOf>;
    const usage = (window: (typeof WINDOWS)[number]) =>
      usageFromMonths(ranges[window], months.get(`${index}:${window}`) ?? []);
    const before = usage('before');
    const during = usage('during');
    return {
      campaign,
      windows: ranges,
      before,
      during,
      after: ranges.after.to < currentMonth() ? usage('after') : null,
      onlineRateChange:
        before.onlineRate != null && during.onlineRate != null ? during.onlineRate - before.onlineRate : null,
    };
  });
}
