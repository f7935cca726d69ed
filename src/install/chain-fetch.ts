/**
 * Requests for the toolchain install, through the one chain-walk driver (src/net/walk.ts `walkUpstream`, on the one
 * HTTP client): walking the GOPROXY chain with the go command's `,`/`|` rules plus retries for transient faults
 * (src/go/proxy/walk.ts decides), asking `/sumdb/<name>/supported` and the database itself the same way, choosing the path
 * to the checksum database as the go command does (src/go/sumdb/route.ts), and a `SumdbFetch` for
 * src/sumdb/client.ts.
 *
 * API:
 * - `getThroughChain(options)` → `Promise<ChainGetResult>`: one request path (`golang.org/toolchain/@v/list`)
 *   against each proxy in turn; `direct` is `directBase` (go.dev/dl/mod for toolchains), `off` ends the walk.
 * - `resolveSumdbBase(options)` → `Promise<SumdbBase>`: where checksum-database requests go (a URL, or a failure).
 * - `sumdbFetcher(options)` → `SumdbFetch`: GETs below that base with size caps, timeouts and retries.
 */
import type { Credentials, CredentialsLookup } from '../auth/types.js'
import type { Chain } from '../go/proxy/chain.js'
import type { Logger } from '../host/logger.js'
import { userinfoCredentials } from '../net/credentials.js'
import { redactText, redactUrl } from '../go/proxy/url.js'
import type { SupportedAnswer } from '../go/sumdb/route.js'
import type { SumdbConfig } from '../go/sumdb/config.js'
import { sumdbRoute } from '../go/sumdb/route.js'
import type { BodyMode, HttpAnswer, HttpClient, HttpFailure } from '../net/http.js'
import { walkUpstream, type ChainHealth, type FailedTry, type WalkRequest } from '../net/walk.js'
import { orderByHealth, triesFor } from '../go/proxy/walk.js'
import type { SumdbFetch } from '../sumdb/client.js'

/** Timeouts and retries for one request through the chain. */
export interface RequestPolicy {
  /** Tries per proxy for transient faults (5xx, 429, timeout, reset, refused, dns). Default 3. */
  readonly attempts?: number
  /** Backoff base in ms (doubled per retry, equal jitter, capped at 4 s). Default 500. */
  readonly backoffMs?: number
  /** Milliseconds from request to response headers. Default 30 000. */
  readonly headersTimeoutMs?: number
  /** Milliseconds allowed between two body chunks. Default 30 000. */
  readonly bodyIdleTimeoutMs?: number
  /** Credentials for hosts a redirect leads to (the go command looks each URL up in .netrc). */
  readonly credentialsFor?: CredentialsLookup
  readonly signal?: AbortSignal
  /** For tests: the jitter source. */
  readonly random?: () => number
  /**
   * What this run learned of its proxies (src/net/walk.ts ChainHealth): one that stalled earlier is asked after the
   * others of its `|` run (the walker's orderByHealth), and every try is recorded. One per install.
   */
  readonly health?: ChainHealth
}

const DEFAULT_ATTEMPTS = 3
const DEFAULT_BACKOFF_MS = 500
const DEFAULT_TIMEOUT_MS = 30_000

/** Options of {@link getThroughChain}. */
export interface ChainGetOptions extends RequestPolicy {
  readonly client: HttpClient
  readonly chain: Chain
  /** The request path below each proxy, without a leading slash: `golang.org/toolchain/@v/list`. */
  readonly path: string
  /** The GOPROXY `direct` means for this module (`https://go.dev/dl/mod` for golang.org/toolchain). */
  readonly directBase: string
  readonly body: BodyMode
  readonly log: Logger
}

/** The outcome of {@link getThroughChain}. */
export type ChainGetResult =
  | {
      readonly ok: true
      readonly answer: HttpAnswer
      /** The proxy that answered (redacted), or the direct base. */
      readonly source: string
      /** One line per failed try before the answer, for the log. */
      readonly tried: readonly string[]
    }
  | {
      readonly ok: false
      readonly message: string
      readonly tried: readonly string[]
      /** The walk ended on a fault of this machine (a full or read-only RUNNER_TEMP): no proxy is to blame. */
      readonly local?: boolean
    }

/** The base URL joined with a request path, keeping the base's query (the go command sends it with every request). */
export function joinProxyUrl(base: string, path: string): URL {
  const url = new URL(base)
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
  return url
}

