import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql } from 'graphql-request';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// The catalog as a portal sees it: every query and filter through the gateway.
let graph: TestHub;

beforeAll(async () => {
  graph = await startTestHub();
});

afterAll(async () => {
  await graph?.stop();
});

async function query<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
  const { data, errors } = await graph.client.rawRequest<T>(document, variables);
  expect(errors).toBeUndefined();
  return data;
}

describe('search: accent-insensitive, typo-tolerant, by relevance', () => {
  const search = async (text: string, first = 3) =>
    (
      await query<{ services: { totalCount: number; nodes: { code: string; name: string }[] } }>(
        gql`query ($search: String, $first: Int) { services(search: $search, first: $first) { totalCount nodes { code name } } }`,
        { search: text, first },
      )
    ).services;

  it.each([
    ['khai sinh', '1.001193', 'Thủ tục đăng ký khai sinh'],
    ['dang ky ket hon', '1.000894', 'Thủ tục đăng ký kết hôn'],
    ['chung thuc ban sao', '2.000815', 'Chứng thực bản sao từ bản chính'],
    ['ĐĂNG KÝ KHAI TỬ', '1.000656', 'Thủ tục đăng ký khai tử'],
    ['thuong tru', '1.004222', 'Đăng ký thường trú'],
  ])('"%s" ranks %s first', async (text, code, name) => {
    const [best] = (await search(text)).nodes;
    expect(best?.code).toBe(code);
    expect(best?.name.startsWith(name)).toBe(true);
  });

  it('forgives a typo ("khai sihn") and still ranks birth registration first', async () => {
    const { nodes } = await search('khai sihn');
    expect(nodes[0]?.code).toBe('1.001193');
    expect(nodes.every((node) => node.name.toLowerCase().includes('khai sinh'))).toBe(true);
  });

  it('does not match a word inside another ("tu" is not in "thủ tục")', async () => {
    const { nodes } = await search('ly lich tu phap', 10);
    expect(nodes[0]?.code).toBe('3.000333');
  });

  it('finds nothing for a word no service has, rather than anything', async () => {
    expect((await search('tàu vũ trụ')).totalCount).toBe(0);
  });

  it('finds units by name without diacritics, đ included', async () => {
    const data = await query<{ administrativeUnits: { nodes: { code: string; name: string }[] } }>(
      gql`{ administrativeUnits(parentCode: "01", search: "ba dinh") { nodes { code name } } }`,
    );
    expect(data.administrativeUnits.nodes).toEqual([{ code: '00004', name: 'Phường Ba Đình' }]);
  });
});

