import { badUserInput } from '@motcua/errors';
import { parseInput } from '@motcua/inputs';
import { Article, Campaign } from '../entities/index.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { articleFields, writeVersioned } from '../newsroom/editing.ts';
import { articleInput, campaignInput } from '../newsroom/inputs.ts';
import {
  disableEndpoint,
  endpointFor,
  registerEndpoint,
  replayDeliveries,
  rotateSecret,
  verifyEndpoint,
} from '../webhooks/endpoints.ts';

export const Mutation: MutationResolvers = {
  async createArticle(_, { input }, { em }) {
    const fields = await articleFields(em, parseInput(articleInput, input, 'article'));
    const article = em.create(Article, { ...fields, status: 'DRAFT' });
    await em.flush();
    return article;
  },

  async updateArticle(_, { id, version, input }, { em }) {
    const parsed = parseInput(articleInput, input, 'article');
    return writeVersioned(em, Article, id, version, async (article, tx) => {
      if (article.status === 'WITHDRAWN') throw badUserInput('A withdrawn article cannot be changed');
      tx.assign(article, await articleFields(tx, parsed, article));
    });
  },

  async publishArticle(_, { id, version, at, embargoUntil }, { em }) {
    const publishAt = at ? new Date(at) : new Date();
    const embargo = embargoUntil ? new Date(embargoUntil) : null;
    if (embargo && embargo <= publishAt)
      throw badUserInput('embargoUntil must be after the publication time');
    return writeVersioned(em, Article, id, version, (article) => {
      if (article.status === 'WITHDRAWN') throw badUserInput('A withdrawn article cannot be published again');
      article.status = 'PUBLISHED';
      article.publishedAt = publishAt;
      article.embargoUntil = embargo;
    });
  },

  async withdrawArticle(_, { id, version, reason }, { em }) {
    if (!reason.trim()) throw badUserInput('Say why the article is withdrawn (reason)');
    return writeVersioned(em, Article, id, version, (article) => {
      if (article.status !== 'PUBLISHED') throw badUserInput('Only a published article can be withdrawn');
      article.status = 'WITHDRAWN';
      article.withdrawnReason = reason.trim();
    });
  },

  async createCampaign(_, { input }, { em }) {
    const campaign = em.create(Campaign, parseInput(campaignInput, input, 'campaign'));
    await em.flush();
    return campaign;
  },

  async updateCampaign(_, { id, version, input }, { em }) {
    const fields = parseInput(campaignInput, input, 'campaign');
    return writeVersioned(em, Campaign, id, version, (campaign, tx) => {
      tx.assign(campaign, fields);
    });
  },

  registerWebhookEndpoint: (_, { input }, { em, caller }) => registerEndpoint(em, caller, input),

  verifyWebhookEndpoint: async (_, { id }, { em, caller }) =>
    verifyEndpoint(em, await endpointFor(em, caller, id)),

  disableWebhookEndpoint: async (_, { id }, { em, caller }) =>
    disableEndpoint(em, await endpointFor(em, caller, id), caller),

  rotateWebhookSecret: async (_, { id, keepPreviousForHours }, { em, caller }) =>
    rotateSecret(em, await endpointFor(em, caller, id), keepPreviousForHours ?? 24),

  replayWebhookDeliveries: async (_, { endpointId, ...args }, { em, caller }) =>
    replayDeliveries(em, await endpointFor(em, caller, endpointId), args),
};
