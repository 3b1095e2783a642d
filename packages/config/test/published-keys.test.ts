import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DEVELOPMENT_SECRETS, loadConfig } from '../src/load-config.ts';

// The published development keys are recognised as keys, however they are written (issue 12).
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://motcua@db/motcua',
  PEER_SECRET: 'p'.repeat(32),
  JWT_SECRET: 'j'.repeat(32),
};
const signing = DEVELOPMENT_SECRETS.signingKey;
const publicPem = createPublicKey(signing).export({ type: 'spki', format: 'pem' }).toString();
const spellings = (pem: string) => [
  ['as published', pem],
  ['without its trailing newline', pem.trimEnd()],
  ['with CRLF line ends', pem.replaceAll('\n', '\r\n')],
  ['with \\n escapes', pem.replaceAll('\n', '\\n')],
  ['with spaces around it', `  ${pem}  `],
];

describe('the published development keys in production', () => {
  it.each(spellings(signing))('refuses GATEWAY_SIGNING_KEY %s', (_, key) => {
    expect(() => loadConfig({ ...production, GATEWAY_SIGNING_KEY: key })).toThrow(
      /GATEWAY_SIGNING_KEY must not be the development ones/,
    );
  });

  it.each(spellings(publicPem))('refuses GATEWAY_PUBLIC_KEY %s', (_, key) => {
    expect(() => loadConfig({ ...production, GATEWAY_PUBLIC_KEY: key })).toThrow(
      /GATEWAY_PUBLIC_KEY must not be the development ones/,
    );
  });
});

describe('STATEMENT_TIMEOUT_MS', () => {
  it('defaults to four fifths of SUBGRAPH_TIMEOUT_MS', () => {
    expect(loadConfig({}).statementTimeoutMs).toBe(8_000);
    expect(loadConfig({ SUBGRAPH_TIMEOUT_MS: '2000' }).statementTimeoutMs).toBe(1_600);
  });

  it('refuses a statement timeout the gateway would not wait for', () => {
    expect(() => loadConfig({ SUBGRAPH_TIMEOUT_MS: '2000', STATEMENT_TIMEOUT_MS: '2000' })).toThrow(
      /STATEMENT_TIMEOUT_MS \(2000\) must be shorter than SUBGRAPH_TIMEOUT_MS \(2000\)/,
    );
  });
});

describe('HTTP limits', () => {
  it('bounds headers, bodies, idle connections and connections per address by default', () => {
    expect(loadConfig({}).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
      maxConnectionsPerIp: 256,
    });
    expect(loadConfig({ MAX_CONNECTIONS_PER_IP: '8' }).http.maxConnectionsPerIp).toBe(8);
  });
});
