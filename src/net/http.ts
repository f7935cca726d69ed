/**
 * The one HTTP client for everything the project sends: the probe, the checksum database,
 * the warm forwarder's upstream requests, the prefetcher and the toolchain download.
 *
 * ```ts
 * const client = createHttpClient({ ca: trustedCertificates(), env: process.env })
 * const r = await client.get('https://proxy.golang.org/golang.org/x/mod/@v/list', {
 *   body: { mode: 'buffer', maxBytes: 64 * 1024 },
 *   headersTimeoutMs: 10_000,
 *   deadline: performance.now() + 3000,
 * })
 * if (r.kind === 'answer' && r.status === 200 && r.body.kind === 'buffered') use(r.body.bytes)
 * else if (r.kind === 'failure') log(r.fault, r.message) // never a throw
 * await client.close() // ends every socket of every pool
 * ```
 *
 * - **Never rejects**: every outcome is an `answer` (any status), a classified `failure`
 *   (phase: dns, connect, tls, response, body; fault: timeout, refused, reset, dns, tls,
 *   redirect, too-large, local (writing the body to disk failed), other) or `aborted` (the caller's signal).
 * - Keep-alive pools per origin (undici), owned by the client; `close()` ends every socket.
 * - Timeouts: connect (TCP + TLS, default 30 s like the go command), response headers, body
 *   idle (each gap between chunks, also while the caller streams), and an optional absolute
 *   `deadline` (performance.now() value) that ends the call on time whatever the network does.
 * - Redirects and credentials follow src/net/redirect.ts and credentials.ts (the go command's rules); proxies from the
 *   environment as the go command selects them (HTTPS_PROXY through CONNECT, HTTP_PROXY in
 *   absolute form, Proxy-Authorization from the proxy URL's userinfo, never logged).
 * - Bodies: buffered with a limit (truncated, or with `overflow: 'stream'` handed over as a
 *   stream past the limit), streamed, or written to a file with progress and an optional size
 *   limit (a 'too-large' failure). In 'stream' and 'file' modes, and past the limit with
 *   `overflow: 'stream'`, only a 2xx body is delivered so; an error answer is buffered (64 KiB)
 *   for quoting. A failed file download removes the file before the call settles.
 * - `file://` URLs are read from disk in every body mode (a missing file, a directory or a path
 *   through a file is a 404, as the go command treats a file proxy), bounded by the deadline.
 * - Userinfo in a URL is stripped and never sent: pass `credentials` (see userinfoCredentials
 *   in src/net/credentials.ts to turn a proxy URL's userinfo into them).
 *
 * A large download (the ~70 MB toolchain zip), never held in memory:
 * ```ts
 * const r = await client.get(zipUrl, {
 *   body: { mode: 'file', path, maxBytes: 512 << 20, onProgress: (bytes, total) => show(bytes, total) },
 *   headersTimeoutMs: 30_000, bodyIdleTimeoutMs: 30_000, signal,
 * })
 * // r.kind === 'answer' && r.status === 200 && r.body.kind === 'file' → r.body.bytes written to path
 * ```
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { readFile, rm, stat } from 'node:fs/promises'
import net, { type LookupFunction } from 'node:net'
import tls from 'node:tls'
import { PassThrough, Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { createGunzip, type Gunzip } from 'node:zlib'
import { Agent, ProxyAgent, buildConnector, type Dispatcher } from 'undici'
import { sharedLookup, type LookupAll } from './dns.js'
import type { Credentials, CredentialsLookup } from '../auth/types.js'
import { basicAuthorization } from '../auth/secrets.js'
import { credentialsForHop } from './credentials.js'
import { proxyConfigFromEnv, selectProxy, type ProxyConfig } from '../go/env/env-proxy.js'
import { REDIRECT_STATUSES, decideRedirect } from './redirect.js'
import { parseRetryAfter } from './retry-after.js'
import type { RequestPhase } from '../probe/report.js'
import { describeNetworkError, networkFault, type NetworkFault } from './classify.js'

export type { NetworkFault } from './classify.js'
export type { Credentials, CredentialsLookup } from '../auth/types.js'

/** Settings of one client: trust, proxies and pools are per client. */
export interface HttpClientOptions {
  /** The CA certificates every https connection trusts (see trustedCertificates); undefined = Node's store. */
  readonly ca?: readonly string[]
  /** The environment proxies are read from (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, REQUEST_METHOD); none when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Milliseconds for TCP connect plus TLS handshake. Default 30 000 (the go command's dial timeout). */
  readonly connectTimeoutMs?: number
  /** Connections per origin. Default 32. */
  readonly connectionsPerOrigin?: number
  /** Resolves host names (every connection's); default the system's, one lookup per name shared (src/net/dns.ts). */
  readonly lookup?: LookupAll
  /** Default User-Agent. */
  readonly userAgent?: string
}

