import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, gatewayCredentials, loadConfig } from '../src/index.ts';
import { DEVELOPMENT_SECRETS } from '../src/load-config.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const SIGNING_KEY = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_KEY = publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('loadConfig', () => {
  it('falls back to the embedded database under .data when DATABASE_URL is absent', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'embedded', dataDir: '.data' });
    expect(config.port).toBe(4000);
    expect(config.subgraphsPort).toBe(4001);
  });

  it('uses PostgreSQL when DATABASE_URL is a postgres URL', () => {
    const url = 'postgresql://motcua:secret@db.example:5432/motcua';
    // No read replica unless DATABASE_REPLICA_URLS names some (see Scaling out).
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({
      kind: 'postgres',
      url,
      replicaUrls: [],
      replicaMaxLagMs: 5000,
    });
  });

  it.each([['not a url'], ['mysql://root@localhost/test'], ['']])(
    'rejects DATABASE_URL=%j with one line that does not echo the value',
    (value) => {
      const attempt = () => loadConfig({ DATABASE_URL: value });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/^Invalid configuration: DATABASE_URL must look like postgres:\/\//);
      try {
        attempt();
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
        if (value) expect((error as Error).message).not.toContain(value);
      }
    },
  );

  it('requires DATABASE_URL in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL is required when NODE_ENV=production/,
    );
  });

  it('requires real keys in production, where the development ones would be public', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://motcua@db/motcua' };
    expect(() => loadConfig(production)).toThrow(
      /PEER_SECRET and GATEWAY_PUBLIC_KEY \(or, for the gateway, GATEWAY_SIGNING_KEY\) are required/,
    );
    const subgraph = loadConfig({
      ...production,
      PEER_SECRET: 'p'.repeat(32),
      GATEWAY_PUBLIC_KEY: PUBLIC_KEY,
    });
    expect(subgraph.identity).toEqual({
      signingKey: undefined,
      publicKey: PUBLIC_KEY,
      peerSecret: 'p'.repeat(32),
    });
    // A subgraph holds no key to sign callers with, nor to check staff tokens: it cannot act as the gateway.
    expect(() => gatewayCredentials(subgraph)).toThrow(/the gateway needs GATEWAY_SIGNING_KEY/);
    const gateway = loadConfig({
      ...production,
      PEER_SECRET: 'p'.repeat(32),
      GATEWAY_SIGNING_KEY: SIGNING_KEY,
      JWT_SECRET: 'j'.repeat(32),
    });
    expect(gateway.identity.publicKey).toBe(PUBLIC_KEY);
    expect(gatewayCredentials(gateway)).toEqual({
      signingKey: SIGNING_KEY,
      jwt: { secret: 'j'.repeat(32), issuer: 'motcua', audience: 'motcua-graph', roleClaim: 'role' },
    });
  });

  it('refuses the published development keys in production', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://motcua@db/motcua',
      GATEWAY_PUBLIC_KEY: PUBLIC_KEY,
    };
    for (const published of [
      { PEER_SECRET: DEVELOPMENT_SECRETS.peer },
      { PEER_SECRET: 'p'.repeat(32), GATEWAY_SIGNING_KEY: DEVELOPMENT_SECRETS.signingKey },
      { PEER_SECRET: 'p'.repeat(32), JWT_SECRET: DEVELOPMENT_SECRETS.jwt },
    ]) {
      expect(() => loadConfig({ ...production, ...published })).toThrow(/must not be the development ones/);
    }
  });

  it('refuses a secret short enough to guess, without echoing it', () => {
    expect(() => loadConfig({ PEER_SECRET: 'hunter2' })).toThrow(
      /^Invalid configuration: PEER_SECRET must be at least 32 characters$/,
    );
  });

  it('rejects a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT /);
  });
});

