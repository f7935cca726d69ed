import * as exec from '@actions/exec'
import { goVariablesFrom, type Ambient } from '../core/compose.js'

/**
 * What the job already has: the six variables from the environment and, when go is
 * present and the chain is not given by inputs (`needGoproxy`), `go env GOPROXY`
 * (which sees `go env -w` and $GOROOT/go.env). Skipping it when inputs decide saves a
 * go start on every run.
 */
export async function readAmbient(
  go: string | undefined,
  needGoproxy: boolean,
  env: NodeJS.ProcessEnv = process.env
): Promise<Ambient> {
  const values = goVariablesFrom(env)
  if (!go || !needGoproxy || values.GOPROXY) return { env: values }
  try {
    const { exitCode, stdout } = await exec.getExecOutput(go, ['env', 'GOPROXY'], {
      silent: true,
      ignoreReturnCode: true
    })
    return exitCode === 0 ? { env: values, goEnvGoproxy: stdout.trim() } : { env: values }
  } catch {
    return { env: values }
  }
}
