/**
 * jest globalTeardown: reads what every test file recorded through audit-log.ts (public servers' request logs checked
 * against the private patterns of their test; action runs' exports checked for verification turned off unasked),
 * prints a one-line account, removes the records, and fails the run if anything leaked or was weakened.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'

export default function auditGlobalTeardown() {
  const dir = process.env.SETUP_GOPROXY_AUDIT_DIR
  if (!dir) return
  let files
  try {
    files = readdirSync(dir).filter(name => name.endsWith('.json'))
  } catch {
    return
  }
  const records = files.map(name => JSON.parse(readFileSync(join(dir, name), 'utf8')))
  rmSync(dir, { recursive: true, force: true })
  if (records.length === 0) return
  const servers = records.filter(r => r.kind === 'server')
  const runs = records.filter(r => r.kind === 'run')
  const problems = records.flatMap(r =>
    r.violations.map(v => {
      const where = r.test ? relative(process.cwd(), r.test) : 'a test'
      return r.kind === 'server' ? `privacy: ${r.role} ${r.label} in ${where} saw ${v}` : `verification: ${where}: ${v}`
    })
  )
  const requests = servers.reduce((sum, s) => sum + s.requests, 0)
  console.log(
    `\nAudits: ${servers.length} public server log(s) with ${requests} request(s) checked for private paths; ${runs.length} action run(s) checked for verification turned off; ${problems.length} problem(s).`
  )
  if (problems.length > 0) throw new Error(`Suite-wide audit failed:\n${problems.join('\n')}`)
}
