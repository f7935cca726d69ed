/**
 * Where a Go toolchain lives in the runner's tool cache, named as actions/setup-go names it (pure).
 *
 * API:
 * - `toolCacheEntry(goVersion, nodeArch)`: `{ tool: 'go', version: makeSemver(goVersion), arch: nodeArch }`, i.e. the
 *   directory `$RUNNER_TOOL_CACHE/go/<version>/<arch>` with its marker file `<arch>.complete` beside it — the layout
 *   of @actions/tool-cache's `cacheDir(dir, 'go', version, arch)`, so setup-go and this action find each other's
 *   installs.
 */
import { quote } from '../go/errors.js'
import { makeSemver } from '../go/toolchain/version.js'

/** A tool-cache location, as @actions/tool-cache's `cacheDir`/`find` take it. */
export interface ToolCacheEntry {
  tool: 'go'
  /** setup-go's makeSemver of the Go version: `1.23.5`, `1.21.0-rc.1`. */
  version: string
  /** Node's `process.arch` (`x64`, `arm64`), not Go's GOARCH: setup-go caches under Node's name. */
  arch: string
  /** The path segments under the tool cache root: `['go', version, arch]`. */
  segments: [string, string, string]
  /** The marker file @actions/tool-cache writes next to the arch directory once the copy is complete. */
  completeMarker: string
}

/** The tool-cache entry for Go `goVersion` (`1.23.5`, `go1.23.5`, `1.21rc1`) on Node arch `nodeArch`. */
export function toolCacheEntry(goVersion: string, nodeArch: string): ToolCacheEntry {
  if (!/^[a-z0-9]+$/.test(nodeArch)) throw new Error(`not a Node process.arch value: ${quote(nodeArch)}`)
  const version = makeSemver(goVersion)
  return {
    tool: 'go',
    version,
    arch: nodeArch,
    segments: ['go', version, nodeArch],
    completeMarker: `${nodeArch}.complete`
  }
}
