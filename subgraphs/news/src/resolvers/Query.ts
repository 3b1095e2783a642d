import { notFound, userError } from '@motcua/errors';
import { isUuid, loadByKey } from '@motcua/inputs';
import { encodeCursor, toPage } from '@motcua/paging';
import { requireScope } from '@motcua/roles';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { isVisible } from '../newsroom/visibility.ts';
import { ARTICLE_CURSOR, articlePage } from '../sql/articles.ts';
import { allPartners, campaignPage } from '../sql/campaigns.ts';
import { readPartnerFeed } from '../sql/partner-feed.ts';
import { deliveryPage } from '../sql/webhook-deliveries.ts';
import { endpointFor, endpointsOf } from '../webhooks/endpoints.ts';

export const Query: QueryResolvers = {
  article: (_, { id, slug }, { loaders }) =>
    loadByKey(
      id,
      { name: 'slug', value: slug },
      { article: 'an article', missing: 'No published article' },
      { byId: loaders.articleById, byOther: loaders.articleBySlug },
      async (article) => isVisible(article, await loaders.viewer()),
    ),

  async articles(_, { filter, search, ...args }, { em, loaders, caller }) {
    const page = toPage(args, ARTICLE_CURSOR);
    if (filter?.statuses?.length) requireScope(caller, 'news:drafts', 'list articles by status');
    return articlePage(em, await loaders.viewer(), filter, search, page);
  },

  async campaign(_, { id }, { loaders }) {
    const campaign = isUuid(id) ? await loaders.campaignById.load(id) : null;
    if (!campaign) throw notFound(`No campaign has id ${id}`);
    return campaign;
  },

  campaigns: async (_, { active, audience, serviceCode, accessible, ...args }, { em, loaders }) =>
    campaignPage(
      em,
      await loaders.viewer(),
      { active, audience, serviceCode, accessible },
      toPage(args, ['date', 'uuid']),
    ),

  mediaPartners: (_, __, { em }) => allPartners(em),

  async partnerFeed(_, args, { em, loaders, caller }) {
    const { partner, embargoed } = await loaders.viewer();
    if (!partner) {
      throw userError(
        'FORBIDDEN',
        `The partner feed needs a key issued to a media partner; ${caller.partnerCode ? `no media partner has code ${caller.partnerCode}` : 'this key names none'}`,
      );
    }
    return readPartnerFeed(em, partner, embargoed, args);
  },

  webhookEndpoints: (_, { partnerCode }, { em, caller }) => endpointsOf(em, caller, partnerCode),

  async webhookDeliveries(_, { endpointId, status, ...args }, { em, caller }) {
    const page = toPage(args, 1);
    const endpoint = await endpointFor(em, caller, endpointId);
    const { rows, totalCount } = await deliveryPage(em, endpoint.id, status, page);
    const nodes = rows.slice(0, page.limit);
    const edges = nodes.map((node) => ({ cursor: encodeCursor([String(node.change_seq)]), node }));
    return {
      edges,
      nodes,
      totalCount,
      pageInfo: {
        hasNextPage: rows.length > page.limit,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  },
};
