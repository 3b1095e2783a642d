import { GATEWAY_NODE_OPTIONS } from '@motcua/gateway/node-options';
// The systems compared in each scenario: the hub's gateway (what is measured), and the baselines measured in the
// same run (the owning subgraph called directly, Hive Gateway on the same supergraph with its JS and Rust planners,
// the hand-written limit, the naive SQL). Each says how to reach it and which processes' memory is its own.
import type { HubParts } from './hub-parts.ts';
import { type CallerKind, type Callers, IdentityHeader } from './identity.ts';
import { baseEnvironment, type Child, type Subgraph, spawnNode, tail, waitForHttp } from './processes.ts';
import type { Scenario } from './scenarios.ts';

export type SystemId =
  | 'hub'
  | 'hub-nomerge'
  | 'hub-nocache'
  | 'direct'
  | 'hive-js'
  | 'hive-js-nodedup'
  | 'hive-rust'
  | 'limit'
  | 'naive';

export type System = {
  id: SystemId;
  label: string;
  /** HTTP endpoint (none for the naive SQL, which speaks to PostgreSQL). */
  url: string | null;
  headers: (index: number) => Record<string, string>;
  /** The process answering the clients (the gateway, the subgraph, the limit server), whose memory is reported. */
  front: Child | null;
  /** A gateway of the hub's: what its response cache has done so far (from its /metrics). */
  cacheCounts?: () => Promise<CacheCounts>;
};

export type CacheCounts = { hit: number; miss: number; bypass: number };

