export { DEMO_KEYS } from './keys/demo-keys.ts';
export { accessSubgraph } from './subgraph.ts';
