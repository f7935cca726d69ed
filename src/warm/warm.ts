/**
 * The warm phase: download every module the build needs, before the build, through the
 * verified chain — and when that fails, say in one sentence what is wrong and what to change.
 * Verification is never weakened and the module cache is never cleaned or written except by go.
 *
 * One pipeline, read top to bottom in warmModules:
 *   1. plan   directories → module sets (directories.ts) → their go.mod/go.work/go.sum texts (module-sets.ts)
 *             → what `go mod download` will ask the proxy for (warm/plan.ts, pure; made right after go is
 *             started, while go starts up, and then handed to the forwarder)
 *   2. fetch  the loopback forwarder on the one HTTP client, prefetching the plan ahead of go (fetch.ts,
 *             forwarder/): per-request timeouts, retries for transient faults, proxy health, single flight
 *   3. run go `go mod download -json` per set under a watchdog (run-go.ts, on the one go runner), started at
 *             once and pipelined with the prefetch; a set is run again only while all its failures are transient
 *   4. judge  each run → modules downloaded or cached, and a table of diagnosed failures (warm/judge.ts, pure)
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { WarmOptions } from './options.js'
import { formatChain, type Chain } from '../go/proxy/chain.js'
import { deadlineMarker } from './diagnose.js'
import type { ModuleDownload } from './download-json.js'
import { judgeRun, setFailure, type WarmFailure } from './judge.js'
import { planPrefetch, type PrefetchPlan } from './plan.js'
import { goEnv } from '../exec/go.js'
import { backoffDelay } from '../go/proxy/walk.js'
import { MODULE_DOWNLOAD_DIR, MODULE_VCS_DIR } from '../go/module/path.js'
import { sleep } from '../net/sleep.js'
import { display, resolveDirectories, type ModuleSet } from './directories.js'
import { buildsFromVendor } from '../go/modfile/vendor.js'
import { parseGoSum, recordedSums, type RecordedSums } from '../go/modfile/gosum.js'
import { DEFAULT_STALL_SECONDS, startFetch, type FetchStage, type PrefetchReport } from './fetch.js'
import { readModuleSets, type ReadSet } from './module-sets.js'
import { runWatched } from './run-go.js'
import { refusedFile, removeStaleFiles } from './stale-files.js'
import { explainFailures } from './sources.js'

export { findGo, type GoLookup } from '../exec/find-go.js'
export type { WarmFailure } from './judge.js'
export type { PrefetchReport } from './fetch.js'

export type { WarmOptions } from './options.js'

export interface WarmReport {
  ok: boolean
  downloaded: number
  cached: number
  failed: WarmFailure[]
  seconds: number
  /** The most attempts any module set needed. */
  attempts: number
  /** Resolved module/workspace directories (relative to cwd). */
  directories: string[]
  /** Final chain: a proxy found dead during warming is dropped. */
  chain: Chain
  chainChanged: boolean
  notes: string[]
  /** What the prefetch did; absent when it was off (warm-concurrency 0, or no proxy in the chain). */
  prefetch?: PrefetchReport
  /** What the phase's own bookkeeping cost, in milliseconds (absent when there was nothing to warm). */
  timings?: WarmTimings
}

/**
 * The fixed costs of the phase before go starts (resolve, read, forwarder), the plan made after go is started, and
 * the go env call that runs alongside go (0 when GOMODCACHE came from the environment).
 */
export interface WarmTimings {
  resolveMs: number
  readMs: number
  /** Making and queueing the prefetch plan, after go was started (not part of goStartMs). */
  planMs: number
  forwarderMs: number
  /** From the start of the phase until go is started (resolve, read, forwarder and the spawn itself). */
  goStartMs: number
  goModCacheMs: number
  /** go's runs (the sets, attempts and the judging between them). */
  goMs: number
  /** Closing the fetch step after go: the prefetch's figures, its spool files and file:// layer removed. */
  closeMs: number
}

/** Prefetch requests in flight by default: 200 modules at 50 ms per answer took 4.1 s at 16, 2.2 s at 32, 1.8 s at 64 (plain go 24.7 s); loopback the same at all three. */
export const DEFAULT_PREFETCH_CONCURRENCY = 64

const RETRY_DELAY_CAP_MS = 15_000

/**
 * The module sets to warm: a module that go builds from its vendor directory (a vendor/modules.txt consistent with
 * go.mod, go ≥ 1.14, no other -mod in GOFLAGS) never reads the module cache, so warming it is waste — it is left out
 * with a one-line notice saying why, unless options.warmVendored. Workspaces are always warmed.
 */
