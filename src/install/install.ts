/**
 * Installing Go itself through the verified chain: request → the golang.org/toolchain list through GOPROXY → an
 * installed copy? → the checksum database's h1: for the chosen version → the zip downloaded to a file → extracted
 * with the h1 checked over the bytes written → marked complete.
 *
 * API:
 * - `installGo(options)` → `Promise<InstalledGo>`; rejects with `ToolchainInstallError` (what failed, in words) or an
 *   InputError (no version matches the request: names it and the nearest versions).
 * - `findInstalledGo(request, destination)` → the newest installed version the request accepts, with no network.
 * - `goInstallDir(destination, goVersion)`: where a version lives (tool cache `go/<semver>/<arch>`, or `go<version>`
 *   under an SDK root as golang.org/dl installs it).
 * - `TOOLCHAIN_DIRECT_BASE`: what `direct` in GOPROXY means for golang.org/toolchain.
 *
 * Decisions:
 * - Verification first: the database's record (signed tree head, tiles, record text) is checked before the zip is
 *   fetched, so a forged database answer costs no download; the zip's h1 is then checked over the bytes as they are
 *   extracted (installToolchainZip's expectedH1) and a mismatch installs nothing.
 * - GOSUMDB=off refuses every download (the go command refuses toolchain downloads without a database); GONOSUMDB
 *   and GOPRIVATE do not exempt golang.org/toolchain. An installed copy is used without asking the network (it was
 *   verified when it was installed, by this action or by setup-go).
 * - `direct` is https://go.dev/dl/mod, the module's origin, itself a GOPROXY for golang.org/toolchain.
 * - `1.23`, exact versions and ranges look at installed copies first (as setup-go does, no network on a hit);
 *   `stable`/`oldstable` need the list to know which version they mean.
 * - The tool-cache layout is @actions/tool-cache's (`<root>/go/<semver>/<arch>` then `<arch>.complete`, written
 *   last), but written in place instead of `cacheDir`'s copy of ~10 000 files: the staging directory is renamed
 *   (cacheDir's copy of the 9,860-file 1.23.5 tree took 7.3 s on the loaded 2-core test machine; the rename is free).
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Chain } from '../go/proxy/chain.js'
import type { Logger } from '../host/logger.js'
import { redactUrl } from '../go/proxy/url.js'
import type { SumdbConfig } from '../go/sumdb/config.js'
import {
  parseToolchainList,
  selectToolchain,
  TOOLCHAIN_MODULE,
  toolchainModuleVersion,
  type GoPlatform
} from '../go/toolchain/list.js'
import { toolCacheEntry } from './tool-cache.js'
import {
  compareGoVersions,
  describeRequest,
  isGoVersion,
  pickVersion,
  type VersionRequest
} from '../go/toolchain/version.js'
import type { HttpClient } from '../net/http.js'
import { verifyModule } from '../sumdb/client.js'
import { getThroughChain, resolveSumdbBase, sumdbFetcher, type RequestPolicy } from './chain-fetch.js'
import { installToolchainZip } from './extract.js'

/** `direct` for golang.org/toolchain: the module's origin, a GOPROXY serving exactly this module. */
export const TOOLCHAIN_DIRECT_BASE = 'https://go.dev/dl/mod'

/** The marker golang.org/dl writes into a finished `~/sdk/go<version>`. */
export const SDK_COMPLETE_MARKER = '.unpacked-success'

/** Where Go versions are installed. */
export type GoDestination =
  /** The runner's tool cache, as actions/setup-go lays it out: `<root>/go/<semver>/<nodeArch>` + `<nodeArch>.complete`. */
  | { readonly kind: 'tool-cache'; readonly root: string; readonly nodeArch: string }
  /** golang.org/dl's layout: `<root>/go<version>` with `.unpacked-success` inside (root is `~/sdk`). */
  | { readonly kind: 'sdk'; readonly root: string }

