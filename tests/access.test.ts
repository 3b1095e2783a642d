import { execFile } from 'node:child_process';
import { createHash, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_KEYS } from '@motcua/access';
import { createGatewayApp, type GatewayApp, signStaffToken } from '@motcua/gateway';
import { signIdentity, signPeerIdentity } from '@motcua/identity';
import { listen } from '@motcua/lifecycle';
import { ANONYMOUS } from '@motcua/roles';
import { testConfig } from '@motcua/testkit';
import express from 'express';
import { parse } from 'graphql';
import { GraphQLClient, gql } from 'graphql-request';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { refusal } from './support/refusal.ts';
import { credentials, headersOf, type Persona, startTestHub, type TestHub } from './support/test-hub.ts';

let graph: TestHub;
let clients: Record<Persona, GraphQLClient>;
const PERSONAS = ['PUBLIC', 'PARTNER', 'ANALYST', 'EDITOR', 'DATA_OFFICER', 'ADMIN'] as const;

beforeAll(async () => {
  graph = await startTestHub();
  clients = Object.fromEntries(
    await Promise.all(
      [...PERSONAS, 'PARTNER_WITHOUT_EMBARGO' as const].map(async (persona) => [
        persona,
        await graph.as(persona),
      ]),
    ),
  );
});

afterAll(async () => {
  await graph?.stop();
});

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const ARTICLE = `{ slug: "", headline: "x", bodyHtml: "x", language: VI, kind: NEWS, copyrightHolder: "x", licence: "MOTCUA-PRESS" }`;
const CAMPAIGN = `{ name: "", objective: "x", audiences: [ELDERLY], startsOn: "2026-01-01", endsOn: "2026-02-01", channels: [PRESS] }`;

/**
 * Every protected field of the graph, who may use it (written out here, not read from the policy table), and the
 * answer an allowed caller gets to a harmless request (bad input or an unknown id, so nothing is written).
 */
