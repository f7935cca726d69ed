/**
 * The prefetch plan: from the module sets the warm phase will download (a module, or a workspace), the list of
 * proxy files `go mod download` (no arguments) is going to ask for, so that a prefetcher can fetch them ahead of
 * go, in parallel. Pure: the shell reads go.mod, go.work and go.sum files and passes their texts.
 *
 * What go 1.23 asks for (cmd/go/internal/modcmd/download.go, modfetch/fetch.go; checked against the real go in
 * __tests__/warm/plan-go.test.ts):
 * - in a module at go ≥ 1.17: it loads the module graph (a `.mod` for each module version in it), then downloads
 *   each module the main go.mod requires: `.info`, `.mod`, `.zip`;
 * - in a module below go 1.17 and in a workspace: it downloads every module of the build list (`all`): for each
 *   module path the version MVS selects, which is the highest version that the graph (and so go.sum) names.
 * go.sum is the plan's source for both, because `go mod tidy` records exactly that: an `h1:` line for each module
 * whose zip the build needs and a `/go.mod` line for each go.mod the graph reads. A stale go.sum line (a version
 * no longer in the graph) is planned but not asked for: "prefetched but unused", harmless since go verifies
 * everything it reads. A module go.sum does not list is left to go.
 */
import { matchesPrefixPatterns } from '../go/env/patterns.js'
import { moduleFilePath } from '../go/module/path.js'
import { parseGoMod, parseGoWork, type ModuleVersion, type Replacement } from '../go/modfile/modfile.js'
import { parseGoSum } from '../go/modfile/gosum.js'
import { compareSemver } from '../go/module/semver.js'

/** One file of the GOPROXY protocol. */
export type PrefetchKind = 'info' | 'mod' | 'zip'

/** One request a prefetcher makes: `GET <proxy>/<path>`. */
export interface PrefetchFile {
  /** Module path, unescaped. */
  readonly module: string
  readonly version: string
  readonly kind: PrefetchKind
  /** `<escaped module>/@v/<escaped version>.<kind>`, case-encoded as on the wire (not percent-encoded). */
  readonly path: string
}

/** The texts of one module set, as the shell read them. */
export interface ModuleSetTexts {
  /** Shown in notes: the directory, e.g. `./app`. */
  readonly label: string
  /** The go.work text for a workspace; absent for a single module. */
  readonly goWork?: string
  /** The go.mod text of the module, or of each workspace member (in `use` order). */
  readonly goMods: readonly string[]
  /** Every go.sum text go reads here: the module's, or each member's plus go.work.sum. Empty: no go.sum. */
  readonly goSums: readonly string[]
}

/** What the plan must keep away from proxies. */
export interface PlanPrivacy {
  /** GOPRIVATE as go sees it. */
  readonly goprivate: string
  /** GONOPROXY as go sees it; when empty GOPRIVATE applies, as in go. */
  readonly gonoproxy: string
}

/** Result of `planPrefetch`. */
export interface PrefetchPlan {
  /** Deduplicated across module sets: every `.mod` first (go loads the graph before any zip), then `.info` and `.zip` per module. */
  readonly files: readonly PrefetchFile[]
  /** Plain sentences: why a set has no plan, what was left to go, malformed lines. */
  readonly notes: readonly string[]
}

/**
 * Computes the files `go mod download` will request from the proxy for `sets`. Modules matching GONOPROXY
 * (or GOPRIVATE when GONOPROXY is empty) are never listed: go fetches them directly, and their paths must not
 * reach a proxy. A set without go.sum gets no plan (go must resolve hashes itself), and a note says so.
 */
