import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type GraphQLClient, gql } from 'graphql-request';
import { MPEGDecoder } from 'mpg123-decoder';
import { extractText, getDocumentProxy } from 'unpdf';
import { axeViolations, launchChromium, serious } from './support/browser.ts';
import { ok } from './support/data-of.ts';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// The accessible versions of an article, end to end: an editor's easy-read text checked on save, the large print
// and audio the hub makes in the background after publication, served by the gateway, listed in GraphQL and ninjs,
// and made again when the article changes. The renditions worker is on here (tests leave it off elsewhere).

let graph: TestHub;
let editor: GraphQLClient;

beforeAll(async () => {
  graph = await startTestHub({ env: { RENDITION_WORKER: 'true' } });
  editor = await graph.as('EDITOR');
});

afterAll(async () => {
  await graph?.stop();
});

/** Two short sentences of common words: 13 written words of 37 letters. */
const EASY_READ = 'Bạn có thể nộp hồ sơ trên mạng. Cán bộ sẽ giúp bạn.';
const HEADLINE = 'Người cao tuổi được giúp làm thủ tục trực tuyến';

const input = (campaignId: string, easyRead: string | null) => ({
  slug: 'nguoi-cao-tuoi-duoc-giup',
  headline: HEADLINE,
  bodyHtml:
    '<p>Từ tháng 9, cán bộ bộ phận một cửa của các phường hướng dẫn người cao tuổi nộp hồ sơ hộ tịch qua Cổng dịch vụ công, từng bước, tại quầy.</p>',
  language: 'VI',
  kind: 'NEWS',
  copyrightHolder: 'Thành phố Hà Nội',
  licence: 'MOTCUA-PRESS',
  campaignIds: [campaignId],
  easyRead,
});

type Rendition = {
  kind: 'LARGE_PRINT' | 'AUDIO';
  contentType: string;
  sizeInBytes: number;
  durationSeconds: number | null;
  checksum: string;
  url: string;
  source: string;
  articleVersion: number;
};
const RENDITIONS = gql`query ($slug: String) { article(slug: $slug) { version renditions {
  kind contentType sizeInBytes durationSeconds checksum url source articleVersion } } }`;