/** Options of {@link installGo}. */
export interface InstallGoOptions extends RequestPolicy {
  readonly request: VersionRequest
  /** Names the request's origin in errors: `go-version` (default) or `go-version-file`. */
  readonly input?: string
  readonly chain: Chain
  readonly sumdb: SumdbConfig
  readonly client: HttpClient
  readonly platform: GoPlatform
  readonly destination: GoDestination
  /** A directory for the downloaded zip (RUNNER_TEMP); the zip is removed afterwards. */
  readonly tempDir: string
  readonly log: Logger
  /** What `direct` means; default TOOLCHAIN_DIRECT_BASE. */
  readonly directBase?: string
  /** The largest zip accepted; default 500 MiB (golang.org/x/mod/zip's limit). */
  readonly maxZipBytes?: number
  /** Log download progress at least this often (ms), and at every 10 %; default 5000. */
  readonly progressIntervalMs?: number
}

/** What {@link installGo} did. */
export interface InstalledGo {
  /** The Go version, `1.23.5`. */
  readonly version: string
  readonly goroot: string
  /** `<goroot>/bin/go` (`go.exe` on Windows). */
  readonly goBinary: string
  /** True when an installed copy was used (nothing downloaded). */
  readonly cacheHit: boolean
  /** `v0.0.1-go1.23.5.linux-amd64`. */
  readonly moduleVersion: string
  /** The verified h1: (absent on a cache hit). */
  readonly h1?: string
  /** The proxy the zip came from, redacted (absent on a cache hit). */
  readonly source?: string
  /** Bytes downloaded (0 on a cache hit). */
  readonly bytes: number
  /** Wall time of the whole install. */
  readonly ms: number
}

/** An install that did not happen, with what failed (`stage`) and why; nothing was installed. */
export class ToolchainInstallError extends Error {
  constructor(
    readonly stage: 'list' | 'sumdb' | 'verify' | 'download' | 'extract',
    message: string
  ) {
    super(message)
    this.name = 'ToolchainInstallError'
  }
}

const DEFAULT_MAX_ZIP_BYTES = 500 << 20
const DEFAULT_PROGRESS_INTERVAL_MS = 5000
const LIST_MAX_BYTES = 8 << 20

/** The directory Go `goVersion` (`1.23.5`) is installed at under `destination`. */
export function goInstallDir(destination: GoDestination, goVersion: string): string {
  if (destination.kind === 'sdk') return join(destination.root, `go${goVersion}`)
  const entry = toolCacheEntry(goVersion, destination.nodeArch)
  return join(destination.root, ...entry.segments)
}

function completeMarker(destination: GoDestination, goVersion: string): string {
  if (destination.kind === 'sdk') return join(goInstallDir(destination, goVersion), SDK_COMPLETE_MARKER)
  return `${goInstallDir(destination, goVersion)}.complete`
}

function goBinaryOf(goroot: string, platform: GoPlatform): string {
  return join(goroot, 'bin', `go${platform.exe}`)
}

/**
 * The newest completely installed Go under `destination` that `request` accepts, with no network; undefined for
 * none (and always for stable/oldstable, which only the list can resolve).
 */
export async function findInstalledGo(
  request: VersionRequest,
  destination: GoDestination,
  platform: GoPlatform
): Promise<{ version: string; goroot: string; goBinary: string } | undefined> {
  if (request.kind === 'stable' || request.kind === 'oldstable') return undefined
  const versions = (await installedVersions(destination)).filter(isGoVersion)
  const candidates = [...versions].sort((a, b) => compareGoVersions(b, a))
  while (candidates.length > 0) {
    const version = pickVersion(request, candidates)
    if (version === undefined) return undefined
    const found = await complete(destination, version, platform)
    if (found) return found
    candidates.splice(candidates.indexOf(version), 1)
  }
  return undefined
}

async function complete(
  destination: GoDestination,
  version: string,
  platform: GoPlatform
): Promise<{ version: string; goroot: string; goBinary: string } | undefined> {
  const goroot = goInstallDir(destination, version)
  const goBinary = goBinaryOf(goroot, platform)
  if ((await isFile(completeMarker(destination, version))) && (await isFile(goBinary))) {
    return { version, goroot, goBinary }
  }
  return undefined
}

