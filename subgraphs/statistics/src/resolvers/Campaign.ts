import type { CampaignResolvers } from '../generated/resolvers-types.ts';
import { monthsBetween, shiftMonth } from '../periods.ts';
import { scopedUsage } from '../sql/usage.ts';

const currentMonth = () => new Date().toISOString().slice(0, 7);

/**
 * The effect of a news campaign (its period and targets come from the news subgraph through @requires): online
 * uptake of its target services in its target units during the campaign, against a window of the same length
 * before it and after it.
 */
export const Campaign: CampaignResolvers = {
  effect: async (campaign, _, { em }) => {
    const start = campaign.startsOn.slice(0, 7);
    const end = campaign.endsOn.slice(0, 7);
    const length = monthsBetween(start, end);
    const windows = {
      before: { from: shiftMonth(start, -length), to: shiftMonth(start, -1) },
      during: { from: start, to: end },
      after: { from: shiftMonth(end, 1), to: shiftMonth(end, length) },
    };
    const usage = (range: { from: string; to: string }) =>
      scopedUsage(em, range, campaign.targetServiceCodes, campaign.targetUnitCodes);
    const [before, during, after] = await Promise.all([
      usage(windows.before),
      usage(windows.during),
      windows.after.to < currentMonth() ? usage(windows.after) : Promise.resolve(null),
    ]);
    return {
      before,
      during,
      after,
      onlineRateChange:
        before.onlineRate != null && during.onlineRate != null ? during.onlineRate - before.onlineRate : null,
    };
  },
};
