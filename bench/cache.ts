/**
 * Benchmark of the caches (issue 19; figures, not pass/fail): three consecutive jobs — cold, the same go.sum, one
 * dependency added — for this action (`cache: true`: a modules entry keyed on go.sum with restore keys, topped up by
 * the warm phase, and a trimmed build entry, stored as a delta of it when a job adds little) against
 * **actions/setup-go's strategy**: one archive of GOMODCACHE + GOCACHE under the exact key
 * `setup-go-<OS>-<arch>-go-<version>-<hash of go.mod>`, no restore keys, restored with
 * `restoreCache([GOMODCACHE, GOCACHE], key)` and saved with `saveCache` when the key was not hit, then `go mod download`
 * — the same real @actions/cache (support/cache-client.mjs, as setup-go calls it) against the same
 * Azurite and loopback cache service (support/cache-service.ts; that API exists only on GitHub).
 *
 * Measured per job: the time to a warm module cache (the action: from the start of its main step to the moment its
 * warm phase ended, i.e. modules restored and topped up, read from the step's \`Module cache warm:\` debug line as it
 * arrives; setup-go: its restore of both caches + \`go mod download\`), the action's whole main step (which also awaits
 * the build cache's restore before it ends, so the job's build sees a complete GOCACHE), the same plus the job's
 * \`go build\` (what the build cache saves), and the bytes each job stored in the cache (compressed archives as
 * uploaded). Each job then saves as the post step does.
 *
 * Two graphs: the 200-module loopback graph (bench/graph.ts, served by the loopback proxy and checksum database; run at
 * 0 ms and again with the proxy answering after BENCH_CACHE_LATENCY_MS, default 50, 0 skips that row: a runner is
 * some distance from its proxy, and at 0 ms a plain \`go mod download\` costs almost nothing) and
 * real projects' go.mod/go.sum (the real-world suite's fixtures: cobra, small, and gin) through the machine's real
 * proxy (`go env GOPROXY`, read at run time, never written down; download-only, BENCH_CACHE_REAL_REPS sequences,
 * default 1; `off` skips them), gin's also through a loopback relay that answers BENCH_CACHE_LATENCY_MS later (REAL_ROWS;
 * BENCH_CACHE_REAL_GRAPHS picks rows). The dependency added is a small real module taken with `go get` once, before the
 * timed jobs.
 *
 * BENCH_CACHE_PARTS sets the action's `cache` input (default true; `modules` times the module cache's restore alone).
 * BENCH_CACHE_VERBOSE=1 prints each action job's output; BENCH_CACHE_TRACE=1 its main step's lines as they arrive, with
 * the ms since the step started (where the time goes).
 *
 * Goals (issue 19): the third job ≤ 0.3× setup-go's time; the bytes stored over the three jobs ≤ 0.6× setup-go's.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startAzurite, startCacheService, type Azurite, type CacheService } from '../__tests__/support/cache-service.js'
import { cleanupTempDirs, findGo, goTestEnv, goVersionOf, runGo, tempDir } from '../__tests__/support/go.js'
import { startProxy } from '../__tests__/support/goproxy-server.js'
import { defineModule, goSumLines } from '../__tests__/support/modules.js'
import { runAction, runPost } from '../__tests__/support/run-action.js'
import { startSumdb } from '../__tests__/support/sumdb-server.js'
import { MODULE_CACHE_WARM_MARK } from '../src/pipeline/pipeline.js'
import { layeredGraph } from './graph.js'

const CLIENT = fileURLToPath(new URL('../__tests__/support/cache-client.mjs', import.meta.url))
const FIXTURES = fileURLToPath(new URL('../__tests__/fixtures/realworld/', import.meta.url))
const JOBS = ['cold', 'same go.sum', 'one dependency added'] as const
const JOB_TIMEOUT_MS = 900_000
/** Small real modules for cobra's added dependency, tried in order (not every module is served by every proxy). */
const REAL_ADDITIONS = ['github.com/google/uuid@v1.6.0', 'github.com/pkg/errors@v0.9.1', 'golang.org/x/mod@v0.20.0']

