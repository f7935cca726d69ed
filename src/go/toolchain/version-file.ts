/**
 * Reading a Go version request out of a version file's text (pure; the shell reads the file).
 *
 * API:
 * - `parseVersionFile(fileName, text)`: dispatches on the base name — `go.mod` and `go.work` (toolchain line, else go
 *   line), `.tool-versions` (asdf/mise: `golang 1.23.5`), anything else (`.go-version`) a file holding one version.
 * - `parseGoModVersion`, `parseToolVersions`, `parsePlainVersionFile`: the individual parsers.
 *
 * Meaning of a `go.mod`/`go.work` file (decided here, documented for users):
 * - `toolchain go1.23.5` wins: it names the exact toolchain the module wants (what the go command would switch to).
 * - otherwise the `go` line, read as actions/setup-go reads it: `go 1.22` → the newest 1.22.x release; `go 1.22.3` →
 *   exactly 1.22.3; `go 1.23rc1` → exactly 1.23rc1. (For the go command ≥ 1.21 the go line is a minimum, and
 *   GOTOOLCHAIN=auto would switch up to it; installing exactly that version satisfies the minimum, and it is what
 *   setup-go users expect.)
 * Errors are InputErrors for the input `go-version-file` naming the file and the line.
 */
import { InputError, quote } from '../errors.js'
import { parseGoMod, parseGoWork } from '../modfile/modfile.js'
import { parseVersionRequest, type VersionRequest } from './version.js'

/** A request read from a version file, and where. */
export interface VersionFileRequest {
  request: VersionRequest
  /** The value as written in the file (`1.23.5`, `go1.23.5`). */
  value: string
  /** 1-based line number it came from. */
  line: number
}

/** The input name version-file errors are reported under. */
export const VERSION_FILE_INPUT = 'go-version-file'

/**
 * Parses a version file by its base name (`fileName` may be a path, with / or \ separators): `go.mod`, `go.work`,
 * `.tool-versions`; any other name is read as a `.go-version` file (one version, as setup-go reads unknown files).
 */
export function parseVersionFile(fileName: string, text: string): VersionFileRequest {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  if (base === 'go.mod' || base === 'go.work') return parseGoModVersion(fileName, text)
  if (base === '.tool-versions') return parseToolVersions(fileName, text)
  return parsePlainVersionFile(fileName, text)
}

/**
 * go.mod / go.work: the `toolchain go1.X.Y` line if there is one, else the `go` line, read with the same modfile
 * grammar as the warm phase's plan (src/go/modfile/modfile.ts: comments, blocks, quoted strings). A malformed or
 * repeated go/toolchain line is an error, as the go command refuses such a file.
 */
export function parseGoModVersion(fileName: string, text: string): VersionFileRequest {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  const parsed = base === 'go.work' ? parseGoWork(text) : parseGoMod(text)
  const shown = (line: number) => quote(lines(text)[line - 1]?.trim() ?? '')
  const bad = parsed.errors.find(e => /^(usage: (go|toolchain) |repeated (go|toolchain) )/.test(e.message))
  if (bad) throw fileError(fileName, bad.line, `${shown(bad.line)}: ${bad.message}`)
  const { go, toolchain, versionLines } = parsed
  if (toolchain !== undefined && versionLines.toolchain !== undefined) {
    const line = versionLines.toolchain
    // The go command also allows custom toolchain names (go1.21.3-corp): no such toolchain is published.
    if (!/^go\d/.test(toolchain) || toolchain.includes('-')) {
      throw fileError(
        fileName,
        line,
        `toolchain ${quote(toolchain)} is not a published Go toolchain (expected go1.X.Y)`
      )
    }
    return { request: requestAt(fileName, line, toolchain), value: toolchain, line }
  }
  if (go !== undefined && versionLines.go !== undefined) {
    const line = versionLines.go
    if (go.startsWith('go')) throw fileError(fileName, line, `go line ${quote(go)} must not start with "go"`)
    return { request: requestAt(fileName, line, go), value: go, line }
  }
  throw new InputError(VERSION_FILE_INPUT, `${fileName} has neither a toolchain nor a go line`)
}

/**
 * `.tool-versions` (asdf, mise): the first `golang <version>` line (mise's `go <version>` too); further versions on
 * the line are asdf fallbacks and ignored. `#` starts a comment. `system`, `ref:` and `path:` values are refused.
 */
export function parseToolVersions(fileName: string, text: string): VersionFileRequest {
  const all = lines(text)
  for (let i = 0; i < all.length; i++) {
    const fields = stripComment(all[i], '#').trim().split(/\s+/)
    if (fields[0] !== 'golang' && fields[0] !== 'go') continue
    const value = fields[1]
    if (value === undefined) throw fileError(fileName, i + 1, `${quote(all[i].trim())} has no version`)
    if (value === 'system' || value.includes(':')) {
      throw fileError(fileName, i + 1, `${quote(value)} is not a Go version this action can install`)
    }
    return { request: requestAt(fileName, i + 1, value), value, line: i + 1 }
  }
  throw new InputError(VERSION_FILE_INPUT, `${fileName} has no golang line (expected e.g. "golang 1.23.5")`)
}

/** `.go-version` and other plain files: the first line that is neither blank nor a `#` comment holds the version. */
export function parsePlainVersionFile(fileName: string, text: string): VersionFileRequest {
  const all = lines(text)
  for (let i = 0; i < all.length; i++) {
    const value = all[i].trim()
    if (value === '' || value.startsWith('#')) continue
    return { request: requestAt(fileName, i + 1, value), value, line: i + 1 }
  }
  throw new InputError(VERSION_FILE_INPUT, `${fileName} is empty (expected a Go version such as 1.23.5)`)
}

function requestAt(fileName: string, line: number, value: string): VersionRequest {
  return parseVersionRequest(value, `${VERSION_FILE_INPUT} (${fileName} line ${line})`)
}

function fileError(fileName: string, line: number, detail: string): InputError {
  return new InputError(VERSION_FILE_INPUT, `${fileName} line ${line}: ${detail}`)
}

/** Lines without their terminators; a UTF-8 byte order mark at the start is dropped. */
function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/)
}

function stripComment(line: string, marker: string): string {
  const at = line.indexOf(marker)
  return at === -1 ? line : line.slice(0, at)
}