async function withoutVendored(sets: readonly ModuleSet[], options: WarmOptions): Promise<ModuleSet[]> {
  if (options.warmVendored) return [...sets]
  const kept: ModuleSet[] = []
  for (const set of sets) {
    const read = (file: string) => readFile(join(set.dir, file), 'utf8').catch(() => undefined)
    const goMod = set.goWork ? undefined : await read('go.mod')
    if (
      goMod !== undefined &&
      buildsFromVendor(goMod, await read(join('vendor', 'modules.txt')), options.env.GOFLAGS)
    ) {
      options.log.info(
        `Warm phase skipped: ${display(join(set.dir, 'vendor', 'modules.txt'), options.cwd)} matches go.mod, so go builds from vendor/ and never reads the module cache; set warm-vendored: true to warm it anyway.`
      )
      continue
    }
    kept.push(set)
  }
  return kept
}

/** A clock of laps: each call returns the milliseconds since the previous one (the first since `started`). */
function lapTimer(started: number): () => number {
  let last = started
  return () => {
    const now = Date.now()
    const ms = now - last
    last = now
    return ms
  }
}

/** What the report needs besides the run: when the phase started, its directories and notes, the chain it was given. */
interface ReportContext {
  readonly started: number
  readonly directories: string[]
  readonly resolvedNotes: readonly string[]
  readonly given: Chain
}

/** The warm phase's report from the go runs' outcome and the chain they ended with. */
function warmReport(
  run: SetsOutcome,
  context: ReportContext,
  chain: Chain,
  prefetch?: PrefetchReport,
  timings?: WarmTimings
): WarmReport {
  const states = [...run.modules.values()]
  return {
    ok: run.failures.length === 0,
    downloaded: states.filter(v => v === 'downloaded').length,
    cached: states.filter(v => v === 'cached').length,
    failed: run.failures,
    seconds: Math.round((Date.now() - context.started) / 100) / 10,
    attempts: run.attempts,
    directories: context.directories,
    chain,
    chainChanged: chain.proxies.length !== context.given.proxies.length,
    notes: [...context.resolvedNotes, ...run.notes],
    ...(prefetch ? { prefetch } : {}),
    ...(timings ? { timings } : {})
  }
}

