/**
 * A restore that does not finish leaves the tree as it was. Past its deadline it extracts nothing late. The real @actions/cache downloads the archive and then runs tar,
 * and takes no signal: given up in-process, a download that finished after the deadline would still be extracted —
 * into the module cache the warm phase is already writing. The restore runs in a child (the test bundle's own
 * dist/index.js, as on the runner) that the deadline kills with its tar (src/cache/restore-worker.ts).
 *
 * Azurite holds the blobs; the loopback stand-in for GitHub's cache-service API (which exists only on GitHub:
 * support/cache-service.ts) holds the slow download back longer than the deadline. The deadline is short through
 * restoreEntry's `deadlines`, a setting only tests pass (the action's are 15 s and 10 min). An archive cut short (its
 * blob replaced in Azurite by its first half) makes tar fail part-way, as a damaged entry or a full disk would: the files
 * it wrote before it failed are removed, also for the modules entry's glob paths (one pattern per kept suffix under the
 * download tree).
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { restoreEntry, saveEntry } from '../../src/cache/cache.js'
import { moduleEntryPaths } from '../../src/cache/phase.js'
import { startAzurite, startCacheService, type Azurite, type CacheService } from '../support/cache-service.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'
import { DIST_ENTRY } from '../support/run-action.js'
import { stopRestoreWorker } from '../../src/cache/restore-worker.js'

const KEY = 'setup-goproxy-modules-Linux-deadline'
const CUT_KEY = 'setup-goproxy-modules-Linux-cut-short'
const HELD_MS = 5000
const DEADLINE_MS = 1500

describe('a cache restore past its deadline (real @actions/cache, Azurite, restore in a child)', () => {
  let azurite: Azurite
  let service: CacheService
  let tree: string
  const saved: Record<string, string | undefined> = {}

  beforeAll(async () => {
    azurite = await startAzurite()
    service = await startCacheService(azurite)
    const root = tempDir('restore-deadline-')
    tree = join(root, 'gomodcache', 'cache', 'download')
    const env = {
      ...service.env(),
      GITHUB_WORKSPACE: join(root, 'workspace'),
      RUNNER_TEMP: join(root, 'runner-temp')
    }
    mkdirSync(env.GITHUB_WORKSPACE, { recursive: true })
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name]
      process.env[name] = value
    }
    mkdirSync(join(tree, 'example.com', 'm', '@v'), { recursive: true })
    for (let i = 0; i < 40; i++)
      writeFileSync(join(tree, 'example.com', 'm', '@v', `v1.0.${i}.zip`), randomBytes(64 << 10))
    expect(await saveEntry([tree], KEY, 120_000)).toBe(true)
    // The same files as a modules entry (glob paths), then its archive cut to its first half.
    expect(await saveEntry(moduleEntryPaths(tree), CUT_KEY, 120_000)).toBe(true)
    const entry = service.entries.find(e => e.key === CUT_KEY)
    if (!entry) throw new Error(`no entry ${CUT_KEY} in the cache service`)
    const blob = azurite.blobs.getContainerClient('actions-cache').getBlockBlobClient(entry.blob)
    const whole = await blob.downloadToBuffer()
    const half = whole.subarray(0, whole.length >> 1)
    await blob.upload(half, half.length)
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

  function emptyTreeWith(file: string): void {
    rmSync(tree, { recursive: true, force: true })
    mkdirSync(tree, { recursive: true })
    writeFileSync(join(tree, file), 'here before the restore\n')
  }

  const filesIn = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort()

  test('within its deadline the child restores the entry', async () => {
    service.slowDownloadMs = 0
    emptyTreeWith('kept')
    const outcome = await restoreEntry([tree], KEY, [], { lookupMs: 30_000, restoreMs: 60_000, childEntry: DIST_ENTRY })
    expect(outcome).toEqual({ matchedKey: KEY })
    expect(filesIn(join(tree, 'example.com', 'm', '@v'))).toHaveLength(40)
  }, 90_000)

  test('held past the deadline: given up, and nothing is extracted after the deadline either', async () => {
    service.slowDownloadMs = HELD_MS
    emptyTreeWith('kept')
    const started = Date.now()
    const outcome = await restoreEntry([tree], KEY, [], {
      lookupMs: 30_000,
      restoreMs: DEADLINE_MS,
      childEntry: DIST_ENTRY
    })
    expect(outcome).toEqual({ gaveUp: `The cache restore did not finish within ${DEADLINE_MS / 1000} s` })
    // Well past the moment the held download is answered and a live restore would have run tar.
    await sleep(Math.max(0, started + HELD_MS + 5000 - Date.now()))
    expect(filesIn(tree)).toEqual(['kept'])
  }, 90_000)

  test('an archive cut short: tar fails part-way, and the files it wrote are removed (glob paths too)', async () => {
    service.slowDownloadMs = 0
    emptyTreeWith('kept')
    const outcome = await restoreEntry(moduleEntryPaths(tree), CUT_KEY, [], {
      lookupMs: 30_000,
      restoreMs: 60_000,
      childEntry: DIST_ENTRY
    })
    expect(outcome.matchedKey).toBeUndefined()
    expect('gaveUp' in outcome && outcome.gaveUp).toMatch(
      new RegExp(`^The cache restore failed: the entry ${CUT_KEY} was found but not restored`)
    )
    expect(filesIn(tree)).toEqual(['kept'])
  }, 90_000)
})
