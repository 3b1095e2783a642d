export { statisticsSubgraph } from './subgraph.ts';
