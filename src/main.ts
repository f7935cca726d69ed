import * as core from './action/workflow.js'
import { appendFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { actionHost, credentialDir, STATE } from './action/host.js'
import { maskInputSecrets } from './action/secrets.js'
import { CredentialRemovalError, markedCredentialFiles, removeCredentials } from './auth/install.js'
import { actionLogger as log } from './action/logger.js'
import { undoForCancel } from './exec/cancel.js'
import { InputErrors } from './go/errors.js'
import { redactText } from './go/proxy/url.js'
import { packageVersion } from './host/version.js'
import { cacheLoaded, loadCache } from './action/cache-loader.js'
import { runPipeline } from './pipeline/pipeline.js'
import { failedSummary } from './report/summary.js'
import { LAYER_DIR_PREFIX } from './warm/forwarder/types.js'

/**
 * The action's entry: the main step runs the pipeline (src/pipeline/pipeline.ts: validate, probe, decide, export,
 * install Go, warm — the README's "What it does"), the post step (same bundle, run again by the runner with the
 * saved state) removes the credential files. Whatever is thrown ends in core.setFailed.
 */
export async function run(): Promise<void> {
  try {
    if (core.getState(STATE.isPost) === 'true') {
      // Credentials go first and whatever happens; the caches are saved after, and only after a successful job.
      try {
        return await cleanUp()
      } finally {
        await saveCachesAfterJob()
      }
    }
    core.saveState(STATE.isPost, 'true')
    endOnCancel()
    // Which release ran, first in the log (the summary's heading says it too).
    core.info(`setup-goproxy ${packageVersion()}`)
    const read = (name: string): string => core.getInput(name)
    maskInputSecrets(read)
    await runPipeline(read, actionHost)
  } catch (error) {
    core.setFailed(failureMessage(error))
    // Invalid input ends the run before it has a record: the pipeline wrote no summary, so say it here.
    if (error instanceof InputErrors) await writeFailedSummary(failureMessage(error))
  } finally {
    // A cache request given up at its deadline may hold a socket open for as long as the service keeps it: end the
    // process now (with the exit code core.setFailed set), not when that socket closes.
    if (cacheLoaded() && (await import('./cache/cache.js')).hasAbandonedCacheRequests()) process.exit()
  }
}

/** The summary of a run that failed before the pipeline could write one; a summary that cannot be written is a warning. */
async function writeFailedSummary(failure: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const meta = { version: packageVersion(), elapsedMs: performance.now() }
  try {
    await core.appendSummary(failedSummary(failure, meta))
  } catch (error) {
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * The post step's save. `job-status` defaults to `${{ job.status }}` in action.yml, which the runner evaluates
 * again for the post step (the job's status at that point): `post-if: success()` would skip the credential cleanup
 * too, so post always runs and the save alone depends on the status.
 */
async function saveCachesAfterJob(): Promise<void> {
  const state = core.getState(STATE.cache)
  if (!state) return
  try {
    const { saveCaches } = await loadCache()
    const { jobStatus } = await import('./cache/policy.js')
    const { saveTable } = await import('./cache/report.js')
    const saved = await saveCaches({ state: JSON.parse(state), jobStatus: jobStatus(core.getInput('job-status')), log })
    if (process.env.GITHUB_STEP_SUMMARY && saved.length > 0) {
      await core.appendSummary(['### setup-goproxy: caches saved', '', saveTable(saved), ''].join('\n'))
    }
  } catch (error) {
    // A cache is an optimisation: a failed save is a warning, never a failed job.
    log.warning(`cache: saving failed: ${redactText(error instanceof Error ? error.message : String(error))}`)
  }
}

/** The post step: removes the credential files main wrote, from the directory main saved. */
async function cleanUp(): Promise<void> {
  const files = JSON.parse(core.getState(STATE.files) || '[]') as string[]
  let removed: string[]
  let problems = 0
  try {
    // The directory main saved; main and post are different processes, so recomputing it may not give the same one.
    const dir = core.getState(STATE.credentialDir) || credentialDir()
    // Also what carries the marker in that directory: files written before their list was saved.
    const marked = await markedCredentialFiles(dir)
    removed = await removeCredentials([...files, ...marked.filter(file => !files.includes(file))], { dir })
  } catch (error) {
    if (!(error instanceof CredentialRemovalError)) throw error
    removed = error.removed
    problems = error.problems.length
    error.problems.forEach(problem => core.warning(problem))
  }
  await removeLeftovers()
  if (removed.length > 0) log.info(`Removed ${removed.length} credential file(s): ${removed.join(', ')}`)
  // "Nothing to remove" would be false when files were left in place: the warnings above name them.
  if (problems > 0) core.info(`${problems} credential file(s) could not be removed (see the warnings above).`)
  else if (removed.length === 0) core.info('No credential files to remove.')
}

/**
 * Removes what main left for post (the warm phase's prefetch layer: files go already copied into its module cache).
 * Only directories of ours under RUNNER_TEMP are touched, whatever the state says; a failure is a warning.
 */
async function removeLeftovers(): Promise<void> {
  const temp = process.env.RUNNER_TEMP
  const dirs = JSON.parse(core.getState(STATE.leftovers) || '[]') as unknown
  if (!temp || !Array.isArray(dirs)) return
  for (const dir of dirs) {
    if (typeof dir !== 'string' || !isLeftover(dir, temp)) continue
    try {
      await rm(dir, { recursive: true, force: true, maxRetries: 3 })
    } catch (error) {
      core.warning(`Could not remove ${dir}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

/** A directory main may leave: directly under RUNNER_TEMP, named by the warm phase's layer prefix. */
function isLeftover(dir: string, temp: string): boolean {
  const resolved = path.resolve(dir)
  return path.dirname(resolved) === path.resolve(temp) && path.basename(resolved).startsWith(LAYER_DIR_PREFIX)
}

/**
 * The runner cancels a step with SIGINT, then SIGTERM about 7.5 s later. Node's default would end this process
 * alone: go (in a process group of its own) would keep running, re-parented to init, and a half-extracted tree
 * would stay in the tool cache. Instead: undo what is registered (src/exec/cancel.ts: go's process groups, the
 * staging tree, the tool-cache lock, a partial download), name the failure in the log and the summary, and exit.
 * Everything here is synchronous, so nothing else runs between the undo and the exit. The state the post step needs
 * is already in GITHUB_STATE (it is saved before anything is written).
 */
function endOnCancel(): void {
  const cancel = (signal: NodeJS.Signals): void => {
    undoForCancel()
    const message = `The run was cancelled (${signal}): go and what it started were ended, nothing half-installed was left; the post step still removes the credential files.`
    core.setFailed(message)
    const summary = process.env.GITHUB_STEP_SUMMARY
    if (summary) {
      try {
        appendFileSync(summary, `## setup-goproxy\n\n> [!CAUTION]\n> ${message}\n`)
      } catch {
        // The log line above is what counts.
      }
    }
    process.exit(1)
  }
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
}

function failureMessage(error: unknown): string {
  if (error instanceof InputErrors) return `Invalid input — nothing was exported.\n${error.message}`
  return redactText(error instanceof Error ? error.message : String(error))
}