/** How the body of an answer is delivered. */
export type BodyMode =
  /** Held in memory up to maxBytes; past it the answer is `truncated`, or (overflow 'stream') the rest is handed over as a stream. */
  | { readonly mode: 'buffer'; readonly maxBytes: number; readonly overflow?: 'truncate' | 'stream' }
  /** A Readable the caller consumes (the body-idle timeout and the deadline stay armed). */
  | { readonly mode: 'stream' }
  /** Written to `path` (never held whole in memory); `onProgress` after every chunk. A failed write removes the file. */
  | {
      readonly mode: 'file'
      readonly path: string
      readonly onProgress?: (bytes: number, total: number | undefined) => void
      /** A body larger than this (announced or received) is a 'too-large' failure, and the file is removed. */
      readonly maxBytes?: number
    }

/** Options of one GET. */
export interface GetOptions {
  readonly body: BodyMode
  /** Credentials for the URL's origin (sent to it only, redirects back to it included). */
  readonly credentials?: Credentials
  /** Credentials for another origin a redirect leads to (the go command looks every URL up in .netrc). */
  readonly credentialsFor?: CredentialsLookup
  /** Milliseconds from sending the request to the response headers. Default: none. */
  readonly headersTimeoutMs?: number
  /** Milliseconds allowed between two body chunks. Default: none. */
  readonly bodyIdleTimeoutMs?: number
  /** performance.now() value at which the call ends as a 'timeout' failure (code DEADLINE) in whatever phase it is. */
  readonly deadline?: number
  readonly signal?: AbortSignal
  /** Follow redirects (default true). */
  readonly followRedirects?: boolean
  /** Extra request headers (Authorization is set from `credentials`, never from here). */
  readonly headers?: Readonly<Record<string, string>>
  /** Called for every body chunk received, with its size (a watchdog counts it as progress). */
  readonly onData?: (bytes: number) => void
  /**
   * A body longer than this, whatever the body mode (also once handed over as a stream), is a 'too-large' failure
   * ("answer larger than …"): an endless answer never fills a disk or a process.
   */
  readonly maxBodyBytes?: number
  /**
   * A body that arrives slower than this (bytes per second, measured over each `throughputWindowMs`) is a 'timeout'
   * failure (code TOO_SLOW): a trickle of one byte every few seconds never trips the body-idle timeout.
   */
  readonly minBytesPerSecond?: number
  /** The window of `minBytesPerSecond`; default 10 000 ms. */
  readonly throughputWindowMs?: number
}

/** The body of an answer, as the BodyMode asked. */
export type AnswerBody =
  | { readonly kind: 'buffered'; readonly bytes: Buffer; readonly truncated: boolean }
  /** `head` was read before the limit was reached (empty in 'stream' mode); `rest` is the remainder. */
  | { readonly kind: 'stream'; readonly head: Buffer; readonly rest: Readable }
  | { readonly kind: 'file'; readonly path: string; readonly bytes: number }

/** An HTTP answer (any status). */
export interface HttpAnswer {
  readonly kind: 'answer'
  readonly status: number
  readonly statusText: string
  readonly contentType: string
  readonly contentLength?: number
  /** Retry-After in milliseconds, when the answer had one. */
  readonly retryAfterMs?: number
  /** Response headers, names lower-cased (repeated headers joined with ", "). */
  readonly headers: Readonly<Record<string, string>>
  /** The URL that answered (after redirects), without userinfo. */
  readonly url: string
  /** host[:port] that answered. */
  readonly host: string
  /** Whether an Authorization header went with the request that got this answer. */
  readonly authSent: boolean
  readonly body: AnswerBody
  /** Wall time of the whole call. */
  readonly ms: number
}

/** A request that ended without a usable answer. */
export interface HttpFailure {
  readonly kind: 'failure'
  readonly phase: RequestPhase
  readonly fault: NetworkFault
  /** Node's or undici's error code, DEADLINE, or CONNECT_TIMEOUT / HEADERS_TIMEOUT / BODY_TIMEOUT, REDIRECT, TOO_LARGE. */
  readonly code: string
  /** In the go command's words where diagnose.ts matches them ("connection refused", "no such host", "tls: ..."). */
  readonly message: string
  readonly host: string
  /** The status of a redirect answer that was refused (fault 'redirect'). */
  readonly status?: number
  /** Whether an Authorization header went with the last request. */
  readonly authSent: boolean
  readonly ms: number
}

/** The caller's signal ended the call. */
export interface HttpAborted {
  readonly kind: 'aborted'
  readonly ms: number
}

/** The one result type of a GET. */
export type HttpResult = HttpAnswer | HttpFailure | HttpAborted

/** The client: one set of pools; close it when done. */
export interface HttpClient {
  /** One GET (redirects followed). Never rejects. */
  get(url: string | URL, options: GetOptions): Promise<HttpResult>
  /** Ends every socket of every pool and every request in flight. */
  close(): Promise<void>
}

