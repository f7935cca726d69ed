/**
 * Where the Go install and the caches go on GitHub's hosted Windows runners (pure). Drive C: is slow there (tar
 * writing the module and build caches took 13–15 min on C: against ~1 min on D:, actions/setup-go PR #515), so:
 *
 * - the Go install goes to the tool cache on D:, with links back from C:, exactly as actions/setup-go's
 *   `cacheWindowsDir` does (src/installer.ts): only on win32, only on a GitHub-hosted runner (setup-go's
 *   `isSelfHosted`: RUNNER_ENVIRONMENT is not `github-hosted` and AGENT_ISSELFHOSTED is `1` or unset), only when
 *   RUNNER_TOOL_CACHE is set and both `c:\` and `d:\` exist; the D: root is RUNNER_TOOL_CACHE with its first `C:` (else
 *   `c:`) replaced by `D:` (`d:`). setup-go's links let either action find the other's install under C:;
 * - the module cache and the build cache go to D: on the same runners (GOMODCACHE `D:\go\pkg\mod`, GOCACHE
 *   `D:\go\go-build`, what setup-go PR #515 proposes), unless the job set them (or GOPATH, which GOMODCACHE follows):
 *   the job's own choice stays.
 *
 * Elsewhere (Linux, macOS, self-hosted Windows, a Windows without D:) nothing moves.
 */

/** What the placement depends on, read by the caller. */
export interface PlacementFacts {
  /** process.platform */
  readonly platform: string
  /** RUNNER_ENVIRONMENT, AGENT_ISSELFHOSTED, RUNNER_TOOL_CACHE, GOMODCACHE, GOCACHE, GOPATH as the job has them. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Whether `c:\` and `d:\` exist. */
  readonly hasDriveC: boolean
  readonly hasDriveD: boolean
}

export interface Placement {
  /** The tool cache to install Go into, and the C: root to link it from; undefined: RUNNER_TOOL_CACHE as it is. */
  readonly toolCache?: { readonly root: string; readonly linkedFrom: string }
  /** GOMODCACHE / GOCACHE to export (only those the job did not set). */
  readonly exports: Readonly<Record<string, string>>
}

export const WINDOWS_D_GOMODCACHE = 'D:\\go\\pkg\\mod'
export const WINDOWS_D_GOCACHE = 'D:\\go\\go-build'

/** actions/setup-go's isSelfHosted, as written there. */
export function isSelfHosted(env: PlacementFacts['env']): boolean {
  return (
    env.RUNNER_ENVIRONMENT !== 'github-hosted' &&
    (env.AGENT_ISSELFHOSTED === '1' || env.AGENT_ISSELFHOSTED === undefined)
  )
}

/** Whether this is a GitHub-hosted Windows runner with the fast D: drive (the conditions setup-go checks). */
export function onHostedWindowsWithD(facts: PlacementFacts): boolean {
  return facts.platform === 'win32' && !isSelfHosted(facts.env) && facts.hasDriveC && facts.hasDriveD
}

/** The placement for these facts (see the module doc). */
export function placement(facts: PlacementFacts): Placement {
  if (!onHostedWindowsWithD(facts)) return { exports: {} }
  const exports: Record<string, string> = {}
  const set = (name: string) => (facts.env[name] ?? '') !== ''
  if (!set('GOMODCACHE') && !set('GOPATH')) exports.GOMODCACHE = WINDOWS_D_GOMODCACHE
  if (!set('GOCACHE')) exports.GOCACHE = WINDOWS_D_GOCACHE
  const defaultRoot = facts.env.RUNNER_TOOL_CACHE
  if (!defaultRoot) return { exports }
  const root = defaultRoot.replace('C:', 'D:').replace('c:', 'd:')
  return root === defaultRoot ? { exports } : { toolCache: { root, linkedFrom: defaultRoot }, exports }
}
