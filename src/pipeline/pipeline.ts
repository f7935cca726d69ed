/**
 * The one pipeline, for the action (src/main.ts) and the CLI (src/cli/commands/) alike:
 *
 *   prepare  inputs → Settings, go, what the machine has, the composed plan, credentials moved out of URLs
 *   probe    every proxy and the checksum database, under the deadline          (src/probe/)
 *   decide   on-unreachable applied → the VerifiedRoute every later phase gets   (src/settings/configure.ts)
 *   export   the host's job: the action writes GITHUB_ENV and credential files, the CLI prints or runs go env -w
 *   install  Go through the verified route                                       (src/install/)
 *   warm     the module cache through the verified route                         (src/warm/)
 *
 * `runPipeline` runs them all for a host that exports (the action); the CLI's commands run `prepare` and `decide`,
 * then the one phase they are for. Each phase adds to one RunRecord, which the job summary reads.
 *
 * The probe, the warm phase and the Go install are loaded on first use (ncc emits them as chunks next to the
 * bundle): with undici under them they are most of the action's bundle, and a run that fails on its inputs, or runs
 * with `probe: false` and `warm: false`, never evaluates them. The cache phase is not imported here at all: the host
 * that has caches (the action) hands its loader over in `CachePlace`, so the CLI's bundle holds neither the cache
 * code nor @actions/cache and the Azure SDK under it.
 */
import type { CredentialPlan } from '../auth/index.js'
import { findGo } from '../exec/find-go.js'
import { InputError, InputErrors, quote } from '../go/errors.js'
import { goEnv } from '../exec/go.js'
import { unpatchedGoWarning } from '../go/sumdb/exposure.js'
import { formatChain } from '../go/proxy/chain.js'
import { redactText } from '../go/proxy/url.js'
import type { Host } from '../host/host.js'
import type { GoDestination, InstalledGo } from '../install/install.js'
import type { ProbeOutcome } from '../probe/probe.js'
import { probeReportAsShown } from '../probe/shown.js'
import { goEnvFailureWarning, readAmbient } from '../settings/ambient.js'
import { chainFromInputs, environmentFor, type Environment, type ModulePlan } from '../settings/compose.js'
import { decideAfterProbe, planEnvironment } from '../settings/configure.js'
import { readSettings, type InputReader, type Settings } from '../settings/settings.js'
import { missingDirectories } from '../warm/directories.js'
import type { WarmReport } from '../warm/warm.js'
import type { RunRecord } from './record.js'
import type { VerifiedRoute } from './route.js'

let probeLoading: Promise<typeof import('../probe/probe.js')> | undefined
const loadProbe = () => (probeLoading ??= import('../probe/probe.js'))
let warmLoading: Promise<typeof import('../warm/warm.js')> | undefined
const loadWarm = () => (warmLoading ??= import('../warm/warm.js'))
const loadInstall = () => import('../install/for-job.js')

/** Everything decided before the network is touched. */
export interface Prepared {
  readonly settings: Settings
  /** The go binary, when there is one (for `go env GOPROXY`, the warm phase and `apply`). */
  readonly go?: string
  readonly plan: ModulePlan
  readonly credentials: CredentialPlan
}

/**
 * Validates every input (a bad one throws InputErrors before anything is exported), finds go, reads what the
 * machine already has (`go env GOPROXY` only when the inputs do not give the chain) and composes the plan with the
 * credentials moved out of URLs and private module hosts added to GOPRIVATE.
 */
export async function prepare(read: InputReader, host: Host): Promise<Prepared> {
  const settings = readSettings(read)
  // A working-directory that does not exist is a typo: an input error before anything is exported.
  if (settings.warm) refuseMissingDirectories(settings.workingDirectories, host.cwd)
  // Loading starts now so that it overlaps the go lookup; a failed load is reported where the probe awaits it.
  if (settings.probe) loadProbe().catch(() => undefined)
  const go = await findGo(host.goFallback, host.env)
  const ambient = await readAmbient(go, !chainFromInputs(settings), host.env, host.cwd)
  if (ambient.goEnvFailure) host.log.warning(redactText(goEnvFailureWarning(ambient.goEnvFailure)))
  const { plan, credentials } = planEnvironment(settings, ambient, host.wording)
  host.credentialsPlanned(credentials)
  plan.warnings.forEach(warning => host.log.warning(warning))
  host.log.info(`Composed GOPROXY (${plan.chainSource}): ${formatChain(plan.chain, true)}`)
  return { settings, ...(go ? { go } : {}), plan, credentials }
}