/** Error bodies (non-2xx in 'stream' and 'file' modes) are only quoted: this much is kept. */
const ERROR_BODY_LIMIT = 64 * 1024
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000

/** Creates a client. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  return new Client(options)
}

type Connector = ReturnType<typeof buildConnector>

class Client implements HttpClient {
  private readonly ca: string[] | undefined
  private readonly proxyConfig: ProxyConfig | undefined
  private readonly connectTimeoutMs: number
  private readonly connections: number
  private readonly userAgent: string
  /** One lookup per host name for every connection of this client (src/net/dns.ts). */
  private readonly lookup: LookupFunction
  private direct: Agent | undefined
  private readonly proxies = new Map<string, ProxyAgent>()
  /** The phase of the latest connection attempt per origin, for naming where a request was when it failed. */
  readonly connecting = new Map<string, RequestPhase>()
  /** Ends every request in flight (close()). */
  readonly inFlight = new Set<() => void>()
  private closed = false

  constructor(options: HttpClientOptions) {
    this.ca = options.ca ? [...options.ca] : undefined
    this.proxyConfig = options.env ? proxyConfigFromEnv(options.env) : undefined
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
    this.connections = options.connectionsPerOrigin ?? 32
    this.userAgent = options.userAgent ?? 'setup-goproxy'
    this.lookup = sharedLookup(options.lookup)
  }

  private directAgent(): Agent {
    if (!this.direct) {
      // The trusted CAs' context is built on the first https connection only: parsing a few hundred roots
      // (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS) costs 25-125 ms, which a run against http proxies never needs.
      const lookup = this.lookup
      const plain: Connector = buildConnector({ timeout: this.connectTimeoutMs, lookup } as buildConnector.BuildOptions)
      let tlsConnector: Connector | undefined
      const secureConnector = (): Connector =>
        (tlsConnector ??= this.ca
          ? buildConnector({
              timeout: this.connectTimeoutMs,
              secureContext: secureContextFor(this.ca),
              lookup
            } as buildConnector.BuildOptions)
          : plain)
      const connecting = this.connecting
      const connect: Connector = (opts, callback) => {
        const key = `${opts.protocol}//${opts.hostname}:${opts.port || (opts.protocol === 'https:' ? '443' : '80')}`
        const secure = opts.protocol === 'https:'
        const base = secure ? secureConnector() : plain
        connecting.set(key, net.isIP(opts.hostname.replace(/^\[(.*)\]$/, '$1')) ? 'connect' : 'dns')
        const socket = (base as unknown as (o: typeof opts, c: typeof callback) => net.Socket | undefined)(
          opts,
          (error, s) => {
            if (!error) connecting.set(key, 'response')
            callback(error, s as never)
          }
        )
        socket?.once('lookup', () => connecting.set(key, 'connect'))
        socket?.once('connect', () => connecting.set(key, secure ? 'tls' : 'response'))
      }
      this.direct = new Agent({
        connect,
        connections: this.connections,
        headersTimeout: 0,
        bodyTimeout: 0,
        keepAliveTimeout: 30_000
      })
    }
    return this.direct
  }

  private proxyAgent(proxy: URL): ProxyAgent {
    const key = proxy.href
    let agent = this.proxies.get(key)
    if (!agent) {
      const bare = new URL(proxy.href)
      bare.username = ''
      bare.password = ''
      const user = safeDecode(proxy.username)
      const pass = safeDecode(proxy.password)
      const tls = { timeout: this.connectTimeoutMs, ...(this.ca ? { secureContext: secureContextFor(this.ca) } : {}) }
      // The connection to the proxy itself resolves its name once too (the tunnelled one has no lookup of its own).
      const proxyTls = { ...tls, lookup: this.lookup }
      agent = new ProxyAgent({
        uri: bare.href,
        // Plain http goes to the proxy in absolute form; https is tunnelled through CONNECT (net/http does the same).
        proxyTunnel: false,
        ...(user !== '' || pass !== '' ? { token: basicAuthorization(user, pass) } : {}),
        requestTls: tls,
        proxyTls,
        connections: this.connections,
        headersTimeout: 0,
        bodyTimeout: 0
      })
      this.proxies.set(key, agent)
    }
    return agent
  }

  async get(url: string | URL, options: GetOptions): Promise<HttpResult> {
    const start = performance.now()
    const ms = () => Math.round((performance.now() - start) * 10) / 10
    let first: URL
    try {
      first = new URL(url)
    } catch {
      return failure('connect', 'other', 'ERR_INVALID_URL', `invalid URL ${JSON.stringify(String(url))}`, '', ms())
    }
    first.username = ''
    first.password = ''
    if (this.closed) return failure('connect', 'other', 'CLIENT_CLOSED', 'the HTTP client is closed', first.host, ms())
    if (first.protocol === 'file:') return readFileUrl(first, options, start)
    let target = first
    for (let hops = 0; ; hops++) {
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        return failure('connect', 'other', 'UNSUPPORTED_SCHEME', `unsupported URL scheme ${target.protocol}`, '', ms())
      }
      const credentials = credentialsForHop(first, options.credentials, target, options.credentialsFor)
      const once = await this.once(target, credentials, options, start)
      if (once.kind !== 'redirect') return once
      const decision = decideRedirect(target, once.location, hops)
      if (decision.kind === 'refuse') {
        return {
          ...failure('response', 'redirect', 'REDIRECT', decision.reason, target.host, ms()),
          status: once.status,
          authSent: credentials !== undefined
        }
      }
      target = decision.url
    }
  }

  private dispatcherFor(url: URL): Dispatcher | HttpFailure {
    if (!this.proxyConfig) return this.directAgent()
    const selection = selectProxy(this.proxyConfig, url)
    if (selection.kind === 'direct') return this.directAgent()
    if (selection.kind === 'error') return failure('connect', 'other', 'PROXY', selection.message, url.host, 0)
    if (selection.proxy.protocol !== 'http:' && selection.proxy.protocol !== 'https:') {
      return failure(
        'connect',
        'other',
        'PROXY',
        `proxy scheme ${selection.proxy.protocol.replace(/:$/, '')} is not supported (HTTPS_PROXY/HTTP_PROXY)`,
        url.host,
        0
      )
    }
    return this.proxyAgent(selection.proxy)
  }

  /** One request without following redirects: a redirect comes back as such, for get() to decide. */
  private once(
    url: URL,
    credentials: Credentials | undefined,
    options: GetOptions,
    start: number
  ): Promise<OnceResult> {
    const dispatcher = this.dispatcherFor(url)
    if ('kind' in dispatcher) return Promise.resolve({ ...dispatcher, ms: performance.now() - start })
    return new Promise(resolve => {
      const exchange = new Exchange({ url, credentials, options, start, client: this }, resolve)
      exchange.dispatch(dispatcher, this.userAgent)
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const end of [...this.inFlight]) end()
    const agents: Dispatcher[] = [...(this.direct ? [this.direct] : []), ...this.proxies.values()]
    this.direct = undefined
    this.proxies.clear()
    await Promise.all(agents.map(a => a.destroy().catch(() => undefined)))
  }
}

