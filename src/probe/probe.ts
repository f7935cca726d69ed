import type { CredentialsLookup } from '../auth/types.js'
import { formatChain, type Chain, type ProxyEntry } from '../go/proxy/chain.js'
import type { ModulePlan } from '../settings/compose.js'
import { InputError, quote } from '../go/errors.js'
import { silentLogger, type Logger } from '../host/logger.js'
import { ACTION_WORDING, type Wording } from '../host/wording.js'
import { matchesPrefixPatterns } from '../go/env/patterns.js'
import {
  applyChinaAlias,
  chainProblems,
  decideChain,
  fastestProxy,
  mayUseChinaAlias,
  servesNoPublicModuleNotes
} from './decide.js'
import { settleProbe, type EntryProgress } from './settle.js'
import {
  isWorking,
  median,
  type ProbeReport,
  type ProxyResult,
  type SumdbSupport,
  type SumdbCheck,
  type SupportedAnswer
} from './report.js'
import { redactUrl } from '../go/proxy/url.js'
import { sumdbRoute, type SumdbRoute } from '../go/sumdb/route.js'
import { CHINA_SUMDB_ALIAS, type SumdbConfig } from '../go/sumdb/config.js'
import { createHttpClient, type HttpClient } from '../net/http.js'
import { probeList, probeSupported, type ListProbe, type RequestContext, type SupportedProbe } from './proxy-probe.js'
import { checkLatest, type LatestCheck } from './sumdb-probe.js'
import { trustedCertificates } from './trust.js'
import { credentialsForUrl, joinUrlPath } from './url.js'

export interface ProbeOptions {
  /** Whole phase deadline in ms (input probe-timeout): every proxy and the checksum database. */
  timeoutMs: number
  probeModule: string
  order: 'latency' | 'given'
  /** Basic-auth credentials for a URL's host (the auth input), given the URL without userinfo; they win over the URL's own userinfo, as netrc does in Go. */
  credentialsFor?: CredentialsLookup
  /** Extra CA certificates (PEM) to trust, for tests and corporate roots; default: Node's + NODE_EXTRA_CA_CERTS/SSL_CERT_FILE if set. */
  ca?: string
  /**
   * Version-list requests per working proxy, for the median. Default 3 when the chain has two proxies or more (the
   * median orders them), 1 when it has one: there is nothing to order, and the first answer tells that it works.
   */
  samples?: number
  log?: Logger
  /** The host's words for its settings and place in the problems; the action's when not given. */
  words?: Wording
  /**
   * For tests: the base URL to use instead of `https://<host>` for the checksum database's
   * own address and for sum.golang.google.cn. Production leaves it unset.
   */
  sumdbBaseOverride?: (host: string) => string | undefined
  /**
   * End before the deadline once its outcome is settled, dropping the proxies that did not
   * answer within the grace window as too slow (probe/settle.ts). Default true; false
   * waits for every proxy until the deadline (tests that classify each kind of failure).
   */
  endWhenSettled?: boolean
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
  assertPublicModule(plan, options.probeModule)
  const ca = trustedCertificates(options.ca)
  // One client for the whole run: a proxy's samples share a kept-alive connection. Closing it
  // ends every socket and every request still in flight, so nothing outlives the phase.
  const client = createHttpClient({
    ...(ca ? { ca } : {}),
    env: process.env,
    userAgent: 'setup-goproxy-probe'
  })
  try {
    return await probeWith(client, plan, options, start)
  } finally {
    await client.close()
  }
}

/**
 * Each request's context: the client, the deadline, the URL's credentials, and the signals that end it early — `stop`
 * for a speculative checksum-database request whose answer turns out not to matter, and the cutter of the proxy it
 * asks, aborted when that proxy is cut as too slow (probe/settle.ts).
 */
