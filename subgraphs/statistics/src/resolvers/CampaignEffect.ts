import type { CampaignEffectResolvers } from '../generated/resolvers-types.ts';

/** A campaign's effect against comparable units it did not target, batched over the campaigns of a response. */
export const CampaignEffect: CampaignEffectResolvers = {
  comparison: (effect, _, { loaders }) => loaders.campaignComparison.load(effect),
};