/** What one request without redirects ends in. */
type OnceResult = HttpResult | { kind: 'redirect'; location: string; status: number }

/** What an Exchange needs from the request and its client. */
interface ExchangeSetup {
  readonly url: URL
  readonly credentials: Credentials | undefined
  readonly options: GetOptions
  /** performance.now() at the start of the whole get() (redirects included). */
  readonly start: number
  readonly client: Pick<Client, 'connecting' | 'inFlight'>
}

/**
 * One request and its answer on an undici dispatcher: the timers (headers, body idle, deadline), the abort signal,
 * where the body goes (buffer, stream, file, discarded for a redirect), and the one result it settles with. Each
 * undici callback is a method; every way to end goes through `end` (a failure or an abort) or `settle`.
 */
class Exchange {
  private readonly url: URL
  private readonly host: string
  /** scheme://host:port, the key of the client's per-origin connection phase. */
  private readonly key: string
  private readonly options: GetOptions
  private readonly authSent: boolean
  private state: 'waiting' | 'sent' | 'headers' | 'done' = 'waiting'
  private abortRequest: ((error?: Error) => void) | undefined
  private timer: NodeJS.Timeout | undefined
  private deadlineTimer: NodeJS.Timeout | undefined
  private settled = false
  private stream: PassThrough | undefined
  /** Body bytes received so far, and in the current throughput window. */
  private received = 0
  private windowBytes = 0
  private throughputTimer: NodeJS.Timeout | undefined
  private file: ReturnType<typeof createWriteStream> | undefined
  private resumeDispatch: () => void = () => undefined
  private status = 0
  private statusText = ''
  private answerHeaders: Record<string, string> = {}
  private redirectTo: string | undefined
  private readonly chunks: Buffer[] = []
  private size = 0
  private truncated = false
  private total: number | undefined
  private bodyMode: 'buffer' | 'stream' | 'file' | 'discard' | 'error' = 'buffer'
  private limit = Infinity
  /**
   * A `Content-Encoding: gzip` answer (static GOPROXY sites on object storage send one whatever was asked) is
   * decoded here, as the go command's transport decodes it: every reader sees the bytes the proxy stored.
   */
  private gunzip: Gunzip | undefined
  private readonly onAbort = () => this.end({ kind: 'aborted', ms: this.elapsed() })
  private readonly onClose = () => this.fail('other', 'CLIENT_CLOSED', 'the HTTP client was closed')

  constructor(
    private readonly setup: ExchangeSetup,
    private readonly resolve: (result: OnceResult) => void
  ) {
    this.url = setup.url
    this.host = setup.url.host
    this.key = `${setup.url.protocol}//${setup.url.hostname}:${setup.url.port || (setup.url.protocol === 'https:' ? '443' : '80')}`
    this.options = setup.options
    this.authSent = setup.credentials !== undefined
  }

