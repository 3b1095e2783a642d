import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@motcua/testkit';
import { gql } from 'graphql-request';
import { Article } from '../src/entities/index.ts';
import { newsSubgraph } from '../src/index.ts';

// The news subgraph on its own: paging, visibility and batching, as the gateway calls it.
let subgraph: TestSubgraph;

const article = (
  slug: string,
  headline: string,
  status: 'DRAFT' | 'PUBLISHED' | 'WITHDRAWN',
  day: number,
) => ({
  slug,
  headline,
  language: 'VI' as const,
  kind: 'NEWS' as const,
  status,
  publishedAt: status === 'DRAFT' ? null : new Date(Date.UTC(2025, 6, day, 8)),
  serviceCodes: ['1.001193'],
});

beforeAll(async () => {
  subgraph = await startTestSubgraph(newsSubgraph, { seed: false });
  const em = subgraph.orm.em.fork();
  for (const row of [
    article('dang-ky-khai-sinh-truc-tuyen', 'Đăng ký khai sinh trực tuyến tại Hà Nội', 'PUBLISHED', 1),
    article('nguoi-cao-tuoi', 'Người cao tuổi được hướng dẫn nộp hồ sơ qua mạng', 'PUBLISHED', 2),
    article('ban-nhap', 'Bản nháp về Hà Nội chưa công bố', 'DRAFT', 3),
    article('da-rut', 'Bài đã rút về Hà Nội', 'WITHDRAWN', 4),
    article('ket-hon', 'Đăng ký kết hôn không cần giấy xác nhận cư trú', 'PUBLISHED', 5),
  ]) {
    em.create(Article, row);
  }
  await em.flush();
});

afterAll(async () => {
  await subgraph?.stop();
});

type Page = {
  totalCount: number;
  nodes: { slug: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

describe('articles', () => {
  it('lists published articles only, newest first, paged by cursor', async () => {
    const first = await subgraph.client.rawRequest<{ articles: Page }>(
      gql`{ articles(first: 2) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(first.data.articles.totalCount).toBe(3);
    expect(first.data.articles.nodes.map((node) => node.slug)).toEqual(['ket-hon', 'nguoi-cao-tuoi']);
    const second = await subgraph.client.rawRequest<{ articles: Page }>(
      gql`query ($after: String) { articles(first: 2, after: $after) { nodes { slug } pageInfo { hasNextPage } } }`,
      { after: first.data.articles.pageInfo.endCursor },
    );
    expect(second.data.articles.nodes.map((node) => node.slug)).toEqual(['dang-ky-khai-sinh-truc-tuyen']);
    expect(second.data.articles.pageInfo.hasNextPage).toBe(false);
  });

  it('searches without diacritics and never shows drafts or withdrawn articles', async () => {
    const { data } = await subgraph.client.rawRequest<{ articles: Page }>(
      gql`{ articles(search: "ha noi") { totalCount nodes { slug } } }`,
    );
    expect(data.articles.nodes.map((node) => node.slug)).toEqual(['dang-ky-khai-sinh-truc-tuyen']);
  });

  it('answers a draft asked for by slug exactly like a missing article', async () => {
    for (const slug of ['ban-nhap', 'khong-co']) {
      const { data, errors } = await subgraph.client.rawRequest<{ article: unknown }>(
        gql`query ($slug: String) { article(slug: $slug) { slug } }`,
        { slug },
      );
      expect(data.article).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(errors?.[0]?.message).toBe(`No published article has slug ${slug}`);
    }
  });

  it('pages the articles of many services in one statement', async () => {
    subgraph.sql.reset();
    const { data, errors } = await subgraph.client.rawRequest<{
      _entities: { code: string; articles: Page }[];
    }>(
      gql`query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on PublicService { code articles(first: 2) { totalCount nodes { slug } } } } }`,
      {
        representations: [
          { __typename: 'PublicService', code: '1.001193' },
          { __typename: 'PublicService', code: '1.000894' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    expect(subgraph.sql.count).toBe(1);
    expect(data._entities).toEqual([
      {
        code: '1.001193',
        articles: { totalCount: 3, nodes: [{ slug: 'ket-hon' }, { slug: 'nguoi-cao-tuoi' }] },
      },
      { code: '1.000894', articles: { totalCount: 0, nodes: [] } },
    ]);
  });
});