export function planPrefetch(sets: readonly ModuleSetTexts[], privacy: PlanPrivacy): PrefetchPlan {
  const noProxy = privacy.gonoproxy !== '' ? privacy.gonoproxy : privacy.goprivate
  const notes: string[] = []
  const mods = new Map<string, PrefetchFile>()
  const downloads = new Map<string, PrefetchFile>()
  for (const set of sets) {
    planSet(set, noProxy, notes, mods, downloads)
  }
  const byKey = (a: PrefetchFile, b: PrefetchFile): number =>
    compare(a.module, b.module) || compare(a.version, b.version) || compare(a.kind, b.kind)
  return { files: [...[...mods.values()].sort(byKey), ...[...downloads.values()].sort(byKey)], notes }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function fileOf(module: string, version: string, kind: PrefetchKind): PrefetchFile {
  return { module, version, kind, path: moduleFilePath(module, version, kind) }
}

/** Replacement lookup the way modload.Replacement does it: `path@version` first, then `path` for all versions. */
function replacer(replacements: readonly Replacement[]): (m: ModuleVersion) => Replacement | undefined {
  const map = new Map<string, Replacement>()
  for (const r of replacements) map.set(`${r.old.path}@${r.old.version}`, r)
  return m => map.get(`${m.path}@${m.version}`) ?? map.get(`${m.path}@`)
}

/** "1.16" < "1.17": compares the numeric fields of a go directive. */
function goAtLeast(version: string | undefined, want: [number, number]): boolean {
  if (!version) return false
  const [major, minor] = version.split('.').map(n => Number.parseInt(n, 10))
  return major > want[0] || (major === want[0] && (minor || 0) >= want[1])
}

function addDownload(downloads: Map<string, PrefetchFile>, m: ModuleVersion): void {
  const key = `${m.path}@${m.version}`
  downloads.set(`${key}.info`, fileOf(m.path, m.version, 'info'))
  downloads.set(`${key}.zip`, fileOf(m.path, m.version, 'zip'))
}

function planSet(
  set: ModuleSetTexts,
  noProxy: string,
  notes: string[],
  mods: Map<string, PrefetchFile>,
  downloads: Map<string, PrefetchFile>
): void {
  const goMods = set.goMods.map(parseGoMod)
  const work = set.goWork === undefined ? undefined : parseGoWork(set.goWork)
  const say = (what: string) => notes.push(`${set.label}: ${what}`)
  for (const [i, m] of goMods.entries()) {
    for (const e of m.errors) say(`go.mod ${m.module || `#${i + 1}`} line ${e.line} skipped: ${e.message}`)
  }
  for (const e of work?.errors ?? []) say(`go.work line ${e.line} skipped: ${e.message}`)
  const sums = set.goSums.map(parseGoSum)
  if (sums.length === 0 || sums.every(s => s.entries.length === 0)) {
    say('no go.sum entries, so no prefetch plan: go resolves and verifies the module graph itself')
    return
  }
  for (const s of sums) {
    for (const e of s.errors) say(`go.sum line ${e.line} skipped: ${e.message}`)
  }

  const mainModules = new Set(goMods.map(m => m.module).filter(Boolean))
  // In a workspace go.work's replacements win over the members' (modload.replacementFrom).
  const replace = replacer([...goMods.flatMap(m => m.replace), ...(work?.replace ?? [])])
  const excluded = new Set(goMods.flatMap(m => m.exclude.map(e => `${e.path}@${e.version}`)))
  // go ≥ 1.17 modules download only what the main go.mod requires; workspaces and older modules all of `all`.
  const everyZip = work !== undefined || !goAtLeast(goMods[0]?.go, [1, 17])
  // go ≥ 1.17 downloads each module the main go.mod requires, at its required version (in a consistent go.mod the
  // one MVS selects), replaced if a replace directive says so (download.go: `if info.Replace != nil`), whether or
  // not go.sum holds its zip hash.
  const required: ModuleVersion[] = []
  if (!everyZip) {
    for (const r of goMods.flatMap(m => m.require)) {
      if (mainModules.has(r.path) || excluded.has(`${r.path}@${r.version}`)) continue
      const to = replace(r)
      if (to?.local) continue
      required.push(to ? { path: to.new.path, version: to.new.version } : { path: r.path, version: r.version })
    }
  }
  const privateModules = new Set<string>()
  /** Zip candidates: in `all` mode only the version MVS selects, the highest one any go.sum line names. */
  const zips = new Map<string, ModuleVersion>()
  for (const entry of sums.flatMap(s => s.entries)) {
    if (mainModules.has(entry.path) || excluded.has(`${entry.path}@${entry.version}`)) continue
    const r = replace(entry)
    if (r?.local) continue
    const target = r ? { path: r.new.path, version: r.new.version } : { path: entry.path, version: entry.version }
    if (matchesPrefixPatterns(noProxy, target.path)) {
      privateModules.add(target.path)
      continue
    }
    const key = `${target.path}@${target.version}`
    mods.set(key, fileOf(target.path, target.version, 'mod'))
    if (entry.goModOnly) continue
    if (!everyZip) continue
    const seen = zips.get(target.path)
    if (!seen || compareSemver(target.version, seen.version) > 0) zips.set(target.path, target)
  }
  for (const target of required) {
    if (matchesPrefixPatterns(noProxy, target.path)) {
      privateModules.add(target.path)
      continue
    }
    mods.set(`${target.path}@${target.version}`, fileOf(target.path, target.version, 'mod'))
    addDownload(downloads, target)
  }
  for (const target of zips.values()) addDownload(downloads, target)
  if (privateModules.size > 0) {
    say(
      `${privateModules.size} module(s) matching GONOPROXY/GOPRIVATE left to go, which fetches them directly: ${[...privateModules].sort().join(', ')}`
    )
  }
}
