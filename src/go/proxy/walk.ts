/**
 * What to do after one answer while walking a GOPROXY chain for one request (pure).
 *
 * API:
 * - `judgeAnswer(answer)`: an HTTP status or a network fault → `AnswerVerdict` ('ok', 'not-found', 'transient',
 *   'permanent'): Go's meaning of 404/410, plus which faults are worth another try (5xx, 429, timeout, reset,
 *   refused, dns).
 * - `nextStep(verdict, separator, attempt, maxAttempts)`: → 'use' (take this answer), 'retry' (same proxy again
 *   after a backoff), 'next' (the next entry of the chain), 'stop' (the request fails with this answer), following
 *   the go command's rules: after `,` only 404/410 fall through; after `|` any error does.
 * - `retryDelayMs(retry, retryAfterMs, baseMs, capMs, random)`: backoff with equal jitter, at least Retry-After
 *   (capped).
 *
 * One judgement for every chain walk: the warm forwarder (src/warm/forwarder/judgement.ts, which adds that an HTML
 * page is never a module file) and the toolchain download both ask `judgeAnswer`.
 */
import type { Separator } from './chain.js'

/** One answer as the walk sees it: an HTTP status, or a transport failure classified by src/net. */
export type ChainAnswer =
  | { readonly kind: 'status'; readonly status: number }
  | {
      readonly kind: 'failure'
      /** src/net's NetworkFault: timeout, refused, reset, dns, tls, redirect, too-large, other. */
      readonly fault: string
    }

/** What one answer means. */
export type AnswerVerdict = 'ok' | 'not-found' | 'transient' | 'permanent'

/** What the walk does next. */
export type ChainStep = 'use' | 'retry' | 'next' | 'stop'

/** Faults that may pass if tried again: the proxy or the network was busy, not wrong. */
const TRANSIENT_FAULTS: ReadonlySet<string> = new Set(['timeout', 'refused', 'reset', 'dns'])

/** The verdict on one answer (2xx is 'ok'; 404/410 'not-found'; 429/5xx and passing faults 'transient'). */
export function judgeAnswer(answer: ChainAnswer): AnswerVerdict {
  if (answer.kind === 'failure') return TRANSIENT_FAULTS.has(answer.fault) ? 'transient' : 'permanent'
  const { status } = answer
  if (status >= 200 && status < 300) return 'ok'
  if (status === 404 || status === 410) return 'not-found'
  if (status === 429 || status >= 500) return 'transient'
  return 'permanent'
}

/**
 * The next step after an answer judged `verdict` from a proxy followed by `separator`, on try `attempt`
 * (1-based) of `maxAttempts` for this proxy. A transient fault is retried on the same proxy while tries remain;
 * once they are spent it counts as an error: `|` moves on, `,` stops (the go command never passes an error through
 * a `,`). A not-found always moves on. Throws on an attempt outside 1..maxAttempts.
 */
export function nextStep(
  verdict: AnswerVerdict,
  separator: Separator,
  attempt: number,
  maxAttempts: number
): ChainStep {
  if (!Number.isInteger(attempt) || !Number.isInteger(maxAttempts) || attempt < 1 || attempt > maxAttempts) {
    throw new Error(`attempt ${attempt} is not within 1..${maxAttempts}`)
  }
  if (verdict === 'ok') return 'use'
  if (verdict === 'not-found') return 'next'
  if (verdict === 'transient' && attempt < maxAttempts) return 'retry'
  return separator === '|' ? 'next' : 'stop'
}

/**
 * Milliseconds to wait before retry number `retry` (1-based): equal jitter over baseMs·2^(retry-1) capped at
 * `capMs`, but never less than the server's Retry-After (itself capped at `retryAfterCapMs`).
 */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  baseMs: number,
  capMs: number,
  retryAfterCapMs: number,
  random: () => number = Math.random
): number {
  return Math.max(backoffDelay(retry, baseMs, capMs, random), Math.min(retryAfterMs ?? 0, retryAfterCapMs))
}

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of base·2^(n-1), capped.
 * The jitter keeps many parallel requests from retrying in lockstep against a proxy that is just recovering.
 */
export function backoffDelay(retry: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1))
  return Math.round(exp / 2 + (random() * exp) / 2)
}