function requestContexts(
  client: HttpClient,
  deadline: number,
  urls: readonly string[],
  options: ProbeOptions
): {
  context: (url: string, speculative?: boolean, proxy?: string) => RequestContext
  stop: AbortController
  cutters: Map<string, AbortController>
} {
  const stop = new AbortController()
  const cutters = new Map(urls.map(url => [url, new AbortController()]))
  const context = (url: string, speculative = false, proxy?: string): RequestContext => {
    const credentials = credentialsForUrl(url, options.credentialsFor)
    const cutter = proxy === undefined ? undefined : cutters.get(proxy)
    const signals = [...(speculative ? [stop.signal] : []), ...(cutter ? [cutter.signal] : [])]
    return {
      client,
      deadline,
      ...(credentials ? { credentials } : {}),
      ...(signals.length > 0 ? { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) } : {})
    }
  }
  return { context, stop, cutters }
}

/** The probe itself, every request on `client` (closed by the caller); `start` is when the phase began. */
async function probeWith(
  client: HttpClient,
  plan: ModulePlan,
  options: ProbeOptions,
  start: number
): Promise<ProbeOutcome> {
  const deadline = start + options.timeoutMs
  const log = options.log ?? silentLogger
  const module = options.probeModule
  const urls = [...new Set(plan.chain.proxies.map(entry => entry.url))]
  const { context, stop, cutters } = requestContexts(client, deadline, urls, options)

  const samples = options.samples ?? (urls.length > 1 ? 3 : 1)
  const results = new Map<string, ListProbe>()
  const answered = new Set<string>()
  const lists = new Map(
    urls.map(url => [
      url,
      probeList(url, module, samples, context(url, false, url), () => answered.add(url)).then(result => {
        if (!results.has(url)) results.set(url, result)
        return result
      })
    ])
  )

  const sumdb = plan.sumdb
  const checks = startSumdbChecks(plan, urls, options, context)
  const { latest, ownBase, proxyBase, aliasEligible, aliasBase, supported, supportedSettled } = checks

  await untilSettled(plan.chain, lists, results, answered, start, log, {
    enabled: options.endWhenSettled ?? true,
    cut: url => cutters.get(url)?.abort(),
    sumdbVerified: checks.verified
  })
  const standingOf = (entry: ProxyEntry) => {
    const result = results.get(entry.url)
    if (!result) return undefined
    const medianMs = result.status === 'ok' ? (median(result.samplesMs) ?? undefined) : undefined
    return { working: isWorking(result.status), ...(medianMs !== undefined ? { medianMs } : {}) }
  }
  const { chain, noneWorks } = decideChain(plan.chain, standingOf, options.order)

  const route = await exportedRoute(chain, sumdb, supported)
  const routeCheck = await checkRoute(route, sumdb, { latest, ownBase, proxyBase })
  // The alias is asked only when the decision could use its answer.
  const aliasCheck = routeCheck.status === 'failed' && aliasEligible ? await latest(aliasBase) : undefined
  const {
    check: sumdbCheck,
    sumdb: finalSumdb,
    notes
  } = applyChinaAlias(routeCheck, sumdb, aliasEligible, aliasCheck, redactUrl(joinUrlPath(aliasBase, 'latest')))
  stop.abort()

  const proxies = proxyResults(urls, chain, results, supported, supportedSettled)
  const dropped = proxies.filter(p => !isWorking(p.status))
  const problems = chainProblems(
    plan.chain,
    noneWorks,
    url => results.get(url) as ListProbe,
    redactUrl,
    options.words ?? ACTION_WORDING
  )
  if (sumdbCheck.status === 'failed') problems.push(`Checksum database ${sumdbCheck.name}: ${sumdbCheck.message}`)
  const fastest = fastestProxy(proxies)
  const report: ProbeReport = {
    module,
    timeoutMs: options.timeoutMs,
    elapsedMs: Math.round(performance.now() - start),
    order: options.order,
    chain: formatChain(chain, true),
    proxies,
    sumdb: sumdbCheck,
    notes: [...notes, ...servesNoPublicModuleNotes(proxies, module)],
    problems
  }
  logOutcome(log, report, options.timeoutMs)
  return {
    report,
    chain,
    sumdb: finalSumdb,
    problems,
    ...(fastest ? { fastest } : {}),
    unreachable: dropped.map(p => p.url)
  }
}

