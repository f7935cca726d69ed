import * as core from './workflow.js'
import os from 'node:os'
import * as path from 'node:path'
import { movedNote } from '../auth/index.js'
import { goauthProblem, installCredentials } from '../auth/install.js'
import { InputErrors } from '../go/errors.js'
import { goPathBin } from '../go/env/gopath.js'
import { renderInstallLine } from '../install/line.js'
import { linkFromDefaultToolCache } from '../install/windows-links.js'
import { withModcacherw } from '../cache/policy.js'
import { loadCache, standbyRestoreWorker } from './cache-loader.js'
import { placement, type Placement } from '../cache/placement.js'
import { existsSync } from 'node:fs'
import { pinnedToolchain, toolchainModuleGoVersion } from '../go/toolchain/version.js'
import type { ExportingHost } from '../pipeline/pipeline.js'
import { droppedWarnings, probeTableText } from '../probe/table.js'
import { packageVersion } from '../host/version.js'
import { ACTION_WORDING } from '../host/wording.js'
import { summaryOf } from '../report/summary.js'
import { exportVariables, readGoEnvForLog, setEnvironmentOutputs, showGoEnv } from './export.js'
import { actionLogger as log } from './logger.js'
import { maskSecrets } from './secrets.js'

/** The tool-cache lookup is loaded only when go is not on PATH (it brings @actions/tool-cache and its HTTP stack). */
const findGoInToolCache = async () => (await import('../exec/find-go-toolcache.js')).findGoInToolCache()

/** What the main step saves for the post step. */
export const STATE = {
  isPost: 'isPost',
  files: 'credentialFiles',
  /** The credential directory main used: post must clean up from the same one, whatever the runner sets. */
  credentialDir: 'credentialDir',
  /** The cache phase's hand-over to post (CacheState as JSON); empty when nothing was restored. */
  cache: 'cache',
  /** Temporary directories the post step removes (JSON array): the warm phase's prefetch layer. */
  leftovers: 'leftovers'
} as const

/** What main handed to post to remove (STATE.leftovers), saved again whenever one is added. */
const leftovers: string[] = []
/** Hosted Windows: Go and the caches on D: (src/cache/placement.ts); elsewhere nothing moves. */
let placed: Placement | undefined
function windowsPlacement(): Placement {
  placed ??= placement({
    platform: process.platform,
    env: process.env,
    hasDriveC: process.platform === 'win32' && existsSync('c:\\'),
    hasDriveD: process.platform === 'win32' && existsSync('d:\\')
  })
  return placed
}

/** When this step started: the build cache keeps the entries used from then on (src/cache/policy.ts). */
const STARTED_MS = Date.now()

