export { servicesSubgraph, servicesSubgraph as default } from './subgraph.ts';
