import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GraphQLClient, gql } from 'graphql-request';
import { dataOf } from './support/data-of.ts';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// What a service page shows, and what the import carries for it, through the gateway.
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

const UPSERT = gql`mutation ($services: [ServiceInput!]!) { upsertServices(services: $services) { created updated unchanged } }`;

describe('requirements, channels, fees', () => {
  it('gives who may apply and the conditions apart from the documents', async () => {
    const { service } = await query<{
      service: {
        requirements: { kind: string; text: string; textEn: string }[];
        documents: { name: string }[];
        illustrativeAttributes: string[];
      };
    }>(gql`{ service(code: "1.001193") {
      requirements { kind text textEn: text(language: EN) } documents { name } illustrativeAttributes
    } }`);
    expect(service.requirements.map((requirement) => requirement.kind)).toEqual(['ELIGIBILITY', 'CONDITION']);
    expect(service.requirements[1]?.text).toMatch(/60 ngày/);
    expect(service.requirements[1]?.textEn).toMatch(/60 days/);
    expect(service.documents.length).toBeGreaterThan(0);
    expect(service.illustrativeAttributes).toContain('requirements');
  });

  it('gives time and cost per channel where they differ, fees apart from charges', async () => {
    const { licence, birth } = await query<{
      licence: {
        processingDays: number;
        channels: {
          kind: string;
          processingDays: number | null;
          fees: { amountVnd: number; kind: string }[] | null;
        }[];
      };
      birth: {
        channels: {
          kind: string;
          processingTime: string | null;
          fees: { amountVnd: number; kind: string }[] | null;
        }[];
      };
    }>(gql`{
      licence: service(code: "1.002805") { processingDays channels { kind processingDays fees { amountVnd kind } } }
      birth: service(code: "1.001193") { channels { kind processingTime fees { amountVnd kind } } }
    }`);
    const online = licence.channels.find((channel) => channel.kind === 'ONLINE');
    const inPerson = licence.channels.find((channel) => channel.kind === 'IN_PERSON');
    expect(online?.fees?.[0]?.amountVnd).toBeLessThan(inPerson?.fees?.[0]?.amountVnd ?? 0);
    expect(online?.processingDays).not.toBe(licence.processingDays);
    const post = birth.channels.find((channel) => channel.kind === 'POST');
    expect(post?.fees?.map((fee) => fee.kind)).toEqual(['FEE', 'CHARGE']);
    expect(post?.processingTime).toMatch(/chuyển phát/);
    // A channel that says nothing of its own has the service's fees.
    expect(birth.channels.find((channel) => channel.kind === 'IN_PERSON')?.fees).toBeNull();
  });
});

describe('competent agencies and where a service is offered', () => {
  it("names the commune People's Committee, not one ward, for a service every commune offers", async () => {
    const { services } = await query<{
      services: {
        nodes: {
          code: string;
          levels: string[];
          competentAgency: { code: string; level: string };
          coverage: { offered: number };
        }[];
      };
    }>(
      gql`{ services(filter: { fieldCode: "ho-tich" }, first: 100) { nodes { code levels competentAgency { code level } coverage { offered } } } }`,
    );
    const everywhere = services.nodes.filter((node) => node.levels.join() === 'COMMUNE');
    expect(everywhere.length).toBeGreaterThan(5);
    for (const node of everywhere) {
      expect(node.coverage.offered).toBe(126);
      expect(node.competentAgency).toEqual({ code: 'UBND-XA-01', level: 'COMMUNE' });
    }
  });

  it('lets the import say where a new service is offered, per unit and online level', async () => {
    const service = {
      code: '9.000201',
      nameVi: 'Thủ tục thử nghiệm nơi cung cấp',
      fieldCode: 'ho-tich',
      competentAgencyCode: 'UBND-XA-01',
      levels: ['COMMUNE'],
      onlineLevel: 'FULL',
      legacyOnlineLevel: 4,
      audiences: ['CITIZEN'],
      offerings: [
        { unitCode: '01', allCommunes: true },
        { unitCode: '00004', onlineLevel: 'PARTIAL' },
      ],
    };
    expect(
      (await officer.request<{ upsertServices: unknown }>(UPSERT, { services: [service] })).upsertServices,
    ).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    const read = () =>
      query<{
        service: {
          coverage: { offered: number; offeredOnline: number; offeredFullyOnline: number };
          offerings: { totalCount: number };
        };
      }>(
        gql`{ service(code: "9.000201") { coverage { offered offeredOnline offeredFullyOnline } offerings(parentCode: "01") { totalCount } } }`,
      );
    expect((await read()).service).toEqual({
      coverage: { offered: 126, offeredOnline: 126, offeredFullyOnline: 125 },
      offerings: { totalCount: 126 },
    });
    // A replay changes nothing; fewer offerings replace the old ones; no `offerings` leaves them alone.
    expect(
      (await officer.request<{ upsertServices: unknown }>(UPSERT, { services: [service] })).upsertServices,
    ).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    await officer.request(UPSERT, {
      services: [{ ...service, offerings: [{ unitCode: '00004' }, { unitCode: '00070' }] }],
    });
    expect((await read()).service.coverage).toEqual({ offered: 2, offeredOnline: 2, offeredFullyOnline: 2 });
    const { offerings, ...withoutOfferings } = service;
    await officer.request(UPSERT, { services: [withoutOfferings] });
    expect((await read()).service.coverage.offered).toBe(2);
  });

  it('refuses an offering in a unit that is not in force, and a FULL service with a legacy level 1', async () => {
    const { errors } = await officer
      .rawRequest(UPSERT, {
        services: [
          {
            code: '9.000202',
            nameVi: 'Thủ tục thử nghiệm bị từ chối',
            fieldCode: 'ho-tich',
            competentAgencyCode: 'UBND-XA-01',
            levels: ['COMMUNE'],
            onlineLevel: 'FULL',
            legacyOnlineLevel: 1,
            audiences: ['CITIZEN'],
          },
          {
            code: '9.000203',
            nameVi: 'Thủ tục thử nghiệm bị từ chối',
            fieldCode: 'ho-tich',
            competentAgencyCode: 'UBND-XA-01',
            levels: ['COMMUNE'],
            onlineLevel: 'PARTIAL',
            audiences: ['CITIZEN'],
            offerings: [{ unitCode: '00004@2025-06-30' }],
          },
        ],
      })
      .catch(refusal);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const rows = errors?.[0]?.extensions?.rows as { row: number; reasons: string[] }[];
    expect(rows[0]?.reasons.join()).toMatch(/legacyOnlineLevel contradicts onlineLevel/);
    expect(rows[1]?.reasons.join()).toMatch(/00004@2025-06-30 is not a unit in force/);
  });
});

