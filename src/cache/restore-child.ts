/**
 * A cache restore in a child process of its own, so that its deadline can end it together with the tar it started.
 *
 * @actions/cache downloads the archive, then extracts it with tar; neither takes a signal. Given up in-process, a
 * restore past its deadline would still download and then extract late, writing into the module cache while the
 * warm phase (or the job's build) already uses it. Here the parent (`restoreInChild`) spawns the action's own bundle
 * with RESTORE_CHILD_ARG, in a process group of its own on POSIX; at the deadline it kills the whole tree (tar
 * included: `killProcessTree`), waits for it to be gone, and then removes whatever the restore had written, so the
 * tree is as it was before.
 *
 * The child (`runRestoreChild`) reads its request from its argument (base64url JSON), calls restoreCache, and prints
 * one result line; the library's own log lines (its warnings) pass through to the step's log.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { onCancel } from '../exec/cancel.js'
import { killProcessTree } from '../exec/go.js'
import { listFiles } from './files.js'
import { RESTORE_CHILD_ARG } from './child-arg.js'

const RESULT_PREFIX = 'setup-goproxy-cache-restore-result '

/** What the child restores. */
export interface ChildRestoreRequest {
  readonly paths: string[]
  readonly key: string
  readonly restoreKeys: string[]
  /** @actions/cache's per-segment download timeout. */
  readonly segmentTimeoutMs: number
}

type ChildResult = { readonly matchedKey: string | null } | { readonly error: string }

/** The child's side: restore, print the result line, exit. */
export async function runRestoreChild(encoded = process.argv[3] ?? ''): Promise<void> {
  let result: ChildResult
  try {
    const request = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as ChildRestoreRequest
    const cache = await import('@actions/cache')
    const matchedKey = await cache.restoreCache(request.paths, request.key, request.restoreKeys, {
      timeoutInMs: 60_000,
      segmentTimeoutInMs: request.segmentTimeoutMs
    })
    result = { matchedKey: matchedKey ?? null }
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) }
  }
  // Exit once the line is out (a pipe is asynchronous on Windows): a socket the library left open must not keep the
  // child, and so the step, waiting.
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0))
}

/** Why a child restore did not give a result in time. */
export class ChildDeadlineError extends Error {}

export interface ChildRestoreOptions {
  readonly request: ChildRestoreRequest
  readonly deadlineMs: number
  readonly what: string
  /** The bundle to run (the action's dist/index.js, which the runner started: process.argv[1]). */
  readonly entry?: string
  /** Where the library's log lines go (the step's stdout). */
  readonly write?: (line: string) => void
}

/**
 * Runs the restore in a child and returns the matched key (undefined: no entry, or a failure the library logged as
 * its warning). Past `deadlineMs` the child and its tar are killed, every file the restore wrote under the paths is
 * removed, and a ChildDeadlineError is thrown; an error the library threw is rethrown.
 */
export async function restoreInChild(options: ChildRestoreOptions): Promise<string | undefined> {
  const { request } = options
  const before = new Map<string, Map<string, string>>()
  for (const path of request.paths) before.set(path, await fileStamps(path))
  const entry = options.entry ?? process.argv[1]
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`))
  const posix = process.platform !== 'win32'
  const child = spawn(
    process.execPath,
    [entry, RESTORE_CHILD_ARG, Buffer.from(JSON.stringify(request)).toString('base64url')],
    { detached: posix, stdio: ['ignore', 'pipe', 'inherit'], windowsHide: true, env: childEnv(process.env) }
  )
  const forgetOnCancel = onCancel(() => killProcessTree(child, posix))
  try {
    const outcome = await Promise.race([childResult(child, write), deadline(options.deadlineMs)])
    if (outcome === 'deadline') {
      killProcessTree(child, posix)
      await exited(child, 10_000)
      for (const path of request.paths) await removeWritten(path, before.get(path) ?? new Map())
      throw new ChildDeadlineError(`${options.what} did not finish within ${options.deadlineMs / 1000} s`)
    }
    if ('error' in outcome) throw new Error(outcome.error)
    return outcome.matchedKey ?? undefined
  } finally {
    forgetOnCancel()
  }
}

/** The step's environment without its inputs (INPUT_AUTH may hold secrets the restore has no use for). */
function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^INPUT_/i.test(name)))
}

function deadline(ms: number): Promise<'deadline'> {
  return new Promise(resolve => setTimeout(() => resolve('deadline'), ms).unref())
}

function childResult(child: ChildProcess, write: (line: string) => void): Promise<ChildResult> {
  return new Promise(resolve => {
    let partial = ''
    let result: ChildResult | undefined
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n')
      partial = lines.pop() ?? ''
      for (const raw of lines) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult
        else write(line)
      }
    })
    child.on('error', error => resolve({ error: `could not start the cache restore: ${error.message}` }))
    child.on('close', (code, signal) =>
      resolve(result ?? { error: `the cache restore ended without a result (exit ${code ?? signal})` })
    )
  })
}

function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Each file under `root` with its mtime and size, to tell afterwards what a restore wrote. */
async function fileStamps(root: string): Promise<Map<string, string>> {
  const stamps = new Map<string, string>()
  for (const file of await listFiles(root)) stamps.set(file.path, `${file.mtimeMs}:${file.size}`)
  return stamps
}

/** Removes the files under `root` that are new or changed since `before` (a killed tar's partial work). */
async function removeWritten(root: string, before: Map<string, string>): Promise<void> {
  for (const file of await listFiles(root)) {
    if (before.get(file.path) !== `${file.mtimeMs}:${file.size}`) {
      await rm(join(root, file.path), { force: true }).catch(() => undefined)
    }
  }
}
