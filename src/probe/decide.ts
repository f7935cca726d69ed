/**
 * What the probe's observations mean: the chain to export, its problems, the fastest
 * proxy, whether sum.golang.org may be switched to its alias, and when the probe may end
 * early. Pure: src/probe/probe.ts makes the requests and asks these functions.
 */
import type { Chain, ProxyEntry } from '../go/proxy/chain.js'
import { isWorking, type ProbeStatus, type ProxyResult, type SumdbCheck } from './report.js'
import { rebuildChain, type EntryStanding } from './reorder.js'
import { CHINA_SUMDB_ALIAS, parseGosumdb, type SumdbConfig } from '../go/sumdb/config.js'
import type { Wording } from '../host/wording.js'

/** The chain to export and whether every proxy was dropped. */
export interface ChainDecision {
  /** Working entries, `|` runs sorted (order latency); the given chain when nothing at all is left. */
  readonly chain: Chain
  /** The chain had proxies and none of them works. */
  readonly noneWorks: boolean
}

/**
 * The rebuilt chain (dead entries dropped, `|` runs sorted by median, `,` never crossed:
 * see reorder.ts). When no proxy is left and there is no terminal keyword either, the
 * given chain is kept: an empty GOPROXY would mean Go's default.
 */
export function decideChain(
  given: Chain,
  standingOf: (entry: ProxyEntry) => EntryStanding | undefined,
  order: 'latency' | 'given'
): ChainDecision {
  const rebuilt = rebuildChain(given, standingOf, order)
  const noneWorks = given.proxies.length > 0 && rebuilt.proxies.length === 0
  return { chain: rebuilt.proxies.length > 0 || rebuilt.terminal ? rebuilt : given, noneWorks }
}

/** True for an entry joined to the next proxy by `,`: only a 404/410 passes it. */
export function isGate(chain: Chain, index: number): boolean {
  return chain.proxies[index].separator === ',' && index + 1 < chain.proxies.length
}

/**
 * The problems of the proxy part of the probe: "no proxy works" (with each reason), and
 * one per dead `,` gate. A dead gate is a problem, never silently dropped: dropping it
 * would hand every request meant for it, private paths included, to the next proxy.
 * `redact` turns a URL into its printable form.
 */
export function chainProblems(
  given: Chain,
  noneWorks: boolean,
  statusOf: (url: string) => { status: ProbeStatus; message: string },
  redact: (url: string) => string,
  words: Wording
): string[] {
  const problems: string[] = []
  if (noneWorks) {
    const why = given.proxies
      .filter(entry => !isWorking(statusOf(entry.url).status))
      .map(entry => `${redact(entry.url)}: ${statusOf(entry.url).message}`)
    const unique = [...new Set(why)].join('; ')
    const tail =
      given.terminal === 'direct'
        ? ' Only direct is left: every module would come from its origin repository, without a proxy.'
        : given.terminal === 'off'
          ? ' The chain ends in off: no module could be downloaded.'
          : ''
    const untrusted = given.proxies.some(entry => isUntrustedCertificate(statusOf(entry.url)))
    problems.push(`No proxy in the chain works from ${words.here} (${unique}).${tail}${untrusted ? TRUST_HINT : ''}`)
  }
  given.proxies.forEach((entry, i) => {
    if (!isGate(given, i) || isWorking(statusOf(entry.url).status)) return
    const next = given.proxies[i + 1]
    problems.push(
      `${redact(entry.url)} does not work and is a "," gate before ${redact(next.url)}: dropping it would send every request meant for it, private module paths included, to the next proxy. Fix or remove it, or list private paths in ${words.input('private')} / ${words.input('no-proxy')} and join the two with "|".`
    )
  })
  return problems
}

/**
 * What to do about a certificate nothing here trusts (a TLS-inspecting corporate proxy, a private CA): the go command
 * and this tool both read SSL_CERT_FILE, Node also NODE_EXTRA_CA_CERTS.
 */
