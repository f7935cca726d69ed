/**
 * The one way the action and the CLI start the go command. Everything a go child needs is decided here once:
 * async spawn (test servers and the warm forwarder live in this process, a synchronous spawn would block them),
 * `GOTOOLCHAIN=local` unless the caller means a toolchain switch (a go.mod asking for a newer Go must not make
 * `go env` download a toolchain through a proxy nobody has checked yet), a timeout, output caps, and a kill that
 * reaches the whole process tree (go starts git, compilers, a switched-to toolchain).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { onCancel } from './cancel.js'

type Env = Readonly<Record<string, string | undefined>>

/** Bytes kept per stream when the caller sets no cap: enough for `go env -json` and any error go prints. */
export const DEFAULT_OUTPUT_LIMIT = 1024 * 1024

/** How long to wait for the pipes after the process exited: an orphaned grandchild may hold them open. */
const PIPE_GRACE_MS = 2000

export interface GoRunOptions {
  readonly cwd: string
  /** The complete environment of the child (undefined values are left out). */
  readonly env: Env
  /** Hard limit in milliseconds; the process tree is killed when it passes. */
  readonly timeoutMs: number
  /**
   * True only when the caller means the go command to switch toolchains (install one): then the caller's
   * GOTOOLCHAIN is kept. Otherwise GOTOOLCHAIN=local is forced.
   */
  readonly toolchainSwitch?: boolean
  /** Aborting kills the process tree; the result says `aborted` and carries the signal's reason. */
  readonly signal?: AbortSignal
  /** Bytes of stdout kept in the result (default DEFAULT_OUTPUT_LIMIT); the rest is counted in `stdoutDropped`. */
  readonly stdoutLimit?: number
  /** Bytes of stderr kept in the result (default DEFAULT_OUTPUT_LIMIT); the rest is counted in `stderrDropped`. */
  readonly stderrLimit?: number
  /** Every complete stdout line as it arrives (without its newline); a last unterminated line at exit. */
  readonly onStdoutLine?: (line: string) => void
  /** Raw stdout and stderr chunks as they arrive (a watchdog counts them as progress). */
  readonly onStdout?: (chunk: Buffer) => void
  readonly onStderr?: (chunk: Buffer) => void
}

export interface GoRunResult {
  /** Exit code; null when the process was killed or never started. */
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** Bytes beyond `stdoutLimit` / `stderrLimit`, counted but not kept. */
  readonly stdoutDropped: number
  readonly stderrDropped: number
  /** Killed at `timeoutMs`. */
  readonly timedOut: boolean
  /** Killed because `signal` aborted; `abortReason` is the signal's reason. */
  readonly aborted: boolean
  readonly abortReason?: unknown
  /** The process could not be started (ENOENT, EACCES): the error's message. */
  readonly spawnError?: string
  readonly ms: number
}

/**
 * The environment go runs with: undefined values dropped, no `INPUT_*` (the step's inputs: INPUT_AUTH holds every
 * credential, unscoped, while the netrc and git config files the action writes scope each one to its host; go, git
 * and whatever they start need none of them), GOTOOLCHAIN=local unless a switch is meant.
 */
export function goChildEnv(env: Env, toolchainSwitch = false): Record<string, string> {
  const result = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && !/^INPUT_/i.test(e[0]))
  )
  if (!toolchainSwitch) result.GOTOOLCHAIN = 'local'
  return result
}

/** A capped buffer: keeps the first `limit` bytes, counts the rest. */
class CappedOutput {
  private readonly chunks: Buffer[] = []
  private kept = 0
  dropped = 0
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    const room = this.limit - this.kept
    if (room >= chunk.length) {
      this.chunks.push(chunk)
      this.kept += chunk.length
    } else {
      if (room > 0) this.chunks.push(chunk.subarray(0, room))
      this.kept += Math.max(0, room)
      this.dropped += chunk.length - Math.max(0, room)
    }
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8')
  }
}

/** Calls `onLine` with each whole line of the chunks pushed (without its `\r\n` or `\n`); `flush` hands on the rest. */
function lineSplitter(onLine: (line: string) => void): { push(chunk: Buffer): void; flush(): void } {
  let partial = ''
  return {
    push(chunk) {
      const lines = (partial + chunk.toString('utf8')).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) onLine(line.endsWith('\r') ? line.slice(0, -1) : line)
    },
    flush() {
      if (partial !== '') onLine(partial)
      partial = ''
    }
  }
}

/**
 * Runs `go <args>`. Never rejects: a non-zero exit, a timeout, an abort and a failed start all come back in the
 * result. On POSIX go runs in its own process group so that a kill also ends what it started.
 */
