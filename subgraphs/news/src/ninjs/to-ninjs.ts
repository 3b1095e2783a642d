import type { Article } from '../entities/index.ts';
import type { ArticleRenditionKind } from '../generated/resolvers-types.ts';
import type { RenditionRow } from '../sql/renditions.ts';
import { webhookRuntime } from '../webhooks/settings.ts';
import { topicOf } from './media-topics.ts';

export type NinjsVersion = 'V3_1' | 'V2_2';

/** What a partner knows of a withdrawn article: its identity and that it is cancelled. */
export type Tombstone = { id: string; version: number; changedAt: Date };

const uriOf = (id: string) => `urn:motcua:article:${id}`;
const LANGUAGE_TAGS = { VI: 'vi', EN: 'en' } as const;
const GENRES: Record<Article['kind'], string | null> = {
  NEWS: null,
  PRESS_RELEASE: 'PressRelease',
  EXPLAINER: 'Explainer',
  INTERVIEW: 'Interview',
};

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

const RENDITION_FILES = { LARGE_PRINT: 'large-print.pdf', AUDIO: 'audio.mp3' } as const satisfies Record<
  ArticleRenditionKind,
  string
>;

/** Where the gateway serves a rendition of an article, beside its public page. */
export const renditionPath = (slug: string, kind: ArticleRenditionKind) =>
  `/articles/${slug}/${RENDITION_FILES[kind]}`;

/** The rendition's kind of a file name under an article's page, if it names one. */
export const renditionKindOf = (file: string) =>
  (Object.entries(RENDITION_FILES).find(([, name]) => name === file)?.[0] ??
    null) as ArticleRenditionKind | null;

/**
 * The article as IPTC ninjs (News in JSON), the format news agencies ingest: 3.1 (camelCase properties) or 2.2
 * (lower-case properties). Services and units are subjects with `urn:motcua:` URIs; media are associations with
 * their renditions. Validated against the IPTC JSON Schemas in the tests.
 */
export function toNinjs(
  article: Article,
  version: NinjsVersion,
  renditions: readonly RenditionRow[] = [],
): Record<string, unknown> {
  const v3 = version === 'V3_1';
  const key = (camel: string) => (v3 ? camel : camel.toLowerCase());
  const document: Record<string, unknown> = {
    uri: uriOf(article.id),
    type: 'text',
    version: String(article.version),
    [key('firstCreated')]: article.createdAt.toISOString(),
    [key('versionCreated')]: article.updatedAt.toISOString(),
    [key('pubStatus')]: 'usable',
    language: LANGUAGE_TAGS[article.language],
    headlines: [
      { role: 'main', value: article.headline },
      ...(article.subheadline ? [{ role: 'sub', value: article.subheadline }] : []),
    ],
    bodies: [
      {
        role: 'main',
        [key('contentType')]: 'text/html',
        value: article.bodyHtml,
        [key('charCount')]: article.bodyText.length,
        [key('wordCount')]: words(article.bodyText),
      },
      { role: 'main', [key('contentType')]: 'text/plain', value: article.bodyText },
      // The editors' easy-read version: a body of its own role, for partners serving readers who need it.
      ...(article.easyRead
        ? [
            {
              role: 'easyRead',
              [key('contentType')]: 'text/plain',
              value: article.easyRead,
              [key('charCount')]: article.easyRead.length,
              [key('wordCount')]: words(article.easyRead),
            },
          ]
        : []),
    ],
    subjects: [
      ...article.topicCodes.map((code) => {
        const topic = topicOf(code);
        return { uri: topic.uri, ...(topic.name ? { name: topic.name } : {}) };
      }),
      ...article.serviceCodes.map((code) => ({ uri: `urn:motcua:service:${code}`, rel: 'about' })),
      ...article.unitCodes.map((code) => ({ uri: `urn:motcua:unit:${code}`, rel: 'about' })),
    ],
    [key('copyrightHolder')]: article.copyrightHolder,
    [key('copyrightNotice')]: `© ${article.copyrightHolder}`,
  };
  if (article.embargoUntil)
    document[v3 ? 'embargoedUntil' : 'embargoed'] = article.embargoUntil.toISOString();
  if (article.expires) document.expires = article.expires.toISOString();
  // The article's public page on the hub, at its stable address, and its accessible renditions beside it.
  document.renditions = [
    {
      name: 'web',
      href: `${webhookRuntime.publicOrigin}/articles/${article.slug}`,
      [key('contentType')]: 'text/html',
      title: article.headline,
    },
    ...renditions.map((rendition) => ({
      name: rendition.kind === 'AUDIO' ? 'audio' : 'largePrint',
      href: `${webhookRuntime.publicOrigin}${renditionPath(article.slug, rendition.kind)}`,
      [key('contentType')]: rendition.content_type,
      [key('sizeInBytes')]: rendition.size_in_bytes,
      ...(rendition.duration_seconds !== null ? { duration: rendition.duration_seconds } : {}),
      title: article.headline,
    })),
  ];
  if (article.summary) document.descriptions = [{ role: 'summary', value: article.summary }];
  if (article.byline) document.by = article.byline;
  if (article.usageTerms) document[key('usageTerms')] = article.usageTerms;
  if (article.slug) document.slugline = article.slug;
  const genre = GENRES[article.kind];
  if (genre) document.genres = [{ name: genre, uri: `http://cv.iptc.org/newscodes/genre/${genre}` }];
  if (article.sourceUrl && v3) {
    document.infoSources = [
      { name: article.sourcePublisher ?? article.sourceUrl, role: 'originalSource', uri: article.sourceUrl },
    ];
  }
  if (article.media.length) {
    document.associations = article.media.map((asset, index) => ({
      name: `${asset.kind.toLowerCase()}${index + 1}`,
      uri: `${uriOf(article.id)}:media:${index + 1}`,
      type:
        asset.kind === 'IMAGE' ? 'picture' : asset.kind === 'DOCUMENT' ? 'text' : asset.kind.toLowerCase(),
      ...(asset.caption ? { descriptions: [{ role: 'caption', value: asset.caption }] } : {}),
      ...(asset.credit ? { by: asset.credit } : {}),
      ...(asset.altText ? { headlines: [{ role: 'alt', value: asset.altText }] } : {}),
      renditions: asset.renditions.map((rendition) => ({
        name: rendition.name,
        href: rendition.url,
        [key('contentType')]: rendition.mimeType,
        ...(rendition.width ? { width: rendition.width } : {}),
        ...(rendition.height ? { height: rendition.height } : {}),
        ...(rendition.sizeBytes ? { [key('sizeInBytes')]: rendition.sizeBytes } : {}),
      })),
    }));
  }
  return document;
}

/** A withdrawn article in ninjs: `pubStatus: canceled`, so a partner removes it. */
export function tombstoneNinjs(tombstone: Tombstone, version: NinjsVersion): Record<string, unknown> {
  const v3 = version === 'V3_1';
  return {
    uri: uriOf(tombstone.id),
    type: 'text',
    version: String(tombstone.version),
    [v3 ? 'versionCreated' : 'versioncreated']: tombstone.changedAt.toISOString(),
    [v3 ? 'pubStatus' : 'pubstatus']: 'canceled',
  };
}