/** Waits for the background worker to make the renditions of the article's current version. */
async function renditionsOfCurrentVersion(slug: string): Promise<Rendition[]> {
  for (let round = 0; round < 600; round++) {
    const { article } = await ok<{ article: { version: number; renditions: Rendition[] } }>(
      graph.client,
      RENDITIONS,
      { slug },
    );
    const current = article.renditions.filter((rendition) => rendition.articleVersion === article.version);
    if (current.length === 2) return article.renditions;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the renditions of ${slug} were not made within 5 minutes`);
}

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('accessible versions', () => {
  let campaignId: string;
  let articleId: string;
  let published: { version: number };
  let renditions: Rendition[];

  beforeAll(async () => {
    const { campaigns } = await ok<{ campaigns: { nodes: { id: string }[] } }>(
      graph.client,
      gql`{ campaigns(audience: ELDERLY) { nodes { id } } }`,
    );
    campaignId = campaigns.nodes[0]?.id as string;
  });

  it('refuses an easy-read version with long sentences or too long, saying what to change', async () => {
    const create = gql`mutation ($input: ArticleInput!) { createArticle(input: $input) { id } }`;
    const long = `Người cao tuổi ${'và con cháu '.repeat(8)}có thể đến bộ phận một cửa. Cán bộ sẽ giúp.`;
    const refused = await editor
      .rawRequest(create, {
        input: { ...input(campaignId, long), slug: 'dai-qua' },
      })
      .catch(refusal);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.problems).toEqual([
      'easyRead sentence 1 ("Người cao tuổi và con cháu …") has 34 words; an easy-read sentence has at most 20: split it',
    ]);
    const tooLong = await editor
      .rawRequest(create, {
        input: { ...input(campaignId, `${EASY_READ}\n\n`.repeat(60)), slug: 'dai-qua' },
      })
      .catch(refusal);
    expect(tooLong.errors?.[0]?.extensions?.problems).toEqual([
      'easyRead has 3178 characters; an easy-read version has at most 3000: keep the few points a reader needs',
    ]);
  });

  it('keeps the editors’ easy-read version with its Vietnamese readability figure', async () => {
    const { createArticle } = await ok<{
      createArticle: { id: string; version: number; easyRead: Record<string, unknown> };
    }>(
      editor,
      gql`mutation ($input: ArticleInput!) { createArticle(input: $input) { id version
        easyRead { body readability sentences wordsPerSentence longestSentence } } }`,
      { input: input(campaignId, EASY_READ) },
    );
    // Nguyễn & Henkin: 2 × 37/13 letters a word + 0.2 × 13/2 words a sentence − 6 = 0.99, a first-grade text.
    expect(createArticle.easyRead).toEqual({
      body: EASY_READ,
      readability: 1,
      sentences: 2,
      wordsPerSentence: 6.5,
      longestSentence: 8,
    });
    articleId = createArticle.id;
    published = (
      await ok<{ publishArticle: { version: number } }>(
        editor,
        gql`mutation ($id: ID!, $version: Int!) { publishArticle(id: $id, version: $version) { version } }`,
        { id: articleId, version: createArticle.version },
      )
    ).publishArticle;
  });

  it('makes a large-print PDF and an audio rendition in the background after publication', async () => {
    renditions = await renditionsOfCurrentVersion('nguoi-cao-tuoi-duoc-giup');
    expect(
      renditions.map(({ kind, contentType, source, url }) => ({ kind, contentType, source, url })),
    ).toEqual([
      {
        kind: 'AUDIO',
        contentType: 'audio/mpeg',
        source: 'EASY_READ',
        url: '/articles/nguoi-cao-tuoi-duoc-giup/audio.mp3',
      },
      {
        kind: 'LARGE_PRINT',
        contentType: 'application/pdf',
        source: 'EASY_READ',
        url: '/articles/nguoi-cao-tuoi-duoc-giup/large-print.pdf',
      },
    ]);
    expect(renditions.every((rendition) => rendition.articleVersion === published.version)).toBe(true);
  });

  it('serves the large print with its type, length, ETag and caching, holding the text with its diacritics at 18 pt or more', async () => {
    const pdf = renditions.find((rendition) => rendition.kind === 'LARGE_PRINT') as Rendition;
    const response = await fetch(`${graph.hub.gatewayOrigin}${pdf.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('etag')).toBe(`"${pdf.checksum}"`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const bytes = await bytesOf(response);
    expect(Number(response.headers.get('content-length'))).toBe(pdf.sizeInBytes);
    expect(bytes.length).toBe(pdf.sizeInBytes);
    expect(sha256(bytes)).toBe(pdf.checksum);

    const document = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(document, { mergePages: true });
    const flat = text.normalize('NFC').replace(/\s+/g, ' ');
    expect(flat).toContain(HEADLINE);
    expect(flat).toContain(EASY_READ);
    const page = await document.getPage(1);
    const sizes = (await page.getTextContent()).items
      .filter((item) => 'str' in item && item.str.trim())
      .map((item) => ('transform' in item ? Math.hypot(item.transform[2], item.transform[3]) : 0));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);

    const again = await fetch(`${graph.hub.gatewayOrigin}${pdf.url}`, {
      // A revalidation, as a browser sends it (fetch would otherwise add no-cache, which forbids a 304).
      headers: { 'if-none-match': `"${pdf.checksum}"`, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
  });

  it('serves the audio as MP3 that decodes to its stated duration', async () => {
    const audio = renditions.find((rendition) => rendition.kind === 'AUDIO') as Rendition;
    const response = await fetch(`${graph.hub.gatewayOrigin}${audio.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = await bytesOf(response);
    expect(bytes.length).toBe(audio.sizeInBytes);
    expect(sha256(bytes)).toBe(audio.checksum);
    const decoder = new MPEGDecoder();
    await decoder.ready;
    const decoded = decoder.decode(bytes);
    decoder.free();
    // The headline, two sentences and the rights, spoken slowly: several seconds.
    expect(audio.durationSeconds).toBeGreaterThan(5);
    // MP3 frames carry 1,152 samples and the encoder's delay: within a frame or two of the samples made.
    expect(Math.abs(decoded.samplesDecoded / decoded.sampleRate - (audio.durationSeconds ?? 0))).toBeLessThan(
      0.2,
    );
  });

  it('lists the renditions and the easy-read body in ninjs, which still validates against IPTC 3.1', async () => {
    const { article } = await ok<{ article: { ninjs: Record<string, unknown> } }>(
      graph.client,
      gql`{ article(slug: "nguoi-cao-tuoi-duoc-giup") { ninjs } }`,
    );
    const audio = renditions.find((rendition) => rendition.kind === 'AUDIO') as Rendition;
    expect(article.ninjs.bodies).toContainEqual(
      expect.objectContaining({ role: 'easyRead', contentType: 'text/plain', value: EASY_READ }),
    );
    expect(article.ninjs.renditions).toContainEqual(
      expect.objectContaining({
        name: 'audio',
        href: expect.stringMatching(/\/articles\/nguoi-cao-tuoi-duoc-giup\/audio\.mp3$/),
        contentType: 'audio/mpeg',
        sizeInBytes: audio.sizeInBytes,
        duration: audio.durationSeconds,
      }),
    );
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
    const schema = JSON.parse(
      readFileSync(new URL('./fixtures/ninjs/ninjs-schema_3.1.json', import.meta.url), 'utf8'),
    );
    const validate = ajv.compile(schema);
    validate(article.ninjs);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('finds articles and campaigns by their accessible versions', async () => {
    const data = await ok<{
      articles: { nodes: { slug: string }[] };
      campaigns: { nodes: { id: string }[] };
      none: { totalCount: number };
    }>(
      graph.client,
      gql`{
        articles(filter: { accessible: { easyRead: true, audio: true } }) { nodes { slug } }
        campaigns(accessible: { easyRead: true, audio: true }) { nodes { id } }
        none: campaigns(accessible: { easyRead: true }, audience: BUSINESSES) { totalCount }
      }`,
    );
    expect(data.articles.nodes.map((node) => node.slug)).toEqual(['nguoi-cao-tuoi-duoc-giup']);
    expect(data.campaigns.nodes.map((node) => node.id)).toEqual([campaignId]);
    expect(data.none.totalCount).toBe(0);
  });

  it('offers the versions on the public article page, with their sizes and duration', async () => {
    const html = await (await fetch(`${graph.hub.gatewayOrigin}/articles/nguoi-cao-tuoi-duoc-giup`)).text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<h2 id="versions-heading">Phiên bản dễ tiếp cận</h2>');
    expect(html).toContain(
      'href="/articles/nguoi-cao-tuoi-duoc-giup/large-print.pdf" type="application/pdf"',
    );
    expect(html).toMatch(/Bản nghe<\/a> \(MP3, \d+ giây, \d+ kB\)/);
    expect(html).toContain('<h2 id="easy-read-heading">Bản dễ đọc</h2>');
    expect(html).toContain('mức đọc lớp 1 theo công thức Nguyễn – Henkin');
  });

  it('reads at 200 % zoom in a browser, with no serious accessibility violation', async () => {
    const browser = await launchChromium();
    try {
      // 200 % zoom of a 1280 × 900 window: the layout of a 640 × 450 one, drawn twice as large.
      const context = await browser.newContext({
        viewport: { width: 640, height: 450 },
        deviceScaleFactor: 2,
      });
      const page = await context.newPage();
      await page.goto(`${graph.hub.gatewayOrigin}/articles/nguoi-cao-tuoi-duoc-giup`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(
        true,
      );
      expect(await page.locator('audio[controls]').count()).toBe(1);
      await expect(page.locator('#easy-read p').textContent()).resolves.toBe(EASY_READ);
      expect(serious(await axeViolations(page))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('makes them again when the article changes, replacing the old ones at the same address', async () => {
    const changed = 'Bạn có thể nộp hồ sơ trên mạng. Cán bộ một cửa sẽ giúp bạn từng bước.';
    await ok(
      editor,
      gql`mutation ($id: ID!, $version: Int!, $input: ArticleInput!) { updateArticle(id: $id, version: $version, input: $input) { version } }`,
      { id: articleId, version: published.version, input: input(campaignId, changed) },
    );
    const remade = await renditionsOfCurrentVersion('nguoi-cao-tuoi-duoc-giup');
    expect(remade).toHaveLength(2);
    const pdf = remade.find((rendition) => rendition.kind === 'LARGE_PRINT') as Rendition;
    expect(pdf.checksum).not.toBe(renditions.find((rendition) => rendition.kind === 'LARGE_PRINT')?.checksum);
    const bytes = await bytesOf(await fetch(`${graph.hub.gatewayOrigin}${pdf.url}`));
    expect(sha256(bytes)).toBe(pdf.checksum);
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(text.normalize('NFC').replace(/\s+/g, ' ')).toContain('Cán bộ một cửa sẽ giúp bạn từng bước.');
  });
});
