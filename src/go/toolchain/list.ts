/**
 * The golang.org/toolchain module's version list and the runner's platform (pure).
 *
 * API:
 * - `TOOLCHAIN_MODULE` (`golang.org/toolchain`), `toolchainModuleVersion(goVersion, platform)`
 *   (`v0.0.1-go1.23.5.linux-amd64`), `toolchainZipPrefix(moduleVersion)` (every zip entry starts with it).
 * - `goPlatform({ platform, arch, endianness? })`: Node's `process.platform`/`process.arch` → Go's GOOS/GOARCH and exe suffix.
 * - `parseArchitecture(value)` / `withArchitecture(platform, arch)`: the `architecture` input (another GOARCH to install).
 * - `parseToolchainList(text)`: `<proxy>/golang.org/toolchain/@v/list` → entries (go version, GOOS, GOARCH).
 * - `selectToolchain(request, entries, platform)`: the newest entry for the request on this platform, or an
 *   InputError naming the request and the nearest versions that exist for this platform.
 */
import { InputError, quote } from '../errors.js'
import {
  compareGoVersions,
  describeRequest,
  isGoVersion,
  isReleaseVersion,
  pickVersion,
  type VersionRequest
} from './version.js'

/** The module through which the go command (≥ 1.21) downloads toolchains. */
export const TOOLCHAIN_MODULE = 'golang.org/toolchain'

/** The version prefix every golang.org/toolchain version carries (`gotoolchainVersion` in cmd/go). */
export const TOOLCHAIN_VERSION_PREFIX = 'v0.0.1'

/** A Go platform: GOOS, GOARCH and the executable suffix (`.exe` on Windows, else ''). */
export interface GoPlatform {
  goos: string
  goarch: string
  exe: string
}

/** Node's view of the machine, as `process.platform`, `process.arch` and `os.endianness()` report it. */
export interface NodePlatform {
  platform: string
  arch: string
  /** Needed only for `ppc64` (Node reports both ppc64 and ppc64le as `ppc64`); defaults to 'LE', as on Linux. */
  endianness?: 'BE' | 'LE'
}

/** Node's process.platform → GOOS, for the platforms Go publishes toolchains for. */
const GOOS_BY_NODE_PLATFORM: Readonly<Record<string, string>> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  netbsd: 'netbsd',
  aix: 'aix',
  android: 'android'
}

/**
 * Node's process.arch → GOARCH. The toolchain module names platforms by runtime.GOARCH, so 32-bit ARM is `arm`
 * (`linux-arm`), not go.dev/dl's file name `armv6l`.
 */
const GOARCH_BY_NODE_ARCH: Readonly<Record<string, string>> = {
  x64: 'amd64',
  arm64: 'arm64',
  ia32: '386',
  arm: 'arm',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
  mips64el: 'mips64le'
}

/**
 * Go's name for the platform Node runs on. Throws InputError (input `platform`) naming the Node value when Go
 * publishes no toolchain for it.
 */
export function goPlatform(node: NodePlatform): GoPlatform {
  const goos = GOOS_BY_NODE_PLATFORM[node.platform]
  if (goos === undefined) {
    throw new InputError('platform', `Go toolchains are not published for process.platform ${quote(node.platform)}`)
  }
  let goarch: string | undefined
  if (node.arch === 'ppc64') {
    // AIX is big-endian ppc64 only; Linux on POWER is ppc64le nearly always.
    goarch = goos === 'aix' || node.endianness === 'BE' ? 'ppc64' : 'ppc64le'
  } else {
    goarch = GOARCH_BY_NODE_ARCH[node.arch]
  }
  if (goarch === undefined) {
    throw new InputError('platform', `Go toolchains are not published for process.arch ${quote(node.arch)}`)
  }
  return { goos, goarch, exe: goos === 'windows' ? '.exe' : '' }
}

/**
 * The `architecture` input (actions/setup-go's): the Go to install runs on another architecture than the runner's
 * (a 386 Go on an amd64 runner). Setup-go's users write Node's names (`x64`, `x86`, `arm64`); Go's own names are
 * accepted too. `toolCacheArch` is the tool-cache directory name setup-go uses for the same request
 * (`go/<version>/x86`), so the two actions find each other's installs.
 */
export interface Architecture {
  /** GOARCH of the toolchain to install. */
  readonly goarch: string
  /** The tool cache's arch directory: setup-go's (Node's) name. */
  readonly toolCacheArch: string
}

const ARCHITECTURES: Readonly<Record<string, Architecture>> = {
  x64: { goarch: 'amd64', toolCacheArch: 'x64' },
  amd64: { goarch: 'amd64', toolCacheArch: 'x64' },
  x86: { goarch: '386', toolCacheArch: 'x86' },
  ia32: { goarch: '386', toolCacheArch: 'x86' },
  '386': { goarch: '386', toolCacheArch: 'x86' },
  arm64: { goarch: 'arm64', toolCacheArch: 'arm64' },
  aarch64: { goarch: 'arm64', toolCacheArch: 'arm64' },
  arm: { goarch: 'arm', toolCacheArch: 'arm' },
  ppc64le: { goarch: 'ppc64le', toolCacheArch: 'ppc64' },
  s390x: { goarch: 's390x', toolCacheArch: 's390x' },
  riscv64: { goarch: 'riscv64', toolCacheArch: 'riscv64' },
  loong64: { goarch: 'loong64', toolCacheArch: 'loong64' }
}

