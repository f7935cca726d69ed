/**
 * The module cache's restore runs beside the Go install (src/cache/phase.ts restoreModulesEarly): its place
 * (GOMODCACHE) and its key (the go.sum files) do not depend on the Go version, so with a go already on PATH the action
 * asks that go where the module cache is and restores it while the install downloads and verifies the toolchain;
 * the cache phase takes that restore when the installed go names the same GOMODCACHE, and restores again when not.
 *
 * The bundle as the runner runs it; the REAL toolchain zip built from the Go here, served by a loopback toolchain
 * proxy that answers each request a second late (a proxy some distance away), verified against a loopback checksum
 * database; the real @actions/cache against Azurite, with the loopback stand-in for GitHub's cache-service API (it
 * exists only on GitHub). The order is asserted from the servers' logs, not from timing.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { restoreCaches, type ModulesRestore } from '../../src/cache/phase.js'
import { stopRestoreWorker } from '../../src/cache/restore-worker.js'
import { silentLogger } from '../../src/host/logger.js'
import { startAzurite, startCacheService, type Azurite, type CacheService } from '../support/cache-service.js'
import { cleanupTempDirs, findGo, goTestEnv, tempDir } from '../support/go.js'
import { testRestoreOptions } from '../support/cache-phase.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { runAction, runPost } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import { hostToolchainZip, type ToolchainZipFixture, toolchainRecord } from '../support/toolchain-zip.js'
import { startInstallServer, type InstallServer } from '../install/install-server.js'

const lib = defineModule({ path: 'example.com/early/lib', version: 'v1.0.0' })
const JOB_MS = 240_000

let fixture: ToolchainZipFixture
let toolchains: InstallServer
let modules: TestProxy
let db: SumdbServer
let azurite: Azurite
let service: CacheService

beforeAll(async () => {
  findGo() // the suite needs go (the fixture is built from it): it fails, never skips, without one
  fixture = hostToolchainZip()
  ;[toolchains, modules, db, azurite] = await Promise.all([
    startInstallServer({ served: [{ moduleVersion: fixture.moduleVersion, file: fixture.file }] }),
    startProxy({ modules: [lib] }),
    startSumdb({
      records: [
        { path: lib.path, version: lib.version, h1: lib.sum, goModH1: lib.goModSum },
        toolchainRecord(fixture.moduleVersion, fixture.h1)
      ]
    }),
    startAzurite()
  ])
  service = await startCacheService(azurite)
}, 300_000)

afterAll(async () => {
  stopRestoreWorker()
  await Promise.all([toolchains?.close(), modules?.close(), db?.close(), service?.close(), azurite?.close()])
  await cleanupTempDirs()
})

/** A fresh runner at one place (the cache version hashes the paths, as on GitHub's images): the go here on PATH. */
function freshRunner(root: string): { env: Record<string, string>; project: string; home: string } {
  rmSync(root, { recursive: true, force: true })
  const home = join(root, 'runner')
  const project = join(root, 'workspace')
  for (const dir of ['temp', 'toolcache']) mkdirSync(join(home, dir), { recursive: true })
  writeProject(project, { module: 'example.com/early/app', requires: [lib] })
  const env = {
    ...goTestEnv(home, { GOPROXY: undefined, GOSUMDB: undefined, GOCACHE: join(home, 'gocache') }),
    ...service.env(),
    RUNNER_OS: 'Linux',
    RUNNER_TOOL_CACHE: join(home, 'toolcache')
  }
  return { env, project, home }
}

