import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../src/index.ts';

describe('loadConfig', () => {
  it('falls back to the embedded database under .data when DATABASE_URL is absent', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'embedded', dataDir: '.data' });
    expect(config.port).toBe(4000);
    expect(config.subgraphsPort).toBe(4001);
  });

  it('uses PostgreSQL when DATABASE_URL is a postgres URL', () => {
    const url = 'postgresql://motcua:secret@db.example:5432/motcua';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url });
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

  it('rejects a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT /);
  });
});

describe('subgraph URLs for a gateway deployed on its own', () => {
  it('reads them when given and refuses what is not an http(s) URL', () => {
    expect(loadConfig({ NEWS_URL: 'http://news.internal:4000/news/graphql' }).subgraphUrls).toEqual({
      news: 'http://news.internal:4000/news/graphql',
      services: undefined,
      statistics: undefined,
    });
    expect(() => loadConfig({ SERVICES_URL: 'ftp://x/graphql' })).toThrow(
      /^Invalid configuration: SERVICES_URL /,
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
