/**
 * The shell around the pure prefetch plan (core/warm): reads each module set's go.mod, go.work and go.sum
 * files, asks planPrefetch what `go mod download` will request, and leaves out what the module cache already
 * holds (go would not ask for it; fetching it would only be unused bytes).
 */
import { access, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { planPrefetch, type ModuleSetTexts, type PlanPrivacy, type PrefetchFile } from '../core/warm/index.js'
import type { ModuleSet } from './directories.js'

export interface ReadPlan {
  /** Files go will ask for and the cache does not hold, in the plan's order. */
  readonly files: readonly PrefetchFile[]
  /** Files of the plan the cache holds already. */
  readonly cached: number
  /** The plan's notes (no go.sum, private modules left to go, malformed lines). */
  readonly notes: readonly string[]
}

/**
 * The prefetch plan for `sets`, minus what `$GOMODCACHE/cache/download` holds (`modcache` undefined: nothing is
 * known to be cached). A file that cannot be read counts as absent: the plan is a guess, go decides.
 */
export async function readPrefetchPlan(
  sets: readonly ModuleSet[],
  labels: readonly string[],
  privacy: PlanPrivacy,
  modcache: string | undefined
): Promise<ReadPlan> {
  const texts = await Promise.all(sets.map((set, i) => setTexts(set, labels[i] ?? set.dir)))
  const plan = planPrefetch(texts, privacy)
  if (!modcache) return { files: plan.files, cached: 0, notes: plan.notes }
  const download = join(modcache, 'cache', 'download')
  const present = await Promise.all(plan.files.map(f => exists(join(download, ...f.path.split('/')))))
  return {
    files: plan.files.filter((_f, i) => !present[i]),
    cached: present.filter(Boolean).length,
    notes: plan.notes
  }
}

async function setTexts(set: ModuleSet, label: string): Promise<ModuleSetTexts> {
  const goMods = (await Promise.all(set.goMods.map(readOrUndefined))).filter((t): t is string => t !== undefined)
  // go reads each module's go.sum, and in a workspace go.work.sum too.
  const sumFiles = [
    ...set.goMods.map(goMod => join(dirname(goMod), 'go.sum')),
    ...(set.goWork ? [join(dirname(set.goWork), 'go.work.sum')] : [])
  ]
  const goSums = (await Promise.all(sumFiles.map(readOrUndefined))).filter((t): t is string => t !== undefined)
  const goWork = set.goWork ? await readOrUndefined(set.goWork) : undefined
  return { label, goMods, goSums, ...(goWork !== undefined ? { goWork } : {}) }
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch {
    return undefined
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
