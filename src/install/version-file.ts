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
import { readFile } from 'node:fs/promises'
import os from 'node:os'
import { InputError, quote } from '../go/errors.js'
import { goPlatform, type GoPlatform } from '../go/toolchain/list.js'
import { parseVersionFile, VERSION_FILE_INPUT, type VersionFileRequest } from '../go/toolchain/version-file.js'

/** Reads and parses the version file at `path` (as given by the user, relative to the working directory). */
export async function readVersionFile(path: string): Promise<VersionFileRequest> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`
    throw new InputError(VERSION_FILE_INPUT, `${quote(path)} ${why}`)
  }
  return parseVersionFile(path, text)
}

/** The Go platform of this machine. */
export function hostGoPlatform(): GoPlatform {
  return goPlatform({ platform: process.platform, arch: process.arch, endianness: os.endianness() })
}
