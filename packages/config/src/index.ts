export type { Config, DatabaseTarget } from './load-config.ts';
export { ConfigError, gatewayCredentials, loadConfig } from './load-config.ts';
export { localSubgraphUrls, SUBGRAPH_NAMES, type SubgraphName, type SubgraphUrls } from './subgraph-urls.ts';
