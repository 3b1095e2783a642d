export { CompositionError, composeSupergraph, SUPERGRAPH_FILE } from './compose.ts';
export {
  createGatewayApp,
  type GatewayApp,
  type GatewayCredentials,
  type GatewayLimitOptions,
  limitOptions,
} from './gateway-app.ts';
export { signStaffToken } from './staff-token.ts';
export { localSubgraphUrls, SUBGRAPH_NAMES, type SubgraphName, type SubgraphUrls } from './subgraphs.ts';