/** Go versions with a directory under `destination` (complete or not). */
async function installedVersions(destination: GoDestination): Promise<string[]> {
  const dir = destination.kind === 'sdk' ? destination.root : join(destination.root, 'go')
  const names = await readdir(dir).catch(() => [] as string[])
  if (destination.kind === 'sdk') return names.filter(n => n.startsWith('go')).map(n => n.slice(2))
  return names.map(fromSemver).filter((v): v is string => v !== undefined)
}

/** setup-go's makeSemver undone: `1.21.0-rc.1` → `1.21rc1`, `1.23.5` → `1.23.5`. */
function fromSemver(name: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-(alpha|beta|rc)\.(\d+))?$/.exec(name)
  if (!m) return undefined
  const [, major, minor, patch, kind, pre] = m
  return kind ? `${major}.${minor}${kind}${pre}` : `${major}.${minor}.${patch}`
}

/**
 * Installs the Go toolchain `options.request` asks for, through the chain, verified against the checksum database,
 * unless an installed copy already satisfies it. Nothing is left at the install directory unless the install is
 * complete.
 */
export async function installGo(options: InstallGoOptions): Promise<InstalledGo> {
  const started = performance.now()
  const { request, destination, platform, log } = options
  const elapsed = (): number => Math.round(performance.now() - started)

  const cached = await findInstalledGo(request, destination, platform)
  if (cached) {
    log.info(`Go ${cached.version} is already installed at ${cached.goroot} (no download)`)
    return hit(cached, platform, elapsed())
  }
  if (options.sumdb.kind === 'off') {
    throw new ToolchainInstallError(
      'sumdb',
      `cannot install Go ${describeRequest(request)}: GOSUMDB=off, and Go toolchains are installed only when verified against the checksum database (the go command refuses too); set GOSUMDB to sum.golang.org or sum.golang.google.cn`
    )
  }

  const version = await resolveVersion(options)
  const moduleVersion = toolchainModuleVersion(version, platform)
  const installedNow = await complete(destination, version, platform)
  if (installedNow) {
    log.info(`Go ${version} is already installed at ${installedNow.goroot} (no download)`)
    return hit(installedNow, platform, elapsed())
  }

  const where = `${TOOLCHAIN_MODULE}@${moduleVersion}`
  const base = await resolveSumdbBase({ ...options, log })
  if (!base.ok) throw new ToolchainInstallError('sumdb', `cannot verify ${where}: ${base.message}`)
  log.info(`Verifying ${where} with the checksum database at ${redactUrl(base.url)} (${base.via})`)
  const verified = await verifyModule({
    fetch: sumdbFetcher({ ...options, base: base.url }),
    key: options.sumdb.key,
    path: TOOLCHAIN_MODULE,
    version: moduleVersion
  })
  if (!verified.ok) {
    throw new ToolchainInstallError(
      'verify',
      `${where} failed verification (${verified.reason}): ${verified.message}; nothing was installed`
    )
  }

  await mkdir(options.tempDir, { recursive: true })
  const zipFile = join(options.tempDir, `${moduleVersion}.${randomBytes(6).toString('hex')}.zip`)
  try {
    const maxBytes = options.maxZipBytes ?? DEFAULT_MAX_ZIP_BYTES
    const downloaded = await getThroughChain({
      ...options,
      path: `${TOOLCHAIN_MODULE}/@v/${moduleVersion}.zip`,
      directBase: options.directBase ?? TOOLCHAIN_DIRECT_BASE,
      body: {
        mode: 'file',
        path: zipFile,
        maxBytes,
        onProgress: progressLogger(where, log, options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS)
      }
    })
    for (const line of downloaded.tried) log.info(`  ${line}`)
    if (!downloaded.ok) {
      throw new ToolchainInstallError('download', `cannot download ${where}: ${downloaded.message}`)
    }
    if (downloaded.answer.body.kind !== 'file') {
      throw new ToolchainInstallError('download', `cannot download ${where}: the answer was not written to a file`)
    }
    const bytes = downloaded.answer.body.bytes
    log.info(`Downloaded ${where} from ${downloaded.source}: ${formatMiB(bytes)}`)

    const goroot = goInstallDir(destination, version)
    // Another job sharing this tool cache may have finished the same install while we downloaded (and may be
    // running it): its tree is used, never removed. A narrower window remains between this check and the rm below.
    const finished = await complete(destination, version, platform)
    if (finished) {
      log.info(`Go ${version} was installed at ${finished.goroot} meanwhile (by another job): the download is not used`)
      return hit(finished, platform, elapsed())
    }
    // A directory without its marker is an install that did not finish (or a copy in progress elsewhere, which
    // @actions/tool-cache's cacheDir would also replace). A stale marker goes first: while the tree is removed and
    // written again, no marker may claim it complete (for the tool cache the marker lies outside the tree).
    await rm(completeMarker(destination, version), { force: true })
    await rm(goroot, { recursive: true, force: true, maxRetries: 3 })
    let installed
    try {
      installed = await installToolchainZip({ zipFile, moduleVersion, goroot, expectedH1: verified.h1 })
    } catch (error) {
      throw new ToolchainInstallError(
        'extract',
        `${where} was not installed: ${error instanceof Error ? error.message : String(error)}`
      )
    }
    // The marker last: a reader that sees it finds a complete tree.
    await writeFile(completeMarker(destination, version), '')
    log.info(`Installed Go ${version} at ${goroot} (${installed.files} files, ${verified.h1})`)
    return {
      version,
      goroot,
      goBinary: installed.goBinary,
      cacheHit: false,
      moduleVersion,
      h1: verified.h1,
      source: downloaded.source,
      bytes,
      ms: elapsed()
    }
  } finally {
    await rm(zipFile, { force: true })
  }
}

