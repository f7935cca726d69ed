/**
 * The cache phase's pure policy: which inputs mean what, the keys, what a restore was, which build-cache entries a
 * job used, and when an entry is saved. The I/O (go env, the trees on disk, @actions/cache) is in cache.ts.
 *
 * Two entries, unlike actions/setup-go's one archive keyed on go.mod:
 * - modules: `$GOMODCACHE/cache/download` (the verified zips, .mod and .info files go extracts from, without a
 *   network), keyed on the OS and the hash of every go.sum / go.work.sum the warm phase reads, restored with a
 *   restore key (the newest entry of any go.sum), then topped up by the warm phase. A job that restored another set's
 *   entry (the base) stores only the module files beyond it: a cumulative delta of that base, keyed on its own go.sum
 *   hash (moduleDeltaPrefix), which the next job with that go.sum restores after the base;
 * - build: `$GOCACHE`, keyed on OS, architecture and Go version plus the hash of the entries kept, restored with the
 *   prefix, trimmed before saving to the entries this job used (go refreshes an entry's mtime when it uses it). A
 *   job that restored such a base entry and kept little beyond it stores only that little: a cumulative delta entry
 *   of that base (buildDeltaPrefix, deltaSavePlan), restored after the base.
 */
import { createHash } from 'node:crypto'
import { InputError, quote } from '../go/errors.js'

export const CACHE_PARTS = ['modules', 'build'] as const
export type CachePart = (typeof CACHE_PARTS)[number]
/**
 * What a restore gave: the entry of the exact key (for the modules, also a base with the delta stored for the same
 * go.sum files), another under the restore prefix, or nothing.
 */
export type RestoreKind = 'exact' | 'partial' | 'none'

export interface CacheSettings {
  readonly parts: readonly CachePart[]
  /** Restore, never save (pull requests that should not spend the repository's cache quota). */
  readonly restoreOnly: boolean
  /** Appended to every key: a way to keep separate caches per job or to start afresh. */
  readonly keySuffix: string
}

/**
 * `cache` (false, true, or a list of modules/build), `cache-restore-only` and `cache-key-suffix`; undefined when
 * caching is off. A bad value is an InputError naming the input and the value.
 */
export function parseCacheSettings(cache: string, restoreOnly: string, keySuffix: string): CacheSettings | undefined {
  const value = cache.trim().toLowerCase()
  const only = restoreOnly.trim().toLowerCase()
  if (only !== '' && only !== 'true' && only !== 'false') {
    throw new InputError('cache-restore-only', `must be true or false, got ${quote(restoreOnly)}`)
  }
  const suffix = keySuffix.trim()
  if (/[,\s\p{Cc}]/u.test(suffix) || suffix.length > 100) {
    throw new InputError(
      'cache-key-suffix',
      `must be at most 100 characters without commas, spaces or control characters (a cache key cannot hold them), got ${quote(keySuffix)}`
    )
  }
  if (value === '' || value === 'false') return undefined
  let parts: CachePart[]
  if (value === 'true') parts = [...CACHE_PARTS]
  else {
    const names = value.split(/[\s,]+/).filter(Boolean)
    const unknown = names.filter(name => !(CACHE_PARTS as readonly string[]).includes(name))
    if (unknown.length > 0 || names.length === 0) {
      throw new InputError('cache', `must be true, false or a list of ${CACHE_PARTS.join(', ')}; got ${quote(cache)}`)
    }
    parts = CACHE_PARTS.filter(part => names.includes(part))
  }
  return { parts, restoreOnly: only === 'true', keySuffix: suffix }
}

export interface KeyContext {
  /** RUNNER_OS (Linux, Windows, macOS), or the platform where no runner says it. */
  readonly os: string
  /** go env GOARCH of the job's go. */
  readonly arch: string
  /** go env GOVERSION of the job's go (go1.23.5). */
  readonly goVersion: string
  readonly keySuffix: string
}

