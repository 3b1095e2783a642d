export { newsSubgraph } from './subgraph.ts';
