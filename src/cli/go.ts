import { spawn } from 'node:child_process'
import { goVariablesFrom, type Ambient } from '../core/compose.js'

type Env = Readonly<Record<string, string | undefined>>

/** What a finished child process said. */
export interface CommandResult {
  /** Exit code; null when killed (always so when timedOut). */
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly timedOut: boolean
}

/**
 * Runs a program asynchronously (the probe's and the tests' servers may live in this process) with a hard timeout.
 * Never rejects for a non-zero exit; rejects only when the program cannot be started.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: { env: Env; cwd: string; timeoutMs: number }
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: definedOnly(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, options.timeoutMs)
    child.on('error', error => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', code => {
      clearTimeout(timer)
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut
      })
    })
  })
}

function definedOnly(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}

/**
 * What the machine already has, as the action's readAmbient reads it on a runner: the six variables from the
 * environment (empty counts as unset, as in Go) and, when go is present, no flag decides the chain (`needGoproxy`)
 * and GOPROXY is not in the environment, `go env GOPROXY` (which sees `go env -w` and $GOROOT/go.env).
 */
export async function readAmbient(
  go: string | undefined,
  needGoproxy: boolean,
  env: Env,
  cwd: string
): Promise<Ambient> {
  const values = goVariablesFrom(env)
  if (!go || !needGoproxy || values.GOPROXY) return { env: values }
  try {
    const result = await runCommand(go, ['env', 'GOPROXY'], { env, cwd, timeoutMs: 15_000 })
    return result.code === 0 ? { env: values, goEnvGoproxy: result.stdout.trim() } : { env: values }
  } catch {
    return { env: values }
  }
}
