import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createGatewayApp } from '@motcua/gateway';
import { listen } from '@motcua/lifecycle';
import { testConfig } from '@motcua/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { GraphQLClient, gql } from 'graphql-request';
import { ok } from './support/data-of.ts';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;
let editor: GraphQLClient;
/** A partner with embargo rights, and one without. */
let hanoimoi: GraphQLClient;
let radio: GraphQLClient;

beforeAll(async () => {
  graph = await startTestHub();
  editor = await graph.as('EDITOR');
  hanoimoi = await graph.as('PARTNER');
  radio = await graph.as('PARTNER_WITHOUT_EMBARGO');
});

afterAll(async () => {
  await graph?.stop();
});

const slugsOf = (connection: { nodes: { slug: string }[] }) => connection.nodes.map((node) => node.slug);

describe('articles for portal readers', () => {
  const count = async (filter: Record<string, unknown>, search?: string) =>
    (
      await ok<{ articles: { totalCount: number; nodes: { slug: string }[] } }>(
        graph.client,
        gql`query ($filter: ArticleFilter, $search: String) { articles(filter: $filter, search: $search, first: 50) { totalCount nodes { slug } } }`,
        { filter, search },
      )
    ).articles;

  it('shows the four published articles, never the draft', async () => {
    const all = await count({});
    expect(all.totalCount).toBe(4);
    expect(slugsOf(all)).not.toContain('ban-nhap-ket-qua-chien-dich');
  });

  it.each([
    ['kind', { kind: 'PRESS_RELEASE' }, 2],
    ['topic', { topic: '14000000' }, 3],
    ['language', { language: 'EN' }, 1],
    ['service', { serviceCode: '1.004222' }, 2],
    ['unit', { unitCode: '01' }, 1],
    ['date range', { publishedFrom: '2026-01-01T00:00:00Z', publishedTo: '2026-09-30T23:59:59Z' }, 2],
  ])('filters by %s', async (_, filter, expected) => {
    expect((await count(filter)).totalCount).toBe(expected);
  });

  it('filters by campaign', async () => {
    const { campaigns } = await ok<{ campaigns: { nodes: { id: string }[] } }>(
      graph.client,
      gql`{ campaigns { nodes { id } } }`,
    );
    expect((await count({ campaignId: campaigns.nodes[0]?.id })).totalCount).toBe(3);
  });

  it('searches Vietnamese without diacritics', async () => {
    expect(slugsOf(await count({}, 'ha noi dung dau'))).toEqual([
      'ha-noi-dung-dau-toan-quoc-ve-luong-ho-so-giao-dich-qua-mang',
    ]);
    expect(slugsOf(await count({}, 'nguoi cao tuoi'))).toContain(
      'ho-tro-nguoi-cao-tuoi-dich-vu-cong-truc-tuyen',
    );
  });

  it('links translations both ways', async () => {
    const { article } = await ok<{
      article: { language: string; translations: { slug: string; language: string }[] };
    }>(
      graph.client,
      gql`{ article(slug: "ho-tro-nguoi-cao-tuoi-dich-vu-cong-truc-tuyen") { language translations { slug language } } }`,
    );
    expect(article).toEqual({
      language: 'VI',
      translations: [{ slug: 'helping-elderly-citizens-use-online-public-services', language: 'EN' }],
    });
  });

  it('hides drafts from the public but not from editors, and lists by status only for editors', async () => {
    const draft = gql`{ article(slug: "ban-nhap-ket-qua-chien-dich") { slug status } }`;
    const publicAnswer = await graph.client.rawRequest(draft);
    expect(publicAnswer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await ok(editor, draft)).toEqual({
      article: { slug: 'ban-nhap-ket-qua-chien-dich', status: 'DRAFT' },
    });
    const byStatus = gql`{ articles(filter: { statuses: [DRAFT] }) { totalCount } }`;
    expect((await graph.client.rawRequest(byStatus)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await ok(editor, byStatus)).toEqual({ articles: { totalCount: 1 } });
  });
});

describe('campaigns', () => {
  it('finds campaigns by activity, audience and service, with their targets and articles', async () => {
    const data = await ok<Record<string, { totalCount: number; nodes: Record<string, unknown>[] }>>(
      graph.client,
      gql`{
        active: campaigns(active: true) { totalCount nodes { name audiences channels startsOn endsOn active
          targetServices { code name } targetUnits { code name } articles { totalCount } feedUrl } }
        inactive: campaigns(active: false) { totalCount nodes { name } }
        elderly: campaigns(audience: ELDERLY) { totalCount nodes { name } }
        business: campaigns(audience: BUSINESSES) { totalCount nodes { name } }
        residence: campaigns(serviceCode: "1.004222") { totalCount nodes { name } }
        copies: campaigns(serviceCode: "2.000815") { totalCount nodes { name } }
      }`,
    );
    expect(data.active?.totalCount).toBe(1);
    expect(data.active?.nodes[0]).toMatchObject({
      audiences: ['ELDERLY'],
      active: true,
      targetServices: expect.arrayContaining([{ code: '1.004222', name: 'Đăng ký thường trú' }]),
      targetUnits: expect.arrayContaining([{ code: '00004', name: 'Phường Ba Đình' }]),
      articles: { totalCount: 3 },
    });
    expect(data.active?.nodes[0]?.feedUrl).toMatch(/^\/feeds\/campaigns\/[0-9a-f-]{36}\.atom$/);
    expect([data.inactive?.totalCount, data.elderly?.totalCount, data.business?.totalCount]).toEqual([
      0, 1, 0,
    ]);
    expect([data.residence?.totalCount, data.copies?.totalCount]).toEqual([1, 0]);
  });

  it('shows services their campaigns and articles, and units their articles, through the gateway', async () => {
    const data = await ok<{
      service: { campaigns: { name: string }[]; articles: { totalCount: number } };
      unit: { articles: { totalCount: number } };
    }>(
      graph.client,
      gql`{
        service(code: "1.004222") { campaigns { name } articles { totalCount } }
        unit: administrativeUnit(code: "00004") { articles { totalCount } }
      }`,
    );
    expect(data.service.campaigns).toHaveLength(1);
    expect(data.service.articles.totalCount).toBe(2);
    expect(data.unit.articles.totalCount).toBe(3);
  });

  it('tells partners only to editors, and answers the rest of the query', async () => {
    const query = gql`{ campaigns { nodes { name partners { code embargoRights } } } }`;
    const { data, errors } = await graph.client.rawRequest<{
      campaigns: { nodes: { name: string; partners: unknown }[] };
    }>(query);
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(data.campaigns.nodes[0]).toMatchObject({ name: expect.any(String), partners: null });
    const asEditor = await ok<{ campaigns: { nodes: { partners: { code: string }[] }[] } }>(editor, query);
    expect(asEditor.campaigns.nodes[0]?.partners.map((partner) => partner.code).sort()).toEqual([
      'dai-phat-thanh-xa',
      'hanoimoi',
    ]);
  });

  it('names a feed by the configured public origin, whatever Host the request claims', async () => {
    const { campaigns } = await ok<{ campaigns: { nodes: { feedUrl: string }[] } }>(
      graph.client,
      gql`{ campaigns { nodes { feedUrl } } }`,
    );
    const feedUrl = campaigns.nodes[0]?.feedUrl ?? '';
    const publicUrl = 'https://api.motcua.example.vn';
    const gateway = await createGatewayApp(testConfig({ PUBLIC_URL: publicUrl }), {
      subgraphUrls: graph.hub.subgraphUrls,
    });
    const server = (await listen(gateway.app)).server;
    try {
      const { port } = server.address() as AddressInfo;
      const xml = await new Promise<string>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: feedUrl, headers: { host: 'evil.example' } }, (response) => {
            let body = '';
            response.on('data', (chunk) => (body += chunk)).on('end', () => resolve(body));
          })
          .on('error', reject);
      });
      expect(xml).toContain(`<link rel="self" href="${publicUrl}${feedUrl}"/>`);
      expect(xml).not.toContain('evil.example');
    } finally {
      await gateway.stop();
      server.close();
    }
  });

  it('serves each campaign as Atom and RSS through the gateway', async () => {
    const { campaigns } = await ok<{ campaigns: { nodes: { feedUrl: string }[] } }>(
      graph.client,
      gql`{ campaigns { nodes { feedUrl } } }`,
    );
    const feedUrl = campaigns.nodes[0]?.feedUrl ?? '';
    const atom = await fetch(`${graph.hub.gatewayOrigin}${feedUrl}`);
    expect(atom.status).toBe(200);
    expect(atom.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const xml = await atom.text();
    expect(xml.match(/<entry>/g)).toHaveLength(3);
    expect(xml).toContain('Hà Nội hướng dẫn người cao tuổi làm thủ tục trực tuyến tại bộ phận một cửa');
    expect(xml).not.toContain('bản nháp');
    expect(xml).toContain(`<link rel="self" href="${graph.hub.gatewayOrigin}${feedUrl}"/>`);
    const rss = await fetch(`${graph.hub.gatewayOrigin}${feedUrl.replace('.atom', '.rss')}`);
    expect((await rss.text()).match(/<item>/g)).toHaveLength(3);
    expect(
      (await fetch(`${graph.hub.gatewayOrigin}/feeds/campaigns/00000000-0000-0000-0000-000000000000.atom`))
        .status,
    ).toBe(404);
  });
});