describe('facets a filter UI can render', () => {
  type Facet = { value: string; label: string; labelEn: string; count: number };
  const FACETS = gql`query ($filter: ServiceFilter) { serviceFacets(filter: $filter) {
    total fields { value label labelEn: label(language: EN) count }
    onlineLevels { value label labelEn: label(language: EN) count }
    audiences { value label labelEn: label(language: EN) count }
  } }`;
  type Facets = { total: number; fields: Facet[]; onlineLevels: Facet[]; audiences: Facet[] };

  it('labels every value in Vietnamese and English', async () => {
    const { serviceFacets } = await query<{ serviceFacets: Facets }>(FACETS);
    expect(serviceFacets.onlineLevels).toContainEqual(
      expect.objectContaining({ value: 'FULL', label: 'Toàn trình', labelEn: 'Fully online' }),
    );
    expect(serviceFacets.fields).toContainEqual(
      expect.objectContaining({ value: 'ho-tich', label: 'Hộ tịch', labelEn: 'Civil status' }),
    );
    expect(serviceFacets.audiences).toContainEqual(
      expect.objectContaining({ value: 'BUSINESS', label: 'Doanh nghiệp', labelEn: 'Businesses' }),
    );
  });

  it('counts disjunctively: choosing FULL keeps the counts of the other levels', async () => {
    const all = (await query<{ serviceFacets: Facets }>(FACETS)).serviceFacets;
    const full = (await query<{ serviceFacets: Facets }>(FACETS, { filter: { onlineLevels: ['FULL'] } }))
      .serviceFacets;
    expect(full.onlineLevels).toEqual(all.onlineLevels);
    expect(full.total).toBe(all.onlineLevels.find((facet) => facet.value === 'FULL')?.count);
    // The other facets obey the level chosen.
    const { services } = await query<{ services: { totalCount: number } }>(
      gql`{ services(filter: { onlineLevels: [FULL], fieldCode: "ho-tich" }) { totalCount } }`,
    );
    expect(full.fields.find((facet) => facet.value === 'ho-tich')?.count).toBe(services.totalCount);
  });
});

describe("old districts in the units' history", () => {
  it("says plainly that the reference data does not record a former commune's district", async () => {
    const data = await query<{
      old: {
        level: string;
        district: unknown;
        history: { districtRecorded: boolean; note: string; noteEn: string };
      };
      island: { level: string; history: { districtRecorded: boolean } };
      now: { history: { districtRecorded: boolean; noteEn: string } };
    }>(gql`{
      old: administrativeUnit(code: "00004@2025-06-30") { level district { code } history { districtRecorded note noteEn: note(language: EN) } }
      island: administrativeUnit(code: "318@2025-06-30") { level history { districtRecorded } }
      now: administrativeUnit(code: "00004") { history { districtRecorded noteEn: note(language: EN) } }
    }`);
    expect(data.old).toMatchObject({
      level: 'COMMUNE',
      district: null,
      history: { districtRecorded: false },
    });
    expect(data.old.history.noteEn).toMatch(/district this one belonged to is not recorded/);
    expect(data.old.history.note).toMatch(/quận\/huyện/);
    expect(data.island).toEqual({ level: 'DISTRICT', history: { districtRecorded: true } });
    expect(data.now.history.noteEn).toMatch(/no districts/);
    const bundle = JSON.parse(
      readFileSync(new URL('../packages/admin-units/units.json', import.meta.url), 'utf8'),
    ) as {
      dissolved: [string, string, string | null][];
    };
    // What the note rests on: the reference data's only districts are five island districts.
    expect(bundle.dissolved.filter(([code]) => code.length === 3)).toHaveLength(5);
  });
});