/**
 * Walks `chain` for `path` as the go command does (each request starts again at the first entry), with retries of
 * transient faults on each proxy, through the one driver (src/net/walk.ts). Never rejects: a result names every
 * proxy that failed and why.
 */
export async function getThroughChain(options: ChainGetOptions): Promise<ChainGetResult> {
  const tried: string[] = []
  const health = options.health
  const listed = options.chain.proxies.map(p => ({ base: p.url, separator: p.separator, direct: false }))
  const bases = health ? orderByHealth(listed, b => health.of(b.base)) : listed
  if (options.chain.terminal === 'direct') bases.push({ base: options.directBase, separator: ',', direct: true })
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS)
  // As the forwarder: one try for a `|` proxy with another after it (go would move on too), else `attempts`.
  const targets = bases.map((b, i) => ({
    ...requestTarget(b.base, options.path),
    separator: b.separator,
    tries: triesFor(b.separator, i === bases.length - 1, false, attempts),
    direct: b.direct
  }))
  const shown = bases.map(b => redactUrl(b.base))
  const message = (failed: FailedTry) => `${shown[failed.entry]}/${options.path}: ${describe(failed.result)}`
  const walked = await walkUpstream(targets, {
    ...requestOf(options, options.body),
    kind: options.path.endsWith('.zip') ? 'zip' : 'small',
    onTry: (entry, attempt, result, verdict) => {
      if (!bases[entry].direct) health?.noteTry(bases[entry].base, result, verdict)
      if (verdict === 'ok') return
      const line = `${shown[entry]}/${options.path}: ${describe(result)}`
      tried.push(attempt > 1 ? `${line} (try ${attempt})` : line)
    },
    onRetry: (failed, delayMs) => options.log.debug(`${message(failed)}: retrying in ${delayMs} ms`)
  })
  if (walked.kind === 'use') return { ok: true, answer: walked.answer, source: shown[walked.entry], tried }
  if (walked.kind === 'aborted') return { ok: false, message: 'cancelled', tried }
  // Writing the answer failed here: every other proxy would fail the same way (the walker ends the walk).
  if (walked.why === 'local' && walked.report?.result.kind === 'failure') {
    return { ok: false, message: redactText(walked.report.result.message), tried, local: true }
  }
  if (walked.why === 'stop' && walked.report) {
    return {
      ok: false,
      message: `${message(walked.report)} (the ',' after it lets only 404/410 through to the next proxy)`,
      tried
    }
  }
  const end =
    options.chain.terminal === 'off'
      ? 'GOPROXY ends in off'
      : options.chain.terminal === 'direct'
        ? 'direct was tried last'
        : 'the chain has no further entry'
  return {
    ok: false,
    message: walked.report === undefined ? `no proxy in the chain (${end})` : `${message(walked.report)}; ${end}`,
    tried
  }
}

/** A request URL below `base` without userinfo, and the userinfo as credentials for its origin. */
function requestTarget(base: string, path: string): { url: URL; credentials: Credentials | undefined } {
  const url = joinProxyUrl(base, path)
  const credentials = userinfoCredentials(url)
  url.username = ''
  url.password = ''
  return { url, credentials }
}

/** The driver's request for one GET of the install: its timeouts, pacing and signal. */
function requestOf(options: RequestPolicy & { client: HttpClient }, body: BodyMode): WalkRequest {
  return {
    client: options.client,
    body,
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    credentialsFor: options.credentialsFor,
    signal: options.signal,
    backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
    random: options.random
  }
}

/** One line about a failed try: the status and the start of a text body, or the network failure. */
function describe(result: HttpAnswer | HttpFailure): string {
  if (result.kind === 'failure') return redactText(result.message)
  const status = `${result.status} ${result.statusText}`.trim()
  if (result.body.kind !== 'buffered' || !/text\/plain/i.test(result.contentType)) return status
  const text = redactText(result.body.bytes.subarray(0, 300).toString('utf8'))
    .replace(/[^\x20-\x7e]+/g, ' ')
    .trim()
  return text === '' ? status : `${status}: ${text}`
}

/** Where checksum-database requests go. */
export type SumdbBase =
  | {
      readonly ok: true
      /** The database root: `https://sum.golang.org`, or `<proxy>/sumdb/sum.golang.org`. */
      readonly url: string
      /** How it was chosen, for the log: 'explicit' (GOSUMDB has a URL), 'proxy' or 'direct'. */
      readonly via: 'explicit' | 'proxy' | 'direct'
    }
  | { readonly ok: false; readonly message: string }

