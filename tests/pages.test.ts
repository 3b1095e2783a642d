import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestHub, type TestHub } from './support/test-hub.ts';

// The IDE and the pages over plain HTTP (the browser tests check them rendered): what is served where, and that
// the pages reach the graph through the gateway's public endpoint.
let graph: TestHub;
let withoutIde: TestHub;

beforeAll(async () => {
  [graph, withoutIde] = await Promise.all([startTestHub(), startTestHub({ env: { GRAPHQL_IDE: 'false' } })]);
});

afterAll(async () => {
  await Promise.all([graph?.stop(), withoutIde?.stop()]);
});

const get = (hub: TestHub, path: string, accept = 'text/html') =>
  fetch(`${hub.hub.gatewayOrigin}${path}`, { headers: { accept } });

describe('GET /graphql from a browser', () => {
  it('serves GraphiQL from the gateway itself: every script and style is local, no Apollo Sandbox', async () => {
    const response = await get(graph, '/graphql');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('GraphiQL');
    expect(page).not.toMatch(/sandbox|apollographql|cdn|https?:\/\//i);
    for (const asset of page.matchAll(/(?:src|href)="(\/ide\/[^"]+)"/g)) {
      expect((await get(graph, asset[1] as string, '*/*')).status).toBe(200);
    }
    const css = await (await get(graph, '/ide/graphiql.css', 'text/css')).text();
    expect(css).not.toMatch(/@import|url\(\s*["']?https?:/);
  });

  it('still answers GraphQL over GET and POST', async () => {
    const query = encodeURIComponent('{ serviceFields { code } }');
    const response = await fetch(`${graph.hub.url}?query=${query}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect((await response.json()).data.serviceFields.length).toBeGreaterThan(0);
    const { data } = await graph.client.rawRequest<{ viewer: { role: string } }>('{ viewer { role } }');
    expect(data.viewer.role).toBe('PUBLIC');
  });

  it('serves no IDE, and no landing page, with GRAPHQL_IDE=false (the default in production)', async () => {
    const page = await (await get(withoutIde, '/graphql')).text();
    expect(page).not.toMatch(/GraphiQL|sandbox/i);
    expect((await get(withoutIde, '/ide/graphiql.js', '*/*')).status).toBe(404);
    expect(await (await get(withoutIde, '/')).text()).not.toContain('href="/graphql"');
  });
});

describe('the pages', () => {
  it('GET / says what the hub is and links to the IDE, the pages and the health endpoints', async () => {
    const page = await (await get(graph, '/')).text();
    expect(page).toContain('<html lang="vi">');
    for (const href of [
      '/graphql',
      '/pages/services/1.001193',
      '/pages/units/00004',
      '/pages/dashboard',
      '/health/ready',
    ]) {
      expect(page).toContain(`href="${href}"`);
    }
  });

  it('are answered from the graph through the gateway: its metrics count their operations', async () => {
    for (const path of ['/pages/services/1.001193', '/pages/units/00004', '/pages/dashboard']) {
      expect((await get(graph, path)).status).toBe(200);
    }
    const metrics = await (await get(graph, '/metrics', 'text/plain')).text();
    for (const operation of ['ServicePage', 'UnitPage', 'Dashboard']) {
      expect(metrics).toMatch(
        new RegExp(`motcua_graphql_requests_total\\{operation="${operation}",outcome="ok"\\} [1-9]`),
      );
    }
  });

  it('say 404 for an unknown service or unit, and 400 for a range the graph refuses', async () => {
    const service = await get(graph, '/pages/services/9.999999');
    expect(service.status).toBe(404);
    expect(await service.text()).toContain('9.999999');
    expect((await get(graph, '/pages/units/99999')).status).toBe(404);
    expect((await get(graph, '/pages/dashboard?from=2026-10&to=2025-07')).status).toBe(400);
  });

  it('download each table of the dashboard as CSV', async () => {
    for (const [table, header] of [
      ['series', 'period,received,'],
      ['ranking', 'rank,unitCode,unitName,'],
      ['indicators', 'id,name,'],
    ] as const) {
      const response = await get(graph, `/pages/dashboard/${table}.csv?granularity=QUARTER`, 'text/csv');
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toContain(`motcua-${table}.csv`);
      expect(await response.text()).toMatch(new RegExp(`^${header}`));
    }
  });

  it('switch to English with ?lang=en, and keep the choice in their links', async () => {
    const page = await (await get(graph, '/pages/units/00004?lang=en')).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('History of mergers');
    expect(page).toMatch(/href="\/pages\/services\/[\d.]+\?lang=en"/);
  });
});
