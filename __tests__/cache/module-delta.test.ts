/**
 * Delta modules entries (src/cache/phase.ts, policy.ts moduleDeltaPrefix, deltaSavePlan): a job whose go.sum files
 * differ from the entry it restored (the base) stores only the module files beyond that base, as a cumulative delta
 * keyed on its own go.sum hash; the next job with the same go.sum files restores the base and that delta, an exact hit
 * (nothing stored again); one with other go.sum files restores the base and its newest delta; a delta over the
 * threshold stores a full entry again; a delta is only ever applied to its own base. setup-go stores its whole archive
 * again whenever go.mod changes (issue 19).
 *
 * The cache phase's own restore and save (restoreCaches, saveCaches) with the real @actions/cache against Azurite and
 * the loopback stand-in for GitHub's cache-service API (that API exists only on GitHub; support/cache-service.ts).
 * The download cache is laid out as go lays it out (real module zips, .mod and .info files), written by the test where
 * a job's go would write it; every job starts from an empty GOMODCACHE. The jobs build on each other, in order. The
 * action's jobs with the real go are in cache-jobs.ts.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hashFiles } from '../../src/cache/cache.js'
import { listFiles } from '../../src/cache/files.js'
import { restoreCaches, saveCaches, type RestoreResult } from '../../src/cache/phase.js'
import { DELTA_MAX_FRACTION, deltaStage, moduleDeltaPrefix, moduleKeys } from '../../src/cache/policy.js'
import type { RestoredPart, SavedPart } from '../../src/cache/report.js'
import { moduleFilePath } from '../../src/go/module/path.js'
import { silentLogger } from '../../src/host/logger.js'
import { startCachePhaseBed, testRestoreOptions, type CachePhaseBed } from '../support/cache-phase.js'
import { cleanupTempDirs, findGo } from '../support/go.js'
import { defineModule, goSumLines, moduleSet, type TestModule } from '../support/modules.js'

const CONTEXT = { os: 'Linux', keySuffix: '' }
const BASE = moduleSet(10, 'example.com/mdelta')
const [ADDED, ADDED_TOO, AFTER_FULL, LAST] = moduleSet(4, 'example.com/mdelta-new')
/** A module larger than DELTA_MAX_FRACTION of the base (random text: compression does not shrink it away). */
const LARGE = defineModule({
  path: 'example.com/mdelta-large',
  version: 'v1.0.0',
  files: { 'large.go': `package large\n\nconst Data = "${randomBytes(64 * 1024).toString('base64')}"\n` }
})
/** The files of a module version in the download cache, relative to it. */
const FILES_PER_MODULE = 3