/** Options of {@link resolveSumdbBase}. */
export interface SumdbBaseOptions extends RequestPolicy {
  readonly client: HttpClient
  readonly chain: Chain
  readonly sumdb: SumdbConfig
  readonly log: Logger
}

/**
 * The path the go command takes to the checksum database: GOSUMDB's URL when it has one (and for the alias
 * sum.golang.google.cn), else the first proxy that answers 200 to `/sumdb/<name>/supported` (404/410 ask the next,
 * other errors only after `|`), else `https://<name>`. GOSUMDB=off is a failure: toolchains are always verified.
 */
export async function resolveSumdbBase(options: SumdbBaseOptions): Promise<SumdbBase> {
  const { sumdb } = options
  if (sumdb.kind === 'off') {
    return {
      ok: false,
      message:
        'GOSUMDB=off: Go toolchains are installed only when verified against the checksum database (the go command refuses too); set GOSUMDB to sum.golang.org or sum.golang.google.cn'
    }
  }
  const answers = new Map<string, SupportedAnswer>()
  for (;;) {
    const route = sumdbRoute(options.chain, sumdb, proxy => answers.get(proxy))
    switch (route.kind) {
      case 'off':
        return { ok: false, message: 'GOSUMDB=off' }
      case 'explicit':
        return { ok: true, url: route.base, via: 'explicit' }
      case 'direct':
        return { ok: true, url: route.base, via: 'direct' }
      case 'proxy':
        return { ok: true, url: joinProxyUrl(route.proxy, `sumdb/${sumdb.name}`).href, via: 'proxy' }
      case 'fails':
        return {
          ok: false,
          message: `the checksum database cannot be reached the way the go command reaches it: ${redactUrl(route.proxy)}/sumdb/${sumdb.name}/supported: ${redactText(route.message)}`
        }
      case 'pending':
        answers.set(route.proxy, await askSupported(options, route.proxy, sumdb.name))
    }
  }
}

/** One proxy's `/sumdb/<name>/supported`, through the driver: 200 yes, 404/410 no, anything else an error. */
async function askSupported(options: SumdbBaseOptions, proxy: string, name: string): Promise<SupportedAnswer> {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS)
  const target = { ...requestTarget(proxy, `sumdb/${name}/supported`), separator: ',' as const, tries: attempts }
  const walked = await walkUpstream([target], requestOf(options, { mode: 'buffer', maxBytes: 4096 }))
  if (walked.kind === 'use') return { support: 'yes', message: 'serves the checksum database' }
  if (walked.kind === 'aborted' || !walked.report) return { support: 'error', message: 'cancelled' }
  const { verdict, result } = walked.report
  return { support: verdict === 'not-found' ? 'no' : 'error', message: describe(result) }
}

/** Options of {@link sumdbFetcher}. */
export interface SumdbFetcherOptions extends RequestPolicy {
  readonly client: HttpClient
  /** The database root from {@link resolveSumdbBase}; may hold userinfo (sent as credentials to its origin only). */
  readonly base: string
}

/** The largest answer the checksum database gives: a full tile is 8 KiB, a lookup a few hundred bytes. */
const SUMDB_MAX_BYTES = 256 * 1024

/**
 * A `SumdbFetch` over the HTTP client: GETs below `base`, retrying transient faults, each answer capped at 256 KiB
 * (a larger one is an error: no honest answer is that big).
 */
export function sumdbFetcher(options: SumdbFetcherOptions): SumdbFetch {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS)
  const body: BodyMode = { mode: 'buffer', maxBytes: SUMDB_MAX_BYTES + 1 }
  return async sub => {
    const target = { ...requestTarget(options.base, sub), separator: ',' as const, tries: attempts }
    const walked = await walkUpstream([target], { ...requestOf(options, body), kind: 'sumdb' })
    if (walked.kind === 'aborted') return { error: 'cancelled' }
    const result = walked.kind === 'use' ? walked.answer : walked.report?.result
    if (!result) return { error: 'cancelled' }
    if (result.kind === 'failure') return { error: redactText(result.message) }
    if (result.body.kind !== 'buffered') return { error: 'unexpected body' }
    if (result.body.truncated || result.body.bytes.length > SUMDB_MAX_BYTES) {
      return { error: `answer larger than ${SUMDB_MAX_BYTES} bytes` }
    }
    return { status: result.status, body: new Uint8Array(result.body.bytes) }
  }
}