export function runGo(go: string, args: readonly string[], options: GoRunOptions): Promise<GoRunResult> {
  const started = Date.now()
  const posix = process.platform !== 'win32'
  return new Promise(resolve => {
    const stdout = new CappedOutput(options.stdoutLimit ?? DEFAULT_OUTPUT_LIMIT)
    const stderr = new CappedOutput(options.stderrLimit ?? DEFAULT_OUTPUT_LIMIT)
    const lines = options.onStdoutLine ? lineSplitter(options.onStdoutLine) : undefined
    let timedOut = false
    let aborted = false
    let settled = false
    let grace: NodeJS.Timeout | undefined
    // Set once the child has started; finish() may run before that (spawn threw).
    // eslint-disable-next-line prefer-const
    let timer: NodeJS.Timeout | undefined
    let child: ChildProcess
    // A cancelled step ends go's process group too: the runner's signal reaches only the action's own group.
    // Set once the child has started.
    // eslint-disable-next-line prefer-const
    let forgetOnCancel: (() => void) | undefined
    const finish = (code: number | null, spawnError?: string) => {
      if (settled) return
      settled = true
      forgetOnCancel?.()
      clearTimeout(timer)
      clearTimeout(grace)
      options.signal?.removeEventListener('abort', onAbort)
      lines?.flush()
      resolve({
        code: timedOut || aborted ? null : code,
        stdout: stdout.text(),
        stderr: stderr.text(),
        stdoutDropped: stdout.dropped,
        stderrDropped: stderr.dropped,
        timedOut,
        aborted,
        ...(aborted ? { abortReason: options.signal?.reason as unknown } : {}),
        ...(spawnError !== undefined ? { spawnError } : {}),
        ms: Date.now() - started
      })
    }
    const onAbort = () => {
      if (timedOut || aborted) return
      aborted = true
      killProcessTree(child, posix)
    }
    try {
      child = spawn(go, [...args], {
        cwd: options.cwd,
        env: goChildEnv(options.env, options.toolchainSwitch),
        // Its own process group on POSIX, so that a kill reaches git, compilers and a switched-to toolchain.
        detached: posix,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true
      })
    } catch (error) {
      // spawn throws synchronously for some bad arguments (an invalid cwd type, a NUL in an argument).
      finish(null, error instanceof Error ? error.message : String(error))
      return
    }
    forgetOnCancel = onCancel(() => killProcessTree(child, posix))
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(chunk)
      options.onStdout?.(chunk)
      lines?.push(chunk)
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk)
      options.onStderr?.(chunk)
    })
    timer = setTimeout(() => {
      if (aborted) return
      timedOut = true
      killProcessTree(child, posix)
    }, options.timeoutMs)
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener('abort', onAbort, { once: true })
    child.on('error', error => finish(null, error.message))
    child.on('exit', code => {
      grace = setTimeout(() => {
        child.stdout?.destroy()
        child.stderr?.destroy()
        finish(code)
      }, PIPE_GRACE_MS)
    })
    child.on('close', code => finish(code))
  })
}

/** Kills a child and everything it started: its process group on POSIX, `taskkill /T /F` on Windows. */
export function killProcessTree(child: ChildProcess, posix = process.platform !== 'win32'): void {
  const pid = child.pid
  if (!pid) return
  try {
    if (posix) {
      process.kill(-pid, 'SIGKILL')
      return
    }
    spawn('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true }).on('error', () =>
      child.kill('SIGKILL')
    )
  } catch {
    try {
      child.kill('SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

/** Why `go env` gave no values. */
export type GoEnvFailureKind = 'spawn' | 'timeout' | 'aborted' | 'exit' | 'output'

export type GoEnvResult =
  | { readonly ok: true; readonly values: Readonly<Record<string, string>> }
  | {
      readonly ok: false
      readonly kind: GoEnvFailureKind
      /** One line for a log: what failed, with go's own first stderr line when there is one. */
      readonly message: string
      readonly stderr: string
    }

export interface GoEnvOptions {
  readonly cwd: string
  readonly env: Env
  /** Defaults to 30 s: `go env` reads go.mod/go.work and the GOENV file, nothing more. */
  readonly timeoutMs?: number
  readonly signal?: AbortSignal
}

/**
 * Runs `go env -json <names>` once (never switching toolchains) and returns the values by name, or a classified
 * failure carrying go's stderr. Names must be plain variable names.
 */
export async function goEnv(go: string, names: readonly string[], options: GoEnvOptions): Promise<GoEnvResult> {
  const bad = names.find(name => !/^[A-Z][A-Z0-9_]*$/.test(name))
  if (names.length === 0 || bad !== undefined) {
    throw new Error(`goEnv: invalid variable name ${JSON.stringify(bad ?? '')} (expected e.g. GOPROXY)`)
  }
  const run = await runGo(go, ['env', '-json', ...names], {
    cwd: options.cwd,
    env: options.env,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.signal ? { signal: options.signal } : {})
  })
  const stderr = run.stderr
  const said = firstLine(stderr)
  const fail = (kind: GoEnvFailureKind, what: string) =>
    ({ ok: false, kind, message: said ? `${what}: ${said}` : what, stderr }) as const
  const command = `go env ${names.join(' ')}`
  if (run.spawnError !== undefined) return fail('spawn', `${command} could not start ${go} (${run.spawnError})`)
  if (run.timedOut) return fail('timeout', `${command} did not finish in ${options.timeoutMs ?? 30_000} ms`)
  if (run.aborted) return fail('aborted', `${command} was cancelled`)
  if (run.code !== 0) return fail('exit', `${command} failed (exit ${run.code})`)
  let parsed: unknown
  try {
    parsed = JSON.parse(run.stdout)
  } catch {
    return fail('output', `${command} printed something other than JSON`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fail('output', `${command} printed something other than a JSON object`)
  }
  const values: Record<string, string> = {}
  for (const name of names) {
    const value = (parsed as Record<string, unknown>)[name]
    if (typeof value !== 'string') return fail('output', `${command} printed no string for ${name}`)
    values[name] = value
  }
  return { ok: true, values }
}

function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map(line => line.trim())
      .find(line => line !== '') ?? ''
  )
}
