import type { Orm } from '@motcua/db';
import express, { type Router } from 'express';
import { Article } from '../entities/index.ts';
import { isVisible, type Viewer } from '../newsroom/visibility.ts';

const PUBLIC: Viewer = { drafts: false, embargoed: false, partner: null };
const LANGUAGE_TAGS = { VI: 'vi', EN: 'en' } as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A date as readers in Vietnam read it, with the machine-readable instant beside it. */
const timeOf = (date: Date, language: 'VI' | 'EN') =>
  `<time datetime="${date.toISOString()}">${escapeHtml(
    date.toLocaleDateString(language === 'VI' ? 'vi-VN' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Asia/Ho_Chi_Minh',
    }),
  )}</time>`;

/**
 * The public page of an article: server-rendered HTML that needs no JavaScript, with the article's language,
 * one h1 and the body's own headings below it, alt texts on every image, and sizes in relative units only, so it
 * reads at 200 % zoom without scrolling sideways. The body is the sanitised HTML editors wrote.
 */
export function renderArticlePage(article: Article, selfUrl: string): string {
  const lang = LANGUAGE_TAGS[article.language];
  const images = article.media
    .filter((asset) => asset.kind === 'IMAGE' && asset.renditions[0])
    .map(
      (asset) =>
        `<figure><img src="${escapeHtml(asset.renditions[0]?.url ?? '')}" alt="${escapeHtml(asset.altText ?? asset.caption ?? '')}">${
          asset.caption
            ? `<figcaption>${escapeHtml(asset.caption)}${asset.credit ? ` (${escapeHtml(asset.credit)})` : ''}</figcaption>`
            : ''
        }</figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(article.headline)}</title>
<link rel="canonical" href="${escapeHtml(selfUrl)}">
<style>
  body { font-family: system-ui, sans-serif; font-size: 1.25rem; line-height: 1.6; max-width: 40em; margin: 0 auto; padding: 1em; color: #111; background: #fff; }
  img { max-width: 100%; height: auto; }
  a { color: #0645ad; }
  a:focus, a:hover { outline: 0.15em solid #0645ad; }
</style>
</head>
<body>
<main>
<article>
<h1>${escapeHtml(article.headline)}</h1>
${article.subheadline ? `<p><strong>${escapeHtml(article.subheadline)}</strong></p>` : ''}
<p>${article.byline ? `${escapeHtml(article.byline)} · ` : ''}${article.publishedAt ? timeOf(article.publishedAt, article.language) : ''}</p>
${article.summary ? `<p>${escapeHtml(article.summary)}</p>` : ''}
${images}
${article.bodyHtml}
<footer><p>© ${escapeHtml(article.copyrightHolder)} (${escapeHtml(article.licence)})${
    article.sourceUrl
      ? ` · <a href="${escapeHtml(article.sourceUrl)}">${escapeHtml(article.sourcePublisher ?? article.sourceUrl)}</a>`
      : ''
  }</p></footer>
</article>
</main>
</body>
</html>
`;
}

/** `GET /articles/<slug>`: a published article's public page (404 for anything the public may not see). */
export function articlePageRoutes(orm: Orm): Router {
  const router = express.Router();
  router.get('/articles/:slug', async (req, res) => {
    const article = await orm.em.fork().findOne(Article, { slug: req.params.slug });
    if (!article || !isVisible(article, PUBLIC)) {
      res.status(404).type('text/plain').send('No published article has this address');
      return;
    }
    const self = req.get('x-motcua-public-url') ?? `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    res
      .set('cache-control', 'public, max-age=60')
      .type('text/html; charset=utf-8')
      .send(renderArticlePage(article, self));
  });
  return router;
}
