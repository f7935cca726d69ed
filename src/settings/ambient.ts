import { goVariablesFrom, type Ambient } from './compose.js'
import { goEnv } from '../exec/go.js'

type Env = Readonly<Record<string, string | undefined>>

/** What the job has, plus why `go env GOPROXY` gave nothing when it was asked and failed. */
export interface AmbientReading extends Ambient {
  /**
   * Set when go was asked for GOPROXY and failed: the chain then falls back to Go's default, which may not be what
   * the user configured (`go env -w`). The caller warns with this message instead of pretending nothing was set.
   */
  readonly goEnvFailure?: string
}

/**
 * What the machine already has, for the action and the CLI alike: the six variables from the environment (empty
 * counts as unset, as in Go) and, when go is present, the chain is not given by inputs (`needGoproxy`) and GOPROXY
 * is not in the environment, `go env GOPROXY` (which sees `go env -w` and $GOROOT/go.env). go runs with
 * GOTOOLCHAIN=local: a go.mod asking for a newer Go must not start a toolchain download just to read a variable.
 */
export async function readAmbient(
  go: string | undefined,
  needGoproxy: boolean,
  env: Env,
  cwd: string
): Promise<AmbientReading> {
  const values = goVariablesFrom(env)
  if (!go || !needGoproxy || values.GOPROXY) return { env: values }
  const result = await goEnv(go, ['GOPROXY'], { env, cwd })
  if (!result.ok) return { env: values, goEnvFailure: result.message }
  return { env: values, goEnvGoproxy: result.values.GOPROXY.trim() }
}

/** The warning for a failed `go env GOPROXY`: names the error and says which chain is used instead. */
export function goEnvFailureWarning(failure: string): string {
  return `Could not read GOPROXY from the go command, so any value set with \`go env -w\` is not seen and Go's default chain is used: ${failure}`
}
