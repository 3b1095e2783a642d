import type { Orm } from '@motcua/db';
import express, { type Router } from 'express';
import { Article } from '../entities/index.ts';
import { isVisible, type Viewer } from '../newsroom/visibility.ts';
import { renditionKindOf, renditionPath } from '../ninjs/to-ninjs.ts';
import { readabilityOf } from '../renditions/readability.ts';
import { type RenditionRow, renditionFile, renditionsOf } from '../sql/renditions.ts';

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

const WORDING = {
  VI: {
    versions: 'Phiên bản dễ tiếp cận',
    easyRead: 'Bản dễ đọc',
    grade: (grade: string) => `mức đọc lớp ${grade} theo công thức Nguyễn – Henkin`,
    largePrint: 'Bản chữ lớn',
    audio: 'Bản nghe',
    minutes: (minutes: number, seconds: number) => `${minutes ? `${minutes} phút ` : ''}${seconds} giây`,
  },
  EN: {
    versions: 'Accessible versions',
    easyRead: 'Easy-read version',
    grade: (grade: string) => `reading grade ${grade} by the Nguyễn–Henkin formula`,
    largePrint: 'Large print',
    audio: 'Listen',
    minutes: (minutes: number, seconds: number) => `${minutes ? `${minutes} min ` : ''}${seconds} s`,
  },
} as const;

/** A size as a reader reads it: kB or MB, with the language's decimal mark. */
const sizeOf = (bytes: number, language: 'VI' | 'EN') =>
  bytes < 1_000_000
    ? `${Math.max(1, Math.round(bytes / 1_000))} kB`
    : `${(bytes / 1_000_000).toLocaleString(language === 'VI' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })} MB`;

/** The easy-read version and the links to the large print and audio, when the article has any of them. */
function accessibleVersions(article: Article, renditions: readonly RenditionRow[]): string {
  const words = WORDING[article.language];
  const locale = article.language === 'VI' ? 'vi-VN' : 'en-GB';
  const readability = article.easyRead ? readabilityOf(article.easyRead) : null;
  const items: string[] = [];
  if (article.easyRead && readability) {
    items.push(
      `<li><a href="#easy-read">${words.easyRead}</a> (${escapeHtml(words.grade(readability.grade.toLocaleString(locale)))})</li>`,
    );
  }
  const pdf = renditions.find((rendition) => rendition.kind === 'LARGE_PRINT');
  if (pdf) {
    items.push(
      `<li><a href="${escapeHtml(renditionPath(article.slug, 'LARGE_PRINT'))}" type="application/pdf">${words.largePrint}</a> (PDF, ${sizeOf(pdf.size_in_bytes, article.language)})</li>`,
    );
  }
  const audio = renditions.find((rendition) => rendition.kind === 'AUDIO');
  if (audio) {
    const seconds = Math.round(audio.duration_seconds ?? 0);
    const href = escapeHtml(renditionPath(article.slug, 'AUDIO'));
    items.push(
      `<li><a href="${href}" type="audio/mpeg">${words.audio}</a> (MP3, ${escapeHtml(words.minutes(Math.floor(seconds / 60), seconds % 60))}, ${sizeOf(audio.size_in_bytes, article.language)})<br><audio controls preload="none" src="${href}" aria-label="${words.audio}"></audio></li>`,
    );
  }
  if (!items.length) return '';
  const easyRead = article.easyRead
    ? `<section id="easy-read" aria-labelledby="easy-read-heading">
<h2 id="easy-read-heading">${words.easyRead}</h2>
${article.easyRead
  .split(/\n\s*\n/)
  .map((paragraph) => `<p>${escapeHtml(paragraph.trim())}</p>`)
  .join('\n')}
</section>`
    : '';
  return `<section aria-labelledby="versions-heading">
<h2 id="versions-heading">${words.versions}</h2>
<ul>
${items.join('\n')}
</ul>
</section>
${easyRead}`;
}

/**
 * The public page of an article: server-rendered HTML that needs no JavaScript, with the article's language,
 * one h1 and the body's own headings below it, alt texts on every image, and sizes in relative units only, so it
 * reads at 200 % zoom without scrolling sideways. The body is the sanitised HTML editors wrote.
 */
export function renderArticlePage(
  article: Article,
  selfUrl: string,
  renditions: readonly RenditionRow[] = [],
): string {
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
  audio { max-width: 100%; }
  #easy-read { font-size: 1.2em; border-left: 0.3em solid #0645ad; padding-left: 1em; }
</style>
</head>
<body>
<main>
<article>
<h1>${escapeHtml(article.headline)}</h1>
${article.subheadline ? `<p><strong>${escapeHtml(article.subheadline)}</strong></p>` : ''}
<p>${article.byline ? `${escapeHtml(article.byline)} · ` : ''}${article.publishedAt ? timeOf(article.publishedAt, article.language) : ''}</p>
${article.summary ? `<p>${escapeHtml(article.summary)}</p>` : ''}
${accessibleVersions(article, renditions)}
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

/**
 * `GET /articles/<slug>`: a published article's public page, and `/articles/<slug>/large-print.pdf` and
 * `/audio.mp3` its renditions (404 for anything the public may not see).
 */
export function articlePageRoutes(orm: Orm): Router {
  const router = express.Router();
  router.get('/articles/:slug', async (req, res) => {
    const em = orm.em.fork();
    const article = await em.findOne(Article, { slug: req.params.slug });
    if (!article || !isVisible(article, PUBLIC)) {
      res.status(404).type('text/plain').send('No published article has this address');
      return;
    }
    const self = req.get('x-motcua-public-url') ?? `${req.protocol}://${req.get('host')}${req.originalUrl}`;
    res
      .set('cache-control', 'public, max-age=60')
      .type('text/html; charset=utf-8')
      .send(renderArticlePage(article, self, await renditionsOf(em, [article.id])));
  });
  router.get('/articles/:slug/:file', async (req, res) => {
    const kind = renditionKindOf(req.params.file);
    const file = kind ? await renditionFile(orm.em.fork(), req.params.slug, kind) : null;
    if (!file) {
      res
        .status(404)
        .type('text/plain')
        .send(
          'No rendition here: a published article has /large-print.pdf and /audio.mp3 once they are made',
        );
      return;
    }
    // The checksum is the ETag: a client or cache that has this version is answered 304 without the bytes.
    // A changed article makes a new file under the same address, so caches check again after five minutes.
    res
      .set('etag', `"${file.checksum}"`)
      .set('last-modified', new Date(file.generated_at).toUTCString())
      .set('cache-control', 'public, max-age=300')
      .type(file.content_type)
      .send(file.content);
  });
  return router;
}
