/**
 * The newest Go in the runner's tool cache (where actions/setup-go keeps its versions), for
 * `findGo(findGoInToolCache)`. Only the action imports this file: @actions/tool-cache pulls
 * in @actions/core, which the CLI bundle must not carry.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { find, findAllVersions } from '@actions/tool-cache'

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

/** Orders `1.22.10` after `1.22.9`; pre-releases (`1.23.0-rc1`) before their release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split('-', 2)
    return { nums: core.split('.').map(n => Number(n) || 0), pre }
  }
  const x = parse(a)
  const y = parse(b)
  for (let i = 0; i < Math.max(x.nums.length, y.nums.length); i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0)
    if (d !== 0) return d
  }
  if (x.pre === y.pre) return 0
  if (x.pre === undefined) return 1
  if (y.pre === undefined) return -1
  return x.pre < y.pre ? -1 : 1
}
