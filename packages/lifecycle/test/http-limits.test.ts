import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_HTTP_LIMITS, type Listening, listen } from '../src/index.ts';

// A server of the hub holds nothing for a client that trickles (issue 12): its headers and body must arrive in
// time, and one address holds a bounded number of connections.
let server: Listening;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await listen(
    (req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    },
    {
      limits: {
        headersTimeoutMs: 1_000,
        requestTimeoutMs: 1_500,
        keepAliveTimeoutMs: 65_000,
        maxConnectionsPerIp: 3,
      },
    },
  );
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await server.close();
});

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
    sockets.push(socket);
  });
}

/** What the server sends on `socket` until it closes it (or `ms` pass), and whether it closed. */
function answer(socket: Socket, ms: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
    });
    const timer = setTimeout(() => resolve({ text, closed: false }), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
  });
}

describe('HTTP limits', () => {
  it('keeps idle connections longer than a proxy does (60 s) by default', () => {
    expect(DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs).toBeGreaterThan(60_000);
    expect(server.server.keepAliveTimeout).toBe(65_000);
  });

  it('cuts off a body sent a byte at a time', async () => {
    const socket = await open();
    socket.write('POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('a'), 200);
    const { text, closed } = await answer(socket, 8_000);
    clearInterval(trickle);
    expect(closed).toBe(true);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off headers that never end', async () => {
    const socket = await open();
    socket.write('GET / HTTP/1.1\r\nhost: x\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('x-slow: 1\r\n'), 200);
    const { closed } = await answer(socket, 8_000);
    clearInterval(trickle);
    expect(closed).toBe(true);
  });

  it('refuses a connection beyond the allowance of one address with 429, and serves it again once one closes', async () => {
    const held = await Promise.all([open(), open(), open()]);
    const extra = await open();
    const refused = await answer(extra, 3_000);
    expect(refused.text).toMatch(/^HTTP\/1\.1 429/);
    expect(refused.text).toMatch(/RATE_LIMITED/);
    held[0]?.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await open();
    again.write('GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect((await answer(again, 3_000)).text).toMatch(/^HTTP\/1\.1 200/);
    for (const socket of held) socket.destroy();
  });
});