/** Throws InputErrors naming every working-directory line (without a glob) that names nothing under `cwd`. */
function refuseMissingDirectories(lines: readonly string[], cwd: string): void {
  const missing = missingDirectories(lines, cwd)
  if (missing.length > 0) {
    throw new InputErrors(
      missing.map(line => new InputError('working-directory', `${quote(line)} does not exist (in ${cwd})`))
    )
  }
}

/** The probe's decision: the route for the later phases, the environment to export, and the run so far. */
export interface Decided {
  readonly route: VerifiedRoute
  readonly environment: Environment
  /** The probe's outcome, its report as shown (naming the chain exported); absent when it did not run. */
  readonly outcome?: ProbeOutcome
  readonly record: RunRecord
  /** With on-unreachable fail: the run fails with this and exports nothing. */
  readonly failure?: string
}

/**
 * Probes (when `probe` is on) and applies on-unreachable: no problem → the rebuilt chain; problems → the chain as
 * composed with a warning (`warn`) or a failure (`fail`, nothing exported).
 */
export async function decide(prepared: Prepared, host: Host, probe = prepared.settings.probe): Promise<Decided> {
  const { settings, plan, credentials } = prepared
  const outcome = probe ? await probeWith(prepared, host) : undefined
  const verdict = outcome
    ? decideAfterProbe(plan, outcome, settings.onUnreachable, host.wording)
    : { chain: plan.chain, sumdb: plan.sumdb }
  // Shown after the verdict, to every reader alike (outputs, tables, warnings): the chain it names is the one
  // exported, or none when the run fails.
  const shown = outcome && {
    ...outcome,
    report: probeReportAsShown(outcome.report, verdict.failure === undefined ? verdict.chain : undefined)
  }
  if (shown) {
    host.probed?.(shown)
    host.showProbe(shown)
  }
  if (verdict.warning) host.log.warning(verdict.warning)
  const route: VerifiedRoute = {
    chain: verdict.chain,
    sumdb: verdict.sumdb,
    plan,
    credentialsFor: credentials.credentialsFor
  }
  const environment = environmentFor(plan, verdict.chain, verdict.sumdb)
  const record: RunRecord = {
    settings,
    plan,
    ...(shown ? { probe: shown } : {}),
    // A failed decision exports nothing: the summary shows the composed values as not exported.
    environment: verdict.failure ? { ...environmentFor(plan), exports: {} } : environment,
    ...(verdict.failure ? { failure: verdict.failure } : {})
  }
  return {
    route,
    environment,
    record,
    ...(shown ? { outcome: shown } : {}),
    ...(verdict.failure ? { failure: verdict.failure } : {})
  }
}

/** Runs the probe as one part of the log. */
async function probeWith(prepared: Prepared, host: Host): Promise<ProbeOutcome> {
  const { settings, plan, credentials } = prepared
  const { probeChain } = await loadProbe()
  const outcome = await host.group(`Probe ${plan.chain.proxies.length} proxies and the checksum database`, () =>
    probeChain(plan, {
      timeoutMs: settings.probeTimeoutMs,
      probeModule: settings.probeModule,
      order: settings.order,
      credentialsFor: credentials.credentialsFor,
      log: host.log,
      words: host.wording
    })
  )
  return outcome
}

/** Where the Go install puts Go, and the files it needs. */
export interface InstallPlace {
  readonly destination: GoDestination
  /** Where the zip is downloaded. */
  readonly tempDir: string
}

/** Installs the Go the settings ask for (go-version / go-version-file) through the verified route. */
export async function installGo(
  route: VerifiedRoute,
  settings: Settings,
  host: Host,
  place: InstallPlace
): Promise<InstalledGo> {
  const { goInstall } = settings
  if (!goInstall) throw new Error('no Go to install: give go-version or go-version-file')
  const { installRequestedGo } = await loadInstall()
  const what = goInstall.from === 'go-version' ? 'go-version' : `go-version-file ${goInstall.file}`
  return host.group(`Install Go (${what}) through the verified chain`, () =>
    installRequestedGo({
      goInstall,
      chain: route.chain,
      sumdb: route.sumdb,
      gonoproxy: route.plan.gonoproxy,
      credentialsFor: route.credentialsFor,
      destination: place.destination,
      tempDir: place.tempDir,
      cwd: host.cwd,
      env: { ...host.env },
      log: host.log,
      attempts: settings.retries,
      checkLatest: settings.checkLatest,
      ...(settings.architecture ? { architecture: settings.architecture } : {})
    })
  )
}

/** What the warm phase runs with besides the route and the settings. */
export interface WarmPlace {
  readonly go: string
  /** The directory the working-directory lines resolve against. */
  readonly cwd: string
  /** The environment go runs in (with the exported variables). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** For the CLI's live line. */
  readonly onProgress?: (p: { done: number; total?: number; current?: string; elapsedMs: number }) => void
}

