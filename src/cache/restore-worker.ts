/**
 * Cache restores in one child process, started early and killed with its tar at a deadline.
 *
 * @actions/cache looks the entry up, downloads the archive and extracts it with tar; none of it takes a signal, and a
 * lookup from a cache service that accepts and never answers waits for as long as the socket lives. Given up
 * in-process, a restore past its deadline would still download and then extract late, writing into the module cache
 * while the warm phase (or the job's build) already uses it. So the restores run in a child, the worker: the action's
 * own bundle started with RESTORE_WORKER_ARG, in a process group of its own on POSIX. At a deadline the parent kills
 * the whole tree (tar included: `killProcessTree`), waits for it to be gone, removes whatever the restores in flight
 * had written (the tree is as it was before), and the next request starts a new worker. A restore that fails part-way
 * (a damaged archive, a full disk: the library warns and answers "no entry") is told from a miss by the lookup beside
 * it, and what its tar wrote is removed the same way: a half-extracted module cache would otherwise meet go with
 * truncated go.mod files, which go refuses without fetching them again.
 *
 * Why one worker, started early (`standbyRestoreWorker`): a child costs a node start and the library's evaluation
 * (about 0.3 s of CPU). One worker for every part pays it once, and started while the parent still validates inputs,
 * probes and installs Go, pays it beside that work, not on the way to a warm module cache. The parent never loads the
 * library for a restore at all.
 *
 * Why a lookup beside each restore: the lookup deadline (a stalled service costs seconds, not the restore deadline)
 * needs to know when the lookup answered, and restoreCache does not say. The worker runs a lookup-only call beside the
 * full one, not before it, so the deadline has its answer and the restore does not wait a second round trip.
 *
 * Protocol: requests are JSON lines on the worker's stdin; the worker's answers are lines on its stdout starting with
 * RESULT_PREFIX (ready, lookup, result); every other line is the library's log, passed through to the step's log. The
 * worker exits when its stdin ends and nothing is in flight, so a worker left idle dies with the step.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readdir, rm, rmdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { onCancel } from '../exec/cancel.js'
import { killProcessTree } from '../exec/go.js'
import { RESTORE_WORKER_ARG } from './child-arg.js'
import { fileStamp, listFiles, stampsByPath } from './files.js'

const RESULT_PREFIX = 'setup-goproxy-cache-worker '

/** One restore the worker runs. */
export interface RestoreRequest {
  readonly paths: string[]
  readonly key: string
  readonly restoreKeys: string[]
  /** @actions/cache's per-segment download timeout. */
  readonly segmentTimeoutMs: number
}

type WorkerLine =
  | { readonly ready: true; readonly available: boolean }
  | { readonly id: number; readonly looked: true }
  | { readonly id: number; readonly matchedKey: string | null }
  | { readonly id: number; readonly error: string }