const withSuffix = (prefix: string, suffix: string) => (suffix ? `${prefix}${suffix}-` : prefix)

/** The modules entry: the exact key for this set of go.sum files, and the prefix any earlier set falls back to. */
export function moduleKeys(
  context: Pick<KeyContext, 'os' | 'keySuffix'>,
  goSumHash: string
): { key: string; prefix: string } {
  const prefix = withSuffix(`setup-goproxy-modules-${context.os}-`, context.keySuffix)
  return { key: `${prefix}${goSumHash}`, prefix }
}

/**
 * The prefix of the delta entries of the modules entry `baseKey` (see deltaSavePlan): OS, suffix and a short hash of
 * the base's key; a delta's key adds the go.sum hash of the job that stored it, so the next job with the same go.sum
 * files finds it exactly after restoring that base, and one with other go.sum files the newest delta of its base. It
 * does not start with a moduleKeys prefix (`…-modules-delta-` against `…-modules-<os>-`), so a base restore never
 * matches a delta (their paths differ too, and with them the cache version).
 */
export function moduleDeltaPrefix(context: Pick<KeyContext, 'os' | 'keySuffix'>, baseKey: string): string {
  const base = createHash('sha256').update(baseKey).digest('hex').slice(0, 16)
  return `${withSuffix(`setup-goproxy-modules-delta-${context.os}-`, context.keySuffix)}${base}-`
}

/**
 * The build entry's prefix (OS, architecture, Go version): entries are built by one toolchain for one target, so no
 * other entry is worth restoring. The saved key adds the hash of the entries kept, so a job that adds nothing finds
 * its key taken and saves nothing.
 */
export function buildPrefix(context: KeyContext): string {
  return withSuffix(`setup-goproxy-build-${context.os}-${context.arch}-${context.goVersion}-`, context.keySuffix)
}

/**
 * The prefix of the delta entries of the build entry `baseKey` (see deltaSavePlan): OS, architecture, Go version,
 * suffix and a short hash of the base's key, so that a delta is only ever restored onto the base it was made against.
 * It does not start with buildPrefix, so a base restore never matches a delta (their paths differ too, and with them
 * the cache version).
 */
export function buildDeltaPrefix(context: KeyContext, baseKey: string): string {
  const base = createHash('sha256').update(baseKey).digest('hex').slice(0, 16)
  return `${withSuffix(`setup-goproxy-build-delta-${context.os}-${context.arch}-${context.goVersion}-`, context.keySuffix)}${base}-`
}

/**
 * Where a delta entry of the cache tree `root` (GOCACHE, or GOMODCACHE for the modules) is staged for its save and
 * extracted on its restore: a sibling of the tree, so the same path in every job of a runner image (the cache version
 * hashes the paths) and on the same volume (the files are hard linked into it), and not inside the tree, which go would
 * then see. On Windows `C:\…\go-build` becomes `C:\…\go-build-setup-goproxy-delta`, on macOS
 * `~/Library/Caches/go-build-setup-goproxy-delta`, and `~/go/pkg/mod` becomes `~/go/pkg/mod-setup-goproxy-delta`.
 */
export function deltaStage(root: string): string {
  return `${root.replace(/(?<=.)[\\/]+$/, '')}-setup-goproxy-delta`
}

/**
 * The largest cumulative delta stored instead of a full entry (build or modules), as a fraction of the bytes the job kept from the
 * base. Deltas are cumulative (each holds everything the job kept beyond the base), so over a run of jobs that each
 * add a little, a delta of s bytes per change re-uploads 1·s, 2·s, … until it passes the threshold f, and the base is
 * then stored again: per change that is about f/2 of the base against 1 + f/2 for a full entry each time. At 0.5
 * the delta is still at most a third of the full entry it replaces (0.5 / 1.5); the restore downloads the base and
 * the delta, the same bytes a full entry would hold plus what the base has that the job no longer uses, which a
 * full entry (trimmed again) drops: past half of the base it is time for that trim.
 */