/** The accepted `architecture` values, in the order the refusal lists them (Object.keys would put `386` first). */
export const ARCHITECTURE_VALUES: readonly string[] = [
  'x64',
  'amd64',
  'x86',
  'ia32',
  '386',
  'arm64',
  'aarch64',
  'arm',
  'ppc64le',
  's390x',
  'riscv64',
  'loong64'
]

/**
 * `architecture` → the GOARCH to install and its tool-cache name; undefined when empty (the runner's own). Any
 * other value is an InputError naming the input and the value (case matters: GOARCH and process.arch are lower case).
 */
export function parseArchitecture(value: string, input = 'architecture'): Architecture | undefined {
  const name = value.trim()
  if (name === '') return undefined
  const found = Object.hasOwn(ARCHITECTURES, name) ? ARCHITECTURES[name] : undefined
  if (!found) throw new InputError(input, `${quote(value)} is not one of: ${ARCHITECTURE_VALUES.join(', ')}.`)
  return found
}

/** `platform` with its GOARCH replaced by the requested architecture's (the OS stays the runner's). */
export function withArchitecture(platform: GoPlatform, architecture: Architecture | undefined): GoPlatform {
  return architecture ? { ...platform, goarch: architecture.goarch } : platform
}

/** `v0.0.1-go1.23.5.linux-amd64`: the golang.org/toolchain version holding Go `goVersion` for `platform`. */
export function toolchainModuleVersion(goVersion: string, platform: GoPlatform): string {
  if (!isGoVersion(goVersion)) throw new Error(`not a Go version: ${quote(goVersion)}`)
  return `${TOOLCHAIN_VERSION_PREFIX}-go${goVersion}.${platform.goos}-${platform.goarch}`
}

/** The prefix every entry of the module zip starts with: `golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64/`. */
export function toolchainZipPrefix(moduleVersion: string): string {
  return `${TOOLCHAIN_MODULE}@${moduleVersion}/`
}

/** One line of the golang.org/toolchain version list. */
export interface ToolchainEntry {
  /** The module version as listed: `v0.0.1-go1.23.5.linux-amd64`. */
  moduleVersion: string
  /** The Go version without `go`: `1.23.5`, `1.21rc2`. */
  goVersion: string
  goos: string
  goarch: string
}

/**
 * Parses the text of `<proxy>/golang.org/toolchain/@v/list`. Lines that are not toolchain versions (blank lines,
 * other version forms, invalid Go versions) are skipped, as the go command skips versions it cannot use.
 */
export function parseToolchainList(text: string): ToolchainEntry[] {
  const entries: ToolchainEntry[] = []
  for (const line of text.split('\n')) {
    const moduleVersion = line.trim()
    // GOOS and GOARCH never contain '.' or '-'; the Go version is everything between `-go` and the last '.'.
    const m = /^v0\.0\.1-go(.+)\.([a-z0-9]+)-([a-z0-9]+)$/.exec(moduleVersion)
    if (!m || !isGoVersion(m[1])) continue
    entries.push({ moduleVersion, goVersion: m[1], goos: m[2], goarch: m[3] })
  }
  return entries
}

/**
 * The newest toolchain in `entries` that `request` accepts for `platform`. Entries for other platforms are never
 * picked; release candidates only when the request names one (exact `1.23rc1`, or a range with a prerelease).
 * Throws InputError (input `input`, default `go-version`) naming the request, the platform and the nearest versions
 * that exist for it.
 */
export function selectToolchain(
  request: VersionRequest,
  entries: readonly ToolchainEntry[],
  platform: GoPlatform,
  input = 'go-version'
): ToolchainEntry {
  const here = entries.filter(e => e.goos === platform.goos && e.goarch === platform.goarch)
  const version = pickVersion(
    request,
    here.map(e => e.goVersion)
  )
  const found = version === undefined ? undefined : here.find(e => compareGoVersions(e.goVersion, version) === 0)
  if (found) return found
  const where = `${platform.goos}/${platform.goarch}`
  if (here.length === 0) {
    throw new InputError(input, `no Go toolchain is published for ${where} in the golang.org/toolchain list`)
  }
  const nearest = nearestVersions(
    request,
    here.map(e => e.goVersion)
  )
  throw new InputError(
    input,
    `no Go toolchain matches ${quote(describeRequest(request))} for ${where}; nearest available: ${nearest.join(', ')}`
  )
}

/**
 * Up to two versions on each side of what was asked for (releases, plus prereleases when a prerelease was asked),
 * so a message can say "1.23.4, 1.23.6" for a missing 1.23.5. For stable/oldstable/ranges: the newest few releases.
 */
function nearestVersions(request: VersionRequest, versions: readonly string[]): string[] {
  const wanted = request.kind === 'exact' ? request.version : request.kind === 'line' ? `${request.line}.0` : undefined
  const candidates = [...new Set(versions)]
    .filter(v => isReleaseVersion(v) || (wanted !== undefined && !isReleaseVersion(wanted)))
    .sort(compareGoVersions)
  if (candidates.length === 0) return [...new Set(versions)].sort(compareGoVersions).slice(-4)
  if (wanted === undefined) return candidates.slice(-4).reverse()
  const above = candidates.findIndex(v => compareGoVersions(v, wanted) > 0)
  const split = above === -1 ? candidates.length : above
  return candidates.slice(Math.max(0, split - 2), split + 2)
}
