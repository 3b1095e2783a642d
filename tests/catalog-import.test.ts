import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GraphQLClient, gql } from 'graphql-request';
import { refusal } from './support/refusal.ts';
import { startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;
let officer: GraphQLClient;

beforeAll(async () => {
  graph = await startTestHub();
  officer = await graph.as('DATA_OFFICER');
});

afterAll(async () => {
  await graph?.stop();
});

type Input = Record<string, unknown> & { code: string };

/** A service of the example catalog in the import format, exactly as the seed wrote it. */
function seeded(code: string): Input {
  const catalog = JSON.parse(
    readFileSync(new URL('../subgraphs/services/src/seed/hanoi-catalog.json', import.meta.url), 'utf8'),
  ) as { services: (Input & { illustrative?: string[] })[] };
  const { illustrative, ...service } = catalog.services.find((candidate) => candidate.code === code) ?? {
    code,
  };
  return { ...service, illustrativeAttributes: illustrative ?? [] };
}

const NEW_SERVICE: Input = {
  code: '9.000001',
  nameVi: 'Thủ tục thử nghiệm nhập danh mục',
  nameEn: 'Catalog import trial procedure',
  fieldCode: 'ho-tich',
  competentAgencyCode: 'UBND-00004',
  levels: ['COMMUNE'],
  onlineLevel: 'PARTIAL',
  audiences: ['CITIZEN'],
  fees: [{ amountVnd: 10_000, condition: 'Mỗi bản' }],
};

const UPSERT = gql`
  mutation ($services: [ServiceInput!]!) {
    upsertServices(services: $services) { created updated unchanged services { code name updatedAt } }
  }
`;

type UpsertResult = {
  upsertServices: {
    created: number;
    updated: number;
    unchanged: number;
    services: { code: string; updatedAt: string }[];
  } | null;
};

const updatedAtOf = async (code: string) =>
  (
    await graph.client.request<{ service: { updatedAt: string; nameEn: string } }>(
      gql`query ($code: String) { service(code: $code) { updatedAt nameEn: name(language: EN) } }`,
      { code },
    )
  ).service;

const exists = async (code: string) => {
  const { errors } = await graph.client.rawRequest(
    gql`query ($code: String) { service(code: $code) { code } }`,
    { code },
  );
  return !errors;
};

describe('catalog import through the gateway', () => {
  it('refuses a caller without the data-officer role, and writes nothing', async () => {
    const { data, errors } = await graph.client.rawRequest<UpsertResult>(UPSERT, { services: [NEW_SERVICE] });
    expect(data?.upsertServices ?? null).toBeNull();
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(errors?.[0]?.message).toMatch(/Only DATA_OFFICER callers may use Mutation.upsertServices/);
    expect(await exists(NEW_SERVICE.code)).toBe(false);
  });

  it('rejects the whole batch when one row is bad, naming each bad row and why', async () => {
    const { errors } = await officer
      .rawRequest<UpsertResult>(UPSERT, {
        services: [
          NEW_SERVICE,
          { ...NEW_SERVICE, code: '9.000002', fieldCode: 'khong-co' },
          { ...NEW_SERVICE, code: '9-2', fees: [{ amountVnd: -5 }], levels: [] },
          { ...NEW_SERVICE, nameVi: 'Trùng mã' },
        ],
      })
      .catch(refusal);
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/^3 of 4 rows are invalid, so nothing was written/);
    expect(errors?.[0]?.extensions?.rows).toEqual([
      { row: 2, code: '9.000002', reasons: ['fieldCode khong-co is not a known field'] },
      {
        row: 3,
        code: '9-2',
        reasons: [
          'code must be a national procedure code such as 1.001193',
          'levels must name at least one level',
          'fees.0.amountVnd must not be negative',
        ],
      },
      { row: 4, code: '9.000001', reasons: ['code 9.000001 already appears in row 1'] },
    ]);
    expect(await exists(NEW_SERVICE.code)).toBe(false);
  });

  it('creates, updates only what changed, and a replay changes nothing', async () => {
    const unchanged = seeded('1.000894');
    const changed = { ...seeded('1.001193'), nameEn: 'Birth registration (updated)' };
    const before = { unchanged: await updatedAtOf(unchanged.code), changed: await updatedAtOf(changed.code) };

    const first = await officer.request<UpsertResult>(UPSERT, {
      services: [NEW_SERVICE, changed, unchanged],
    });
    expect(first.upsertServices).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    expect(first.upsertServices?.services.map((service) => service.code)).toEqual([
      '9.000001',
      '1.001193',
      '1.000894',
    ]);
    const afterFirst = {
      unchanged: await updatedAtOf(unchanged.code),
      changed: await updatedAtOf(changed.code),
    };
    expect(afterFirst.unchanged.updatedAt).toBe(before.unchanged.updatedAt);
    expect(afterFirst.changed.updatedAt > before.changed.updatedAt).toBe(true);
    expect(afterFirst.changed.nameEn).toBe('Birth registration (updated)');

    const replay = await officer.request<UpsertResult>(UPSERT, {
      services: [NEW_SERVICE, changed, unchanged],
    });
    expect(replay.upsertServices).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect((await updatedAtOf(changed.code)).updatedAt).toBe(afterFirst.changed.updatedAt);
    expect((await updatedAtOf(NEW_SERVICE.code)).updatedAt).toBe(
      first.upsertServices?.services[0]?.updatedAt,
    );
  });
});

describe('catalog import from the command line', () => {
  const folder = mkdtempSync(join(tmpdir(), 'motcua-import-'));
  const cli = new URL('../subgraphs/services/src/cli/import-services.ts', import.meta.url).pathname;
  // Asynchronous, so the hub in this process keeps serving while the command runs.
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

  const CSV_HEADER =
    'code,nameVi,fieldCode,competentAgencyCode,levels,onlineLevel,audiences,fees,processingDays';

  it('imports a CSV file, and importing it again changes nothing', async () => {
    const file = join(folder, 'services.csv');
    writeFileSync(
      file,
      [
        CSV_HEADER,
        '9.000101,Thủ tục thử nghiệm CSV một,chung-thuc,UBND-00070,COMMUNE,FULL,CITIZEN,"[{""amountVnd"":2000,""condition"":""Mỗi trang""}]",0',
        '9.000102,"Thủ tục thử nghiệm CSV hai, có dấu phẩy",chung-thuc,UBND-00070,COMMUNE;PROVINCE,PARTIAL,CITIZEN;BUSINESS,,1',
      ].join('\n'),
    );
    const first = await run(file);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe(`${file}: 2 created, 0 updated, 0 unchanged`);
    expect((await run(file)).stdout.trim()).toBe(`${file}: 0 created, 0 updated, 2 unchanged`);
  });

  it('imports a JSON file and reports bad rows by number without writing anything', async () => {
    const file = join(folder, 'services.json');
    writeFileSync(
      file,
      JSON.stringify([
        { ...NEW_SERVICE, code: '9.000201' },
        { ...NEW_SERVICE, code: '9.000202', onlineLevel: 'SOMETIMES' },
      ]),
    );
    const run1 = await run(file);
    expect(run1.status).toBe(1);
    expect(run1.stderr).toContain(`${file}: nothing was written.`);
    expect(run1.stderr).toMatch(/row 2 \(9\.000202\): onlineLevel .*"INFORMATION"/);
    expect(await exists('9.000201')).toBe(false);
  });
});
