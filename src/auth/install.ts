/**
 * Writes the credential plan to files of the action's own (mode 0600, under RUNNER_TEMP)
 * and removes them again in the post step. Only file paths go into the environment, so
 * nothing secret reaches GITHUB_ENV; ~/.netrc and ~/.gitconfig are never touched.
 */
import { chmod, lstat, mkdir, open, readdir, readFile, rm, rmdir, unlink } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { CredentialPlan } from './index.js'
import { GIT_CONFIG_FILE, MARKER, NETRC_FILE, renderGitConfig, renderNetrc } from './files.js'

export interface InstalledCredentials {
  /** Every file written, to save for the post step. */
  files: string[]
  /** Variables to export: NETRC and GIT_CONFIG_COUNT/KEY_n/VALUE_n. Paths only, never a secret. */
  env: Record<string, string>
}

export interface InstallOptions {
  /** The job's environment, for its own NETRC / home netrc and GIT_CONFIG_COUNT. Defaults to process.env. */
  env?: NodeJS.ProcessEnv
}

const posix = process.platform !== 'win32'

/** Creates `file` afresh with mode 0600 from the first byte (never briefly readable by others). */
async function writePrivate(file: string, content: string): Promise<void> {
  await rm(file, { force: true })
  const handle = await open(file, 'wx', 0o600)
  try {
    await handle.writeFile(content, 'utf8')
  } finally {
    await handle.close()
  }
  if (posix) await chmod(file, 0o600)
}

/** Where go would read netrc without us: $NETRC, else ~/.netrc (~/_netrc on Windows), as in cmd/go/internal/auth. */
function jobNetrcPath(env: NodeJS.ProcessEnv): string {
  if (env.NETRC) return env.NETRC
  const home = (process.platform === 'win32' ? env.USERPROFILE : env.HOME) || os.homedir()
  return path.join(home, process.platform === 'win32' ? '_netrc' : '.netrc')
}

async function readJobNetrc(env: NodeJS.ProcessEnv, target: string): Promise<string | undefined> {
  const source = jobNetrcPath(env)
  if (path.resolve(source) === path.resolve(target)) return undefined
  try {
    return await readFile(source, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * Writes `<dir>/netrc` (proxy hosts, and module hosts go looks up itself) and
 * `<dir>/gitconfig` (module hosts, by URL prefix), each 0600, and returns the
 * variables that make go and git use them: `NETRC=<dir>/netrc`, and the git file
 * included through the next free `GIT_CONFIG_KEY_n=include.path` (entries a
 * previous step exported stay in force). The job's own netrc is copied after the
 * plan's entries, since NETRC hides it from go. Writes nothing for an empty plan.
 */
export async function installCredentials(
  plan: CredentialPlan,
  dir: string,
  options: InstallOptions = {}
): Promise<InstalledCredentials> {
  const env = options.env ?? process.env
  const files: string[] = []
  const exported: Record<string, string> = {}
  if (plan.netrc.length === 0 && plan.git.length === 0) return { files, env: exported }
  if (!path.isAbsolute(dir)) throw new Error(`credential directory ${dir} is not an absolute path`)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  // Also when the directory existed: nobody else may list or replace the files in it.
  if (posix) await chmod(dir, 0o700)

  if (plan.netrc.length > 0) {
    const file = path.join(dir, NETRC_FILE)
    await writePrivate(file, renderNetrc(plan.netrc, await readJobNetrc(env, file)))
    files.push(file)
    exported.NETRC = file
  }
  if (plan.git.length > 0) {
    const file = path.join(dir, GIT_CONFIG_FILE)
    await writePrivate(file, renderGitConfig(plan.git))
    files.push(file)
    const count = /^\d+$/.test(env.GIT_CONFIG_COUNT ?? '') ? Number(env.GIT_CONFIG_COUNT) : 0
    exported.GIT_CONFIG_COUNT = String(count + 1)
    exported[`GIT_CONFIG_KEY_${count}`] = 'include.path'
    // Forward slashes: git for Windows reads them, and a config value given this way is not unescaped.
    exported[`GIT_CONFIG_VALUE_${count}`] = posix ? file : file.replace(/\\/g, '/')
  }
  return { files, env: exported }
}

/** Thrown by removeCredentials after it tried every file, when some could not or may not be removed. */
export class CredentialRemovalError extends Error {
  constructor(
    readonly removed: string[],
    readonly problems: string[]
  ) {
    super(`Could not remove every credential file:\n${problems.join('\n')}`)
    this.name = 'CredentialRemovalError'
  }
}

export interface RemoveOptions {
  /** The action's credential directory: a file outside it is refused. */
  dir?: string
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(path.resolve(dir), file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

async function startsWithMarker(file: string): Promise<boolean> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(MARKER.length)
    const { bytesRead } = await handle.read(buffer, 0, MARKER.length, 0)
    return buffer.subarray(0, bytesRead).toString('utf8') === MARKER
  } finally {
    await handle.close()
  }
}

/** Why `file` may not be removed, or undefined when it is one of ours (or already gone: 'missing'). */
async function refusal(file: string, dir: string | undefined): Promise<string | undefined> {
  if (!path.isAbsolute(file)) return 'not an absolute path'
  if (dir !== undefined && !isInside(dir, file)) return `outside the credential directory ${dir}`
  if (![NETRC_FILE, GIT_CONFIG_FILE].includes(path.basename(file))) return 'not a file name the action writes'
  let stats
  try {
    stats = await lstat(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw error
  }
  if (!stats.isFile()) return 'not a regular file'
  if (!(await startsWithMarker(file))) return 'not written by this action (no marker line)'
  return undefined
}

/**
 * The credential files in `dir` that carry the action's marker: what the post step removes besides the saved list
 * (a main step that ended between writing a file and saving the list left a file the list does not name).
 */
export async function markedCredentialFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  const found: string[] = []
  for (const name of names.filter(n => n === NETRC_FILE || n === GIT_CONFIG_FILE)) {
    const file = path.join(path.resolve(dir), name)
    try {
      if ((await lstat(file)).isFile() && (await startsWithMarker(file))) found.push(file)
    } catch {
      // Gone meanwhile, or unreadable: not provably ours.
    }
  }
  return found
}

/**
 * Deletes the credential files installCredentials wrote. A missing file is fine
 * (a second call does nothing); a file that is outside `options.dir`, has another
 * name, is not a regular file or lacks the action's marker line is left alone and
 * reported. The directory is removed too when it is left empty. Returns the files
 * removed; throws CredentialRemovalError (with `removed`) after trying all of them
 * if any was refused or failed.
 */
export async function removeCredentials(files: readonly string[], options: RemoveOptions = {}): Promise<string[]> {
  const removed: string[] = []
  const problems: string[] = []
  for (const given of files) {
    const file = typeof given === 'string' && path.isAbsolute(given) ? path.resolve(given) : String(given)
    try {
      const why = await refusal(file, options.dir)
      if (why === 'missing') continue
      if (why) {
        problems.push(`${file}: ${why}; left in place`)
        continue
      }
      await unlink(file)
      removed.push(file)
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`)
    }
  }
  const dirs = new Set(removed.map(file => path.dirname(file)))
  if (options.dir) dirs.add(path.resolve(options.dir))
  for (const dir of dirs) {
    // rmdir removes only an empty directory: anything else there stays.
    await rmdir(dir).catch(() => undefined)
  }
  if (problems.length > 0) throw new CredentialRemovalError(removed, problems)
  return removed
}
