export { statisticsSubgraph, statisticsSubgraph as default } from './subgraph.ts';
