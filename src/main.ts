import * as core from '@actions/core'
import os from 'node:os'
import * as path from 'node:path'
import { readAmbient } from './action/ambient.js'
import { goEnvFailureWarning } from './settings/ambient.js'
import { exportVariables, readGoEnvForLog, setEnvironmentOutputs, showGoEnv } from './action/export.js'
import { actionLogger as log } from './action/logger.js'
import { maskInputSecrets, maskSecrets } from './action/secrets.js'
import { CredentialRemovalError, installCredentials, removeCredentials } from './auth/install.js'
import { decideAfterProbe, planEnvironment, type ExportDecision } from './settings/configure.js'
import { formatChain } from './go/proxy/chain.js'
import { chainFromInputs, environmentFor, type ModulePlan } from './settings/compose.js'
import { InputErrors } from './go/errors.js'
import { redactText } from './go/proxy/url.js'
import { readSettings, type Settings } from './settings/settings.js'
import { droppedWarnings, probeTableMarkdown, probeTableText, sumdbCheckMarkdown } from './probe/table.js'
import type { ProbeOutcome } from './probe/probe.js'
import { probeReportAsShown } from './probe/shown.js'
import { renderSummary } from './report/summary.js'
import { renderWarmSection } from './report/warm-section.js'
import { findGo } from './exec/find-go.js'
import type { WarmReport } from './warm/warm.js'
import { renderInstallLine } from './install/line.js'
import type { GoInstallRequest } from './settings/settings.js'
import type { InstalledGo } from './install/install.js'
import { withModcacherw } from './cache/policy.js'
import { pinnedToolchain, toolchainModuleGoVersion } from './go/toolchain/version.js'

/*
 * The probe, the warm phase and the Go install are loaded on first use (ncc emits them as chunks next to index.js):
 * with undici under them they are most of the bundle, and a run that fails on its inputs, or runs with `probe:
 * false` and `warm: false`, never evaluates them. The tool-cache lookup is loaded only when go is not on PATH.
 */
let probeLoading: Promise<typeof import('./probe/probe.js')> | undefined
const loadProbe = () => (probeLoading ??= import('./probe/probe.js'))
let warmLoading: Promise<typeof import('./warm/warm.js')> | undefined
const loadWarm = () => (warmLoading ??= import('./warm/warm.js'))
const findGoInToolCache = async () => (await import('./exec/find-go-toolcache.js')).findGoInToolCache()

let cacheLoading: Promise<typeof import('./cache/phase.js')> | undefined
const loadCache = () => (cacheLoading ??= import('./cache/phase.js'))

const STATE_IS_POST = 'isPost'
/** The cache phase's hand-over to post (CacheState as JSON); empty when nothing was restored. */
const STATE_CACHE = 'cache'
const STATE_FILES = 'credentialFiles'
/** The credential directory main used: post must clean up from the same one, whatever the runner sets. */
const STATE_CREDENTIAL_DIR = 'credentialDir'

/**
 * The action's entry: the main step configures the Go module environment, the post
 * step (same bundle, run again by the runner with the saved state) removes the
 * credential files. Whatever is thrown ends in core.setFailed.
 */
export async function run(): Promise<void> {
  try {
    if (core.getState(STATE_IS_POST) === 'true') {
      // Credentials go first and whatever happens; the caches are saved after, and only after a successful job.
      try {
        await cleanUp()
      } finally {
        await saveCachesAfterJob()
      }
    } else {
      core.saveState(STATE_IS_POST, 'true')
      await configure()
    }
  } catch (error) {
    core.setFailed(failureMessage(error))
  } finally {
    // A cache request given up at its deadline may hold a socket open for as long as the service keeps it: end the
    // process now (with the exit code core.setFailed set), not when that socket closes.
    if (cacheLoading && (await import('./cache/cache.js')).hasAbandonedCacheRequests()) process.exit()
  }
}

