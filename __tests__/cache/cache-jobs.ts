/**
 * The `cache` input end to end: the bundle run as the runner runs it (main, the job's build, then post), the real go,
 * the loopback Go module proxy and checksum database, and the real @actions/cache against Azurite for the blobs with
 * the loopback stand-in for GitHub's cache-service API (that API exists only on GitHub; see support/cache-service.ts).
 *
 * The cache-service API comes in two protocols, both exercised: v2 (support/cache-service.ts, what GitHub's runners
 * use) and v1 (support/cache-service-v1.ts, the REST API of GitHub Enterprise Server and older runners).
 *
 * Every job is a fresh runner: the same paths (the cache version hashes them, as on GitHub's images), emptied first.
 * The main and post steps run as a non-root user, as on GitHub's runners, where tar behaves differently than as root.
 */
import { appendFileSync, chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { saveEntry } from '../../src/cache/cache.js'
import { moduleEntryPaths } from '../../src/cache/phase.js'
import { buildDeltaPrefix, formatBytes } from '../../src/cache/policy.js'
import { chownToRunner, RUNNER_UID } from '../support/as-user.js'
import { overrideProcessEnv } from '../support/cache-phase.js'
import { cacheEnv, startAzurite, startCacheService, type Azurite } from '../support/cache-service.js'
import { startCacheServiceV1 } from '../support/cache-service-v1.js'
import { cleanupTempDirs, findGo, goTestEnv, tempDir } from '../support/go.js'
import { startBlackhole, startProxy, startRefusingPort, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, escapeModulePath, moduleSet, writeProject } from '../support/modules.js'
import { runAction, runPost, testDist, type ActionRun } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

const modules = moduleSet(9, 'example.com/cch')
const base = modules.slice(0, 8)
const added = modules[8]

/** The program with net/http too: its build compiles far more than the base holds (a delta over the threshold). */
const NET_HTTP_MAIN = `package main

import (
\t"net/http"

${[...base, added].map((m, i) => `\tm${i} ${JSON.stringify(m.goPackage!.importPath)}`).join('\n')}
)

func main() {
\tprintln(http.StatusOK)
${[...base, added].map((m, i) => `\tprintln(m${i}.${m.goPackage!.func}())`).join('\n')}
}
`

// Each job is main + a go build with an empty build cache (the cold one compiles the standard library) + post, as a
// non-root user on a shared machine: minutes, not the default 60 s. A build that compiles net/http on a loaded machine
// (--maxWorkers=8 on 2 cores) has taken more than 60 s.
const JOB_MS = 420_000
const BUILD_MS = 240_000

/** The cache service a job talks to: v2 (Twirp, ACTIONS_CACHE_SERVICE_V2) or v1 (REST `_apis/artifactcache`). */
export type CacheProtocol = 'v2' | 'v1'

interface AnyCacheService {
  readonly entries: ReadonlyArray<{ readonly key: string; readonly finalized: boolean; readonly sizeBytes: number }>
  env(): Record<string, string>
  close(): Promise<void>
}

/** Runs `work` with `vars` in this process's environment (what @actions/cache reads), then puts it back. */
async function withProcessEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const restore = overrideProcessEnv(vars)
  try {
    return await work()
  } finally {
    restore()
  }
}