/** Warms the module cache through the verified route. */
export async function warmCache(
  route: VerifiedRoute,
  settings: Settings,
  host: Host,
  place: WarmPlace
): Promise<WarmReport> {
  const { warmModules } = await loadWarm()
  return warmModules({
    go: place.go,
    directories: [...settings.workingDirectories],
    cwd: place.cwd,
    env: definedOnly(place.env),
    chain: route.chain,
    plan: route.plan,
    sumdb: route.sumdb,
    timeoutSeconds: settings.warmTimeoutSeconds,
    prefetchConcurrency: settings.warmConcurrency,
    warmVendored: settings.warmVendored,
    retries: settings.retries,
    credentialsFor: route.credentialsFor,
    log: host.log,
    words: host.wording,
    ...(host.removeLater ? { removeLater: (dir: string) => host.removeLater?.(dir) } : {}),
    ...(place.onProgress ? { onProgress: place.onProgress } : {})
  })
}

/** The environment without its unset names (what a child process gets). */
export function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}

/** A host that runs the whole pipeline: it exports, installs into its place, and writes the run's summary. */
export interface ExportingHost extends Host {
  /** Exports the decided environment and the credential files for later steps. */
  exportEnvironment(decided: Decided, credentials: CredentialPlan): Promise<void>
  /** Where Go is installed (called only when the settings ask for Go). */
  installPlace(): InstallPlace
  /** Puts the installed Go on PATH for later steps and sets the install outputs. */
  installed(go: InstalledGo): void | Promise<void>
  /**
   * The job's go is known (the installed one, else the one found): what the warm phase runs with, or undefined
   * (with the host's own notice) when there is none or warm is off; and work to finish after the warm phase (the
   * action shows `go env`, read beside it).
   */
  goReady(go: string | undefined, warm: boolean): { warm?: WarmPlace; after?: () => Promise<void> }
  /** Reacts to the warm phase's report (outputs); `environment` is set when a proxy was dropped meanwhile. */
  warmed(report: WarmReport, environment: Environment | undefined): void
  /** Writes the run's summary. */
  writeSummary(record: RunRecord): Promise<void>
  /** Where the cache phase keeps its hand-over to the post step, and the runner's OS name; undefined: no caches. */
  cachePlace?(): CachePlace | undefined
  /** Reacts to what the cache phase restored (outputs, state for the post step). */
  cachesRestored?(restored: CacheRestored): void
}

/** What the cache phase runs with besides the settings. */
export interface CachePlace {
  /** RUNNER_OS (the key's OS). */
  readonly os: string
  /** RUNNER_TEMP: the restored entry lists for post. */
  readonly stateDir: string
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** When the step started: the build cache keeps the entries used from then on. */
  readonly startedMs: number
  /** Loads the cache phase (src/cache/phase.ts): only a host with caches imports it. */
  readonly load: () => Promise<CachePhase>
  /**
   * Starts what the restores will need (the action: its restore worker, which loads the cache library meanwhile), so
   * that cost is paid beside the phases before the cache phase, not on the way to a warm module cache.
   */
  readonly standby?: () => void
}

/** The cache phase's module, as a host loads it. */
export type CachePhase = typeof import('../cache/phase.js')

/** The cache phase's outcome: the parts restored and the state the post step saves from. */
export interface CacheRestored {
  readonly modules?: import('../cache/report.js').RestoredPart
  readonly build?: import('../cache/report.js').RestoredPart
  readonly state: import('../cache/phase.js').CacheState
}

/** The debug line that marks the moment the module cache is warm, with the caches on (bench/cache.ts reads it). */
export const MODULE_CACHE_WARM_MARK = 'Module cache warm:'

/**
 * Starts the build cache's restore, restores the module cache (awaited), and returns the function that awaits the
 * build cache's restore (which runs beside the warm phase meanwhile).
 */
export async function restoreCaches(
  settings: Settings,
  go: string,
  host: Host,
  place: CachePlace,
  early?: Promise<ModulesRestore | undefined>
): Promise<(() => Promise<CacheRestored>) | undefined> {
  const cache = settings.cache
  if (!cache) return undefined
  const { restoreCaches: restore } = await place.load()
  const result = await host.group('Restore the module and build caches', () =>
    restore({ ...cacheOptions(settings, cache, go, host, place), ...(early ? { early } : {}) })
  )
  if (!result) return undefined
  // Called after the warm phase and `go env`: the main step's own go commands are done.
  return async () => {
    const build = await result.build
    await result.buildSettled?.()
    return {
      ...(result.modules ? { modules: result.modules } : {}),
      ...(build ? { build } : {}),
      state: result.state
    }
  }
}