/**
 * The real projects' graphs (the real-world suite's fixtures), each with the job's code: a main package using some of
 * its dependencies, so the job builds (a build cache to store).
 */
const REAL_PROJECTS = {
  cobra:
    'package main\n\nimport (\n\t"fmt"\n\n\t"github.com/spf13/pflag"\n\t"gopkg.in/yaml.v3"\n)\n\nfunc main() {\n\tout, _ := yaml.Marshal(pflag.CommandLine.NArg())\n\tfmt.Print(string(out))\n}\n',
  gin: 'package main\n\nimport (\n\t"fmt"\n\n\t"github.com/go-playground/validator/v10"\n\t"github.com/pelletier/go-toml/v2"\n\t"golang.org/x/net/http2"\n\t"google.golang.org/protobuf/types/known/durationpb"\n\t"gopkg.in/yaml.v3"\n)\n\nfunc main() {\n\tout, _ := toml.Marshal(map[string]string{"v": fmt.Sprint(validator.New() != nil)})\n\ty, _ := yaml.Marshal(durationpb.New(0).AsDuration().String())\n\tfmt.Print(string(out), string(y), http2.ErrFrameTooLarge)\n}\n'
} as const
type RealProject = keyof typeof REAL_PROJECTS

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const spread = (values: number[], unit: (v: number) => string) =>
  values.length === 0
    ? 'miss'
    : `${unit(median(values))} (${unit(Math.min(...values))}–${unit(Math.max(...values))}, n=${values.length})`
const ratio = (a: number[], b: number[]) => (a.length && b.length ? `${(median(a) / median(b)).toFixed(2)}×` : '—')
const load = () =>
  os
    .loadavg()
    .map(v => v.toFixed(1))
    .join(', ')

/** A project state: the files of the job's checkout. */
type Checkout = (dir: string) => void

/** One graph to run the three jobs on. */
interface Scenario {
  readonly name: string
  /** The checkout of each job (cold and same go.sum share one; the third adds a dependency). */
  readonly checkouts: readonly [Checkout, Checkout, Checkout]
  /** The go environment of a runner rooted at `root` (its module and build caches under it). */
  env(root: string): Record<string, string>
  /** The action's inputs besides the cache ones. */
  readonly inputs: Record<string, string>
  /** Whether the job builds the project (a project with code); else the build cache stays empty both ways. */
  readonly build: boolean
}

/** Per job index: times (ms) and bytes stored, over the repetitions. */
interface Figures {
  /** Time to a warm module cache (the action: the moment its warm phase ended, restore + top-up done). */
  readonly ms: number[][]
  /** The step's total (the action's main step also awaits the build cache's restore; setup-go: the same as ms). */
  readonly step: number[][]
  /** The same plus the job's build (what the build cache is for). */
  readonly withBuild: number[][]
  readonly stored: number[][]
  /** The action only: bytes stored over the three jobs in each kind of entry, per repetition. */
  readonly storedModules: number[]
  readonly storedBuild: number[]
}

const newFigures = (): Figures => ({
  ms: JOBS.map(() => []),
  step: JOBS.map(() => []),
  withBuild: JOBS.map(() => []),
  stored: JOBS.map(() => []),
  storedModules: [],
  storedBuild: []
})
const storedBytes = (service: CacheService, keyPrefix = '') =>
  service.entries.filter(e => e.finalized && e.key.startsWith(keyPrefix)).reduce((sum, e) => sum + e.sizeBytes, 0)

/** A fresh runner at a fixed place (the cache version hashes the paths, as on GitHub's images). */
function freshRunner(root: string, checkout: Checkout): { project: string; home: string } {
  rmSync(root, { recursive: true, force: true })
  const home = join(root, 'runner')
  const project = join(root, 'workspace')
  for (const dir of ['temp', 'toolcache']) mkdirSync(join(home, dir), { recursive: true })
  checkout(project)
  return { project, home }
}

function runClient(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLIENT, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.on('error', reject)
    child.on('close', code => resolve({ code, stdout }))
  })
}