  /** Starts the request (or ends it at once when the signal has already fired). */
  dispatch(dispatcher: Dispatcher, userAgent: string): void {
    if (this.options.signal?.aborted) return this.onAbort()
    this.options.signal?.addEventListener('abort', this.onAbort, { once: true })
    this.setup.client.inFlight.add(this.onClose)
    this.armDeadline()
    // The connect timeout is undici's (the connector's, for TCP and TLS together): a request that only waits
    // for a free connection of a busy pool is not timed out for it.
    try {
      dispatcher.dispatch(
        {
          origin: this.url.origin,
          path: `${this.url.pathname}${this.url.search}`,
          method: 'GET',
          headers: this.requestHeaders(userAgent),
          headersTimeout: 0,
          bodyTimeout: 0
        },
        {
          onConnect: abort => this.onConnect(abort),
          onHeaders: (statusCode, rawHeaders, resume, text) => this.onHeaders(statusCode, rawHeaders, resume, text),
          onData: chunk => this.onData(chunk),
          onComplete: () => this.onComplete(),
          onError: error => this.onError(error)
        }
      )
    } catch (error) {
      this.fail('other', 'ERROR', String(error))
    }
  }

  private elapsed(): number {
    return Math.round((performance.now() - this.setup.start) * 10) / 10
  }

  /** Where the request is: its connection's phase until sent, then waiting for the answer, then reading the body. */
  private phase(): RequestPhase {
    if (this.state === 'headers') return 'body'
    if (this.state === 'sent') return 'response'
    return this.setup.client.connecting.get(this.key) ?? 'connect'
  }

  private armDeadline(): void {
    const { deadline } = this.options
    if (deadline === undefined) return
    // Let one poll phase run first (setImmediate runs after it): an answer or a connect already in,
    // but not yet processed because the loop lagged, still counts.
    this.deadlineTimer = setTimeout(
      () => setImmediate(() => this.fail('timeout', 'DEADLINE', `the deadline passed (${this.host})`)),
      Math.max(0, deadline - performance.now())
    )
  }

