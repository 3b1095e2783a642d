import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ClientError, type GraphQLClient, gql } from 'graphql-request';
import { dataOf } from './support/data-of.ts';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// Search that understands people, through the gateway: synonyms and everyday names kept as data, the whole page
// searched with the name first, the obvious answer first, suggestions as one types, and the relevance set.
let graph: TestHub;
let officer: GraphQLClient;

beforeAll(async () => {
  graph = await startTestHub();
  officer = await graph.as('DATA_OFFICER');
});

afterAll(async () => {
  await graph?.stop();
});

const query = dataOf(() => graph.client);

type Found = { totalCount: number; nodes: { code: string; name: string }[] };
const search = async (text: string, first = 3) =>
  (
    await query<{ services: Found }>(
      gql`query ($search: String, $first: Int) { services(search: $search, first: $first) { totalCount nodes { code name } } }`,
      { search: text, first },
    )
  ).services;
const codes = async (text: string, first = 3) => (await search(text, first)).nodes.map((node) => node.code);

describe('the relevance set (tests/fixtures/search-relevance.json)', () => {
  const set = JSON.parse(
    readFileSync(new URL('./fixtures/search-relevance.json', import.meta.url), 'utf8'),
  ) as {
    queries: { query: string; first?: string; top3?: string }[];
  };

  it('holds at least 60 queries as citizens type them, each with the service that must come first or in the top 3', () => {
    expect(set.queries.length).toBeGreaterThanOrEqual(60);
    for (const entry of set.queries) expect(Boolean(entry.first) !== Boolean(entry.top3)).toBe(true);
  });

  it('finds the expected service for at least 85 % of them, and prints the hit rate', async () => {
    const misses: string[] = [];
    for (const entry of set.queries) {
      const top = await codes(entry.query);
      const hit = entry.first ? top[0] === entry.first : top.includes(entry.top3 as string);
      if (!hit)
        misses.push(
          `"${entry.query}": wanted ${entry.first ?? entry.top3}, got ${top.join(', ') || 'nothing'}`,
        );
    }
    const hits = set.queries.length - misses.length;
    const rate = hits / set.queries.length;
    console.log(
      `search relevance: ${hits} of ${set.queries.length} hit (${(rate * 100).toFixed(1)} %)\n${misses.map((miss) => `  miss ${miss}`).join('\n')}`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.85);
  });
});

describe('the obvious answer first', () => {
  it('"khai sinh cho con" finds domestic birth registration before the foreign-element one', async () => {
    const found = await codes('khai sinh cho con', 10);
    expect(found[0]).toBe('1.001193');
    expect(found.indexOf('1.001193')).toBeLessThan(found.indexOf('2.000528'));
  });

  it('"dang ky khai sinh" never ranks death registration above birth registration', async () => {
    const found = await codes('dang ky khai sinh', 100);
    expect(found[0]).toBe('1.001193');
    const death = found.indexOf('1.000656');
    if (death !== -1) expect(death).toBeGreaterThan(found.indexOf('1.001193'));
  });

  it('a query naming a document ("giấy khai sinh") finds the services that produce it first', async () => {
    const { nodes } = (
      await query<{ services: { nodes: { code: string; output: string | null }[] } }>(
        gql`{ services(search: "giấy khai sinh", first: 3) { nodes { code output } } }`,
      )
    ).services;
    expect(nodes[0]?.code).toBe('1.001193');
    for (const node of nodes) expect(node.output?.toLowerCase()).toContain('giấy khai sinh');
  });

  it('searches the description, documents and output, weighted below the name', async () => {
    // "định danh" (identification number) is in birth registration's output and description, not in its name.
    expect(await codes('so dinh danh ca nhan cua tre', 20)).toContain('1.001193');
    // "giấy chứng sinh" is one of its documents only.
    expect(await codes('giay chung sinh', 20)).toContain('1.001193');
    // The name outweighs the rest: the service named for residence comes before those that mention it.
    expect((await codes('thuong tru'))[0]).toBe('1.004222');
  });
});

