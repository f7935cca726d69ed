import * as core from '@actions/core'
import * as exec from '@actions/exec'
import { GO_VARIABLES, type GoVariable } from '../core/compose.js'

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

/** Shows what the go command itself now reads, in a collapsed group. */
export async function showGoEnv(go: string): Promise<void> {
  await core.group('go env (as the go command sees it)', async () => {
    await exec.exec(go, ['env', ...GO_VARIABLES], { ignoreReturnCode: true })
  })
}