  private requestHeaders(userAgent: string): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: '*/*',
      ...lowerCaseKeys(this.options.headers ?? {})
    }
    delete headers.authorization
    const { credentials } = this.setup
    if (credentials) headers.authorization = basicAuthorization(credentials.username, credentials.password)
    return headers
  }

  private cleanup(): void {
    clearTimeout(this.timer)
    clearTimeout(this.deadlineTimer)
    clearInterval(this.throughputTimer)
    this.options.signal?.removeEventListener('abort', this.onAbort)
    this.setup.client.inFlight.delete(this.onClose)
  }

  private settle(result: OnceResult): void {
    if (this.settled) return
    this.settled = true
    if (!this.stream) this.cleanup()
    this.resolve(result)
  }

  /** Ends the request with a result (or, once a stream was handed over, by failing that stream). */
  private end(result: HttpFailure | HttpAborted): void {
    if (this.state === 'done') return
    this.state = 'done'
    this.cleanup()
    const error = new Error(result.kind === 'failure' ? result.message : 'aborted')
    this.abortRequest?.(error)
    if (this.settled && this.stream) {
      this.stream.destroy(Object.assign(error, { code: result.kind === 'failure' ? result.code : 'ABORTED' }))
    }
    // A failed download leaves no partial file: the caller may retry into the same path at once.
    if (this.file)
      void discardFile(this.file, (this.options.body as { path: string }).path).then(() => this.settle(result))
    else this.settle(result)
  }

  private fail(fault: NetworkFault, code: string, message: string, at = this.phase()): void {
    this.end({ ...failure(at, fault, code, message, this.host, this.elapsed()), authSent: this.authSent })
  }

  private arm(ms: number | undefined, fault: () => void): void {
    clearTimeout(this.timer)
    if (ms !== undefined && ms > 0) this.timer = setTimeout(fault, ms)
  }

  /** Fails the request when a window passes with less than `minBytesPerSecond` of body in it. */
  private watchThroughput(): void {
    const floor = this.options.minBytesPerSecond
    if (floor === undefined || floor <= 0 || this.throughputTimer !== undefined) return
    const windowMs = this.options.throughputWindowMs ?? 10_000
    this.throughputTimer = setInterval(() => {
      const rate = Math.round((this.windowBytes * 1000) / windowMs)
      this.windowBytes = 0
      if (rate < floor) {
        this.fail(
          'timeout',
          'TOO_SLOW',
          `the answer came at ${rate} bytes/s over ${windowMs} ms, below the floor of ${floor} bytes/s`
        )
      }
    }, windowMs)
  }

  /** Restarts the body-idle timer: a stall between two chunks fails the request. */
  private idle(): void {
    const ms = this.options.bodyIdleTimeoutMs
    this.arm(ms, () => this.fail('timeout', 'BODY_TIMEOUT', `the answer stalled: no data for ${ms} ms`))
  }

  private answer(body: AnswerBody): HttpAnswer {
    const retryAfterMs = parseRetryAfter(this.answerHeaders['retry-after'], Date.now())
    return {
      kind: 'answer',
      status: this.status,
      statusText: this.statusText,
      contentType: this.answerHeaders['content-type'] ?? '',
      ...(this.total !== undefined ? { contentLength: this.total } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      headers: this.answerHeaders,
      url: this.url.href,
      host: this.host,
      authSent: this.authSent,
      body,
      ms: this.elapsed()
    }
  }

  /** Settles with a stream answer whose body starts with `head`; the rest is written into the stream as it comes. */
  private handOver(head: Buffer): void {
    const stream = new PassThrough({ highWaterMark: 1024 * 1024 })
    this.stream = stream
    stream.on('drain', () => this.resumeDispatch())
    // A consumer that gives up ends the request: nothing keeps reading for nobody.
    stream.on('close', () => {
      if (this.state !== 'done') {
        this.state = 'done'
        this.cleanup()
        this.abortRequest?.(new Error('the reader closed the stream'))
      }
    })
    this.settle(this.answer({ kind: 'stream', head, rest: stream }))
  }

  private onConnect(abort: (error?: Error) => void): void {
    this.abortRequest = abort
    if (this.state === 'done') return abort(new Error('ended'))
    this.state = 'sent'
    const ms = this.options.headersTimeoutMs
    this.arm(ms, () => this.fail('timeout', 'HEADERS_TIMEOUT', `no answer within ${ms} ms`))
  }

  private onHeaders(
    statusCode: number,
    rawHeaders: Buffer[] | string[] | null,
    resume: () => void,
    text: string
  ): boolean {
    if (this.state === 'done') return false
    if (statusCode < 200) return true // 1xx informational: the real answer follows
    this.state = 'headers'
    this.resumeDispatch = resume
    this.status = statusCode
    this.statusText = text
    this.answerHeaders = parseHeaders(rawHeaders)
    const length = Number(this.answerHeaders['content-length'])
    this.total =
      this.answerHeaders['content-length'] !== undefined && Number.isSafeInteger(length) && length >= 0
        ? length
        : undefined
    if (/^\s*(x-)?gzip\s*$/i.test(this.answerHeaders['content-encoding'] ?? '')) this.decodeGzip()
    this.idle()
    this.watchThroughput()
    const location = this.answerHeaders.location
    if (REDIRECT_STATUSES.has(statusCode) && location !== undefined && this.options.followRedirects !== false) {
      this.redirectTo = location
      this.bodyMode = 'discard'
      return true
    }
    return this.chooseBody(statusCode >= 200 && statusCode < 300)
  }

  /** Where the body goes, by the BodyMode asked and whether the answer is a success. */
  private chooseBody(ok: boolean): boolean {
    const mode = this.options.body
    if (mode.mode === 'buffer') {
      // An error answer is only quoted: past 64 KiB it is cut rather than handed over as a stream.
      this.limit = mode.overflow === 'stream' && !ok ? Math.min(mode.maxBytes, ERROR_BODY_LIMIT) : mode.maxBytes
      if (mode.overflow === 'stream' && ok && this.total !== undefined && this.total > this.limit) {
        this.bodyMode = 'stream'
        this.handOver(Buffer.alloc(0))
      }
      return true
    }
    if (!ok) {
      this.limit = ERROR_BODY_LIMIT
      return true
    }
    if (mode.mode === 'stream') {
      this.bodyMode = 'stream'
      this.handOver(Buffer.alloc(0))
      return true
    }
    return this.openFile(mode)
  }

  private openFile(mode: Extract<BodyMode, { mode: 'file' }>): boolean {
    if (mode.maxBytes !== undefined && this.total !== undefined && this.total > mode.maxBytes) {
      this.fail('too-large', 'TOO_LARGE', `the answer is ${this.total} bytes, more than the limit of ${mode.maxBytes}`)
      return false
    }
    this.bodyMode = 'file'
    const file = createWriteStream(mode.path)
    this.file = file
    file.on('drain', () => this.resumeDispatch())
    // Writing here failed (ENOSPC, EROFS, EACCES): this machine's fault, not the proxy's.
    file.on('error', error =>
      this.fail(
        'local',
        (error as NodeJS.ErrnoException).code ?? 'EIO',
        `writing ${mode.path}: ${error.message}`,
        'body'
      )
    )
    return true
  }

  /** Decodes the body from here on; the length on the wire is not the body's, so the decoded bytes decide. */
  private decodeGzip(): void {
    this.total = undefined
    const gunzip = createGunzip()
    this.gunzip = gunzip
    // Decoded bytes go on as they come (the stream and file readers buffer); the encoded side keeps backpressure.
    gunzip.on('data', (chunk: Buffer) => {
      if (this.state !== 'done') this.consume(chunk)
    })
    gunzip.on('drain', () => this.resumeDispatch())
    gunzip.on('error', error =>
      this.fail('other', 'EGZIP', `the answer's gzip encoding is broken: ${error.message}`, 'body')
    )
  }

  private onData(chunk: Buffer): boolean {
    if (this.state === 'done') return false
    this.idle()
    this.received += chunk.length
    this.windowBytes += chunk.length
    const cap = this.options.maxBodyBytes
    if (cap !== undefined && this.received > cap) {
      this.fail('too-large', 'TOO_LARGE', `answer larger than ${formatBytes(cap)}`)
      return false
    }
    this.options.onData?.(chunk.length)
    if (this.gunzip) return this.gunzip.write(chunk)
    return this.consume(chunk)
  }

  /** One chunk of the (decoded) body, by the body mode; false asks the sender to pause. */
  private consume(chunk: Buffer): boolean {
    switch (this.bodyMode) {
      case 'discard':
        return true
      case 'stream':
        return this.stream?.write(chunk) ?? false
      case 'file':
        return this.writeToFile(chunk)
      default:
        return this.buffer(chunk)
    }
  }

  private writeToFile(chunk: Buffer): boolean {
    this.size += chunk.length
    const mode = this.options.body as Extract<BodyMode, { mode: 'file' }>
    if (mode.maxBytes !== undefined && this.size > mode.maxBytes) {
      this.fail('too-large', 'TOO_LARGE', `the answer is larger than the limit of ${mode.maxBytes} bytes`)
      return false
    }
    const more = this.file?.write(chunk) ?? false
    mode.onProgress?.(this.size, this.total)
    return more
  }

  /** Keeps a chunk in memory; past the limit, a success is handed over as a stream and anything else is cut. */
  private buffer(chunk: Buffer): boolean {
    if (this.size + chunk.length <= this.limit) {
      this.chunks.push(chunk)
      this.size += chunk.length
      return true
    }
    const mode = this.options.body
    if (mode.mode === 'buffer' && mode.overflow === 'stream' && this.status >= 200 && this.status < 300) {
      this.bodyMode = 'stream'
      this.handOver(Buffer.concat(this.chunks))
      this.chunks.length = 0
      return this.stream?.write(chunk) ?? false
    }
    this.chunks.push(chunk.subarray(0, this.limit - this.size))
    this.truncated = true
    this.state = 'done'
    this.cleanup()
    this.settle(this.answer({ kind: 'buffered', bytes: Buffer.concat(this.chunks), truncated: this.truncated }))
    // Settle first, then tear down: the rest of the body is not read.
    this.abortRequest?.(new Error('body limit reached'))
    return false
  }

  private onComplete(): void {
    if (this.state === 'done') return
    if (this.gunzip) {
      // The decoder's last bytes arrive after its input ends: complete once it has flushed them.
      const decoder = this.gunzip
      this.gunzip = undefined
      decoder.once('end', () => this.onComplete())
      decoder.end()
      return
    }
    this.state = 'done'
    this.cleanup()
    if (this.redirectTo !== undefined)
      return this.settle({ kind: 'redirect', location: this.redirectTo, status: this.status })
    if (this.bodyMode === 'stream') {
      this.stream?.end()
      return
    }
    if (this.bodyMode === 'file') {
      const path = (this.options.body as { path: string }).path
      this.file?.end(() => this.settle(this.answer({ kind: 'file', path, bytes: this.size })))
      return
    }
    this.settle(this.answer({ kind: 'buffered', bytes: Buffer.concat(this.chunks), truncated: this.truncated }))
  }

  /** A transport error, in the go command's words where there are some. */
  private onError(error: Error & { code?: string }): void {
    if (this.state === 'done') return
    const at = this.phase()
    const code = error.code ?? 'ERROR'
    // undici wraps socket errors (UND_ERR_SOCKET) with the real one as `cause`, and closes as "other side closed".
    const cause = (error as { cause?: Error & { code?: string } }).cause
    const real = code === 'UND_ERR_SOCKET' && cause?.code ? cause : error
    const realCode = real.code ?? code
    if (realCode === 'UND_ERR_CONNECT_TIMEOUT') {
      return this.fail(
        'timeout',
        'CONNECT_TIMEOUT',
        `dial tcp ${this.host}: i/o timeout`,
        at === 'tls' ? 'tls' : 'connect'
      )
    }
    const closedEarly = realCode === 'UND_ERR_SOCKET' || realCode === 'UND_ERR_CLOSED'
    if (!closedEarly)
      return this.fail(networkFault(realCode, real.message), realCode, describeNetworkError(realCode, real.message), at)
    const message =
      at === 'body'
        ? 'the answer broke off before its end (unexpected EOF)'
        : `connection reset: ${this.host} closed the connection before answering`
    this.fail('reset', 'ECONNRESET', message, at)
  }
}

