// Before anything is timed under load, every system must give the hub's answer: the same JSON from the direct
// subgraph, the peer gateways and the limit, and the same figures from the naive SQL. A mismatch is printed loudly
// and recorded in the report; it does not stop the run (a benchmark measures, it does not judge). Each answer is
// timed, one system at a time: a latency without queueing, and a ratio even for a system too slow to answer within
// a load round (the first request of an operation includes its planning, for every system alike).
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { comparedFields, type Scenario, type Variables } from './scenarios.ts';
import type { System } from './systems.ts';

export type Mismatch = { scenario: string; system: string; detail: string };

/** What checking a scenario found: mismatches, and each system's time for the request alone (ms, by system id). */
export type Check = { mismatches: Mismatch[]; singleMs: Map<string, number> };

type Body = { data?: Record<string, unknown>; errors?: unknown[] };

/** JSON with object keys sorted, so that only values and array order count. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : item,
  );
}

/** Where two JSON values first differ, as a path and the two values. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}${Array.isArray(a) ? `[${key}]` : `.${key}`}`,
      );
      if (found) return found;
    }
  }
  return `${path || '(root)'}: hub ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
}

export async function post(
  url: string,
  headers: Record<string, string>,
  scenario: Scenario,
  variables: unknown,
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: scenario.query, operationName: scenario.operationName, variables }),
    signal: AbortSignal.timeout(120_000),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

/** One answer of a system: its GraphQL response, or the naive SQL's rows. */
async function ask(system: System, scenario: Scenario, variables: Variables, naive: pg.Client) {
  if (system.id === 'naive' && scenario.naive) {
    const { rows } = await naive.query(scenario.naive.sql, scenario.naive.params(variables));
    return { rows };
  }
  return { response: await post(system.url ?? '', system.headers(0), scenario, variables) };
}

/** Compares every system's answer to the first request of virtual client 0 with the hub's, then times each alone. */
export async function checkScenario(
  scenario: Scenario,
  hub: System,
  others: System[],
  databaseUrl: string,
): Promise<Check> {
  const mismatches: Mismatch[] = [];
  const singleMs = new Map<string, number>();
  const variables = scenario.client(0).variables();
  const naive = new pg.Client({ connectionString: databaseUrl });
  await naive.connect();
  try {
    const timed = async <T>(system: System, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await work();
      singleMs.set(system.id, performance.now() - started);
      return result;
    };
    const expected = await timed(hub, () => post(hub.url ?? '', hub.headers(0), scenario, variables));
    if (expected.status !== 200 || expected.body.errors) {
      const errors = JSON.stringify(expected.body.errors ?? '').slice(0, 300);
      mismatches.push({
        scenario: scenario.id,
        system: hub.label,
        detail: `the hub answered HTTP ${expected.status} ${errors}`,
      });
      // Nothing to compare with (the gateway gives up on a subgraph after 10 s): the others are only timed.
      for (const system of others) await timed(system, () => ask(system, scenario, variables, naive));
      return { mismatches, singleMs };
    }
    for (const system of others) {
      const answer = await timed(system, () => ask(system, scenario, variables, naive));
      let difference: string | null = null;
      if (answer.rows && scenario.naive) {
        difference = firstDifference(
          comparedFields(scenario.naive.fromHub(expected.body.data ?? {})),
          comparedFields(answer.rows),
        );
      } else if (answer.response) {
        // Data only: the hub adds `extensions.cost` to every answer, which the others have no reason to.
        difference = answer.response.body.errors
          ? `HTTP ${answer.response.status} ${JSON.stringify(answer.response.body.errors).slice(0, 300)}`
          : firstDifference(expected.body.data, answer.response.body.data);
      }
      if (difference) {
        mismatches.push({
          scenario: scenario.id,
          system: system.label,
          detail: `${JSON.stringify(variables)} ${difference}`,
        });
      }
    }
  } finally {
    await naive.end();
  }
  return { mismatches, singleMs };
}
