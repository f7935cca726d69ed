/**
 * The newest Go in the runner's tool cache (where actions/setup-go keeps its versions), for
 * `findGo(findGoInToolCache)`, through @actions/tool-cache's own lookup. Only the action imports this file, and only
 * on use (a dynamic import): @actions/tool-cache loads @actions/http-client, undici and tunnel, which a run that
 * finds go on PATH never needs to evaluate; and the CLI bundle must not carry @actions/core.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { find, findAllVersions } from '@actions/tool-cache'
import semver from 'semver'

/** Path of the newest cached Go binary, or undefined (no RUNNER_TOOL_CACHE, no Go in it). */
export function findGoInToolCache(): string | undefined {
  if (!process.env.RUNNER_TOOL_CACHE) return undefined
  try {
    const versions = findAllVersions('go').sort(compareVersions)
    const newest = versions[versions.length - 1]
    if (!newest) return undefined
    const dir = find('go', newest)
    if (!dir) return undefined
    const go = join(dir, 'bin', process.platform === 'win32' ? 'go.exe' : 'go')
    return existsSync(go) ? go : undefined
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