/** Runs the warm phase. Never throws for download problems: they are in the report. */
export async function warmModules(options: WarmOptions): Promise<WarmReport> {
  const started = Date.now()
  const { log } = options
  const concurrency = options.prefetchConcurrency ?? DEFAULT_PREFETCH_CONCURRENCY
  if (!Number.isInteger(concurrency) || concurrency < 0)
    throw new Error(`warm-concurrency must be a whole number ≥ 0, got ${concurrency}`)

  // 1. Plan: the directories and their texts (the plan itself is made once go runs, below).
  const resolved = await resolveDirectories(options.directories, options.cwd, options.env.GOWORK)
  for (const note of resolved.notes) log.info(note)
  const toWarm = await withoutVendored(resolved.sets, options)
  const directories = toWarm.map(set => display(set.dir, options.cwd))
  const mark = lapTimer(started)
  const resolveMs = mark()
  const report = (run: SetsOutcome, chain: Chain, prefetch?: PrefetchReport, timings?: WarmTimings): WarmReport =>
    warmReport(
      run,
      { started, directories, resolvedNotes: resolved.notes, given: options.chain },
      chain,
      prefetch,
      timings
    )
  if (toWarm.length === 0) return report(NOTHING_RUN, options.chain)
  const sets = await readModuleSets(toWarm, options.cwd)
  const readMs = mark()

  // 2. Fetch. GOMODCACHE is off go's critical path: only the prefetch (which leaves out what the cache holds) and the
  // watchdog's cache walk wait for it. One set in the environment wins over the go env file: nothing to ask then.
  let goModCacheMs = 0
  const modcache = options.env.GOMODCACHE?.trim()
    ? Promise.resolve(options.env.GOMODCACHE.trim())
    : goModCache(options).finally(() => (goModCacheMs = Date.now() - started - resolveMs - readMs))
  const fetch = await startFetch(options, modcache, concurrency, started, recordedLater(sets))
  const forwarderMs = mark()

  // 3. Run go, and 4. judge each run. go is started first; the plan is made while go starts up (startGoThenPlan).
  let outcome: SetsOutcome
  let prefetch: PrefetchReport | undefined
  let laps: ReturnType<typeof startGoThenPlan>
  const goStarted = Date.now()
  let goEnded: number
  try {
    laps = startGoThenPlan(sets, fetch, modcache, options, { started, concurrency, mark })
    outcome = await laps.running
    // Before the forwarder closes: it knows who served (or answered 404 for) each failed module's files.
    if (fetch.forwarder) await explainFailures(outcome.failures, fetch.forwarder, options.plan.gonosumdb, options.words)
  } finally {
    goEnded = Date.now()
    prefetch = await fetch.close()
  }
  const goMs = goEnded - goStarted
  const closeMs = Date.now() - goEnded
  await modcache
  const timings: WarmTimings = {
    resolveMs,
    readMs,
    planMs: laps.planMs,
    forwarderMs,
    goStartMs: resolveMs + readMs + forwarderMs + laps.spawnMs,
    goModCacheMs,
    goMs,
    closeMs
  }
  log.debug(`Warm phase timings (ms): ${JSON.stringify(timings)}`)

  const chain = fetch.forwarder ? fetch.forwarder.chain() : options.chain
  for (const health of fetch.forwarder?.health() ?? []) {
    if (health.dropped) outcome.notes.push(`Dropped ${health.url} from GOPROXY: ${health.reason}.`)
  }
  const warm = report(outcome, chain, prefetch, timings)
  for (const failure of warm.failed) {
    log.info(failure.error)
    log.error(failure.diagnosis.message, failure.goMod)
  }
  if (prefetch) {
    log.info(
      `Prefetch: ${prefetch.files} files (${mib(prefetch.bytes)}) fetched ahead of go at concurrency ${concurrency}, ${prefetch.served} used by go, ${prefetch.unused} unused (${mib(prefetch.unusedBytes)}); ${prefetch.fromDisk} read by go from disk without a request; peak ${mib(prefetch.peakMemoryBytes)} in memory, ${prefetch.spooled} spooled; plan queued after ${prefetch.planMs} ms.`
    )
  }
  log.info(
    `Warm phase: ${warm.downloaded} downloaded, ${warm.cached} already cached, ${warm.failed.length} failed in ${warm.seconds} s (${warm.attempts} attempt${warm.attempts === 1 ? '' : 's'}).`
  )
  options.onProgress?.({
    done: warm.downloaded + warm.cached,
    total: warm.downloaded + warm.cached + warm.failed.length,
    elapsedMs: Date.now() - started
  })
  return warm
}

/**
 * What go.sum records, for the forwarder's comparison where mirrors may disagree (forwarder/verify.ts): parsed on the
 * first comparison, not before go starts.
 */
function recordedLater(sets: readonly ReadSet[]): () => RecordedSums {
  // createSumCheck calls it once, on its first comparison.
  return () => recordedSums(sets.flatMap(s => s.texts.goSums.map(parseGoSum)))
}

const NO_PLAN: PrefetchPlan = { files: [], notes: [] }

/**
 * Starts go on the sets (runSets spawns the first set's go before it returns its promise), then makes the prefetch
 * plan while go starts up (it needs some 100 ms before its first request) and hands it to the forwarder; logs the
 * plan's notes and the phase's opening line. `mark` measures the spawn and the plan.
 */
function startGoThenPlan(
  sets: readonly ReadSet[],
  fetch: FetchStage,
  modcache: Promise<string | undefined>,
  options: WarmOptions,
  run: { started: number; concurrency: number; mark: () => number }
): { running: Promise<SetsOutcome>; spawnMs: number; planMs: number } {
  const { log } = options
  const { concurrency } = run
  const running = runSets(sets, fetch, modcache, options, run.started)
  const spawnMs = run.mark()
  const plan = concurrency > 0 ? planOrNothing(sets, options) : NO_PLAN
  fetch.queue(plan.files)
  const planMs = run.mark()
  for (const note of plan.notes) log.info(`Prefetch: ${note}`)
  const directories = sets.map(s => display(s.set.dir, options.cwd))
  log.info(
    `Warming the module cache for ${directories.join(', ')} through ${formatChain(options.chain, true) || 'the default chain'}${fetch.forwarder ? ' (per-request timeouts and retries by the warm-phase forwarder)' : ''}${plan.files.length > 0 && fetch.forwarder ? `, prefetching ${plan.files.length} files at concurrency ${concurrency}` : ''}.`
  )
  return { running, spawnMs, planMs }
}

/**
 * The prefetch plan of the sets. Made while go already runs: should it ever throw, go asks for everything itself
 * (the plan only saves time) and the running go is still awaited and judged.
 */