/** The GitHub Actions host: the runner's environment, log groups, outputs, GITHUB_ENV/PATH, state and summary. */
export const actionHost: ExportingHost = {
  log,
  env: process.env,
  cwd: process.cwd(),
  goFallback: findGoInToolCache,
  group: (title, work) => core.group(title, work),
  wording: ACTION_WORDING,
  // The post step removes them: the main step ends without waiting for the unlinks (issue #18).
  removeLater: dir => {
    leftovers.push(dir)
    core.saveState(STATE.leftovers, JSON.stringify(leftovers))
  },
  credentialsPlanned: credentials => {
    maskSecrets(credentials.secrets)
    // GOAUTH=off would make go ignore the netrc the auth input needs: fail before anything is probed or exported.
    const goauth = goauthProblem(credentials, process.env)
    if (goauth) throw new InputErrors([goauth])
    credentials.moved.forEach(moved => log.info(movedNote(moved)))
    credentials.notes.forEach(note => log.info(note))
  },
  probed: outcome => {
    core.setOutput('fastest', outcome.fastest ?? '')
    core.setOutput('unreachable', outcome.unreachable.join(','))
    core.setOutput('probe-report', JSON.stringify(outcome.report))
    outcome.report.notes.forEach(note => core.notice(note))
  },
  showProbe: shown => {
    log.info(probeTableText(shown.report))
    droppedWarnings(shown.report).forEach(warning => log.warning(warning))
  },
  exportEnvironment: async ({ environment }, credentials) => {
    const dir = credentialDir()
    // Saved before anything is written: a main step that fails after this still leaves post its directory.
    core.saveState(STATE.credentialDir, dir)
    const installed = await installCredentials(credentials, dir)
    core.saveState(STATE.files, JSON.stringify(installed.files))
    const onD = windowsPlacement().exports
    if (Object.keys(onD).length > 0) log.info(`Hosted Windows: ${Object.keys(onD).join(' and ')} on D: (C: is slow)`)
    exportVariables({ ...onD, ...environment.exports, ...installed.env })
    setEnvironmentOutputs(environment.effective)
    log.info(`Exported GOPROXY=${environment.effective.GOPROXY}`)
  },
  installPlace: () => {
    const root = process.env.RUNNER_TOOL_CACHE
    if (!root) {
      throw new Error(
        'RUNNER_TOOL_CACHE is not set: go-version installs Go into the runner tool cache, which the runner names'
      )
    }
    return {
      destination: { kind: 'tool-cache', root: windowsPlacement().toolCache?.root ?? root, nodeArch: process.arch },
      tempDir: process.env.RUNNER_TEMP || os.tmpdir()
    }
  },
  installed: async go => {
    const toolCache = windowsPlacement().toolCache
    if (toolCache) await linkFromDefaultToolCache(go.goroot, toolCache, log)
    // As setup-go: the installed Go's bin first, then $GOPATH/bin (core.addPath prepends). GOTOOLCHAIN pinned to
    // this Go unless the job set it: a go.mod `toolchain` line newer than this Go would otherwise download another
    // toolchain. Its own name rather than `local` (same effect for go): see pinnedToolchain.
    core.addPath(goPathBin(process.env, os.homedir()))
    core.addPath(path.join(go.goroot, 'bin'))
    if (process.env.GOTOOLCHAIN) log.info(`GOTOOLCHAIN=${process.env.GOTOOLCHAIN} is the job's own: left as it is`)
    else core.exportVariable('GOTOOLCHAIN', pinnedToolchain(toolchainModuleGoVersion(go.moduleVersion) ?? go.version))
    core.setOutput('go-version', go.version)
    core.setOutput('go-from-tool-cache', String(go.cacheHit))
    core.setOutput('go-root', go.goroot)
    log.info(renderInstallLine(go))
  },
  goReady: (go, warm) => {
    // `go env` for the log runs beside the warm phase, off its critical path; it is shown once the warm phase is done.
    const goEnv = go ? readGoEnvForLog(go) : undefined
    const after = async () => goEnv && showGoEnv(await goEnv)
    if (warm && !go) {
      core.notice(
        'Go was not found on PATH or in the tool cache, so the module cache was not warmed. The environment is exported; add actions/setup-go (before or after this action) to warm the cache too.'
      )
    }
    // -modcacherw for the warm phase's go runs only: the module cache it fills then has writable directories, so a
    // cache restore extracting over it as a non-root user (actions/setup-go's after this step, ours on a self-hosted
    // runner) can replace its files instead of failing with "Cannot open: File exists". The job's GOFLAGS stays.
    const env = { ...process.env, GOFLAGS: withModcacherw(process.env.GOFLAGS) }
    const place = go && warm ? { go, cwd: process.env.GITHUB_WORKSPACE || process.cwd(), env } : undefined
    return { ...(place ? { warm: place } : {}), after }
  },
  warmed: (report, environment) => {
    core.setOutput('modules', String(report.downloaded))
    core.setOutput('cached', String(report.cached))
    core.setOutput('warm-seconds', report.seconds.toFixed(1))
    if (!environment) return
    exportVariables({ GOPROXY: environment.effective.GOPROXY })
    setEnvironmentOutputs(environment.effective)
    log.warning(`A proxy failed during warming; GOPROXY is now ${environment.effective.GOPROXY}`)
  },
  writeSummary: async record => {
    // performance.now() counts from the process's start: the step's whole time, node's start included.
    const meta = { version: packageVersion(), elapsedMs: performance.now() }
    if (process.env.GITHUB_STEP_SUMMARY) await core.appendSummary(summaryOf(record, meta))
  },
  cachePlace: () => ({
    os:
      process.env.RUNNER_OS ||
      ({ win32: 'Windows', darwin: 'macOS' } as Record<string, string>)[process.platform] ||
      'Linux',
    stateDir: process.env.RUNNER_TEMP || os.tmpdir(),
    cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
    env: process.env,
    startedMs: STARTED_MS,
    load: loadCache,
    standby: standbyRestoreWorker
  }),
  cachesRestored: ({ modules, build, state }) => {
    core.setOutput('cache-hit', String(modules?.kind === 'exact'))
    core.setOutput('cache-modules', modules?.kind ?? '')
    core.setOutput('cache-build', build?.kind ?? '')
    core.saveState(STATE.cache, JSON.stringify(state))
  }
}

/**
 * The action's own directory for credential files: under RUNNER_TEMP, removed by the post step. Without
 * GITHUB_ACTION (local runners, other CI) the pid makes it unique, which is why post reads it from the state.
 */
export function credentialDir(): string {
  const base = process.env.RUNNER_TEMP || process.env.TMPDIR || process.env.TEMP || '/tmp'
  return path.join(
    base,
    `setup-goproxy-${process.env.GITHUB_RUN_ID ?? 'local'}-${process.env.GITHUB_ACTION ?? process.pid}`
  )
}
