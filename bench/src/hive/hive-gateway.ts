// A peer gateway for comparison: Hive Gateway serving the hub's own supergraph (gateway/supergraph.graphql) in
// front of the same subgraph processes, one process like the hub's gateway. Run by the benchmark as
// `node bench/src/hive/hive-gateway.ts` with:
//   PORT, SUBGRAPH_URLS (JSON: name → URL), HIVE_PLANNER (js | rust: @graphql-hive/router-runtime's query planner),
//   HIVE_DEDUPLICATION (on | off: merging of identical subgraph requests in flight, on by default in Hive),
//   BENCH_PARTNER_FILE (a JSON Caller, written once the run has issued its partner keys: who an `x-api-key`
//   request is; the gateway starts before that, beside the hub).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { identityPlugin, withSubgraphUrls } from '@motcua/hive-gateway';
import type { Caller } from '@motcua/roles';
import { SIGNING_KEY } from '../identity.ts';

const SUPERGRAPH = new URL('../../../gateway/supergraph.graphql', import.meta.url);

const port = Number(process.env.PORT ?? 5110);
const urls = JSON.parse(process.env.SUBGRAPH_URLS ?? '{}') as Record<string, string>;
const planner = process.env.HIVE_PLANNER === 'rust' ? 'rust' : 'js';
const deduplicate = process.env.HIVE_DEDUPLICATION !== 'off';
const partnerFile = process.env.BENCH_PARTNER_FILE;
let partner: Caller | null = null;
/** Read once it exists: the partner's key is issued by the hub's gateway, which starts at the same time as this one. */
const partnerCaller = () => {
  if (!partner && partnerFile && existsSync(partnerFile))
    partner = JSON.parse(readFileSync(partnerFile, 'utf8')) as Caller;
  return partner;
};

const supergraph = withSubgraphUrls(readFileSync(SUPERGRAPH, 'utf8'), urls);

const gateway = createGatewayRuntime({
  supergraph,
  ...(planner === 'rust'
    ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler }
    : {}),
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: deduplicate } } },
  // Unlike the hub's gateway (and `pnpm start:hive`) it does not ask the access subgraph whether an API key is
  // valid: any `x-api-key` stands for the partner, so this peer is spared the key check (the report says so).
  plugins: () => [
    identityPlugin<{ request: Request }>({
      signingKey: SIGNING_KEY,
      callerOf: ({ request }) => {
        const caller = request.headers.get('x-api-key') && partnerCaller();
        return caller ? { caller } : null;
      },
    }),
  ],
  logging: 'warn',
  graphiql: false,
  landingPage: false,
});

const server = createServer(gateway);
server.listen(port, '127.0.0.1', () => {
  console.log(`Hive Gateway (${planner} planner, deduplication ${deduplicate ? 'on' : 'off'}) on :${port}`);
});
const stop = () => {
  server.close();
  void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