let cachedContext: { readonly key: string; readonly context: tls.SecureContext } | undefined

/**
 * One TLS context per trust list, shared by clients: parsing Node's ~150 roots plus the extra
 * certificates costs tens of milliseconds, too much to pay on every probe call's first connection.
 */
function secureContextFor(ca: readonly string[]): tls.SecureContext {
  const key = ca.join('\n')
  if (cachedContext?.key !== key) cachedContext = { key, context: tls.createSecureContext({ ca: [...ca] }) }
  return cachedContext.context
}

function failure(
  phase: RequestPhase,
  fault: NetworkFault,
  code: string,
  message: string,
  host: string,
  ms: number
): HttpFailure {
  return { kind: 'failure', phase, fault, code, message, host, authSent: false, ms }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
}

function parseHeaders(raw: Buffer[] | string[] | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (!raw) return out
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toString().toLowerCase()
    const value = raw[i + 1].toString()
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`
  }
  return out
}

async function discardFile(file: ReturnType<typeof createWriteStream>, path: string): Promise<void> {
  await new Promise<void>(resolve => {
    file.once('close', () => resolve())
    file.destroy()
  })
  await rm(path, { force: true }).catch(() => undefined)
}

/**
 * A `file://` URL: the file as a 200 answer, a missing one (or a path through a non-directory,
 * or a directory) as a 404, as the go command treats a file proxy. Bounded by the deadline: a
 * hung network file system must not hold the caller (the read itself is abandoned).
 */
