/**
 * Resolves the `working-directory` lines into the module sets to download: a directory
 * (its go.mod or go.work, or the nearest one above it, as the go command finds them), or a
 * glob such as `**\/go.mod` or `services/*` for a monorepo. A module inside a workspace is
 * downloaded as that workspace (the go command would use the go.work anyway), so each
 * workspace runs once.
 */
import { existsSync, statSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import picomatch from 'picomatch'

export interface ModuleSet {
  /** Absolute directory where `go mod download` runs. */
  readonly dir: string
  /** The go.work there, when the set is a workspace. */
  readonly goWork?: string
  /** The go.mod files whose requirements the set covers (annotations point at them). */
  readonly goMods: readonly string[]
}

export interface ResolvedDirectories {
  readonly sets: ModuleSet[]
  /** Lines that matched nothing, or a directory without any go.mod: said in the report. */
  readonly notes: string[]
}

/** Directory names a glob never descends into. */
const SKIPPED = new Set(['vendor', 'testdata', 'node_modules'])
const WALK_LIMIT = 50_000

/**
 * The `working-directory` lines without a glob that name nothing on disk (resolved against `cwd`). A user who named
 * a directory made a typo when it is not there; warming nothing and succeeding would let them believe the cache is
 * warm. (A glob that matches nothing stays a note: globs are written to match what may or may not exist.)
 */
export function missingDirectories(lines: readonly string[], cwd: string): string[] {
  return lines
    .map(line => line.trim())
    .filter(line => line !== '' && !/[*?[]/.test(line) && !existsSync(resolve(cwd, line)))
}

/**
 * Resolves the lines against `cwd`. `gowork` is the job's GOWORK: `off` disables
 * workspaces, a path forces that one workspace for every directory.
 */
export async function resolveDirectories(
  lines: readonly string[],
  cwd: string,
  gowork?: string
): Promise<ResolvedDirectories> {
  const notes: string[] = []
  const dirs: string[] = []
  for (const raw of lines) {
    const line = raw.trim()
    if (line === '') continue
    if (isGlob(line)) {
      const matches = await expandGlob(line, cwd)
      if (matches.length === 0) notes.push(`working-directory: ${JSON.stringify(line)} matched no go.mod or go.work.`)
      dirs.push(...matches)
      continue
    }
    const dir = resolve(cwd, line)
    if (!existsSync(dir)) {
      notes.push(`working-directory: ${JSON.stringify(line)} does not exist; skipped.`)
      continue
    }
    dirs.push(statSync(dir).isDirectory() ? dir : dirname(dir))
  }

  const sets = new Map<string, ModuleSet>()
  for (const dir of dirs) {
    const set = await moduleSetFor(dir, gowork, cwd)
    if (!set) {
      notes.push(
        existsSync(join(dir, 'vendor.mod'))
          ? `working-directory: ${display(dir, cwd)} has vendor.mod and no go.mod: a project that keeps its module file as vendor.mod builds with -modfile=vendor.mod from vendor/ and never reads the module cache; nothing to warm there.`
          : `working-directory: ${display(dir, cwd)} has no go.mod or go.work (nor any above it); nothing to download there.`
      )
      continue
    }
    const known = sets.get(set.dir)
    sets.set(set.dir, known ? { ...known, goMods: [...new Set([...known.goMods, ...set.goMods])] } : set)
  }
  return { sets: [...sets.values()], notes }
}

/** The module set the go command uses in `dir`: the nearest go.work (unless GOWORK=off), else the nearest go.mod. */
async function moduleSetFor(dir: string, gowork: string | undefined, cwd: string): Promise<ModuleSet | undefined> {
  if (gowork && gowork !== 'off') {
    const goWork = isAbsolute(gowork) ? gowork : resolve(cwd, gowork)
    if (existsSync(goWork)) return { dir: dirname(goWork), goWork, goMods: await workspaceGoMods(goWork) }
  }
  let goMod: string | undefined
  for (let d = dir; ; d = dirname(d)) {
    if (gowork !== 'off' && existsSync(join(d, 'go.work'))) {
      const goWork = join(d, 'go.work')
      return { dir: d, goWork, goMods: await workspaceGoMods(goWork) }
    }
    if (!goMod && existsSync(join(d, 'go.mod'))) goMod = join(d, 'go.mod')
    if (dirname(d) === d) break
  }
  return goMod ? { dir: dirname(goMod), goMods: [goMod] } : undefined
}

/** The go.mod of every `use` directory of a go.work. */
async function workspaceGoMods(goWork: string): Promise<string[]> {
  let text: string
  try {
    text = await readFile(goWork, 'utf8')
  } catch {
    return []
  }
  const uses: string[] = []
  const stripped = text.replace(/\/\/[^\n]*/g, '')
  for (const block of stripped.matchAll(/^\s*use\s*\(([^)]*)\)/gm)) {
    uses.push(...block[1].split('\n').map(unquote).filter(Boolean))
  }
  for (const single of stripped.matchAll(/^\s*use\s+([^\s(][^\n]*)$/gm)) uses.push(unquote(single[1]))
  return uses.map(use => join(resolve(dirname(goWork), use), 'go.mod')).filter(existsSync)
}

function unquote(text: string): string {
  const t = text.trim()
  return /^".*"$|^`.*`$/.test(t) ? t.slice(1, -1) : t
}

/** Directories whose go.mod/go.work (or which themselves) match the glob, relative to cwd. */
async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '')
  const matches = globMatcher(normalized)
  const found = new Set<string>()
  let budget = WALK_LIMIT
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      if (--budget < 0) return
      const childRel = rel ? `${rel}/${entry.name}` : entry.name
      const child = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue
        if (matches(childRel) && (existsSync(join(child, 'go.mod')) || existsSync(join(child, 'go.work'))))
          found.add(child)
        await walk(child, childRel)
      } else if ((entry.name === 'go.mod' || entry.name === 'go.work') && matches(childRel)) {
        found.add(dir)
      }
    }
  }
  await walk(cwd, '')
  if (matches('') || matches('.')) {
    if (existsSync(join(cwd, 'go.mod')) || existsSync(join(cwd, 'go.work'))) found.add(cwd)
  }
  return [...found].sort()
}

/**
 * A glob over `/`-separated paths (picomatch's dialect: `**` spans directories, `*` and `?` stay inside one, `[...]`
 * and `{a,b}`), as a test of a path relative to the working directory.
 */
export function globMatcher(glob: string): (path: string) => boolean {
  return picomatch(glob, { dot: false })
}

/** Whether a working-directory line is a glob rather than a directory or file. */
function isGlob(line: string): boolean {
  return picomatch.scan(line).isGlob
}

/** A directory as shown in reports: relative to cwd with `/`, `.` for cwd itself. */
export function display(dir: string, cwd: string): string {
  const rel = relative(cwd, dir)
  if (rel === '') return '.'
  if (rel.startsWith('..') || isAbsolute(rel)) return dir
  return rel.split(sep).join('/')
}
