// SQL statements per operation, counted exactly: each scenario's operation runs once through an in-process hub
// (`startHub` with its `onSql` listener, the hook the hub's own tests count round trips with) against the run's
// database, with nothing else running. The count is per subgraph, API key check included.
import { loadConfig } from '@motcua/config';
import { startHub } from '@motcua/hub';
import { post } from './checks.ts';
import type { Scenario } from './scenarios.ts';

export type StatementCount = { total: number; bySubgraph: Record<string, number> };

const PORTS = { gateway: 5130, subgraphs: 5131 };

export async function countStatements(
  databaseUrl: string,
  scenarios: Scenario[],
  keys: { partner: string; analyst: string },
): Promise<Map<string, StatementCount>> {
  // As the processes run (development seeds once: a seeded database is left as it is).
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    PORT: String(PORTS.gateway),
    SUBGRAPHS_PORT: String(PORTS.subgraphs),
  });
  let current: Record<string, number> | null = null;
  const hub = await startHub(config, {
    gateway: {
      rateAllowances: {
        windowSeconds: 60,
        perIp: 1e9,
        perKey: { PARTNER: 1e9, ANALYST: 1e9, EDITOR: 1e9, DATA_OFFICER: 1e9, ADMIN: 1e9 },
      },
    },
    onSql: (subgraph) => {
      if (current) current[subgraph] = (current[subgraph] ?? 0) + 1;
    },
  });
  const counts = new Map<string, StatementCount>();
  try {
    for (const scenario of scenarios) {
      const variables = scenario.client(0).variables();
      const headers: Record<string, string> =
        scenario.caller === 'anonymous' ? {} : { 'x-api-key': keys[scenario.caller] };
      // One call: the in-process hub's pools are open and its schema checked at start, so a first request sends
      // what any request sends (a second call was tried: the same counts, at twice the cost of the slow queries).
      current = {};
      const answer = await post(hub.url, headers, scenario, variables);
      const bySubgraph: Record<string, number> = current;
      current = null;
      if (answer.body.errors)
        throw new Error(`${scenario.id}: ${JSON.stringify(answer.body.errors).slice(0, 300)}`);
      counts.set(scenario.id, {
        total: Object.values(bySubgraph).reduce((sum, n) => sum + n, 0),
        bySubgraph,
      });
    }
  } finally {
    await hub.stop();
  }
  return counts;
}
