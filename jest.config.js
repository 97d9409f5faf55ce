/**
 * Two projects: `unit` needs no servers; `integration` runs against a real broker and registry started by
 * test/stack (or an external stack from KAFKA_BROKERS + SCHEMA_REGISTRY_URL).
 * @type {import('jest').Config}
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleNameMapper: {
    '^kgen$': '<rootDir>/src/index.ts',
    '^kgen/serde$': '<rootDir>/src/serde.ts',
    '^kgen/delivery$': '<rootDir>/src/delivery.ts',
    '^kgen/codegenv1$': '<rootDir>/src/codegenv1.ts',
    '^kgen/codegen$': '<rootDir>/codegen/index.ts',
    '^kgen-cli$': '<rootDir>/codegen/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'],
};
module.exports = {
  // Global, not per project: jest ignores `testTimeout` inside `projects` (integration tests need more than 5 s).
  testTimeout: 120000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    // Packs the packages and installs them into fresh projects (about two minutes; no servers).
    { ...shared, displayName: 'pack', testMatch: ['<rootDir>/test/pack/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/stack/jest-global-setup.ts',
      globalTeardown: '<rootDir>/test/stack/jest-global-teardown.ts',
    },
  ],
};