/** Whether process `pid` is gone, waiting at most `ms` for it to be. */
async function gone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  for (;;) {
    try {
      process.kill(pid, 0)
    } catch {
      return true
    }
    if (Date.now() > until) return false
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

/**
 * The job scenarios against one protocol. The main ones (cold, same go.sum, one dependency added, a failed job) run
 * on both; restore-only, the unreachable and the stalled service and the self-hosted module cache on v2, the
 * protocol GitHub's runners use today (their handling does not depend on the protocol: it is the deadline's and
 * tar's).
 */
export function describeCacheJobs(protocol: CacheProtocol): void {
  describe(`cache ${protocol}: modules and build cache between jobs (bundle, Azurite, ${findGo()}, non-root)`, () => {
    let azurite: Azurite
    let service: AnyCacheService
    const everyScenario = protocol === 'v2'
    // Defined for v2 only (not skipped: a skipped test would read as a gap).
    const extra = everyScenario ? it : ((() => undefined) as unknown as typeof it)
    let proxy: TestProxy
    let sumdb: SumdbServer
    let root: string
    let home: string
    let project: string
    const closers: Array<() => unknown> = []

    beforeAll(async () => {
      ;[azurite, proxy, sumdb] = await Promise.all([
        startAzurite(),
        startProxy({ modules }),
        startSumdb({
          records: modules.map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
        })
      ])
      service = protocol === 'v2' ? await startCacheService(azurite) : await startCacheServiceV1(azurite)
      // The test bundle lives in a private temp dir: the runner user must be able to read it.
      for (const dir of [testDist(), dirname(testDist())]) chmodSync(dir, 0o755)
      root = tempDir('action-cache-')
      chmodSync(root, 0o755)
      home = join(root, 'runner')
      project = join(root, 'workspace')
    })
    afterAll(async () => {
      await Promise.all([service?.close(), azurite?.close(), proxy?.close(), sumdb?.close(), ...closers.map(c => c())])
      await cleanupTempDirs()
    })

    /** A fresh runner: empty home (module and build caches), the project as given, owned by the runner user. */
    function freshRunner(requires = base, mainGo?: string): Record<string, string> {
      rmSync(home, { recursive: true, force: true })
      for (const dir of ['temp', 'toolcache', 'home']) mkdirSync(join(home, dir), { recursive: true })
      rmSync(project, { recursive: true, force: true })
      writeProject(project, { requires, ...(mainGo ? { mainGo } : {}) })
      chownToRunner(root)
      return {
        ...goTestEnv(join(home, 'home'), {
          GOPROXY: undefined,
          GOSUMDB: undefined,
          GOFLAGS: undefined,
          GOCACHE: join(home, 'home', '.cache', 'go-build')
        }),
        ...service.env(),
        RUNNER_OS: 'Linux',
        RUNNER_TOOL_CACHE: join(home, 'toolcache')
      }
    }

    const inputs = (extra: Record<string, string> = {}) => ({
      proxies: `${proxy.url},off`,
      sumdb: sumdb.gosumdb,
      'probe-module': modules[0].path,
      'working-directory': project,
      cache: 'true',
      'job-status': 'success',
      ...extra
    })

    function moduleRequests(since: number): string[] {
      return proxy.requests
        .slice(since)
        .filter(r => r.kind === 'info' || r.kind === 'mod' || r.kind === 'zip')
        .map(r => r.path)
    }

    /** main, the job's own build with what main exported (offline when asked), then post. */
    async function job(
      env: Record<string, string>,
      extra: Record<string, string> = {},
      options: { offlineBuild?: boolean; postInputs?: Record<string, string> } = {}
    ): Promise<{ main: ActionRun; post: ActionRun; moduleRequests: string[] }> {
      const before = proxy.requests.length
      const main = await runAction({
        inputs: inputs(extra),
        env,
        cwd: project,
        uid: RUNNER_UID,
        runnerTemp: join(home, 'temp'),
        timeoutMs: 90_000
      })
      expect(main.stdout).not.toContain('::error::')
      expect(main.code).toBe(0)
      const requested = moduleRequests(before)
      const buildEnv = { ...env, ...main.env, ...(options.offlineBuild ? { GOPROXY: 'off' } : {}) }
      const build = await runAsRunner(['build', './...'], buildEnv)
      expect(build.stderr).toBe('')
      expect(build.code).toBe(0)
      const post = await runPost(main, env, {
        inputs: { ...inputs(extra), ...options.postInputs },
        uid: RUNNER_UID,
        cwd: project
      })
      expect(post.stdout).not.toContain('::error::')
      expect(post.code).toBe(0)
      return { main, post, moduleRequests: requested }
    }

    /** The job's `go build` as the runner user (go runs as root otherwise, and would leave root-owned cache files). */
    async function runAsRunner(args: string[], env: Record<string, string>) {
      const { runAsUser } = await import('../support/as-user.js')
      return runAsUser(findGo(), args, { env, cwd: project, timeoutMs: BUILD_MS })
    }

    const keys = () => service.entries.filter(e => e.finalized).map(e => e.key)
    const entry = (key: string) => service.entries.find(e => e.finalized && e.key === key)
    /** The build entries saved so far: full (base) entries and deltas. */
    const baseKeys = () => keys().filter(k => k.startsWith('setup-goproxy-build-Linux-'))
    const deltaKeys = () => keys().filter(k => k.startsWith('setup-goproxy-build-delta-'))
    /** The modules entries saved so far (without a suffix): full (base) entries and deltas. */
    const modulesBaseKeys = () => keys().filter(k => k.startsWith('setup-goproxy-modules-Linux-'))
    const modulesDeltaKeys = () => keys().filter(k => k.startsWith('setup-goproxy-modules-delta-Linux-'))
    /** The prefix of the deltas of a base entry, as the action derives it from the base's key. */
    function deltaPrefixOf(baseKey: string): string {
      const [, arch, goVersion] = /^setup-goproxy-build-Linux-([^-]+)-(go[^-]+)-[0-9a-f]{32}$/.exec(baseKey) ?? []
      return buildDeltaPrefix({ os: 'Linux', arch, goVersion, keySuffix: '' }, baseKey)
    }
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

    it(
      'first run (cold): nothing restored, the module fetches go to the proxy, both entries saved',
      async () => {
        const { main, post, moduleRequests } = await job(freshRunner())
        expect(main.outputs).toMatchObject({ 'cache-hit': 'false', 'cache-modules': 'none', 'cache-build': 'none' })
        expect(new Set(moduleRequests.filter(p => p.endsWith('.zip'))).size).toBe(base.length)
        expect(main.summary).toContain('### Caches restored')
        // One restore worker for both parts, started before the cache phase (beside the probe and the install).
        expect(main.stdout.match(/::debug::Cache restore worker started \(pid \d+\)/g)).toHaveLength(1)
        expect(main.stdout.indexOf('::debug::Cache restore worker started')).toBeLessThan(
          main.stdout.indexOf('Restore the module and build caches')
        )
        // It ends with the step: nothing left running once main has exited.
        const worker = Number(/Cache restore worker started \(pid (\d+)\)/.exec(main.stdout)?.[1])
        expect(await gone(worker, 10_000)).toBe(true)
        expect(post.stdout).toMatch(/Module cache: saved setup-goproxy-modules-Linux-[0-9a-f]{32} \(\d+ files/)
        expect(post.stdout).toMatch(/Build cache: saved setup-goproxy-build-Linux-amd64-go[\d.]+-[0-9a-f]{32}/)
        expect(post.summary).toMatch(/\| modules \(`GOMODCACHE\/cache\/download`\) \| saved \|/)
        expect(keys()).toHaveLength(2)
      },
      JOB_MS
    )

    it(
      'same go.sum: exact hit, no module request reaches the proxy, the build runs offline, nothing new saved',
      async () => {
        const { main, post, moduleRequests } = await job(freshRunner(), {}, { offlineBuild: true })
        expect(main.outputs).toMatchObject({ 'cache-hit': 'true', 'cache-modules': 'exact', 'cache-build': 'partial' })
        expect(moduleRequests).toEqual([])
        // The moment the module cache is warm is marked in the log (bench/cache.ts times it), after its restore.
        const restored = main.stdout.indexOf('Module cache: exact hit ')
        expect(restored).toBeGreaterThan(-1)
        expect(main.stdout.indexOf('::debug::Module cache warm: ')).toBeGreaterThan(restored)
        expect(post.stdout).toContain('Module cache: not saved: restored on its exact key')
        // Every build-cache entry the build needed came from the restore: nothing new to save.
        expect(post.stdout).toContain('Build cache: not saved: unchanged since the restore')
        expect(keys()).toHaveLength(2)
      },
      JOB_MS
    )

    it(
      'one dependency added: partial hit, only the new module is fetched, and stored as a delta of the modules entry restored',
      async () => {
        const { main, post, moduleRequests } = await job(freshRunner([...base, added]))
        expect(main.outputs).toMatchObject({ 'cache-hit': 'false', 'cache-modules': 'partial' })
        expect(new Set(moduleRequests.map(p => p.split('/@v/')[0]))).toEqual(new Set([`/${added.path}`]))
        // Only the new module's files, as a delta of the modules entry restored, keyed on this job's go.sum.
        const [modulesBase] = modulesBaseKeys()
        expect(main.stdout).toContain(`Module cache: partial hit ${modulesBase} (`)
        expect(modulesDeltaKeys()).toHaveLength(1)
        const [modulesDelta] = modulesDeltaKeys()
        expect(post.stdout).toContain(
          `Module cache: saved delta ${modulesDelta} (3 files, ${formatBytes(added.info.length + added.mod.length + added.zip.length)}) of base ${modulesBase}`
        )
        // The log says which outputs made the restored build cache worth storing again.
        expect(post.stdout).toMatch(/Build cache: \d+ output\(s\) not in the restore: [0-9a-f]{2}\/[0-9a-f]{64}-d \(/)
        // Only what the job kept beyond the base it restored, as a delta of that base: not the whole cache again.
        const [baseKey] = baseKeys()
        expect(baseKeys()).toHaveLength(1)
        expect(main.stdout).toContain(`Build cache: partial hit ${baseKey} (`)
        expect(deltaKeys()).toHaveLength(1)
        const [deltaKey] = deltaKeys()
        expect(deltaKey).toMatch(new RegExp(`^${escape(deltaPrefixOf(baseKey))}[0-9a-f]{32}$`))
        expect(post.stdout).toMatch(
          new RegExp(
            `Build cache: saved delta ${escape(deltaKey)} \\(\\d+ files, [\\d.]+ KiB\\) of base ${escape(baseKey)}`
          )
        )
        // A few new outputs (the added module, the main package): a small fraction of the base entry's archive.
        expect(entry(deltaKey)!.sizeBytes).toBeGreaterThan(0)
        expect(entry(deltaKey)!.sizeBytes).toBeLessThan(entry(baseKey)!.sizeBytes / 20)
        expect(post.summary).toContain(`| saved delta of \`${baseKey}\` |`)
        expect(keys()).toHaveLength(4)
      },
      JOB_MS
    )

    it(
      'the next job restores the base and its delta, builds offline with nothing new, and stores nothing',
      async () => {
        const [baseKey] = baseKeys()
        const [deltaKey] = deltaKeys()
        const { main, post } = await job(freshRunner([...base, added]), {}, { offlineBuild: true })
        expect(main.outputs).toMatchObject({ 'cache-hit': 'true', 'cache-modules': 'exact', 'cache-build': 'partial' })
        // The modules entry of the first job and the delta the third stored for these go.sum files: an exact hit.
        const [modulesBase] = modulesBaseKeys()
        const [modulesDelta] = modulesDeltaKeys()
        expect(main.stdout).toMatch(
          new RegExp(`Module cache: exact hit ${escape(modulesBase)} \\+ delta ${escape(modulesDelta)} \\(3 files, `)
        )
        expect(post.stdout).toContain('Module cache: not saved: restored on its exact key')
        expect(main.stdout).toMatch(
          new RegExp(`Build cache: partial hit ${escape(baseKey)} \\+ delta ${escape(deltaKey)} \\([1-9]\\d* files, `)
        )
        expect(main.summary).toContain(`| partial + delta | \`${baseKey}\` + \`${deltaKey}\` |`)
        // Every output the build needed came from the base or the delta.
        expect(post.stdout).toContain('Build cache: not saved: unchanged since the restore')
        expect(keys()).toHaveLength(4)
      },
      JOB_MS
    )

    extra(
      'a delta over the threshold (net/http added to the program) stores a full base again, trimmed',
      async () => {
        const before = keys().length
        const [deltaKey] = deltaKeys()
        const { main, post } = await job(freshRunner([...base, added], NET_HTTP_MAIN))
        expect(main.stdout).toContain(`+ delta ${deltaKey} (`)
        expect(post.stdout).toMatch(
          /Build cache: saved setup-goproxy-build-Linux-[^ ]+ \(\d+ files, [\d.]+ MiB; \d+ files, [\d.]+ [KM]?i?B unused by this job left out; a full entry: the delta \([\d.]+ MiB\) is over 0\.5× the [\d.]+ MiB kept from the base\)/
        )
        expect(deltaKeys()).toHaveLength(1)
        expect(baseKeys()).toHaveLength(2)
        expect(keys()).toHaveLength(before + 1)
      },
      JOB_MS
    )

    extra(
      'a delta of another base is never applied: the newest base has none yet, so none is restored',
      async () => {
        const before = keys().length
        const newest = baseKeys()[1]
        const [otherDelta] = deltaKeys()
        // The older base's delta is the newest delta in the cache; it must not be restored onto the newer base.
        expect(deltaPrefixOf(newest)).not.toBe(deltaPrefixOf(baseKeys()[0]))
        const { main, post } = await job(freshRunner([...base, added], NET_HTTP_MAIN))
        expect(main.stdout).toContain(`Build cache: partial hit ${newest} (`)
        expect(main.stdout).not.toContain(otherDelta)
        expect(main.stdout).not.toMatch(/Build cache: [^\n]*\+ delta/)
        expect(post.stdout).toContain('Build cache: not saved: unchanged since the restore')
        expect(keys()).toHaveLength(before)
      },
      JOB_MS
    )

    /** A fresh runner whose program differs from every one built before: its build writes a new output. */
    function changedProgram(requires = base): Record<string, string> {
      const env = freshRunner(requires)
      appendFileSync(join(project, 'main.go'), `\nvar changed = ${Date.now()}\n`)
      return env
    }

    it(
      'a failed job saves nothing, not even a delta of what it built (and still removes its credential files)',
      async () => {
        const before = keys().length
        const { main, post } = await job(changedProgram(), {}, { postInputs: { 'job-status': 'failure' } })
        expect(main.outputs['cache-build']).toBe('partial')
        expect(post.stdout).toMatch(/Build cache: \d+ output\(s\) not in the restore/)
        expect(post.stdout).toContain('Module cache: not saved: the job did not succeed (job.status: failure)')
        expect(post.stdout).toContain('Build cache: not saved: the job did not succeed')
        expect(post.stdout).toMatch(/credential files to remove|Removed \d+ credential/)
        expect(keys()).toHaveLength(before)
      },
      JOB_MS
    )

    extra(
      'restore-only restores and never saves, not even a delta of what it built',
      async () => {
        const before = keys().length
        const { main, post } = await job(changedProgram(), { 'cache-restore-only': 'true' })
        expect(main.outputs['cache-modules']).toBe('exact')
        expect(main.outputs['cache-build']).toBe('partial')
        expect(post.stdout).toContain('Module cache: not saved: cache-restore-only')
        expect(post.stdout).toMatch(/Build cache: \d+ output\(s\) not in the restore/)
        expect(post.stdout).toContain('Build cache: not saved: cache-restore-only')
        expect(keys()).toHaveLength(before)
      },
      JOB_MS
    )

    extra(
      'no cache service (other CI, a local runner): a notice, no restore worker started, the job warmed from the proxy',
      async () => {
        const env = Object.fromEntries(Object.entries(freshRunner()).filter(([name]) => !name.startsWith('ACTIONS_')))
        const { main, post, moduleRequests } = await job(env)
        expect(main.stdout).toContain('cache: this job has no cache service (ACTIONS_RESULTS_URL is not set)')
        expect(main.stdout).not.toContain('Cache restore worker started')
        expect(main.outputs['cache-modules'] ?? '').toBe('')
        expect(new Set(moduleRequests.filter(p => p.endsWith('.zip'))).size).toBe(base.length)
        expect(post.stdout).not.toMatch(/cache: saved/i)
      },
      JOB_MS
    )

    extra(
      'an unreachable cache service: a warning, the job goes on warmed from the proxy',
      async () => {
        const port = await startRefusingPort()
        const env = { ...freshRunner(), ...cacheEnv(`http://127.0.0.1:${port}/`) }
        const { main, moduleRequests } = await job(env)
        expect(main.stdout).toMatch(/::warning::Failed to restore/)
        expect(main.outputs['cache-modules']).toBe('none')
        expect(new Set(moduleRequests.filter(p => p.endsWith('.zip'))).size).toBe(base.length)
      },
      JOB_MS
    )

    extra(
      'a cache service that accepts and never answers: given up at the deadline, the job goes on with a warning',
      async () => {
        const hole = await startBlackhole()
        closers.push(() => hole.close())
        const env = { ...freshRunner(), ...cacheEnv(`${hole.url}/`) }
        const before = proxy.requests.length
        const main = await runAction({
          inputs: inputs(),
          env,
          cwd: project,
          uid: RUNNER_UID,
          runnerTemp: join(home, 'temp'),
          timeoutMs: 90_000
        })
        expect(main.killed).toBe(false)
        expect(main.code).toBe(0)
        expect(main.stdout).toMatch(/Module cache: nothing restored \(The cache lookup did not finish within 15 s/)
        expect(main.outputs['cache-modules']).toBe('none')
        expect(Number(main.outputs.modules)).toBe(base.length)
        expect(moduleRequests(before).length).toBeGreaterThan(0)
      },
      JOB_MS
    )

    extra(
      'a modules entry holding other source under the true .ziphash: go refuses it, the warm phase fetches it again, the published code is built',
      async () => {
        // The entry as something other than go would write it (a workflow running untrusted code with the repository's
        // cache token): the first module's zip replaced by one whose Hello says otherwise, its true .ziphash beside it.
        // go trusts a cached zip by that file alone: an entry that brought it would have the job build "poisoned".
        const victim = base[0]
        const name = victim.goPackage!.name
        const evil = defineModule({
          path: victim.path,
          version: victim.version,
          files: { [`${name}.go`]: `package ${name}\n\nfunc Hello() string { return "poisoned" }\n` }
        })
        const seeded = freshRunner()
        const download = join(seeded.GOMODCACHE, 'cache', 'download')
        for (const m of base) {
          const stem = join(download, escapeModulePath(m.path), '@v', m.version)
          mkdirSync(dirname(stem), { recursive: true })
          writeFileSync(`${stem}.zip`, m === victim ? evil.zip : m.zip)
          writeFileSync(`${stem}.ziphash`, m.sum)
          writeFileSync(`${stem}.mod`, m.mod)
          writeFileSync(`${stem}.info`, m.info)
        }
        const poisonedKey = `setup-goproxy-modules-Linux-poisoned-${'a'.repeat(32)}`
        const saved = await withProcessEnv(
          { ...service.env(), GITHUB_WORKSPACE: project, RUNNER_TEMP: join(home, 'temp') },
          () => saveEntry(moduleEntryPaths(download), poisonedKey, 60_000)
        )
        expect(saved).toBe(true)

        const { main, moduleRequests } = await job(freshRunner(), { 'cache-key-suffix': 'poisoned' })
        // The build compiled the published source.
        const source = readFileSync(join(seeded.GOMODCACHE, `${victim.path}@${victim.version}`, `${name}.go`), 'utf8')
        expect(source).toContain(JSON.stringify(`${victim.path}@${victim.version}`))
        expect(source).not.toContain('poisoned')
        expect(main.outputs['cache-modules']).toBe('partial')
        // go hashed the restored zip (the entry brings no .ziphash) and refused it; the warm phase removed it.
        expect(main.stdout).toContain(
          `${victim.path}@${victim.version}: the zip already in the module cache (restored from the Actions cache, or left by an earlier job) is not what go.sum records, so go refused it; removed and fetched again from the proxy.`
        )
        expect(main.stdout).toMatch(/::warning::[^\n]*the zip already in the module cache/)
        // Only the removed zip travels again, from the proxy, where go verifies it against go.sum.
        expect(moduleRequests.filter(p => p.endsWith('.zip'))).toEqual([`/${victim.path}/@v/${victim.version}.zip`])
      },
      JOB_MS
    )

    extra(
      'a modules entry holding a go.mod that is not the published one: go refuses it, the warm phase fetches it again',
      async () => {
        // go checks a cached go.mod against go.sum each time it reads one, and stops with a SECURITY ERROR; it never
        // fetches the file again by itself, so an entry that brought one (forged, or cut short by a damaged archive)
        // would fail every job that restores it.
        const victim = base[1]
        const seeded = freshRunner()
        const download = join(seeded.GOMODCACHE, 'cache', 'download')
        for (const m of base) {
          const stem = join(download, escapeModulePath(m.path), '@v', m.version)
          mkdirSync(dirname(stem), { recursive: true })
          writeFileSync(`${stem}.zip`, m.zip)
          writeFileSync(`${stem}.mod`, m === victim ? `${m.mod}\nrequire example.com/forged v1.0.0\n` : m.mod)
          writeFileSync(`${stem}.info`, m.info)
        }
        const forgedKey = `setup-goproxy-modules-Linux-forged-mod-${'b'.repeat(32)}`
        const saved = await withProcessEnv(
          { ...service.env(), GITHUB_WORKSPACE: project, RUNNER_TEMP: join(home, 'temp') },
          () => saveEntry(moduleEntryPaths(download), forgedKey, 60_000)
        )
        expect(saved).toBe(true)

        const { main, moduleRequests } = await job(freshRunner(), { 'cache-key-suffix': 'forged-mod' })
        expect(main.outputs['cache-modules']).toBe('partial')
        expect(main.stdout).toContain(
          `${victim.path}@${victim.version}: the go.mod already in the module cache (restored from the Actions cache, or left by an earlier job) is not what go.sum records, so go refused it; removed and fetched again from the proxy.`
        )
        expect(main.stdout).toMatch(/::warning::[^\n]*the go\.mod already in the module cache/)
        // Only the removed go.mod travels again, from the proxy, where go verifies it against go.sum.
        expect(moduleRequests.filter(p => p.endsWith('.mod'))).toEqual([`/${victim.path}/@v/${victim.version}.mod`])
        expect(moduleRequests.filter(p => p.endsWith('.zip'))).toEqual([])
        const mod = readFileSync(join(download, escapeModulePath(victim.path), '@v', `${victim.version}.mod`), 'utf8')
        expect(mod).toBe(victim.mod)
      },
      JOB_MS
    )

    extra(
      "a module cache already on the runner, read-only (a self-hosted runner's): the non-root restore replaces it",
      async () => {
        const env = freshRunner()
        // A previous job on this runner downloaded without -modcacherw: read-only directories, owned by the runner user.
        const seed = await runAsRunner(['mod', 'download'], { ...env, GOPROXY: proxy.url, GOSUMDB: 'off', GOFLAGS: '' })
        expect(seed.code).toBe(0)
        writeFileSync(join(project, 'README'), 'same go.sum as the saved entry\n')
        const { main } = await job(env)
        expect(main.stdout).not.toContain('Cannot open: File exists')
        expect(main.outputs['cache-modules']).toBe('exact')
      },
      JOB_MS
    )
  })
}
