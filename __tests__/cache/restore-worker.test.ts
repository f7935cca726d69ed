/**
 * The cache restores' worker (src/cache/restore-worker.ts): one child process, the test bundle's own dist/index.js as
 * on the runner, serves every restore of a step; it looks each entry up beside the restore, so the lookup deadline
 * has its answer without a second round trip before the download; a lookup past its deadline kills the worker, and
 * the next restore starts a new one.
 *
 * The real @actions/cache against Azurite; the loopback stand-in for GitHub's cache-service API (that API exists only
 * on GitHub: support/cache-service.ts) holds lookups back when asked, and records the order of requests and answers.
 * Worker processes are counted from inside them: a NODE_OPTIONS preload that every node process of the tree runs
 * appends its pid to a file when it is started as the worker.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { restoreEntry, saveEntry } from '../../src/cache/cache.js'
import { RESTORE_WORKER_ARG } from '../../src/cache/child-arg.js'
import { stopRestoreWorker } from '../../src/cache/restore-worker.js'
import { startAzurite, startCacheService, type Azurite, type CacheService } from '../support/cache-service.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'
import { DIST_ENTRY } from '../support/run-action.js'

const deadlines = (lookupMs = 30_000) => ({ lookupMs, restoreMs: 60_000, childEntry: DIST_ENTRY })

describe('the cache restore worker (real @actions/cache, Azurite, the test bundle as the worker)', () => {
  let azurite: Azurite
  let service: CacheService
  let root: string
  let workerLog: string
  const trees: Record<'modules' | 'build', string> = { modules: '', build: '' }
  const saved: Record<string, string | undefined> = {}

  beforeAll(async () => {
    azurite = await startAzurite()
    service = await startCacheService(azurite)
    root = tempDir('restore-worker-')
    workerLog = join(root, 'workers.log')
    const preload = join(root, 'count-workers.cjs')
    writeFileSync(
      preload,
      `if (process.argv.includes(${JSON.stringify(RESTORE_WORKER_ARG)})) require('node:fs').appendFileSync(${JSON.stringify(workerLog)}, process.pid + '\\n')\n`
    )
    const env = {
      ...service.env(),
      GITHUB_WORKSPACE: join(root, 'workspace'),
      RUNNER_TEMP: join(root, 'runner-temp'),
      NODE_OPTIONS: `--require ${preload}`
    }
    mkdirSync(env.GITHUB_WORKSPACE, { recursive: true })
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name]
      process.env[name] = value
    }
    for (const part of ['modules', 'build'] as const) {
      trees[part] = join(root, part)
      mkdirSync(trees[part], { recursive: true })
      for (let i = 0; i < 10; i++) writeFileSync(join(trees[part], `file-${i}`), randomBytes(4 << 10))
      expect(await saveEntry([trees[part]], `worker-${part}-1`, 120_000)).toBe(true)
    }
  }, 120_000)

  afterAll(async () => {
    stopRestoreWorker()
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    await Promise.all([service?.close(), azurite?.close()])
    await cleanupTempDirs()
  })

  beforeEach(() => {
    stopRestoreWorker()
    rmSync(workerLog, { force: true })
    service.slowLookupMs = 0
    for (const tree of Object.values(trees)) rmSync(tree, { recursive: true, force: true })
  })

  const workersStarted = () => readFileSync(workerLog, 'utf8').trim().split('\n').length
  const lookupsOf = (key: string) =>
    service.requests.filter(r => r.method === 'GetCacheEntryDownloadURL' && r.body.key === key)

  test('both parts restored at once: one worker process serves them', async () => {
    const outcomes = await Promise.all(
      (['modules', 'build'] as const).map(part =>
        restoreEntry([trees[part]], `worker-${part}-2`, [`worker-${part}-`], deadlines())
      )
    )
    expect(outcomes).toEqual([{ matchedKey: 'worker-modules-1' }, { matchedKey: 'worker-build-1' }])
    expect(readFileSync(join(trees.build, 'file-3')).length).toBe(4 << 10)
    expect(workersStarted()).toBe(1)
  }, 90_000)

  test('the lookup runs beside the restore: the restore does not wait for the lookup-only answer', async () => {
    service.slowLookupMs = 1500
    const outcome = await restoreEntry([trees.modules], 'worker-modules-3', ['worker-modules-'], deadlines())
    expect(outcome).toEqual({ matchedKey: 'worker-modules-1' })
    const lookups = lookupsOf('worker-modules-3')
    expect(lookups).toHaveLength(2)
    // The second reached the service before it answered the first (each is held 1.5 s): neither waited for the other.
    expect(lookups[1].lookupsAnsweredBefore).toBe(lookups[0].lookupsAnsweredBefore)
  }, 90_000)

  test('a lookup held past its deadline: given up with its own message, and the next restore starts a new worker', async () => {
    service.slowLookupMs = 6000
    const outcome = await restoreEntry([trees.modules], 'worker-modules-4', ['worker-modules-'], deadlines(1000))
    expect(outcome).toEqual({ gaveUp: 'The cache lookup did not finish within 1 s' })
    expect(workersStarted()).toBe(1)
    service.slowLookupMs = 0
    const again = await restoreEntry([trees.modules], 'worker-modules-5', ['worker-modules-'], deadlines())
    expect(again).toEqual({ matchedKey: 'worker-modules-1' })
    expect(workersStarted()).toBe(2)
  }, 90_000)

  test('a worker that ends while a restore lists its tree: the request goes to a new worker, not to the one that ended', async () => {
    await restoreEntry([trees.build], 'worker-build-6', ['worker-build-'], deadlines())
    const [first] = readFileSync(workerLog, 'utf8').trim().split('\n').map(Number)
    // A tree that takes a while to list (the restore lists it before it sends the request, to undo a killed restore).
    const crowded = join(root, 'crowded')
    rmSync(crowded, { recursive: true, force: true })
    for (let d = 0; d < 40; d++) {
      mkdirSync(join(crowded, `d${d}`), { recursive: true })
      for (let f = 0; f < 100; f++) writeFileSync(join(crowded, `d${d}`, `f${f}`), '')
    }
    const restoring = restoreEntry([crowded], 'worker-crowded-1', ['worker-crowded-'], deadlines())
    process.kill(first, 'SIGKILL')
    // No entry of that name: an answer (none), from a new worker, and no wait for a worker that is gone.
    expect(await restoring).toEqual({ matchedKey: undefined })
    expect(workersStarted()).toBe(2)
  }, 90_000)
})
