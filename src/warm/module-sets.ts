/**
 * The warm phase's reading step: each module set's go.mod, go.work and go.sum texts, read once at the start.
 * The pure plan (warm/plan.ts: what go will ask for) and the pure judge (warm/judge.ts: which go.mod
 * a failure belongs to) both work from these texts. Also the one question the plan asks the disk afterwards:
 * which of its files `$GOMODCACHE/cache/download` already holds (go will not ask for them).
 */
import { access, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { JudgedSet } from './judge.js'
import type { ModuleSetTexts, PrefetchFile } from './plan.js'
import { display, type ModuleSet } from './directories.js'
import { MODULE_DOWNLOAD_DIR } from '../go/module/path.js'

/** One module set with its texts, in the shapes the plan and the judge take. */
export interface ReadSet {
  readonly set: ModuleSet
  /** For the plan. */
  readonly texts: ModuleSetTexts
  /** For the judge. */
  readonly judged: JudgedSet
}

/** Reads the files of every set (an unreadable file is left out: the plan is a guess, go decides). */
export function readModuleSets(sets: readonly ModuleSet[], cwd: string): Promise<ReadSet[]> {
  return Promise.all(sets.map(set => readModuleSet(set, cwd)))
}

async function readModuleSet(set: ModuleSet, cwd: string): Promise<ReadSet> {
  const shown = display(set.dir, cwd)
  const goModTexts = await Promise.all(set.goMods.map(readOrUndefined))
  // go reads each module's go.sum, and in a workspace go.work.sum too.
  const sumFiles = [
    ...set.goMods.map(goMod => join(dirname(goMod), 'go.sum')),
    ...(set.goWork ? [join(dirname(set.goWork), 'go.work.sum')] : [])
  ]
  const goSums = (await Promise.all(sumFiles.map(readOrUndefined))).filter((t): t is string => t !== undefined)
  const goWork = set.goWork ? await readOrUndefined(set.goWork) : undefined
  return {
    set,
    texts: {
      label: shown,
      goMods: goModTexts.filter((t): t is string => t !== undefined),
      goSums,
      ...(goWork !== undefined ? { goWork } : {})
    },
    judged: {
      shown,
      ...(set.goWork ? { goWork: display(set.goWork, cwd) } : {}),
      goMods: set.goMods.map((file, i) => ({ shown: display(file, cwd), text: goModTexts[i] }))
    }
  }
}

/**
 * The files of `files` that `$GOMODCACHE/cache/download` does not hold (`modcache` undefined: all of them).
 * An empty or missing cache costs one check, not one per file.
 */
export async function notInCache(
  files: readonly PrefetchFile[],
  modcache: string | undefined
): Promise<{ missing: PrefetchFile[]; cached: number }> {
  const download = modcache ? join(modcache, ...MODULE_DOWNLOAD_DIR) : undefined
  if (!download || !(await exists(download))) return { missing: [...files], cached: 0 }
  const present = await Promise.all(files.map(f => exists(join(download, ...f.path.split('/')))))
  return { missing: files.filter((_f, i) => !present[i]), cached: present.filter(Boolean).length }
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
