/**
 * One install of a Go version at a time in a tool cache that several jobs share (matrix jobs on a host whose runners
 * share RUNNER_TOOL_CACHE): a lock file beside the install directory, created with O_EXCL (`wx`), which works the
 * same on Windows, macOS and Linux and on network file systems that honour O_EXCL.
 *
 * API:
 * - `acquireInstallLock(options)` → `{ kind: 'held', release }` (this job installs; `release()` when done, also on a
 *   failure), or `{ kind: 'done' }` (another job finished the install meanwhile: a cache hit, nothing to do).
 *
 * Protocol:
 * - The holder writes `{pid, host, token}` and touches the file every few seconds (a heartbeat). Only the holder
 *   creates a staging tree, removes an unmarked tree or writes the marker, so whatever partial tree a holder finds
 *   was left by a job that died, and is removed.
 * - A waiter polls: the `.complete` marker appearing ends the wait as a hit; a lock whose holder is dead (same host,
 *   no such pid) or whose heartbeat stopped (older than `staleMs`) is broken; otherwise it waits, at most `waitMs`.
 * - Breaking renames the lock aside first and checks that what it renamed is the lock it judged stale (another
 *   waiter may have broken it and taken a fresh one meanwhile); a fresh lock renamed by mistake is put back.
 * - On a cancel (src/exec/cancel.ts) the holder's lock is removed synchronously.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, unlinkSync } from 'node:fs'
import { link, mkdir, open, readFile, rename, stat, unlink, utimes } from 'node:fs/promises'
import os from 'node:os'
import { dirname } from 'node:path'
import type { Logger } from '../host/logger.js'
import { onCancel } from '../exec/cancel.js'
import { sleep } from '../net/sleep.js'

/** What a lock file holds. */
interface LockOwner {
  readonly pid: number
  readonly host: string
  readonly token: string
}

/** Options of {@link acquireInstallLock}. */
export interface InstallLockOptions {
  /** The lock file: `<install dir>.lock`. */
  readonly file: string
  /** True when the install is complete (its marker is there): ends a wait as a cache hit. */
  readonly isDone: () => Promise<boolean>
  /** What is being installed, for the log and the error: `Go 1.23.5`. */
  readonly what: string
  readonly log: Logger
  /** Longest wait for another job's install; default 15 min. */
  readonly waitMs?: number
  /** A heartbeat older than this is a dead holder's; default 60 s. */
  readonly staleMs?: number
  /** How often the holder touches the file; default 5 s. */
  readonly heartbeatMs?: number
  /** How often a waiter looks again; default 500 ms. */
  readonly pollMs?: number
  readonly signal?: AbortSignal
}

/** The outcome of {@link acquireInstallLock}. */
export type InstallLock = { readonly kind: 'held'; release(): Promise<void> } | { readonly kind: 'done' }

/** The lock could not be taken or waited for: a local fault, with the path and what to do. */
export class InstallLockError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InstallLockError'
  }
}

const DEFAULT_WAIT_MS = 15 * 60_000
const DEFAULT_STALE_MS = 60_000
const DEFAULT_HEARTBEAT_MS = 5000
const DEFAULT_POLL_MS = 500

/** Takes the install lock, waiting while another live job holds it; see the module comment. */
export async function acquireInstallLock(options: InstallLockOptions): Promise<InstallLock> {
  const started = Date.now()
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS
  let announced = false
  await mkdir(dirname(options.file), { recursive: true })
  for (;;) {
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), token: randomBytes(12).toString('hex') }
    if (await tryCreate(options.file, owner)) return held(options, owner)
    if (await options.isDone()) return { kind: 'done' }
    const current = await readOwner(options.file)
    if (current === 'gone') continue
    if (await isStale(options.file, current, options.staleMs ?? DEFAULT_STALE_MS)) {
      options.log.info(`Removing the install lock ${options.file} of a job that ended without releasing it`)
      await breakLock(options.file, current)
      continue
    }
    if (!announced) {
      const by = current ? `pid ${current.pid} on ${current.host}` : 'another job'
      options.log.info(`Waiting for ${by}, which is installing ${options.what} into the same tool cache`)
      announced = true
    }
    if (Date.now() - started > waitMs) {
      throw new InstallLockError(
        `another job has been installing ${options.what} for more than ${Math.round(waitMs / 60_000)} min (lock ${options.file}); if no job is installing it, remove that file`
      )
    }
    await sleep(options.pollMs ?? DEFAULT_POLL_MS, options.signal)
    if (options.signal?.aborted) throw new InstallLockError(`waiting for ${options.file} was cancelled`)
  }
}

/** Creates the lock file with O_EXCL; false when it exists. Other errors (read-only, full) propagate. */
async function tryCreate(file: string, owner: LockOwner): Promise<boolean> {
  let handle
  try {
    handle = await open(file, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    await handle.writeFile(JSON.stringify(owner))
  } finally {
    await handle.close()
  }
  return true
}

function held(options: InstallLockOptions, owner: LockOwner): InstallLock {
  const heartbeat = setInterval(() => {
    const now = new Date()
    utimes(options.file, now, now).catch(() => undefined)
  }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS)
  heartbeat.unref()
  const forgetOnCancel = onCancel(() => {
    clearInterval(heartbeat)
    removeIfOurs(options.file, owner)
  })
  let released = false
  return {
    kind: 'held',
    release: async () => {
      if (released) return
      released = true
      clearInterval(heartbeat)
      forgetOnCancel()
      const current = await readOwner(options.file)
      if (current !== 'gone' && current?.token === owner.token) await unlink(options.file).catch(() => undefined)
    }
  }
}

/** Synchronous removal for a cancel (no awaits on that path): only when the file still holds our token. */
function removeIfOurs(file: string, owner: LockOwner): void {
  try {
    if (parseOwner(readFileSync(file, 'utf8'))?.token === owner.token) unlinkSync(file)
  } catch {
    // Gone already.
  }
}

/** The lock's owner; undefined when unreadable (being written), 'gone' when there is no lock. */
async function readOwner(file: string): Promise<LockOwner | undefined | 'gone'> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone'
    throw error
  }
  return parseOwner(text)
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token }
    }
  } catch {
    // Not (yet) a whole owner record.
  }
  return undefined
}

/** A dead holder on this host, or a heartbeat older than `staleMs` (a holder on another host, or an unreadable lock). */
async function isStale(file: string, owner: LockOwner | undefined, staleMs: number): Promise<boolean> {
  if (owner && owner.host === os.hostname() && !processAlive(owner.pid)) return true
  try {
    return Date.now() - (await stat(file)).mtimeMs > staleMs
  } catch {
    return false
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Renames the lock aside; if what was renamed is not the lock judged stale, puts it back (never over a new one). */
async function breakLock(file: string, judged: LockOwner | undefined): Promise<void> {
  const aside = `${file}.stale-${randomBytes(6).toString('hex')}`
  try {
    await rename(file, aside)
  } catch {
    return // Someone else broke it first.
  }
  const renamed = await readOwner(aside).catch(() => undefined)
  const same = renamed !== 'gone' && (judged === undefined ? renamed === undefined : renamed?.token === judged.token)
  if (!same) {
    // A live lock taken meanwhile: back where it was, unless yet another lock is there now.
    await link(aside, file).catch(() => undefined)
  }
  await unlink(aside).catch(() => undefined)
}
