/** jest globalTeardown: the audit's account (audit-global-teardown.js), then the test bundle's directory is removed. */
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import auditGlobalTeardown from './audit-global-teardown.js'

export default function globalTeardown() {
  const dist = process.env.SETUP_GOPROXY_TEST_DIST
  try {
    auditGlobalTeardown()
  } finally {
    if (dist) rmSync(dirname(dist), { recursive: true, force: true })
  }
}
