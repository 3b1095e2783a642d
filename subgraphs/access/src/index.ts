export { DEMO_KEYS } from './keys/demo-keys.ts';
export { accessSubgraph, accessSubgraph as default } from './subgraph.ts';
