import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GraphQLClient, gql } from 'graphql-request';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// Data officers import life and business events and joined-up procedures, through the gateway and the command line.
let graph: TestHub;
let officer: GraphQLClient;

beforeAll(async () => {
  graph = await startTestHub();
  officer = await graph.as('DATA_OFFICER');
});

afterAll(async () => {
  await graph?.stop();
});

const IMPORT = gql`
  mutation ($events: [EventInput!], $bundles: [ServiceBundleInput!]) {
    importEventsAndBundles(events: $events, bundles: $bundles) {
      events { created updated unchanged }
      bundles { created updated unchanged }
    }
  }
`;
type Counts = { created: number; updated: number; unchanged: number };
type ImportResult = { importEventsAndBundles: { events: Counts; bundles: Counts } | null };

const EVENT = {
  code: 'adopting-a-child',
  kind: 'LIFE_EVENT',
  nameVi: 'Nhận con nuôi',
  nameEn: 'Adopting a child',
  position: 20,
  steps: [
    { position: 1, serviceCode: '1.001193', choice: 'khai-sinh', noteVi: 'Trong nước' },
    { position: 1, serviceCode: '2.000528', choice: 'khai-sinh', noteVi: 'Có yếu tố nước ngoài' },
    { position: 2, serviceCode: '1.004222', optional: true },
  ],
  illustrativeAttributes: ['steps'],
};

const BUNDLE = {
  code: '9.007001',
  nameVi: 'Liên thông thử nghiệm: khai sinh và thường trú',
  agencyCodes: ['UBND-XA-01', 'CA-XA-01'],
  serviceCodes: ['1.001193', '1.004222'],
  processingDays: 5,
  onlineLevel: 'FULL',
  channels: [{ kind: 'ONLINE', processingDays: 3, fees: [{ amountVnd: 0, kind: 'FEE' }] }],
  requirements: [{ kind: 'ELIGIBILITY', textVi: 'Trẻ em dưới 6 tuổi' }],
  eventCode: 'adopting-a-child',
  officialUrl: 'https://dichvucong.gov.vn/',
  illustrativeAttributes: ['code'],
};

const READ = gql`query ($event: ID!, $bundle: ID!) {
  event(code: $event) { code name ... on LifeEvent { steps { position optional choice note service { code } } } }
  serviceBundle(code: $bundle) {
    code processingDays officialUrl agencies { code } services { code bundles { code } }
    channels { kind processingDays fees { amountVnd kind } } lifeEvent { code }
  }
}`;
type Read = {
  event: {
    code: string;
    name: string;
    steps: { position: number; optional: boolean; choice: string | null; service: { code: string } }[];
  };
  serviceBundle: {
    services: { code: string; bundles: { code: string }[] }[];
    agencies: { code: string }[];
  } & Record<string, unknown>;
};

// A refused batch is a 400 (nothing of it answered): read as an answer either way.
const rawImport = (client: GraphQLClient, variables: Record<string, unknown>) =>
  client.rawRequest<ImportResult>(IMPORT, variables).catch(refusal);

const lookUp = async (event: string, bundle: string) => {
  const { data, errors } = await graph.client.rawRequest<Read>(READ, { event, bundle });
  return { data, codes: (errors ?? []).map((error) => error.extensions?.code) };
};