/** The checksum-database requests of one probe, started together (see startSumdbChecks). */
interface SumdbChecks {
  /** `<base>/latest`, asked once per base. */
  latest(base: string, proxy?: string): Promise<LatestCheck>
  /** The database's own base, or the test override for its host. */
  ownBase(base: string): string
  /** A proxy's `/sumdb/<name>` base. */
  proxyBase(url: string): string
  readonly aliasEligible: boolean
  readonly aliasBase: string
  /** Each proxy's `/sumdb/<name>/supported`, and the answers already in. */
  readonly supported: ReadonlyMap<string, Promise<SupportedProbe | undefined>>
  readonly supportedSettled: ReadonlyMap<string, SupportedProbe | undefined>
  /** Whether the route on `candidate` is verified by the answers already in. */
  verified(candidate: Chain): boolean
}

/**
 * Every way to the checksum database is tried at once, from the start: the route is only known once the chain is
 * rebuilt, and by then there may be no time left.
 */
function startSumdbChecks(
  plan: ModulePlan,
  urls: readonly string[],
  options: ProbeOptions,
  context: (url: string, speculative?: boolean, proxy?: string) => RequestContext
): SumdbChecks {
  const sumdb = plan.sumdb
  const latestChecks = new Map<string, Promise<LatestCheck>>()
  const latestSettled = new Map<string, LatestCheck>()
  const latest = (base: string, proxy?: string): Promise<LatestCheck> => {
    let check = latestChecks.get(base)
    if (!check && sumdb.kind === 'db') {
      check = checkLatest(base, sumdb.name, context(base, true, proxy)).then(result => {
        latestSettled.set(base, result)
        return result
      })
      latestChecks.set(base, check)
    }
    return check ?? Promise.resolve({ ok: false, message: 'not checked', ms: 0 })
  }
  const ownBase = (base: string): string => {
    const host = /^https:\/\/([^/?#@]+)\/?$/i.exec(base)?.[1]
    return (host && options.sumdbBaseOverride?.(host)) || base
  }
  const proxyBase = (url: string): string => joinUrlPath(url, `sumdb/${sumdb.kind === 'db' ? sumdb.name : ''}`)
  const aliasEligible = mayUseChinaAlias(sumdb, plan.sumdbChosen)
  const aliasBase = ownBase(`https://${CHINA_SUMDB_ALIAS}`)
  const supported = new Map<string, Promise<SupportedProbe | undefined>>()
  const supportedSettled = new Map<string, SupportedProbe | undefined>()
  if (sumdb.kind === 'db') {
    if (!sumdb.explicitUrl) {
      for (const url of urls) {
        const answer = probeSupported(url, sumdb.name, context(url, true, url)).then(result => {
          supportedSettled.set(url, result)
          if (result?.support === 'yes') void latest(proxyBase(url), url)
          return result
        })
        supported.set(url, answer)
      }
    }
    void latest(ownBase(sumdb.url))
    if (aliasEligible) void latest(aliasBase)
  }
  const verified = (candidate: Chain): boolean => {
    if (sumdb.kind === 'off') return true
    const route = sumdbRoute(candidate, sumdb, url => supportedSettled.get(url))
    if (route.kind === 'proxy') return latestSettled.get(proxyBase(route.proxy))?.ok === true
    if (route.kind === 'direct' || route.kind === 'explicit') return latestSettled.get(ownBase(route.base))?.ok === true
    return false
  }
  return { latest, ownBase, proxyBase, aliasEligible, aliasBase, supported, supportedSettled, verified }
}

/** The route to the checksum database on the chain that will be exported, waiting only for the answers it needs. */
async function exportedRoute(
  chain: Chain,
  sumdb: SumdbConfig,
  supported: ReadonlyMap<string, Promise<SupportedProbe | undefined>>
): Promise<SumdbRoute> {
  const answers = new Map<string, SupportedAnswer>()
  let route: SumdbRoute = sumdbRoute(chain, sumdb, url => answers.get(url))
  while (route.kind === 'pending') {
    answers.set(route.proxy, supportOf(await supported.get(route.proxy)))
    route = sumdbRoute(chain, sumdb, url => answers.get(url))
  }
  return route
}

/** One report row per proxy: its list probe, its checksum-database support, its place in the rebuilt chain. */
function proxyResults(
  urls: readonly string[],
  chain: Chain,
  results: ReadonlyMap<string, ListProbe>,
  supported: ReadonlyMap<string, Promise<SupportedProbe | undefined>>,
  supportedSettled: ReadonlyMap<string, SupportedProbe | undefined>
): ProxyResult[] {
  const position = new Map(chain.proxies.map((entry, i) => [entry.url, i + 1]))
  return urls.map(url => {
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
}

/** The probe's lines for the log: one per proxy, the checksum database, the time taken. */
function logOutcome(log: Logger, report: ProbeReport, timeoutMs: number): void {
  const { proxies, sumdb: sumdbCheck } = report
  for (const p of proxies) {
    const timing = p.medianMs === null ? '' : `, median ${p.medianMs} ms (samples: ${p.samplesMs.join(', ')} ms)`
    log.info(`probe ${p.url}: ${isWorking(p.status) ? '' : 'dropped: '}${p.message}${timing}`)
  }
  if (sumdbCheck.status === 'switched') log.warning(sumdbCheck.message)
  else log.info(`checksum database: ${sumdbCheck.message}`)
  log.info(`probe finished in ${report.elapsedMs} ms (timeout ${timeoutMs} ms)`)
}

interface SettleTools {
  /** false: wait for every probe until it ends by itself. */
  enabled: boolean
  /** Ends every request to this proxy. */
  cut(url: string): void
  sumdbVerified(chain: Chain): boolean
}

/** How often the loop asks again while waiting for the checksum-database path (the observations it needs are not awaited one by one). */
const RECHECK_MS = 50

/**
 * Waits for the version-list probes until nothing is pending, or until the core says
 * the outcome is settled (probe/settle.ts): the proxies it cuts get a `too-slow`
 * result and their requests are ended. Each probe ends by the deadline anyway, so this
 * never outlasts it; every cut request is awaited, so no socket outlives the phase.
 */
async function untilSettled(
  chain: Chain,
  lists: ReadonlyMap<string, Promise<ListProbe>>,
  results: Map<string, ListProbe>,
  answered: ReadonlySet<string>,
  start: number,
  log: Logger,
  tools: SettleTools
): Promise<void> {
  const progress = (url: string): EntryProgress => {
    const result = results.get(url)
    if (!result) return { state: 'pending', answered: answered.has(url) }
    const medianMs = result.status === 'ok' ? (median(result.samplesMs) ?? undefined) : undefined
    return { state: 'done', served: result.status === 'ok', ...(medianMs !== undefined ? { medianMs } : {}) }
  }
  for (;;) {
    const pending = [...lists].filter(([url]) => !results.has(url)).map(([, probe]) => probe)
    if (pending.length === 0) return
    if (!tools.enabled) {
      await Promise.all(pending)
      return
    }
    const decision = settleProbe({
      chain,
      progress,
      elapsedMs: performance.now() - start,
      sumdbVerified: tools.sumdbVerified
    })
    for (const cut of decision.cut) {
      results.set(cut.url, { status: 'too-slow', message: cut.message, samplesMs: [], attempts: 1 })
      tools.cut(cut.url)
      log.debug(`probe ${redactUrl(cut.url)}: cut after ${Math.round(performance.now() - start)} ms`)
    }
    if (decision.settled) {
      await Promise.all(pending)
      return
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    const wait = Math.min(decision.recheckInMs ?? RECHECK_MS, RECHECK_MS)
    await Promise.race([...pending, new Promise(resolve => (timer = setTimeout(resolve, wait)))])
    clearTimeout(timer)
  }
}

interface RouteTools {
  latest(base: string): Promise<LatestCheck>
  ownBase(base: string): string
  proxyBase(url: string): string
}

/** Checks the path the go command will take and says, in words, which path that is and how it went. */
async function checkRoute(route: SumdbRoute, sumdb: SumdbConfig, tools: RouteTools): Promise<SumdbCheck> {
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