/** The gateway's `motcua_response_cache_total` counts, read from its Prometheus endpoint. */
export async function cacheCountsOf(graphqlUrl: string): Promise<CacheCounts> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const count = (result: string) =>
    Number(
      new RegExp(`^motcua_response_cache_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0,
    );
  return { hit: count('hit'), miss: count('miss'), bypass: count('bypass') };
}

export const SYSTEM_LABELS: Record<SystemId, string> = {
  hub: 'motcua gateway (Apollo Gateway)',
  'hub-nomerge': 'motcua gateway, identical queries not merged',
  'hub-nocache': 'motcua gateway, no response cache',
  direct: 'same query, direct to the subgraph',
  'hive-js': 'Hive Gateway, JS planner',
  'hive-js-nodedup': 'Hive Gateway, JS planner, no deduplication',
  'hive-rust': 'Hive Gateway, Rust planner',
  limit: 'hand-written limit (http + pg)',
  naive: 'naive GROUP BY (pg, same concurrency)',
};

const HIVE_VARIANTS = {
  'hive-js': { planner: 'js', deduplication: 'on', port: 5110 },
  'hive-js-nodedup': { planner: 'js', deduplication: 'off', port: 5111 },
  'hive-rust': { planner: 'rust', deduplication: 'on', port: 5112 },
} as const;
const LIMIT_PORT = 5120;
/** A second gateway of the hub's, in front of the same subgraphs, with MERGE_IDENTICAL_QUERIES=false. */
const UNMERGED_GATEWAY_PORT = 5113;
/** A third, with RESPONSE_CACHE=false: what the hub's gateway does without its cache. */
const UNCACHED_GATEWAY_PORT = 5114;

export type Baselines = {
  hive: Partial<Record<keyof typeof HIVE_VARIANTS, Child>>;
  /** Why a Hive variant is missing (it did not install or start). */
  hiveProblems: Partial<Record<keyof typeof HIVE_VARIANTS, string>>;
  limit: Child;
  /** The hub's gateway with merging turned off, to weigh that lever against Hive's deduplication. */
  unmerged: Child | null;
  /** The hub's gateway with its response cache turned off, to weigh that lever. */
  uncached: Child | null;
  stop: () => Promise<void>;
};

/** Starts the peer gateways and the limit server beside the hub's processes (in parallel, they are independent). */
export async function startBaselines(
  subgraphUrls: Record<Subgraph, string>,
  databaseUrl: string,
  partnerFile: string,
  logDir: string,
): Promise<Baselines> {
  const hive: Baselines['hive'] = {};
  const hiveProblems: Baselines['hiveProblems'] = {};
  const children: Child[] = [];
  const starting = Object.entries(HIVE_VARIANTS).map(async ([id, variant]) => {
    const child = spawnNode(
      id,
      'bench/src/hive/hive-gateway.ts',
      [],
      {
        ...baseEnvironment(),
        PORT: String(variant.port),
        SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
        HIVE_PLANNER: variant.planner,
        HIVE_DEDUPLICATION: variant.deduplication,
        BENCH_PARTNER_FILE: partnerFile,
      },
      logDir,
    );
    children.push(child);
    try {
      // Started beside the dataset's build or clone on a busy machine: loading Hive takes a while then.
      await waitForHttp(`http://127.0.0.1:${variant.port}/graphql`, child, 240_000);
      hive[id as keyof typeof HIVE_VARIANTS] = child;
    } catch (error) {
      hiveProblems[id as keyof typeof HIVE_VARIANTS] = (error as Error).message
        .split('\n')
        .slice(0, 4)
        .join(' ');
      await child.stop();
    }
  });
  const limit = spawnNode(
    'limit',
    'bench/src/limit/limit-server.ts',
    [],
    {
      ...baseEnvironment(),
      PORT: String(LIMIT_PORT),
      DATABASE_URL: databaseUrl,
    },
    logDir,
  );
  children.push(limit);
  const gatewayBeside = (name: string, port: number, env: Record<string, string>) =>
    spawnNode(
      name,
      'gateway/src/main.ts',
      [],
      {
        ...baseEnvironment(),
        PORT: String(port),
        SERVICES_URL: subgraphUrls.services,
        STATISTICS_URL: subgraphUrls.statistics,
        NEWS_URL: subgraphUrls.news,
        ACCESS_URL: subgraphUrls.access,
        RATE_LIMIT_PER_IP: '1000000000',
        NODE_OPTIONS: GATEWAY_NODE_OPTIONS,
        ...env,
      },
      logDir,
    );
  // Each differs from the hub's gateway by one setting: the unmerged one keeps its cache (which needs the database
  // its data versions are in), the uncached one merges.
  const unmerged = gatewayBeside('gateway-nomerge', UNMERGED_GATEWAY_PORT, {
    DATABASE_URL: databaseUrl,
    MERGE_IDENTICAL_QUERIES: 'false',
  });
  const uncached = gatewayBeside('gateway-nocache', UNCACHED_GATEWAY_PORT, {
    DATABASE_URL: databaseUrl,
    RESPONSE_CACHE: 'false',
  });
  children.push(unmerged, uncached);
  await Promise.all([
    ...starting,
    waitForHttp(`http://127.0.0.1:${LIMIT_PORT}/graphql`, limit),
    waitForHttp(`http://127.0.0.1:${UNMERGED_GATEWAY_PORT}/graphql`, unmerged),
    waitForHttp(`http://127.0.0.1:${UNCACHED_GATEWAY_PORT}/graphql`, uncached),
  ]);
  return {
    hive,
    hiveProblems,
    limit,
    unmerged,
    uncached,
    stop: async () => {
      await Promise.all(children.map((child) => child.stop()));
    },
  };
}

/** The systems a scenario compares, in the order they take turns in each round. */
export function systemIdsFor(scenario: Scenario): SystemId[] {
  // The peer gateways take any key for the partner's (see hive/hive-gateway.ts): an analyst's fields they refuse.
  // Analysts have keys: the cache never answers them, so there is no cache lever to weigh either.
  if (scenario.caller === 'analyst') return scenario.naive ? ['hub', 'direct', 'naive'] : ['hub', 'direct'];
  if (scenario.naive) return ['hub', 'hub-nocache', 'direct', 'hive-js', 'naive'];
  // Partners have keys: the cache never answers them, so there is no lever to weigh.
  if (scenario.id === 'partner') return ['hub', 'hub-nomerge', 'direct', 'hive-js', 'hive-rust'];
  return [
    'hub',
    'hub-nocache',
    'hub-nomerge',
    ...(scenario.subgraph ? (['direct'] as const) : []),
    'hive-js',
    'hive-js-nodedup',
    'hive-rust',
    ...(scenario.limit ? (['limit'] as const) : []),
  ];
}