/** What the README calls "what it does", in order. */
async function configure(): Promise<void> {
  // The build cache keeps the entries used from here on (see src/cache/policy.ts).
  const startedMs = Date.now()
  const read = (name: string): string => core.getInput(name)
  maskInputSecrets(read)

  // 1. Validate every input; a bad one fails the step before anything is exported.
  const settings = readSettings(read)
  // Loading starts now so that it overlaps the go lookup and `go env GOPROXY`; a failed load is reported where the
  // probe awaits it, so it is not an unhandled rejection here.
  if (settings.probe) loadProbe().catch(() => undefined)
  const go = await findGo(findGoInToolCache)
  const ambient = await readAmbient(go, !chainFromInputs(settings))
  if (ambient.goEnvFailure) log.warning(redactText(goEnvFailureWarning(ambient.goEnvFailure)))

  // 2. Credentials: move them out of URLs, derive GOPRIVATE for private hosts, mask them.
  const { plan, credentials } = planEnvironment(settings, ambient)
  maskSecrets(credentials.secrets)
  credentials.notes.forEach(note => log.info(note))
  plan.warnings.forEach(warning => log.warning(warning))
  log.info(`Composed GOPROXY (${plan.chainSource}): ${formatChain(plan.chain)}`)

  // 3. Probe: keep only what works from this runner, fastest first inside `|` runs.
  const outcome = settings.probe ? await probe(plan, settings, credentials.credentialsFor) : undefined
  const verdict: ExportDecision = outcome
    ? decideAfterProbe(plan, outcome, settings.onUnreachable, 'Set on-unreachable: warn')
    : { chain: plan.chain, sumdb: plan.sumdb }
  const { chain, sumdb } = verdict
  // Shown after the verdict: a failed step exports no chain, and the tables must not say otherwise.
  const shown = outcome
    ? { ...outcome, report: probeReportAsShown(outcome.report, verdict.failure !== undefined) }
    : undefined
  if (shown) {
    log.info(probeTableText(shown.report))
    droppedWarnings(shown.report).forEach(warning => log.warning(warning))
  }
  if (verdict.warning) log.warning(verdict.warning)
  if (verdict.failure) {
    // Nothing is exported by a failed probe: the summary shows the composed values as not exported.
    await writeSummary(plan, settings, { ...environmentFor(plan), exports: {} }, shown, undefined, verdict.failure)
    throw new Error(verdict.failure)
  }

  // 4. Export: later steps and this process's own go calls see the same environment.
  const dir = credentialDir()
  // Saved before anything is written: a main step that fails after this still leaves post its directory.
  core.saveState(STATE_CREDENTIAL_DIR, dir)
  const installed = await installCredentials(credentials, dir)
  core.saveState(STATE_FILES, JSON.stringify(installed.files))
  let environment = environmentFor(plan, chain, sumdb)
  exportVariables({ ...environment.exports, ...installed.env })
  setEnvironmentOutputs(environment.effective)
  log.info(`Exported GOPROXY=${environment.effective.GOPROXY}`)

  // 5. Install Go through the verified chain (go-version / go-version-file); the warm phase then uses it.
  let installedGo: InstalledGo | undefined
  if (settings.goInstall) {
    try {
      installedGo = await installGoForJob(settings.goInstall, plan, chain, sumdb, settings, credentials.credentialsFor)
    } catch (error) {
      const failure = `Installing Go failed: ${error instanceof Error ? error.message : String(error)}`
      await writeSummary(plan, settings, environment, shown, undefined, failure)
      throw new Error(failure, { cause: error })
    }
  }
  const jobGo = installedGo?.goBinary ?? go
  // `go env` for the log runs beside the warm phase, off its critical path; it is shown once the warm phase is done.
  const goEnvShown = jobGo ? readGoEnvForLog(jobGo) : undefined

  // 6. Restore the caches: the module cache before the warm phase (which then fetches only what is missing), the
  // build cache beside it.
  const caches = settings.cache && jobGo ? await restoreCaches(settings, jobGo, startedMs) : undefined
  if (settings.cache && !jobGo) {
    core.notice('cache: Go was not found on PATH or in the tool cache, so no cache was restored.')
  }

  // 7. Warm the module cache through the verified chain.
  const warm = settings.warm
    ? await warmCache(jobGo, settings, plan, chain, sumdb, credentials.credentialsFor)
    : undefined
  if (goEnvShown) showGoEnv(await goEnvShown)
  if (warm?.chainChanged) {
    environment = environmentFor(plan, warm.chain, sumdb)
    exportVariables({ GOPROXY: environment.effective.GOPROXY })
    setEnvironmentOutputs(environment.effective)
    log.warning(`A proxy failed during warming; GOPROXY is now ${environment.effective.GOPROXY}`)
  }
  const build = caches?.build ? await caches.build : undefined
  const cacheParts = [caches?.modules, build].filter(p => p !== undefined)
  if (caches) {
    core.setOutput('cache-hit', String(caches.modules?.kind === 'exact'))
    core.setOutput('cache-modules', caches.modules?.kind ?? '')
    core.setOutput('cache-build', build?.kind ?? '')
    core.saveState(STATE_CACHE, JSON.stringify(caches.state))
  }
  const cacheTable = cacheParts.length > 0 ? (await import('./cache/report.js')).restoreTable(cacheParts) : undefined
  const warmFailure =
    warm && !warm.ok
      ? `Warming the module cache failed: ${warm.failed.length} module(s); each one is diagnosed in the log (on its go.mod) and in the job summary.`
      : undefined
  await writeSummary(plan, settings, environment, shown, warm, warmFailure, installedGo, cacheTable)
  if (warmFailure) throw new Error(warmFailure)
}

