import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql } from 'graphql-request';
import { dataOf } from './support/data-of.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// Life and business events (CPSV-AP 3.2) and joined-up procedures (liên thông), through the gateway.
let graph: TestHub;

beforeAll(async () => {
  graph = await startTestHub();
});

afterAll(async () => {
  await graph?.stop();
});

const query = dataOf(() => graph.client);

type Step = {
  position: number;
  optional: boolean;
  choice: string | null;
  note: string | null;
  service: { code: string };
};

describe('life and business events', () => {
  it('lists the EU life events and business events with names in Vietnamese and English', async () => {
    const data = await query<{
      lifeEvents: { code: string; kind: string; name: string; nameEn: string }[];
      businessEvents: { code: string; kind: string; name: string; nameEn: string }[];
    }>(gql`{
      lifeEvents { code kind name nameEn: name(language: EN) }
      businessEvents { code kind name nameEn: name(language: EN) }
    }`);
    expect(data.lifeEvents.map((event) => event.code)).toEqual(
      expect.arrayContaining([
        'having-a-child',
        'changing-residence',
        'getting-married',
        'retiring',
        'dealing-with-death',
      ]),
    );
    expect(data.businessEvents.map((event) => event.code)).toEqual(
      expect.arrayContaining(['starting-a-business', 'closing-a-business']),
    );
    expect(data.lifeEvents.every((event) => event.kind === 'LIFE_EVENT')).toBe(true);
    expect(data.businessEvents.every((event) => event.kind === 'BUSINESS_EVENT')).toBe(true);
    expect(data.lifeEvents.find((event) => event.code === 'having-a-child')).toMatchObject({
      name: 'Sinh con',
      nameEn: 'Having a child',
    });
  });

  it('gives the services of an event in order, with optional steps and one-of-several choices', async () => {
    const { event } = await query<{
      event: {
        __typename: string;
        steps: Step[];
        services: { code: string }[];
        illustrativeAttributes: string[];
      };
    }>(gql`{ event(code: "having-a-child") {
      __typename illustrativeAttributes
      ... on LifeEvent { steps { position optional choice note service { code } } services { code } }
    } }`);
    expect(event.__typename).toBe('LifeEvent');
    expect(event.illustrativeAttributes).toContain('steps');
    const positions = event.steps.map((step) => step.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(event.services.map((service) => service.code)).toEqual(
      event.steps.map((step) => step.service.code),
    );
    // Birth registration is one of three: domestic, foreign element, with recognition of parentage.
    const birth = event.steps.filter((step) => step.choice === 'khai-sinh');
    expect(birth.map((step) => step.service.code).sort()).toEqual(['1.000689', '1.001193', '2.000528']);
    expect(new Set(birth.map((step) => step.position)).size).toBe(1);
    expect(event.steps.find((step) => step.service.code === '1.116411')).toMatchObject({
      optional: true,
      choice: null,
    });
    expect(event.steps.find((step) => step.service.code === '1.004222')).toMatchObject({ optional: false });
  });

  it('tells a service which life and business events it is a step of', async () => {
    const data = await query<{
      birth: { lifeEvents: { code: string }[]; businessEvents: { code: string }[] };
      residence: { lifeEvents: { code: string }[] };
      company: { lifeEvents: { code: string }[]; businessEvents: { code: string; name: string }[] };
    }>(gql`{
      birth: service(code: "1.001193") { lifeEvents { code } businessEvents { code } }
      residence: service(code: "1.004222") { lifeEvents { code } }
      company: service(code: "2.001611") { lifeEvents { code } businessEvents { code name } }
    }`);
    expect(data.birth).toEqual({ lifeEvents: [{ code: 'having-a-child' }], businessEvents: [] });
    expect(data.residence.lifeEvents.map((event) => event.code)).toEqual(
      expect.arrayContaining(['having-a-child', 'getting-married', 'changing-residence']),
    );
    expect(data.company).toEqual({
      lifeEvents: [],
      businessEvents: [{ code: 'starting-a-business', name: 'Khởi sự kinh doanh' }],
    });
  });

  it('filters services by event and counts them per event in the facets', async () => {
    const data = await query<{
      services: { totalCount: number; nodes: { code: string }[] };
      serviceFacets: { events: { value: string; label: string; labelEn: string; count: number }[] };
      filtered: { total: number; events: { value: string; count: number }[] };
      event: { services: { code: string }[] };
    }>(gql`{
      services(filter: { eventCode: "dealing-with-death" }, first: 50) { totalCount nodes { code } }
      serviceFacets { events { value label labelEn: label(language: EN) count } }
      filtered: serviceFacets(filter: { eventCode: "dealing-with-death" }) { total events { value count } }
      event(code: "dealing-with-death") { ... on LifeEvent { services { code } } }
    }`);
    const members = data.event.services.map((service) => service.code).sort();
    expect(data.services.nodes.map((node) => node.code).sort()).toEqual(members);
    expect(data.serviceFacets.events).toContainEqual({
      value: 'dealing-with-death',
      label: 'Khi có người thân qua đời',
      labelEn: 'Dealing with the death of a relative',
      count: members.length,
    });
    // Disjunctive: choosing an event keeps the counts of the others.
    expect(data.filtered.total).toBe(members.length);
    expect(data.filtered.events).toEqual(
      data.serviceFacets.events.map(({ value, count }) => ({ value, count })),
    );
  });
});

describe('joined-up procedures (liên thông)', () => {
  const BUNDLE = gql`query ($code: ID!) { serviceBundle(code: $code) {
    code name nameEn: name(language: EN) processingDays processingTime onlineLevel
    channels { kind } agencies { code } services { code } legalBasis illustrativeAttributes
    requirements { kind text } lifeEvent { code }
  } }`;
  type Bundle = {
    code: string;
    processingDays: number | null;
    onlineLevel: string;
    channels: { kind: string }[];
    agencies: { code: string }[];
    services: { code: string }[];
    legalBasis: string[];
    illustrativeAttributes: string[];
    requirements: { kind: string; text: string }[];
    lifeEvent: { code: string } | null;
  };

  it('group 1: birth registration, permanent residence and a health-insurance card for a child under 6, in at most 3 working days', async () => {
    const { serviceBundle } = await query<{ serviceBundle: Bundle }>(BUNDLE, { code: '3.000722' });
    expect(serviceBundle).toMatchObject({
      processingDays: 3,
      onlineLevel: 'FULL',
      // The commune, the police and social insurance.
      agencies: [{ code: 'UBND-XA-01' }, { code: 'CA-XA-01' }, { code: 'BHXH-01' }],
      services: [{ code: '1.001193' }, { code: '1.004222' }, { code: '9.006001' }, { code: '1.116411' }],
      lifeEvent: { code: 'having-a-child' },
    });
    expect(serviceBundle.legalBasis).toContain('Nghị định 63/2024/NĐ-CP');
    expect(serviceBundle.channels.map((channel) => channel.kind)).toEqual(['ONLINE', 'IN_PERSON', 'POST']);
    expect(serviceBundle.requirements[0]).toMatchObject({ kind: 'ELIGIBILITY' });
    expect(serviceBundle.requirements[0]?.text).toMatch(/dưới 6 tuổi/);
    expect(serviceBundle.illustrativeAttributes).toContain('channels');
    // The health insurance card has no national code in the sources the catalog holds.
    const { service } = await query<{ service: { name: string; illustrativeAttributes: string[] } }>(
      gql`{ service(code: "9.006001") { name illustrativeAttributes } }`,
    );
    expect(service.name).toBe('Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi');
    expect(service.illustrativeAttributes).toContain('code');
  });

  it('group 2: death registration, removal of residence and funeral benefits', async () => {
    const { serviceBundle } = await query<{ serviceBundle: Bundle }>(BUNDLE, { code: '2.002913' });
    expect(serviceBundle.services).toEqual([
      { code: '1.000656' },
      { code: '1.003197' },
      { code: '9.006002' },
    ]);
    expect(serviceBundle.lifeEvent).toEqual({ code: 'dealing-with-death' });
    expect(serviceBundle.agencies.map((agency) => agency.code)).toEqual([
      'UBND-XA-01',
      'CA-XA-01',
      'BHXH-01',
    ]);
    // Its combined time is not from a public source the catalog holds, and says so.
    expect(serviceBundle.processingDays).toBe(10);
    expect(serviceBundle.illustrativeAttributes).toEqual(
      expect.arrayContaining(['processingTime', 'processingDays']),
    );
  });

  it('links members to their bundles and back, and events to their bundles', async () => {
    const data = await query<{
      serviceBundles: { code: string; services: { code: string; bundles: { code: string }[] }[] }[];
      birth: { bundles: { code: string }[] };
      other: { bundles: { code: string }[] };
      event: { bundles: { code: string }[] };
    }>(gql`{
      serviceBundles { code services { code bundles { code } } }
      birth: service(code: "1.001193") { bundles { code } }
      other: service(code: "1.000894") { bundles { code } }
      event: event(code: "having-a-child") { bundles { code } }
    }`);
    expect(data.serviceBundles.map((bundle) => bundle.code)).toEqual(['2.002913', '3.000722']);
    for (const bundle of data.serviceBundles)
      for (const member of bundle.services) expect(member.bundles).toContainEqual({ code: bundle.code });
    expect(data.birth.bundles).toEqual([{ code: '3.000722' }]);
    expect(data.other.bundles).toEqual([]);
    expect(data.event.bundles).toEqual([{ code: '3.000722' }]);
  });

  it('says in its source what is illustrative', async () => {
    const seed = JSON.parse(
      readFileSync(new URL('../subgraphs/services/src/seed/life-events.json', import.meta.url), 'utf8'),
    ) as { source: string };
    expect(seed.source).toMatch(/illustrative/);
  });

  it('answers NOT_FOUND for an unknown event or bundle', async () => {
    const { errors } = await graph.client.rawRequest(
      gql`{ event(code: "x") { code } serviceBundle(code: "y") { code } }`,
    );
    expect(errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });
});