describe('importing events and joined-up procedures through the gateway', () => {
  it('refuses a caller without the data-officer role, and writes nothing', async () => {
    const { data, errors } = await rawImport(graph.client, { events: [EVENT] });
    expect(data?.importEventsAndBundles ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(errors?.[0]?.message).toMatch(/Only DATA_OFFICER callers may use Mutation.importEventsAndBundles/);
    expect((await lookUp(EVENT.code, BUNDLE.code)).codes).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('rejects the whole batch when one row is bad, naming each bad row, its list and why', async () => {
    const { errors } = await rawImport(officer, {
      events: [
        EVENT,
        {
          ...EVENT,
          code: 'bad-steps',
          steps: [
            { position: 1, serviceCode: '9.999999' },
            { position: 3, serviceCode: '1.004222', choice: 'only-one' },
            { position: 3, serviceCode: '1.004222' },
          ],
        },
        {
          ...EVENT,
          code: 'bad-choice',
          steps: [
            { position: 1, serviceCode: '1.001193', choice: 'khai-sinh' },
            { position: 2, serviceCode: '2.000528', choice: 'khai-sinh', optional: true },
          ],
        },
        { ...EVENT, nameVi: '' },
      ],
      bundles: [
        BUNDLE,
        {
          ...BUNDLE,
          code: '9.007002',
          serviceCodes: ['1.001193', '9.999998'],
          agencyCodes: ['KHONG-CO'],
          eventCode: 'no-such-event',
        },
      ],
    });
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/^4 of 6 rows are invalid, so nothing was written: events row 2:/);
    expect(errors?.[0]?.extensions?.rows).toEqual([
      {
        list: 'events',
        row: 2,
        code: 'bad-steps',
        reasons: [
          'steps.1.position 3 follows 1: number the steps 1, 2, 3… in order, giving steps done in any order the same number',
          'steps.2.serviceCode 1.004222 is already step 1',
          'choice only-one has one step: a choice is between two or more alternatives',
        ],
      },
      {
        list: 'events',
        row: 3,
        code: 'bad-choice',
        reasons: [
          'choice khai-sinh has steps at positions 1 and 2: alternatives share one position',
          'choice khai-sinh has optional and required steps: make them all one or the other',
        ],
      },
      {
        list: 'events',
        row: 4,
        code: 'adopting-a-child',
        reasons: ['nameVi must not be empty', 'code adopting-a-child already appears in row 1'],
      },
      {
        list: 'bundles',
        row: 2,
        code: '9.007002',
        reasons: [
          'names services the catalog does not have: 9.999998',
          'names agencies the catalog does not have: KHONG-CO',
          'eventCode no-such-event is not an event of the catalog or of this batch',
        ],
      },
    ]);
    expect((await lookUp(EVENT.code, BUNDLE.code)).codes).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('names the unknown services of an otherwise valid event, and writes nothing', async () => {
    const { errors } = await rawImport(officer, {
      events: [
        {
          ...EVENT,
          steps: [
            { position: 1, serviceCode: '9.999999' },
            { position: 2, serviceCode: '9.999997' },
          ],
        },
      ],
      bundles: [BUNDLE],
    });
    expect(errors?.[0]?.extensions?.rows).toEqual([
      {
        list: 'events',
        row: 1,
        code: 'adopting-a-child',
        reasons: ['names services the catalog does not have: 9.999999, 9.999997'],
      },
    ]);
    expect((await lookUp(EVENT.code, BUNDLE.code)).codes).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('creates, links both ways, replaces only what changed, and a replay changes nothing', async () => {
    const first = await officer.request<ImportResult>(IMPORT, { events: [EVENT], bundles: [BUNDLE] });
    expect(first.importEventsAndBundles).toEqual({
      events: { created: 1, updated: 0, unchanged: 0 },
      bundles: { created: 1, updated: 0, unchanged: 0 },
    });
    const { data } = await lookUp(EVENT.code, BUNDLE.code);
    expect(data?.event.steps).toEqual([
      {
        position: 1,
        optional: false,
        choice: 'khai-sinh',
        note: 'Trong nước',
        service: { code: '1.001193' },
      },
      {
        position: 1,
        optional: false,
        choice: 'khai-sinh',
        note: 'Có yếu tố nước ngoài',
        service: { code: '2.000528' },
      },
      { position: 2, optional: true, choice: null, note: null, service: { code: '1.004222' } },
    ]);
    expect(data?.serviceBundle).toMatchObject({
      code: '9.007001',
      processingDays: 5,
      officialUrl: 'https://dichvucong.gov.vn/',
      agencies: [{ code: 'UBND-XA-01' }, { code: 'CA-XA-01' }],
      channels: [{ kind: 'ONLINE', processingDays: 3, fees: [{ amountVnd: 0, kind: 'FEE' }] }],
      lifeEvent: { code: 'adopting-a-child' },
    });
    for (const member of data?.serviceBundle.services ?? [])
      expect(member.bundles).toContainEqual({ code: '9.007001' });

    const replay = await officer.request<ImportResult>(IMPORT, { events: [EVENT], bundles: [BUNDLE] });
    expect(replay.importEventsAndBundles).toEqual({
      events: { created: 0, updated: 0, unchanged: 1 },
      bundles: { created: 0, updated: 0, unchanged: 1 },
    });

    // The event loses its optional step; the bundle is sent again as it is.
    const changed = { ...EVENT, steps: EVENT.steps.slice(0, 2) };
    const second = await officer.request<ImportResult>(IMPORT, { events: [changed], bundles: [BUNDLE] });
    expect(second.importEventsAndBundles).toEqual({
      events: { created: 0, updated: 1, unchanged: 0 },
      bundles: { created: 0, updated: 0, unchanged: 1 },
    });
    const after = await lookUp(EVENT.code, BUNDLE.code);
    expect(after.data?.event.steps.map((step) => step.service.code)).toEqual(['1.001193', '2.000528']);
    const { service } = await graph.client.request<{ service: { lifeEvents: { code: string }[] } }>(
      gql`{ service(code: "1.004222") { lifeEvents { code } } }`,
    );
    expect(service.lifeEvents.map((event) => event.code)).not.toContain('adopting-a-child');
  });
});

describe('importing events from the command line', () => {
  const folder = mkdtempSync(join(tmpdir(), 'motcua-events-'));
  const cli = new URL('../subgraphs/services/src/cli/import-services.ts', import.meta.url).pathname;
  const run = (file: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [cli, file],
        {
          env: { PATH: process.env.PATH ?? '', DATABASE_URL: graph.databaseUrl },
          encoding: 'utf8',
          timeout: 30_000,
        },
        (error, stdout, stderr) =>
          resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });

  it('takes the example file as it is: the seed went in the same way, so nothing changes', async () => {
    const file = fileURLToPath(new URL('../subgraphs/services/src/seed/life-events.json', import.meta.url));
    const { status, stdout, stderr } = await run(file);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(
      `${file}: events: 0 created, 0 updated, 9 unchanged; bundles: 0 created, 0 updated, 2 unchanged`,
    );
  });

  it('reports bad rows by list and number without writing anything', async () => {
    const file = join(folder, 'events.json');
    writeFileSync(
      file,
      JSON.stringify({
        events: [{ ...EVENT, code: 'cli-event' }],
        bundles: [
          { ...BUNDLE, code: '9.007003', serviceCodes: ['1.001193', '9.999996'], eventCode: 'cli-event' },
        ],
      }),
    );
    const { status, stderr } = await run(file);
    expect(status).toBe(1);
    expect(stderr).toContain(`${file}: nothing was written.`);
    expect(stderr).toContain('bundles row 1 (9.007003): names services the catalog does not have: 9.999996');
    expect((await lookUp('cli-event', '9.007003')).codes).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });
});