/**
 * Installs the requested Go into the runner's tool cache (where actions/setup-go looks too), puts its bin and
 * $GOPATH/bin on PATH as setup-go does, and exports GOTOOLCHAIN=go<installed version> (`local` before Go 1.21) unless
 * the job set GOTOOLCHAIN: otherwise a
 * go.mod `toolchain` line newer than the installed Go would make the first go command download another toolchain,
 * and the job would not run the Go it asked for.
 */
async function installGoForJob(
  goInstall: GoInstallRequest,
  plan: ModulePlan,
  chain: ModulePlan['chain'],
  sumdb: ModulePlan['sumdb'],
  settings: Settings,
  credentialsFor: (url: string) => { username: string; password: string } | undefined
): Promise<InstalledGo> {
  const toolCache = process.env.RUNNER_TOOL_CACHE
  if (!toolCache) {
    throw new Error(
      'RUNNER_TOOL_CACHE is not set: go-version installs Go into the runner tool cache, which the runner names'
    )
  }
  const what = goInstall.from === 'go-version' ? 'go-version' : `go-version-file ${goInstall.file}`
  const { goPathBin, installRequestedGo } = await import('./install/for-job.js')
  const installed = await core.group(`Install Go (${what}) through the verified chain`, () =>
    installRequestedGo({
      goInstall,
      chain,
      sumdb,
      gonoproxy: plan.gonoproxy,
      credentialsFor,
      destination: { kind: 'tool-cache', root: toolCache, nodeArch: process.arch },
      tempDir: process.env.RUNNER_TEMP || os.tmpdir(),
      cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
      env: process.env,
      log,
      attempts: settings.retries
    })
  )
  // core.addPath prepends: the installed Go's bin comes first, before $GOPATH/bin.
  core.addPath(goPathBin(process.env, os.homedir()))
  core.addPath(path.join(installed.goroot, 'bin'))
  if (process.env.GOTOOLCHAIN) {
    log.info(`GOTOOLCHAIN=${process.env.GOTOOLCHAIN} is the job's own: left as it is`)
  } else {
    // The installed Go's own name rather than `local` (same effect for go): see pinnedToolchain.
    core.exportVariable(
      'GOTOOLCHAIN',
      pinnedToolchain(toolchainModuleGoVersion(installed.moduleVersion) ?? installed.version)
    )
  }
  core.setOutput('go-version', installed.version)
  core.setOutput('go-from-tool-cache', String(installed.cacheHit))
  core.setOutput('go-root', installed.goroot)
  log.info(renderInstallLine(installed))
  return installed
}

