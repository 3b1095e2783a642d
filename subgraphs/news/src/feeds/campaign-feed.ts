import type { Orm } from '@motcua/db';
import { isUuid } from '@motcua/inputs';
import express, { type Router } from 'express';
import { Feed } from 'feed';
import { Campaign } from '../entities/index.ts';
import type { Viewer } from '../newsroom/visibility.ts';
import { campaignFeedArticles, campaignTombstones } from '../sql/articles.ts';

const TOMBSTONES_NS = 'http://purl.org/atompub/tombstones/1.0';

const xmlEscape = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The Atom feed with a deleted entry (RFC 6721) for each article withdrawn or expired, so a reader removes it.
 * The feed library writes no tombstones: they go in before the closing tag, with their namespace on the root.
 */
function withTombstones(atom: string, tombstones: Awaited<ReturnType<typeof campaignTombstones>>): string {
  if (!tombstones.length) return atom;
  const entries = tombstones
    .map(
      (tombstone) =>
        `    <at:deleted-entry ref="urn:motcua:article:${xmlEscape(tombstone.article_id)}" when="${new Date(tombstone.changed_at).toISOString()}">
        <at:comment>${tombstone.kind === 'EXPIRED' ? 'expired' : 'withdrawn'}</at:comment>
    </at:deleted-entry>`,
    )
    .join('\n');
  return atom
    .replace(
      '<feed xmlns="http://www.w3.org/2005/Atom"',
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="${TOMBSTONES_NS}"`,
    )
    .replace(/<\/feed>\s*$/, `${entries}\n</feed>\n`);
}

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
    const [articles, tombstones] = await Promise.all([
      campaignFeedArticles(em, PUBLIC, id, 50),
      campaignTombstones(em, id, 50),
    ]);
    // Behind the gateway, the feed's own address is the gateway's (x-motcua-public-url).
    const self = req.get('x-motcua-public-url') ?? `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    const origin = new URL(self).origin;
    // The feed changes when any entry does, or when one is deleted: its newest such moment.
    const updated = new Date(
      Math.max(
        ...articles.map((article) => article.updatedAt.getTime()),
        ...tombstones.map((tombstone) => new Date(tombstone.changed_at).getTime()),
        articles.length || tombstones.length ? 0 : campaign.updatedAt.getTime(),
      ),
    );
    const feed = new Feed({
      title: campaign.name,
      description: campaign.objective,
      id: `urn:motcua:campaign:${campaign.id}`,
      link: self,
      language: 'vi',
      copyright: 'Thành phố Hà Nội',
      updated,
      feedLinks: { [format]: self },
    });
    for (const article of articles) {
      feed.addItem({
        title: article.headline,
        id: `urn:motcua:article:${article.id}`,
        // The article's public page on the hub, at its stable address.
        link: `${origin}/articles/${article.slug}`,
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
      .send(format === 'atom' ? withTombstones(feed.atom1(), tombstones) : feed.rss2());
  });
  return router;
}