/** The job's build; its wall time in ms (0 when the scenario does not build). */
async function buildIfAsked(
  scenario: Scenario,
  project: string,
  env: Record<string, string>,
  misses: string[]
): Promise<number> {
  if (!scenario.build) return 0
  const started = performance.now()
  const built = await runGo(['build', './...'], { cwd: project, env, timeoutMs: JOB_TIMEOUT_MS })
  if (built.code !== 0) misses.push(`${scenario.name}: go build: ${built.stderr.trim().split('\n')[0]}`)
  return performance.now() - started
}

/** One job's figures: time to a warm module cache, the step's total, and the step plus the build. */
interface JobTimes {
  readonly warmMs: number
  readonly stepMs: number
  readonly withBuildMs: number
}

/** One job of this action: main (timed), the build, post. */
async function actionJob(
  scenario: Scenario,
  root: string,
  checkout: Checkout,
  service: CacheService,
  misses: string[]
): Promise<JobTimes | undefined> {
  const { project, home } = freshRunner(root, checkout)
  const env = {
    ...scenario.env(home),
    ...service.env(),
    RUNNER_OS: 'Linux',
    RUNNER_TOOL_CACHE: join(home, 'toolcache')
  }
  const inputs = {
    ...scenario.inputs,
    'working-directory': project,
    cache: process.env.BENCH_CACHE_PARTS ?? 'true',
    'job-status': 'success'
  }
  let warmAt: number | undefined
  let seen = 0
  const main = await runAction({
    inputs,
    env,
    cwd: project,
    runnerTemp: join(home, 'temp'),
    timeoutMs: JOB_TIMEOUT_MS,
    // The moment the module cache is warm: when the step's debug line saying so arrives.
    onStdout: (text, ms) => {
      if (warmAt === undefined && text.includes(MODULE_CACHE_WARM_MARK)) warmAt = ms
      if (process.env.BENCH_CACHE_TRACE) {
        for (const line of text.slice(seen).split('\n')) {
          if (line) console.error(`T ${Math.round(ms)} ${line.slice(0, 160)}`)
        }
        seen = text.length
      }
    }
  })
  if (main.code !== 0) {
    misses.push(`${scenario.name}, action: ${main.stdout.split('\n').find(l => l.includes('::error::')) ?? main.code}`)
    return undefined
  }
  const buildMs = await buildIfAsked(scenario, project, { ...env, ...main.env }, misses)
  const post = await runPost(main, env, { inputs, cwd: project })
  if (post.code !== 0) misses.push(`${scenario.name}, action post: exit ${post.code}`)
  if (process.env.BENCH_CACHE_VERBOSE) console.error(`--- main\n${main.stdout}\n--- post\n${post.stdout}`)
  // A save the job should have made and did not (cold, dependency added) is a miss, with the post step's reason.
  const notSaved = post.stdout.split('\n').filter(line => /^Module cache: not saved/.test(line))
  if (checkout !== scenario.checkouts[1] && notSaved.length > 0) misses.push(`${scenario.name}, action: ${notSaved[0]}`)
  if (warmAt === undefined) {
    misses.push(`${scenario.name}, action: no "${MODULE_CACHE_WARM_MARK}" line (the step's total counted instead)`)
  }
  return { warmMs: warmAt ?? main.ms, stepMs: main.ms, withBuildMs: main.ms + buildMs }
}

