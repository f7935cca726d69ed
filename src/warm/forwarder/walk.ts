/**
 * The forwarder's requests upstream, through the one chain-walk driver (src/net/walk.ts `walkUpstream`, whose rules
 * are src/go/proxy/walk.ts's): this file only says which proxies a request walks (the live ones, each with its
 * tries), keeps each proxy's health after every try, and turns the walk's result into the forwarder's terms (an
 * answer to stream or buffer, or the Outcome go is told). The checksum-database routing (sumdb.ts) and the prefetch
 * (forwarder.ts `prefetchOne`) walk through `walkTargets` too.
 */
import { rm } from 'node:fs/promises'
import type { Credentials, CredentialsLookup } from '../../auth/types.js'
import type { Chain, Separator } from '../../go/proxy/chain.js'
import { orderByHealth, triesFor as walkerTries, type RequestKind } from '../../go/proxy/walk.js'
import type { Logger } from '../../host/logger.js'
import type { HttpClient } from '../../net/http.js'
import type { HttpAnswer } from '../../net/http.js'
import { walkUpstream, type FailedTry, type WalkResult } from '../../net/walk.js'
import { isFailing, recordTry } from './health.js'
import { describeUpstream, summary, toOutcome } from './judgement.js'
import { joinUrl } from './paths.js'
import type { RepeatedDebug } from './repeats.js'
import type { SourceLedger } from './sources.js'
import type { Kind, Outcome, Upstream } from './types.js'
import { CLOSED, toAttemptResult, type AttemptResult } from './upstream.js'
import type { SumCheck } from './verify.js'

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
  readonly credentialsFor: CredentialsLookup
  /** Marks activity, so the watchdog sees a slow transfer as progress. */
  readonly touch: () => void
  readonly log: Logger
  /** Retry lines grouped by host and error (one failing host would otherwise log a line per request). */
  readonly retryLines: RepeatedDebug
  /** Who answered each module request: a later checksum mismatch or "not found" names them. */
  readonly sources: SourceLedger
  /** Compares module files with go.sum before they are used (verify.ts); absent: bytes are used as they come. */
  readonly sums?: SumCheck
}

/** One upstream URL a request asks: a proxy of the chain (`u`), or the checksum database itself (no `u`). */
export interface Target {
  readonly u: Upstream | undefined
  /** The separator after this target where it is asked (default: its proxy's own; the database itself: `,`). */
  readonly separator?: Separator
  readonly url: URL
  readonly credentials: Credentials | undefined
  readonly tries: number
}

/** A walk's result in the forwarder's terms. */
export type TargetsResult =
  /** `disagrees`: the bytes differ from go.sum and no later mirror served any (see verify.ts). */
  | { readonly kind: 'use'; readonly target: Target; readonly result: AttemptResult; readonly disagrees?: true }
  | {
      readonly kind: 'fail'
      readonly why: 'stop' | 'end' | 'local'
      readonly report: Outcome | undefined
      readonly outcomes: Outcome[]
    }
  | { readonly kind: 'aborted'; readonly outcome: Outcome }

/** How many tries `u` gets for one request (the walker's rule, with `u`'s breaker). */
export function triesFor(ctx: WalkContext, u: Upstream, isLast: boolean): number {
  return walkerTries(u.entry.separator, isLast, isFailing(u, ctx.attempts), ctx.attempts)
}

/**
 * Walks `targets` (in order, with the separators of their proxies; the database itself counts as `,`) through the
 * one driver, recording every try in its proxy's health and giving up a proxy dropped meanwhile. With `path` (a
 * module request's wire path) a module file is compared with go.sum where the walker says it matters (verify.ts).
 */
export async function walkTargets(
  ctx: WalkContext,
  targets: readonly Target[],
  kind: Kind,
  signal: AbortSignal,
  path?: string
): Promise<TargetsResult> {
  const sums = path !== undefined ? ctx.sums : undefined
  const result = await walkUpstream(
    targets.map(t => ({
      url: t.url,
      credentials: t.credentials,
      separator: t.separator ?? t.u?.entry.separator ?? ',',
      tries: t.tries
    })),
    {
      client: ctx.client,
      kind: kind satisfies RequestKind,
      body: {
        mode: 'buffer',
        maxBytes: kind === 'zip' ? ctx.bufferLimit : Math.min(ctx.bufferLimit, SMALL_BUFFER_LIMIT),
        overflow: 'stream'
      },
      headersTimeoutMs: ctx.requestTimeoutMs,
      bodyIdleTimeoutMs: ctx.requestTimeoutMs,
      credentialsFor: ctx.credentialsFor,
      signal,
      onData: ctx.touch,
      backoffMs: ctx.backoffMs,
      onTry: (entry, _attempt, result, verdict) => {
        ctx.touch()
        const u = targets[entry].u
        // A fault of this machine (its disk) says nothing about the proxy's health.
        if (!u || verdict === 'local') return
        const timeout = result.kind === 'failure' && result.fault === 'timeout'
        // Bytes that differ from go.sum are an answer, not a sign of a sick proxy: never a reason to drop it.
        recordTry(
          u,
          verdict === 'ok' || verdict === 'not-found'
            ? 'success'
            : verdict === 'unavailable'
              ? 'transient'
              : verdict === 'mismatch'
                ? 'permanent'
                : verdict,
          timeout,
          ctx.requestTimeoutMs,
          ctx.log
        )
      },
      onRetry: (failed, _delayMs) => {
        const target = targets[failed.entry]
        const what = `Warm phase: ${describeUpstream(target.u, target.url)} ${summary(toAttemptResult(failed.result))}`
        ctx.retryLines.note(what, `${what}; retrying (${failed.attempt}/${target.tries})`)
      },
      giveUp: entry => targets[entry].u?.health.dropped === true,
      ...(sums && path !== undefined
        ? {
            check: (entry: number, answer: HttpAnswer) => {
              const shown = (t: Target) => describeUpstream(t.u, t.url)
              return sums.check(path, answer, shown(targets[entry]), shown(targets[entry + 1]))
            },
            release: (answer: HttpAnswer) => sums.release(answer)
          }
        : {})
    }
  )
  return inForwarderTerms(targets, result)
}

