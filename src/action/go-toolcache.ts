/**
 * The newest Go in the runner's tool cache, where actions/setup-go keeps its versions: for `findGo(lookup)` when
 * PATH has no go. It reads the layout @actions/tool-cache writes and reads (`$RUNNER_TOOL_CACHE/go/<semver>/<arch>`
 * plus an `<arch>.complete` marker; `<arch>` is Node's, `x64` or `arm64`) with the same rules as its `find` and
 * `findAllVersions`, without importing it: @actions/tool-cache loads @actions/core, @actions/http-client, undici
 * and tunnel, a quarter of a megabyte of bundle and a tenth of a second of start-up, for a directory listing.
 */
import { existsSync, readdirSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import semver from 'semver'

/** Path of the go binary of the newest complete Go for this machine's arch, or undefined (no cache, no Go in it). */
export function findGoInRunnerToolCache(
  env: Readonly<Record<string, string | undefined>> = process.env,
  arch: string = os.arch()
): string | undefined {
  const cache = env.RUNNER_TOOL_CACHE
  if (!cache) return undefined
  const goDir = join(cache, 'go')
  let names: string[]
  try {
    names = readdirSync(goDir)
  } catch {
    return undefined
  }
  // As tool-cache: a version directory counts when its name is a semver (after clean) and <arch> is complete.
  const complete = names
    .map(name => ({ name, version: semver.clean(name) }))
    .filter((v): v is { name: string; version: string } => v.version !== null && semver.valid(v.version) !== null)
    .filter(v => existsSync(join(goDir, v.name, arch)) && existsSync(join(goDir, v.name, `${arch}.complete`)))
    .sort((a, b) => semver.compare(a.version, b.version))
  const newest = complete.at(-1)
  if (!newest) return undefined
  // tool-cache's find() looks the newest up again under its cleaned name.
  const dir = join(goDir, newest.version, arch)
  if (!existsSync(dir) || !existsSync(`${dir}.complete`)) return undefined
  const go = join(dir, 'bin', process.platform === 'win32' ? 'go.exe' : 'go')
  return existsSync(go) ? go : undefined
}