type FeedPage = {
  partnerFeed: {
    cursor: string | null;
    hasMore: boolean;
    items: {
      change: string;
      version: number;
      articleId: string;
      article: { slug: string } | null;
      ninjs: Record<string, unknown>;
    }[];
  };
};
const FEED = gql`query ($after: String, $first: Int) { partnerFeed(after: $after, first: $first) {
  cursor hasMore items { change version articleId article { slug } ninjs } } }`;

async function drain(client: GraphQLClient, after: string | null, first = 50) {
  const items: FeedPage['partnerFeed']['items'] = [];
  let cursor = after;
  for (;;) {
    const { partnerFeed } = await ok<FeedPage>(client, FEED, { after: cursor, first });
    items.push(...partnerFeed.items);
    cursor = partnerFeed.cursor;
    if (!partnerFeed.hasMore) return { items, cursor };
  }
}

const ARTICLE_FIELDS = {
  headline: 'Bài thử nghiệm của biên tập viên',
  bodyHtml: '<p onclick="steal()">Nội dung <script>alert(1)</script><strong>an toàn</strong>.</p>',
  language: 'VI',
  kind: 'NEWS',
  copyrightHolder: 'Thành phố Hà Nội',
  licence: 'MOTCUA-PRESS',
  serviceCodes: ['1.001193'],
};

