/**
 * Go version semantics for toolchain selection (pure).
 *
 * API:
 * - `parseGoVersion(text)` / `isGoVersion(text)` / `compareGoVersions(a, b)`: Go's own version grammar and order
 *   (cmd/go/internal/gover): `1.21` < `1.21rc1` < `1.21.0` < `1.21.1`; before Go 1.21 a missing patch is `.0`.
 * - `isReleaseVersion(v)`: a `X.Y.Z` release (what `stable` and ranges pick), not a language version or prerelease.
 * - `goVersionLine(v)`: the minor line, `1.23.5` → `1.23`.
 * - `makeSemver(v)`: actions/setup-go's tool-cache name for a Go version (`1.21rc1` → `1.21.0-rc.1`).
 * - `parseVersionRequest(text, input?)`: a `go-version` input as setup-go users write it → `VersionRequest`.
 * - `versionMatches(request, v)`, `pickVersion(request, versions)`: the newest available version a request accepts.
 */
import semver from 'semver'
import { InputError, quote } from '../errors.js'

/** A parsed Go version; numbers are decimal strings (Go compares them by length, then text), '' when absent. */
export interface GoVersion {
  major: string
  minor: string
  patch: string
  /** '' for a release or language version, else the prerelease kind: 'alpha', 'beta', 'rc'. */
  kind: string
  /** Prerelease number ('' for none). */
  pre: string
}

/**
 * Parses a Go version without the `go` prefix (`1.23.5`, `1.23`, `1.23rc1`, `1`), exactly as gover.Parse does;
 * undefined when it is not one. Like Go, `1` means 1.0.0, and `1.20` means 1.20.0 while `1.21` stays a language
 * version (lower than `1.21rc1` and `1.21.0`).
 */
export function parseGoVersion(text: string): GoVersion | undefined {
  const m = /^(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*)|([a-z]+)(0|[1-9][0-9]*)?)?)?$/.exec(text)
  if (!m) return undefined
  const [, major, minor, patch, kind, pre] = m
  if (minor === undefined) return { major, minor: '0', patch: '0', kind: '', pre: '' }
  if (patch !== undefined) return { major, minor, patch, kind: '', pre: '' }
  if (kind !== undefined) return { major, minor, patch: '', kind, pre: pre ?? '' }
  // Patch missing is the same as .0 before Go 1.21; from 1.21 on `1.21` is the language version, not 1.21.0.
  return { major, minor, patch: compareNumbers(minor, '21') < 0 ? '0' : '', kind: '', pre: '' }
}

/** Whether `text` is a Go version (`1.23.5`, `1.23`, `1.23rc1`), without the `go` prefix. */
export function isGoVersion(text: string): boolean {
  return parseGoVersion(text) !== undefined
}

/**
 * Go's version order (gover.Compare): -1, 0 or +1. Invalid versions compare lower than every valid one and equal to
 * each other, as in Go.
 */
export function compareGoVersions(a: string, b: string): number {
  const x = parseGoVersion(a) ?? INVALID
  const y = parseGoVersion(b) ?? INVALID
  return (
    compareNumbers(x.major, y.major) ||
    compareNumbers(x.minor, y.minor) ||
    compareNumbers(x.patch, y.patch) ||
    // '' < alpha < beta < rc, by plain string order as Go does.
    compareText(x.kind, y.kind) ||
    compareNumbers(x.pre, y.pre)
  )
}

const INVALID: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' }

/** A release `X.Y.Z` (Go ≥ 1.21 names every release so, `1.21.0` included); not `1.21`, not `1.21rc1`. */
export function isReleaseVersion(version: string): boolean {
  const v = parseGoVersion(version)
  return v !== undefined && v.patch !== '' && v.kind === '' && /^\d+\.\d+\.\d+$/.test(version)
}

/** The minor line of a version: `1.23.5` → `1.23`, `1.23rc1` → `1.23`. Throws on a non-version. */
export function goVersionLine(version: string): string {
  const v = parseGoVersion(version)
  if (!v) throw new Error(`not a Go version: ${quote(version)}`)
  return `${v.major}.${v.minor}`
}

/**
 * actions/setup-go's makeSemver: the version under which setup-go caches a Go release in the tool cache
 * (`$RUNNER_TOOL_CACHE/go/<this>/<arch>`), so each action finds the other's installs. `1.22` → `1.22.0`,
 * `1.21rc1` → `1.21.0-rc.1`, `1.22beta1` → `1.22.0-beta.1`, `go1.23.5` → `1.23.5`. Throws on anything that is not a
 * Go version.
 */
export function makeSemver(version: string): string {
  const bare = version.startsWith('go') ? version.slice(2) : version
  const v = parseGoVersion(bare)
  if (!v) throw new Error(`not a Go version: ${quote(version)}`)
  const core = `${v.major}.${v.minor}.${v.patch || '0'}`
  return v.kind ? `${core}-${v.kind}.${v.pre || '0'}` : core
}

/**
 * What a `go-version` input asks for:
 * - `exact`: one toolchain version, `1.23.5`, `1.23rc1`, `1.21.0` (also written `go1.23.5`);
 * - `line`: `1.23` (as setup-go reads it: the newest 1.23.x release, never a release candidate);
 * - `stable`: the newest release; `oldstable`: the newest release of the minor line before it;
 * - `range`: a semver range over setup-go's `makeSemver` names (`^1.22`, `>=1.22`, `1.22.x`, `~1.22.3`); as with
 *   setup-go, release candidates match only a range that names a prerelease (`>=1.23.0-rc.1`).
 */
