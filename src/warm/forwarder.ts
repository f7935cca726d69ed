/**
 * The warm phase's loopback forwarder. The go command has no response timeout and retries
 * nothing, so during the warm phase it talks to this server (GOPROXY=http://127.0.0.1:PORT/TOKEN
 * plus the chain's terminal keyword) and the forwarder walks the verified chain for every
 * request the way Go would — `,` falls through on 404/410 only, `|` on any error — adding
 * what Go lacks: a deadline for the first byte and for every gap between chunks, retries
 * with backoff and jitter for transient faults, and a health record per proxy that drops a
 * stalling or failing `|` proxy for the rest of the phase.
 *
 * Bodies pass through unchanged and are never cached: the go command still checks every
 * byte against go.sum and the checksum database. A body is buffered before it is answered
 * (so a transfer that breaks off can be retried), except a 200 answer larger than
 * `bufferLimit`, which is streamed and, if it breaks off, cut off cleanly (go reports an
 * unexpected EOF, which the warm phase retries).
 *
 * Checksum database traffic (`/sumdb/<name>/...`): `supported` walks the chain like Go;
 * the first proxy answering 200 serves every later request for that database, and when
 * none does the forwarder forwards to the database itself (`sumdb.url`, where Go would have
 * gone) with the same timeouts and retries. Go verifies the signed tree either way.
 */
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import type net from 'node:net'
import { rootCertificates } from 'node:tls'
import type { Chain, ProxyEntry } from '../core/chain.js'
import type { Logger } from '../core/logger.js'
import { matchesPrefixPatterns } from '../core/patterns.js'
import { redactText, redactUrl } from '../core/proxy-url.js'
import type { SumdbConfig } from '../core/sumdb.js'
import { backoffDelay, sleep } from './backoff.js'
import { netrcCredentials, type NetrcEntry } from './netrc.js'
import { attempt, type AttemptResult } from './upstream.js'

export interface ForwarderOptions {
  readonly chain: Chain
  readonly sumdb: SumdbConfig
  /** Effective GONOPROXY / GONOSUMDB: such paths are never sent upstream (the go command does not ask; asserted). */
  readonly gonoproxy: string
  readonly gonosumdb: string
  readonly credentialsFor?: (url: string) => { username: string; password: string } | undefined
  /** .netrc entries, used as the go command uses them (https only, host[:port] match), after credentialsFor. */
  readonly netrc?: readonly NetrcEntry[]
  /** Extra trusted CA certificates (PEM), added to Node's roots. */
  readonly ca?: string
  /** Milliseconds for the first byte and for each gap between chunks of one upstream request. */
  readonly requestTimeoutMs: number
  /** Tries per proxy and request for transient faults (the last proxy, or one after a ","). Default 5. */
  readonly attemptsPerRequest?: number
  /** Base of the exponential backoff between tries. Default 50 ms (a Retry-After is honoured up to 10 s). */
  readonly backoffMs?: number
  /** Larger 200 bodies are streamed instead of buffered. Default 128 MiB. */
  readonly bufferLimit?: number
  readonly log: Logger
}

/** What the forwarder learned about one proxy of the chain. */
export interface ProxyHealth {
  /** Redacted URL. */
  readonly url: string
  requests: number
  successes: number
  failures: number
  timeouts: number
  consecutiveFailures: number
  /** Dropped for the rest of the phase (only `|` entries, whose errors Go would fall through anyway). */
  dropped: boolean
  reason?: string
}

export interface Forwarder {
  /** Base URL the go command is pointed at (holds a random path token). */
  readonly url: string
  /** The GOPROXY value for the go command: the forwarder, then the chain's terminal keyword. */
  readonly goproxy: string
  /** Requests from the go command being handled right now (each bounded by timeouts and retries). */
  inFlight(): number
  /** Date.now() of the last request, chunk or answer. */
  lastActivity(): number
  /** Zips answered so far, and the module of the latest zip request, for a progress line. */
  progress(): { zips: number; current?: string }
  health(): readonly ProxyHealth[]
  /** The chain without the dropped proxies. */
  chain(): Chain
  close(): Promise<void>
}