/** One job of setup-go's strategy: restore + go mod download (timed), the build, save unless the key was hit. */
async function setupGoJob(
  scenario: Scenario,
  root: string,
  checkout: Checkout,
  service: CacheService,
  goVersion: string,
  misses: string[]
): Promise<JobTimes | undefined> {
  const { project, home } = freshRunner(root, checkout)
  const env: Record<string, string> = {
    ...scenario.env(home),
    ...service.env(),
    GITHUB_WORKSPACE: project,
    RUNNER_TEMP: join(home, 'temp')
  }
  const paths = [env.GOMODCACHE, env.GOCACHE]
  const goModHash = createHash('sha256')
    .update(
      createHash('sha256')
        .update(readFileSync(join(project, 'go.mod')))
        .digest()
    )
    .digest('hex')
  const key = `setup-go-Linux-${process.arch}-go-${goVersion}-${goModHash}`
  const started = performance.now()
  const restored = await runClient(['restore', key, ...paths], env)
  const matched = /RESULT (.*)/.exec(restored.stdout)
  const matchedKey = matched ? (JSON.parse(matched[1]) as { matchedKey: string | null }).matchedKey : null
  const download = await runGo(['mod', 'download'], { cwd: project, env, timeoutMs: JOB_TIMEOUT_MS })
  const ms = performance.now() - started
  if (download.code !== 0) {
    misses.push(`${scenario.name}, setup-go: go mod download: ${download.stderr.trim().split('\n')[0]}`)
    return undefined
  }
  const buildMs = await buildIfAsked(scenario, project, env, misses)
  if (matchedKey !== key) {
    const saved = await runClient(['save', key, ...paths], env)
    if (!/RESULT \{"cacheId":\d+\}/.test(saved.stdout) || /"cacheId":-1/.test(saved.stdout)) {
      misses.push(`${scenario.name}, setup-go save: ${saved.stdout.trim().split('\n').pop()}`)
    }
  }
  return { warmMs: ms, stepMs: ms, withBuildMs: ms + buildMs }
}

/** The three jobs, `reps` times, alternating which side goes first; each sequence starts from an empty cache. */
async function runScenario(
  scenario: Scenario,
  azurite: Azurite,
  reps: number,
  misses: string[]
): Promise<{ action: Figures; setupGo: Figures }> {
  const goVersion = goVersionOf(findGo()).replace(/^go/, '')
  const action = newFigures()
  const setupGo = newFigures()
  for (let rep = 0; rep < reps; rep++) {
    const services = { action: await startCacheService(azurite), setupGo: await startCacheService(azurite) }
    const base = tempDir(`bench-cache-${rep}-`)
    try {
      for (let job = 0; job < JOBS.length; job++) {
        for (const side of rep % 2 === 0 ? (['action', 'setupGo'] as const) : (['setupGo', 'action'] as const)) {
          const before = storedBytes(services[side])
          const root = join(base, side)
          const checkout = scenario.checkouts[job]
          const times =
            side === 'action'
              ? await actionJob(scenario, root, checkout, services.action, misses)
              : await setupGoJob(scenario, root, checkout, services.setupGo, goVersion, misses)
          const figures = side === 'action' ? action : setupGo
          if (times !== undefined) {
            figures.ms[job].push(times.warmMs)
            figures.step[job].push(times.stepMs)
            figures.withBuild[job].push(times.withBuildMs)
          }
          figures.stored[job].push(storedBytes(services[side]) - before)
        }
      }
      action.storedModules.push(storedBytes(services.action, 'setup-goproxy-modules-'))
      action.storedBuild.push(storedBytes(services.action, 'setup-goproxy-build-'))
    } finally {
      await Promise.all([services.action.close(), services.setupGo.close()])
      // This sequence's runners only: cleanupTempDirs would also take Azurite's storage (a temp dir too).
      rmSync(base, { recursive: true, force: true })
    }
  }
  return { action, setupGo }
}

/**
 * The 200-module loopback graph, and the same with one more module required and imported; with `latencyMs`, the
 * proxy answers each request that much later (as bench/warm-graph.ts does; the checksum database stays on loopback).
 */