type ModulesRestore = import('../cache/phase.js').ModulesRestore

function cacheOptions(
  settings: Settings,
  cache: NonNullable<Settings['cache']>,
  go: string,
  host: Host,
  place: CachePlace
): import('../cache/phase.js').RestoreOptions {
  return {
    settings: cache,
    go,
    cwd: place.cwd,
    env: definedOnly(place.env),
    directories: settings.workingDirectories,
    os: place.os,
    stateDir: place.stateDir,
    startedMs: place.startedMs,
    log: host.log
  }
}

/**
 * The modules restore, started before Go is installed with the go already here: it runs beside the install (see
 * restoreModulesEarly); undefined when there is no such go or no caches.
 */
function restoreModulesEarly(
  settings: Settings,
  go: string | undefined,
  host: ExportingHost
): Promise<ModulesRestore | undefined> | undefined {
  const cache = settings.cache
  const place = cache && go ? host.cachePlace?.() : undefined
  if (!cache || !go || !place) return undefined
  return place.load().then(
    (phase: CachePhase) => phase.restoreModulesEarly(cacheOptions(settings, cache, go, host, place)),
    () => undefined
  )
}

/**
 * prepare → probe → decide → export → install → warm, as README's "What it does" lists them. A failed phase
 * still writes the summary and then throws its failure.
 */
export async function runPipeline(read: InputReader, host: ExportingHost): Promise<RunRecord> {
  const prepared = await prepare(read, host)
  if (prepared.settings.cache) host.cachePlace?.()?.standby?.()
  const decided = await decide(prepared, host)
  const { record, route } = decided
  const fail = async (failure: string, cause?: unknown): Promise<never> => {
    record.failure = failure
    await host.writeSummary(record)
    throw new Error(failure, cause === undefined ? undefined : { cause })
  }
  if (decided.failure) return fail(decided.failure)

  await host.exportEnvironment(decided, prepared.credentials)
  // The module cache's restore does not wait for the Go install (its place and key do not depend on the version).
  const early = prepared.settings.goInstall ? restoreModulesEarly(prepared.settings, prepared.go, host) : undefined
  if (prepared.settings.goInstall) {
    try {
      record.installedGo = await installGo(route, prepared.settings, host, host.installPlace())
    } catch (error) {
      return fail(`Installing Go failed: ${error instanceof Error ? error.message : String(error)}`, error)
    }
    await host.installed(record.installedGo)
  }

  const jobGo = record.installedGo?.goBinary ?? prepared.go
  // The caches: the module cache before the warm phase (which then fetches only what is missing), the build cache
  // beside it.
  const cachePlace = prepared.settings.cache && jobGo ? host.cachePlace?.() : undefined
  const caches =
    cachePlace && jobGo ? await restoreCaches(prepared.settings, jobGo, host, cachePlace, early) : undefined
  const ready = host.goReady(jobGo, prepared.settings.warm)
  // The job's go version, for the warning about the 2026 checksum-database fixes (beside the warm phase).
  const goVersion = jobGo
    ? goEnv(jobGo, ['GOVERSION'], { cwd: host.cwd, env: host.env }).catch(() => undefined)
    : undefined
  const warnIfUnpatched = async () => {
    const version = await goVersion
    const warning = version?.ok ? unpatchedGoWarning(version.values.GOVERSION, route.sumdb, route.chain) : undefined
    if (warning) host.log.warning(warning)
  }
  const place = ready.warm
  if (place) {
    const warm = await host.group('Warm the module cache', () => warmCache(route, prepared.settings, host, place))
    record.warm = warm
    // The moment the module cache is warm (restore + top-up): the cache benchmark reads it; the build cache's
    // restore may still run, and the step awaits it below.
    if (caches)
      host.log.debug(`${MODULE_CACHE_WARM_MARK} ${Math.round(performance.now())} ms after the process started`)
    await ready.after?.()
    await warnIfUnpatched()
    if (warm.chainChanged) record.environment = environmentFor(prepared.plan, warm.chain, route.sumdb)
    host.warmed(warm, warm.chainChanged ? record.environment : undefined)
    if (!warm.ok) {
      return fail(
        `Warming the module cache failed: ${warm.failed.length} module(s); each one is diagnosed in the log (on its go.mod) and in the job summary.`
      )
    }
  }
  if (!place) {
    await ready.after?.()
    await warnIfUnpatched()
  }
  if (caches) {
    const restored = await caches()
    record.caches = [restored.modules, restored.build].filter(part => part !== undefined)
    host.cachesRestored?.(restored)
  }
  await host.writeSummary(record)
  return record
}
