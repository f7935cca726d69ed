import { formatChain, type Chain, type ProxyEntry } from '../core/chain.js'
import type { ModulePlan } from '../core/compose.js'
import { InputError, quote } from '../core/errors.js'
import { silentLogger, type Logger } from '../core/logger.js'
import { matchesPrefixPatterns } from '../core/patterns.js'
import {
  isWorking,
  median,
  type ProbeReport,
  type ProxyResult,
  type SumdbSupport,
  type SumdbVerdict,
  type SupportedAnswer
} from '../core/probe-report.js'
import { redactUrl } from '../core/proxy-url.js'
import { rebuildChain } from '../core/reorder.js'
import { sumdbRoute, type SumdbRoute } from '../core/sumdb/route.js'
import { CHINA_SUMDB_ALIAS, parseGosumdb, type SumdbConfig } from '../core/sumdb/config.js'
import { probeList, probeSupported, type ListProbe, type RequestContext, type SupportedProbe } from './proxy-probe.js'
import { checkLatest, type LatestCheck } from './sumdb-probe.js'
import { trustedCertificates } from './trust.js'
import { credentialsForUrl, joinUrlPath, type Credentials } from './url.js'

export interface ProbeOptions {
  /** Whole phase deadline in ms (input probe-timeout): every proxy and the checksum database. */
  timeoutMs: number
  probeModule: string
  order: 'latency' | 'given'
  /** Basic-auth credentials for a URL's host (the auth input), given the URL without userinfo; they win over the URL's own userinfo, as netrc does in Go. */
  credentialsFor?: (url: string) => Credentials | undefined
  /** Extra CA certificates (PEM) to trust, for tests and corporate roots; default: Node's + NODE_EXTRA_CA_CERTS/SSL_CERT_FILE if set. */
  ca?: string
  /** Version-list requests per working proxy, for the median (default 3). */
  samples?: number
  log?: Logger
  /**
   * For tests: the base URL to use instead of `https://<host>` for the checksum database's
   * own address and for sum.golang.google.cn. Production leaves it unset.
   */
  sumdbBaseOverride?: (host: string) => string | undefined
}

export interface ProbeOutcome {
  /** The `probe-report` output (JSON-serialisable, redacted). */
  report: ProbeReport
  /**
   * The chain to export: working entries only, `|` runs sorted by median with order=latency.
   * When no proxy works it is the terminal keyword alone, or the given chain when there is
   * none (an empty GOPROXY would mean Go's default); `problems` then says so.
   */
  chain: Chain
  /** plan.sumdb, or sum.golang.google.cn when sum.golang.org was Go's default, its path failed and the alias answers. */
  sumdb: SumdbConfig
  /** Non-empty when no proxy works or the checksum path fails: the orchestrator applies on-unreachable. */
  problems: string[]
  /** Redacted URL of the fastest proxy that served the version list. */
  fastest?: string
  /** Redacted URLs of the dropped proxies. */
  unreachable: string[]
}

/** Defensive: the composition already rejects a private probe module; nothing private may leave the runner. */
function assertPublicModule(plan: ModulePlan, module: string): void {
  if (matchesPrefixPatterns(plan.gonoproxy, module) || matchesPrefixPatterns(plan.gonosumdb, module)) {
    throw new InputError(
      'probe-module',
      `${quote(module)} matches the private patterns (GONOPROXY ${quote(plan.gonoproxy)}, GONOSUMDB ${quote(plan.gonosumdb)}); the probe would send it to every proxy.`
    )
  }
}

function supportOf(probe: SupportedProbe | undefined): SupportedAnswer {
  return probe ?? { support: 'error', message: 'no answer before the probe ended' }
}

/**
 * Probes every distinct proxy of the plan's chain and the checksum database path the go
 * command will take, all concurrently and all under one deadline (timeoutMs from the
 * call): a request still running then is destroyed and classified by its phase. Then
 * rebuilds the chain from what works and checks the database route on the REBUILT
 * chain. Sends only the probe module's list path and `/sumdb/<name>/{supported,latest}`,
 * never a private path; credentials go only to their own origin and are never printed.
 */
