import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The directory of a `file:` proxy URL (`file:///srv/goproxy` → `/srv/goproxy`), undefined when it has none. */
export function fileProxyDir(url: string): string | undefined {
  const path = url.replace(/^file:(\/\/)?/i, '')
  try {
    return fileURLToPath(`file://${path.startsWith('/') ? '' : '/'}${path}`)
  } catch {
    return undefined
  }
}

/** A path below a file proxy directory, from a `/`-separated protocol path (already case-escaped). */
export function fileProxyPath(dir: string, protocolPath: string): string {
  return join(dir, ...protocolPath.split('/'))
}

/** What reading a file of a file proxy gave. */
export type FileRead =
  | { readonly kind: 'file'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'error'; readonly code: string }
  | { readonly kind: 'deadline' }

/**
 * Reads a file with the probe deadline: a hung network file system must not hold the
 * phase (the read itself cannot be cancelled, so it is abandoned). Missing files (and a
 * path through a non-directory) are 'missing', as the go command treats them.
 */
export function readWithDeadline(path: string, deadline: number, maxBytes = 64 * 1024): Promise<FileRead> {
  const read = readFile(path).then(
    (data): FileRead => ({ kind: 'file', text: data.subarray(0, maxBytes).toString('utf8') }),
    (error: NodeJS.ErrnoException): FileRead =>
      error.code === 'ENOENT' || error.code === 'ENOTDIR'
        ? { kind: 'missing' }
        : { kind: 'error', code: error.code ?? 'EIO' }
  )
  return raceDeadline(read, deadline, { kind: 'deadline' })
}

/** Whether a path is a directory, within the deadline (undefined when the deadline passed first). */
export function isDirectory(path: string, deadline: number): Promise<boolean | undefined> {
  return raceDeadline(
    stat(path).then(
      s => s.isDirectory(),
      () => false
    ),
    deadline,
    undefined
  )
}

function raceDeadline<T>(work: Promise<T>, deadline: number, late: T): Promise<T> {
  return new Promise<T>(resolve => {
    const timer = setTimeout(() => resolve(late), Math.max(0, deadline - performance.now()))
    timer.unref()
    void work.then(value => {
      clearTimeout(timer)
      resolve(value)
    })
  })
}
