/**
 * The cache phase's options for a test that calls restoreCaches in-process: the real go, the test bundle as the
 * restore worker (as on the runner: src/cache/restore-worker.ts), the action's own deadlines made shorter.
 */
import type { RestoreOptions } from '../../src/cache/phase.js'
import type { CachePart } from '../../src/cache/policy.js'
import { silentLogger } from '../../src/host/logger.js'
import { findGo } from './go.js'
import { DIST_ENTRY } from './run-action.js'

export interface TestRestorePlace extends Partial<Omit<RestoreOptions, 'settings'>> {
  /** The project (go.sum files are read there). */
  readonly cwd: string
  readonly env: Record<string, string>
  /** RUNNER_TEMP: the restored entry lists. */
  readonly stateDir: string
  readonly parts: readonly CachePart[]
  readonly restoreOnly?: boolean
}

/** restoreCaches' options: `parts` cached, nothing suffixed, a Linux runner, the step starting now. */
export function testRestoreOptions({ parts, restoreOnly = false, ...place }: TestRestorePlace): RestoreOptions {
  return {
    settings: { parts, restoreOnly, keySuffix: '' },
    go: findGo(),
    directories: ['.'],
    os: 'Linux',
    startedMs: Date.now(),
    log: silentLogger,
    deadlines: { lookupMs: 30_000, restoreMs: 60_000, childEntry: DIST_ENTRY },
    ...place
  }
}

/**
 * Sets `vars` in this process's environment (where @actions/cache, run in-process by a test, reads the cache service
 * and the workspace) and returns what puts the environment back as it was.
 */
export function overrideProcessEnv(vars: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map(name => [name, process.env[name]]))
  Object.assign(process.env, vars)
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}