async function readFileUrl(url: URL, options: GetOptions, start: number): Promise<HttpResult> {
  const ms = () => Math.round((performance.now() - start) * 10) / 10
  let path: string
  try {
    path = fileURLToPath(url)
  } catch (error) {
    return failure(
      'connect',
      'other',
      'ERR_INVALID_FILE_URL',
      `invalid file URL: ${(error as Error).message}`,
      '',
      ms()
    )
  }
  const base = {
    kind: 'answer' as const,
    statusText: 'OK',
    headers: {},
    url: url.href,
    host: '',
    authSent: false
  }
  const notFound = (): HttpAnswer => ({
    ...base,
    status: 404,
    statusText: 'Not Found',
    contentType: 'text/plain; charset=utf-8',
    body: { kind: 'buffered', bytes: Buffer.from(`not found: ${path}\n`), truncated: false },
    ms: ms()
  })
  const work = async (): Promise<HttpResult> => {
    try {
      const info = await stat(path)
      if (!info.isFile()) return notFound()
      const answer = { ...base, status: 200, contentType: 'application/octet-stream', contentLength: info.size }
      const mode = options.body
      if (mode.mode === 'buffer') {
        const data = await readFile(path)
        const truncated = data.length > mode.maxBytes
        if (truncated && mode.overflow === 'stream') {
          return { ...answer, body: { kind: 'stream', head: Buffer.alloc(0), rest: Readable.from([data]) }, ms: ms() }
        }
        return { ...answer, body: { kind: 'buffered', bytes: data.subarray(0, mode.maxBytes), truncated }, ms: ms() }
      }
      if (mode.mode === 'stream')
        return { ...answer, body: { kind: 'stream', head: Buffer.alloc(0), rest: createReadStream(path) }, ms: ms() }
      const bytes = await copyFile(path, mode.path, info.size, mode.onProgress)
      return { ...answer, body: { kind: 'file', path: mode.path, bytes }, ms: ms() }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return notFound()
      return failure('body', 'other', code, `reading ${path}: ${(error as Error).message}`, '', ms())
    }
  }
  if (options.signal?.aborted) return { kind: 'aborted', ms: ms() }
  return new Promise<HttpResult>(resolve => {
    const deadline =
      options.deadline === undefined
        ? undefined
        : setTimeout(
            () => resolve(failure('body', 'timeout', 'DEADLINE', `the deadline passed reading ${path}`, '', ms())),
            Math.max(0, options.deadline - performance.now())
          )
    const onAbort = () => resolve({ kind: 'aborted', ms: ms() })
    options.signal?.addEventListener('abort', onAbort, { once: true })
    void work().then(result => {
      clearTimeout(deadline)
      options.signal?.removeEventListener('abort', onAbort)
      resolve(result)
    })
  })
}

async function copyFile(
  from: string,
  to: string,
  total: number,
  onProgress: ((bytes: number, total: number | undefined) => void) | undefined
): Promise<number> {
  let bytes = 0
  const out = createWriteStream(to)
  try {
    for await (const chunk of createReadStream(from)) {
      bytes += (chunk as Buffer).length
      if (!out.write(chunk)) await new Promise<void>(resolve => out.once('drain', () => resolve()))
      onProgress?.(bytes, total)
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
    return bytes
  } catch (error) {
    out.destroy()
    await rm(to, { force: true }).catch(() => undefined)
    throw error
  }
}

/** `500 MiB`, `4 MiB`, `256 KiB`: a size for a message. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`
  return `${bytes} bytes`
}