/** The worker's side: load the library, say whether this job has a cache service, then serve requests until stdin ends. */
export async function runRestoreWorker(): Promise<void> {
  const say = (line: WorkerLine) => process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(line)}\n`)
  const cache = await import('@actions/cache')
  say({ ready: true, available: cache.isFeatureAvailable() })
  const readyAt = Math.round(performance.now())
  const inFlight = new Set<Promise<void>>()
  const serve = async (id: number, request: RestoreRequest) => {
    const started = performance.now()
    let looked = false
    let lookupMs = 0
    /** The lookup answered (found, none or failed: the restore's own outcome says which). */
    const lookedUp = () => {
      if (looked) return
      looked = true
      lookupMs = Math.round(performance.now() - started)
      say({ id, looked: true })
    }
    let found: string | undefined
    cache.restoreCache(request.paths, request.key, request.restoreKeys, { lookupOnly: true }).then(key => {
      found = key
      lookedUp()
    }, lookedUp)
    try {
      const matchedKey = await cache.restoreCache(request.paths, request.key, request.restoreKeys, {
        timeoutInMs: 60_000,
        segmentTimeoutInMs: request.segmentTimeoutMs
      })
      lookedUp()
      const restoredMs = Math.round(performance.now() - started)
      process.stdout.write(
        `::debug::Cache restore of ${request.key}: looked up in ${lookupMs} ms, done in ${restoredMs} ms (worker ready at ${readyAt} ms)\n`
      )
      // The library says "no entry" (undefined) also when the download or tar failed, after a warning of its own; the
      // lookup beside it (one request, answered long before a download and tar end) tells the two apart, and the
      // parent then removes what tar wrote before it failed.
      if (!matchedKey && found) {
        say({ id, error: `the entry ${found} was found but not restored (the warning above says why)` })
        return
      }
      say({ id, matchedKey: matchedKey ?? null })
    } catch (error) {
      lookedUp()
      say({ id, error: error instanceof Error ? error.message : String(error) })
    }
  }
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) {
    if (!line.trim()) continue
    const { id, request } = JSON.parse(line) as { id: number; request: RestoreRequest }
    const served: Promise<void> = serve(id, request).finally(() => inFlight.delete(served))
    inFlight.add(served)
  }
  await Promise.all(inFlight)
  // Exit once the last line is out (a pipe is asynchronous on Windows): a socket the library left open must not keep
  // the worker, and so the step, waiting.
  process.stdout.write('', () => process.exit(0))
}

/** Why a restore was given up: its lookup or its restore passed its deadline (or another part's did, in one worker). */
export class RestoreDeadlineError extends Error {}

export interface RestoreDeadlines {
  /** From the request until the lookup answers (one request to the cache service). */
  readonly lookupMs: number
  /** From the request until the archive is downloaded and extracted. */
  readonly restoreMs: number
  /** The bundle the worker runs; default process.argv[1] (the action's dist/index.js). */
  readonly childEntry?: string
}

interface Pending {
  /** The directories the restore writes under (writtenRoot of each path). */
  readonly roots: readonly string[]
  readonly before: Map<string, Map<string, string>>
  readonly looked: () => void
  readonly settle: (outcome: { matchedKey: string | null } | { error: string }) => void
}

/** The parent's handle on one worker process. */
class Worker {
  readonly #child: ChildProcess
  readonly #posix = process.platform !== 'win32'
  readonly #pending = new Map<number, Pending>()
  readonly #ready: Promise<{ available: boolean } | { error: string }>
  readonly #forgetOnCancel: () => void
  #nextId = 1
  #gone = false
  /** What is awaited of the worker (its ready line, restores in flight): while any, it keeps the step alive. */
  #holds = 0

  constructor(
    readonly entry: string,
    readonly envKey: string,
    write: (line: string) => void
  ) {
    this.#child = spawn(process.execPath, [entry, RESTORE_WORKER_ARG], {
      detached: this.#posix,
      stdio: ['pipe', 'pipe', 'inherit'],
      windowsHide: true,
      env: workerEnv(process.env)
    })
    this.#forgetOnCancel = onCancel(() => killProcessTree(this.#child, this.#posix))
    write(`::debug::Cache restore worker started (pid ${this.#child.pid ?? 'none'})`)
    // A request written to a worker that just died: its 'close' settles the request.
    this.#child.stdin?.on('error', () => undefined)
    let ready: (status: { available: boolean } | { error: string }) => void = () => undefined
    this.#ready = new Promise(resolve => (ready = resolve))
    const lines = createInterface({ input: this.#child.stdout as NodeJS.ReadableStream })
    lines.on('line', raw => {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
      if (!line.startsWith(RESULT_PREFIX)) return write(line)
      const answer = JSON.parse(line.slice(RESULT_PREFIX.length)) as WorkerLine
      if ('ready' in answer) return ready({ available: answer.available })
      const pending = this.#pending.get(answer.id)
      if (!pending) return
      if ('looked' in answer) return pending.looked()
      this.#pending.delete(answer.id)
      pending.settle('error' in answer ? { error: answer.error } : { matchedKey: answer.matchedKey })
    })
    const ended = (why: string) => {
      this.#gone = true
      this.#forgetOnCancel()
      ready({ error: why })
      for (const [id, pending] of this.#pending) {
        this.#pending.delete(id)
        pending.settle({ error: why })
      }
    }
    this.#child.on('error', error => ended(`the cache restore worker could not start: ${error.message}`))
    this.#child.on('close', (code, signal) => ended(`the cache restore worker ended (exit ${code ?? signal})`))
    this.#hold(this.#ready)
  }

  get gone(): boolean {
    return this.#gone
  }

  /** Whether the job has a cache service, as the library says (or why the worker could not tell). */
  status(): Promise<{ available: boolean } | { error: string }> {
    return this.#ready
  }

  /** Restores one entry; the matched key, or undefined for no entry or a failure the library logged as its warning. */
  async restore(request: RestoreRequest, deadlines: RestoreDeadlines): Promise<string | undefined> {
    const roots = [...new Set(request.paths.map(writtenRoot))]
    const before = new Map<string, Map<string, string>>()
    for (const root of roots) before.set(root, await fileStamps(root))
    // It may have ended while the tree was listed: then no answer would ever come for the request.
    if (this.#gone) throw new WorkerGoneError()
    const id = this.#nextId++
    let looked = false
    const outcome = new Promise<{ matchedKey: string | null } | { error: string }>(settle => {
      this.#pending.set(id, { roots, before, looked: () => (looked = true), settle })
    })
    this.#hold(outcome)
    this.#child.stdin?.write(`${JSON.stringify({ id, request })}\n`)
    const lookupTimer = setTimeout(() => {
      if (!looked) void this.#giveUp(`The cache lookup did not finish within ${deadlines.lookupMs / 1000} s`)
    }, deadlines.lookupMs)
    const restoreTimer = setTimeout(
      () => void this.#giveUp(`The cache restore did not finish within ${deadlines.restoreMs / 1000} s`),
      deadlines.restoreMs
    )
    try {
      const result = await outcome
      if ('error' in result) {
        if (result.error.startsWith(GIVEN_UP)) throw new RestoreDeadlineError(result.error.slice(GIVEN_UP.length))
        // Failed part-way (a damaged archive, a full disk): what tar wrote goes, as after a deadline.
        await removeAllWritten(roots, before)
        throw new Error(result.error)
      }
      return result.matchedKey ?? undefined
    } finally {
      clearTimeout(lookupTimer)
      clearTimeout(restoreTimer)
    }
  }

  /** Ends the worker's input: it exits once what is in flight is done. */
  close(): void {
    this.#child.stdin?.end()
  }

  /**
   * A deadline passed: kill the worker with its tar, wait for it to be gone, remove what every restore in flight had
   * written, and give each of them up with `why`.
   */
  async #giveUp(why: string): Promise<void> {
    if (this.#gone) return
    this.#gone = true
    const inFlight = [...this.#pending.entries()]
    this.#pending.clear()
    killProcessTree(this.#child, this.#posix)
    await exited(this.#child, 10_000)
    for (const [, pending] of inFlight) {
      await removeAllWritten(pending.roots, pending.before)
      pending.settle({ error: `${GIVEN_UP}${why}` })
    }
  }

  /**
   * While `awaited` is pending the worker keeps the step alive (its ready line, a restore in flight); idle, it does not:
   * it ends when the step does (its stdin closes).
   */
  #hold(awaited: Promise<unknown>): void {
    if (this.#holds++ === 0) this.#refs('ref')
    void awaited.finally(() => {
      if (--this.#holds === 0) this.#refs('unref')
    })
  }

  #refs(how: 'ref' | 'unref'): void {
    this.#child[how]()
    for (const stream of [this.#child.stdout, this.#child.stdin]) {
      ;(stream as unknown as Partial<Record<typeof how, () => void>> | null)?.[how]?.()
    }
  }
}

const GIVEN_UP = 'given up: '

/** The worker a request was for had ended before the request was sent (restoreInWorker starts another). */
class WorkerGoneError extends Error {}

let current: Worker | undefined

/** The environment a worker is started with is part of its identity: a test that changes the service gets a new one. */
function envKey(): string {
  return JSON.stringify(
    Object.entries(process.env)
      .filter(([name]) => /^(ACTIONS_|RUNNER_TEMP$|GITHUB_WORKSPACE$)/.test(name))
      .sort(([a], [b]) => a.localeCompare(b))
  )
}

function worker(entry = process.argv[1]): Worker {
  const key = envKey()
  if (current && !current.gone && current.entry === entry && current.envKey === key) return current
  current?.close()
  current = new Worker(entry, key, line => process.stdout.write(`${line}\n`))
  return current
}

/**
 * Whether the runner may have given this job a cache service: the library looks for ACTIONS_RESULTS_URL (service v2)
 * or ACTIONS_CACHE_URL (v1) and reports none without either, so without both there is no worker to start or ask.
 */
function mayHaveCacheService(): boolean {
  return Boolean(process.env.ACTIONS_RESULTS_URL || process.env.ACTIONS_CACHE_URL)
}

/** Starts the worker now (it loads the library while the step does other work); a later restore uses it. */
export function standbyRestoreWorker(entry?: string): void {
  if (mayHaveCacheService()) worker(entry)
}

/** Ends the worker once what is in flight is done (tests; a step ends it by ending). */
export function stopRestoreWorker(): void {
  current?.close()
  current = undefined
}

/** Whether this job has a cache service (the library's rule, asked in the worker), or why that could not be told. */
export function restoreServiceStatus(entry?: string): Promise<{ available: boolean } | { error: string }> {
  return mayHaveCacheService() ? worker(entry).status() : Promise.resolve({ available: false })
}

/**
 * Restores `request` in the worker: the matched key, or undefined (no entry, or a failure the library logged as its
 * warning). Past a deadline the worker is killed with its tar, what it wrote removed, and a RestoreDeadlineError
 * thrown; an error the library threw is rethrown.
 */
export async function restoreInWorker(
  request: RestoreRequest,
  deadlines: RestoreDeadlines
): Promise<string | undefined> {
  try {
    return await worker(deadlines.childEntry).restore(request, deadlines)
  } catch (error) {
    if (!(error instanceof WorkerGoneError)) throw error
    return worker(deadlines.childEntry).restore(request, deadlines)
  }
}

/** The step's environment without its inputs (INPUT_AUTH may hold secrets the restore has no use for). */
function workerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^INPUT_/i.test(name)))
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

/** Each file under `root` with its stamp, to tell afterwards what a restore wrote. */
async function fileStamps(root: string): Promise<Map<string, string>> {
  return stampsByPath(await listFiles(root))
}

/**
 * The directory under which a restore of `path` writes: the path itself, or for a glob pattern (the modules entry's
 * `<download>/**` + `/*.zip`) the directories before its first segment with a glob character.
 */
export function writtenRoot(path: string): string {
  const segments = path.split(/([\\/])/)
  const firstGlob = segments.findIndex(segment => /[*?[\]{}]/.test(segment))
  if (firstGlob < 0) return path
  // What comes before the glob segment, without its trailing separator unless it is a root ("/", "C:\\").
  const before = segments.slice(0, firstGlob).join('')
  return /^([A-Za-z]:)?[\\/]?$/.test(before) ? before || '.' : before.replace(/[\\/]$/, '')
}

/** removeWritten for each root, with the stamps taken of it before the restore. */
async function removeAllWritten(roots: readonly string[], before: Map<string, Map<string, string>>): Promise<void> {
  for (const root of roots) await removeWritten(root, before.get(root) ?? new Map())
}

/**
 * Removes the files under `root` that are new or changed since `before` (a killed or failed tar's partial work), then
 * the directories left empty that held none of the files before.
 */
async function removeWritten(root: string, before: Map<string, string>): Promise<void> {
  for (const file of await listFiles(root)) {
    if (before.get(file.path) !== fileStamp(file)) {
      await rm(join(root, file.path), { force: true }).catch(() => undefined)
    }
  }
  const held = new Set<string>()
  for (const path of before.keys()) {
    for (let dir = path; dir.includes('/');) held.add((dir = dir.slice(0, dir.lastIndexOf('/'))))
  }
  await removeEmptyDirectories(root, '', held)
}

/** Removes, deepest first, the empty directories under `root` (not root itself) whose relative path `held` lacks. */
async function removeEmptyDirectories(root: string, rel: string, held: ReadonlySet<string>): Promise<boolean> {
  let entries
  try {
    entries = await readdir(join(root, rel), { withFileTypes: true })
  } catch {
    return false
  }
  let left = entries.length
  for (const entry of entries) {
    if (!entry.isDirectory()) continue
    const child = rel ? `${rel}/${entry.name}` : entry.name
    if (await removeEmptyDirectories(root, child, held)) left -= 1
  }
  if (left > 0 || rel === '' || held.has(rel)) return false
  return rmdir(join(root, rel)).then(
    () => true,
    () => false
  )
}
