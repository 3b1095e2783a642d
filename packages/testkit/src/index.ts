export { testConfig } from './test-config.ts';
export { createTestDatabase, median, type TestDatabase } from './test-database.ts';
export { startTestSubgraph, type TestSubgraph } from './test-subgraph.ts';
