export { servicesSubgraph } from './subgraph.ts';
