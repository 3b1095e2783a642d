import type { Orm } from '@motcua/db';
import { isUuid } from '@motcua/inputs';
import express, { type Router } from 'express';
import { Feed } from 'feed';
import { Campaign } from '../entities/index.ts';
import type { Viewer } from '../newsroom/visibility.ts';
import { campaignFeedArticles } from '../sql/articles.ts';

const PUBLIC: Viewer = { drafts: false, embargoed: false, partner: null };

/**
 * `GET /campaigns/<id>/feed.atom` and `.rss`: a campaign's 50 newest public articles (never drafts, embargoed or
 * withdrawn ones), for partners whose systems read feeds rather than GraphQL. The gateway serves them at
 * `/feeds/campaigns/<id>.atom`.
 */
export function campaignFeedRoutes(orm: Orm): Router {
  const router = express.Router();
  router.get('/campaigns/:id/feed.:format', async (req, res) => {
    const { id, format } = req.params;
    if (!isUuid(id) || (format !== 'atom' && format !== 'rss')) {
      res
        .status(404)
        .type('text/plain')
        .send('No such feed: use /feeds/campaigns/<campaign id>.atom or .rss');
      return;
    }
    const em = orm.em.fork();
    const campaign = await em.findOne(Campaign, { id });
    if (!campaign) {
      res.status(404).type('text/plain').send(`No campaign has id ${id}`);
      return;
    }
    const articles = await campaignFeedArticles(em, PUBLIC, id, 50);
    // Behind the gateway, the feed's own address is the gateway's (x-motcua-public-url).
    const self = req.get('x-motcua-public-url') ?? `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    const feed = new Feed({
      title: campaign.name,
      description: campaign.objective,
      id: `urn:motcua:campaign:${campaign.id}`,
      link: self,
      language: 'vi',
      copyright: 'Thành phố Hà Nội',
      updated: articles[0]?.updatedAt ?? campaign.updatedAt,
      feedLinks: { [format]: self },
    });
    for (const article of articles) {
      feed.addItem({
        title: article.headline,
        id: `urn:motcua:article:${article.id}`,
        link: article.sourceUrl ?? self,
        description: article.summary ?? undefined,
        content: article.bodyHtml,
        date: article.updatedAt,
        published: article.publishedAt ?? undefined,
        ...(article.byline ? { author: [{ name: article.byline }] } : {}),
        copyright: `© ${article.copyrightHolder} (${article.licence})`,
      });
    }
    res
      .type(format === 'atom' ? 'application/atom+xml' : 'application/rss+xml')
      .send(format === 'atom' ? feed.atom1() : feed.rss2());
  });
  return router;
}