function hit(
  found: { version: string; goroot: string; goBinary: string },
  platform: GoPlatform,
  ms: number
): InstalledGo {
  return {
    ...found,
    cacheHit: true,
    moduleVersion: toolchainModuleVersion(found.version, platform),
    bytes: 0,
    ms
  }
}

/** The Go version to install: the golang.org/toolchain list through the chain, then the newest match here. */
async function resolveVersion(options: InstallGoOptions): Promise<string> {
  const listed = await getThroughChain({
    ...options,
    path: `${TOOLCHAIN_MODULE}/@v/list`,
    directBase: options.directBase ?? TOOLCHAIN_DIRECT_BASE,
    body: { mode: 'buffer', maxBytes: LIST_MAX_BYTES }
  })
  for (const line of listed.tried) options.log.info(`  ${line}`)
  if (!listed.ok) {
    throw new ToolchainInstallError('list', `cannot list the Go toolchains (${TOOLCHAIN_MODULE}): ${listed.message}`)
  }
  if (listed.answer.body.kind !== 'buffered' || listed.answer.body.truncated) {
    throw new ToolchainInstallError(
      'list',
      `the ${TOOLCHAIN_MODULE} list from ${listed.source} is larger than ${LIST_MAX_BYTES} bytes`
    )
  }
  const entries = parseToolchainList(listed.answer.body.bytes.toString('utf8'))
  const chosen = selectToolchain(options.request, entries, options.platform, options.input ?? 'go-version')
  options.log.info(
    `Go ${describeRequest(options.request)} is ${chosen.goVersion} (${TOOLCHAIN_MODULE} list from ${listed.source})`
  )
  return chosen.goVersion
}

/** A download progress callback that logs at every 10 % and at least every `intervalMs`. */
export function progressLogger(
  what: string,
  log: Logger,
  intervalMs: number,
  now: () => number = () => performance.now()
): (bytes: number, total: number | undefined) => void {
  let lastTenth = 0
  let lastAt = now()
  return (bytes, total) => {
    const tenth = total ? Math.floor((bytes * 10) / total) : 0
    const at = now()
    if (tenth > lastTenth || at - lastAt >= intervalMs) {
      lastTenth = Math.max(lastTenth, tenth)
      lastAt = at
      const share = total ? ` of ${formatMiB(total)} (${Math.floor((bytes * 100) / total)} %)` : ''
      log.info(`  ${what}: ${formatMiB(bytes)}${share}`)
    }
  }
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}
