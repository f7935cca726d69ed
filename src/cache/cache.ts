/**
 * The cache phase's I/O: the trees on disk (listing, making writable, mtimes, setting entries aside) and GitHub's
 * cache through the real @actions/cache library, every call of which runs under a deadline (the library waits on a
 * cache service that accepts and never answers for as long as the socket lives). Restores run in the restore worker
 * (restore-worker.ts), saves (the post step) in-process.
 */
import { createHash } from 'node:crypto'
import { chmod, lstat, mkdir, readdir, readFile, rename, rm, utimes } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { TimedEntry } from './policy.js'
import { restoreInWorker, RestoreDeadlineError, type RestoreDeadlines } from './restore-worker.js'

export type { RestoreDeadlines } from './restore-worker.js'

/** Requests to the cache service that were given up at their deadline and may still hold a socket open. */
let abandoned = 0

/** True when a cache request was given up: the step then ends its process itself, whatever sockets remain. */
export function hasAbandonedCacheRequests(): boolean {
  return abandoned > 0
}

class DeadlineError extends Error {}

async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} did not finish within ${ms / 1000} s`)), ms)
  })
  try {
    return await Promise.race([work, deadline])
  } catch (error) {
    if (error instanceof DeadlineError) {
      abandoned++
      // The abandoned call still settles some day; what it says then is of no use.
      work.catch(() => undefined)
    }
    throw error
  } finally {
    clearTimeout(timer)
  }
}

export type RestoreOutcome =
  { readonly matchedKey: string | undefined } | { readonly gaveUp: string; readonly matchedKey?: undefined }

/**
 * Restores `paths` from the entry of `key` or the newest under `restoreKeys`, in the restore worker: a lookup that
 * does not answer within `lookupMs` (a service that accepts and never answers) costs seconds, and a restore past
 * `restoreMs` is killed with its tar and what it wrote removed, so no archive is extracted late while the warm phase
 * already writes the same tree. Either is a miss the job goes on without, as is a failure the library reports
 * itself (an unreachable service, a failed extraction: its warning).
 */
export async function restoreEntry(
  paths: string[],
  key: string,
  restoreKeys: string[],
  deadlines: RestoreDeadlines
): Promise<RestoreOutcome> {
  try {
    const matchedKey = await restoreInWorker(
      { paths, key, restoreKeys, segmentTimeoutMs: deadlines.restoreMs },
      deadlines
    )
    return { matchedKey }
  } catch (error) {
    // A cache is an optimisation: a restore that failed or was given up is a miss, and the job goes on.
    if (error instanceof RestoreDeadlineError) return { gaveUp: error.message }
    return { gaveUp: `The cache restore failed: ${error instanceof Error ? error.message : String(error)}` }
  }
}

/** Saves `paths` under `key`; false (with the library's own message in the log) when the entry was not written. */
export async function saveEntry(paths: string[], key: string, deadlineMs: number): Promise<boolean | string> {
  try {
    const cache = await import('@actions/cache')
    const id = await withDeadline(cache.saveCache(paths, key), deadlineMs, 'The cache save')
    return id !== -1
  } catch (error) {
    if (error instanceof DeadlineError) return error.message
    throw error
  }
}

/**
 * Adds the owner's write bit to every directory under `root` that lacks it (go's read-only module cache), so that
 * tar, extracting as a non-root user, can replace the files in them. Returns how many it changed.
 */
export async function makeDirectoriesWritable(root: string): Promise<number> {
  let changed = 0
  const pending = [root]
  while (pending.length > 0) {
    const dir = pending.pop() as string
    let stat
    try {
      stat = await lstat(dir)
    } catch {
      continue
    }
    if (!stat.isDirectory()) continue
    if ((stat.mode & 0o200) === 0) {
      await chmod(dir, (stat.mode & 0o7777) | 0o200)
      changed++
    }
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) pending.push(join(dir, entry.name))
    }
  }
  return changed
}

/** Sets the mtime (and atime) of each listed file under `root` to `timeMs`. */
export async function setMtimes(root: string, files: readonly TimedEntry[], timeMs: number): Promise<void> {
  const time = new Date(timeMs)
  for (const file of files) await utimes(join(root, file.path), time, time).catch(() => undefined)
}

/**
 * Moves `files` out of `root` into `aside` (same parent, so a rename), and returns the way back: the save archives
 * `root` without them, and a self-hosted runner's cache keeps them afterwards.
 */
export async function setAside(
  root: string,
  files: readonly TimedEntry[],
  aside: string
): Promise<() => Promise<void>> {
  const moved: string[] = []
  for (const file of files) {
    const to = join(aside, file.path)
    await mkdir(dirname(to), { recursive: true })
    try {
      await rename(join(root, file.path), to)
      moved.push(file.path)
    } catch {
      // Left in place: it is saved with the rest.
    }
  }
  return async () => {
    for (const path of moved) await rename(join(aside, path), join(root, path)).catch(() => undefined)
    await rm(aside, { recursive: true, force: true })
  }
}

/** sha256 over the files' paths (relative to `base`) and contents; files that do not exist are left out. */
export async function hashFiles(files: readonly string[], base: string): Promise<string> {
  const hash = createHash('sha256')
  let any = false
  for (const file of [...files].sort()) {
    let content
    try {
      content = await readFile(file)
    } catch {
      continue
    }
    any = true
    hash.update(relative(base, file).split(sep).join('/')).update('\0').update(content).update('\0')
  }
  return any ? hash.digest('hex').slice(0, 32) : 'no-go-sum'
}
