/**
 * The cache phase's order (src/cache/phase.ts restoreCaches): the build cache's restore starts with the modules
 * restore, not after it. They are independent entries of independent trees; run one after the other, the build
 * restore's lookup, child process, download and tar were all paid after the module cache was ready, and the step
 * (which awaits the build restore before it ends) ended that much later.
 *
 * Asserted from the order of events at the cache service, not from timing: every download is held back a while
 * (support/cache-service.ts slowDownloadMs), and the build entry's lookup must reach the service before the modules
 * entry's download was served. The real @actions/cache against Azurite; the loopback stand-in for GitHub's
 * cache-service API (that API exists only on GitHub).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { saveEntry } from '../../src/cache/cache.js'
import { moduleEntryPaths, restoreCaches, saveCaches } from '../../src/cache/phase.js'
import { buildPrefix } from '../../src/cache/policy.js'
import { goEnv } from '../../src/exec/go.js'
import { silentLogger } from '../../src/host/logger.js'
import type { CacheService } from '../support/cache-service.js'
import { cleanupTempDirs, findGo } from '../support/go.js'
import { testRestoreOptions, startCachePhaseBed, type CachePhaseBed } from '../support/cache-phase.js'

const HELD_MS = 1500

describe(`the cache phase's restores and what post stores after them (real @actions/cache, Azurite, ${findGo()})`, () => {
  let bed: CachePhaseBed
  let service: CacheService
  let project: string
  let env: Record<string, string>
  let gomodcache: string
  let gocache: string

  beforeAll(async () => {
    bed = await startCachePhaseBed('restore-order', 'module example.com/order\n\ngo 1.21\n')
    ;({ service, project, env } = bed)
    // It records the module of the earlier entry: a restored zip go.sum does not record is removed.
    writeFileSync(join(project, 'go.sum'), 'example.com/m v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n')
    gomodcache = env.GOMODCACHE
    gocache = env.GOCACHE
    // One entry of each kind, from an earlier job: modules under another go.sum's key (a partial hit), build under
    // this Go's prefix.
    const downloads = join(gomodcache, 'cache', 'download', 'example.com', 'm', '@v')
    mkdirSync(downloads, { recursive: true })
    writeFileSync(join(downloads, 'v1.0.0.zip'), 'a module zip\n')
    mkdirSync(join(gocache, 'ab'), { recursive: true })
    writeFileSync(join(gocache, 'ab', `ab${'0'.repeat(62)}-d`), 'a build output\n')
    const facts = await goEnv(findGo(), ['GOARCH', 'GOVERSION'], { cwd: project, env })
    if (!facts.ok) throw new Error(facts.message)
    const context = { os: 'Linux', arch: facts.values.GOARCH, goVersion: facts.values.GOVERSION, keySuffix: '' }
    expect(
      await saveEntry(
        moduleEntryPaths(join(gomodcache, 'cache', 'download')),
        'setup-goproxy-modules-Linux-earlier',
        60_000
      )
    ).toBe(true)
    expect(await saveEntry([gocache], `${buildPrefix(context)}earlier`, 60_000)).toBe(true)
  }, 120_000)

  afterAll(async () => {
    await bed?.close()
    await cleanupTempDirs()
  })

  test('the build restore starts beside the modules restore: its lookup comes before the modules download is served', async () => {
    rmSync(gomodcache, { recursive: true, force: true })
    rmSync(gocache, { recursive: true, force: true })
    service.slowDownloadMs = HELD_MS
    const since = service.requests.length
    const result = await restoreCaches(
      testRestoreOptions({ parts: ['modules', 'build'], cwd: project, env, stateDir: bed.stateDir })
    )
    const build = await result?.build
    expect(result?.modules?.kind).toBe('partial')
    expect(build?.kind).toBe('partial')
    expect(readdirSync(join(gomodcache, 'cache', 'download', 'example.com', 'm', '@v'))).toEqual(['v1.0.0.zip'])
    expect(readdirSync(join(gocache, 'ab'))).toEqual([`ab${'0'.repeat(62)}-d`])

    const lookups = service.requests.slice(since).filter(r => r.method === 'GetCacheEntryDownloadURL')
    const firstBuildLookup = lookups.find(r => String(r.body.key).startsWith('setup-goproxy-build-'))
    expect(firstBuildLookup?.downloadsServedBefore).toBe(0)
    // Both downloads were served (through the held path), so the order above is the one that matters.
    expect(service.downloadsServed).toBeGreaterThanOrEqual(2)
  }, 120_000)

  test('an entry the main step’s own go writes after the build restore is not a reason to store the cache again', async () => {
    rmSync(gomodcache, { recursive: true, force: true })
    rmSync(gocache, { recursive: true, force: true })
    service.slowDownloadMs = 0
    const result = await restoreCaches(
      testRestoreOptions({ parts: ['modules', 'build'], cwd: project, env, stateDir: bed.stateDir })
    )
    expect((await result?.build)?.kind).toBe('partial')
    // The restore is done and listed; then the main step's go (the warm phase, `go env`) writes an entry.
    mkdirSync(join(gocache, 'cd'), { recursive: true })
    writeFileSync(join(gocache, 'cd', `cd${'1'.repeat(62)}-d`), 'written by the main step’s go\n')
    await result?.buildSettled?.()
    if (!result) throw new Error('no cache phase')
    const saved = await saveCaches({ state: result.state, jobStatus: 'success', log: silentLogger })
    expect(saved.find(p => p.part === 'build')).toMatchObject({ saved: false, reason: 'unchanged since the restore' })
  }, 120_000)
})
