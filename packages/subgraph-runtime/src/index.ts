export { serveAlone } from './serve-alone.ts';
export { type RunningSubgraph, type StartOptions, startSubgraph } from './start-subgraph.ts';
export type { SubgraphContext, SubgraphModule } from './subgraph-module.ts';
