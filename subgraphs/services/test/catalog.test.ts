import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@motcua/testkit';
import { gql } from 'graphql-request';
import { servicesSubgraph } from '../src/index.ts';

let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await startTestSubgraph(servicesSubgraph, { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

async function query<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
  const { data, errors } = await subgraph.client.rawRequest<T>(document, variables);
  expect(errors).toBeUndefined();
  return data;
}

describe('accent-insensitive search', () => {
  const codesFor = async (search: string) =>
    (
      await query<{ services: { nodes: { code: string; name: string }[] } }>(
        gql`query ($search: String) { services(search: $search, first: 50) { nodes { code name } } }`,
        { search },
      )
    ).services.nodes;

  it.each([
    ['dang ky ket hon', ['1.000894', '2.000806']],
    ['chung thuc ban sao', ['2.000815']],
    // 3.000722 is "Liên thông điện tử: đăng ký khai sinh…": "điện tử" holds the word "tu" once unaccented.
    ['ĐĂNG KÝ KHAI TỬ', ['1.000656', '2.002913', '3.000722']],
    ['khai tu dang ky', ['1.000656', '2.002913', '3.000722']],
    ['dang ky khai sinh', ['1.000689', '1.001193', '1.004884', '2.000528', '3.000722']],
  ])('"%s" finds exactly the procedures whose names hold all those words', async (search, codes) => {
    expect((await codesFor(search)).map((service) => service.code).sort()).toEqual(codes);
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
    readFileSync(new URL('../src/seed/admin-units/units.json', import.meta.url), 'utf8'),
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

describe('entity references from the gateway', () => {
  it('resolves many services and units in one statement per entity type', async () => {
    subgraph.sql.reset();
    const data = await query<{ _entities: ({ name: string } | null)[] }>(
      gql`query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on PublicService { code name } ... on AdministrativeUnit { unitCode: code name } } }`,
      {
        representations: [
          { __typename: 'PublicService', code: '1.001193' },
          { __typename: 'PublicService', code: '1.000894' },
          { __typename: 'PublicService', code: '0.000000' },
          { __typename: 'AdministrativeUnit', code: '01' },
          { __typename: 'AdministrativeUnit', code: '00004' },
        ],
      },
    );
    expect(data._entities).toEqual([
      { code: '1.001193', name: 'Thủ tục đăng ký khai sinh' },
      { code: '1.000894', name: 'Thủ tục đăng ký kết hôn' },
      null,
      { unitCode: '01', name: 'Thành phố Hà Nội' },
      { unitCode: '00004', name: 'Phường Ba Đình' },
    ]);
    expect(subgraph.sql.count).toBe(2);
  });
});