const PROTECTED: { field: string; document: string; allowed: Persona[]; allowedCode?: string }[] = [
  {
    field: 'Query.usageSeriesCsv',
    document: `{ viewer { role } usageSeriesCsv(granularity: YEAR, from: "2025-01", to: "2025-12") }`,
    allowed: ['ANALYST', 'DATA_OFFICER'],
  },
  {
    field: 'Query.usageBreakdownCsv',
    document: `{ viewer { role } usageBreakdownCsv(by: CHANNEL, from: "2025-01", to: "2025-12") }`,
    allowed: ['ANALYST', 'DATA_OFFICER'],
  },
  {
    field: 'Query.usageCube',
    document: `{ viewer { role } usageCube(dimensions: [CHANNEL], from: "2025-01", to: "2025-12") { pageInfo { hasNextPage } } }`,
    allowed: ['ANALYST', 'DATA_OFFICER'],
  },
  {
    field: 'Query.dossierFigureRevisions',
    document: `{ viewer { role } dossierFigureRevisions(serviceCode: "1.001193", unitCode: "00004", month: "2025-07", channel: ONLINE) { batchId } }`,
    allowed: ['ANALYST', 'DATA_OFFICER'],
  },
  {
    field: 'Query.mediaPartners',
    document: '{ viewer { role } mediaPartners { code } }',
    allowed: ['EDITOR', 'ADMIN'],
  },
  {
    field: 'Campaign.partners',
    document: '{ viewer { role } campaigns { nodes { name partners { code } } } }',
    allowed: ['EDITOR', 'ADMIN'],
  },
  {
    field: 'Query.partnerFeed',
    document: '{ viewer { role } partnerFeed(first: 1) { cursor } }',
    allowed: ['PARTNER'],
  },
  {
    field: 'Query.articles(filter: { statuses })',
    document: '{ viewer { role } articles(filter: { statuses: [DRAFT] }) { totalCount } }',
    allowed: ['EDITOR'],
  },
  {
    field: 'Query.apiKeys',
    document: '{ viewer { role } apiKeys { id } }',
    allowed: ['ADMIN'],
  },
  {
    field: 'Mutation.importDossierFigures',
    document: 'mutation { importDossierFigures(source: "motcua-illustrative", rows: []) { batchId } }',
    allowed: ['DATA_OFFICER'],
    allowedCode: 'BAD_USER_INPUT',
  },
  {
    field: 'Mutation.importServiceIndexInputs',
    document: 'mutation { importServiceIndexInputs(source: "motcua-illustrative", rows: []) { batchId } }',
    allowed: ['DATA_OFFICER'],
    allowedCode: 'BAD_USER_INPUT',
  },
  {
    field: 'Mutation.importSatisfactionSurveys',
    document: 'mutation { importSatisfactionSurveys(source: "motcua-illustrative", rows: []) { batchId } }',
    allowed: ['DATA_OFFICER'],
    allowedCode: 'BAD_USER_INPUT',
  },
  {
    field: 'Mutation.importIndicatorValues',
    document: 'mutation { importIndicatorValues(source: "motcua-illustrative", rows: []) { batchId } }',
    allowed: ['DATA_OFFICER'],
    allowedCode: 'BAD_USER_INPUT',
  },
  {
    field: 'Query.datasetRevisions',
    document: `{ viewer { role } datasetRevisions(dataset: SERVICE_INDEX_INPUTS, key: { unitCode: "00004" }) { batchId } }`,
    allowed: ['ANALYST', 'DATA_OFFICER'],
  },
  {
    field: 'Mutation.upsertServices',
    document: 'mutation { upsertServices(services: []) { created } }',
    allowed: ['DATA_OFFICER'],
    allowedCode: 'BAD_USER_INPUT',
  },
  {
    field: 'Mutation.replaceSearchSynonyms',
    document: 'mutation { replaceSearchSynonyms(synonyms: []) { added } }',
    allowed: ['DATA_OFFICER'],
    allowedCode: 'BAD_USER_INPUT',
  },
  {
    field: 'Mutation.importEventsAndBundles',
    document: 'mutation { importEventsAndBundles(events: []) { events { created } } }',
    allowed: ['DATA_OFFICER'],
    allowedCode: 'BAD_USER_INPUT',
  },
  {
    field: 'Mutation.createArticle',
    document: `mutation { createArticle(input: ${ARTICLE}) { id } }`,
    allowed: ['EDITOR'],
    allowedCode: 'BAD_USER_INPUT',
  },
  {
    field: 'Mutation.updateArticle',
    document: `mutation { updateArticle(id: "${NO_SUCH_ID}", version: 1, input: ${ARTICLE.replace('slug: ""', 'slug: "x"')}) { id } }`,
    allowed: ['EDITOR'],
    allowedCode: 'NOT_FOUND',
  },
  {
    field: 'Mutation.publishArticle',
    document: `mutation { publishArticle(id: "${NO_SUCH_ID}", version: 1) { id } }`,
    allowed: ['EDITOR'],
    allowedCode: 'NOT_FOUND',
  },
  {
    field: 'Mutation.withdrawArticle',
    document: `mutation { withdrawArticle(id: "${NO_SUCH_ID}", version: 1, reason: "x") { id } }`,
    allowed: ['EDITOR'],
    allowedCode: 'NOT_FOUND',
  },
  {
    field: 'Mutation.createCampaign',
    document: `mutation { createCampaign(input: ${CAMPAIGN}) { id } }`,
    allowed: ['EDITOR'],
    allowedCode: 'BAD_USER_INPUT',
  },
  {
    field: 'Mutation.updateCampaign',
    document: `mutation { updateCampaign(id: "${NO_SUCH_ID}", version: 1, input: ${CAMPAIGN.replace('name: ""', 'name: "x"')}) { id } }`,
    allowed: ['EDITOR'],
    allowedCode: 'NOT_FOUND',
  },
  {
    field: 'Mutation.createApiKey',
    document: 'mutation { createApiKey(input: { owner: "", role: ANALYST }) { secret } }',
    allowed: ['ADMIN'],
    allowedCode: 'BAD_USER_INPUT',
  },
  {
    field: 'Query.webhookEndpoints',
    document: '{ viewer { role } webhookEndpoints { id } }',
    allowed: ['PARTNER', 'EDITOR'],
  },
  {
    field: 'Query.webhookDeliveries',
    document: `{ viewer { role } webhookDeliveries(endpointId: "${NO_SUCH_ID}") { totalCount } }`,
    allowed: ['PARTNER', 'EDITOR'],
    allowedCode: 'NOT_FOUND',
  },
  {
    field: 'Mutation.registerWebhookEndpoint',
    document: 'mutation { registerWebhookEndpoint(input: { url: "ftp://example.org" }) { secret } }',
    allowed: ['PARTNER', 'EDITOR'],
    allowedCode: 'BAD_USER_INPUT',
  },
  ...['verifyWebhookEndpoint', 'disableWebhookEndpoint', 'rotateWebhookSecret'].map((name) => ({
    field: `Mutation.${name}`,
    document: `mutation { ${name}(id: "${NO_SUCH_ID}") { __typename } }`,
    allowed: ['PARTNER', 'EDITOR'] as Persona[],
    allowedCode: 'NOT_FOUND',
  })),
  {
    field: 'Mutation.replayWebhookDeliveries',
    document: `mutation { replayWebhookDeliveries(endpointId: "${NO_SUCH_ID}", deliveryIds: ["1"]) { queued } }`,
    allowed: ['PARTNER', 'EDITOR'],
    allowedCode: 'NOT_FOUND',
  },
  {
    field: 'Mutation.revokeApiKey',
    document: 'mutation { revokeApiKey(id: "no-such-key") { id } }',
    allowed: ['ADMIN'],
    allowedCode: 'NOT_FOUND',
  },
];

