/** The install step in one line, for the log and the job summary (pure). */

/** What the line needs from the install result (src/install/install.ts InstalledGo). */
export interface InstallFacts {
  readonly version: string
  readonly goroot: string
  readonly cacheHit: boolean
  readonly source?: string
  readonly bytes: number
  readonly h1?: string
  readonly ms: number
}

/**
 * `Go 1.23.5: downloaded from https://goproxy.cn (70.1 MiB), verified h1:…, installed at /opt/hostedtoolcache/go/1.23.5/x64 in 12.3 s`
 * or `Go 1.23.5: cache hit at …`.
 */
export function renderInstallLine(facts: InstallFacts): string {
  const seconds = `${(facts.ms / 1000).toFixed(1)} s`
  if (facts.cacheHit) return `Go ${facts.version}: cache hit at ${facts.goroot} (no download, ${seconds})`
  const size = `${(facts.bytes / (1 << 20)).toFixed(1)} MiB`
  return `Go ${facts.version}: downloaded from ${facts.source ?? 'the chain'} (${size}), verified against the checksum database (${facts.h1 ?? '?'}), installed at ${facts.goroot} in ${seconds}`
}
