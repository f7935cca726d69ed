/**
 * Walking the verified chain for one request, the way the go command walks GOPROXY — `,`
 * falls through on 404/410 only, `|` on any error — plus what Go lacks: several tries with
 * backoff and jitter for transient faults (honouring Retry-After), bounded by the
 * per-request timeouts of upstream.ts. Everything the walk needs comes in a WalkContext, so
 * the checksum-database routing can reuse the same tries and health bookkeeping.
 */
import type { Credentials } from '../../auth/types.js'
import type { Chain } from '../../go/proxy/chain.js'
import type { Logger } from '../../host/logger.js'
import type { HttpClient } from '../../net/http.js'
import { isFailing, recordTry } from './health.js'
import { joinUrl } from './paths.js'
import { retryDelayMs, type AnswerVerdict } from '../../go/proxy/walk.js'
import { sleep } from '../../net/sleep.js'
import type { Kind, Outcome, Upstream } from './types.js'
import { describeUpstream, judge, summary, toOutcome } from './judgement.js'
import { attempt, type AttemptResult } from './upstream.js'

const BACKOFF_CAP_MS = 4000
const RETRY_AFTER_CAP_MS = 10_000
/** Non-zip answers are small (lists, .info, .mod, database tiles): no reason to buffer more before streaming. */
const SMALL_BUFFER_LIMIT = 16 * 1024 * 1024

/** The forwarder's settings and shared state that every upstream try needs. */
export interface WalkContext {
  readonly chain: Chain
  /** Every proxy of the chain, dropped ones included (their health says so). */
  readonly upstreams: readonly Upstream[]
  /** Tries per proxy and request for transient faults. */
  readonly attempts: number
  readonly backoffMs: number
  readonly bufferLimit: number
  readonly requestTimeoutMs: number
  /** The forwarder's HTTP client (its pools, trust and environment proxy). */
  readonly client: HttpClient
  /** Credentials (.netrc) for a URL a redirect or the checksum database leads to. */
  readonly credentialsFor: (url: string) => Credentials | undefined
  /** Marks activity, so the watchdog sees a slow transfer as progress. */
  readonly touch: () => void
  readonly log: Logger
}

/** The last try of one upstream URL: its result, what it means, and how many tries it took. */
export interface TryResult {
  readonly result: AttemptResult
  readonly verdict: AnswerVerdict
  readonly tries: number
}

/**
 * Tries one upstream URL up to `tries` times, recording each try in `u`'s health (none for
 * the checksum database itself). Returns the final result and whether it was a success
 * (200), a not-found (404/410), or a failure. Stops early when the request is aborted or
 * `u` is dropped meanwhile (the next proxy after its `|` takes over).
 */
export async function tryUpstream(
  ctx: WalkContext,
  u: Upstream | undefined,
  url: URL,
  credentials: Credentials | undefined,
  tries: number,
  kind: Kind,
  signal: AbortSignal
): Promise<TryResult> {
  let last: TryResult | undefined
  for (let n = 1; n <= tries; n++) {
    if (n > 1) {
      const retryAfter = last?.result.type === 'complete' ? last.result.retryAfterMs : undefined
      await sleep(retryDelayMs(n - 1, retryAfter, ctx.backoffMs, BACKOFF_CAP_MS, RETRY_AFTER_CAP_MS), signal)
      if (signal.aborted || u?.health.dropped) break
    }
    const result = await attempt({
      url,
      ...(credentials ? { credentials } : {}),
      credentialsFor: ctx.credentialsFor,
      timeoutMs: ctx.requestTimeoutMs,
      bufferLimit: kind === 'zip' ? ctx.bufferLimit : Math.min(ctx.bufferLimit, SMALL_BUFFER_LIMIT),
      client: ctx.client,
      signal,
      onData: ctx.touch
    })
    ctx.touch()
    const verdict = judge(result, kind)
    if (u)
      recordTry(
        u,
        verdict === 'ok' || verdict === 'not-found' ? 'success' : verdict,
        result.type === 'network' && result.fault === 'timeout',
        ctx.requestTimeoutMs,
        ctx.log
      )
    last = { result, verdict, tries: n }
    if (verdict !== 'transient' || signal.aborted) break
    if (n < tries) ctx.log.debug(`Warm phase: ${describeUpstream(u, url)} ${summary(result)}; retrying (${n}/${tries})`)
  }
  // `last` is always set: the loop runs at least once unless aborted before the first try.
  return last ?? { result: { type: 'network', fault: 'other', message: 'aborted' }, verdict: 'permanent', tries: 0 }
}

/**
 * How many tries `u` gets for one request. A "|" proxy with more after it gets one try:
 * the next proxy is as good, and Go would move on too. So does a proxy the circuit breaker
 * holds open.
 */
export function triesFor(ctx: WalkContext, u: Upstream, isLast: boolean): number {
  return (u.entry.separator === '|' && !isLast) || isFailing(u, ctx.attempts) ? 1 : ctx.attempts
}

/** Walks the live chain for a module request, as Go walks GOPROXY. */
export async function walkChain(
  ctx: WalkContext,
  path: string,
  kind: Kind,
  signal: AbortSignal
): Promise<AttemptResult | Outcome> {
  const live = ctx.upstreams.filter(u => !u.health.dropped)
  const outcomes: Outcome[] = []
  for (let i = 0; i < live.length; i++) {
    const u = live[i]
    const isLast = i === live.length - 1
    const tries = triesFor(ctx, u, isLast)
    const {
      result,
      verdict,
      tries: used
    } = await tryUpstream(ctx, u, joinUrl(u.base, path), u.credentials, tries, kind, signal)
    if (verdict === 'ok') return result
    const outcome = toOutcome(u, result, verdict, used)
    outcomes.push(outcome)
    if (signal.aborted) return outcome
    if (verdict === 'not-found' || u.entry.separator === '|') continue
    return outcome
  }
  return fallOff(ctx.chain, outcomes)
}

/** The answer when every proxy was tried: Go's ranking (a proxy error beats "not found"), but a 404 stays a 404 when only it lets Go fall through to direct. */
function fallOff(chain: Chain, outcomes: Outcome[]): Outcome {
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
