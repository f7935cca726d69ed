/**
 * The cache phase's options for a test that calls restoreCaches in-process: the real go, the test bundle as the
 * restore worker (as on the runner: src/cache/restore-worker.ts), the action's own deadlines made shorter.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RestoreOptions } from '../../src/cache/phase.js'
import type { CachePart } from '../../src/cache/policy.js'
import { stopRestoreWorker } from '../../src/cache/restore-worker.js'
import { silentLogger } from '../../src/host/logger.js'
import { startAzurite, startCacheService, type Azurite, type CacheService } from './cache-service.js'
import { findGo, goTestEnv, tempDir } from './go.js'
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

/**
 * The test bed of a suite that runs the cache phase in-process: Azurite with the loopback cache-service API (that API
 * exists only on GitHub; support/cache-service.ts), a project with `goMod` as its go.mod, go's environment under a
 * temp root (GOMODCACHE, GOCACHE) and this process's environment pointed at the service, the workspace and RUNNER_TEMP
 * (where @actions/cache reads them). `close` stops the restore worker, puts the environment back and stops the
 * servers; the suite still calls cleanupTempDirs.
 */
export interface CachePhaseBed {
  readonly azurite: Azurite
  readonly service: CacheService
  readonly root: string
  readonly project: string
  /** The job's environment for go (GOMODCACHE and GOCACHE under root). */
  readonly env: Record<string, string>
  /** RUNNER_TEMP: the restored entry lists. */
  readonly stateDir: string
  close(): Promise<void>
}

export async function startCachePhaseBed(name: string, goMod: string): Promise<CachePhaseBed> {
  const azurite = await startAzurite()
  const service = await startCacheService(azurite).catch(async (error: unknown) => {
    await azurite.close()
    throw error
  })
  const root = tempDir(`${name}-`)
  const project = join(root, 'workspace')
  mkdirSync(project, { recursive: true })
  writeFileSync(join(project, 'go.mod'), goMod)
  const env = goTestEnv(root, { GOCACHE: join(root, 'gocache') })
  const stateDir = join(root, 'runner-temp')
  const restoreEnv = overrideProcessEnv({ ...service.env(), GITHUB_WORKSPACE: project, RUNNER_TEMP: stateDir })
  return {
    azurite,
    service,
    root,
    project,
    env,
    stateDir,
    async close() {
      stopRestoreWorker()
      restoreEnv()
      await Promise.all([service.close(), azurite.close()])
    }
  }
}
