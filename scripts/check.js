#!/usr/bin/env node
/**
 * The one list of checks. `npm run check` runs them in order and stops at the first that fails; CI runs the same
 * list (.ci/run runs each as a named stage from `--list`; .github/workflows/ci.yml runs `npm run check`).
 *
 *   node scripts/check.js           run every check (npm run <script> each)
 *   node scripts/check.js --list    print `name<TAB>script` per check, for .ci/run
 *
 * A new check is a package.json script plus one row here.
 */
import { spawnSync } from 'node:child_process'

/** [stage name, package.json script]. */
export const CHECKS = [
  ['format check', 'format:check'],
  ['lint', 'lint'],
  ['typecheck', 'typecheck'],
  ['no import cycles', 'check:cycles'],
  ['check action.yml and workflows', 'check:action'],
  ['README tables', 'docs:check'],
  ['tests', 'test']
]

if (process.argv.includes('--list')) {
  for (const [name, script] of CHECKS) console.log(`${name}\t${script}`)
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  for (const [name, script] of CHECKS) {
    console.log(`\n==> [${name}] npm run ${script}`)
    const result = spawnSync(npm, ['run', '--silent', script], {
      stdio: 'inherit',
      shell: process.platform === 'win32'
    })
    if (result.status !== 0) {
      console.error(
        `\n==> [${name}] FAILED (npm run ${script}, exit ${result.status ?? result.signal}); later checks did not run`
      )
      process.exit(result.status || 1)
    }
  }
  console.log('\n==> every check passed')
}
