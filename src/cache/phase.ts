/**
 * The cache phase: restore before the warm phase (modules, awaited: the warm phase then fetches only what is missing)
 * and beside both (build: started first, it runs beside the modules restore and then the warm phase), save in the post
 * step after a successful job. Each part is a base entry plus, when the job restored a base, a cumulative delta of it
 * (what the job added beyond it). What post needs is handed over as a CacheState (kept in the step state) and the
 * restored entry lists (files in RUNNER_TEMP).
 */
import { existsSync } from 'node:fs'
import { copyFile, link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { goEnv } from '../exec/go.js'
import { checkModulePath, MODULE_DOWNLOAD_DIR, parseModuleFilePath } from '../go/module/path.js'
import { parseGoSum, recordedSums, type RecordedSums } from '../go/modfile/gosum.js'
import type { Logger } from '../host/logger.js'
import { resolveDirectories } from '../warm/directories.js'
import {
  hashFiles,
  makeDirectoriesWritable,
  restoreEntry,
  saveEntry,
  setAside,
  setMtimes,
  type RestoreDeadlines,
  type RestoreOutcome
} from './cache.js'
import {
  backdatedMtime,
  buildDeltaPrefix,
  buildPrefix,
  deltaSavePlan,
  deltaStage,
  fingerprint,
  formatBytes,
  GO_PACKAGE_INDEX_HEADER,
  isBuildCacheEntry,
  isModuleEntryFile,
  isPackageIndex,
  MODULE_ENTRY_SUFFIXES,
  moduleDeltaPrefix,
  moduleKeys,
  newOutputs,
  restoreKind,
  saveDecision,
  trimPlan,
  type CacheSettings,
  type JobStatus,
  type KeyContext,
  type TimedEntry
} from './policy.js'
import { fileStamp, listFiles, readHead, stampsByPath } from './files.js'
import { restoreServiceStatus } from './restore-worker.js'
import { restoreLine, saveLine, type RestoredPart, type SavedPart } from './report.js'
import { removeUnrecordedZips } from './unrecorded-zips.js'

/** How long a lookup may take before the job goes on without the cache, and the download with extraction. */
export const LOOKUP_DEADLINE_MS = 15_000
export const RESTORE_DEADLINE_MS = 10 * 60_000
export const SAVE_DEADLINE_MS = 15 * 60_000
const DEFAULT_DEADLINES: RestoreDeadlines = { lookupMs: LOOKUP_DEADLINE_MS, restoreMs: RESTORE_DEADLINE_MS }

/** What the post step needs from main. */
export interface CacheState {
  readonly startedMs: number
  readonly restoreOnly: boolean
  readonly modules?: {
    /** `$GOMODCACHE/cache/download`. */
    readonly path: string
    /** Where a delta of the modules entry is staged (deltaStage of GOMODCACHE). */
    readonly stage: string
    readonly key: string
    readonly restored: RestoredPart['kind']
    readonly list: string
  }
  readonly build?: {
    readonly path: string
    readonly prefix: string
    readonly restored: RestoredPart['kind']
    readonly list: string
  }
}

export interface RestoreOptions {
  readonly settings: CacheSettings
  readonly go: string
  readonly cwd: string
  readonly env: Record<string, string>
  /** The warm phase's working-directory lines: their go.sum / go.work.sum files key the module cache. */
  readonly directories: readonly string[]
  /** RUNNER_OS or equivalent. */
  readonly os: string
  /** Where the restored entry lists are kept for post (RUNNER_TEMP). */
  readonly stateDir: string
  readonly startedMs: number
  readonly log: Logger
  /** The action's own (LOOKUP_DEADLINE_MS, RESTORE_DEADLINE_MS) unless a test gives others. */
  readonly deadlines?: RestoreDeadlines
  /** The modules restore started before Go was installed (restoreModulesEarly), taken when its GOMODCACHE holds. */
  readonly early?: Promise<ModulesRestore | undefined>
}

export interface RestoreResult {
  readonly modules?: RestoredPart
  /** Runs beside the warm phase; await it before the step ends. */
  readonly build?: Promise<RestoredPart>
  /**
   * Call once the main step's own go commands are done (the warm phase, `go env`), before the step ends: records the
   * build cache's entries as they are then, so that post stores the cache again only for what the job's later steps
   * built. The restore lists them as soon as it is done, which (it runs beside the modules restore) can be before
   * the main step's go commands wrote their few entries; counted as new, those made every job store the cache again.
   */
  readonly buildSettled?: () => Promise<void>
  readonly state: CacheState
}

/** Returns undefined (with a notice) when the job has no cache service or go cannot say where its caches are. */
export async function restoreCaches(options: RestoreOptions): Promise<RestoreResult | undefined> {
  const { log } = options
  const service = await restoreServiceStatus(options.deadlines?.childEntry)
  if ('error' in service) {
    log.warning(`cache: ${service.error}; nothing restored or saved.`)
    return undefined
  }
  if (!service.available) {
    log.info('cache: this job has no cache service (ACTIONS_RESULTS_URL is not set): nothing restored or saved.')
    return undefined
  }
  const facts = await goEnv(options.go, ['GOMODCACHE', 'GOCACHE', 'GOVERSION', 'GOARCH'], {
    cwd: options.cwd,
    env: options.env
  })
  if (!facts.ok) {
    log.warning(`cache: ${facts.message}; nothing restored or saved.`)
    return undefined
  }
  const { GOMODCACHE, GOCACHE, GOVERSION, GOARCH } = facts.values
  const context: KeyContext = {
    os: options.os,
    arch: GOARCH,
    goVersion: GOVERSION,
    keySuffix: options.settings.keySuffix
  }
  const deadlines: RestoreDeadlines = options.deadlines ?? DEFAULT_DEADLINES
  await mkdir(options.stateDir, { recursive: true })
  let state: CacheState = { startedMs: options.startedMs, restoreOnly: options.settings.restoreOnly }
  let modules: RestoredPart | undefined
  let build: Promise<RestoredPart> | undefined
  let buildSettled: (() => Promise<void>) | undefined

  // First: the build cache's restore runs beside the modules restore (independent entries and trees) and beyond it,
  // beside the warm phase; the step awaits it before it ends.
  if (options.settings.parts.includes('build') && GOCACHE && GOCACHE !== 'off') {
    const prefix = buildPrefix(context)
    const list = join(options.stateDir, 'setup-goproxy-build.json')
    let listed: BuildList = { names: [] }
    build = (async () => {
      const started = performance.now()
      const { outcome, base, delta } = await restoreBuildEntries(GOCACHE, prefix, context, deadlines)
      const entries = (await listFiles(GOCACHE)).filter(f => isBuildCacheEntry(f.path))
      // Restored entries keep their archived mtimes; set back past go's hour, every use this job refreshes them.
      const restored = entries.filter(f => f.mtimeMs < options.startedMs)
      await setMtimes(GOCACHE, restored, backdatedMtime(Date.now()))
      listed = buildList(entries, restored, base, delta)
      await writeFile(list, JSON.stringify(listed))
      const result = withDelta(part('build', prefix, outcome, entries), delta)
      log.info(restoreLine(result))
      log.debug(`Build cache: restored in ${Math.round(performance.now() - started)} ms`)
      return result
    })()
    const restoring = build
    buildSettled = async () => {
      await restoring
      const entries = (await listFiles(GOCACHE)).filter(f => isBuildCacheEntry(f.path))
      listed = { ...listed, names: entries.map(f => f.path) }
      await writeFile(list, JSON.stringify(listed))
    }
    state = { ...state, build: { path: GOCACHE, prefix, restored: 'none', list } }
  }
  try {
    if (options.settings.parts.includes('modules') && GOMODCACHE) {
      const early = await options.early
      const restored = early?.gomodcache === GOMODCACHE ? early : await restoreModules(GOMODCACHE, options, deadlines)
      if (early && early !== restored) {
        log.debug(`Module cache: restored early into ${early.gomodcache}, but the job's go uses ${GOMODCACHE}`)
      }
      modules = restored.part
      log.info(restoreLine(modules))
      log.debug(`Module cache: restored in ${restored.ms} ms${restored === early ? ' (beside the Go install)' : ''}`)
      state = { ...state, modules: restored.state }
    }
  } catch (error) {
    // The build restore goes on by itself; the step fails on this error, not on one of that promise's later.
    build?.catch(() => undefined)
    throw error
  }
  return { modules, build, ...(buildSettled ? { buildSettled } : {}), state }
}

/** The modules part restored into one GOMODCACHE; logged when the cache phase reports (restoreCaches). */
export interface ModulesRestore {
  readonly gomodcache: string
  readonly part: RestoredPart
  readonly state: NonNullable<CacheState['modules']>
  readonly ms: number
}

/** Restores `$GOMODCACHE/cache/download` from the entry of this job's go.sum files, or the newest of any. */
async function restoreModules(
  gomodcache: string,
  options: RestoreOptions,
  deadlines: RestoreDeadlines
): Promise<ModulesRestore> {
  const started = performance.now()
  const path = join(gomodcache, ...MODULE_DOWNLOAD_DIR)
  const stage = deltaStage(gomodcache)
  const sums = await goSumFiles(options.directories, options.cwd, options.env.GOWORK)
  const context = { os: options.os, keySuffix: options.settings.keySuffix }
  const goSumHash = await hashFiles(sums, options.cwd)
  const { key } = moduleKeys(context, goSumHash)
  // A module cache already here (a self-hosted runner's, or one another action restored): tar must be able to
  // replace files in it as a non-root user; and only the zips the restore wrote are judged below, not its own.
  const here = existsSync(gomodcache)
  if (here) await makeDirectoriesWritable(gomodcache)
  const before = here ? stampsByPath(await moduleEntryFiles(path)) : undefined
  const { outcome, base, delta } = await restoreModuleEntries(path, stage, context, goSumHash, deadlines)
  const files = await moduleEntryFiles(path)
  // The set as the entries brought it (before the zips go.sum does not record are removed below), and for a delta
  // saved after the job, what the base held.
  const list = join(options.stateDir, 'setup-goproxy-modules.json')
  // The base and the delta stored for exactly these go.sum files: the same set as a full entry under the key.
  const exactDelta = delta && 'key' in delta && delta.key === base?.deltaKey ? delta.key : undefined
  const exactEntries =
    outcome.matchedKey === key ? [key] : exactDelta && outcome.matchedKey ? [outcome.matchedKey, exactDelta] : undefined
  await writeFile(list, JSON.stringify(modulesList(files, base, delta, exactEntries)))
  const written = before ? files.filter(f => before.get(f.path) !== fileStamp(f)) : files
  const zips = outcome.matchedKey ? await removeUnrecordedZips(path, written, await recordedSumsOf(sums)) : undefined
  const restored: RestoredPart = {
    ...withDelta(part('modules', key, outcome, files), delta),
    ...(exactDelta ? { kind: 'exact' as const } : {}),
    ...(zips ? { zips } : {})
  }
  return {
    gomodcache,
    part: restored,
    state: { path, stage, key, restored: restored.kind, list },
    ms: Math.round(performance.now() - started)
  }
}

/**
 * The modules entry of these go.sum files, else the newest of any set (the base); with a base, the delta a job with
 * these go.sum files stored of it, else the newest delta of that base (its prefix names the base: a delta of another
 * base is never applied).
 */
async function restoreModuleEntries(
  download: string,
  stage: string,
  context: Pick<KeyContext, 'os' | 'keySuffix'>,
  goSumHash: string,
  deadlines: RestoreDeadlines
): Promise<{ outcome: RestoreOutcome; base?: { key: string; deltaKey: string }; delta?: DeltaRestore }> {
  const { key, prefix } = moduleKeys(context, goSumHash)
  const outcome = await restoreEntry(moduleEntryPaths(download), key, [prefix], deadlines)
  if (outcome.matchedKey === undefined || outcome.matchedKey === key) return { outcome }
  const deltaPrefix = moduleDeltaPrefix(context, outcome.matchedKey)
  const base = { key: outcome.matchedKey, deltaKey: deltaPrefix + goSumHash }
  const delta = await restoreDelta(download, stage, base.deltaKey, deltaPrefix, isModuleEntryFile, 'replace', deadlines)
  return { outcome, base, delta }
}

/**
 * The modules part's hand-over to post (a file in stateDir): the fingerprint of the module files after the restore
 * (post saves only when the set changed) and every file's stamp, by which post tells a file the job wrote again (a zip
 * or go.mod go refused, removed and fetched anew by the warm phase). When another set's entry was restored as the base:
 * its key, the key a delta of this job is stored under, and the files the delta restored after it; a base file written
 * again belongs in the delta, whose files replace the base's on the next restore. On an exact hit, the entries
 * restored: such a file cannot go into any entry then (the ones for this set exist, and entries are written once), so
 * post names the entries to delete.
 */
interface ModulesList {
  readonly fingerprint: string
  readonly stamps: Readonly<Record<string, string>>
  readonly base?: { readonly key: string; readonly deltaKey: string; readonly deltaFiles: readonly string[] }
  readonly exact?: { readonly entries: readonly string[] }
}

function modulesList(
  files: readonly TimedEntry[],
  base: { key: string; deltaKey: string } | undefined,
  delta: DeltaRestore | undefined,
  exactEntries: readonly string[] | undefined
): ModulesList {
  return {
    fingerprint: fingerprint(files.map(f => f.path)),
    stamps: Object.fromEntries(stampsByPath(files)),
    ...(base ? { base: { ...base, deltaFiles: delta && 'key' in delta ? [...delta.names] : [] } } : {}),
    ...(exactEntries ? { exact: { entries: exactEntries } } : {})
  }
}

/** The files a job wrote again since the restore listed them (`listed.stamps`): what go refused and the job fetched anew. */
function writtenAgain(listed: ModulesList | undefined, files: readonly TimedEntry[]): TimedEntry[] {
  const stamps = listed?.stamps ?? {}
  return files.filter(f => stamps[f.path] !== undefined && stamps[f.path] !== fileStamp(f))
}

/**
 * A download-cache file as a summary may show it: the module version and the file's kind, or a neutral phrase for a
 * name that is no module file (an archive's names are not go's, and reach the summary and a workflow command).
 */
function shownModuleFile(rel: string): string {
  const unnamed = 'a file named for no module version'
  const file = parseModuleFilePath(rel)
  if (!file || !/^v[\w.+-]+$/.test(file.version)) return unnamed
  try {
    checkModulePath('a cached file', file.path)
  } catch {
    return unnamed
  }
  return `${file.path}@${file.version} .${file.ext}`
}

/**
 * Why an exact hit is not stored again, and, when go refused some of its files (the warm phase fetched them anew),
 * which entries still hold them and must be deleted for a job to store the set again.
 */
function exactHitReason(listed: ModulesList | undefined, files: readonly TimedEntry[], reason: string): string {
  const exact = listed?.exact
  const refetched = exact ? writtenAgain(listed, files) : []
  if (!exact || refetched.length === 0) return reason
  const shown = refetched.slice(0, 3).map(f => shownModuleFile(f.path))
  const more = refetched.length > shown.length ? ` and ${refetched.length - shown.length} more` : ''
  return `${reason}; ${refetched.length} of its files go refused were fetched again by this job (${shown.join(', ')}${more}): every job restoring it fetches them again until ${exact.entries.join(' and ')} ${exact.entries.length > 1 ? 'are' : 'is'} deleted (gh cache delete KEY, or the repository's Actions caches page); the next job then stores the set anew`
}

/** What the go.sum files (those that exist) record: the hashes a restored zip must match. */
async function recordedSumsOf(files: readonly string[]): Promise<RecordedSums> {
  const texts = await Promise.all(files.map(file => readFile(file, 'utf8').catch(() => '')))
  return recordedSums(texts.map(parseGoSum))
}

/**
 * The modules entry's paths as @actions/cache takes them: glob patterns, from which tar archives the files matched (a
 * directory whole), and the same list on restore and save (the library derives the entry's version from it): the kept
 * files by suffix (see MODULE_ENTRY_SUFFIXES).
 */
export function moduleEntryPaths(download: string): string[] {
  return MODULE_ENTRY_SUFFIXES.map(suffix => join(download, '**', `*${suffix}`))
}

/** The files under `download` the modules entry keeps: what a restore reports and post compares. */
async function moduleEntryFiles(download: string): Promise<TimedEntry[]> {
  return (await listFiles(download)).filter(file => isModuleEntryFile(file.path))
}

/**
 * The modules restore started before Go is installed, with the go already here (`options.go`): the module cache's
 * place does not depend on the Go version (GOMODCACHE, else GOPATH's pkg/mod, from the environment and go's own
 * settings file), and its key only on the go.sum files, so the restore runs beside the install. restoreCaches takes
 * it when the installed go names the same GOMODCACHE (`early`), else restores again. Undefined when there is
 * nothing to restore early (no cache service, go cannot say); never throws.
 */
export async function restoreModulesEarly(options: RestoreOptions): Promise<ModulesRestore | undefined> {
  try {
    if (!options.settings.parts.includes('modules')) return undefined
    const service = await restoreServiceStatus(options.deadlines?.childEntry)
    if ('error' in service || !service.available) return undefined
    // Asked outside the project, of this go alone: a go.mod or GOTOOLCHAIN naming a newer Go must not make the
    // question download a toolchain (the install is under way).
    await mkdir(options.stateDir, { recursive: true })
    const facts = await goEnv(options.go, ['GOMODCACHE'], {
      cwd: options.stateDir,
      env: { ...options.env, GOTOOLCHAIN: 'local' }
    })
    if (!facts.ok || !facts.values.GOMODCACHE) return undefined
    return await restoreModules(facts.values.GOMODCACHE, options, options.deadlines ?? DEFAULT_DEADLINES)
  } catch {
    return undefined
  }
}

/**
 * The build cache's hand-over to post (a file in stateDir): every entry after the restore and the main step's own go
 * commands (names), the base entry restored (its key, the entries it held, its deltas' prefix) and the delta
 * restored after it.
 */
interface BuildList {
  readonly names: readonly string[]
  readonly base?: { readonly key: string; readonly names: readonly string[]; readonly deltaPrefix: string }
  readonly delta?: { readonly key: string; readonly names: readonly string[] }
}

type DeltaRestore =
  | { readonly key: string; readonly names: readonly string[]; readonly bytes: number }
  | { readonly problem: string }
  | { readonly none: true }

/**
 * The base build entry (the newest under the prefix), then, when one matched, the newest delta of that base (its
 * prefix names the base: a delta of another base is never applied).
 */
async function restoreBuildEntries(
  gocache: string,
  prefix: string,
  context: KeyContext,
  deadlines: RestoreDeadlines
): Promise<{ outcome: RestoreOutcome; base?: { key: string; deltaPrefix: string }; delta?: DeltaRestore }> {
  const outcome = await restoreEntry([gocache], prefix, [prefix], deadlines)
  if (outcome.matchedKey === undefined) return { outcome }
  const deltaPrefix = buildDeltaPrefix(context, outcome.matchedKey)
  const delta = await restoreDelta(
    gocache,
    deltaStage(gocache),
    deltaPrefix,
    deltaPrefix,
    isBuildCacheEntry,
    'keep',
    deadlines
  )
  return { outcome, base: { key: outcome.matchedKey, deltaPrefix }, delta }
}

/**
 * The hand-over to post from the entries after the restore. What the base held: the restored entries (archived mtimes,
 * before this step; what the warm phase writes meanwhile is not) the delta did not bring. On a self-hosted runner whose
 * GOCACHE persists, older entries of its own count as the base's too: left out of a delta, a fresh runner compiles them
 * again, and its delta then holds them.
 */
function buildList(
  entries: readonly TimedEntry[],
  restored: readonly TimedEntry[],
  base: { key: string; deltaPrefix: string } | undefined,
  delta: DeltaRestore | undefined
): BuildList {
  const fromDelta = delta && 'key' in delta ? delta : undefined
  const deltaNames = new Set(fromDelta?.names ?? [])
  return {
    names: entries.map(f => f.path),
    ...(base ? { base: { ...base, names: restored.map(f => f.path).filter(name => !deltaNames.has(name)) } } : {}),
    ...(fromDelta ? { delta: { key: fromDelta.key, names: fromDelta.names } } : {})
  }
}

function withDelta(result: RestoredPart, delta: DeltaRestore | undefined): RestoredPart {
  if (delta && 'key' in delta) {
    return { ...result, delta: { key: delta.key, files: delta.names.length, bytes: delta.bytes } }
  }
  return delta && 'problem' in delta ? { ...result, deltaProblem: delta.problem } : result
}

/**
 * Restores a delta of a base (`key`, else the newest under `deltaPrefix`, which names the base) into `stage`, moves
 * the files `isEntry` accepts into the cache tree `root` and removes the stage. A file already there stays (`keep`:
 * build-cache entries are named by their content) or is replaced (`replace`: a module file the delta holds is newer
 * than the base's).
 */
async function restoreDelta(
  root: string,
  stage: string,
  key: string,
  deltaPrefix: string,
  isEntry: (relativePath: string) => boolean,
  existing: 'keep' | 'replace',
  deadlines: RestoreDeadlines
): Promise<DeltaRestore> {
  try {
    await rm(stage, { recursive: true, force: true })
    const outcome = await restoreEntry([stage], key, [deltaPrefix], deadlines)
    if ('gaveUp' in outcome && outcome.gaveUp) return { problem: outcome.gaveUp }
    if (outcome.matchedKey === undefined) return { none: true }
    const names: string[] = []
    let bytes = 0
    for (const entry of (await listFiles(stage)).filter(f => isEntry(f.path))) {
      const to = join(root, entry.path)
      if (existsSync(to)) {
        if (existing === 'keep') continue
        await rm(to, { force: true })
      }
      await mkdir(dirname(to), { recursive: true })
      await rename(join(stage, entry.path), to).catch(() => copyFile(join(stage, entry.path), to))
      names.push(entry.path)
      bytes += entry.size
    }
    return { key: outcome.matchedKey, names, bytes }
  } catch (error) {
    return {
      problem: `its files could not be moved into ${root}: ${error instanceof Error ? error.message : String(error)}`
    }
  } finally {
    await rm(stage, { recursive: true, force: true }).catch(() => undefined)
  }
}

function part(
  name: RestoredPart['part'],
  key: string,
  outcome: Awaited<ReturnType<typeof restoreEntry>>,
  files: readonly { size: number }[]
): RestoredPart {
  const bytes = totalBytes(files)
  if ('gaveUp' in outcome && outcome.gaveUp) {
    return {
      part: name,
      kind: 'none',
      key,
      files: files.length,
      bytes,
      problem: `${outcome.gaveUp}; the job goes on without it`
    }
  }
  const kind = name === 'build' && outcome.matchedKey ? 'partial' : restoreKind(key, outcome.matchedKey)
  return {
    part: name,
    kind,
    key,
    ...(outcome.matchedKey ? { matchedKey: outcome.matchedKey } : {}),
    files: files.length,
    bytes
  }
}

/** The go.sum and go.work.sum files of the module sets the warm phase downloads. */
export async function goSumFiles(directories: readonly string[], cwd: string, gowork?: string): Promise<string[]> {
  const resolved = await resolveDirectories(directories, cwd, gowork)
  const files = new Set<string>()
  for (const set of resolved.sets) {
    if (set.goWork) files.add(join(dirname(set.goWork), 'go.work.sum'))
    for (const goMod of set.goMods) files.add(join(dirname(goMod), 'go.sum'))
  }
  return [...files]
}

export interface SaveOptions {
  readonly state: CacheState
  readonly jobStatus: JobStatus
  readonly log: Logger
  readonly deadlineMs?: number
}

/** The post step: saves what changed, after a successful job only; never throws for the cache's sake. */
export async function saveCaches(options: SaveOptions): Promise<SavedPart[]> {
  const { state, log } = options
  const saved: SavedPart[] = []
  const deadline = options.deadlineMs ?? SAVE_DEADLINE_MS
  const run: SaveRun = { state, jobStatus: options.jobStatus, deadline, log }
  const report = (result: SavedPart) => {
    if (result.warn) log.warning(saveLine(result))
    else log.info(saveLine(result))
    saved.push(result)
  }
  if (state.modules) report(await saveModules(state.modules, run))
  if (state.build) report(await saveBuild(state.build, run))
  return saved
}

/**
 * The files a job kept beyond the base it restored (`inBase` tells the others), and whether to store them alone as a
 * delta of that base (deltaSavePlan).
 */
function splitByBase(
  baseKey: string | undefined,
  kept: readonly TimedEntry[],
  inBase: (entry: TimedEntry) => boolean
): { beyond: TimedEntry[]; plan: ReturnType<typeof deltaSavePlan> } {
  const beyond = kept.filter(entry => !inBase(entry))
  const deltaBytes = totalBytes(beyond)
  const plan = deltaSavePlan({
    baseKey,
    baseKeptBytes: totalBytes(kept) - deltaBytes,
    deltaFiles: beyond.length,
    deltaBytes
  })
  return { beyond, plan }
}

/** The bytes of `files`. */
function totalBytes(files: readonly { size: number }[]): number {
  return files.reduce((sum, f) => sum + f.size, 0)
}

/** What every part's save takes from the post step. */
interface SaveRun {
  readonly state: CacheState
  readonly jobStatus: JobStatus
  readonly deadline: number
  readonly log: Logger
}

/** The modules entry: again only when the set of module files changed, as a delta of the base when it is small. */
async function saveModules(
  modules: NonNullable<CacheState['modules']>,
  { state, jobStatus, deadline, log }: SaveRun
): Promise<SavedPart> {
  const { path, stage, key, restored, list } = modules
  const files = await moduleEntryFiles(path)
  const listed = await readJson<ModulesList>(list)
  const decision = saveDecision({
    part: 'modules',
    restored,
    changed: fingerprint(files.map(f => f.path)) !== listed?.fingerprint,
    restoreOnly: state.restoreOnly,
    jobStatus
  })
  const bytes = totalBytes(files)
  let result: SavedPart | undefined
  if (decision.save) {
    // Another set's entry was restored: the module files beyond it are a cumulative delta of it, stored alone when
    // they are small against what the base held (a new dependency, not the whole cache again).
    // In the base: restored by it (not by its delta) and not written again since.
    const fromDelta = new Set(listed?.base?.deltaFiles)
    const inBase = (f: TimedEntry) => !fromDelta.has(f.path) && listed?.stamps[f.path] === fileStamp(f)
    const { beyond, plan } = splitByBase(listed?.base?.key, files, inBase)
    if (plan.kind === 'delta' && listed?.base) {
      result = await saveDelta('modules', path, stage, beyond, listed.base.deltaKey, listed.base.key, deadline, log)
    }
    result ??= {
      ...(await save('modules', moduleEntryPaths(path), key, files.length, bytes, deadline)),
      ...(plan.kind === 'full' && listed?.base ? { fullBecause: plan.why } : {})
    }
  } else {
    const reason = restored === 'exact' ? exactHitReason(listed, files, decision.reason) : decision.reason
    result = {
      part: 'modules',
      saved: false,
      reason,
      files: files.length,
      bytes,
      ...(reason !== decision.reason ? { warn: true } : {})
    }
  }
  return result
}

/** The build entry, trimmed to what the job used: again only when the job compiled new outputs, as a delta when small. */
async function saveBuild(
  build: NonNullable<CacheState['build']>,
  { state, jobStatus, deadline, log }: SaveRun
): Promise<SavedPart> {
  const { path, prefix, list } = build
  const entries = (await listFiles(path)).filter(f => isBuildCacheEntry(f.path))
  const { keep, drop } = trimPlan(entries, state.startedMs)
  const listed = await readBuildList(list)
  const restoredNames = new Set(listed.names)
  const added = await compiledOutputs(path, newOutputs(keep, restoredNames))
  if (added.length > 0 && restoredNames.size > 0) {
    // Why a job that restored the build cache stores it again: the outputs this job compiled that it did not bring.
    const shown = added.slice(0, 5).map(e => `${e.path} (${formatBytes(e.size)})`)
    log.debug(`Build cache: ${added.length} output(s) not in the restore: ${shown.join(', ')}`)
  }
  const decision = saveDecision({
    part: 'build',
    restored: restoredNames.size > 0 ? 'partial' : 'none',
    changed: added.length > 0,
    restoreOnly: state.restoreOnly,
    jobStatus
  })
  const bytes = totalBytes(keep)
  const trimmed = { files: drop.length, bytes: totalBytes(drop) }
  let result: SavedPart | undefined
  if (decision.save) {
    // A base was restored: what the job kept beyond it (new entries, and those an earlier delta brought) is a
    // cumulative delta of it, stored alone when it is small against what the job kept of the base.
    const baseNames = new Set(listed.base?.names ?? [])
    const { beyond, plan } = splitByBase(listed.base?.key, keep, e => baseNames.has(e.path))
    if (plan.kind === 'delta' && listed.base) {
      const deltaKey = listed.base.deltaPrefix + fingerprint(beyond.map(e => e.path))
      result = await saveDelta('build', path, deltaStage(path), beyond, deltaKey, listed.base.key, deadline, log)
    }
    if (result === undefined) {
      const putBack = await setAside(path, drop, `${path}.unused-${process.pid}`)
      try {
        result = {
          ...(await save('build', [path], prefix + fingerprint(keep.map(e => e.path)), keep.length, bytes, deadline)),
          trimmed,
          ...(plan.kind === 'full' && listed.base ? { fullBecause: plan.why } : {})
        }
      } finally {
        await putBack()
      }
    }
  } else {
    result = { part: 'build', saved: false, reason: decision.reason, files: keep.length, bytes, trimmed }
  }
  return result
}

/**
 * Stores `entries` (relative to the cache tree `root`) as a delta of the base entry `baseKey`: hard links (copies
 * where a link fails) in `stage`, saved under `key` (for the build, the base's delta prefix and the fingerprint of
 * their names, so an identical delta is not stored twice; for the modules, the job's go.sum hash), the stage removed
 * after. Undefined when they could not be staged: a full entry is saved instead.
 */
async function saveDelta(
  cachePart: SavedPart['part'],
  root: string,
  stage: string,
  entries: readonly TimedEntry[],
  key: string,
  baseKey: string,
  deadlineMs: number,
  log: Logger
): Promise<SavedPart | undefined> {
  try {
    await rm(stage, { recursive: true, force: true })
    for (const entry of entries) {
      const to = join(stage, entry.path)
      await mkdir(dirname(to), { recursive: true })
      await link(join(root, entry.path), to).catch(() => copyFile(join(root, entry.path), to))
    }
  } catch (error) {
    log.debug(
      `${cachePart === 'modules' ? 'Module' : 'Build'} cache: the delta could not be staged in ${stage} (${error instanceof Error ? error.message : String(error)}); a full entry instead`
    )
    await rm(stage, { recursive: true, force: true }).catch(() => undefined)
    return undefined
  }
  try {
    const bytes = totalBytes(entries)
    return { ...(await save(cachePart, [stage], key, entries.length, bytes, deadlineMs)), deltaOf: baseKey }
  } finally {
    await rm(stage, { recursive: true, force: true }).catch(() => undefined)
  }
}

async function readBuildList(file: string): Promise<BuildList> {
  const value = await readJson<BuildList>(file)
  return value && Array.isArray(value.names) ? value : { names: [] }
}

/** The outputs among `outputs` that are compiled build content, not go's package index (see isPackageIndex). */
export async function compiledOutputs(root: string, outputs: readonly TimedEntry[]): Promise<TimedEntry[]> {
  const heads = await Promise.all(
    outputs.map(entry => readHead(join(root, entry.path), GO_PACKAGE_INDEX_HEADER.length))
  )
  return outputs.filter((_, i) => !isPackageIndex(heads[i]))
}

async function save(
  part: SavedPart['part'],
  paths: string[],
  key: string,
  files: number,
  bytes: number,
  deadlineMs: number
): Promise<SavedPart> {
  const outcome = await saveEntry(paths, key, deadlineMs)
  if (outcome === true) return { part, saved: true, key, files, bytes }
  return {
    part,
    saved: false,
    key,
    files,
    bytes,
    reason: outcome === false ? 'the cache service did not take it (see the log)' : outcome
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T
  } catch {
    return undefined
  }
}