interface Upstream {
  readonly entry: ProxyEntry
  readonly base: URL
  readonly authorization?: string
  readonly shown: string
  /** A `|` entry with something after it: dropping it keeps Go's semantics (its errors fall through anyway). */
  readonly droppable: boolean
  readonly health: ProxyHealth
}

/** One proxy's last word on a request. */
interface Outcome {
  readonly upstream?: Upstream
  readonly status: number
  readonly notFound: boolean
  /** Text for the go command's `server response:` (first line decisive). */
  readonly text: string
  readonly contentType?: string
}

type Kind = 'zip' | 'small' | 'sumdb'

const DEFAULT_BUFFER_LIMIT = 128 * 1024 * 1024
const BACKOFF_CAP_MS = 4000
const RETRY_AFTER_CAP_MS = 10_000
/** A `|` proxy that timed out this often, or failed this many times in a row, is dropped. */
const DROP_AFTER_TIMEOUTS = 2
const DROP_AFTER_CONSECUTIVE = 4

/** Starts the forwarder on 127.0.0.1 (random port). Close it when the warm phase ends. */
export async function startForwarder(options: ForwarderOptions): Promise<Forwarder> {
  const token = randomBytes(12).toString('hex')
  const attempts = Math.max(1, options.attemptsPerRequest ?? 5)
  const backoffMs = options.backoffMs ?? 50
  const bufferLimit = options.bufferLimit ?? DEFAULT_BUFFER_LIMIT
  const { chain, log } = options
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
    https: new https.Agent({
      keepAlive: true,
      maxSockets: 32,
      ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {})
    })
  }
  const netrc = options.netrc ?? []
  const authorizationFor = (url: URL) => basic(netrcCredentials(netrc, url))
  const upstreams: Upstream[] = chain.proxies.map((entry, i) =>
    makeUpstream(entry, i, chain, url => options.credentialsFor?.(url) ?? netrcCredentials(netrc, new URL(url)))
  )
  const sockets = new Set<net.Socket>()
  const controllers = new Set<AbortController>()
  let inFlight = 0
  let lastActivity = Date.now()
  let zips = 0
  let current: string | undefined
  const touch = () => {
    lastActivity = Date.now()
  }

  /** Where checksum database traffic goes once `supported` was answered: a proxy, or the database itself. */
  const sumdbRoutes = new Map<string, Promise<Upstream | 'database' | Outcome>>()

  const record = (u: Upstream, result: 'success' | 'transient' | 'permanent', timeout = false) => {
    const h = u.health
    h.requests++
    if (result === 'success') {
      h.successes++
      h.consecutiveFailures = 0
      return
    }
    h.failures++
    if (result === 'permanent') return
    h.consecutiveFailures++
    if (timeout) h.timeouts++
    if (
      !h.dropped &&
      u.droppable &&
      (h.timeouts >= DROP_AFTER_TIMEOUTS || h.consecutiveFailures >= DROP_AFTER_CONSECUTIVE)
    ) {
      h.dropped = true
      h.reason =
        h.timeouts >= DROP_AFTER_TIMEOUTS
          ? `it stalled ${h.timeouts} times (no data for ${options.requestTimeoutMs} ms)`
          : `${h.consecutiveFailures} requests in a row failed`
      log.warning(`Warm phase: dropping ${u.shown} from the chain: ${h.reason}; the next proxy after "|" takes over.`)
    }
  }

  /**
   * Tries one upstream URL up to `tries` times. Returns the final result and whether it
   * was a success (200), a not-found (404/410), or a failure.
   */
  const tryUpstream = async (
    u: Upstream | undefined,
    url: URL,
    authorization: string | undefined,
    tries: number,
    kind: Kind,
    signal: AbortSignal
  ): Promise<{ result: AttemptResult; verdict: 'ok' | 'not-found' | 'transient' | 'permanent'; tries: number }> => {
    let last:
      { result: AttemptResult; verdict: 'ok' | 'not-found' | 'transient' | 'permanent'; tries: number } | undefined
    for (let n = 1; n <= tries; n++) {
      if (n > 1) {
        const retryAfter = last?.result.type === 'complete' ? (last.result.retryAfterMs ?? 0) : 0
        await sleep(
          Math.max(backoffDelay(n - 1, backoffMs, BACKOFF_CAP_MS), Math.min(retryAfter, RETRY_AFTER_CAP_MS)),
          signal
        )
        if (signal.aborted || u?.health.dropped) break
      }
      const result = await attempt({
        url,
        ...(authorization ? { authorization } : {}),
        authorizationFor,
        timeoutMs: options.requestTimeoutMs,
        bufferLimit: kind === 'zip' ? bufferLimit : Math.min(bufferLimit, 16 * 1024 * 1024),
        agents,
        signal,
        onData: touch
      })
      touch()
      const verdict = judge(result, kind)
      if (u)
        record(
          u,
          verdict === 'ok' || verdict === 'not-found' ? 'success' : verdict,
          result.type === 'network' && result.fault === 'timeout'
        )
      last = { result, verdict, tries: n }
      if (verdict !== 'transient' || signal.aborted) break
      if (n < tries) log.debug(`Warm phase: ${describe(u, url)} ${summary(result)}; retrying (${n}/${tries})`)
    }
    // `last` is always set: the loop runs at least once unless aborted before the first try.
    return last ?? { result: { type: 'network', fault: 'other', message: 'aborted' }, verdict: 'permanent', tries: 0 }
  }

  /**
   * A circuit breaker: once a whole request's worth of tries failed in a row, later requests
   * try that proxy once until it succeeds again, so a dead "," proxy costs seconds, not
   * retries × requests.
   */
  const failing = (u: Upstream) => u.health.consecutiveFailures >= attempts

  const describe = (u: Upstream | undefined, url: URL) => (u ? u.shown : redactUrl(url.origin))

  /** Walks the live chain for a module request, as Go walks GOPROXY. */
  const walkChain = async (path: string, kind: Kind, signal: AbortSignal): Promise<AttemptResult | Outcome> => {
    const live = upstreams.filter(u => !u.health.dropped)
    const outcomes: Outcome[] = []
    for (let i = 0; i < live.length; i++) {
      const u = live[i]
      const isLast = i === live.length - 1
      // A "|" proxy with more after it gets one try: the next proxy is as good, and Go would move on too.
      const tries = (u.entry.separator === '|' && !isLast) || failing(u) ? 1 : attempts
      const {
        result,
        verdict,
        tries: used
      } = await tryUpstream(u, joinUrl(u.base, path), u.authorization, tries, kind, signal)
      if (verdict === 'ok') return result
      const outcome = toOutcome(u, result, verdict, used)
      outcomes.push(outcome)
      if (signal.aborted) return outcome
      if (verdict === 'not-found' || u.entry.separator === '|') continue
      return outcome
    }
    return fallOff(outcomes)
  }

  /** The answer when every proxy was tried: Go's ranking (a proxy error beats "not found"), but a 404 stays a 404 when only it lets Go fall through to direct. */
  const fallOff = (outcomes: Outcome[]): Outcome => {
    if (outcomes.length === 0) {
      return {
        status: 502,
        notFound: false,
        text: 'setup-goproxy forwarder: every proxy of the chain was dropped during the warm phase'
      }
    }
    const last = outcomes[outcomes.length - 1]
    const best = [...outcomes].reverse().find(o => !o.notFound) ?? last
    const lastSeparator = chain.proxies[chain.proxies.length - 1]?.separator
    const status = last.notFound && chain.terminal === 'direct' && lastSeparator === ',' ? last.status : best.status
    const lines = [best, ...outcomes.filter(o => o !== best)].map(o => o.text.split('\n')[0])
    return {
      status,
      notFound: status === 404 || status === 410,
      text: lines.join('\n'),
      contentType: 'text/plain; charset=utf-8'
    }
  }

  const sumdbRoute = (name: string, signal: AbortSignal): Promise<Upstream | 'database' | Outcome> => {
    const known = sumdbRoutes.get(name)
    if (known) return known
    const walk = (async (): Promise<Upstream | 'database' | Outcome> => {
      for (let i = 0; i < upstreams.length; i++) {
        const u = upstreams[i]
        if (u.health.dropped) continue
        const isLast = !upstreams.slice(i + 1).some(v => !v.health.dropped)
        const tries = (u.entry.separator === '|' && !isLast) || failing(u) ? 1 : attempts
        const {
          result,
          verdict,
          tries: used
        } = await tryUpstream(u, joinUrl(u.base, `sumdb/${name}/supported`), u.authorization, tries, 'sumdb', signal)
        if (verdict === 'ok') return u
        if (verdict === 'not-found' || u.entry.separator === '|') continue
        return toOutcome(u, result, verdict, used)
      }
      return 'database'
    })()
    sumdbRoutes.set(name, walk)
    // A failed walk is not remembered: the next attempt of the go command asks again.
    void walk.then(route => {
      if (typeof route === 'object' && 'status' in route) sumdbRoutes.delete(name)
    })
    return walk
  }

  const handleSumdb = async (rest: string, signal: AbortSignal): Promise<AttemptResult | Outcome> => {
    const [name, ...tail] = rest.split('/')
    const sub = tail.join('/')
    if (options.sumdb.kind !== 'db' || name !== options.sumdb.name) {
      return {
        status: 404,
        notFound: true,
        text: `setup-goproxy forwarder: checksum database ${name} is not the configured one`
      }
    }
    if (sub.startsWith('lookup/')) {
      const module = decodeModule(sub.slice('lookup/'.length).replace(/@[^@]*$/, ''))
      if (module !== undefined && matchesPrefixPatterns(options.gonosumdb, module)) {
        log.warning(
          `Warm phase: the go command asked the checksum database about ${module}, which GONOSUMDB exempts; refused.`
        )
        return {
          status: 403,
          notFound: false,
          text: `setup-goproxy forwarder: ${module} matches GONOSUMDB; not sent to the checksum database`
        }
      }
    }
    const route = await sumdbRoute(name, signal)
    if (typeof route === 'object' && 'status' in route) return route
    if (sub === 'supported')
      return { type: 'complete', status: 200, contentType: 'text/plain; charset=utf-8', body: Buffer.alloc(0) }
    const url =
      route === 'database' ? joinUrl(new URL(options.sumdb.url), sub) : joinUrl(route.base, `sumdb/${name}/${sub}`)
    const upstream = route === 'database' ? undefined : route
    const authorization = route === 'database' ? authorizationFor(url) : route.authorization
    // Go never falls back once a proxy serves the database: neither does the forwarder.
    const { result, verdict, tries } = await tryUpstream(
      upstream,
      url,
      authorization,
      upstream && failing(upstream) ? 1 : attempts,
      'sumdb',
      signal
    )
    if (verdict === 'ok' || result.type === 'stream') return result
    if (result.type === 'complete' && verdict !== 'transient')
      return {
        status: result.status,
        notFound: verdict === 'not-found',
        text: bodyText(result, describe(upstream, url)),
        contentType: result.contentType
      }
    return toOutcome(upstream, result, verdict, tries, url)
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const raw = (req.url ?? '/').split('?')[0]
    const prefix = `/${token}/`
    if (!raw.startsWith(prefix)) return sendText(res, 404, 'not found')
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed')
    const path = raw.slice(prefix.length)
    if (!safePath(path)) return sendText(res, 400, 'setup-goproxy forwarder: malformed request path')
    const controller = new AbortController()
    controllers.add(controller)
    res.on('close', () => {
      if (!res.writableFinished) controller.abort()
      controllers.delete(controller)
    })
    inFlight++
    touch()
    try {
      let answer: AttemptResult | Outcome
      if (path.startsWith('sumdb/')) {
        answer = await handleSumdb(path.slice('sumdb/'.length), controller.signal)
      } else {
        const module = decodeModule(path.replace(/\/@(?:v\/.*|latest)$/, ''))
        if (module !== undefined && matchesPrefixPatterns(options.gonoproxy, module)) {
          log.warning(`Warm phase: the go command asked for ${module}, which GONOPROXY keeps off the proxies; refused.`)
          return sendText(res, 403, `setup-goproxy forwarder: ${module} matches GONOPROXY; not sent to any proxy`)
        }
        const kind: Kind = path.endsWith('.zip') ? 'zip' : 'small'
        if (kind === 'zip') current = module !== undefined ? `${module}@${decodeVersion(path)}` : undefined
        answer = await walkChain(path, kind, controller.signal)
        if (kind === 'zip' && 'type' in answer && answer.type !== 'network') zips++
      }
      if (controller.signal.aborted) return
      respond(res, answer, req.method === 'HEAD', touch)
    } finally {
      inFlight--
      touch()
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.debug(`Warm phase forwarder: ${String(error)}`)
      if (!res.headersSent) sendText(res, 502, `setup-goproxy forwarder: ${String(error)}`)
      else res.destroy()
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))
  })
  const url = `http://127.0.0.1:${port}/${token}`
  const lastEntry = chain.proxies[chain.proxies.length - 1]
  const goproxy = chain.terminal && lastEntry ? `${url}${lastEntry.separator}${chain.terminal}` : url

  return {
    url,
    goproxy,
    inFlight: () => inFlight,
    lastActivity: () => lastActivity,
    progress: () => ({ zips, ...(current ? { current } : {}) }),
    health: () => upstreams.map(u => u.health),
    chain: () => ({
      proxies: upstreams.filter(u => !u.health.dropped).map(u => u.entry),
      ...(chain.terminal ? { terminal: chain.terminal } : {})
    }),
    close: async () => {
      for (const c of controllers) c.abort()
      const closed = new Promise<void>(resolve => server.close(() => resolve()))
      for (const s of sockets) s.destroy()
      agents.http.destroy()
      agents.https.destroy()
      await closed
    }
  }
}

