import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { headersOf, startTestHub, type TestHub } from './support/test-hub.ts';

// A hub whose news tables lose one of theirs: every read of media partners fails in SQL, as a broken migration or a
// database fault would make it.
let graph: TestHub;

beforeAll(async () => {
  graph = await startTestHub();
  const db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
  await db.query('alter table news.media_partner rename to media_partner_lost');
  await db.end();
});

afterAll(async () => {
  await graph?.stop();
});

describe('an unexpected failure in a subgraph', () => {
  it('reaches the client masked, with the request id to find the log line, and the rest of the answer', async () => {
    const response = await fetch(graph.hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await headersOf('EDITOR')) },
      body: JSON.stringify({ query: '{ mediaPartners { code } articles { totalCount } }' }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as {
      data: { mediaPartners: unknown; articles: { totalCount: number } };
      errors: { message: string; path: string[]; extensions: Record<string, unknown> }[];
    };
    expect(body.data.articles.totalCount).toBeGreaterThan(0);
    expect(body.data.mediaPartners).toBeNull();
    expect(body.errors).toEqual([
      {
        message: 'Internal server error',
        path: ['mediaPartners'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: response.headers.get('x-request-id') },
      },
    ]);
    // Nothing of the SQL, the table or a stack trace.
    expect(text).not.toMatch(/media_partner|select|relation|\.ts:\d+|at /i);
  });
});
