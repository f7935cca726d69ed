/**
 * The 2026 checksum-database fixes in the go command, and whether a job's go is exposed to them: a go older than
 * the fix that lets checksum-database traffic go through a third-party proxy (GOSUMDB without an explicit URL, and
 * a proxy in GOPROXY that is not the database operator's own) trusts what that proxy says more than it should.
 * - CVE-2026-42501: an empty or unrelated lookup answer accepted for toolchain downloads; fixed in go 1.26.3.
 * - CVE-2026-56865: a proxy could forge up to two tiles; fixed in go 1.25.13 and 1.26.6 (x/mod v0.40.0).
 * - CVE-2026-56864: unrelated hashes trusted in lookups; fixed in the same releases as CVE-2026-56865.
 * The action's own checksum-database client (src/sumdb/client.ts) follows x/mod v0.40.0 and has all three.
 */
import type { Chain } from '../proxy/chain.js'
import { presetForUrl } from '../proxy/presets.js'
import type { SumdbConfig } from './config.js'

/** One fix: the CVE and the first patched release of each minor version that got it (a later minor has it). */
interface ChecksumFix {
  readonly cve: string
  /** minor → first patched patch level, e.g. { 25: 13, 26: 6 }; minors above the highest have the fix. */
  readonly fixedIn: Readonly<Record<number, number>>
}

const FIXES: readonly ChecksumFix[] = [
  { cve: 'CVE-2026-42501', fixedIn: { 26: 3 } },
  { cve: 'CVE-2026-56865', fixedIn: { 25: 13, 26: 6 } },
  { cve: 'CVE-2026-56864', fixedIn: { 25: 13, 26: 6 } }
]

/** The proxies run by a database's own operator (by preset name): checksum traffic through them is first-party. */
const OPERATOR_PROXIES: Readonly<Record<string, readonly string[]>> = { 'sum.golang.org': ['proxy.golang.org'] }

/** `go1.23.5` → [1, 23, 5] (rc and beta count as .0 of their minor); undefined for a devel build or junk. */
export function parseGoVersion(version: string): [major: number, minor: number, patch: number] | undefined {
  const match = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(?:rc|beta)\d+)?$/.exec(version.trim())
  if (!match) return undefined
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)]
}

/** The CVEs of FIXES that go `version` does not have; none for a version it cannot read (a devel build). */
export function missingChecksumFixes(version: string): string[] {
  const parsed = parseGoVersion(version)
  if (!parsed) return []
  const [major, minor, patch] = parsed
  if (major !== 1) return []
  return FIXES.filter(fix => {
    const minors = Object.keys(fix.fixedIn).map(Number)
    if (minor > Math.max(...minors)) return false
    const first = fix.fixedIn[minor]
    return first === undefined || patch < first
  }).map(fix => fix.cve)
}

/** Whether checksum traffic can go through a proxy not run by the database's operator. */
export function checksumThroughThirdParty(sumdb: SumdbConfig, chain: Chain): boolean {
  if (sumdb.kind !== 'db' || sumdb.explicitUrl) return false
  const own = OPERATOR_PROXIES[sumdb.name] ?? []
  return chain.proxies.some(proxy => !own.includes(presetForUrl(proxy.url)?.name ?? ''))
}

/**
 * The warning for a job whose go (`go env GOVERSION`) predates the fixes while checksum traffic can go through a
 * third-party proxy, naming both ways out; undefined when neither holds.
 */
export function unpatchedGoWarning(goVersion: string, sumdb: SumdbConfig, chain: Chain): string | undefined {
  const missing = missingChecksumFixes(goVersion)
  if (missing.length === 0 || !checksumThroughThirdParty(sumdb, chain) || sumdb.kind !== 'db') return undefined
  const explicit =
    sumdb.name === 'sum.golang.org' ? 'sum.golang.org https://sum.golang.org' : `${sumdb.value} <its URL>`
  return `${goVersion} predates the checksum-database fixes of ${missing.join(', ')}, and GOSUMDB=${sumdb.value} lets go send its checksum traffic through a third-party proxy of GOPROXY. Either upgrade go to 1.26.6 or later (go-version: stable does it here), or set a GOSUMDB with an explicit URL (sumdb: ${explicit}) so that checksum traffic never goes through a proxy.`
}
