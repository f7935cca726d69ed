/** Listing a cache tree (shared by the cache phase and the restore child). */
import { lstat, open, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { TimedEntry } from './policy.js'

/** Every regular file under `root` (relative paths with `/`), with mtime and size; none when root is absent. */
export async function listFiles(root: string): Promise<TimedEntry[]> {
  const files: TimedEntry[] = []
  const pending = ['']
  while (pending.length > 0) {
    const rel = pending.pop() as string
    let names
    try {
      names = await readdir(join(root, rel), { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of names) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) pending.push(child)
      else if (entry.isFile()) {
        const stat = await lstat(join(root, child))
        files.push({ path: child, mtimeMs: stat.mtimeMs, size: stat.size })
      }
    }
  }
  return files
}

/** A file's stamp, its mtime and size: whether something wrote it again since it was listed. */
export function fileStamp(file: TimedEntry): string {
  return `${file.mtimeMs}:${file.size}`
}

/** Each file's stamp (fileStamp) by its relative path. */
export function stampsByPath(files: readonly TimedEntry[]): Map<string, string> {
  return new Map(files.map(file => [file.path, fileStamp(file)]))
}

/** The first `length` bytes of a file (fewer when it is shorter); empty when it cannot be read. */
export async function readHead(file: string, length: number): Promise<Buffer> {
  try {
    const handle = await open(file, 'r')
    try {
      const buffer = Buffer.alloc(length)
      const { bytesRead } = await handle.read(buffer, 0, length, 0)
      return buffer.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  } catch {
    return Buffer.alloc(0)
  }
}