describe('every role on every protected field', () => {
  it.each(PROTECTED)(
    '$field: allowed to $allowed, FORBIDDEN to the others',
    async ({ document, allowed, allowedCode }) => {
      for (const persona of PERSONAS) {
        const { data, errors } = await clients[persona]
          .rawRequest<Record<string, unknown>>(document)
          .catch(refusal);
        const codes = (errors ?? []).map((error) => error.extensions?.code);
        if (allowed.includes(persona)) {
          expect({ persona, codes }).toEqual({ persona, codes: allowedCode ? [allowedCode] : [] });
        } else {
          expect({ persona, codes }).toEqual({ persona, codes: ['FORBIDDEN'] });
        }
        // Queries ask `viewer` beside the protected field: it answers whatever happens to the other one.
        if (document.startsWith('{')) expect(data?.viewer).toEqual({ role: persona });
      }
    },
  );

  it('covers every field that a schema protects with @allow', () => {
    const declared = ['services', 'statistics', 'news', 'access'].flatMap((name) => {
      const sdl = readFileSync(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8');
      return parse(sdl).definitions.flatMap((definition) =>
        'fields' in definition && 'name' in definition && definition.name
          ? (definition.fields ?? [])
              .filter((field) => field.directives?.some((directive) => directive.name.value === 'allow'))
              .map((field) => `${definition.name?.value}.${field.name.value}`)
          : [],
      );
    });
    expect(declared.length).toBeGreaterThan(0);
    expect(PROTECTED.map((entry) => entry.field)).toEqual(expect.arrayContaining(declared));
  });

  it('refuses a field, not the query: the rest of the answer is there, with the error at its path', async () => {
    const { data, errors } = await clients.PARTNER.rawRequest<{
      campaigns: { nodes: { name: string; partners: null }[] };
    }>(gql`{ campaigns { nodes { name partners { code } } } }`);
    expect(data.campaigns.nodes[0]?.name).toMatch(/Người cao tuổi/);
    expect(data.campaigns.nodes[0]?.partners).toBeNull();
    expect(errors?.[0]).toMatchObject({
      path: ['campaigns', 'nodes', 0, 'partners'],
      extensions: { code: 'FORBIDDEN', scope: 'news:partners' },
    });
    expect(errors?.[0]?.message).toBe(
      'Only EDITOR or ADMIN callers may use Campaign.partners (scope news:partners); you are PARTNER',
    );
  });

  it('shows drafts to editors only, and embargoed news to editors and partners with embargo rights', async () => {
    const editor = clients.EDITOR;
    const created = await editor.rawRequest<{ createArticle: { id: string; version: number } }>(
      gql`mutation { createArticle(input: { slug: "tin-cam-dang-quyen", headline: "Tin cấm đăng", bodyHtml: "<p>x</p>", language: VI, kind: NEWS, copyrightHolder: "Thành phố Hà Nội", licence: "MOTCUA-PRESS" }) { id version } }`,
    );
    const { id, version } = created.data.createArticle;
    const seen = async () =>
      Object.fromEntries(
        await Promise.all(
          [...PERSONAS, 'PARTNER_WITHOUT_EMBARGO' as const].map(async (persona) => {
            const { data } = await clients[persona].rawRequest<{ article: { id: string } | null }>(
              gql`{ article(slug: "tin-cam-dang-quyen") { id } }`,
            );
            return [persona, Boolean(data?.article)];
          }),
        ),
      );
    expect(await seen()).toEqual({
      PUBLIC: false,
      PARTNER: false,
      PARTNER_WITHOUT_EMBARGO: false,
      ANALYST: false,
      EDITOR: true,
      DATA_OFFICER: false,
      ADMIN: false,
    });
    const embargoUntil = new Date(Date.now() + 3_600_000).toISOString();
    const published = await editor.rawRequest(
      gql`mutation ($id: ID!, $version: Int!, $embargoUntil: DateTime) { publishArticle(id: $id, version: $version, embargoUntil: $embargoUntil) { id } }`,
      { id, version, embargoUntil },
    );
    expect(published.errors).toBeUndefined();
    expect(await seen()).toEqual({
      PUBLIC: false,
      PARTNER: true,
      PARTNER_WITHOUT_EMBARGO: false,
      ANALYST: false,
      EDITOR: true,
      DATA_OFFICER: false,
      ADMIN: false,
    });
  });

  it('ignores the old self-declared role headers', async () => {
    const pretender = new GraphQLClient(graph.hub.url, {
      errorPolicy: 'all',
      headers: { 'x-motcua-role': 'editor', 'x-motcua-partner': 'hanoimoi' },
    });
    const { data } = await pretender.rawRequest<{ viewer: { role: string } }>(gql`{ viewer { role } }`);
    expect(data.viewer.role).toBe('PUBLIC');
  });
});

const VIEWER = gql`{ viewer { role subject scopes partnerCode apiKeyId } }`;

async function asRaw(headers: Record<string, string>, query = VIEWER) {
  const response = await fetch(graph.hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions: { code: string } }[];
    },
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('credentials', () => {
  it('says who the caller is for keys and tokens', async () => {
    expect((await clients.PARTNER.rawRequest(VIEWER)).data).toEqual({
      viewer: {
        role: 'PARTNER',
        subject: 'Báo Hà Nội Mới (demo)',
        scopes: ['news:feed', 'news:embargoed'],
        partnerCode: 'hanoimoi',
        apiKeyId: 'demo-partner',
      },
    });
    expect((await clients.EDITOR.rawRequest(VIEWER)).data).toEqual({
      viewer: {
        role: 'EDITOR',
        subject: 'test-editor',
        scopes: ['news:drafts', 'news:embargoed', 'news:write', 'news:partners'],
        partnerCode: null,
        apiKeyId: null,
      },
    });
  });

  it.each([
    [
      'a token signed with another secret',
      async () =>
        signStaffToken(
          { ...credentials.jwt, secret: 'x'.repeat(40) },
          { role: 'EDITOR', subject: 'mallory' },
        ),
      /not valid \(bad signature or format\)/,
    ],
    [
      'an expired token',
      async () =>
        new SignJWT({ role: 'EDITOR' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(credentials.jwt.issuer)
          .setAudience(credentials.jwt.audience)
          .setSubject('late')
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
          .sign(new TextEncoder().encode(credentials.jwt.secret)),
      /has expired/,
    ],
    [
      'a token for another audience',
      async () =>
        signStaffToken({ ...credentials.jwt, audience: 'another-app' }, { role: 'EDITOR', subject: 'x' }),
      /claim aud/,
    ],
    [
      'a token from another issuer',
      async () =>
        signStaffToken({ ...credentials.jwt, issuer: 'someone-else' }, { role: 'EDITOR', subject: 'x' }),
      /claim iss/,
    ],
    [
      'a token claiming a partner role',
      async () => signStaffToken(credentials.jwt, { role: 'PARTNER', subject: 'x' }),
      /role must be one of EDITOR, DATA_OFFICER, ADMIN/,
    ],
    [
      'a token valid for ten years',
      async () => signStaffToken(credentials.jwt, { role: 'ADMIN', subject: 'forever', expiresIn: '3650d' }),
      /lives longer than 24 h/,
    ],
    [
      'a token with alg none',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ role: 'ADMIN', sub: 'x', aud: credentials.jwt.audience, iss: credentials.jwt.issuer, exp: 9999999999 })).toString('base64url')}.`,
      /not valid/,
    ],
  ])('refuses %s with 401 UNAUTHENTICATED, calling no subgraph', async (_, token, message) => {
    graph.sql.news.reset();
    const { status, body } = await asRaw(bearer(await token()), gql`{ articles { totalCount } }`);
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(graph.sql.news.count).toBe(0);
  });

  it.each([
    [
      'an unknown key',
      { 'x-api-key': 'mc_nosuchkey_aaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
      'The API key is not valid',
    ],
    [
      'a known id with a wrong secret',
      { 'x-api-key': 'mc_demo-admin_guessed-secret-xxxxxxxx' },
      'The API key is not valid',
    ],
    [
      'a malformed Authorization header',
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      'Authorization must be "Bearer <token>"',
    ],
    ['an empty key header', { 'x-api-key': ' ' }, 'The credential header is empty'],
  ])('refuses %s with 401', async (_, headers, message) => {
    const { status, body } = await asRaw(headers);
    expect(status).toBe(401);
    expect(body.errors?.[0]).toMatchObject({ message, extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('narrows a token to the scopes it names', async () => {
    const token = await signStaffToken(credentials.jwt, {
      role: 'EDITOR',
      subject: 'proofreader',
      scope: 'news:drafts',
    });
    const { body } = await asRaw(bearer(token), `mutation { createCampaign(input: ${CAMPAIGN}) { id } }`);
    expect(body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe("tokens signed by an identity provider's private key (JWT_PUBLIC_KEY)", () => {
  let idp: Awaited<ReturnType<typeof generateKeyPair>>;
  let publicKeyPem: string;
  let url: string;

  beforeAll(async () => {
    idp = await generateKeyPair('ES256');
    publicKeyPem = await exportSPKI(idp.publicKey);
    ({ url } = await gatewayWith({
      env: {
        JWT_PUBLIC_KEY: publicKeyPem,
        JWT_ISSUER: 'https://sso.hanoi.gov.vn',
        JWT_AUDIENCE: 'motcua-graph',
      },
    }));
  });

  const token = (key: Parameters<SignJWT['sign']>[0], alg: string) =>
    new SignJWT({ role: 'EDITOR' })
      .setProtectedHeader({ alg })
      .setIssuer('https://sso.hanoi.gov.vn')
      .setAudience('motcua-graph')
      .setSubject('bien-tap-vien@hanoi.gov.vn')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  const viewerWith = async (jwt: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
      body: JSON.stringify({ query: '{ viewer { role subject } }' }),
    });
    return { status: response.status, body: await response.json() };
  };

  it("accepts the provider's tokens", async () => {
    expect(await viewerWith(await token(idp.privateKey, 'ES256'))).toMatchObject({
      status: 200,
      body: { data: { viewer: { role: 'EDITOR', subject: 'bien-tap-vien@hanoi.gov.vn' } } },
    });
  });

  it('refuses a token signed by another key, and one that uses the public key as an HMAC secret', async () => {
    const other = await generateKeyPair('ES256');
    expect((await viewerWith(await token(other.privateKey, 'ES256'))).status).toBe(401);
    const confused = await token(new TextEncoder().encode(publicKeyPem), 'HS256');
    expect(await viewerWith(confused)).toMatchObject({
      status: 401,
      body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] },
    });
  });
});

describe("tokens from an identity provider's key set (JWT_JWKS_URL), roles in a nested claim", () => {
  let jwks: Server;
  let url: string;
  let signingKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    const published = { ...(await exportJWK(pair.publicKey)), kid: 'sso-2026', alg: 'RS256', use: 'sig' };
    jwks = await new Promise<Server>((resolve) => {
      const app = express().get('/certs', (_req, res) => {
        res.json({ keys: [published] });
      });
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    ({ url } = await gatewayWith({
      env: {
        JWT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/certs`,
        JWT_ISSUER: 'https://sso.hanoi.gov.vn/realms/motcua',
        JWT_AUDIENCE: 'motcua-graph',
        JWT_ROLE_CLAIM: 'realm_access.roles',
      },
    }));
  });

  afterAll(() => {
    jwks?.close();
  });

  const tokenWithRoles = (roles: string[]) =>
    new SignJWT({ realm_access: { roles } })
      .setProtectedHeader({ alg: 'RS256', kid: 'sso-2026' })
      .setIssuer('https://sso.hanoi.gov.vn/realms/motcua')
      .setAudience('motcua-graph')
      .setSubject('can-bo@hanoi.gov.vn')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signingKey);

  it('gives a person holding several staff roles the scopes of all of them', async () => {
    const { status, body } = await postTo(
      url,
      '{ viewer { role scopes } }',
      bearer(await tokenWithRoles(['offline_access', 'editor', 'data-officer'])),
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({
      viewer: {
        role: 'EDITOR',
        scopes: [
          'news:drafts',
          'news:embargoed',
          'news:write',
          'news:partners',
          'statistics:import',
          'statistics:export',
          'services:write',
        ],
      },
    });
  });

  it("narrows by the hub's scopes a token names, in scope or scp, and ignores the provider's own", async () => {
    const withClaims = (claims: Record<string, unknown>) =>
      new SignJWT({ realm_access: { roles: ['editor'] }, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'sso-2026' })
        .setIssuer('https://sso.hanoi.gov.vn/realms/motcua')
        .setAudience('motcua-graph')
        .setSubject('can-bo@hanoi.gov.vn')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(signingKey);
    const scopes = async (claims: Record<string, unknown>) =>
      (
        (await postTo(url, '{ viewer { scopes } }', bearer(await withClaims(claims)))).body.data as {
          viewer: { scopes: string[] };
        }
      ).viewer.scopes;
    const all = ['news:drafts', 'news:embargoed', 'news:write', 'news:partners'];
    expect(await scopes({ scope: 'openid profile email' })).toEqual(all);
    expect(await scopes({ scope: 'openid news:drafts' })).toEqual(['news:drafts']);
    expect(await scopes({ scp: ['news:drafts', 'news:write'] })).toEqual(['news:drafts', 'news:write']);
    expect(await scopes({ scope: 'news:drafts statistics:import' })).toEqual(['news:drafts']);
  });

  it('answers 503, not "sign in again", while the key set cannot be fetched', async () => {
    const token = await tokenWithRoles(['editor']);
    // A port that was free a moment ago: nothing answers there.
    const closed = (await listen(express())).server;
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const offline = await gatewayWith({
      env: {
        JWT_JWKS_URL: `http://127.0.0.1:${port}/certs`,
        JWT_ISSUER: 'https://sso.hanoi.gov.vn/realms/motcua',
        JWT_AUDIENCE: 'motcua-graph',
        JWT_ROLE_CLAIM: 'realm_access.roles',
      },
    });
    const { status, body } = await postTo(offline.url, '{ viewer { role } }', bearer(token));
    expect(status).toBe(503);
    expect(body.errors?.[0]?.extensions.code).toBe('UNAVAILABLE');
  });

  it('refuses a token of the provider that names no staff role', async () => {
    const { status, body } = await postTo(
      url,
      '{ viewer { role } }',
      bearer(await tokenWithRoles(['offline_access'])),
    );
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/role must be one of EDITOR, DATA_OFFICER, ADMIN/);
  });
});

