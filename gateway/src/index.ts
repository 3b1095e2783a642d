export { CompositionError, composeSupergraph, SUPERGRAPH_FILE } from './compose.ts';
export { createGatewayApp, type GatewayApp, type GatewayLimitOptions, limitOptions } from './gateway-app.ts';
export { localSubgraphUrls, SUBGRAPH_NAMES, type SubgraphName, type SubgraphUrls } from './subgraphs.ts';