export const TRUST_HINT =
  ' A certificate is not trusted here: behind a TLS-inspecting proxy or with a private CA, set SSL_CERT_FILE=<the CA certificate (PEM)> (the go command reads it too) or NODE_EXTRA_CA_CERTS, then try again.'

/** A TLS failure about who signed the certificate (not an expired one, a wrong host name or a broken handshake). */
function isUntrustedCertificate(result: { status: ProbeStatus; message: string }): boolean {
  return result.status === 'tls' && /self-signed|unknown authority|not trusted/.test(result.message)
}

/** The URL of the fastest proxy on the exported chain that served the version list (lowest median; first on a tie). */
export function fastestProxy(proxies: readonly ProxyResult[]): string | undefined {
  const measured = proxies.filter(p => p.status === 'ok' && p.position !== null && p.medianMs !== null)
  return [...measured].sort((a, b) => (a.medianMs as number) - (b.medianMs as number))[0]?.url
}

/**
 * Whether the probe may switch GOSUMDB to sum.golang.google.cn when the path to
 * sum.golang.org fails: only when sum.golang.org is Go's default (the user chose no
 * `sumdb`) and has no URL. A database the user named is never swapped behind their back.
 */
export function mayUseChinaAlias(sumdb: SumdbConfig, sumdbChosen: boolean): boolean {
  return sumdb.kind === 'db' && !sumdbChosen && sumdb.name === 'sum.golang.org' && !sumdb.explicitUrl
}

/** The checksum-DB outcome after the alias was tried. */
export interface AliasDecision {
  readonly check: SumdbCheck
  /** The GOSUMDB to export: the alias when switched, else the one given. */
  readonly sumdb: SumdbConfig
  readonly notes: readonly string[]
}

/**
 * Applies the switch from sum.golang.org to sum.golang.google.cn: only when the path to
 * sum.golang.org failed, the switch is allowed (mayUseChinaAlias) and the alias's own
 * `/latest` answered (`alias`, with `aliasLatestUrl` redacted). A failed alias is added
 * to the failure's words; anything else leaves the check as it was.
 */
export function applyChinaAlias(
  check: SumdbCheck,
  sumdb: SumdbConfig,
  allowed: boolean,
  alias: { readonly ok: boolean; readonly message: string; readonly ms: number } | undefined,
  aliasLatestUrl: string
): AliasDecision {
  if (check.status !== 'failed' || !allowed || alias === undefined) return { check, sumdb, notes: [] }
  if (!alias.ok) {
    return {
      check: { ...check, message: `${check.message}; ${CHINA_SUMDB_ALIAS} failed too: ${alias.message}` },
      sumdb,
      notes: []
    }
  }
  return {
    check: {
      name: check.name,
      status: 'switched',
      route: 'explicit',
      url: aliasLatestUrl,
      message: `${check.message}; switched GOSUMDB to ${CHINA_SUMDB_ALIAS} (the same database and key, reachable where sum.golang.org is not), which answers`,
      ms: alias.ms
    },
    sumdb: parseGosumdb('sumdb', CHINA_SUMDB_ALIAS),
    notes: [
      `GOSUMDB is set to ${CHINA_SUMDB_ALIAS}: sum.golang.org could not be reached the way the go command would ask it.`
    ]
  }
}

/**
 * A proxy that answers 404 for the probe module — a public module every public proxy serves — is kept (a proxy for
 * private modules only is normal before a public one), but it serves no public module: said in the log and the
 * summary, so that a later "not found" for a public module is not read as a private module.
 */
export function servesNoPublicModuleNotes(proxies: readonly ProxyResult[], module: string): string[] {
  return proxies
    .filter(proxy => proxy.status === 'not-found')
    .map(
      proxy =>
        `${proxy.url} answered 404 for ${module}, a public module: kept in the chain (it may serve only private modules), but public modules need a proxy after it or direct.`
    )
}