test(
  'go-version and cache: the modules restore reaches the cache service before the install asks for the toolchain zip, and is the one used',
  async () => {
    const base = tempDir('early-restore-')
    const root = join(base, 'job')
    const inputs = (project: string) => ({
      'go-version': fixture.goVersion,
      // The module proxy answers 404 for golang.org/toolchain: `,` lets that through to the toolchain proxy.
      proxies: `${modules.url},${toolchains.url}`,
      sumdb: `${db.verifierKey} ${db.url}`,
      probe: 'false',
      'working-directory': project,
      cache: 'modules',
      'job-status': 'success'
    })
    // A cold job stores the modules entry.
    const cold = freshRunner(root)
    const first = await runAction({
      inputs: inputs(cold.project),
      env: cold.env,
      cwd: cold.project,
      runnerTemp: join(cold.home, 'temp'),
      timeoutMs: JOB_MS
    })
    expect(first.stdout).not.toContain('::error::')
    expect(first.code).toBe(0)
    const post = await runPost(first, cold.env, { inputs: inputs(cold.project), cwd: cold.project })
    expect(post.stdout).toMatch(/Module cache: saved setup-goproxy-modules-Linux-/)

    // The next job, on a fresh runner (the tool cache empty again): the toolchain proxy is a second away.
    const job = freshRunner(root)
    toolchains.delayMs = 1000
    let zipAskedAt = Number.POSITIVE_INFINITY
    toolchains.fault = path => {
      if (path.endsWith('.zip')) zipAskedAt = Math.min(zipAskedAt, Date.now())
      return undefined
    }
    const before = { service: service.requests.length, proxy: modules.requests.length }
    const run = await runAction({
      inputs: inputs(job.project),
      env: job.env,
      cwd: job.project,
      runnerTemp: join(job.home, 'temp'),
      timeoutMs: JOB_MS
    })
    toolchains.delayMs = 0
    expect(run.stdout).not.toContain('::error::')
    expect(run.code).toBe(0)
    expect(run.outputs).toMatchObject({ 'go-from-tool-cache': 'false', 'cache-modules': 'exact' })
    const lookups = service.requests
      .slice(before.service)
      .filter(r => r.method === 'GetCacheEntryDownloadURL' && String(r.body.key).startsWith('setup-goproxy-modules-'))
    expect(lookups.length).toBeGreaterThan(0)
    expect(Number.isFinite(zipAskedAt)).toBe(true)
    expect(lookups[0].time).toBeLessThan(zipAskedAt)
    // That restore is the one the cache phase took (no second restore), and the module came from it.
    expect(lookups).toHaveLength(2) // the worker's lookup beside its restore: one restore
    expect(run.stdout).toMatch(/::debug::Module cache: restored in \d+ ms \(beside the Go install\)/)
    expect(modules.requests.slice(before.proxy).filter(r => r.module === lib.path)).toEqual([])
  },
  2 * JOB_MS
)

test('an early restore into another GOMODCACHE than the job go names is not taken: the cache phase restores again', async () => {
  const root = tempDir('early-mismatch-')
  const job = freshRunner(root)
  const saved: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries({ ...service.env(), RUNNER_TEMP: join(job.home, 'temp') })) {
    saved[name] = process.env[name]
    process.env[name] = value
  }
  try {
    const elsewhere = join(root, 'elsewhere')
    const early: ModulesRestore = {
      gomodcache: elsewhere,
      part: { part: 'modules', kind: 'none', key: 'k', files: 0, bytes: 0 },
      state: {
        path: join(elsewhere, 'cache', 'download'),
        stage: `${elsewhere}-setup-goproxy-delta`,
        key: 'k',
        restored: 'none',
        list: join(root, 'list')
      },
      ms: 1
    }
    const lines: string[] = []
    const before = service.requests.length
    const result = await restoreCaches(
      testRestoreOptions({
        parts: ['modules'],
        cwd: job.project,
        env: job.env,
        stateDir: join(job.home, 'temp'),
        log: { ...silentLogger, debug: (line: string) => lines.push(line) },
        early: Promise.resolve(early)
      })
    )
    expect(result?.state.modules?.path).toBe(join(job.env.GOMODCACHE, 'cache', 'download'))
    // Restored again, at the job go's GOMODCACHE (a place no entry was saved from: none).
    expect(result?.modules?.kind).toBe('none')
    expect(service.requests.slice(before).some(r => String(r.body.key).startsWith('setup-goproxy-modules-'))).toBe(true)
    expect(lines.some(line => line.includes(`restored early into ${elsewhere}, but the job's go uses`))).toBe(true)
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}, 120_000)