function makeUpstream(
  entry: ProxyEntry,
  index: number,
  chain: Chain,
  credentialsFor: ForwarderOptions['credentialsFor']
): Upstream {
  const base = new URL(entry.url)
  const userinfo =
    base.username || base.password
      ? { username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) }
      : undefined
  base.username = ''
  base.password = ''
  const authorization = basic(credentialsFor?.(entry.url) ?? userinfo)
  const hasNext = index < chain.proxies.length - 1 || chain.terminal === 'direct'
  const shown = redactUrl(entry.url)
  return {
    entry,
    base,
    ...(authorization ? { authorization } : {}),
    shown,
    droppable: entry.separator === '|' && hasNext,
    health: { url: shown, requests: 0, successes: 0, failures: 0, timeouts: 0, consecutiveFailures: 0, dropped: false }
  }
}

function basic(credentials: { username: string; password: string } | undefined): string | undefined {
  return credentials
    ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
    : undefined
}

/** The proxy's base URL joined with a request path, keeping the base's query (Go sends it with every request). */
function joinUrl(base: URL, path: string): URL {
  const url = new URL(base.href)
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/${path}`
  return url
}

/** Rejects paths that could leave a file:// proxy's directory or confuse an upstream. */
function safePath(path: string): boolean {
  if (path === '' || /[\\\0]/.test(path)) return false
  return path.split('/').every(segment => {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return false
    }
    return decoded !== '.' && decoded !== '..' && !decoded.includes('/') && !decoded.includes('\\')
  })
}

/** The module path of a wire path (`github.com/!burnt!sushi/toml` → `github.com/BurntSushi/toml`). */
function decodeModule(escaped: string): string | undefined {
  try {
    return decodeURIComponent(escaped).replace(/!([a-z])/g, (_m, c: string) => c.toUpperCase())
  } catch {
    return undefined
  }
}

function decodeVersion(path: string): string {
  const m = /\/@v\/(.+)\.zip$/.exec(path)
  return m ? (decodeModule(m[1]) ?? m[1]) : ''
}

function judge(result: AttemptResult, kind: Kind): 'ok' | 'not-found' | 'transient' | 'permanent' {
  if (result.type === 'stream') return 'ok'
  if (result.type === 'network') {
    return ['timeout', 'refused', 'reset', 'dns'].includes(result.fault) ? 'transient' : 'permanent'
  }
  const { status } = result
  if (status === 200) {
    // A sign-in portal or a web server's page is never a module file; Go would report a checksum mismatch or bad JSON.
    if (
      kind !== 'sumdb' &&
      /text\/html/i.test(result.contentType) &&
      /^\s*</.test(result.body.subarray(0, 512).toString('utf8'))
    )
      return 'permanent'
    return 'ok'
  }
  if (status === 404 || status === 410) return 'not-found'
  if (status === 429 || status >= 500) return 'transient'
  return 'permanent'
}

function summary(result: AttemptResult): string {
  if (result.type === 'network') return result.message
  if (result.type === 'stream') return '200 OK'
  return `${result.status} ${http.STATUS_CODES[result.status] ?? ''}`.trim()
}

/** The first lines of an upstream's text body, for the go command's `server response:`. */
function bodyText(result: Extract<AttemptResult, { type: 'complete' }>, shown: string, after = ''): string {
  const plain = /text\/plain/i.test(result.contentType)
  const body = plain
    ? redactText(result.body.subarray(0, 2048).toString('utf8'))
        .split('\n')
        .map(line => line.trimEnd())
        .filter(line => line.trim() !== '')
        .slice(0, 6)
        .join('\n')
    : ''
  const head = `${shown}: ${result.status} ${http.STATUS_CODES[result.status] ?? ''}`.trim() + after
  return body ? `${head}: ${body}` : head
}

function toOutcome(u: Upstream | undefined, result: AttemptResult, verdict: string, tries: number, url?: URL): Outcome {
  const shown = u ? u.shown : url ? redactUrl(url.origin) : 'upstream'
  const after = tries > 1 ? ` (${tries} tries by setup-goproxy)` : ''
  if (result.type === 'complete') {
    if (result.status === 200) {
      return {
        upstream: u,
        status: 502,
        notFound: false,
        text: `${shown}: answered an HTML page, not a Go module proxy response${after}`
      }
    }
    return {
      upstream: u,
      status: result.status,
      notFound: verdict === 'not-found',
      text: bodyText(result, shown, after),
      contentType: result.contentType
    }
  }
  if (result.type === 'network') {
    return {
      upstream: u,
      status: result.fault === 'timeout' ? 504 : 502,
      notFound: false,
      text: `${shown}: ${result.message}${after}`
    }
  }
  return { upstream: u, status: 502, notFound: false, text: `${shown}: unexpected stream` }
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  const body = `${text.replace(/\n\s*\n/g, '\n')}\n`
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

/** Sends an upstream answer (or the walk's verdict) to the go command. */
function respond(res: http.ServerResponse, answer: AttemptResult | Outcome, head: boolean, touch: () => void): void {
  if (!('type' in answer)) return sendText(res, answer.status, answer.text)
  if (answer.type === 'network') return sendText(res, answer.fault === 'timeout' ? 504 : 502, answer.message)
  if (answer.type === 'complete') {
    res.writeHead(answer.status, {
      'Content-Type': answer.contentType || 'application/octet-stream',
      'Content-Length': answer.body.length
    })
    res.end(head ? undefined : answer.body)
    return
  }
  // Streaming a large body: once bytes went out nothing can be retried, so a failure cuts the connection.
  res.writeHead(200, {
    'Content-Type': answer.contentType || 'application/octet-stream',
    ...(answer.contentLength !== undefined ? { 'Content-Length': answer.contentLength } : {})
  })
  for (const chunk of answer.head) res.write(chunk)
  const rest = answer.rest
  rest.on('data', (chunk: Buffer) => {
    answer.idle.touch()
    touch()
    if (!res.write(chunk)) rest.pause()
  })
  res.on('drain', () => rest.resume())
  rest.on('end', () => {
    answer.idle.done()
    const complete = (rest as http.IncomingMessage).complete !== false
    if (complete) res.end()
    else res.destroy()
  })
  rest.on('error', () => {
    answer.idle.done()
    res.destroy()
  })
  rest.on('close', () => {
    answer.idle.done()
    if (!res.writableEnded) res.destroy()
  })
  res.on('close', () => {
    if (!rest.readableEnded) rest.destroy()
  })
  rest.resume()
}