export async function probeChain(plan: ModulePlan, options: ProbeOptions): Promise<ProbeOutcome> {
  const start = performance.now()
  const deadline = start + options.timeoutMs
  const log = options.log ?? silentLogger
  const module = options.probeModule
  assertPublicModule(plan, module)
  const ca = trustedCertificates(options.ca)
  // Ends the checksum-database requests whose answer turns out not to matter.
  const stop = new AbortController()
  const context = (url: string, speculative = false): RequestContext => {
    const credentials = credentialsForUrl(url, options.credentialsFor)
    return {
      deadline,
      ...(ca ? { ca } : {}),
      ...(credentials ? { credentials } : {}),
      ...(speculative ? { signal: stop.signal } : {})
    }
  }

  const urls = [...new Set(plan.chain.proxies.map(entry => entry.url))]
  const lists = new Map(urls.map(url => [url, probeList(url, module, options.samples ?? 3, context(url))]))

  // Every way to the checksum database is tried at once, from the start: the route is
  // only known once the chain is rebuilt, and by then there may be no time left.
  const sumdb = plan.sumdb
  const latestChecks = new Map<string, Promise<LatestCheck>>()
  const latest = (base: string): Promise<LatestCheck> => {
    let check = latestChecks.get(base)
    if (!check && sumdb.kind === 'db') {
      check = checkLatest(base, sumdb.name, context(base, true))
      latestChecks.set(base, check)
    }
    return check ?? Promise.resolve({ ok: false, message: 'not checked', ms: 0 })
  }
  const ownBase = (base: string): string => {
    const host = /^https:\/\/([^/?#@]+)\/?$/i.exec(base)?.[1]
    return (host && options.sumdbBaseOverride?.(host)) || base
  }
  const proxyBase = (url: string): string => joinUrlPath(url, `sumdb/${sumdb.kind === 'db' ? sumdb.name : ''}`)
  const aliasEligible =
    sumdb.kind === 'db' && !plan.sumdbChosen && sumdb.name === 'sum.golang.org' && !sumdb.explicitUrl
  const aliasBase = ownBase(`https://${CHINA_SUMDB_ALIAS}`)
  const supported = new Map<string, Promise<SupportedProbe | undefined>>()
  const supportedSettled = new Map<string, SupportedProbe | undefined>()
  if (sumdb.kind === 'db') {
    if (!sumdb.explicitUrl) {
      for (const url of urls) {
        const answer = probeSupported(url, sumdb.name, context(url, true)).then(result => {
          supportedSettled.set(url, result)
          if (result?.support === 'yes') void latest(proxyBase(url))
          return result
        })
        supported.set(url, answer)
      }
    }
    void latest(ownBase(sumdb.url))
    if (aliasEligible) void latest(aliasBase)
  }

  const results = new Map<string, ListProbe>()
  for (const [url, probe] of lists) results.set(url, await probe)
  const verdictOf = (entry: ProxyEntry) => {
    const result = results.get(entry.url)
    if (!result) return undefined
    const medianMs = result.status === 'ok' ? (median(result.samplesMs) ?? undefined) : undefined
    return { working: isWorking(result.status), ...(medianMs !== undefined ? { medianMs } : {}) }
  }
  const rebuilt = rebuildChain(plan.chain, verdictOf, options.order)
  const noneWorks = plan.chain.proxies.length > 0 && rebuilt.proxies.length === 0
  const chain = rebuilt.proxies.length > 0 || rebuilt.terminal ? rebuilt : plan.chain

  // The route on the chain that will be exported, waiting only for the answers it needs.
  const answers = new Map<string, SupportedAnswer>()
  let route: SumdbRoute = sumdbRoute(chain, sumdb, url => answers.get(url))
  while (route.kind === 'pending') {
    answers.set(route.proxy, supportOf(await supported.get(route.proxy)))
    route = sumdbRoute(chain, sumdb, url => answers.get(url))
  }
  let verdict = await routeVerdict(route, sumdb, { latest, ownBase, proxyBase })
  let finalSumdb = sumdb
  const notes: string[] = []
  if (verdict.status === 'failed' && aliasEligible) {
    const alias = await latest(aliasBase)
    if (alias.ok) {
      finalSumdb = parseGosumdb('sumdb', CHINA_SUMDB_ALIAS)
      verdict = {
        name: verdict.name,
        status: 'switched',
        route: 'explicit',
        url: redactUrl(joinUrlPath(aliasBase, 'latest')),
        message: `${verdict.message}; switched GOSUMDB to ${CHINA_SUMDB_ALIAS} (the same database and key, reachable where sum.golang.org is not), which answers`,
        ms: alias.ms
      }
      notes.push(
        `GOSUMDB is set to ${CHINA_SUMDB_ALIAS}: sum.golang.org could not be reached the way the go command would ask it.`
      )
    } else {
      verdict = { ...verdict, message: `${verdict.message}; ${CHINA_SUMDB_ALIAS} failed too: ${alias.message}` }
    }
  }
  stop.abort()

  const problems: string[] = []
  const position = new Map(chain.proxies.map((entry, i) => [entry.url, i + 1]))
  const proxies: ProxyResult[] = urls.map(url => {
    const result = results.get(url) as ListProbe
    const answer = supportedSettled.get(url)
    const sumdbSupport: SumdbSupport = !supported.has(url)
      ? 'not asked'
      : answer === undefined
        ? 'unknown'
        : answer.support
    return {
      url: redactUrl(url),
      status: result.status,
      message: result.message,
      samplesMs: result.samplesMs,
      attempts: result.attempts,
      medianMs: result.status === 'ok' ? median(result.samplesMs) : null,
      sumdbSupport,
      ...(answer?.support === 'error' ? { sumdbMessage: answer.message } : {}),
      position: position.get(url) ?? null
    }
  })
  const dropped = proxies.filter(p => !isWorking(p.status))
  if (noneWorks) {
    const why = dropped.map(p => `${p.url}: ${p.message}`).join('; ')
    const tail =
      plan.chain.terminal === 'direct'
        ? ' Only direct is left: every module would come from its origin repository, without a proxy.'
        : plan.chain.terminal === 'off'
          ? ' The chain ends in off: no module could be downloaded.'
          : ''
    problems.push(`No proxy in the chain works from this runner (${why}).${tail}`)
  }
  if (verdict.status === 'failed') problems.push(`Checksum database ${verdict.name}: ${verdict.message}`)
  plan.chain.proxies.forEach((entry, i) => {
    const next = plan.chain.proxies[i + 1]
    if (next && entry.separator === ',' && !isWorking((results.get(entry.url) as ListProbe).status)) {
      // Security first: dropping a dead gate would hand every request meant for it, private paths
      // included, to the next proxy. That is the user's call, not the probe's.
      problems.push(
        `${redactUrl(entry.url)} does not work and is a "," gate before ${redactUrl(next.url)}: dropping it would send every request meant for it, private module paths included, to the next proxy. Fix or remove it, or list private paths in private / no-proxy and join the two with "|".`
      )
    }
  })

  const working = proxies.filter(p => p.status === 'ok' && p.position !== null && p.medianMs !== null)
  const fastest = working.sort((a, b) => (a.medianMs as number) - (b.medianMs as number))[0]?.url
  const report: ProbeReport = {
    module,
    timeoutMs: options.timeoutMs,
    elapsedMs: Math.round(performance.now() - start),
    order: options.order,
    chain: formatChain(chain, true),
    proxies,
    sumdb: verdict,
    notes,
    problems
  }
  for (const p of proxies) {
    const timing = p.medianMs === null ? '' : `, median ${p.medianMs} ms (samples: ${p.samplesMs.join(', ')} ms)`
    log.info(`probe ${p.url}: ${isWorking(p.status) ? '' : 'dropped: '}${p.message}${timing}`)
  }
  if (verdict.status === 'switched') log.warning(verdict.message)
  else log.info(`checksum database: ${verdict.message}`)
  log.info(`probe finished in ${report.elapsedMs} ms (timeout ${options.timeoutMs} ms)`)
  return {
    report,
    chain,
    sumdb: finalSumdb,
    problems,
    ...(fastest ? { fastest } : {}),
    unreachable: dropped.map(p => p.url)
  }
}

interface RouteTools {
  latest(base: string): Promise<LatestCheck>
  ownBase(base: string): string
  proxyBase(url: string): string
}

/** Checks the path the go command will take and says, in words, which path that is and how it went. */
async function routeVerdict(route: SumdbRoute, sumdb: SumdbConfig, tools: RouteTools): Promise<SumdbVerdict> {
  if (route.kind === 'off' || sumdb.kind === 'off') {
    return {
      name: '',
      status: 'off',
      route: 'off',
      message: 'GOSUMDB=off: checksums are not verified, nothing to check.'
    }
  }
  const name = sumdb.name
  if (route.kind === 'fails' || route.kind === 'pending') {
    const proxy = redactUrl(route.proxy)
    const why = route.kind === 'fails' ? route.message : 'no answer'
    return {
      name,
      status: 'failed',
      route: 'none',
      via: proxy,
      message: `the go command first asks ${proxy}/sumdb/${name}/supported, which failed (${why}), and does not fall through that error (a "," after it, or no direct at the end): verification would fail`
    }
  }
  const base = route.kind === 'proxy' ? tools.proxyBase(route.proxy) : tools.ownBase(route.base)
  const check = await tools.latest(base)
  const url = redactUrl(joinUrlPath(base, 'latest'))
  const how =
    route.kind === 'proxy'
      ? `the go command sends checksum traffic through ${redactUrl(route.proxy)} (it answers /sumdb/${name}/supported) and never falls back from it`
      : route.kind === 'explicit'
        ? `GOSUMDB names ${redactUrl(base)}; the go command goes there directly`
        : `no proxy in the chain serves it, so the go command goes directly to ${redactUrl(base)}`
  return {
    name,
    status: check.ok ? 'ok' : 'failed',
    route: route.kind,
    ...(route.kind === 'proxy' ? { via: redactUrl(route.proxy) } : {}),
    url,
    message: check.ok ? `${how}: ${url} answered with a ${check.message}` : `${how}: ${url} failed: ${check.message}`,
    ms: check.ms
  }
}