describe('subgraph URLs for a gateway deployed on its own', () => {
  it('reads them when given and refuses what is not an http(s) URL', () => {
    expect(loadConfig({ NEWS_URL: 'http://news.internal:4000/news/graphql' }).subgraphUrls).toEqual({
      news: 'http://news.internal:4000/news/graphql',
      services: 'http://127.0.0.1:4001/services/graphql',
      statistics: 'http://127.0.0.1:4001/statistics/graphql',
      access: 'http://127.0.0.1:4001/access/graphql',
    });
    expect(() => loadConfig({ SERVICES_URL: 'ftp://x/graphql' })).toThrow(
      /^Invalid configuration: SERVICES_URL /,
    );
  });
});

describe('gateway limits', () => {
  it('counts in memory, trusts no proxy and runs any operation by default', () => {
    expect(loadConfig({}).limits).toEqual({
      redisUrl: undefined,
      ratePerIp: undefined,
      trustProxyHops: 0,
      trustedDocuments: undefined,
    });
  });

  it('reads Redis, the per-IP allowance, proxies and the trusted documents manifest', () => {
    expect(
      loadConfig({
        REDIS_URL: 'redis://:secret@cache.internal:6379/2',
        RATE_LIMIT_PER_IP: '300',
        TRUST_PROXY_HOPS: '1',
        TRUSTED_DOCUMENTS: 'portal/manifest.json',
      }).limits,
    ).toEqual({
      redisUrl: 'redis://:secret@cache.internal:6379/2',
      ratePerIp: 300,
      trustProxyHops: 1,
      trustedDocuments: 'portal/manifest.json',
    });
  });

  it('refuses a REDIS_URL that is not a redis URL without echoing it', () => {
    let message = '';
    try {
      loadConfig({ REDIS_URL: 'http://user:secret@cache:6379' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: REDIS_URL must look like redis:\/\//);
    expect(message).not.toContain('secret');
  });

  it('refuses a per-IP allowance that is not a positive whole number', () => {
    expect(() => loadConfig({ RATE_LIMIT_PER_IP: '0' })).toThrow(
      /^Invalid configuration: RATE_LIMIT_PER_IP /,
    );
  });
});

describe('SHUTDOWN_TIMEOUT_MS', () => {
  it('lets requests in flight finish for 10 s by default, or as long as configured', () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(10_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '25000' }).shutdownTimeoutMs).toBe(25_000);
  });

  it('refuses a value that is not a whole number of milliseconds', () => {
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: '-1' })).toThrow(
      /^Invalid configuration: SHUTDOWN_TIMEOUT_MS /,
    );
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: '2.5' })).toThrow(
      /^Invalid configuration: SHUTDOWN_TIMEOUT_MS /,
    );
  });
});

describe('GRAPHQL_IDE', () => {
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://motcua@db/motcua',
    PEER_SECRET: 'p'.repeat(32),
    GATEWAY_SIGNING_KEY: SIGNING_KEY,
    JWT_SECRET: 'j'.repeat(32),
  };

  it('serves GraphiQL outside production, and in production only when turned on', () => {
    expect(loadConfig({}).ide).toBe(true);
    expect(loadConfig({ GRAPHQL_IDE: 'false' }).ide).toBe(false);
    expect(loadConfig(production).ide).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_IDE: 'true' }).ide).toBe(true);
  });

  it('refuses a value that is not true or false', () => {
    expect(() => loadConfig({ GRAPHQL_IDE: 'yes' })).toThrow(/^Invalid configuration: GRAPHQL_IDE /);
  });
});

describe('IMPORT_MAX_GRAPHQL_ROWS', () => {
  it('caps one importDossierFigures at 5,000 rows by default, or as configured', () => {
    expect(loadConfig({}).importMaxGraphqlRows).toBe(5_000);
    expect(loadConfig({ IMPORT_MAX_GRAPHQL_ROWS: '10000' }).importMaxGraphqlRows).toBe(10_000);
  });

  it('refuses a value that is not a positive whole number', () => {
    for (const value of ['0', '-1', '2.5', 'many']) {
      expect(() => loadConfig({ IMPORT_MAX_GRAPHQL_ROWS: value })).toThrow(/IMPORT_MAX_GRAPHQL_ROWS/);
    }
  });
});