describe(`modules deltas (the cache phase, real @actions/cache, Azurite, ${findGo()})`, () => {
  let bed: CachePhaseBed
  let project: string
  let env: Record<string, string>
  let baseKey: string

  const download = () => join(env.GOMODCACHE, 'cache', 'download')
  const keys = () => bed.service.entries.filter(e => e.finalized).map(e => e.key)
  const sizeOf = (key: string) => bed.service.entries.find(e => e.finalized && e.key === key)?.sizeBytes ?? NaN
  const held = async () => (await listFiles(download())).map(f => f.path).sort()
  const filesOf = (modules: readonly TestModule[]) =>
    modules.flatMap(m => ['info', 'mod', 'zip'].map(ext => moduleFilePath(m.path, m.version, ext))).sort()

  /** The job's go.sum records these modules (a restored zip it does not record is removed). */
  function writeGoSum(modules: readonly TestModule[]): void {
    writeFileSync(join(project, 'go.sum'), `${goSumLines(modules).join('\n')}\n`)
  }

  /** What the job's go downloads: the module's .info, .mod and .zip. */
  function fetchModules(modules: readonly TestModule[]): void {
    for (const m of modules) {
      for (const [ext, content] of [
        ['info', m.info],
        ['mod', m.mod],
        ['zip', m.zip]
      ] as const) {
        const file = join(download(), moduleFilePath(m.path, m.version, ext))
        mkdirSync(join(file, '..'), { recursive: true })
        writeFileSync(file, content)
      }
    }
  }

  /** A job's main step on a fresh runner: the modules restore. */
  async function restore(): Promise<{ result: RestoreResult; modules: RestoredPart }> {
    rmSync(env.GOMODCACHE, { recursive: true, force: true })
    const result = await restoreCaches(
      testRestoreOptions({ parts: ['modules'], cwd: project, env, stateDir: bed.stateDir })
    )
    if (!result?.modules) throw new Error('no modules restore')
    return { result, modules: result.modules }
  }

  /** The post step of a successful job. */
  async function save(result: RestoreResult): Promise<SavedPart> {
    const [modules] = await saveCaches({ state: result.state, jobStatus: 'success', log: silentLogger })
    return modules
  }

  const goSumHash = () => hashFiles([join(project, 'go.sum')], project)

  beforeAll(async () => {
    bed = await startCachePhaseBed('module-delta', 'module example.com/mdelta-job\n\ngo 1.21\n')
    ;({ project, env } = bed)
    // The cold job: nothing restored, the base saved whole.
    writeGoSum(BASE)
    const { result, modules } = await restore()
    expect(modules.kind).toBe('none')
    fetchModules(BASE)
    const part = await save(result)
    expect(part).toMatchObject({ saved: true, files: BASE.length * FILES_PER_MODULE })
    expect(part.deltaOf).toBeUndefined()
    baseKey = part.key!
  }, 120_000)

  afterAll(async () => {
    await bed?.close()
    await cleanupTempDirs()
  })

  let firstDelta: string

  test('one dependency added: the base is restored, and only the new module’s files are stored, as its delta', async () => {
    writeGoSum([...BASE, ADDED])
    const { result, modules } = await restore()
    expect(modules).toMatchObject({ kind: 'partial', matchedKey: baseKey, files: BASE.length * FILES_PER_MODULE })
    // No delta of this base exists yet.
    expect(modules.delta).toBeUndefined()
    expect(modules.deltaProblem).toBeUndefined()
    fetchModules([ADDED])
    const part = await save(result)
    const key = `${moduleDeltaPrefix(CONTEXT, baseKey)}${await goSumHash()}`
    expect(part).toMatchObject({ saved: true, key, deltaOf: baseKey, files: FILES_PER_MODULE })
    // Its archive holds one module of eleven (tar's and zstd's own bytes make it more than a tenth of the base's).
    expect(sizeOf(key)).toBeLessThan(sizeOf(baseKey) / 2)
    expect(existsSync(deltaStage(env.GOMODCACHE))).toBe(false)
    firstDelta = key
  }, 120_000)

  test('the next job with that go.sum restores the base and the delta: an exact hit, every file, nothing stored', async () => {
    const { result, modules } = await restore()
    expect(modules).toMatchObject({
      kind: 'exact',
      matchedKey: baseKey,
      delta: { key: firstDelta, files: FILES_PER_MODULE },
      files: (BASE.length + 1) * FILES_PER_MODULE,
      zips: { kept: BASE.length + 1, removed: 0 }
    })
    expect(await held()).toEqual(filesOf([...BASE, ADDED]))
    expect(existsSync(deltaStage(env.GOMODCACHE))).toBe(false)
    const before = keys().length
    expect(await save(result)).toMatchObject({
      saved: false,
      reason: 'restored on its exact key (entries are written once)'
    })
    expect(keys()).toHaveLength(before)
  }, 120_000)

  test('deltas are cumulative: another go.sum gets the newest delta of the base, and its own holds both modules', async () => {
    writeGoSum([...BASE, ADDED, ADDED_TOO])
    const { result, modules } = await restore()
    expect(modules).toMatchObject({ kind: 'partial', matchedKey: baseKey, delta: { key: firstDelta } })
    fetchModules([ADDED_TOO])
    const part = await save(result)
    expect(part).toMatchObject({ saved: true, deltaOf: baseKey, files: 2 * FILES_PER_MODULE })
    expect(part.key).toBe(`${moduleDeltaPrefix(CONTEXT, baseKey)}${await goSumHash()}`)
  }, 120_000)

  let secondBase: string
  let lastDelta: string

  test('a delta over the threshold stores a full entry again', async () => {
    writeGoSum([...BASE, ADDED, ADDED_TOO, LARGE])
    const { result } = await restore()
    fetchModules([LARGE])
    const part = await save(result)
    expect(LARGE.zip.length).toBeGreaterThan(DELTA_MAX_FRACTION * sizeOf(baseKey))
    expect(part).toMatchObject({
      saved: true,
      key: moduleKeys(CONTEXT, await goSumHash()).key,
      files: (BASE.length + 3) * FILES_PER_MODULE
    })
    expect(part.deltaOf).toBeUndefined()
    expect(part.fullBecause).toMatch(/^the delta \(.+\) is over 0\.5× the .+ kept from the base$/)
    secondBase = part.key!
  }, 120_000)

  test('a delta of another base is never applied: the newest base has none, so none is restored', async () => {
    writeGoSum([...BASE, ADDED, ADDED_TOO, LARGE, AFTER_FULL])
    const { result, modules } = await restore()
    expect(modules.matchedKey).toBe(secondBase)
    expect(keys().filter(k => k.startsWith(moduleDeltaPrefix(CONTEXT, baseKey)))).toHaveLength(2)
    expect(modules.delta).toBeUndefined()
    expect(modules.deltaProblem).toBeUndefined()
    fetchModules([AFTER_FULL])
    const part = await save(result)
    expect(part).toMatchObject({ saved: true, deltaOf: secondBase, files: FILES_PER_MODULE })
    expect(part.key?.startsWith(moduleDeltaPrefix(CONTEXT, secondBase))).toBe(true)
  }, 120_000)

  test('a base file the job wrote again (a zip go refused, fetched anew) goes into the delta and replaces the base’s', async () => {
    const all = [...BASE, ADDED, ADDED_TOO, LARGE, AFTER_FULL, LAST]
    writeGoSum(all)
    const { result, modules } = await restore()
    expect(modules).toMatchObject({ kind: 'partial', matchedKey: secondBase })
    // What the warm phase does with a restored zip go refused: removed, then fetched again (other bytes here, so that
    // the test can tell whose copy the next job gets).
    const refetched = join(download(), moduleFilePath(BASE[0].path, BASE[0].version, 'zip'))
    rmSync(refetched)
    writeFileSync(refetched, BASE[0].corruptZip)
    fetchModules([LAST])
    const part = await save(result)
    // The delta of the base before (AFTER_FULL), the new module, and the zip written again.
    expect(part).toMatchObject({ saved: true, deltaOf: secondBase, files: 2 * FILES_PER_MODULE + 1 })

    const next = await restore()
    expect(next.modules).toMatchObject({ kind: 'exact', matchedKey: secondBase, delta: { key: part.key } })
    expect(await held()).toEqual(filesOf(all))
    expect(Buffer.from(readFileSync(refetched)).equals(Buffer.from(BASE[0].corruptZip))).toBe(true)
    lastDelta = part.key!
  }, 120_000)

  test.each([
    ['base and delta', false],
    ['its own key', true]
  ])(
    'an exact hit (%s) whose file go refused and the job fetched again: not stored, and post names the entries to delete',
    async (_how, ownKey) => {
      // The first job's entry under BASE's own key, or the full entry and delta the last jobs stored.
      const set = ownKey ? BASE : [...BASE, ADDED, ADDED_TOO, LARGE, AFTER_FULL, LAST]
      writeGoSum(set)
      const { result, modules } = await restore()
      const entries = ownKey ? [baseKey] : [secondBase, lastDelta]
      expect(modules.kind).toBe('exact')
      // The warm phase's repair of a restored zip go refused: removed, then fetched again.
      const victim = set[1]
      const refetched = join(download(), moduleFilePath(victim.path, victim.version, 'zip'))
      rmSync(refetched)
      writeFileSync(refetched, victim.zip)
      const warnings: string[] = []
      const [part] = await saveCaches({
        state: result.state,
        jobStatus: 'success',
        log: { ...silentLogger, warning: (message: string) => warnings.push(message) }
      })
      expect(part).toMatchObject({ saved: false, warn: true })
      expect(part.reason).toBe(
        `restored on its exact key (entries are written once); 1 of its files go refused were fetched again by this job (${victim.path}@${victim.version} .zip): every job restoring it fetches them again until ${entries.join(' and ')} ${entries.length > 1 ? 'are' : 'is'} deleted (gh cache delete KEY, or the repository's Actions caches page); the next job then stores the set anew`
      )
      expect(warnings).toEqual([`Module cache: not saved: ${part.reason}`])
    },
    120_000
  )

  test('an exact hit where go refused nothing: the plain reason, no warning', async () => {
    const { result, modules } = await restore()
    expect(modules.kind).toBe('exact')
    expect(await save(result)).toEqual(
      expect.objectContaining({ saved: false, reason: 'restored on its exact key (entries are written once)' })
    )
    expect((await save(result)).warn).toBeUndefined()
  }, 120_000)
})
