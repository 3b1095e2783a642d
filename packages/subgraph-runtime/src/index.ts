export { runImportCommand } from './run-import-command.ts';
export { serveAlone } from './serve-alone.ts';
export { type RunningSubgraph, type StartOptions, startSubgraph } from './start-subgraph.ts';
export type { Peers, SubgraphContext, SubgraphModule } from './subgraph-module.ts';
