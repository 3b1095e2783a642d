import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { DEMO_KEYS } from '@motcua/access';
import { listen } from '@motcua/lifecycle';
import { createTestDatabase } from '@motcua/testkit';
import express from 'express';
import pg from 'pg';
import { startTestHub } from './support/test-hub.ts';

const PAGE = '{ service(code: "1.001193") { name usage(from: "2025-07", to: "2025-12") { received } } }';

const ask = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: PAGE }),
  });

/** A request on a connection of its own (never one kept alive from before), to see whether the port accepts. */
function askOnNewConnection(url: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', reject);
    request.end(JSON.stringify({ query: PAGE }));
  });
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('stopping the hub', () => {
  it('finishes the request in flight, refuses new connections meanwhile, then stops', async () => {
    const graph = await startTestHub();
    const database = new pg.Client({ connectionString: graph.databaseUrl });
    await database.connect();
    let stopped: Promise<void> | undefined;
    try {
      const expected = await (await ask(graph.hub.url)).json();
      // The statistics subgraph's figures (the facts and the aggregates the page is answered from) are locked, so
      // the next request waits on them for as long as the test needs: it is surely in flight when the hub is told
      // to stop.
      await database.query('begin');
      await database.query(
        `lock table statistics.dossier_figure, statistics.usage_by_unit, statistics.usage_by_province,
           statistics.usage_by_service in access exclusive mode`,
      );
      const inFlight = ask(graph.hub.url);
      await until(async () => {
        const { rows } = await database.query<{ waiting: number }>(
          `select count(*)::int as waiting from pg_stat_activity
           where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return rows[0]?.waiting === 1;
      });

      stopped = graph.stop();
      await expect(askOnNewConnection(graph.hub.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await database.query('commit');
      await database.end();

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(response.headers.get('connection')).toBe('close');
      expect(await response.json()).toEqual(expected);
      await stopped;
    } finally {
      await database.end();
      await (stopped ?? graph.stop());
    }
  });
});

const MAIN = new URL('../packages/hub/src/main.ts', import.meta.url).pathname;

function output(child: ChildProcess) {
  let text = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  return {
    text: () => text,
    /** Resolves with the first match of `pattern` in the output, as soon as it is printed. */
    match: (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const look = () => {
          const found = pattern.exec(text);
          if (!found) return;
          child.stdout?.off('data', look);
          resolve(found);
        };
        child.stdout?.on('data', look);
        child.once('close', () => reject(new Error(`exited before printing ${pattern}:\n${text}`)));
        look();
      }),
  };
}

type ExportedSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string };

/** An OpenTelemetry collector for one test: keeps the spans it is sent over OTLP/HTTP (JSON). */
async function startCollector() {
  const spans: ExportedSpan[] = [];
  const app = express();
  app.post('/v1/traces', express.json({ limit: '10mb' }), (req, res) => {
    const body = req.body as { resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[] };
    for (const resource of body.resourceSpans)
      for (const scope of resource.scopeSpans) spans.push(...scope.spans);
    res.json({});
  });
  const server = (await listen(app)).server;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

describe('pnpm start', () => {
  it('on SIGTERM, logs its shutdown and exits 0; its logs and exported spans follow each request', async () => {
    const testDatabase = await createTestDatabase();
    const collector = await startCollector();
    const hub = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: testDatabase.url,
        PORT: '0',
        SUBGRAPHS_PORT: '0',
        LOG_LEVEL: 'info',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const out = output(hub);
      const [, gatewayUrl = ''] = await out.match(/gateway\s+(http:\S+)/);
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      const clientSpanId = 'b7ad6b7169203331';
      const response = await ask(gatewayUrl, {
        traceparent: `00-${traceId}-${clientSpanId}-01`,
        'x-api-key': DEMO_KEYS.find((key) => key.role === 'ANALYST')?.key ?? '',
      });
      expect(response.status).toBe(200);

      hub.kill('SIGTERM');
      const [code] = await once(hub, 'close');
      expect(code).toBe(0);

      const lines = out
        .text()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; traceId?: string; subgraph?: string });
      const traced = lines.filter((line) => line.traceId === traceId);
      // The key check (access), the gateway's own line, and the two subgraphs the query needs.
      expect(traced.map((line) => line.subgraph ?? line.msg).sort()).toEqual([
        'access',
        'graphql request',
        'services',
        'statistics',
      ]);
      expect(traced.find((line) => line.msg === 'graphql request')).toMatchObject({
        requestId: expect.any(String),
        operation: expect.any(String),
        role: 'ANALYST',
        subject: 'demo-analyst',
        durationMs: expect.any(Number),
        outcome: 'ok',
      });
      expect(lines.map((line) => line.msg)).toEqual(
        expect.arrayContaining([
          'shutdown: refusing new connections, finishing the requests in flight',
          'shutdown: stopped',
        ]),
      );

      // Sent before exiting: the gateway's span under the client's, and each subgraph's under the HTTP call that
      // one of the gateway's fetch spans made to it.
      const spans = collector.spans.filter((span) => span.traceId === traceId);
      const named = (name: string) => spans.filter((span) => span.name === name);
      expect(named('POST /graphql').map((span) => span.parentSpanId)).toEqual([clientSpanId]);
      const fetches = named('gateway.fetch').map((span) => span.spanId);
      expect(fetches).toHaveLength(2);
      const subgraphSpans = [...named('POST /services/graphql'), ...named('POST /statistics/graphql')];
      const byId = new Map(spans.map((span) => [span.spanId, span]));
      const calls = subgraphSpans.map((span) => byId.get(span.parentSpanId ?? ''));
      expect(calls.map((call) => call?.name)).toEqual(['POST', 'POST']);
      expect(calls.map((call) => call?.parentSpanId).sort()).toEqual([...fetches].sort());
    } finally {
      if (hub.exitCode === null) hub.kill('SIGKILL');
      collector.server.close();
      await testDatabase.drop();
    }
  });
});
