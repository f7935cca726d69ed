/**
 * Delta build entries (src/cache/phase.ts, policy.ts deltaSavePlan): a job that restored a base build entry and kept
 * little beyond it stores only that little, as a cumulative delta of that base, restored after the base by the next
 * jobs; a delta over the threshold stores a full base again; a delta is only ever applied to its own base.
 *
 * The cache phase's own restore and save (restoreCaches, saveCaches) with the real @actions/cache against Azurite and
 * the loopback cache-service API (that API exists only on GitHub; support/cache-service.ts), the entries written by
 * the test (random bytes, so that compression does not hide their sizes) in place of go's: each job restores into an
 * empty GOCACHE, "uses" the entries its build would (go refreshes their mtime), writes what it compiled, then saves.
 * The jobs build on each other, in order. The action's jobs with the real go are in cache-jobs.ts.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { saveEntry } from '../../src/cache/cache.js'
import { restoreCaches, saveCaches, type RestoreResult } from '../../src/cache/phase.js'
import {
  DELTA_MAX_FRACTION,
  buildDeltaPrefix,
  deltaStage,
  buildPrefix,
  type JobStatus,
  type KeyContext
} from '../../src/cache/policy.js'
import { goEnv } from '../../src/exec/go.js'
import { silentLogger } from '../../src/host/logger.js'
import type { RestoredPart, SavedPart } from '../../src/cache/report.js'
import type { CacheService } from '../support/cache-service.js'
import { cleanupTempDirs, findGo } from '../support/go.js'
import { testRestoreOptions, startCachePhaseBed, type CachePhaseBed } from '../support/cache-phase.js'

const KiB = 1024
const BASE_ENTRIES = 20
const BASE_ENTRY_BYTES = 40 * KiB

describe(`build-cache deltas (the cache phase, real @actions/cache, Azurite, ${findGo()})`, () => {
  let bed: CachePhaseBed
  let service: CacheService
  let project: string
  let env: Record<string, string>
  let gocache: string
  let context: KeyContext
  let baseKey: string
  let serial = 0

  /** A build-cache output of `bytes` random bytes under a fresh name; returns its relative path. */
  function writeEntry(bytes: number): string {
    const name = (++serial).toString(16).padStart(64, '0')
    const rel = `${name.slice(0, 2)}/${name}-d`
    mkdirSync(join(gocache, name.slice(0, 2)), { recursive: true })
    writeFileSync(join(gocache, rel), randomBytes(bytes))
    return rel
  }

  const entryNames = () =>
    readdirSync(gocache, { recursive: true, encoding: 'utf8' })
      .map(p => p.split('\\').join('/'))
      .filter(p => /-[ad]$/.test(p))
      .sort()

  /** What go does to the entries a build uses: their mtime becomes now (they were set back past its hour). */
  function useAll(): void {
    const now = new Date()
    for (const rel of entryNames()) utimesSync(join(gocache, rel), now, now)
  }

  const keys = () => service.entries.filter(e => e.finalized).map(e => e.key)
  const sizeOf = (key: string) => service.entries.find(e => e.finalized && e.key === key)?.sizeBytes ?? NaN

  /** A job's main step on a fresh runner (empty GOCACHE): the build restore, and the main step's end. */
  async function restore(restoreOnly = false): Promise<{ result: RestoreResult; build: RestoredPart }> {
    rmSync(gocache, { recursive: true, force: true })
    const result = await restoreCaches(
      testRestoreOptions({ parts: ['build'], restoreOnly, cwd: project, env, stateDir: bed.stateDir })
    )
    if (!result?.build) throw new Error('no build restore')
    const build = await result.build
    await result.buildSettled?.()
    return { result, build }
  }

  /** The post step. */
  async function save(result: RestoreResult, jobStatus: JobStatus = 'success'): Promise<SavedPart> {
    const parts = await saveCaches({ state: result.state, jobStatus, log: silentLogger })
    const build = parts.find(p => p.part === 'build')
    if (!build) throw new Error('no build part saved')
    return build
  }

  beforeAll(async () => {
    bed = await startCachePhaseBed('build-delta', 'module example.com/delta\n\ngo 1.21\n')
    ;({ service, project, env } = bed)
    gocache = env.GOCACHE
    const facts = await goEnv(findGo(), ['GOARCH', 'GOVERSION'], { cwd: project, env })
    if (!facts.ok) throw new Error(facts.message)
    context = { os: 'Linux', arch: facts.values.GOARCH, goVersion: facts.values.GOVERSION, keySuffix: '' }
    // The base entry an earlier (cold) job stored: BASE_ENTRIES outputs.
    for (let i = 0; i < BASE_ENTRIES; i++) writeEntry(BASE_ENTRY_BYTES)
    baseKey = `${buildPrefix(context)}${'b'.repeat(32)}`
    expect(await saveEntry([gocache], baseKey, 60_000)).toBe(true)
  }, 120_000)

  afterAll(async () => {
    await bed?.close()
    await cleanupTempDirs()
  })

  let firstDelta: { key: string; names: string[] }

  test('a job that adds a little stores a delta of its base (only the new entries), not the whole cache', async () => {
    const { result, build } = await restore()
    expect(build).toMatchObject({ kind: 'partial', matchedKey: baseKey, files: BASE_ENTRIES })
    expect(build.delta).toBeUndefined()
    useAll()
    const names = [writeEntry(8 * KiB), writeEntry(8 * KiB)]
    const before = keys().length
    const part = await save(result)
    const prefix = buildDeltaPrefix(context, baseKey)
    expect(part).toMatchObject({ saved: true, deltaOf: baseKey, files: 2, bytes: 16 * KiB })
    expect(part.key?.startsWith(prefix)).toBe(true)
    expect(keys()).toEqual([...keys().slice(0, before), part.key])
    // The delta's archive holds the two new entries: far smaller than the base's.
    expect(sizeOf(part.key!)).toBeGreaterThan(16 * KiB)
    expect(sizeOf(part.key!)).toBeLessThan(sizeOf(baseKey) / 5)
    expect(existsSync(deltaStage(gocache))).toBe(false)
    firstDelta = { key: part.key!, names }
  }, 120_000)

  test('the next job restores the base and the delta; with nothing new it stores nothing', async () => {
    const { result, build } = await restore()
    expect(build).toMatchObject({
      kind: 'partial',
      matchedKey: baseKey,
      delta: { key: firstDelta.key, files: 2, bytes: 16 * KiB },
      files: BASE_ENTRIES + 2
    })
    expect(entryNames()).toEqual(expect.arrayContaining(firstDelta.names))
    expect(existsSync(deltaStage(gocache))).toBe(false)
    useAll()
    const before = keys().length
    expect(await save(result)).toMatchObject({ saved: false, reason: 'unchanged since the restore' })
    expect(keys()).toHaveLength(before)
  }, 120_000)

  test('deltas are cumulative: the next one holds the earlier delta’s entries too, and is the one restored', async () => {
    const { result, build } = await restore()
    expect(build.delta?.key).toBe(firstDelta.key)
    useAll()
    const added = writeEntry(8 * KiB)
    const part = await save(result)
    expect(part).toMatchObject({ saved: true, deltaOf: baseKey, files: 3 })

    const next = await restore()
    expect(next.build.delta).toEqual({ key: part.key, files: 3, bytes: 24 * KiB })
    expect(entryNames()).toEqual(expect.arrayContaining([...firstDelta.names, added]))
  }, 120_000)

  test('a failed job and a restore-only job store nothing, not even a delta', async () => {
    const before = keys().length
    const failed = await restore()
    useAll()
    writeEntry(8 * KiB)
    expect(await save(failed.result, 'failure')).toMatchObject({
      saved: false,
      reason: 'the job did not succeed (job.status: failure)'
    })
    const restoreOnly = await restore(true)
    expect(restoreOnly.build.delta).toBeDefined()
    useAll()
    writeEntry(8 * KiB)
    expect(await save(restoreOnly.result)).toMatchObject({ saved: false, reason: 'cache-restore-only' })
    expect(keys()).toHaveLength(before)
    expect(existsSync(deltaStage(gocache))).toBe(false)
  }, 120_000)

  let secondBase: string

  test('a delta over the threshold stores a full base again, trimmed to what the job used', async () => {
    const { result } = await restore()
    useAll()
    // More than DELTA_MAX_FRACTION of the base's bytes, beyond it.
    writeEntry(Math.ceil(DELTA_MAX_FRACTION * BASE_ENTRIES * BASE_ENTRY_BYTES) + KiB)
    const part = await save(result)
    expect(part.saved).toBe(true)
    expect(part.deltaOf).toBeUndefined()
    expect(part.key).toMatch(new RegExp(`^${buildPrefix(context)}[0-9a-f]{32}$`))
    expect(part.fullBecause).toMatch(/^the delta \(.+\) is over 0\.5× the .+ kept from the base$/)
    expect(part.files).toBe(BASE_ENTRIES + 4)
    secondBase = part.key!
  }, 120_000)

  test('a delta of another base is never applied: the newest base has none, so none is restored', async () => {
    const { result, build } = await restore()
    expect(build.matchedKey).toBe(secondBase)
    // The deltas in the cache are the first base's; the newest of them must not be restored onto this one.
    expect(keys().filter(k => k.startsWith('setup-goproxy-build-delta-')).length).toBeGreaterThan(0)
    expect(build.delta).toBeUndefined()
    expect(build.deltaProblem).toBeUndefined()
    useAll()
    // What this job adds is a delta of the new base.
    writeEntry(8 * KiB)
    const part = await save(result)
    expect(part).toMatchObject({ saved: true, deltaOf: secondBase, files: 1 })
    expect(part.key?.startsWith(buildDeltaPrefix(context, secondBase))).toBe(true)
  }, 120_000)
})
