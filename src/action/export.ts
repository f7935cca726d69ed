import * as core from '@actions/core'
import { GO_VARIABLES, type GoVariable } from '../core/compose.js'
import { redactText } from '../core/proxy-url.js'
import { runGo } from '../exec/go.js'

/**
 * Exports variables for later steps (GITHUB_ENV) and for this process's own go calls.
 * Values are validated by the core and never hold a secret.
 */
export function exportVariables(variables: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(variables)) {
    if (value !== undefined) core.exportVariable(name, value)
  }
}

/** Sets the effective-value outputs (lower-case names, as in action.yml). */
export function setEnvironmentOutputs(effective: Readonly<Record<GoVariable, string>>): void {
  for (const name of GO_VARIABLES) core.setOutput(name.toLowerCase(), effective[name])
}

/**
 * Shows what the go command itself now reads, in a collapsed group (GOTOOLCHAIN=local: showing the environment must
 * not download a toolchain). A failure is shown, not fatal: the variables are exported either way.
 */
export async function showGoEnv(go: string): Promise<void> {
  await core.group('go env (as the go command sees it)', async () => {
    const result = await runGo(go, ['env', ...GO_VARIABLES], {
      cwd: process.cwd(),
      env: process.env,
      timeoutMs: 30_000
    })
    if (result.stdout.trim() !== '') core.info(result.stdout.trimEnd())
    if (result.stderr.trim() !== '') core.info(redactText(result.stderr.trimEnd()))
    if (result.spawnError !== undefined) core.info(`Could not start ${go}: ${result.spawnError}`)
    else if (result.timedOut) core.info('go env did not finish in 30 s.')
    else if (result.code !== 0) core.info(`go env exited with ${result.code}.`)
  })
}