async function loopbackScenario(latencyMs = 0): Promise<{ scenario: Scenario; close: () => Promise<void> }> {
  const graph = layeredGraph({ count: 200, prefix: 'example.com/cachebench' })
  const extra = defineModule({ path: 'example.com/cachebench/extra', version: 'v1.0.0' })
  const modules = [...graph.modules, extra]
  const records = modules.map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
  const [proxy, sumdb] = await Promise.all([
    startProxy({ modules, ...(latencyMs > 0 ? { latencyMs } : {}) }),
    startSumdb({ records })
  ])
  const base: Checkout = dir => graph.writeProject(dir)
  const added: Checkout = dir => {
    graph.writeProject(dir)
    writeFileSync(
      join(dir, 'go.mod'),
      graph.goMod.replace('require (\n', `require (\n\t${extra.path} ${extra.version}\n`)
    )
    writeFileSync(join(dir, 'go.sum'), `${graph.goSum}${goSumLines([extra]).join('\n')}\n`)
    writeFileSync(
      join(dir, 'main.go'),
      graph.mainGo
        .replace('import (\n', `import (\n\t"${extra.path}"\n`)
        .replace('func main() {\n', 'func main() {\n\tprintln(extra.Hello())\n')
    )
  }
  return {
    scenario: {
      name: `${graph.modules.length}-module loopback graph, ${latencyMs > 0 ? `${latencyMs} ms per proxy answer` : '0 ms (loopback)'}`,
      checkouts: [base, base, added],
      env: home =>
        goTestEnv(home, {
          GOPROXY: proxy.url,
          GOSUMDB: sumdb.gosumdb,
          GOCACHE: join(home, 'gocache')
        }),
      inputs: { proxies: `${proxy.url},off`, sumdb: sumdb.gosumdb, 'probe-module': modules[0].path },
      build: true
    },
    close: async () => {
      await Promise.all([proxy.close(), sumdb.close()])
    }
  }
}

/**
 * A loopback relay to `upstream` (the real proxy) that answers each request `delayMs` later: a runner's distance from
 * its proxy, for a real graph (the loopback graph's proxy delays its own answers). Download-only, as every request the
 * go command makes of a proxy is a GET; an upstream answer past two minutes is a 504.
 */
