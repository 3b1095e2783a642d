import type { CampaignResolvers } from '../generated/resolvers-types.ts';

/**
 * The effect of a news campaign (its period and targets come from the news subgraph through @requires), batched:
 * the campaigns of one response are measured together (see loaders.campaignEffect).
 */
export const Campaign: CampaignResolvers = {
  effect: (campaign, _, { loaders }) =>
    loaders.campaignEffect.load({
      id: campaign.id,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
      targetServiceCodes: campaign.targetServiceCodes,
      targetUnitCodes: campaign.targetUnitCodes,
    }),
};
