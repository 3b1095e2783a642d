export { createTestDatabase, type TestDatabase } from './test-database.ts';
export { startTestHub, type TestHub } from './test-hub.ts';
