/**
 * The newest Go in the runner's tool cache (where actions/setup-go keeps its versions), for
 * `findGo(findGoInToolCache)`. The layout is @actions/tool-cache's (`$RUNNER_TOOL_CACHE/go/<version>/<arch>`, with
 * `<arch>.complete` beside it once the copy is complete; src/install/tool-cache.ts names it), read here with a
 * directory listing and two existence checks per version, as that package's `findAllVersions` and `find` do: the
 * package itself imports @actions/core, @actions/http-client, undici and tunnel at load, about 100 ms of a cold start
 * for a lookup that never touches the network. Loaded on use (a dynamic import): a run that finds go on PATH never
 * evaluates it.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import semver from 'semver'

/**
 * Path of the newest cached Go binary, or undefined (no RUNNER_TOOL_CACHE, no complete Go with its binary in it). `arch` is Node's
 * name for the machine (`x64`, `arm64`), the name setup-go caches under.
 */
export function findGoInToolCache(
  env: Readonly<Record<string, string | undefined>> = process.env,
  arch: string = process.arch,
  platform: NodeJS.Platform = process.platform
): string | undefined {
  const root = env.RUNNER_TOOL_CACHE
  if (!root) return undefined
  try {
    const goDir = join(root, 'go')
    const binary = (version: string) => join(goDir, version, arch, 'bin', platform === 'win32' ? 'go.exe' : 'go')
    const usable = readdirSync(goDir)
      .filter(version => semver.valid(version) !== null)
      .filter(version => existsSync(join(goDir, version, `${arch}.complete`)) && existsSync(binary(version)))
      .sort(compareVersions)
    const newest = usable[usable.length - 1]
    return newest === undefined ? undefined : binary(newest)
  } catch {
    return undefined
  }
}

/**
 * Orders the tool cache's version names (semver, as @actions/tool-cache writes them: `1.22.10` after `1.22.9`,
 * `1.23.0-rc.10` after `1.23.0-rc.2`, pre-releases before their release); a name that is not semver sorts first.
 */
export function compareVersions(a: string, b: string): number {
  const x = semver.valid(semver.clean(a) ?? '')
  const y = semver.valid(semver.clean(b) ?? '')
  if (!x || !y) return x ? 1 : y ? -1 : 0
  return semver.compare(x, y)
}