export const DELTA_MAX_FRACTION = 0.5

export interface DeltaSaveFacts {
  /** The key of the base entry the job restored; undefined when it restored none. */
  readonly baseKey: string | undefined
  /** Bytes of the entries (files) the job kept that the base held. */
  readonly baseKeptBytes: number
  /** The entries the job kept that the base did not hold (new ones and those an earlier delta brought). */
  readonly deltaFiles: number
  readonly deltaBytes: number
}

/** Whether a save stores a delta of the restored base or a full entry (trimmed, for the build), and why a full one. */
export function deltaSavePlan(facts: DeltaSaveFacts): { kind: 'delta' } | { kind: 'full'; why: string } {
  if (facts.baseKey === undefined) return { kind: 'full', why: 'no base entry was restored' }
  if (facts.deltaFiles === 0) return { kind: 'full', why: 'nothing beyond the base' }
  const limit = DELTA_MAX_FRACTION * facts.baseKeptBytes
  if (facts.deltaBytes > limit) {
    return {
      kind: 'full',
      why: `the delta (${formatBytes(facts.deltaBytes)}) is over ${DELTA_MAX_FRACTION}× the ${formatBytes(facts.baseKeptBytes)} kept from the base`
    }
  }
  return { kind: 'delta' }
}

/**
 * The files of `$GOMODCACHE/cache/download` the modules entry keeps, by name relative to it ('/'-separated): a module
 * version's .info, .mod and .zip, what go needs to extract it without a network. Not its .ziphash: go trusts a cached
 * zip by that file alone (modfetch's checkMod reads it and never hashes the zip again), so an entry holding other source
 * under a true .ziphash would be built without a word; without one, go hashes each restored zip when it first uses it
 * and checks the hash against go.sum (or the checksum database), as for a download (Go 1.21+: DownloadZip's "re-hash
 * the zip"). A cached go.mod go checks against go.sum each time it reads one. Nor go's .lock files (empty; go makes
 * them as it needs them), the checksum database's cached tiles and lookups (sumdb/), or the `@v/list` files (a proxy's
 * version list of one moment: go asks again whenever it reaches a proxy, and a stale one would be the only answer of an
 * offline `@latest`). Fewer files make the restore's tar quicker where each file costs.
 */
export const MODULE_ENTRY_SUFFIXES = ['.info', '.mod', '.zip'] as const

/** Whether the modules entry keeps this file of the download tree (see MODULE_ENTRY_SUFFIXES). */
export function isModuleEntryFile(rel: string): boolean {
  return !rel.startsWith('sumdb/') && MODULE_ENTRY_SUFFIXES.some(suffix => rel.endsWith(suffix))
}

export function restoreKind(primaryKey: string, matchedKey: string | undefined): RestoreKind {
  if (matchedKey === undefined) return 'none'
  return matchedKey === primaryKey ? 'exact' : 'partial'
}

/** A stable hash of a set of names (sorted first): the module files held, the build entries kept. */
export function fingerprint(names: Iterable<string>): string {
  const hash = createHash('sha256')
  for (const name of [...names].sort()) hash.update(name).update('\n')
  return hash.digest('hex').slice(0, 32)
}

/**
 * go's build cache (cmd/go/internal/cache) refreshes an entry's mtime when it uses it, but only when the mtime is
 * more than an hour old (mtimeInterval): a restored entry keeps the mtime it was archived with, so restored entries
 * are set back past that hour, and every entry this job then uses carries a time after the job's start.
 */
export const GO_CACHE_MTIME_INTERVAL_MS = 60 * 60 * 1000

/** The mtime restored build-cache entries get: far enough back that go's first use refreshes it. */
export function backdatedMtime(nowMs: number): number {
  return nowMs - 2 * GO_CACHE_MTIME_INTERVAL_MS
}

/** An entry file of go's build cache: `<64 hex>-a` (action) or `<64 hex>-d` (output) in a two-hex-digit directory. */
export function isBuildCacheEntry(relativePath: string): boolean {
  return /^[0-9a-f]{2}[/\\][0-9a-f]{64}-[ad]$/.test(relativePath)
}

