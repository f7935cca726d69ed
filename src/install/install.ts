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
 * - Verification before anything is installed: the database's record (signed tree head, tiles, record text) is
 *   checked while the zip streams to a temporary file (a forged database answer aborts the download), and the zip's
 *   h1 is checked over the bytes as they are extracted into a staging directory (installToolchainZip's
 *   expectedH1): a mismatch installs nothing.
 * - GOSUMDB=off refuses every download (the go command refuses toolchain downloads without a database); GONOSUMDB
 *   and GOPRIVATE do not exempt golang.org/toolchain. An installed copy is used without asking the network (it was
 *   verified when it was installed, by this action or by setup-go).
 * - `direct` is https://go.dev/dl/mod, the module's origin, itself a GOPROXY for golang.org/toolchain.
 * - `1.23`, exact versions and ranges look at installed copies first (as setup-go does, no network on a hit);
 *   `stable`/`oldstable` need the list to know which version they mean. `checkLatest` (setup-go's check-latest)
 *   always reads the list and installs the newest match unless that very version is installed (then no download).
 * - The tool-cache layout is @actions/tool-cache's (`<root>/go/<semver>/<arch>` then `<arch>.complete`, written
 *   last), but written in place instead of `cacheDir`'s copy of ~10 000 files: the staging directory is renamed
 *   (cacheDir's copy of the 9,860-file 1.23.5 tree took 7.3 s on the loaded 2-core test machine; the rename is free).
 * - Jobs sharing a tool cache install one at a time (install-lock.ts): the lock is taken after verification and
 *   before the download, so a job that waited finds the other's complete install (a cache hit, no download); only
 *   the holder removes an unmarked tree or stale `.<arch>.partial-*` trees, so no tree another job owns is removed.
 */
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { mkdir, open, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
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
import { ChainHealth } from '../net/walk.js'
import { verifyModule } from '../sumdb/client.js'
import { getThroughChain, resolveSumdbBase, sumdbFetcher, type RequestPolicy } from './chain-fetch.js'
import { installToolchainZip } from './extract.js'
import { acquireInstallLock, InstallLockError } from './install-lock.js'
import { onCancel } from '../exec/cancel.js'

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
  /**
   * `check-latest`: read the list even when an installed Go satisfies the request, and install the newest match
   * unless that one is installed. Default false: an installed match is used with no network.
   */
  readonly checkLatest?: boolean
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
    /** 'local': this machine's directories (read-only, full, locked by another job), never a proxy's fault. */
    readonly stage: 'list' | 'sumdb' | 'verify' | 'download' | 'extract' | 'local',
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
export async function installGo(given: InstallGoOptions): Promise<InstalledGo> {
  // One health record of the proxies for the list, the database and the zip (the walker's): a proxy that stalled
  // once is not asked first again in this install.
  const options: InstallGoOptions = { ...given, health: given.health ?? new ChainHealth() }
  const started = performance.now()
  const { request, destination, platform, log } = options
  const elapsed = (): number => Math.round(performance.now() - started)

  const cached = options.checkLatest ? undefined : await findInstalledGo(request, destination, platform)
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
  const goroot = goInstallDir(destination, version)
  // Local faults before any download: a read-only or full tool cache would otherwise show only after ~70 MB.
  await ensureWritable(dirname(goroot), destination.kind === 'tool-cache' ? 'the tool cache' : 'the SDK directory')
  await ensureWritable(options.tempDir, 'the download directory (RUNNER_TEMP)')
  const base = await resolveSumdbBase({ ...options, log })
  if (!base.ok) throw new ToolchainInstallError('sumdb', `cannot verify ${where}: ${base.message}`)
  log.info(`Verifying ${where} with the checksum database at ${redactUrl(base.url)} (${base.via})`)
  // The proofs are fetched while this job waits for the install lock and while the zip downloads
  // (downloadAndExtract); nothing is extracted before the record is verified.
  const verifying = verifyModule({
    fetch: sumdbFetcher({ ...options, base: base.url }),
    key: options.sumdb.key,
    path: TOOLCHAIN_MODULE,
    version: moduleVersion
  })
  // Awaited in downloadAndExtract; a job that finds the install done meanwhile never awaits it.
  verifying.catch(() => undefined)

  // One install of this version at a time in a tool cache other jobs share; a job that finished it meanwhile
  // makes this a cache hit (install-lock.ts).
  const lock = await acquireInstallLock({
    file: `${goroot}.lock`,
    isDone: async () => (await complete(destination, version, platform)) !== undefined,
    what: `Go ${version}`,
    log,
    ...(options.signal ? { signal: options.signal } : {})
  }).catch((error: unknown) => {
    throw localFault(error, dirname(goroot), 'the tool cache')
  })
  if (lock.kind === 'done') return installedByAnotherJob(destination, version, platform, log, elapsed)
  try {
    const finished = await complete(destination, version, platform)
    if (finished) return installedByAnotherJob(destination, version, platform, log, elapsed)
    return await downloadAndExtract(options, { version, moduleVersion, where, goroot, verifying, elapsed })
  } finally {
    await lock.release()
  }
}

async function installedByAnotherJob(
  destination: GoDestination,
  version: string,
  platform: GoPlatform,
  log: Logger,
  elapsed: () => number
): Promise<InstalledGo> {
  const found = await complete(destination, version, platform)
  if (!found) throw new ToolchainInstallError('local', `Go ${version} was reported installed but is not complete`)
  log.info(`Go ${version} was installed at ${found.goroot} meanwhile (by another job): no download`)
  return hit(found, platform, elapsed())
}

/** The downloaded zip's source and size, after the walk's lines are logged; an install error when there is none. */
function downloadedZip(
  downloaded: Awaited<ReturnType<typeof getThroughChain>>,
  where: string,
  tempDir: string,
  log: Logger
): { source: string; bytes: number } {
  for (const line of downloaded.tried) log.info(`  ${line}`)
  if (!downloaded.ok) {
    if (downloaded.local) {
      throw new ToolchainInstallError(
        'local',
        `cannot download ${where}: ${downloaded.message} (a fault of this machine's ${tempDir}, not of a proxy)`
      )
    }
    throw new ToolchainInstallError('download', `cannot download ${where}: ${downloaded.message}`)
  }
  if (downloaded.answer.body.kind !== 'file') {
    throw new ToolchainInstallError('download', `cannot download ${where}: the answer was not written to a file`)
  }
  const bytes = downloaded.answer.body.bytes
  log.info(`Downloaded ${where} from ${downloaded.source}: ${formatMiB(bytes)}`)
  return { source: downloaded.source, bytes }
}

/**
 * Replaces the tree at `goroot` with the verified zip's contents (`what` names it in an error); the completion marker
 * is written last, so a reader that sees it finds a complete tree.
 */
async function replaceTree(
  destination: GoDestination,
  version: string,
  goroot: string,
  zip: { zipFile: string; moduleVersion: string; h1: string },
  what: string
): Promise<Awaited<ReturnType<typeof installToolchainZip>>> {
  const { zipFile, moduleVersion } = zip
  // An unmarked tree is an install that did not finish. A stale marker goes first: while the tree is replaced no
  // marker may claim it complete (for the tool cache the marker lies outside the tree).
  await rm(completeMarker(destination, version), { force: true })
  await rm(goroot, { recursive: true, force: true, maxRetries: 3 })
  let installed: Awaited<ReturnType<typeof installToolchainZip>>
  try {
    installed = await installToolchainZip({ zipFile, moduleVersion, goroot, expectedH1: zip.h1 })
  } catch (error) {
    if (isLocalFault(error)) throw localFault(error, dirname(goroot), 'the tool cache')
    throw new ToolchainInstallError(
      'extract',
      `${what} was not installed: ${error instanceof Error ? error.message : String(error)}`
    )
  }
  // The marker last: a reader that sees it finds a complete tree.
  await writeFile(completeMarker(destination, version), '').catch((error: unknown) => {
    throw localFault(error, dirname(goroot), 'the tool cache')
  })
  return installed
}

/** The download and the extraction, with the install lock held: only this job writes the tree now. */
async function downloadAndExtract(
  options: InstallGoOptions,
  target: {
    version: string
    moduleVersion: string
    where: string
    goroot: string
    verifying: ReturnType<typeof verifyModule>
    elapsed: () => number
  }
): Promise<InstalledGo> {
  const { destination, platform, log } = options
  const { version, moduleVersion, where, goroot } = target
  // Staging trees a holder finds were left by a job that died (only a holder makes them).
  await removeStalePartials(goroot, log)

  const zipFile = join(options.tempDir, `${moduleVersion}.${randomBytes(6).toString('hex')}.zip`)
  const forgetZip = onCancel(() => rmSync(zipFile, { force: true }))
  await mkdir(options.tempDir, { recursive: true })
  // The zip streams to a file while the database's proofs are checked; a failed verification aborts the download,
  // and nothing is extracted before both are done.
  const stopDownload = new AbortController()
  try {
    const maxBytes = options.maxZipBytes ?? DEFAULT_MAX_ZIP_BYTES
    const downloading = getThroughChain({
      ...options,
      signal: options.signal ? AbortSignal.any([options.signal, stopDownload.signal]) : stopDownload.signal,
      path: `${TOOLCHAIN_MODULE}/@v/${moduleVersion}.zip`,
      directBase: options.directBase ?? TOOLCHAIN_DIRECT_BASE,
      body: {
        mode: 'file',
        path: zipFile,
        maxBytes,
        onProgress: progressLogger(where, log, options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS)
      }
    })
    const verified = await target.verifying.catch(async (error: unknown) => {
      stopDownload.abort()
      await downloading
      throw error
    })
    if (!verified.ok) {
      stopDownload.abort()
      await downloading
      throw new ToolchainInstallError(
        'verify',
        `${where} failed verification (${verified.reason}): ${verified.message}; nothing was installed`
      )
    }
    const { source, bytes } = downloadedZip(await downloading, where, options.tempDir, log)

    // An installer that takes no lock (setup-go, an older version of this action) may have finished the same
    // install while we downloaded: its tree is used, never removed.
    const finished = await complete(destination, version, platform)
    if (finished) {
      log.info(`Go ${version} was installed at ${finished.goroot} meanwhile (by another job): the download is not used`)
      return hit(finished, platform, target.elapsed())
    }
    const installed = await replaceTree(
      destination,
      version,
      goroot,
      { zipFile, moduleVersion, h1: verified.h1 },
      `${where} from ${source}`
    )
    log.info(`Installed Go ${version} at ${goroot} (${installed.files} files, ${verified.h1})`)
    return {
      version,
      goroot,
      goBinary: installed.goBinary,
      cacheHit: false,
      moduleVersion,
      h1: verified.h1,
      source: source,
      bytes,
      ms: target.elapsed()
    }
  } finally {
    forgetZip()
    await rm(zipFile, { force: true })
  }
}

/** Staging trees (`.<name>.partial-*`) beside `goroot`: only a lock holder makes them, so any found is a dead job's. */
async function removeStalePartials(goroot: string, log: Logger): Promise<void> {
  const prefix = `.${basename(goroot)}.partial-`
  const names = await readdir(dirname(goroot)).catch(() => [] as string[])
  for (const name of names.filter(n => n.startsWith(prefix))) {
    log.info(`Removing ${join(dirname(goroot), name)}, left by an install that did not finish`)
    await rm(join(dirname(goroot), name), { recursive: true, force: true, maxRetries: 3 })
  }
}

/** Error codes of this machine's file systems: never a proxy's fault. */
const LOCAL_CODES: Readonly<Record<string, string>> = {
  EROFS: 'is on a read-only file system',
  EACCES: 'is not writable (permission denied)',
  EPERM: 'is not writable (operation not permitted)',
  ENOSPC: 'is full (no space left on device)',
  EDQUOT: 'is full (disk quota exceeded)'
}

function isLocalFault(error: unknown): boolean {
  return (
    error instanceof InstallLockError ||
    (error instanceof Error && ((error as NodeJS.ErrnoException).code ?? '') in LOCAL_CODES)
  )
}

/** A local fault as an install error naming the directory (or the error as it is, when it is not one). */
function localFault(error: unknown, dir: string, what: string): Error {
  if (error instanceof ToolchainInstallError) return error
  if (error instanceof InstallLockError) return new ToolchainInstallError('local', error.message)
  const code = (error as NodeJS.ErrnoException).code
  if (code !== undefined && code in LOCAL_CODES) {
    return new ToolchainInstallError('local', `${what} ${dir} ${LOCAL_CODES[code]} (${code}); nothing was installed`)
  }
  return error instanceof Error ? error : new Error(String(error))
}

/**
 * mkdir -p that reports the real cause: Node's recursive mkdir says ENOENT for a parent on a read-only file system;
 * creating the missing levels one by one gives EROFS (or EACCES) for the level that cannot be made.
 */
async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    const missing: string[] = []
    for (let at = dir; !(await exists(at)) && dirname(at) !== at; at = dirname(at)) missing.unshift(at)
    for (const level of missing) await mkdir(level)
    throw error
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/** Creates `dir` and a file in it (removed again): a read-only or full directory is named before any download. */
async function ensureWritable(dir: string, what: string): Promise<void> {
  const probe = join(dir, `.setup-goproxy-write-check-${randomBytes(6).toString('hex')}`)
  try {
    await makeDirectory(dir)
    const handle = await open(probe, 'wx')
    try {
      await handle.writeFile('x')
    } finally {
      await handle.close()
    }
    await unlink(probe)
  } catch (error) {
    await rm(probe, { force: true }).catch(() => undefined)
    throw localFault(error, dir, what)
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
