import { searchConditions } from '@motcua/db';
import { notFound, userError } from '@motcua/errors';
import { isUuid, lookupKey } from '@motcua/inputs';
import { entityPage, toPage } from '@motcua/paging';
import { requireScope } from '@motcua/roles';
import { Article, Campaign, MediaPartner } from '../entities/index.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { ARTICLE_ORDER, articleSortKey } from '../loaders/index.ts';
import { readPartnerFeed } from '../newsroom/partner-feed.ts';
import { isVisible, visibleSql } from '../newsroom/visibility.ts';

const STORED_STATUS = {
  DRAFT: 'DRAFT',
  SCHEDULED: 'PUBLISHED',
  PUBLISHED: 'PUBLISHED',
  WITHDRAWN: 'WITHDRAWN',
} as const;

export const Query: QueryResolvers = {
  async article(_, args, { loaders }) {
    const key = lookupKey(args.id, { name: 'slug', value: args.slug }, 'an article');
    const article = key.byId
      ? await loaders.articleById.load(key.value)
      : await loaders.articleBySlug.load(key.value);
    // An article the caller may not see is reported exactly like one that does not exist.
    if (!article || !isVisible(article, await loaders.viewer()))
      throw notFound(`No published article has ${key.label}`);
    return article;
  },

  async articles(_, { filter, search, ...args }, { em, loaders, caller }) {
    const page = toPage(args, 2);
    const viewer = await loaders.viewer();
    const words = searchConditions(
      'news',
      `a.headline || ' ' || coalesce(a.summary, '') || ' ' || a.body_text`,
      search,
    );
    const conditions = [visibleSql(viewer, 'a'), ...words.sql];
    const params: unknown[] = [...words.params];
    const where = (sql: string, value: unknown) => {
      conditions.push(sql);
      params.push(value);
    };
    if (filter?.statuses?.length) {
      requireScope(caller, 'news:drafts', 'list articles by status');
      where('a.status in (?)', [...new Set(filter.statuses.map((status) => STORED_STATUS[status]))]);
    }
    if (filter?.campaignId) where('? = any(a.campaign_ids)', filter.campaignId);
    if (filter?.kind) where('a.kind = ?', filter.kind);
    if (filter?.topic) where('? = any(a.topic_codes)', filter.topic);
    if (filter?.language) where('a.language = ?', filter.language);
    if (filter?.serviceCode) where('? = any(a.service_codes)', filter.serviceCode);
    if (filter?.unitCode) where('? = any(a.unit_codes)', filter.unitCode);
    if (filter?.publishedFrom) where('a.published_at >= ?', new Date(filter.publishedFrom));
    if (filter?.publishedTo) where('a.published_at <= ?', new Date(filter.publishedTo));
    return entityPage(
      em,
      Article,
      {
        source: `select a.* from news.article a where ${conditions.join(' and ')}`,
        params,
        ...ARTICLE_ORDER,
      },
      page,
      articleSortKey,
    );
  },

  async campaign(_, { id }, { loaders }) {
    const campaign = isUuid(id) ? await loaders.campaignById.load(id) : null;
    if (!campaign) throw notFound(`No campaign has id ${id}`);
    return campaign;
  },

  async campaigns(_, { active, audience, serviceCode, ...args }, { em }) {
    const page = toPage(args, 2);
    const conditions = ['true'];
    const params: unknown[] = [];
    if (active != null)
      conditions.push(`(current_date between c.starts_on and c.ends_on) = ${active ? 'true' : 'false'}`);
    if (audience) {
      conditions.push('? = any(c.audiences)');
      params.push(audience);
    }
    if (serviceCode) {
      conditions.push('? = any(c.target_service_codes)');
      params.push(serviceCode);
    }
    return entityPage(
      em,
      Campaign,
      {
        source: `select c.*, c.starts_on::text as sort_start from news.campaign c where ${conditions.join(' and ')}`,
        params,
        sortColumns: ['sort_start', 'id'],
        direction: 'desc',
      },
      page,
      (campaign) => [campaign.startsOn, campaign.id],
    );
  },

  async mediaPartners(_, __, { em }) {
    return em.find(MediaPartner, {}, { orderBy: { code: 'asc' } });
  },

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
};