export type VersionRequest =
  | { kind: 'exact'; version: string }
  | { kind: 'line'; line: string }
  | { kind: 'stable' }
  | { kind: 'oldstable' }
  | { kind: 'range'; range: string }

/**
 * Parses a `go-version` value. `input` names where it came from in error messages (the input name, or a version
 * file and line). Throws InputError naming the input and the value when it is none of the forms of `VersionRequest`.
 */
export function parseVersionRequest(text: string, input = 'go-version'): VersionRequest {
  const value = text.trim()
  if (value === '') throw new InputError(input, 'is empty: give a Go version such as 1.23, 1.23.5 or stable')
  if (value === 'stable' || value === 'oldstable') return { kind: value }
  const bare = value.startsWith('go') ? value.slice(2) : value
  const v = parseGoVersion(bare)
  if (v && /^\d+\.\d+/.test(bare)) {
    if (v.kind !== '' && !/^\d+\.\d+(alpha|beta|rc)[1-9]\d*$/.test(bare)) {
      throw new InputError(input, `${quote(value)} is not a Go version: prereleases are written like 1.23rc1`)
    }
    if (v.patch === '' && v.kind === '') return { kind: 'line', line: bare }
    if (compareNumbers(v.minor, '21') < 0 && v.kind === '' && !/^\d+\.\d+\.\d+$/.test(bare)) {
      // Before 1.21 Go itself reads `1.20` as 1.20.0; setup-go (and so this action) reads it as the 1.20 line.
      return { kind: 'line', line: bare }
    }
    return { kind: 'exact', version: bare }
  }
  if (value !== bare) {
    throw new InputError(input, `${quote(value)} is not a Go version (expected go1.X.Y, go1.X or go1.XrcN)`)
  }
  const range = semver.validRange(value)
  if (range === null) {
    throw new InputError(
      input,
      `${quote(value)} is neither a Go version (1.23, 1.23.5, 1.23rc1), stable, oldstable nor a semver range (^1.22, >=1.22, 1.22.x)`
    )
  }
  return { kind: 'range', range: value }
}

/** Describes a request in messages: `1.23.x`, `stable`, `>=1.22`. */
export function describeRequest(request: VersionRequest): string {
  switch (request.kind) {
    case 'exact':
      return request.version
    case 'line':
      return `${request.line} (newest ${request.line}.x)`
    case 'range':
      return request.range
    default:
      return request.kind
  }
}

/**
 * Whether version `version` (a Go version such as `1.23.5`) satisfies a request other than stable/oldstable (which
 * depend on the whole list: use `pickVersion`).
 */
export function versionMatches(request: VersionRequest, version: string): boolean {
  switch (request.kind) {
    case 'exact':
      return compareGoVersions(request.version, version) === 0 && isGoVersion(version)
    case 'line':
      return isReleaseVersion(version) && goVersionLine(version) === goVersionLine(request.line)
    case 'range': {
      // A language version (`1.22`) is no toolchain: makeSemver would make it 1.22.0, which it is not.
      const v = parseGoVersion(version)
      if (!v || (v.patch === '' && v.kind === '')) return false
      return semver.satisfies(makeSemver(version), request.range)
    }
    case 'stable':
    case 'oldstable':
      return isReleaseVersion(version)
  }
}

/**
 * The newest of `versions` (Go versions, any order, duplicates allowed) that `request` accepts, or undefined.
 * `stable` is the newest release (no prerelease); `oldstable` the newest release of the minor line below the newest
 * line that has a release (setup-go's meaning: with 1.23.5 and 1.22.9 available, oldstable is 1.22.9).
 */
export function pickVersion(request: VersionRequest, versions: readonly string[]): string | undefined {
  const sorted = [...new Set(versions)].filter(isGoVersion).sort((a, b) => compareGoVersions(b, a))
  if (request.kind === 'oldstable') {
    const releases = sorted.filter(isReleaseVersion)
    if (releases.length === 0) return undefined
    const newestLine = goVersionLine(releases[0])
    return releases.find(v => goVersionLine(v) !== newestLine)
  }
  return sorted.find(v => versionMatches(request, v))
}

/** Compares decimal strings without leading zeros as Go's gover.CmpInt does: by length, then text. */
function compareNumbers(x: string, y: string): number {
  if (x === y) return 0
  if (x.length !== y.length) return x.length < y.length ? -1 : 1
  return x < y ? -1 : 1
}

function compareText(x: string, y: string): number {
  return x === y ? 0 : x < y ? -1 : 1
}

/**
 * The GOTOOLCHAIN value that pins a job to the Go it installed (`version` without the `go` prefix): the toolchain's
 * own name (`go1.23.5`) from Go 1.21 on, `local` before. Both make the installed go run itself and refuse a go.mod
 * that needs a newer Go, without reading go.mod's toolchain line or downloading anything. The name, not `local`,
 * because actions/setup-go v6+ reads go.mod's `go` line instead of its `toolchain` line when the step starts with
 * GOTOOLCHAIN=local: a setup-go step after this one would install another Go from the same go.mod. Before 1.21
 * there is no toolchain to name (nor a go that reads GOTOOLCHAIN).
 */
export function pinnedToolchain(version: string): string {
  return isGoVersion(version) && compareGoVersions(version, '1.21rc1') >= 0 ? `go${version}` : 'local'
}

/** The Go version of a toolchain module version (`v0.0.1-go1.23.5.linux-amd64` → `1.23.5`); undefined otherwise. */
export function toolchainModuleGoVersion(moduleVersion: string): string | undefined {
  const version = /^v0\.0\.1-go(.+)\.[a-z0-9]+-[a-z0-9]+$/.exec(moduleVersion)?.[1]
  return version !== undefined && isGoVersion(version) ? version : undefined
}