function planOrNothing(sets: readonly ReadSet[], options: WarmOptions): PrefetchPlan {
  try {
    return planPrefetch(
      sets.map(s => s.texts),
      { goprivate: options.plan.goprivate, gonoproxy: options.plan.gonoproxy }
    )
  } catch (error) {
    options.log.debug(`Prefetch: no plan (${String(error)}); go asks for everything itself.`)
    return NO_PLAN
  }
}

/** What running every set came to. */
interface SetsOutcome {
  /** `path@version` → downloaded in this phase, or found cached. */
  readonly modules: ReadonlyMap<string, 'downloaded' | 'cached'>
  readonly failures: WarmFailure[]
  readonly attempts: number
  readonly notes: string[]
}

const NOTHING_RUN: SetsOutcome = { modules: new Map(), failures: [], attempts: 0, notes: [] }

/**
 * Runs `go mod download -json` in each set, under the watchdog, and judges each run; a set whose failures are
 * all transient runs again (with backoff) up to `retries` attempts, within the phase's deadline.
 */
async function runSets(
  sets: readonly ReadSet[],
  fetch: FetchStage,
  modcache: Promise<string | undefined>,
  options: WarmOptions,
  started: number
): Promise<SetsOutcome> {
  const { log } = options
  const { forwarder } = fetch
  const deadline = started + options.timeoutSeconds * 1000
  const stallSeconds = options.stallSeconds ?? DEFAULT_STALL_SECONDS
  const env: Record<string, string> = { ...options.env, GOPROXY: fetch.goproxy }
  // Filled once GOMODCACHE is known; the watchdog reads the list when it walks (only after half a stall window).
  const watchDirs: string[] = []
  void modcache.then(dir => {
    if (dir) watchDirs.push(join(dir, ...MODULE_DOWNLOAD_DIR), join(dir, ...MODULE_VCS_DIR))
  })
  const modules = new Map<string, 'downloaded' | 'cached'>()
  const failures = new Map<ReadSet, WarmFailure[]>()
  const progress = progressReporter(options, forwarder, modules, started)

  let attempts = 0
  let pending = sets
  // The diagnosis each set's last retry line gave: the same failure again is counted, not described again.
  const told = new Map<ReadSet, string>()
  // Sets run once more after stale zips were removed (once each, beyond `retries`).
  const renewed = new Set<ReadSet>()
  let maxAttempts = Math.max(1, options.retries)
  for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
    if (attempt > 1) {
      const delay = backoffDelay(attempt - 1, options.retryDelayMs ?? 1000, RETRY_DELAY_CAP_MS)
      if (Date.now() + delay >= deadline) break
      await sleep(delay)
    }
    attempts = attempt
    const again: ReadSet[] = []
    for (const set of pending) {
      const shown = set.judged.shown
      if (Date.now() >= deadline) {
        failures.set(set, [setFailure(set.judged, deadlineMarker(options.timeoutSeconds), options.words)])
        continue
      }
      const { run, verdict } = await runAndJudge(set, fetch, options, {
        env,
        stallSeconds,
        deadline,
        watchDirs,
        started,
        onTick: () => progress()
      })
      // A module downloaded by an earlier attempt stays downloaded.
      for (const [key, state] of verdict.modules)
        modules.set(key, state === 'downloaded' ? state : (modules.get(key) ?? state))
      const found = [...verdict.failures]
      failures.set(set, found)
      progress(true)
      const counts = `${run.objects.length} modules checked in ${(run.ms / 1000).toFixed(1)} s`
      // Files go refused that were in the module cache before this phase: removed, the set runs once more.
      const stale = found.length === 0 || renewed.has(set) ? [] : await removeStaleFiles(found, await modcache, started)
      const renew =
        stale.length > 0 && found.every(f => stale.includes(f) || f.diagnosis.transient) && Date.now() < deadline
      if (found.length === 0) {
        log.info(`${shown}: ${counts}${attempt > 1 ? ` (attempt ${attempt})` : ''}.`)
      } else if (renew) {
        log.warning(staleFilesWarning(shown, stale))
        renewed.add(set)
        if (attempt === maxAttempts) maxAttempts++
        again.push(set)
      } else if (found.every(f => f.diagnosis.transient) && attempt < maxAttempts && Date.now() < deadline) {
        // Only when every failure may pass: a checksum mismatch or a missing module would fail the build anyway.
        log.info(
          `${shown}: ${retryLine(found, told.get(set))}; trying again (attempt ${attempt + 1} of ${maxAttempts}).`
        )
        told.set(set, found[0].diagnosis.message)
        again.push(set)
      }
    }
    pending = again
  }
  return { modules, failures: [...failures.values()].flat(), attempts, notes: [] }
}

