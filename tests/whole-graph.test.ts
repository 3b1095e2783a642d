import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql } from 'graphql-request';
import { startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;

beforeAll(async () => {
  graph = await startTestHub();
});

afterAll(async () => {
  await graph?.stop();
});

type ServicePage = {
  services: {
    totalCount: number;
    nodes: {
      code: string;
      name: string;
      field: { code: string; parent: { code: string } | null };
      competentAgency: { name: string; unit: { name: string } | null };
      implementingAgencies: { name: string }[];
      usage: {
        received: number;
        receivedOnline: number;
        onlineRate: number | null;
        illustrative: boolean;
      } | null;
      articles: { totalCount: number; nodes: { headline: string }[] } | null;
    }[];
  };
};

type CatalogPage = {
  services: {
    totalCount: number;
    nodes: { code: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};

const SERVICE_PAGE = gql`
  query ServicePage($first: Int!) {
    services(first: $first) {
      totalCount
      nodes {
        code
        name
        field { code parent { code } }
        competentAgency { name unit { name } }
        implementingAgencies { name }
        usage(from: "2025-07", to: "2025-12") { received receivedOnline onlineRate illustrative }
        articles(first: 3) { totalCount nodes { headline } }
      }
    }
  }
`;

describe('one query through the gateway touches all three subgraphs', () => {
  it('answers a birth registration page with its usage figures and the articles about it', async () => {
    const { data, errors } = await graph.client.rawRequest<{
      service: {
        code: string;
        name: string;
        nameEn: string;
        onlineLevel: string;
        field: { name: string; parent: { name: string } };
        usage: {
          received: number;
          receivedOnline: number;
          receivedInPerson: number;
          onlineRate: number;
          months: unknown[];
        };
        articles: {
          totalCount: number;
          nodes: { headline: string; source: { publisher: string; url: string } }[];
        };
      };
    }>(gql`
      {
        service(code: "1.001193") {
          code
          name
          nameEn: name(language: EN)
          onlineLevel
          field { name parent { name } }
          usage(from: "2025-07", to: "2025-12") { received receivedOnline receivedInPerson onlineRate months { month } }
          articles(first: 10) { totalCount nodes { headline source { publisher url } } }
        }
      }
    `);
    expect(errors).toBeUndefined();
    const service = data.service;
    expect(service).toMatchObject({
      code: '1.001193',
      name: 'Thủ tục đăng ký khai sinh',
      nameEn: 'Birth registration',
      onlineLevel: 'FULL',
      field: { name: 'Hộ tịch', parent: { name: 'Tư pháp' } },
    });
    expect(service.usage.months).toHaveLength(6);
    expect(service.usage.received).toBe(service.usage.receivedOnline + service.usage.receivedInPerson);
    expect(service.usage.onlineRate).toBeCloseTo(service.usage.receivedOnline / service.usage.received, 10);
    // The source story, the campaign's press release in two languages, and an explainer.
    expect(service.articles.totalCount).toBe(4);
    expect(service.articles.nodes).toContainEqual({
      headline: 'Hà Nội đứng đầu toàn quốc về lượng hồ sơ giao dịch qua mạng',
      source: { publisher: 'Lao Động Thủ Đô (laodongthudo.vn)', url: 'https://laodongthudo.vn/' },
    });
  });

  it('resolves the article back to the services and the city it is about', async () => {
    const { data, errors } = await graph.client.rawRequest<{
      articles: {
        nodes: { services: { code: string; name: string }[]; units: { code: string; name: string }[] }[];
      };
    }>(gql`
      { articles(search: "ha noi dung dau") { nodes { services { code name } units { code name } } } }
    `);
    expect(errors).toBeUndefined();
    const [article] = data.articles.nodes;
    expect(article?.units).toEqual([{ code: '01', name: 'Thành phố Hà Nội' }]);
    expect(article?.services.map((service) => service.code).sort()).toEqual([
      '1.000656',
      '1.000894',
      '1.001193',
      '2.000815',
    ]);
    expect(article?.services.find((service) => service.code === '1.000894')?.name).toBe(
      'Thủ tục đăng ký kết hôn',
    );
  });

  it('costs one SQL statement per entity type per level, whatever the page size', async () => {
    const statementsFor = async (first: number) => {
      for (const counter of Object.values(graph.sql)) counter.reset();
      const { data, errors } = await graph.client.rawRequest<ServicePage>(SERVICE_PAGE, { first });
      expect(errors).toBeUndefined();
      expect(data.services.nodes).toHaveLength(first);
      return {
        services: graph.sql.services.count,
        statistics: graph.sql.statistics.count,
        news: graph.sql.news.count,
      };
    };
    const small = await statementsFor(2);
    const large = await statementsFor(100);
    // services: the page, then fields, agencies (competent and implementing together), the fields' parents and
    // the agencies' units (one batch each); statistics: one aggregate for all services; news: one paged query for
    // the articles of all services.
    expect(small).toEqual({ services: 5, statistics: 1, news: 1 });
    expect(large).toEqual(small);
  });

  it('pages the catalog with cursors: no service is skipped or repeated', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 30; pages++) {
      const { data }: { data: CatalogPage } = await graph.client.rawRequest<CatalogPage>(
        gql`query ($after: String) { services(first: 17, after: $after) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } }`,
        {
          after,
        },
      );
      seen.push(...data.services.nodes.map((node) => node.code));
      expect(data.services.totalCount).toBe(131);
      if (!data.services.pageInfo.hasNextPage) break;
      after = data.services.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(131);
    expect(new Set(seen).size).toBe(131);
    expect([...seen].sort()).toEqual(seen);
  });
});