describe('administrative units and the reorganisation of 1 July 2025', () => {
  // The bundle the seed loads (built from the official data by scripts/bundle-admin-units.ts).
  const bundle = JSON.parse(
    readFileSync(new URL('../packages/admin-units/units.json', import.meta.url), 'utf8'),
  ) as { dissolved: [string, string, string | null][] };
  const oldHanoiCommunes = bundle.dissolved.filter(([, , parent]) => parent === '01').length;

  it('pages the 126 communes of Hà Nội without a gap or a repeat', async () => {
    const codes: string[] = [];
    let after: string | null = null;
    do {
      const data: {
        administrativeUnit: {
          children: {
            totalCount: number;
            nodes: { code: string }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      } = await query(
        gql`query ($after: String) { administrativeUnit(code: "01") { children(first: 50, after: $after) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } } }`,
        { after },
      );
      expect(data.administrativeUnit.children.totalCount).toBe(126);
      codes.push(...data.administrativeUnit.children.nodes.map((node) => node.code));
      after = data.administrativeUnit.children.pageInfo.hasNextPage
        ? data.administrativeUnit.children.pageInfo.endCursor
        : null;
    } while (after);
    expect(codes).toHaveLength(126);
    expect(new Set(codes).size).toBe(126);
  });

  it('keeps the dissolved units: the old Hà Nội had 526 communes, the new one 126', async () => {
    const data = await query<{
      administrativeUnit: {
        name: string;
        validTo: string;
        children: { totalCount: number };
        successors: unknown[];
      };
    }>(
      gql`{ administrativeUnit(code: "01@2025-06-30") { name validTo children { totalCount } successors { kind unit { code } } } }`,
    );
    expect(data.administrativeUnit).toEqual({
      name: 'Thành phố Hà Nội',
      validTo: '2025-06-30',
      children: { totalCount: oldHanoiCommunes },
      successors: [{ kind: 'FULL', unit: { code: '01' } }],
    });
    const communes = await query<{ administrativeUnits: { totalCount: number } }>(
      gql`{ administrativeUnits(parentCode: "01") { totalCount } }`,
    );
    expect(communes.administrativeUnits.totalCount).toBe(126);
    expect(oldHanoiCommunes).toBe(526);
  });

  it('links old and new units both ways, full or partial', async () => {
    const data = await query<{
      truc: {
        name: string;
        successors: { kind: string; date: string; unit: { code: string; name: string } }[];
      };
      ngocHa: { successors: { kind: string; unit: { code: string } }[] };
      baDinh: { predecessors: { kind: string; unit: { code: string; name: string } }[] };
    }>(gql`{
      truc: administrativeUnit(code: "00004@2025-06-30") { name successors { kind date unit { code name } } }
      ngocHa: administrativeUnit(code: "00016@2025-06-30") { successors { kind unit { code } } }
      baDinh: administrativeUnit(code: "00004") { predecessors { kind unit { code name } } }
    }`);
    expect(data.truc).toEqual({
      name: 'Phường Trúc Bạch',
      successors: [{ kind: 'FULL', date: '2025-07-01', unit: { code: '00004', name: 'Phường Ba Đình' } }],
    });
    expect(data.ngocHa.successors.length).toBeGreaterThan(1);
    expect(data.ngocHa.successors).toContainEqual({ kind: 'PARTIAL', unit: { code: '00004' } });
    expect(data.baDinh.predecessors.slice(0, 3)).toEqual([
      { kind: 'FULL', unit: { code: '00004@2025-06-30', name: 'Phường Trúc Bạch' } },
      { kind: 'FULL', unit: { code: '00013@2025-06-30', name: 'Phường Quán Thánh' } },
      { kind: 'PARTIAL', unit: { code: '00016@2025-06-30', name: 'Phường Ngọc Hà' } },
    ]);
  });
});

describe('filters and facets, checked against the seed file itself', () => {
  type SeedService = {
    code: string;
    fieldCode: string;
    onlineLevel: string;
    audiences: string[];
    integrations: string[];
    levels: string[];
    competentAgencyCode: string;
    implementingAgencyCodes: string[];
  };
  const seed = JSON.parse(
    readFileSync(new URL('../subgraphs/services/src/seed/hanoi-catalog.json', import.meta.url), 'utf8'),
  ) as {
    fields: { code: string; parentCode?: string | null }[];
    services: SeedService[];
  };
  const justiceFields = new Set([
    'tu-phap',
    ...seed.fields.filter((f) => f.parentCode === 'tu-phap').map((f) => f.code),
  ]);
  const count = (keep: (service: SeedService) => boolean) => seed.services.filter(keep).length;

  const totalFor = async (filter: Record<string, unknown>, search?: string) =>
    (
      await query<{ services: { totalCount: number } }>(
        gql`query ($filter: ServiceFilter, $search: String) { services(filter: $filter, search: $search) { totalCount } }`,
        { filter, search },
      )
    ).services.totalCount;

  it.each([
    [
      'a field with its sub-fields',
      { fieldCode: 'tu-phap' },
      (s: SeedService) => justiceFields.has(s.fieldCode),
    ],
    ['an online level', { onlineLevels: ['FULL'] }, (s: SeedService) => s.onlineLevel === 'FULL'],
    [
      'two online levels',
      { onlineLevels: ['PARTIAL', 'INFORMATION'] },
      (s: SeedService) => s.onlineLevel !== 'FULL',
    ],
    ['an audience', { audience: 'BUSINESS' }, (s: SeedService) => s.audiences.includes('BUSINESS')],
    [
      'an integration',
      { integration: 'POPULATION_DB' },
      (s: SeedService) => s.integrations.includes('POPULATION_DB'),
    ],
    [
      'an agency, competent or implementing',
      { agencyCode: 'UBND-00004' },
      (s: SeedService) =>
        s.competentAgencyCode === 'UBND-00004' || s.implementingAgencyCodes.includes('UBND-00004'),
    ],
    [
      'a commune where it is offered',
      { offeredIn: '00004' },
      (s: SeedService) => s.levels.includes('COMMUNE'),
    ],
    [
      'a field and an online level together',
      { fieldCode: 'tu-phap', onlineLevels: ['FULL'] },
      (s: SeedService) => justiceFields.has(s.fieldCode) && s.onlineLevel === 'FULL',
    ],
  ])('by %s', async (_, filter, keep) => {
    const expected = count(keep);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(seed.services.length);
    expect(await totalFor(filter)).toBe(expected);
  });

  it('counts services per field, online level and audience for a sidebar', async () => {
    const { serviceFacets } = await query<{
      serviceFacets: {
        total: number;
        fields: { value: string; count: number }[];
        onlineLevels: { value: string; count: number }[];
        audiences: { value: string; count: number }[];
      };
    }>(
      gql`{ serviceFacets { total fields { value count } onlineLevels { value count } audiences { value count } } }`,
    );
    expect(serviceFacets.total).toBe(seed.services.length);
    for (const level of ['FULL', 'PARTIAL', 'INFORMATION']) {
      expect(serviceFacets.onlineLevels).toContainEqual({
        value: level,
        count: count((s) => s.onlineLevel === level),
      });
    }
    expect(serviceFacets.fields).toContainEqual({
      value: 'ho-tich',
      count: count((s) => s.fieldCode === 'ho-tich'),
    });
    expect(serviceFacets.audiences).toContainEqual({
      value: 'BUSINESS',
      count: count((s) => s.audiences.includes('BUSINESS')),
    });
    const justice = await query<{ serviceFacets: { total: number } }>(
      gql`{ serviceFacets(filter: { fieldCode: "tu-phap" }, search: "dang ky") { total } }`,
    );
    expect(justice.serviceFacets.total).toBe(await totalFor({ fieldCode: 'tu-phap' }, 'dang ky'));
  });

  it('orders by name, ignoring diacritics, and pages in that order', async () => {
    const names: string[] = [];
    let after: string | null = null;
    do {
      const data: {
        services: { nodes: { name: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      } = await query(
        gql`query ($after: String) { services(orderBy: NAME, first: 50, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      names.push(...data.services.nodes.map((node) => node.name));
      after = data.services.pageInfo.hasNextPage ? data.services.pageInfo.endCursor : null;
    } while (after);
    expect(names).toHaveLength(seed.services.length);
    const plain = (name: string) =>
      name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
    const sorted = [...names].sort((a, b) => (plain(a) < plain(b) ? -1 : plain(a) > plain(b) ? 1 : 0));
    expect(names.map(plain)).toEqual(sorted.map(plain));
  });

  it('shows how many communes offer a service online', async () => {
    const data = await query<{
      service: { coverage: { units: number; offered: number; offeredOnline: number; onlineShare: number } };
    }>(gql`{ service(code: "1.001193") { coverage { units offered offeredOnline onlineShare } } }`);
    expect(data.service.coverage).toEqual({ units: 126, offered: 126, offeredOnline: 126, onlineShare: 1 });
  });
});

describe('a unit as of a date', () => {
  it('reads an official code as it was on that day', async () => {
    const data = await query<{
      before: { code: string; name: string };
      after: { code: string; name: string };
    }>(gql`{
      before: administrativeUnit(code: "00004", asOf: "2024-12-31") { code name }
      after: administrativeUnit(code: "00004", asOf: "2025-07-01") { code name }
    }`);
    expect(data).toEqual({
      before: { code: '00004@2025-06-30', name: 'Phường Trúc Bạch' },
      after: { code: '00004', name: 'Phường Ba Đình' },
    });
  });

  it('lists the units in force on that day', async () => {
    const data = await query<Record<string, { totalCount: number }>>(gql`{
      provincesNow: administrativeUnits(level: PROVINCE) { totalCount }
      provinces2024: administrativeUnits(level: PROVINCE, asOf: "2024-12-31") { totalCount }
      hanoiNow: administrativeUnits(parentCode: "01") { totalCount }
      hanoi2024: administrativeUnits(parentCode: "01", asOf: "2024-12-31") { totalCount }
    }`);
    expect(data).toEqual({
      provincesNow: { totalCount: 34 },
      provinces2024: { totalCount: 63 },
      hanoiNow: { totalCount: 126 },
      hanoi2024: { totalCount: 526 },
    });
  });
});

describe('services, fields and agencies', () => {
  it('finds a service by id as by code, with its full record', async () => {
    const byCode = await query<{ service: { id: string; code: string } }>(
      gql`{ service(code: "1.004222") { id code } }`,
    );
    const byId = await query<{ service: Record<string, unknown> }>(
      gql`query ($id: ID) { service(id: $id) {
        code name nameEn: name(language: EN) description field { code parent { code } } competentAgency { code }
        levels onlineLevel channels { kind description } processingDays fees { amountVnd condition }
        documents { name copies original replaceableByPopulationDb } output audiences integrations status legalBasis
      } }`,
      { id: byCode.service.id },
    );
    expect(byId.service).toMatchObject({
      code: '1.004222',
      name: 'Đăng ký thường trú',
      field: { code: 'cu-tru', parent: { code: expect.any(String) } },
      status: 'ACTIVE',
      audiences: ['CITIZEN'],
    });
    expect((byId.service.documents as unknown[]).length).toBeGreaterThan(0);
    expect((byId.service.channels as { kind: string }[]).map((channel) => channel.kind)).toContain('ONLINE');
  });

  it('lists fields with their sub-fields', async () => {
    const { serviceFields } = await query<{
      serviceFields: { code: string; parent: { code: string } | null; children: { code: string }[] }[];
    }>(gql`{ serviceFields { code parent { code } children { code } } }`);
    const justice = serviceFields.find((field) => field.code === 'tu-phap');
    expect(justice?.parent).toBeNull();
    expect(justice?.children.map((child) => child.code)).toEqual(
      expect.arrayContaining(['ho-tich', 'chung-thuc', 'ly-lich-tu-phap']),
    );
    for (const child of justice?.children ?? []) {
      expect(serviceFields.find((field) => field.code === child.code)?.parent).toEqual({ code: 'tu-phap' });
    }
  });

  it('lists agencies by level and by unit, with their parent and contact points', async () => {
    const data = await query<{
      city: { totalCount: number; nodes: { code: string; level: string; parent: { code: string } | null }[] };
      baDinh: { nodes: { code: string }[] };
      search: { nodes: { code: string }[] };
      one: { name: string; contactPoints: { kind: string; value: string }[] };
    }>(gql`{
      city: agencies(level: PROVINCE, first: 100) { totalCount nodes { code level parent { code } } }
      baDinh: agencies(unitCode: "00004") { nodes { code } }
      search: agencies(search: "so tu phap") { nodes { code } }
      one: agency(code: "UBND-01") { name contactPoints { kind value } }
    }`);
    expect(data.city.nodes.every((agency) => agency.level === 'PROVINCE')).toBe(true);
    expect(data.city.nodes.find((agency) => agency.code === 'STP-01')?.parent).toEqual({ code: 'UBND-01' });
    expect(data.baDinh.nodes.map((agency) => agency.code)).toContain('UBND-00004');
    expect(data.search.nodes.map((agency) => agency.code)).toEqual(['STP-01']);
    expect(data.one.name).toBe('Ủy ban nhân dân thành phố Hà Nội');
    expect(data.one.contactPoints).toContainEqual({ kind: 'WEBSITE', value: 'https://hanoi.gov.vn' });
  });

  it('pages where a service is offered, optionally within one province', async () => {
    const codes: string[] = [];
    let after: string | null = null;
    do {
      const data: {
        service: {
          offerings: {
            totalCount: number;
            nodes: { unit: { code: string; parent: { code: string } }; onlineLevel: string }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      } = await query(
        gql`query ($after: String) { service(code: "1.001193") { offerings(parentCode: "01", first: 40, after: $after) {
          totalCount nodes { onlineLevel unit { code parent { code } } } pageInfo { hasNextPage endCursor } } } }`,
        { after },
      );
      expect(data.service.offerings.totalCount).toBe(126);
      for (const node of data.service.offerings.nodes) {
        expect(node).toMatchObject({ onlineLevel: 'FULL', unit: { parent: { code: '01' } } });
        codes.push(node.unit.code);
      }
      after = data.service.offerings.pageInfo.hasNextPage ? data.service.offerings.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(codes).size).toBe(126);
  });

  it('refuses relevance order without a search', async () => {
    const { errors } = await graph.client
      .rawRequest(gql`{ services(orderBy: RELEVANCE) { totalCount } }`)
      .catch(refusal);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/RELEVANCE needs a `search`/);
  });
});