export type Credentials = {
  callers: Callers;
  /** API keys the run issued to the partner: requests rotate over them, each key's allowance being 600 a minute. */
  partnerKeys: string[];
  /** API keys the run issued to analysts, rotated over likewise (1,200 a minute each). */
  analystKeys: string[];
};

/**
 * How to reach a system for a scenario, or null when it is not running. Identity headers for the direct baseline are
 * signed (and kept fresh) here; `release` stops their refresh.
 */
export async function systemFor(
  id: SystemId,
  scenario: Scenario,
  parts: HubParts,
  baselines: Baselines,
  credentials: Credentials,
): Promise<(System & { release: () => void }) | null> {
  const keyed = (kind: CallerKind) => {
    let turn = 0;
    const keys =
      kind === 'partner' ? credentials.partnerKeys : kind === 'analyst' ? credentials.analystKeys : [];
    return (): Record<string, string> =>
      keys.length ? { 'x-api-key': keys[turn++ % keys.length] ?? '' } : {};
  };
  const front = (name: string) => parts.children.find((child) => child.name === name) ?? null;
  const none = () => {};
  switch (id) {
    case 'hub':
      return {
        id,
        label: SYSTEM_LABELS[id],
        url: parts.gatewayUrl,
        headers: keyed(scenario.caller),
        front: front('gateway'),
        ...(parts.gatewayUrl && { cacheCounts: () => cacheCountsOf(parts.gatewayUrl as string) }),
        release: none,
      };
    case 'hub-nomerge':
      if (!baselines.unmerged) return null;
      return {
        id,
        label: SYSTEM_LABELS[id],
        url: `http://127.0.0.1:${UNMERGED_GATEWAY_PORT}/graphql`,
        headers: keyed(scenario.caller),
        front: baselines.unmerged,
        cacheCounts: () => cacheCountsOf(`http://127.0.0.1:${UNMERGED_GATEWAY_PORT}/graphql`),
        release: none,
      };
    case 'hub-nocache':
      if (!baselines.uncached) return null;
      return {
        id,
        label: SYSTEM_LABELS[id],
        url: `http://127.0.0.1:${UNCACHED_GATEWAY_PORT}/graphql`,
        headers: keyed(scenario.caller),
        front: baselines.uncached,
        release: none,
      };
    case 'direct': {
      if (!scenario.subgraph) return null;
      const identity = await new IdentityHeader(
        credentials.callers[scenario.caller],
        scenario.subgraph,
      ).start();
      return {
        id,
        label: `same query, direct to the ${scenario.subgraph} subgraph`,
        url: parts.subgraphUrls[scenario.subgraph],
        headers: () => ({ 'x-motcua-identity': identity.value }),
        front: front(scenario.subgraph),
        release: () => identity.stop(),
      };
    }
    case 'hive-js':
    case 'hive-js-nodedup':
    case 'hive-rust': {
      const child = baselines.hive[id];
      if (!child) return null;
      return {
        id,
        label: SYSTEM_LABELS[id],
        url: `http://127.0.0.1:${HIVE_VARIANTS[id].port}/graphql`,
        headers: keyed(scenario.caller),
        front: child,
        release: none,
      };
    }
    case 'limit':
      return {
        id,
        label: SYSTEM_LABELS[id],
        url: `http://127.0.0.1:${LIMIT_PORT}/graphql`,
        headers: () => ({}),
        front: baselines.limit,
        release: none,
      };
    case 'naive':
      return { id, label: SYSTEM_LABELS[id], url: null, headers: () => ({}), front: null, release: none };
  }
}

export { tail };
