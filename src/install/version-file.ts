/**
 * Reading `go-version-file` and the runner's platform (the shell around src/go/toolchain).
 *
 * API:
 * - `readVersionFile(path)` → `Promise<VersionFileRequest>`: reads the file and parses it by its base name
 *   (go.mod, go.work, .tool-versions, else .go-version); a missing or unreadable file is an InputError for
 *   `go-version-file` naming the path.
 * - `hostGoPlatform()` → `GoPlatform`: this machine's GOOS/GOARCH from process.platform, process.arch and
 *   os.endianness().
 */
import { open } from 'node:fs/promises'
import os from 'node:os'
import { InputError, quote } from '../go/errors.js'
import { goPlatform, type GoPlatform } from '../go/toolchain/list.js'
import { parseVersionFile, VERSION_FILE_INPUT, type VersionFileRequest } from '../go/toolchain/version-file.js'

/** Reads and parses the version file at `path` (as given by the user, relative to the working directory). */
export async function readVersionFile(path: string): Promise<VersionFileRequest> {
  const refuse = (why: string) => new InputError(VERSION_FILE_INPUT, `${quote(path)} ${why}`)
  const failed = (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code
    return refuse(
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot be read (${code ?? String(error)})`
    )
  }
  // A device (/dev/zero), a FIFO or a huge file would be read for ever or into memory: a regular file of at most
  // VERSION_FILE_MAX_BYTES only, opened once and read through the same handle (no swap between check and read).
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw failed(error)
  }
  try {
    const stats = await handle.stat()
    if (stats.isDirectory()) throw refuse('is a directory')
    if (!stats.isFile()) throw refuse('is not a regular file (a device, a pipe or a socket)')
    if (stats.size > VERSION_FILE_MAX_BYTES) {
      throw refuse(`is larger than ${VERSION_FILE_MAX_BYTES >> 20} MiB (${stats.size} bytes): not a version file`)
    }
    const buffer = Buffer.alloc(VERSION_FILE_MAX_BYTES + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    if (bytesRead > VERSION_FILE_MAX_BYTES) throw refuse(`is larger than ${VERSION_FILE_MAX_BYTES >> 20} MiB`)
    return parseVersionFile(path, buffer.subarray(0, bytesRead).toString('utf8'))
  } catch (error) {
    throw error instanceof InputError ? error : failed(error)
  } finally {
    await handle.close()
  }
}

/** The largest version file read: go.mod files of large monorepos stay far below this. */
export const VERSION_FILE_MAX_BYTES = 1 << 20

/** The Go platform of this machine. */
export function hostGoPlatform(): GoPlatform {
  return goPlatform({ platform: process.platform, arch: process.arch, endianness: os.endianness() })
}
