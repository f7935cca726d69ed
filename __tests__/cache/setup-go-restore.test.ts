/**
 * Defect 1 of issue 19, reproduced with the real parts: actions/setup-go's cache restore is
 * `restoreCache([GOMODCACHE, GOCACHE], key)` from @actions/cache, which extracts with `tar -xf <archive> -P -C
 * <workspace>` (lib/internal/tar.js). Over a module cache that a warm phase already filled, go's read-only files in
 * read-only directories make GNU tar fail on every existing file with "Cannot open: File exists" — for a non-root
 * user, as on GitHub's runners; root may unlink in a read-only directory, so as root the restore passes (a test run as
 * root hides the failure). A module cache written under -modcacherw (writable directories) takes the restore.
 *
 * The real @actions/cache runs in a process of its own (support/cache-client.mjs) as a non-root uid, against Azurite
 * for the blobs and the loopback stand-in for GitHub's cache-service API (support/cache-service.ts), which exists only
 * on GitHub. go is the real go.
 */
import { chmodSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { canSwitchUser, chownToRunner, runAsUser, RUNNER_UID, type UserRun } from '../support/as-user.js'
import { describeOnlyWhere, LINUX, testOnlyWhere } from '../support/platform.js'
import { startAzurite, startCacheService, type Azurite, type CacheService } from '../support/cache-service.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { moduleSet, writeProject } from '../support/modules.js'
import { runAction, testDist } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

const CLIENT = join(process.cwd(), '__tests__', 'support', 'cache-client.mjs')
const modules = moduleSet(6, 'example.com/sgr')

/**
 * What this suite reproduces is GNU tar (which @actions/cache runs on Linux) over go's read-only (0555) module cache
 * directories as a non-root user: Windows has neither the modes nor GNU tar, and macOS's runners extract with another
 * tar, so there it would test something else.
 */
const NEEDS_GNU_TAR = 'Linux only: GNU tar over read-only directories, as @actions/cache extracts on Linux'
/** The one case about root itself. */
const asRootCase = testOnlyWhere(
  canSwitchUser(),
  'needs the suite to start as root (.ci/run does; GitHub’s runners do not)'
)

describeOnlyWhere(LINUX, NEEDS_GNU_TAR)(
  `setup-go's restore over a warmed module cache (real @actions/cache, Azurite, ${findGo()})`,
  () => {
    let azurite: Azurite
    let service: CacheService
    let proxy: TestProxy
    let sumdb: SumdbServer
    let root: string
    let project: string
    let gomodcache: string
    let gocache: string
    let jobEnv: Record<string, string>
    const KEY = 'setup-go-Linux-x64-go-1.23-deadbeef'

    beforeAll(async () => {
      ;[azurite, proxy, sumdb] = await Promise.all([
        startAzurite(),
        startProxy({ modules }),
        startSumdb({
          records: modules.map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
        })
      ])
      service = await startCacheService(azurite)
      root = tempDir('setup-go-restore-')
      chmodSync(root, 0o755)
      project = join(root, 'workspace')
      writeProject(project, { requires: modules })
      gomodcache = join(root, 'home', 'go', 'pkg', 'mod')
      gocache = join(root, 'home', '.cache', 'go-build')
      jobEnv = {
        ...goTestEnv(root, { GOPROXY: proxy.url, GOMODCACHE: gomodcache, GOCACHE: gocache }),
        ...service.env(),
        GITHUB_WORKSPACE: project,
        RUNNER_TEMP: join(root, 'runner-temp')
      }
      // Job 1 (setup-go's save after a build): the whole module cache and the build cache in one archive.
      await warm('')
      // Saved as root when the suite is root (the save itself is not under test), else as the runner user it is.
      const saved = await client('save', { asRoot: canSwitchUser() })
      expect(saved.stdout).not.toMatch(/::warning::/)
      expect((result(saved) as { cacheId: number }).cacheId).toBeGreaterThan(0)
      expect(service.entries.map(e => e.key)).toEqual([KEY])
    })
    afterAll(async () => {
      await Promise.all([service?.close(), azurite?.close(), proxy?.close(), sumdb?.close()])
      await cleanupTempDirs()
    })

    /** A fresh runner's home, warmed by go mod download with GOFLAGS as given, owned by the runner user. */
    async function warm(goflags: string): Promise<void> {
      rmSync(join(root, 'home'), { recursive: true, force: true })
      mkdirSync(gocache, { recursive: true })
      mkdirSync(jobEnv.RUNNER_TEMP, { recursive: true })
      const run = await runGo(['mod', 'download'], { cwd: project, env: { ...jobEnv, GOFLAGS: goflags } })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      chownToRunner(root)
    }

    function client(op: 'save' | 'restore', options: { asRoot?: boolean } = {}): Promise<UserRun> {
      return runAsUser(process.execPath, [CLIENT, op, KEY, gomodcache, gocache], {
        env: jobEnv,
        cwd: project,
        asRoot: options.asRoot
      })
    }

    const result = (run: UserRun): unknown => JSON.parse(/^RESULT (.*)$/m.exec(run.stdout)?.[1] ?? 'null')
    const fileExists = (run: UserRun): number =>
      run.stdout.split('\n').filter(l => /Cannot open: File exists/.test(l)).length

    it('go writes the module cache read-only by default (0555 directories)', async () => {
      await warm('')
      const dir = join(gomodcache, `${modules[0].path}@${modules[0].version}`)
      expect(statSync(dir).mode & 0o777).toBe(0o555)
    })

    it('as a non-root user, the restore fails on every existing file: "Cannot open: File exists", no cache hit', async () => {
      await warm('')
      const run = await client('restore')
      expect(fileExists(run)).toBeGreaterThanOrEqual(modules.length)
      expect(run.stdout).toMatch(/Failed to restore: .*exit code 2/)
      expect(result(run)).toEqual({ matchedKey: null })
    })

    asRootCase('as root the same restore passes: a suite run as root never sees the failure', async () => {
      await warm('')
      const run = await client('restore', { asRoot: true })
      expect(fileExists(run)).toBe(0)
      expect(result(run)).toEqual({ matchedKey: KEY })
    })

    it('over a module cache warmed with -modcacherw the non-root restore passes', async () => {
      await warm('-modcacherw')
      const dir = join(gomodcache, `${modules[0].path}@${modules[0].version}`)
      expect(statSync(dir).mode & 0o200).toBe(0o200)
      const run = await client('restore')
      expect(fileExists(run)).toBe(0)
      expect(result(run)).toEqual({ matchedKey: KEY })
    })

    it("the Quick start's order: this action's warm phase (as the runner user), then setup-go's restore passes", async () => {
      await warm('-modcacherw')
      rmSync(join(root, 'home'), { recursive: true, force: true })
      mkdirSync(gocache, { recursive: true })
      for (const dir of [testDist(), dirname(testDist())]) chmodSync(dir, 0o755)
      chownToRunner(root)
      // The job's GOFLAGS is its own (empty here): only the warm phase's go runs get -modcacherw.
      const main = await runAction({
        inputs: {
          proxies: `${proxy.url},off`,
          sumdb: sumdb.gosumdb,
          'probe-module': modules[0].path,
          'working-directory': project
        },
        env: { ...jobEnv, GOFLAGS: '', GOPROXY: '', GOSUMDB: '' },
        cwd: project,
        uid: RUNNER_UID,
        runnerTemp: jobEnv.RUNNER_TEMP
      })
      expect(main.code).toBe(0)
      expect(main.outputs.modules).toBe(String(modules.length))
      expect(main.env.GOFLAGS).toBeUndefined()
      const run = await client('restore')
      expect(fileExists(run)).toBe(0)
      expect(result(run)).toEqual({ matchedKey: KEY })
    })
  }
)
