import * as exec from '@actions/exec'
import { GO_VARIABLES, type Ambient, type GoVariable } from '../core/compose.js'

/**
 * What the job already has: the six variables from the environment and, when go is
 * present, `go env GOPROXY` (which sees `go env -w` and $GOROOT/go.env).
 */
export async function readAmbient(go: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Ambient> {
  const values: Partial<Record<GoVariable, string>> = {}
  for (const name of GO_VARIABLES) {
    const value = env[name]
    if (value !== undefined && value !== '') values[name] = value
  }
  if (!go || values.GOPROXY) return { env: values }
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
