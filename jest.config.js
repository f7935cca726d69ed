/** Jest runs the TypeScript sources as ESM (ts-jest transpiles only; `tsc --noEmit` type-checks). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true, diagnostics: false }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // The real-world suite talks to the machine's real module proxy: its own config (jest.realworld.config.js).
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/realworld/'],
  // No name lookup leaves the machine: every test talks only to loopback servers it started.
  setupFiles: ['<rootDir>/__tests__/support/no-outside-dns.mjs'],
  // A fresh bundle of src/ for the action and CLI tests (never the committed dist/), and the suite-wide privacy audit:
  // servers playing a public proxy or checksum DB report their request logs; any private path fails the run.
  globalSetup: '<rootDir>/__tests__/support/global-setup.js',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.js',
  testTimeout: 60000,
  maxWorkers: 2
}