/** Runs the probe with its details in a collapsed group, then sets the probe outputs and shows its notes. */
async function probe(
  plan: ModulePlan,
  settings: Settings,
  credentialsFor: (url: string) => { username: string; password: string } | undefined
): Promise<ProbeOutcome> {
  const { probeChain } = await loadProbe()
  // Per-request details in a collapsed group; the table that sums them up follows in the open log.
  const outcome = await core.group(`Probe ${plan.chain.proxies.length} proxies and the checksum database`, () =>
    probeChain(plan, {
      timeoutMs: settings.probeTimeoutMs,
      probeModule: settings.probeModule,
      order: settings.order,
      credentialsFor,
      log
    })
  )
  core.setOutput('fastest', outcome.fastest ?? '')
  core.setOutput('unreachable', outcome.unreachable.join(','))
  core.setOutput('probe-report', JSON.stringify(outcome.report))
  outcome.report.notes.forEach(note => core.notice(note))
  return outcome
}

async function warmCache(
  go: string | undefined,
  settings: Settings,
  plan: ModulePlan,
  chain: ModulePlan['chain'],
  sumdb: ModulePlan['sumdb'],
  credentialsFor: (url: string) => { username: string; password: string } | undefined
): Promise<WarmReport | undefined> {
  if (!go) {
    core.notice(
      'Go was not found on PATH or in the tool cache, so the module cache was not warmed. The environment is exported; add actions/setup-go (before or after this action) to warm the cache too.'
    )
    return undefined
  }
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
  const { warmModules } = await loadWarm()
  return core
    .group('Warm the module cache', () =>
      warmModules({
        go,
        directories: [...settings.workingDirectories],
        cwd: workspace,
        env: warmEnv(),
        chain,
        plan,
        sumdb,
        timeoutSeconds: settings.warmTimeoutSeconds,
        prefetchConcurrency: settings.warmConcurrency,
        retries: settings.retries,
        credentialsFor,
        log
      })
    )
    .then(report => {
      core.setOutput('modules', String(report.downloaded))
      core.setOutput('cached', String(report.cached))
      core.setOutput('warm-seconds', report.seconds.toFixed(1))
      return report
    })
}

/**
 * The warm phase's environment: the job's, with -modcacherw added to GOFLAGS for the warm phase's go runs only. The
 * module cache it fills then has writable directories, so a cache restore that extracts over it as a non-root user
 * (actions/setup-go's after this step, ours on a self-hosted runner) can replace its files instead of failing with
 * "Cannot open: File exists".
 */
function warmEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined))
  return { ...env, GOFLAGS: withModcacherw(env.GOFLAGS) }
}

/** The cache phase's restore, with the job's environment and the runner's names. */
async function restoreCaches(settings: Settings, go: string, startedMs: number) {
  const cacheSettings = settings.cache
  if (!cacheSettings) return undefined
  const { restoreCaches: restore } = await loadCache()
  return core.group('Restore the module and build caches', () =>
    restore({
      settings: cacheSettings,
      go,
      cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
      env: Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined)),
      directories: settings.workingDirectories,
      os: process.env.RUNNER_OS || { win32: 'Windows', darwin: 'macOS' }[process.platform as string] || 'Linux',
      stateDir: process.env.RUNNER_TEMP || os.tmpdir(),
      startedMs,
      log
    })
  )
}

