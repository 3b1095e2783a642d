export { createPeers, type Peers, type PeerUrls } from './peers.ts';
export { reportImportFailure, runImportCommand } from './run-import-command.ts';
export { serveAlone } from './serve-alone.ts';
export { type RunningSubgraph, type StartOptions, startSubgraph } from './start-subgraph.ts';
export type { SubgraphContext, SubgraphModule } from './subgraph-module.ts';