/** `pnpm keys …` on the test hub's database. */
const keysCli = (...args: string[]) =>
  promisify(execFile)(
    process.execPath,
    [new URL('../subgraphs/access/src/cli/keys.ts', import.meta.url).pathname, ...args],
    { env: { PATH: process.env.PATH ?? '', DATABASE_URL: graph.databaseUrl } },
  );

describe('API keys', () => {
  const CREATE = gql`mutation ($input: ApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id owner role scopes partnerCode createdBy revokedAt } } }`;
  type Created = {
    createApiKey: { secret: string; apiKey: { id: string; scopes: string[]; createdBy: string } };
  };

  it('issues a key shown once and stored only as a hash, lists it, and revokes it for the very next request', async () => {
    const { data, errors } = await clients.ADMIN.rawRequest<Created>(CREATE, {
      input: { owner: 'Viện Nghiên cứu (analyst)', role: 'ANALYST' },
    });
    expect(errors).toBeUndefined();
    const { secret, apiKey } = data.createApiKey;
    expect(secret).toMatch(new RegExp(`^mc_${apiKey.id}_[A-Za-z0-9_-]{43}$`));
    expect(apiKey).toMatchObject({ scopes: ['statistics:export'], createdBy: 'test-admin' });

    const db = new pg.Client({ connectionString: graph.databaseUrl });
    await db.connect();
    const stored = await db.query('select secret_hash from access.api_key where id = $1', [apiKey.id]);
    await db.end();
    expect(stored.rows[0].secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));

    const analyst = new GraphQLClient(graph.hub.url, {
      errorPolicy: 'all',
      headers: { 'x-api-key': secret },
    });
    const csv = gql`{ usageBreakdownCsv(by: CHANNEL, from: "2025-01", to: "2025-12") }`;
    expect((await analyst.rawRequest(csv)).errors).toBeUndefined();
    const listed = await clients.ADMIN.rawRequest<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>(
      gql`{ apiKeys { id lastUsedAt } }`,
    );
    expect(listed.data.apiKeys.find((key) => key.id === apiKey.id)?.lastUsedAt).not.toBeNull();

    const revoked = await clients.ADMIN.rawRequest<{ revokeApiKey: { revokedAt: string } }>(
      gql`mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
      { id: apiKey.id },
    );
    expect(revoked.data.revokeApiKey.revokedAt).toBeTruthy();
    const after = await asRaw({ 'x-api-key': secret }, csv);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.message).toBe(`The API key ${apiKey.id} was revoked`);
    const active = await clients.ADMIN.rawRequest<{ apiKeys: { id: string }[] }>(gql`{ apiKeys { id } }`);
    expect(active.data.apiKeys.map((key) => key.id)).not.toContain(apiKey.id);
  });

  it('narrows a key to fewer scopes, and refuses scopes its role does not hold', async () => {
    const narrow = await clients.ADMIN.rawRequest<Created>(CREATE, {
      input: { owner: 'Feed-only partner', role: 'PARTNER', partnerCode: 'hanoimoi', scopes: ['news:feed'] },
    });
    const partner = new GraphQLClient(graph.hub.url, {
      errorPolicy: 'all',
      headers: { 'x-api-key': narrow.data.createApiKey.secret },
    });
    const { data } = await partner.rawRequest<{ viewer: { scopes: string[] } }>(VIEWER);
    expect(data.viewer.scopes).toEqual(['news:feed']);

    const { errors } = await clients.ADMIN.rawRequest(CREATE, {
      input: { owner: 'Greedy', role: 'ANALYST', scopes: ['news:write'], partnerCode: 'hanoimoi' },
    }).catch(refusal);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        'scopes news:write is not a scope of ANALYST (statistics:export)',
        'partnerCode is required for PARTNER keys only',
      ],
    });
  });

  it('issues no staff key through the graph: a key manager cannot give itself rights it does not hold', async () => {
    for (const role of ['EDITOR', 'DATA_OFFICER', 'ADMIN']) {
      const { errors } = await clients.ADMIN.rawRequest(CREATE, {
        input: { owner: 'Escalation', role, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      });
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(errors?.[0]?.message).toMatch(/issued on the command line by an operator/);
    }
  });

  it('issues staff keys for scripts on the command line, only with an expiry at most 90 days ahead', async () => {
    const staffKey = (...expires: string[]) =>
      keysCli('create', '--role', 'DATA_OFFICER', '--owner', 'Nightly import script', ...expires);
    const problem = /expiresAt is required for DATA_OFFICER keys, at most 90 days ahead/;
    await expect(staffKey()).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(problem) });
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
    await expect(staffKey('--expires', inAYear)).rejects.toMatchObject({
      stderr: expect.stringMatching(problem),
    });
    const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
    expect((await staffKey('--expires', inAMonth)).stdout).toMatch(/\(DATA_OFFICER: statistics:import/);
  });

  it('refuses a key after its expiry', async () => {
    const { data } = await clients.ADMIN.rawRequest<Created>(CREATE, {
      input: { owner: 'Short-lived', role: 'ANALYST', expiresAt: new Date(Date.now() + 1_500).toISOString() },
    });
    const headers = { 'x-api-key': data.createApiKey.secret };
    expect((await asRaw(headers)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const { status, body } = await asRaw(headers);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/^The API key [0-9a-f]+ expired at /);
    expect((await keysCli('list')).stdout).toMatch(
      new RegExp(`${data.createApiKey.apiKey.id}\tANALYST\tShort-lived\t-\tstatistics:export\texpired `),
    );
  });

  it('are managed from the command line too: create, list, revoke', async () => {
    const keys = keysCli;
    const created = await keys(
      'create',
      '--role',
      'PARTNER',
      '--owner',
      'Báo Tuổi Trẻ',
      '--partner',
      'tuoitre',
    );
    const [, id, secret] =
      /Key (\w+) for Báo Tuổi Trẻ \(PARTNER: news:feed news:embargoed\)\n {2}(mc_\S+)/.exec(created.stdout) ??
      [];
    expect(secret).toMatch(new RegExp(`^mc_${id}_`));
    const { data } = await new GraphQLClient(graph.hub.url, {
      errorPolicy: 'all',
      headers: { 'x-api-key': secret as string },
    }).rawRequest<{ viewer: { partnerCode: string } }>(VIEWER);
    expect(data.viewer.partnerCode).toBe('tuoitre');
    expect((await keys('list')).stdout).toContain(`${id}\tPARTNER\tBáo Tuổi Trẻ\ttuoitre`);
    expect((await keys('revoke', id as string)).stdout).toMatch(
      new RegExp(`^Key ${id} \\(Báo Tuổi Trẻ\\) revoked at `),
    );
    expect((await asRaw({ 'x-api-key': secret as string })).status).toBe(401);
    await expect(keys('create', '--role', 'PUBLIC', '--owner', 'x')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/role must be a role other than PUBLIC/),
    });
  });

  it('seeds one demo key per role', () => {
    expect(new Set(DEMO_KEYS.map((key) => key.role))).toEqual(
      new Set(['PARTNER', 'ANALYST', 'EDITOR', 'DATA_OFFICER', 'ADMIN']),
    );
  });
});

/** A second gateway in front of the test hub's subgraphs, configured otherwise; closed after the file. */
const extraGateways: { app: GatewayApp; server: Server }[] = [];
afterAll(async () => {
  for (const { app, server } of extraGateways) {
    await app.stop();
    server.close();
  }
});

/** Another gateway in front of the hub's subgraphs, configured as an operator would: `env` as environment variables. */
async function gatewayWith(
  overrides: { env?: Record<string, string>; urls?: Partial<TestHub['hub']['subgraphUrls']> } = {},
): Promise<{ url: string }> {
  const app = await createGatewayApp(testConfig(overrides.env), {
    subgraphUrls: { ...graph.hub.subgraphUrls, ...overrides.urls },
  });
  const server = (await listen(app.app)).server;
  extraGateways.push({ app, server });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

async function postTo(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions: Record<string, unknown> }[];
    },
  };
}

describe('when the access subgraph is down', () => {
  it('refuses key holders with 503 UNAVAILABLE and keeps serving anonymous callers and staff tokens', async () => {
    const { url } = await gatewayWith({ urls: { access: 'http://127.0.0.1:9/access/graphql' } });
    const query = '{ serviceFields { code } }';
    const withKey = await postTo(url, query, await headersOf('ANALYST'));
    expect(withKey.status).toBe(503);
    expect(withKey.body.errors?.[0]).toMatchObject({
      message: 'API keys cannot be checked right now (the access subgraph is unavailable); try again shortly',
      extensions: { code: 'UNAVAILABLE' },
    });
    expect((await postTo(url, query)).body.errors).toBeUndefined();
    expect((await postTo(url, query, await headersOf('EDITOR'))).body.errors).toBeUndefined();
  });
});

describe('subgraphs answer only the gateway', () => {
  const post = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it.each(['services', 'statistics', 'news', 'access'] as const)(
    '%s refuses a direct call, and a forged, expired, misdirected or overreaching identity',
    async (name) => {
      const url = graph.hub.subgraphUrls[name];
      const forged = await new SignJWT({ role: 'ADMIN', scopes: ['access:keys'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('motcua-gateway')
        .setAudience(`motcua-subgraph:${name}`)
        .setSubject('mallory')
        .setExpirationTime('1m')
        .sign(new TextEncoder().encode('not-the-gateway-secret-but-long-enough'));
      const expired = await new SignJWT({ role: 'ADMIN', scopes: ['access:keys'] })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer('motcua-gateway')
        .setAudience(`motcua-subgraph:${name}`)
        .setSubject('replayed')
        .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
        .sign(createPrivateKey(credentials.signingKey));
      // Signed with the secret the subgraphs share, as a call between them, but claiming an admin's rights.
      const peerClaimingAdmin = await new SignJWT({ role: 'ADMIN', scopes: ['access:keys'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('motcua-peer')
        .setAudience(`motcua-subgraph:${name}`)
        .setSubject('subgraph:statistics')
        .setExpirationTime('1m')
        .sign(new TextEncoder().encode(credentials.identity.peerSecret));
      // Genuine, but signed for another subgraph: captured on its way there, it opens nothing here.
      const elsewhere = name === 'news' ? 'access' : 'news';
      const misdirected = await signIdentity(
        { role: 'ADMIN', subject: 'admin', keyId: null, partnerCode: null, scopes: ['access:keys'] },
        credentials.signingKey,
        elsewhere,
      );
      for (const [headers, message] of [
        [{}, /has no x-motcua-identity header/],
        [{ 'x-motcua-identity': forged }, /is not signed by the gateway/],
        [{ 'x-motcua-identity': expired }, /has expired/],
        [{ 'x-motcua-identity': misdirected }, new RegExp(`is not for the ${name} subgraph`)],
        [{ 'x-motcua-identity': peerClaimingAdmin }, /claims rights a call between subgraphs never has/],
      ] as const) {
        const response = await post(url, headers);
        expect(response.status).toBe(401);
        const body = (await response.json()) as {
          errors: { message: string; extensions: { code: string } }[];
        };
        expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
        expect(body.errors[0]?.message).toMatch(message);
      }
    },
  );

  it('is told apart from a client error when the gateway itself is refused: UNAVAILABLE, no internal address', async () => {
    // A gateway whose signing key is not the one the subgraphs trust.
    const otherKey = (await generateKeyPair('EdDSA', { extractable: true })).privateKey;
    const misconfigured = await gatewayWith({ env: { GATEWAY_SIGNING_KEY: await exportPKCS8(otherKey) } });
    const { body } = await postTo(misconfigured.url, '{ serviceFields { code } }');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'UNAVAILABLE', serviceName: 'services' });
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
  });

  it('refuses direct calls to the plain routes too: key checks and campaign feeds', async () => {
    const base = graph.hub.subgraphUrls.access.replace(/\/graphql$/, '');
    const verify = await fetch(`${base}/keys/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: DEMO_KEYS[0].key }),
    });
    expect(verify.status).toBe(401);
    // Nor with an identity the gateway signed for a client of the access subgraph, replayed: only its key check.
    const replayed = await fetch(`${base}/keys/verify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-motcua-identity': await signIdentity(ANONYMOUS, credentials.signingKey, 'access'),
      },
      body: JSON.stringify({ key: DEMO_KEYS[0].key }),
    });
    expect(replayed.status).toBe(403);
    // Nor with a call between subgraphs: they hold the shared secret, not the gateway's key.
    const fromPeer = await fetch(`${base}/keys/verify`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-motcua-identity': await signPeerIdentity('statistics', credentials.identity.peerSecret, 'access'),
      },
      body: JSON.stringify({ key: DEMO_KEYS[0].key }),
    });
    expect(fromPeer.status).toBe(403);
    const news = graph.hub.subgraphUrls.news.replace(/\/graphql$/, '');
    expect((await fetch(`${news}/campaigns/${NO_SUCH_ID}/feed.atom`)).status).toBe(401);
  });
});
