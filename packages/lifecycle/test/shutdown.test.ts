import http, { type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { type Drain, drainOnClose } from '../src/index.ts';

// A server whose one route answers in two parts: the headers and a first chunk at once, the rest when the test
// says so, so a request can be held in flight for as long as a test needs.
let server: Server;
let port: number;
let drain: Drain;
let entered: Promise<void>;
let finish: () => void;
const agent = new http.Agent({ keepAlive: true });

async function start() {
  let signalEntered = () => {};
  entered = new Promise((resolve) => {
    signalEntered = resolve;
  });
  server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('first part, ');
    finish = () => response.end('last part');
    signalEntered();
  });
  // Without draining, a kept-alive connection would then stay open for good.
  server.keepAliveTimeout = 0;
  drain = drainOnClose(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}

function get(options: { agent: http.Agent | false }): Promise<{ response: IncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', agent: options.agent }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ response, body }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

afterEach(() => server.closeAllConnections());

describe('closing a server gracefully', () => {
  it('lets the request in flight finish, refuses new connections and closes the kept-alive one', async () => {
    await start();
    const inFlight = get({ agent });
    await entered;
    const drained = drain(new AbortController().signal);
    await expect(get({ agent: false })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    finish();
    expect((await inFlight).body).toBe('first part, last part');
    await drained;
    expect(server.listening).toBe(false);
  });

  it('cuts the requests still in flight when its time is up, and closes', async () => {
    await start();
    const inFlight = get({ agent: false });
    await entered;
    const deadline = new AbortController();
    const drained = drain(deadline.signal);
    deadline.abort();
    await drained;
    await expect(inFlight).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
