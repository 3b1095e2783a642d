import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, localSubgraphUrls } from '@motcua/config';
import { createGatewayApp } from '../src/index.ts';
import { type StubbedGateway, startStubbedGateway } from './support/stubbed-gateway.ts';

// A portal's operations, written into a manifest by the script a build would run, and a gateway that runs only
// them.
const CLI = fileURLToPath(new URL('../src/trusted-documents-cli.ts', import.meta.url));
const FIELDS = 'query Fields {\n  serviceFields { code }\n}\n';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const folder = mkdtempSync(join(tmpdir(), 'motcua-trusted-'));
const manifestFile = join(folder, 'manifest.json');
let gateway: StubbedGateway;

beforeAll(async () => {
  writeFileSync(join(folder, 'fields.graphql'), FIELDS);
  await promisify(execFile)(process.execPath, [CLI, manifestFile, join(folder, 'fields.graphql')]);
  gateway = await startStubbedGateway(
    { serviceFields: [{ code: 'tu-phap' }] },
    { TRUSTED_DOCUMENTS: manifestFile },
  );
});

afterAll(async () => {
  await gateway.stop();
  rmSync(folder, { recursive: true });
});

type Body = { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };

async function post(body: unknown) {
  gateway.subgraphCalls.count = 0;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

const persistedQuery = (query: string) => ({ version: 1, sha256Hash: sha256(query) });

describe('trusted documents mode', () => {
  it("writes Apollo's persisted query manifest from .graphql files", () => {
    expect(JSON.parse(readFileSync(manifestFile, 'utf8'))).toEqual({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: sha256(FIELDS), name: 'Fields', type: 'query', body: FIELDS }],
    });
  });

  it('runs a registered operation sent in full', async () => {
    const { status, body } = await post({ query: FIELDS });
    expect(status).toBe(200);
    expect(body.data).toEqual({ serviceFields: [{ code: 'tu-phap' }] });
  });

  it('runs a registered operation sent as its hash alone', async () => {
    const { status, body } = await post({ extensions: { persistedQuery: persistedQuery(FIELDS) } });
    expect(status).toBe(200);
    expect(body.data).toEqual({ serviceFields: [{ code: 'tu-phap' }] });
  });

  it('refuses any other operation before calling any subgraph', async () => {
    const { status, body } = await post({ query: '{ serviceFields { code name } }' });
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions.code).toBe('OPERATION_NOT_TRUSTED');
    expect(gateway.subgraphCalls.count).toBe(0);
  });

  it('tells an unregistered operation nothing about the schema, not even that a field does not exist', async () => {
    const { status, body } = await post({ query: '{ apiKeys { id secretHash } }' });
    expect(status).toBe(403);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions.code).toBe('OPERATION_NOT_TRUSTED');
    expect(JSON.stringify(body)).not.toContain('secretHash');
  });

  it('lets no request register an operation through automatic persisted queries', async () => {
    const query = '{ serviceFields { name } }';
    const registering = await post({ query, extensions: { persistedQuery: persistedQuery(query) } });
    expect(registering.body.errors?.[0]?.extensions.code).toBe('OPERATION_NOT_TRUSTED');
    const byHash = await post({ extensions: { persistedQuery: persistedQuery(query) } });
    expect(byHash.body.errors?.[0]?.extensions.code).toBe('OPERATION_NOT_TRUSTED');
    expect(gateway.subgraphCalls.count).toBe(0);
  });

  it('does not start on a manifest whose ids are not the hashes of their bodies', async () => {
    const tampered = join(folder, 'tampered.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    manifest.operations[0].body = '{ serviceFields { code name } }';
    writeFileSync(tampered, JSON.stringify(manifest));
    await expect(
      createGatewayApp(loadConfig({ TRUSTED_DOCUMENTS: tampered }), {
        subgraphUrls: localSubgraphUrls(gateway.origin),
      }),
    ).rejects.toThrow(ConfigError);
  });
});