/**
 * The post step's save. `job-status` defaults to `${{ job.status }}` in action.yml, which the runner evaluates
 * again for the post step (the job's status at that point): `post-if: success()` would skip the credential cleanup
 * too, so post always runs and the save alone depends on the status.
 */
async function saveCachesAfterJob(): Promise<void> {
  const state = core.getState(STATE_CACHE)
  if (!state) return
  try {
    const { saveCaches } = await loadCache()
    const { jobStatus } = await import('./cache/policy.js')
    const { saveTable } = await import('./cache/report.js')
    const saved = await saveCaches({ state: JSON.parse(state), jobStatus: jobStatus(core.getInput('job-status')), log })
    if (process.env.GITHUB_STEP_SUMMARY && saved.length > 0) {
      await core.summary.addRaw(['### setup-goproxy: caches saved', '', saveTable(saved), ''].join('\n'), true).write()
    }
  } catch (error) {
    // A cache is an optimisation: a failed save is a warning, never a failed job.
    log.warning(`cache: saving failed: ${redactText(error instanceof Error ? error.message : String(error))}`)
  }
}

async function writeSummary(
  plan: ModulePlan,
  settings: Settings,
  environment: ReturnType<typeof environmentFor>,
  probe: ProbeOutcome | undefined,
  warm: WarmReport | undefined,
  failure: string | undefined,
  installedGo?: InstalledGo,
  cacheTable?: string
): Promise<void> {
  const markdown = renderSummary({
    effective: environment.effective,
    exported: new Set(Object.keys(environment.exports)),
    chainSource: plan.chainSource,
    probeTable: probe
      ? probeTableMarkdown(probe.report)
      : settings.probe
        ? undefined
        : 'Probe turned off (`probe: false`): the chain is exported as composed.',
    sumdbVerdict: probe ? sumdbCheckMarkdown(probe.report) : undefined,
    warmSection: warm ? renderWarmSection(warm) : undefined,
    installLine: installedGo ? renderInstallLine(installedGo) : undefined,
    cacheTable,
    notes: [...plan.warnings, ...(probe?.report.notes ?? []), ...(warm?.notes ?? [])],
    failure
  })
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write()
}

/**
 * The action's own directory for credential files: under RUNNER_TEMP, removed by the post step. Without
 * GITHUB_ACTION (local runners, other CI) the pid makes it unique, which is why post reads it from the state.
 */
function credentialDir(): string {
  const base = process.env.RUNNER_TEMP || process.env.TMPDIR || process.env.TEMP || '/tmp'
  return path.join(
    base,
    `setup-goproxy-${process.env.GITHUB_RUN_ID ?? 'local'}-${process.env.GITHUB_ACTION ?? process.pid}`
  )
}

async function cleanUp(): Promise<void> {
  const files = JSON.parse(core.getState(STATE_FILES) || '[]') as string[]
  let removed: string[]
  let problems = 0
  try {
    // The directory main saved; main and post are different processes, so recomputing it may not give the same one.
    const dir = core.getState(STATE_CREDENTIAL_DIR) || credentialDir()
    removed = await removeCredentials(files, { dir })
  } catch (error) {
    if (!(error instanceof CredentialRemovalError)) throw error
    removed = error.removed
    problems = error.problems.length
    error.problems.forEach(problem => core.warning(problem))
  }
  if (removed.length > 0) core.info(`Removed ${removed.length} credential file(s): ${removed.join(', ')}`)
  // "Nothing to remove" would be false when files were left in place: the warnings above name them.
  if (problems > 0) core.info(`${problems} credential file(s) could not be removed (see the warnings above).`)
  else if (removed.length === 0) core.info('No credential files to remove.')
}

function failureMessage(error: unknown): string {
  if (error instanceof InputErrors) return `Invalid input — nothing was exported.\n${error.message}`
  return redactText(error instanceof Error ? error.message : String(error))
}