type Written = { id: string; version: number; status: string; body: { html: string; text: string } };
const CREATE = gql`mutation ($input: ArticleInput!) { createArticle(input: $input) { id version status body { html text } } }`;
const UPDATE = gql`mutation ($id: ID!, $version: Int!, $input: ArticleInput!) { updateArticle(id: $id, version: $version, input: $input) { id version status body { html text } } }`;
const PUBLISH = gql`mutation ($id: ID!, $version: Int!, $embargoUntil: DateTime) { publishArticle(id: $id, version: $version, embargoUntil: $embargoUntil) { id version status } }`;
const WITHDRAW = gql`mutation ($id: ID!, $version: Int!) { withdrawArticle(id: $id, version: $version, reason: "Sai số liệu") { id version status withdrawnReason } }`;

describe('editors', () => {
  it('write sanitised drafts, and a stale version is refused without losing anything', async () => {
    const created = (
      await ok<{ createArticle: Written }>(editor, CREATE, {
        input: { ...ARTICLE_FIELDS, slug: 'bai-thu-nghiem' },
      })
    ).createArticle;
    expect(created).toMatchObject({ version: 1, status: 'DRAFT' });
    expect(created.body.html).toBe('<p>Nội dung <strong>an toàn</strong>.</p>');
    expect(created.body.text).toBe('Nội dung an toàn.');
    const updated = (
      await ok<{ updateArticle: Written }>(editor, UPDATE, {
        id: created.id,
        version: 1,
        input: { ...ARTICLE_FIELDS, slug: 'bai-thu-nghiem', headline: 'Tiêu đề mới' },
      })
    ).updateArticle;
    expect(updated.version).toBe(2);
    const stale = await editor.rawRequest(UPDATE, {
      id: created.id,
      version: 1,
      input: { ...ARTICLE_FIELDS, slug: 'bai-thu-nghiem', headline: 'Ghi đè' },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const { article } = await ok<{ article: { headline: string; version: number } }>(
      editor,
      gql`query ($id: ID) { article(id: $id) { headline version } }`,
      { id: created.id },
    );
    expect(article).toEqual({ headline: 'Tiêu đề mới', version: 2 });
  });

  it('get every problem of bad input at once, and nobody else may write', async () => {
    const bad = await editor
      .rawRequest(CREATE, {
        input: {
          ...ARTICLE_FIELDS,
          slug: 'Không Hợp Lệ',
          sourceUrl: 'https://example.org/a',
          topicCodes: ['xyz'],
        },
      })
      .catch(refusal);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.extensions?.problems).toEqual([
      'slug must be lower-case words joined by hyphens, e.g. ha-noi-dung-dau',
      'topicCodes.0 must be IPTC media topic codes of 8 digits, e.g. 11006000',
      'sourceUrl sourcePublisher and sourceUrl go together: give both for a syndicated article, or neither',
    ]);
    const anonymous = await graph.client.rawRequest(CREATE, {
      input: { ...ARTICLE_FIELDS, slug: 'khong-duoc' },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('scheduling and campaigns', () => {
  it('keeps a scheduled article out of sight until its time, then publishes it to everyone', async () => {
    const draft = (
      await ok<{ createArticle: Written }>(editor, CREATE, {
        input: { ...ARTICLE_FIELDS, slug: 'tin-hen-gio' },
      })
    ).createArticle;
    const before = (await drain(radio, null)).cursor;
    const at = new Date(Date.now() + 1_500).toISOString();
    const scheduled = (
      await ok<{ publishArticle: Written & { publishedAt: string } }>(
        editor,
        gql`mutation ($id: ID!, $version: Int!, $at: DateTime) { publishArticle(id: $id, version: $version, at: $at) { id version status publishedAt } }`,
        { id: draft.id, version: draft.version, at },
      )
    ).publishArticle;
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', publishedAt: at });
    const lookup = gql`{ article(slug: "tin-hen-gio") { status } }`;
    expect((await graph.client.rawRequest(lookup)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await drain(radio, before)).items).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    expect(await ok(graph.client, lookup)).toEqual({ article: { status: 'PUBLISHED' } });
    expect((await drain(radio, before)).items.map((item) => [item.articleId, item.change])).toEqual([
      [draft.id, 'PUBLISHED'],
    ]);
  });

  it('creates and updates campaigns with versions and validation', async () => {
    const input = {
      name: 'Doanh nghiệp nộp hồ sơ trực tuyến',
      objective: 'Hướng dẫn doanh nghiệp đăng ký thành lập trực tuyến',
      audiences: ['BUSINESSES'],
      startsOn: '2027-01-01',
      endsOn: '2027-03-31',
      channels: ['PRESS', 'SOCIAL'],
      targetServiceCodes: ['2.001610'],
    };
    const create = gql`mutation ($input: CampaignInput!) { createCampaign(input: $input) { id version active } }`;
    const created = (
      await ok<{ createCampaign: { id: string; version: number; active: boolean } }>(editor, create, {
        input,
      })
    ).createCampaign;
    expect(created).toMatchObject({ version: 1, active: false });
    const update = gql`mutation ($id: ID!, $version: Int!, $input: CampaignInput!) { updateCampaign(id: $id, version: $version, input: $input) { version name } }`;
    expect(
      await ok(editor, update, { id: created.id, version: 1, input: { ...input, name: 'Doanh nghiệp số' } }),
    ).toEqual({
      updateCampaign: { version: 2, name: 'Doanh nghiệp số' },
    });
    const stale = await editor.rawRequest(update, { id: created.id, version: 1, input });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const backwards = await editor
      .rawRequest(create, { input: { ...input, endsOn: '2026-12-31' } })
      .catch(refusal);
    expect(backwards.errors?.[0]?.extensions?.problems).toEqual(['endsOn must not be before startsOn']);
  });
});

describe('the partner feed', () => {
  it('needs a key issued to a known media partner', async () => {
    const none = await graph.client.rawRequest(FEED);
    expect(none.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await graph.as('ADMIN');
    const issued = await ok<{ createApiKey: { secret: string } }>(
      admin,
      gql`mutation { createApiKey(input: { owner: "Nobody", role: PARTNER, partnerCode: "nobody" }) { secret } }`,
    );
    const unknown = await new GraphQLClient(graph.hub.url, {
      errorPolicy: 'all',
      headers: { 'x-api-key': issued.createApiKey.secret },
    }).rawRequest(FEED);
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'The partner feed needs a key issued to a media partner; no media partner has code nobody',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('never serves an article embargoed again after its release to a partner without embargo rights', async () => {
    const start = (await drain(radio, null)).cursor;
    const draft = (
      await ok<{ createArticle: Written }>(editor, CREATE, {
        input: { ...ARTICLE_FIELDS, slug: 'tin-cam-lai' },
      })
    ).createArticle;
    const released = (
      await ok<{ publishArticle: Written }>(editor, PUBLISH, { id: draft.id, version: draft.version })
    ).publishArticle;
    expect((await drain(radio, start)).items.map((item) => item.articleId)).toEqual([draft.id]);

    // Embargoed again, then rewritten under the embargo: the new text is for partners with embargo rights only.
    const embargoUntil = new Date(Date.now() + 3_600_000).toISOString();
    const embargoed = (
      await ok<{ publishArticle: Written }>(editor, PUBLISH, {
        id: draft.id,
        version: released.version,
        embargoUntil,
      })
    ).publishArticle;
    const rewritten = (
      await ok<{ updateArticle: Written }>(editor, UPDATE, {
        id: draft.id,
        version: embargoed.version,
        input: { ...ARTICLE_FIELDS, slug: 'tin-cam-lai', headline: 'Tin mới, còn cấm đăng' },
      })
    ).updateArticle;
    const radioFeed = (await drain(radio, start)).items;
    expect(radioFeed.filter((item) => item.articleId === draft.id)).toEqual([]);
    expect(JSON.stringify(radioFeed)).not.toContain('Tin mới, còn cấm đăng');
    const withRights = (await drain(hanoimoi, null)).items.filter((item) => item.articleId === draft.id);
    expect(withRights.map((item) => [item.version, item.ninjs.embargoedUntil])).toEqual([
      [rewritten.version, embargoUntil],
    ]);
  });

  it('respects embargoes, then releases, then withdraws with a tombstone', async () => {
    const start = {
      hanoimoi: (await drain(hanoimoi, null)).cursor,
      radio: (await drain(radio, null)).cursor,
    };
    const draft = (
      await ok<{ createArticle: Written }>(editor, CREATE, {
        input: { ...ARTICLE_FIELDS, slug: 'tin-cam-dang' },
      })
    ).createArticle;
    const embargoUntil = new Date(Date.now() + 2_500).toISOString();
    const published = (
      await ok<{ publishArticle: Written }>(editor, PUBLISH, {
        id: draft.id,
        version: draft.version,
        embargoUntil,
      })
    ).publishArticle;

    // Under embargo: invisible to the public and to partners without embargo rights.
    expect(
      (await graph.client.rawRequest(gql`{ article(slug: "tin-cam-dang") { slug } }`)).errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');
    const early = await drain(hanoimoi, start.hanoimoi);
    expect(early.items.map((item) => [item.articleId, item.change])).toEqual([[draft.id, 'PUBLISHED']]);
    expect(early.items[0]?.ninjs.embargoedUntil).toBe(embargoUntil);
    expect((await drain(radio, start.radio)).items).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 2_700));
    expect(await ok(graph.client, gql`{ article(slug: "tin-cam-dang") { slug } }`)).toEqual({
      article: { slug: 'tin-cam-dang' },
    });
    const released = await drain(radio, start.radio);
    expect(released.items.map((item) => [item.articleId, item.change, item.version])).toEqual([
      [draft.id, 'PUBLISHED', published.version],
    ]);
    // The partner with embargo rights already has this version: the release is not a new item for it.
    expect((await drain(hanoimoi, early.cursor)).items).toEqual([]);

    const withdrawn = (
      await ok<{ withdrawArticle: Written & { withdrawnReason: string } }>(editor, WITHDRAW, {
        id: draft.id,
        version: published.version,
      })
    ).withdrawArticle;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', withdrawnReason: 'Sai số liệu' });
    expect(
      (await graph.client.rawRequest(gql`{ article(slug: "tin-cam-dang") { slug } }`)).errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');
    for (const [client, cursor] of [
      [radio, released.cursor],
      [hanoimoi, early.cursor],
    ] as const) {
      const tombstones = (await drain(client, cursor)).items;
      expect(tombstones).toHaveLength(1);
      expect(tombstones[0]).toMatchObject({ change: 'WITHDRAWN', article: null, version: withdrawn.version });
      expect(tombstones[0]?.ninjs).toMatchObject({
        pubStatus: 'canceled',
        uri: `urn:motcua:article:${draft.id}`,
      });
    }
  });

  it('never misses nor repeats a change while articles change during paging', async () => {
    const writes: (() => Promise<unknown>)[] = [];
    const ids: string[] = [];
    for (let index = 0; index < 6; index++) {
      writes.push(async () => {
        const created = (
          await ok<{ createArticle: Written }>(editor, CREATE, {
            input: { ...ARTICLE_FIELDS, slug: `dong-thoi-${index}` },
          })
        ).createArticle;
        await ok(editor, PUBLISH, { id: created.id, version: created.version });
        ids.push(created.id);
      });
    }
    for (let round = 0; round < 6; round++) {
      writes.push(async () => {
        const id = ids[round % Math.max(ids.length, 1)];
        if (!id) return;
        const { article } = await ok<{ article: { version: number } }>(
          editor,
          gql`query ($id: ID) { article(id: $id) { version } }`,
          { id },
        );
        await ok(editor, UPDATE, {
          id,
          version: article.version,
          input: { ...ARTICLE_FIELDS, slug: `dong-thoi-${ids.indexOf(id)}`, headline: `Cập nhật ${round}` },
        });
      });
    }
    const processed = new Set<string>();
    const latest = new Map<string, { version: number; change: string }>();
    let cursor: string | null = null;
    let next = 0;
    for (let round = 0; round < 200; round++) {
      // A partner reads a small page while an editor writes: both at once.
      const [{ partnerFeed }]: [FeedPage, unknown] = await Promise.all([
        ok<FeedPage>(hanoimoi, FEED, { after: cursor, first: 2 }),
        writes[next++]?.(),
      ]);
      for (const item of partnerFeed.items) {
        const key = `${item.articleId}@${item.version}`;
        expect(processed.has(key)).toBe(false);
        processed.add(key);
        latest.set(item.articleId, { version: item.version, change: item.change });
      }
      cursor = partnerFeed.cursor;
      if (!partnerFeed.hasMore && next >= writes.length) break;
    }
    for (const item of (await drain(hanoimoi, cursor)).items)
      latest.set(item.articleId, { version: item.version, change: item.change });
    const { articles } = await ok<{ articles: { nodes: { id: string; version: number }[] } }>(
      editor,
      gql`{ articles(filter: { statuses: [PUBLISHED] }, first: 100) { nodes { id version } } }`,
    );
    expect(ids).toHaveLength(6);
    for (const article of articles.nodes) expect(latest.get(article.id)?.version).toBe(article.version);
  });

  it('gives items as ninjs 3.1 and 2.2 that validate against the IPTC schemas', async () => {
    // IPTC's schemas, shipped with their licence (tests/fixtures/ninjs/LICENSE): a test reads nothing outside the repository.
    const ninjsDir = new URL('./fixtures/ninjs/', import.meta.url);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // The 3.1 schema refers to GeoJSON by URL, which cannot be fetched here: a permissive stand-in.
    ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
    const schema = (file: string) => JSON.parse(readFileSync(new URL(file, ninjsDir), 'utf8'));
    const validators = {
      V3_1: ajv.compile(schema('ninjs-schema_3.1.json')),
      V2_2: ajv.compile(schema('ninjs-schema_2.2.json')),
    };
    const all = (await drain(hanoimoi, null)).items;
    expect(all.some((item) => item.change === 'WITHDRAWN')).toBe(true);
    for (const version of ['V3_1', 'V2_2'] as const) {
      const { partnerFeed } = await ok<FeedPage>(
        hanoimoi,
        gql`query ($version: NinjsVersion) { partnerFeed(first: 100) { items { ninjs(version: $version) } hasMore cursor } }`,
        { version },
      );
      expect(partnerFeed.items.length).toBe(all.length);
      for (const item of partnerFeed.items) {
        const valid = validators[version](item.ninjs);
        expect(validators[version].errors ?? []).toEqual([]);
        expect(valid).toBe(true);
      }
    }
    const release = all.find(
      (item) => item.article?.slug === 'ho-tro-nguoi-cao-tuoi-dich-vu-cong-truc-tuyen',
    );
    expect(release?.ninjs).toMatchObject({
      language: 'vi',
      headlines: [{ role: 'main' }, { role: 'sub', value: 'Thông cáo báo chí (illustrative)' }],
      genres: [{ name: 'PressRelease' }],
      associations: [
        { type: 'picture', renditions: [{ name: 'original', width: 1600 }, { name: 'thumbnail' }] },
      ],
    });
  });
});
