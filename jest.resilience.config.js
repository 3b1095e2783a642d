// `pnpm test:resilience` (issue 12): the hostile corpus, property tests, faults with the parts as separate processes
// and a bounded soak. Kept out of `pnpm test`'s run (see jest.config.js) and run after it by .ci/run.
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/tests/resilience/**/*.test.ts'],
  testPathIgnorePatterns: [],
  testTimeout: 120_000,
  // The fault tests own fixed ports and a PostgreSQL cluster: one file at a time.
  maxWorkers: 1,
};