function inForwarderTerms(targets: readonly Target[], result: WalkResult): TargetsResult {
  const outcomeOf = (failed: FailedTry): Outcome => {
    const target = targets[failed.entry]
    return toOutcome(target.u, toAttemptResult(failed.result), failed.verdict, failed.attempt, target.url)
  }
  if (result.kind === 'use') {
    return {
      kind: 'use',
      target: targets[result.entry],
      result: toAttemptResult(result.answer),
      ...(result.disagrees ? { disagrees: true as const } : {})
    }
  }
  const outcomes = result.failures.map(outcomeOf)
  if (result.kind === 'aborted') {
    const last = result.failures[result.failures.length - 1]
    const target = last ? targets[last.entry] : targets[0]
    return {
      kind: 'aborted',
      outcome: last ? outcomeOf(last) : toOutcome(target?.u, CLOSED, 'permanent', 0, target?.url)
    }
  }
  return {
    kind: 'fail',
    why: result.why,
    report: result.report ? outcomes[result.failures.indexOf(result.report)] : undefined,
    outcomes
  }
}

/**
 * Walks the live chain for a module request, as Go walks GOPROXY. Bytes that differ from go.sum, when no later
 * mirror served any, are handed on as go would have got them (go reports the mismatch) — unless `mismatchFails`
 * (the prefetch: such bytes must never be placed where go reads them; go's own request decides).
 */
export async function walkChain(
  ctx: WalkContext,
  path: string,
  kind: Kind,
  signal: AbortSignal,
  mismatchFails = false
): Promise<AttemptResult | Outcome> {
  // A proxy that stalled earlier in the phase is asked after the others of its `|` run (the walker's orderByHealth);
  // separators keep their places, so each target takes the separator of the place it is asked in.
  const ordered = orderByHealth(
    ctx.upstreams.filter(u => !u.health.dropped).map(u => ({ u, separator: u.entry.separator })),
    entry => entry.u.health
  )
  const targets = ordered.map(({ u, separator }, i) => ({
    u,
    url: joinUrl(u.base, path),
    credentials: u.credentials,
    separator,
    tries: walkerTries(separator, i === ordered.length - 1, isFailing(u, ctx.attempts), ctx.attempts)
  }))
  const walked = await walkTargets(ctx, targets, kind, signal, path)
  if (walked.kind === 'use' && walked.disagrees) {
    const shown = describeUpstream(walked.target.u, walked.target.url)
    if (mismatchFails) {
      releaseResult(walked.result)
      return { status: 502, notFound: false, text: `${shown}: served bytes that differ from go.sum` }
    }
    ctx.log.info(
      `Warm phase: no mirror after ${shown} served ${path} as go.sum records it; go gets ${shown}'s bytes and reports the mismatch.`
    )
  }
  if (walked.kind === 'use') {
    if (walked.result.type !== 'network' && walked.result.status === 200) {
      ctx.sources.served(path, describeUpstream(walked.target.u, walked.target.url))
    }
    return walked.result
  }
  if (walked.kind === 'aborted') return walked.outcome
  const notFoundBy = walked.outcomes.flatMap(o => (o.notFound && o.upstream ? [o.upstream.shown] : []))
  ctx.sources.notFound(path, notFoundBy)
  if (walked.why === 'stop' && walked.report) return walked.report
  return fallOff(ctx.chain, walked.outcomes, walked.report)
}

/**
 * The answer when every proxy was tried: the error go reports (the walker's ranking: a proxy error beats "not
 * found"), but a 404 stays a 404 when only it lets go fall through to direct after the forwarder.
 */
function fallOff(chain: Chain, outcomes: Outcome[], best: Outcome | undefined): Outcome {
  const last = outcomes[outcomes.length - 1]
  if (!best || !last) {
    return {
      status: 502,
      notFound: false,
      text: 'setup-goproxy forwarder: every proxy of the chain was dropped during the warm phase'
    }
  }
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

/** Frees a result nobody serves: a spooled body's file (verify.ts). */
function releaseResult(result: AttemptResult): void {
  if (result.type === 'file') void rm(result.file, { force: true }).catch(() => undefined)
  if (result.type === 'stream') result.rest.destroy()
}