/** One `go mod download -json` of a set under the watchdog, and its verdict (what it downloaded, what failed). */
async function runAndJudge(
  set: ReadSet,
  fetch: FetchStage,
  options: WarmOptions,
  run: {
    env: Record<string, string>
    stallSeconds: number
    deadline: number
    watchDirs: string[]
    started: number
    onTick: () => void
  }
): Promise<{ run: Awaited<ReturnType<typeof runWatched>>; verdict: ReturnType<typeof judgeRun> }> {
  const { forwarder } = fetch
  const ran = await runWatched({
    go: options.go,
    args: ['mod', 'download', '-json'],
    cwd: set.set.dir,
    env: run.env,
    stallMs: run.stallSeconds * 1000,
    deadline: run.deadline,
    watchDirs: run.watchDirs,
    ...(forwarder ? { lastActivity: forwarder.lastActivity, busy: () => forwarder.inFlight() > 0 } : {}),
    onTick: run.onTick
  })
  const written = await writtenSince(ran.objects, run.started)
  const verdict = judgeRun(ran, set.judged, {
    go: options.go,
    stallSeconds: run.stallSeconds,
    timeoutSeconds: options.timeoutSeconds,
    clean: fetch.clean,
    fetched: object => written.has(object),
    ...(options.words ? { words: options.words } : {})
  })
  return { run: ran, verdict }
}

/**
 * The phase's progress callback for the go runs: the modules judged so far (or the zips the forwarder served, when
 * more) and the module in flight, at most every 250 ms unless forced (after each run).
 */
function progressReporter(
  options: WarmOptions,
  forwarder: FetchStage['forwarder'],
  modules: ReadonlyMap<string, unknown>,
  started: number
): (force?: boolean) => void {
  let last = 0
  return (force = false) => {
    if (!options.onProgress) return
    const now = Date.now()
    if (!force && now - last < 250) return
    last = now
    const p = forwarder?.progress()
    options.onProgress({
      done: Math.max(modules.size, p?.zips ?? 0),
      ...(p?.current ? { current: p.current } : {}),
      elapsedMs: now - started
    })
  }
}

/** The warning for zips found in the module cache that go rejected, removed to be fetched again. */
function staleFilesWarning(shown: string, stale: readonly WarmFailure[]): string {
  const said = (kind: 'zip' | 'mod', what: string): string[] => {
    const named = stale.filter(f => refusedFile(f) === kind).map(f => `${f.path}@${f.version ?? ''}`)
    return named.length === 0 ? [] : [`${named.join(', ')}: ${what}`]
  }
  const refused = [
    ...said('zip', 'the zip already in the module cache'),
    ...said('mod', 'the go.mod already in the module cache')
  ].join('; ')
  return `${shown}: ${refused} (restored from the Actions cache, or left by an earlier job) is not what go.sum records, so go refused it; removed and fetched again from the proxy. A cache entry that holds other bytes than the published modules was written by something other than this workflow's go: a workflow running untrusted code with access to the repository's cache, or a damaged archive.`
}

/** What a retry says of an attempt's failures: the first diagnosis in full, or only its kind when it is the one said last. */
function retryLine(found: readonly { diagnosis: { kind: string; message: string } }[], toldBefore?: string): string {
  const { kind, message } = found[0].diagnosis
  return message === toldBefore
    ? `${found.length} failed the same way (${kind})`
    : `${found.length} failed (${kind}: ${message})`
}

/** The objects whose module files were written after the phase began (the others were cached already). */
async function writtenSince(objects: readonly ModuleDownload[], started: number): Promise<Set<ModuleDownload>> {
  const written = new Set<ModuleDownload>()
  await Promise.all(
    objects.map(async object => {
      const file = object.Zip ?? object.GoMod
      if (!file || object.Error) return
      try {
        if ((await stat(file)).mtimeMs >= started) written.add(object)
      } catch {
        // Gone or unreadable: counted as cached, as before.
      }
    })
  )
  return written
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}

/** $GOMODCACHE as the go command sees it (the runner keeps GOTOOLCHAIN=local: asking must not download a toolchain). */
async function goModCache(options: WarmOptions): Promise<string | undefined> {
  const result = await goEnv(options.go, ['GOMODCACHE'], { cwd: options.cwd, env: options.env })
  return result.ok ? result.values.GOMODCACHE.trim() || undefined : undefined
}
