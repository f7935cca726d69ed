import * as core from './workflow.js'
import { GO_VARIABLES, type GoVariable } from '../settings/compose.js'
import { redactText } from '../go/proxy/url.js'
import { runGo } from '../exec/go.js'
import { inertLogText } from './logger.js'

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

/** What `go env` printed for the log, or why it printed nothing. */
export interface GoEnvForLog {
  readonly lines: readonly string[]
}

/**
 * Runs `go env` for the six variables (GOTOOLCHAIN=local: showing the environment must not download a toolchain),
 * with this process's environment as it is now, i.e. after the export. It runs beside the warm phase; `showGoEnv`
 * prints what it gave. A failure is shown, not fatal: the variables are exported either way.
 */
export async function readGoEnvForLog(go: string): Promise<GoEnvForLog> {
  const result = await runGo(go, ['env', ...GO_VARIABLES], {
    cwd: process.cwd(),
    env: process.env,
    timeoutMs: 30_000
  })
  const lines: string[] = []
  if (result.stdout.trim() !== '') lines.push(...namedValues(result.stdout))
  if (result.stderr.trim() !== '') lines.push(redactText(result.stderr.trimEnd()))
  if (result.spawnError !== undefined) lines.push(`Could not start ${go}: ${result.spawnError}`)
  else if (result.timedOut) lines.push('go env did not finish in 30 s.')
  else if (result.code !== 0) lines.push(`go env exited with ${result.code}.`)
  return { lines }
}

/**
 * `go env A B C` prints one value per line, without the names: pair them with the names asked for, so the log reads
 * `GOPROXY=...`. Output of another shape (a go that printed something else) is shown as it came.
 */
function namedValues(stdout: string): string[] {
  const values = stdout.replace(/\r?\n$/, '').split(/\r?\n/)
  if (values.length !== GO_VARIABLES.length) return [stdout.trimEnd()]
  return GO_VARIABLES.map((name, i) => `${name}=${values[i]}`)
}

/** Shows what the go command read after the export (readGoEnvForLog), in a collapsed group. */
export function showGoEnv(shown: GoEnvForLog): void {
  core.startGroup('go env (as the go command sees it after the export)')
  // go prints the values raw, one per line: a value from the job may begin with `::`.
  shown.lines.forEach(line => core.info(inertLogText(line)))
  core.endGroup()
}
