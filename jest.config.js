// One Jest run over the whole workspace: unit tests of packages, integration tests of subgraphs,
// end-to-end tests through the gateway. Sources are ESM TypeScript, transformed by swc without type-checking
// (`pnpm typecheck` does that).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2024' }, module: { type: 'es6' } },
    ],
  },
  testMatch: [
    '<rootDir>/packages/*/test/**/*.test.ts',
    '<rootDir>/subgraphs/*/test/**/*.test.ts',
    '<rootDir>/gateway/test/**/*.test.ts',
    '<rootDir>/tests/**/*.test.ts',
  ],
  // `pnpm test:resilience` runs these (jest.resilience.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/resilience/'],
  testTimeout: 60_000,
};