describe('synonyms and everyday names, kept as data', () => {
  it.each([
    ['hộ khẩu', 'thường trú', '1.004222'],
    ['CCCD', 'căn cước', '1.116412'],
    ['giấy khai sinh', 'đăng ký khai sinh', '1.001193'],
    ['TTHC', 'thủ tục hành chính', null],
    ['bằng lái', 'giấy phép lái xe', '1.002805'],
    ['sổ đỏ', 'giấy chứng nhận quyền sử dụng đất', '1.012753'],
  ])('"%s" finds what "%s" finds', async (everyday, official, expected) => {
    const [byEveryday, byOfficial] = [await codes(everyday, 5), await codes(official, 5)];
    if (expected) {
      expect(byEveryday).toContain(expected);
      expect(byOfficial).toContain(expected);
    }
    // Accent-insensitive on both sides.
    const plain = everyday.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd');
    expect(await codes(plain, 5)).toEqual(byEveryday);
  });

  it("lists at least 40 pairs, the issue's among them", async () => {
    const { searchSynonyms } = await query<{ searchSynonyms: { term: string; synonym: string }[] }>(
      gql`{ searchSynonyms { term synonym } }`,
    );
    expect(searchSynonyms.length).toBeGreaterThanOrEqual(40);
    for (const pair of [
      { term: 'hộ khẩu', synonym: 'thường trú' },
      { term: 'CCCD', synonym: 'căn cước' },
      { term: 'giấy khai sinh', synonym: 'đăng ký khai sinh' },
      { term: 'TTHC', synonym: 'thủ tục hành chính' },
      { term: 'bằng lái', synonym: 'giấy phép lái xe' },
      { term: 'sổ đỏ', synonym: 'giấy chứng nhận quyền sử dụng đất' },
    ])
      expect(searchSynonyms).toContainEqual(pair);
  });

  it('a data officer replaces them, all or nothing, and a replay changes nothing', async () => {
    const REPLACE = gql`mutation ($synonyms: [SearchSynonymInput!]!) { replaceSearchSynonyms(synonyms: $synonyms) { added removed unchanged } }`;
    const anonymous = await graph.client.rawRequest(REPLACE, { synonyms: [{ term: 'a', synonym: 'b' }] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const { searchSynonyms: before } = await query<{ searchSynonyms: { term: string; synonym: string }[] }>(
      gql`{ searchSynonyms { term synonym } }`,
    );
    expect(await codes('tàu ngầm')).toEqual([]);
    const withSubmarine = [...before, { term: 'tàu ngầm', synonym: 'đăng ký kết hôn' }];
    expect(
      (await officer.request<{ replaceSearchSynonyms: unknown }>(REPLACE, { synonyms: withSubmarine }))
        .replaceSearchSynonyms,
    ).toEqual({
      added: 1,
      removed: 0,
      unchanged: before.length,
    });
    expect((await codes('tau ngam'))[0]).toBe('1.000894');
    expect(
      (await officer.request<{ replaceSearchSynonyms: unknown }>(REPLACE, { synonyms: withSubmarine }))
        .replaceSearchSynonyms,
    ).toEqual({
      added: 0,
      removed: 0,
      unchanged: withSubmarine.length,
    });

    const bad = await officer
      .rawRequest(REPLACE, {
        synonyms: [...before, { term: 'Sổ Đỏ', synonym: 'so do' }, { term: 'a/b', synonym: 'c' }],
      })
      .catch(refusal);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(((bad.errors?.[0]?.extensions?.rows ?? []) as { row: number }[]).map((row) => row.row)).toEqual([
      before.length + 1,
      before.length + 2,
    ]);
    expect((await codes('tau ngam'))[0]).toBe('1.000894');

    expect(
      (await officer.request<{ replaceSearchSynonyms: unknown }>(REPLACE, { synonyms: before }))
        .replaceSearchSynonyms,
    ).toEqual({
      added: 0,
      removed: 1,
      unchanged: before.length,
    });
    expect(await codes('tàu ngầm')).toEqual([]);
  });

  it('imports a synonyms CSV file with `pnpm catalog:import`', async () => {
    const { searchSynonyms: before } = await query<{ searchSynonyms: { term: string; synonym: string }[] }>(
      gql`{ searchSynonyms { term synonym } }`,
    );
    const folder = mkdtempSync(join(tmpdir(), 'motcua-synonyms-'));
    const file = join(folder, 'synonyms.csv');
    writeFileSync(
      file,
      [
        'term,synonym',
        ...before.map((pair) => `${pair.term},${pair.synonym}`),
        'giấy tờ nhà,giấy chứng nhận quyền sử dụng đất',
      ].join('\n'),
    );
    const cli = new URL('../subgraphs/services/src/cli/import-services.ts', import.meta.url).pathname;
    const result = await new Promise<{ status: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        [cli, file],
        {
          env: { PATH: process.env.PATH ?? '', DATABASE_URL: graph.databaseUrl },
          encoding: 'utf8',
          timeout: 30_000,
        },
        (error, stdout) => resolve({ status: error ? 1 : 0, stdout }),
      );
    });
    expect(result).toEqual({
      status: 0,
      stdout: `${file}: synonyms: 1 added, 0 removed, ${before.length} unchanged\n`,
    });
    expect((await codes('giay to nha'))[0]).toMatch(/^1\.0127/);
  });
});

describe('suggestions as the user types', () => {
  const suggest = async (text: string, first?: number) =>
    (
      await query<{ searchSuggestions: { text: string; count: number }[] }>(
        gql`query ($text: String!, $first: Int) { searchSuggestions(text: $text, first: $first) { text count } }`,
        { text, first },
      )
    ).searchSuggestions;

  it('completes the last word, accent-free, with the number of services whose name has it', async () => {
    const suggestions = await suggest('dang ky khai s');
    expect(suggestions[0]?.text).toBe('dang ky khai sinh');
    const named = (await search('dang ky khai sinh', 100)).nodes.filter((node) =>
      node.name
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/đ/gi, 'd')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .includes('dang ky khai sinh'),
    );
    expect(suggestions[0]?.count).toBe(named.length);
    expect(await suggest('ĐĂNG KÝ KHAI S')).toEqual(suggestions);
  });

  it('offers everyday names from the synonym table, most common first', async () => {
    const suggestions = await suggest('ho k');
    expect(suggestions.map((suggestion) => suggestion.text)).toEqual(
      expect.arrayContaining(['ho kinh doanh', 'hộ khẩu']),
    );
    const counts = suggestions.map((suggestion) => suggestion.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(suggestions.every((suggestion) => suggestion.count > 0)).toBe(true);
  });

  it('costs one SQL statement, however many suggestions', async () => {
    graph.sql.services.reset();
    await suggest('d', 20);
    expect(graph.sql.services.count).toBe(1);
  });

  it('refuses a page of suggestions too large, and suggests nothing for no words', async () => {
    // The gateway refuses a page above the maximum before any subgraph sees it, as an HTTP 400.
    const refusal = await graph.client
      .rawRequest(gql`{ searchSuggestions(text: "kh", first: 101) { text } }`)
      .then(
        () => undefined,
        (error: ClientError) => error.response,
      );
    expect(refusal?.status).toBe(400);
    expect(refusal?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await suggest('  ?! ')).toEqual([]);
  });
});
