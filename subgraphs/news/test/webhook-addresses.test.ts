import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { endpointUrlProblem, isPublicAddress } from '../src/webhooks/address-guard.ts';
import { postWebhook } from '../src/webhooks/send.ts';
import type { WebhookSettings } from '../src/webhooks/settings.ts';

// Production's rules: https only, public addresses only (SSRF), checked at registration and again at delivery.
const production: WebhookSettings = {
  worker: false,
  retryScheduleMs: [1000],
  timeoutMs: 2000,
  concurrency: 1,
  pollMs: 100,
  allowHttp: false,
  allowPrivateAddresses: false,
};
const development: WebhookSettings = { ...production, allowHttp: true, allowPrivateAddresses: true };

let server: http.Server;
let hits = 0;
let port = 0;

beforeAll(async () => {
  server = http.createServer((_, res) => {
    hits += 1;
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('webhook endpoint addresses', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.9', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['224.0.0.1', false],
    ['93.184.215.14', true],
    ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', true],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it.each([
    ['http://example.org/hooks', /must be https/],
    ['https://127.0.0.1/hooks', /resolves to 127\.0\.0\.1, a loopback, private or link-local address/],
    ['https://[::1]/hooks', /resolves to ::1/],
    ['https://[::ffff:10.0.0.1]/hooks', /private/],
    ['https://169.254.169.254/latest/meta-data', /resolves to 169\.254\.169\.254/],
    // A name is resolved by the hub itself, not trusted.
    ['https://localhost/hooks', /resolves to (127\.0\.0\.1|::1)/],
    ['https://user:secret@example.org/hooks', /user name or password/],
  ])('refuses %s in production', async (url, problem) => {
    expect(await endpointUrlProblem(url, production)).toMatch(problem);
  });

  it('accepts a public https address, and in development http on this machine', async () => {
    expect(await endpointUrlProblem('https://93.184.215.14/hooks', production)).toBeNull();
    expect(await endpointUrlProblem(`http://127.0.0.1:${port}/hooks`, development)).toBeNull();
  });

  it('refuses at delivery time too: the connection never reaches a private address (DNS rebinding)', async () => {
    for (const url of [`http://localhost:${port}/hooks`, `http://127.0.0.1:${port}/hooks`]) {
      const outcome = await postWebhook(url, {}, '{}', { ...production, allowHttp: true });
      expect(outcome).toMatchObject({
        statusCode: null,
        error: expect.stringMatching(/not a public address/),
      });
    }
    expect(hits).toBe(0);
    expect((await postWebhook(`http://localhost:${port}/hooks`, {}, '{}', development)).statusCode).toBe(204);
    expect(hits).toBe(1);
  });
});
