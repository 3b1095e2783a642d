import { todayIso } from '@motcua/inputs';
import { loadPage } from '@motcua/paging';
import type { MediaPartner } from '../entities/index.ts';
import type { CampaignResolvers } from '../generated/resolvers-types.ts';
import { ARTICLE_CURSOR } from '../sql/articles.ts';

export const Campaign: CampaignResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.campaignById.load(id),
  active: (campaign) => {
    const today = todayIso();
    return campaign.startsOn <= today && today <= campaign.endsOn;
  },
  targetServices: (campaign) => campaign.targetServiceCodes.map((code) => ({ code })),
  targetUnits: (campaign) => campaign.targetUnitCodes.map((code) => ({ code })),
  articles: (campaign, args, { loaders }) =>
    loadPage(loaders.campaignArticles, campaign.id, args, ARTICLE_CURSOR, 20),
  partners: async (campaign, _, { loaders }) => {
    return (await loaders.partnerByCode.loadMany(campaign.partnerCodes)).filter(
      (partner): partner is MediaPartner => partner !== null && !(partner instanceof Error),
    );
  },
  feedUrl: (campaign) => `/feeds/campaigns/${campaign.id}.atom`,
};
