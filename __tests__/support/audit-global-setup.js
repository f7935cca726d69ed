/**
 * jest globalSetup: a fresh directory for the suite-wide audit records (see audit-log.ts). It runs before the
 * workers start, so they inherit SETUP_GOPROXY_AUDIT_DIR.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'

export default function auditGlobalSetup() {
  process.env.SETUP_GOPROXY_AUDIT_DIR = mkdtempSync(join(os.tmpdir(), 'setup-goproxy-audit-'))
}