async function startDelayRelay(
  upstream: string,
  delayMs: number
): Promise<{ url: string; close: () => Promise<void> }> {
  const base = upstream.replace(/\/+$/, '')
  const server = createServer((request, response) => {
    setTimeout(() => {
      fetch(`${base}${request.url ?? '/'}`, { signal: AbortSignal.timeout(120_000) })
        .then(async answer => {
          const body = Buffer.from(await answer.arrayBuffer())
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' })
          response.end(body)
        })
        .catch(() => {
          response.writeHead(504)
          response.end()
        })
    }, delayMs)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/**
 * A real project's go.mod/go.sum (cobra, gin: the real-world suite's fixtures) through the machine's real proxy, with
 * `latencyMs`, through a relay that answers that much later (the checksum database stays as the machine has it); the
 * added dependency taken once with go get.
 */
async function realScenario(
  project: RealProject,
  latencyMs: number,
  misses: string[]
): Promise<{ scenario: Scenario; close: () => Promise<void> } | undefined> {
  const real = JSON.parse(
    execFileSync(findGo(), ['env', '-json', 'GOPROXY', 'GOSUMDB'], {
      encoding: 'utf8',
      env: { ...process.env, GOTOOLCHAIN: 'local' }
    })
  ) as { GOPROXY: string; GOSUMDB: string }
  const proxy = real.GOPROXY.split(/[,|]/).find(entry => /^https?:\/\//.test(entry))
  if (!proxy) {
    misses.push(`real graph: go env GOPROXY=${real.GOPROXY} names no module proxy`)
    return undefined
  }
  process.env.SETUP_GOPROXY_TEST_ALLOW_HOSTS = new URL(proxy).hostname
  const relay = latencyMs > 0 ? await startDelayRelay(proxy, latencyMs) : undefined
  const env = (home: string) =>
    goTestEnv(home, {
      GOPROXY: relay?.url ?? real.GOPROXY,
      GOSUMDB: real.GOSUMDB,
      HTTPS_PROXY: undefined,
      HTTP_PROXY: undefined,
      GOCACHE: join(home, 'gocache')
    })
  const base: Checkout = dir => {
    mkdirSync(dir, { recursive: true })
    for (const file of ['go.mod', 'go.sum']) copyFileSync(join(FIXTURES, project, file), join(dir, file))
    writeFileSync(join(dir, 'main.go'), REAL_PROJECTS[project])
  }
  const close = async () => relay?.close()
  // The added dependency, resolved once before the timed jobs (a throwaway module cache).
  const prep = tempDir('bench-cache-real-prep-')
  const dir = join(prep, 'project')
  base(dir)
  let added: { goMod: string; goSum: string; module: string } | undefined
  for (const module of REAL_ADDITIONS) {
    const got = await runGo(['get', module], { cwd: dir, env: env(prep), timeoutMs: 300_000 })
    if (got.code === 0) {
      added = {
        goMod: readFileSync(join(dir, 'go.mod'), 'utf8'),
        goSum: readFileSync(join(dir, 'go.sum'), 'utf8'),
        module
      }
      break
    }
  }
  if (!added) {
    await close()
    misses.push(`real graph: none of ${REAL_ADDITIONS.join(', ')} could be added with go get through the real proxy`)
    return undefined
  }
  const withAdded = added
  return {
    scenario: {
      name: `${project}'s real graph + ${withAdded.module} (real proxy${latencyMs > 0 ? `, ${latencyMs} ms per answer` : ''})`,
      checkouts: [
        base,
        base,
        to => {
          base(to)
          writeFileSync(join(to, 'go.mod'), withAdded.goMod)
          writeFileSync(join(to, 'go.sum'), withAdded.goSum)
        }
      ],
      env,
      inputs: { 'probe-timeout': '10000' },
      build: true
    },
    close
  }
}

/** Why the bytes come out as they do (the figures above show the split by entry). */
const BYTES_NOTE =
  'Bytes: the modules entry holds only `$GOMODCACHE/cache/download` (the verified zips and .mod/.info files), not the extracted trees go rebuilds from them, so it is already the smallest archive that keeps the exact-hit job offline; it is a small part of the total whenever the build cache is larger than the modules, as on the loopback graph (200 tiny modules), where the build entry is nearly all of the bytes. That entry is trimmed to the outputs the job used. A job that adds a dependency restores that entry as its base and compiles a few new outputs (on the loopback graph 3, about 50 KiB on disk); it then stores only a delta of the base (the entries it kept beyond it, cumulative, restored after the base by the next jobs), not the whole entry again, while setup-go stores its one archive again when go.mod changes. A full build entry is stored again only when the delta passes half of what the job kept from the base (src/cache/policy.ts, DELTA_MAX_FRACTION). The modules entry works the same way: the third job restores the first job’s entry as its base and stores only the module files beyond it (the new dependency), as a delta keyed on its go.sum files, which the next job with those go.sum files restores after the base as an exact hit. So over the three jobs the action stores each entry once plus a small delta where setup-go stores both caches twice; the figures above say what that comes to (the action’s bytes by entry count base and delta entries). Where the modules are large the modules entry saves more besides (setup-go archives the extracted module trees as well as the zips: the real graph rows).'

function section(name: string, { action, setupGo }: { action: Figures; setupGo: Figures }): string[] {
  const rows = JOBS.map(
    (job, i) =>
      `| ${i + 1}. ${job} | ${spread(action.ms[i], seconds)} | ${spread(setupGo.ms[i], seconds)} | ${ratio(action.ms[i], setupGo.ms[i])} | ${spread(action.step[i], seconds)} | ${ratio(action.step[i], setupGo.ms[i])} | ${spread(action.withBuild[i], seconds)} | ${spread(setupGo.withBuild[i], seconds)} | ${ratio(action.withBuild[i], setupGo.withBuild[i])} | ${spread(action.stored[i], mib)} | ${spread(setupGo.stored[i], mib)} |`
  )
  const total = (f: Figures) =>
    f.stored[0].map((_, rep) => f.stored.reduce((sum, perJob) => sum + (perJob[rep] ?? 0), 0))
  const totalAction = total(action)
  const totalSetupGo = total(setupGo)
  const third = action.ms[2].length && setupGo.ms[2].length ? median(action.ms[2]) / median(setupGo.ms[2]) : NaN
  const thirdStep = action.step[2].length && setupGo.ms[2].length ? median(action.step[2]) / median(setupGo.ms[2]) : NaN
  const bytes = totalSetupGo.length ? median(totalAction) / median(totalSetupGo) : NaN
  const verdict = (value: number, goal: number) =>
    Number.isNaN(value) ? 'not measured' : `${value.toFixed(2)}× (goal ≤ ${goal}×: ${value <= goal ? 'met' : 'missed'})`
  return [
    `### ${name}`,
    '',
    '| Job | Warm module cache: the action | setup-go strategy | ratio | The action’s main step | ratio | Main step + build: the action | setup-go strategy | ratio | Stored: the action | setup-go strategy |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    `| **total stored** | | | | | | | | | ${spread(totalAction, mib)} | ${spread(totalSetupGo, mib)} |`,
    '',
    `Third job, time to a warm module cache: ${verdict(third, 0.3)}; the action's whole main step (which also awaits the build cache's restore): ${verdict(thirdStep, 0.3)}. Bytes stored over the three jobs: ${verdict(bytes, 0.6)}; the action's, by entry: modules ${spread(action.storedModules, mib)}, build ${spread(action.storedBuild, mib)}.`,
    ''
  ]
}

/**
 * The real graphs: cobra's (small) and gin's (about 80 go.sum lines) through the real proxy as this machine reaches it,
 * and gin's again at BENCH_CACHE_LATENCY_MS per answer (a runner farther from its proxy); BENCH_CACHE_REAL_GRAPHS
 * names a subset (cobra, gin, gin@50).
 */
const REAL_ROWS: ReadonlyArray<readonly [RealProject, number]> = (() => {
  const latency = Number(process.env.BENCH_CACHE_LATENCY_MS ?? 50)
  const rows: Array<readonly [RealProject, number]> = [
    ['cobra', 0],
    ['gin', 0],
    ...(latency > 0 ? [['gin', latency] as const] : [])
  ]
  const only = process.env.BENCH_CACHE_REAL_GRAPHS?.split(',').map(name => name.trim())
  return only ? rows.filter(([project, ms]) => only.includes(ms > 0 ? `${project}@${ms}` : project)) : rows
})()

export async function main(): Promise<string> {
  const reps = Number(process.env.BENCH_CACHE_REPS ?? 2)
  const realSetting = process.env.BENCH_CACHE_REAL_REPS ?? '1'
  // BENCH_CACHE_REPS=0 runs the real graph alone.
  const realReps = realSetting === 'off' ? 0 : Number(realSetting)
  // The loopback graph again with the proxy answering this late (a runner's distance from a proxy); 0 skips it.
  const latencyMs = Number(process.env.BENCH_CACHE_LATENCY_MS ?? 50)
  const startLoad = load()
  const misses: string[] = []
  const azurite = await startAzurite()
  const out: string[] = []
  try {
    for (const latency of reps > 0 ? [0, ...(latencyMs > 0 ? [latencyMs] : [])] : []) {
      const loopback = await loopbackScenario(latency)
      try {
        out.push(...section(loopback.scenario.name, await runScenario(loopback.scenario, azurite, reps, misses)))
      } finally {
        await loopback.close()
      }
    }
    for (const [project, latency] of realReps > 0 ? REAL_ROWS : []) {
      const real = await realScenario(project, latency, misses)
      if (!real) continue
      try {
        out.push(...section(real.scenario.name, await runScenario(real.scenario, azurite, realReps, misses)))
      } finally {
        await real.close()
      }
    }
  } finally {
    await azurite.close()
    await cleanupTempDirs()
  }
  return [
    '## Caches: this action against setup-go’s strategy (issue 19)',
    '',
    `Load average at the start: ${startLoad}; at the end: ${load()} (a shared machine: wall times under that load). Three consecutive jobs on fresh runners sharing one cache (Azurite + the loopback cache service, the real @actions/cache both ways); ${reps} sequence(s) on the loopback graph, ${realReps} on the real one, the side that goes first alternating. Time to a warm module cache: from the start of the action's main step to the moment its warm phase ended (modules restored and topped up; its debug line \`${MODULE_CACHE_WARM_MARK}\`), against setup-go's restore of its one archive + \`go mod download\`; the action's main step (which also awaits the build cache's restore, so the job's build sees a complete GOCACHE) is shown beside it, and with the job's \`go build\`; stored: the compressed archives each job uploaded. Median (min–max, n).`,
    '',
    ...out,
    BYTES_NOTE,
    '',
    misses.length === 0 ? 'Failed runs: none.' : `Failed runs (misses):\n\n${misses.map(m => `- ${m}`).join('\n')}`
  ].join('\n')
}