export interface TimedEntry {
  readonly path: string
  readonly mtimeMs: number
  readonly size: number
}

/** Which entries to keep (used or written since `sinceMs`) and which to drop before saving. */
export function trimPlan(entries: readonly TimedEntry[], sinceMs: number): { keep: TimedEntry[]; drop: TimedEntry[] } {
  const keep: TimedEntry[] = []
  const drop: TimedEntry[] = []
  for (const entry of entries) (entry.mtimeMs >= sinceMs ? keep : drop).push(entry)
  return { keep, drop }
}

/**
 * The output files (`-d`) among `kept` that the restore did not bring: what makes a build-cache save worth it. A new
 * action record alone (`-a`, a few hundred bytes) appears in every job (a step whose inputs include something of the
 * run) and points at an output the restore already holds; saving the whole cache again for it would upload the same
 * bytes on every run.
 */
export function newOutputs(kept: readonly TimedEntry[], restored: ReadonlySet<string>): TimedEntry[] {
  return kept.filter(entry => entry.path.endsWith('-d') && !restored.has(entry.path))
}

/**
 * The header of go's package index (cmd/go/internal/modindex, "go index v2"). go writes an index for a package outside
 * the module cache (the job's own) only once its files are two seconds old, keyed on their mtimes: whether a job
 * writes it depends on how soon its build follows the checkout, and it is rebuilt from the sources in microseconds.
 * Such an output alone is no reason to store the build cache again.
 */
export const GO_PACKAGE_INDEX_HEADER = 'go index'

/** Whether an output file's first bytes are go's package index. */
export function isPackageIndex(head: Uint8Array): boolean {
  return Buffer.from(head).toString('latin1').startsWith(GO_PACKAGE_INDEX_HEADER)
}

/** job.status as the runner evaluates it for the post step; anything else (a local run) is 'unknown'. */
export type JobStatus = 'success' | 'failure' | 'cancelled' | 'unknown'

export function jobStatus(value: string): JobStatus {
  const status = value.trim().toLowerCase()
  return status === 'success' || status === 'failure' || status === 'cancelled' ? status : 'unknown'
}

export interface SaveFacts {
  readonly part: CachePart
  readonly restored: RestoreKind
  /** The set of files (modules) or entries (build) differs from what was restored. */
  readonly changed: boolean
  readonly restoreOnly: boolean
  readonly jobStatus: JobStatus
}

/** Whether to save an entry, and why not when it is not saved (shown in the log and the summary). */
export function saveDecision(facts: SaveFacts): { save: true } | { save: false; reason: string } {
  if (facts.jobStatus !== 'success') {
    return {
      save: false,
      reason:
        facts.jobStatus === 'unknown'
          ? 'the job status is unknown (job-status is empty: not run by the Actions runner)'
          : `the job did not succeed (job.status: ${facts.jobStatus})`
    }
  }
  if (facts.restoreOnly) return { save: false, reason: 'cache-restore-only' }
  if (facts.part === 'modules' && facts.restored === 'exact') {
    return { save: false, reason: 'restored on its exact key (entries are written once)' }
  }
  if (!facts.changed) return { save: false, reason: 'unchanged since the restore' }
  return { save: true }
}

/**
 * GOFLAGS with -modcacherw added (unless it is there): go then leaves the module cache's directories writable, so a
 * later restore of a cache archive over it (actions/setup-go's, ours) can replace files as a non-root user. Without
 * it GNU tar fails on every file with "Cannot open: File exists".
 */
export function withModcacherw(goflags: string | undefined): string {
  const flags = (goflags ?? '').trim()
  if (flags.split(/\s+/).some(flag => /^--?modcacherw(=true)?$/.test(flag))) return flags
  return flags ? `${flags} -modcacherw` : '-modcacherw'
}

/** Bytes as the summary shows them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`
}
