export { newsSubgraph, newsSubgraph as default } from './subgraph.ts';
