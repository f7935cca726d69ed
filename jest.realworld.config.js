/**
 * The real-world suite (__tests__/realworld/): the action against the machine's real Go module proxy and checksum
 * database, as `go env GOPROXY GOSUMDB` name them (never written down anywhere). Its global setup reads them, fails
 * with how to turn the suite off when there is none (SETUP_GOPROXY_REALWORLD=off), and lets name lookups of that one
 * proxy host through the test harness's DNS guard (support/no-outside-dns.mjs); every other name still fails.
 * Download-only and bounded in time and bytes: `.ci/run` runs it as its own stage.
 */
import base from './jest.config.js'

export default {
  ...base,
  testMatch: ['**/__tests__/realworld/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/__tests__/realworld/global-setup.js',
  // Real downloads and real builds on a shared machine: generous hang bounds, one suite at a time.
  testTimeout: 900_000,
  maxWorkers: 1
}
