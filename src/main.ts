import * as core from '@actions/core'
import { actionHost, credentialDir, STATE } from './action/host.js'
import { maskInputSecrets } from './action/secrets.js'
import { CredentialRemovalError, removeCredentials } from './auth/install.js'
import { InputErrors } from './go/errors.js'
import { redactText } from './go/proxy/url.js'
import { cacheLoaded, loadCache, runPipeline } from './pipeline/pipeline.js'
import { actionLogger as log } from './action/logger.js'

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
    const read = (name: string): string => core.getInput(name)
    maskInputSecrets(read)
    await runPipeline(read, actionHost)
  } catch (error) {
    core.setFailed(failureMessage(error))
  } finally {
    // A cache request given up at its deadline may hold a socket open for as long as the service keeps it: end the
    // process now (with the exit code core.setFailed set), not when that socket closes.
    if (cacheLoaded() && (await import('./cache/cache.js')).hasAbandonedCacheRequests()) process.exit()
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
      await core.summary.addRaw(['### setup-goproxy: caches saved', '', saveTable(saved), ''].join('\n'), true).write()
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
    removed = await removeCredentials(files, { dir: core.getState(STATE.credentialDir) || credentialDir() })
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
