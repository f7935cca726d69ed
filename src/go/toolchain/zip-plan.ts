/**
 * Which entries of a golang.org/toolchain module zip may be written, and where (pure; the shell does the I/O).
 *
 * API:
 * - `planToolchainExtraction(entries, moduleVersion)`: checks every entry as the go command's module zip code
 *   (golang.org/x/mod/zip) would — the module prefix, no absolute paths, `..`, backslashes, duplicates (also by case),
 *   symlinks or other special files, no nested go.mod, a size limit — and returns the relative file paths to write.
 *   Throws `ToolchainZipError` naming the zip entry on the first problem, before anything is written.
 * - `goModRestorations(files)`: the `_go.mod` → `go.mod` copies to make after extraction, `src/go.mod` last (the
 *   go command's "extraction finished" marker).
 * - `isExecutablePath(path)`: whether the go command sets exec bits on an extracted file (`bin/**`, `pkg/tool/**`).
 */
import { quote } from '../errors.js'
import { TOOLCHAIN_MODULE, toolchainZipPrefix } from './list.js'

/** What the shell tells the plan about one zip entry (from the central directory). */
export interface ZipEntryInfo {
  /** The entry name as stored. */
  name: string
  /** Unix mode from the high 16 bits of the external attributes (0 when the zip was made elsewhere). */
  unixMode: number
  /** Uncompressed size as declared (the shell makes the reader enforce it). */
  uncompressedSize: number
}

/** One file to write: the entry's index in the list given, and its path relative to GOROOT ('/' separated). */
export interface PlannedFile {
  entryIndex: number
  path: string
}

/** A zip that must not be installed; `entry` names the offending entry when there is one. */
export class ToolchainZipError extends Error {
  constructor(
    message: string,
    readonly entry?: string
  ) {
    super(message)
    this.name = 'ToolchainZipError'
  }
}

/** golang.org/x/mod/zip's MaxZipFile: the most a module zip may hold uncompressed (500 MiB). */
export const MAX_TOOLCHAIN_UNCOMPRESSED_BYTES = 500 << 20

const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000

/**
 * Checks the entries of the zip of `golang.org/toolchain@<moduleVersion>` and returns the files to write. Directory
 * entries (names ending in '/') are allowed and skipped: directories follow from the file paths. A zip that
 * contains no `bin/go` (or `bin/go.exe` for a windows toolchain) is refused too.
 */
export function planToolchainExtraction(entries: readonly ZipEntryInfo[], moduleVersion: string): PlannedFile[] {
  const prefix = toolchainZipPrefix(moduleVersion)
  const files: PlannedFile[] = []
  const seen = new Map<string, string>()
  let total = 0
  entries.forEach((entry, entryIndex) => {
    const { name } = entry
    const refuse = (why: string): never => {
      throw new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip entry ${quote(name)}: ${why}`, name)
    }
    if (!name.startsWith(prefix)) refuse(`does not start with the module prefix ${quote(prefix)}`)
    const path = name.slice(prefix.length)
    const type = entry.unixMode & S_IFMT
    if (path === '' && type === S_IFREG) refuse('has an empty file name')
    // The prefix itself ('golang.org/toolchain@v.../') is the root directory entry.
    const isDir = path === '' || path.endsWith('/')
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
      refuse(type === 0o120000 ? 'is a symbolic link' : 'is not a regular file')
    }
    if (type === S_IFDIR && !isDir) refuse('is a directory without a trailing slash')
    if (path === '') return
    const bare = isDir ? path.slice(0, -1) : path
    if (bare === '') refuse('has an empty file name')
    if (bare.includes('\\')) refuse('contains a backslash')
    if (bare.startsWith('/') || /^[A-Za-z]:/.test(bare)) refuse('is an absolute path')
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(bare)) refuse('contains a control character')
    for (const element of bare.split('/')) {
      if (element === '') refuse('has an empty path element')
      if (element === '.' || element === '..') refuse(`has a ${quote(element)} path element`)
    }
    // Two names that differ only in case are one file on macOS and Windows: the second would overwrite the first.
    const folded = bare.toLowerCase()
    const earlier = seen.get(folded)
    if (earlier !== undefined) {
      refuse(earlier === bare ? 'is a duplicate' : `collides with ${quote(earlier)} on case-insensitive file systems`)
    }
    seen.set(folded, bare)
    if (isDir) return
    if (bare === 'go.mod' || bare.endsWith('/go.mod')) refuse('is a go.mod, not allowed in a module zip (_go.mod is)')
    total += entry.uncompressedSize
    if (total > MAX_TOOLCHAIN_UNCOMPRESSED_BYTES) {
      refuse(`takes the uncompressed size past ${MAX_TOOLCHAIN_UNCOMPRESSED_BYTES} bytes`)
    }
    files.push({ entryIndex, path: bare })
  })
  // Every directory must be a directory only: a file `bin` and a file `bin/go` cannot both be written.
  const filePaths = new Set(files.map(f => f.path.toLowerCase()))
  for (const file of files) {
    const parts = file.path.toLowerCase().split('/')
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/')
      if (filePaths.has(dir)) {
        const name = prefix + (seen.get(dir) ?? dir)
        throw new ToolchainZipError(
          `${TOOLCHAIN_MODULE}@${moduleVersion} zip entry ${quote(name)} is a file and a directory`,
          name
        )
      }
    }
  }
  const windows = /\.windows-[a-z0-9]+$/.test(moduleVersion)
  const goBinary = windows ? 'bin/go.exe' : 'bin/go'
  if (!files.some(f => f.path === goBinary)) {
    throw new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip has no ${goBinary}`)
  }
  return files
}

/** A copy to make after extraction: `from` (a `_go.mod`) to `to` (the `go.mod` beside it), GOROOT-relative. */
export interface GoModRestoration {
  from: string
  to: string
}

/**
 * The go.mod files to restore from `_go.mod` (cmd/distpack renames every nested go.mod so the zip is a valid module
 * zip; cmd/go/internal/toolchain copies them back). `src/go.mod` comes last: the go command treats its presence as
 * "this toolchain is completely unpacked".
 */
export function goModRestorations(files: readonly PlannedFile[]): GoModRestoration[] {
  const copies = files
    .map(f => f.path)
    .filter(p => p === '_go.mod' || p.endsWith('/_go.mod'))
    .map(from => ({ from, to: from.slice(0, -'_go.mod'.length) + 'go.mod' }))
  const last = copies.filter(c => c.from === 'src/_go.mod')
  return [...copies.filter(c => c.from !== 'src/_go.mod'), ...last]
}

/**
 * Whether the go command makes an extracted toolchain file executable: everything under `bin/` and `pkg/tool/`
 * (cmd/go/internal/toolchain sets +x there itself and ignores the zip's modes, which it does not trust).
 */
export function isExecutablePath(path: string): boolean {
  return path.startsWith('bin/') || path.startsWith('pkg/tool/')
}
