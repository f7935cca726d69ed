import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { HttpClient } from '../net/http.js'

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
 * Reads a file of a file proxy with the probe deadline, through the probe run's HTTP client, its
 * one `file://` reader (a hung network file system must not hold the phase; the read itself cannot be
 * cancelled, so it is abandoned). Missing files (and a path through a non-directory) are
 * 'missing', as the go command treats them.
 */
export async function readWithDeadline(
  client: HttpClient,
  path: string,
  deadline: number,
  maxBytes = 64 * 1024
): Promise<FileRead> {
  const result = await client.get(pathToFileURL(path), {
    body: { mode: 'buffer', maxBytes },
    deadline
  })
  if (result.kind === 'answer') {
    if (result.status === 404) return { kind: 'missing' }
    return { kind: 'file', text: result.body.kind === 'buffered' ? result.body.bytes.toString('utf8') : '' }
  }
  if (result.kind === 'failure' && result.code === 'DEADLINE') return { kind: 'deadline' }
  return { kind: 'error', code: result.kind === 'failure' ? result.code : 'ABORTED' }
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
