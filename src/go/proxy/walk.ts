/**
 * The one chain walker's rules, pure: what one answer means, and what the walk over a GOPROXY chain does next.
 * Every request that goes upstream — the warm forwarder's and its prefetch's, the Go install's list and zip, the
 * checksum database's `supported`, lookups and tiles — is walked by the one I/O driver (src/net/walk.ts), which
 * asks these functions after every answer. A rule added here reaches every path.
 *
 * The walk is a step function: `firstStep(walk)` → ask entry 0; then `nextStep(walk, state, verdict, retryAfterMs)`
 * after each answer → ask the same entry again after a delay / ask the next entry / use this answer / fail, with the
 * entry whose error the go command would report (`rankFailure`, cmd/go/internal/modfetch/proxy.go TryProxies).
 *
 * WHERE RULES GO (each is a one-place change):
 * - What an answer means (a status, a transport fault, a page that is not a module file, a mirror's quirk):
 *   a row of ANSWER_RULES, first match wins. A rule sees the status or fault, the content type and first bytes of a
 *   buffered body, what the request fetches and the proxy's URL.
 * - How often an entry is asked and how long to wait in between: `triesFor` and RETRY (backoff caps, Retry-After).
 * - When a proxy counts as sick (dropped, or asked once while its breaker is open): HEALTH, `dropReason`,
 *   `breakerOpen`.
 * - Which error the failed request reports: `rankFailure`.
 * What a driver measures (size caps, throughput floors) it turns into a fault of the answer (src/net's
 * NetworkFault), which ANSWER_RULES then judges.
 */
import type { Separator } from './chain.js'

/** What a request fetches: a zip (large, streamed), a small module file, or a checksum-database answer. */
export type RequestKind = 'zip' | 'small' | 'sumdb'

/** One answer as the walk sees it: an HTTP status, or a transport failure classified by src/net. */
export type ChainAnswer =
  | {
      readonly kind: 'status'
      readonly status: number
      readonly contentType?: string
      /** The first bytes of a buffered body (absent for a streamed or file body). */
      readonly head?: string
      readonly request?: RequestKind
      /** The proxy asked (its URL, without userinfo). */
      readonly proxy?: string
    }
  | {
      readonly kind: 'failure'
      /** src/net's NetworkFault: timeout, refused, reset, dns, tls, redirect, too-large, other. */
      readonly fault: string
      readonly request?: RequestKind
      readonly proxy?: string
    }

/**
 * What one answer means. 'unavailable' is a not-found the proxy itself calls temporary (goproxy/goproxy's
 * `404 not found: bad upstream`): asked again like a transient fault, and once the tries are spent it is a
 * not-found again, so the walk (and go after it) falls through to the next entry as go would. 'local': this machine
 * failed (writing the answer to a full or read-only disk): no other entry would mend it, so the walk ends there
 * instead of asking every proxy in turn. 'mismatch': a 2xx whose bytes disagree with the hash go.sum records for them
 * (mirrors that disagree on a force-pushed tag); given only where `checksBytes` says a comparison can change anything
 * (see `nextStep`).
 */
export type AnswerVerdict = 'ok' | 'not-found' | 'unavailable' | 'transient' | 'permanent' | 'local' | 'mismatch'

/** One rule of ANSWER_RULES. */
export interface AnswerRule {
  /** Why, in a few words (the table test names rows by it). */
  readonly name: string
  readonly applies: (answer: ChainAnswer) => boolean
  readonly verdict: AnswerVerdict
}

/** Faults that may pass if tried again: the proxy or the network was busy, not wrong. */
const TRANSIENT_FAULTS: ReadonlySet<string> = new Set(['timeout', 'refused', 'reset', 'dns'])

const isStatus = (answer: ChainAnswer, test: (status: number) => boolean): boolean =>
  answer.kind === 'status' && test(answer.status)

/**
 * The texts of github.com/goproxy/goproxy (the engine goproxy.cn runs) for a failure that says nothing about the
 * module: an upstream 429/5xx (`bad upstream`), a fetch timeout, a cache-only miss (`temporarily unavailable`).
 * It sends all three as 404 (response.go responseError / responseNotFound; it never sends 410), the first two with
 * `Cache-Control: must-revalidate, no-cache, no-store`. Any other `not found: <upstream text>` is a real not-found.
 */
const TEMPORARY_NOT_FOUND = /^\s*not found: (bad upstream|fetch timed out|temporarily unavailable)\s*$/

/** Whether a 404 answer with this body is goproxy/goproxy's word for a temporary failure (see TEMPORARY_NOT_FOUND). */
export function isTemporaryNotFound(status: number, body: string | undefined): boolean {
  return status === 404 && TEMPORARY_NOT_FOUND.test((body ?? '').slice(0, 200))
}

/**
 * Statuses CDN object storage answers during incidents that are server errors whatever their number says: 478
 * (goproxy.cn's storage has answered it) and the 5xx above 511 (573, 579, 599) — covered by the 5xx row anyway.
 */
const NON_STANDARD_SERVER_ERRORS: ReadonlySet<number> = new Set([478])

/**
 * What an answer means, first matching row wins; no row: 'permanent'. Go's own meaning is 2xx (use it) and 404/410
 * (not found: the next entry, whatever the separator); the rest says which errors are worth another try.
 */
export const ANSWER_RULES: readonly AnswerRule[] = [
  {
    // A sign-in portal or a web server's page is never a module file; go would report a checksum mismatch or bad JSON.
    name: 'an HTML page is not a module file',
    applies: answer =>
      answer.kind === 'status' &&
      answer.status === 200 &&
      answer.request !== undefined &&
      answer.request !== 'sumdb' &&
      /text\/html/i.test(answer.contentType ?? '') &&
      /^\s*</.test(answer.head ?? ''),
    verdict: 'permanent'
  },
  { name: '2xx: the answer', applies: answer => isStatus(answer, s => s >= 200 && s < 300), verdict: 'ok' },
  {
    name: "goproxy/goproxy's 404 for a failure of its own: not found for now",
    applies: answer => answer.kind === 'status' && isTemporaryNotFound(answer.status, answer.head),
    verdict: 'unavailable'
  },
  {
    name: '404/410: not found',
    applies: answer => isStatus(answer, s => s === 404 || s === 410),
    verdict: 'not-found'
  },
  {
    name: "429, 5xx and CDN storage's 478: busy",
    applies: answer => isStatus(answer, s => s === 429 || s >= 500 || NON_STANDARD_SERVER_ERRORS.has(s)),
    verdict: 'transient'
  },
  {
    name: "local: this machine's disk, not the proxy",
    applies: answer => answer.kind === 'failure' && answer.fault === 'local',
    verdict: 'local'
  },
  {
    name: 'timeout, refused, reset, dns: may pass',
    applies: answer => answer.kind === 'failure' && TRANSIENT_FAULTS.has(answer.fault),
    verdict: 'transient'
  }
]

/** The verdict on one answer: the first row of ANSWER_RULES that applies, else 'permanent'. */
export function judgeAnswer(answer: ChainAnswer): AnswerVerdict {
  return ANSWER_RULES.find(rule => rule.applies(answer))?.verdict ?? 'permanent'
}

/** Backoff caps, for every retry of every walk (and the warm phase's go runs). */
export const RETRY = {
  /** The longest pause between two tries of one entry. */
  backoffCapMs: 4000,
  /** A server's Retry-After is honoured up to this. */
  retryAfterCapMs: 10_000
} as const

/** One entry of the chain as one request walks it. */
export interface WalkEntry {
  readonly separator: Separator
  /** How many times this request asks the entry (≥ 1): see triesFor. */
  readonly tries: number
  /** The go command's `direct`: its error outranks every proxy's (cmd/go's directRank). */
  readonly direct?: boolean
}

/** The chain one request walks, and its retry pacing. */
export interface Walk {
  readonly entries: readonly WalkEntry[]
  /** Backoff base: the first retry waits between half and all of it, doubling per retry up to RETRY.backoffCapMs. */
  readonly backoffMs: number
  /** The jitter source (tests pass a fixed one). */
  readonly random?: () => number
}

/** Where a walk is: the entry being asked, its try (1-based), and the failure go would report so far. */
export interface WalkState {
  readonly entry: number
  readonly attempt: number
  /** The entry whose error the request reports if it fails (see rankFailure), with that error's rank. */
  readonly best?: RankedFailure
  /** The first entry whose bytes disagreed with go.sum ('mismatch'): go gets them if no later entry serves. */
  readonly mismatched?: number
}

/** A failed entry and the rank of its error. */
export interface RankedFailure {
  readonly entry: number
  readonly rank: FailureRank
}

/** cmd/go's ranks: a not-found error is the weakest, a proxy's error beats it, direct's error beats all. */
export type FailureRank = 0 | 1 | 2

/** What the walk does next. */
export type WalkStep =
  /** Ask `state.entry` (try `state.attempt`) after `delayMs`: a retry of the same entry, or the next entry (0). */
  | { readonly do: 'ask'; readonly state: WalkState; readonly delayMs: number }
  /**
   * The answer of `entry` is the request's answer. `disagrees`: its bytes disagree with go.sum (no later entry
   * served any): go gets them and reports the mismatch, as it would have without the comparison.
   */
  | { readonly do: 'use'; readonly entry: number; readonly disagrees?: true }
  /**
   * The request fails. `why`: 'stop' — a `,` lets no error but 404/410 through (cmd/go breaks out of TryProxies);
   * 'end' — every entry was asked; 'local' — this machine failed (see AnswerVerdict). `report`: the entry whose error go reports (undefined: the chain was empty).
   */
  | { readonly do: 'fail'; readonly why: 'stop' | 'end' | 'local'; readonly report: number | undefined }

/** The first step of a walk: ask the first entry, or fail at once when there is none. */
export function firstStep(walk: Walk): WalkStep {
  if (walk.entries.length === 0) return { do: 'fail', why: 'end', report: undefined }
  return { do: 'ask', state: { entry: 0, attempt: 1 }, delayMs: 0 }
}

/**
 * Whether the bytes of a 2xx from `entry` are worth comparing with go.sum before they are used: only where a
 * mismatch changes what happens, an entry before `|` with another proxy after it (go falls through its errors, so
 * asking the next mirror keeps go's meaning). Before `,`, or with nothing (or only direct) after it, go gets the bytes
 * as they are and reports a mismatch itself.
 */
export function checksBytes(walk: Walk, entry: number): boolean {
  const next = walk.entries[entry + 1]
  return walk.entries[entry]?.separator === '|' && next !== undefined && next.direct !== true
}

/**
 * The step after the answer judged `verdict` to try `state.attempt` of `state.entry`. A transient fault is asked
 * again (after a backoff, at least the server's Retry-After) while the entry's tries remain — so is an
 * 'unavailable' not-found, which counts as a not-found once they are spent — unless `giveUp` (the
 * driver's caller dropped the proxy meanwhile); spent, it counts as an error: after `|` the next entry is asked,
 * after `,` the request fails (the go command never passes an error through a `,`). A not-found always moves on.
 * A 'mismatch' (bytes that disagree with go.sum, see checksBytes) moves on to the next entry; a walk that then
 * ends without an answer uses the first mismatching bytes after all (`disagrees`), so go reports what it would have
 * reported without the comparison — never an error of a mirror it would not have asked.
 */
export function nextStep(
  walk: Walk,
  state: WalkState,
  verdict: AnswerVerdict,
  retryAfterMs?: number,
  giveUp = false
): WalkStep {
  const entry = walk.entries[state.entry]
  if (!entry || !Number.isInteger(state.attempt) || state.attempt < 1 || state.attempt > entry.tries) {
    throw new Error(`try ${state.attempt} of entry ${state.entry} is outside the walk`)
  }
  if (verdict === 'ok') return { do: 'use', entry: state.entry }
  if (verdict === 'local') return { do: 'fail', why: 'local', report: state.entry }
  if (verdict === 'mismatch') {
    if (!checksBytes(walk, state.entry)) return { do: 'use', entry: state.entry, disagrees: true }
    const best = rankFailure(state.best, { entry: state.entry, rank: failureRank(verdict, entry) })
    const mismatched = state.mismatched ?? state.entry
    return { do: 'ask', state: { entry: state.entry + 1, attempt: 1, best, mismatched }, delayMs: 0 }
  }
  const retryable = verdict === 'transient' || verdict === 'unavailable'
  if (retryable && state.attempt < entry.tries && !giveUp) {
    const delayMs = retryDelayMs(
      state.attempt,
      retryAfterMs,
      walk.backoffMs,
      RETRY.backoffCapMs,
      RETRY.retryAfterCapMs,
      walk.random
    )
    return { do: 'ask', state: { ...state, attempt: state.attempt + 1 }, delayMs }
  }
  // Spent, a proxy's "not found for now" is what its status says to go: a not-found, which falls through.
  const final = verdict === 'unavailable' ? 'not-found' : verdict
  const best = rankFailure(state.best, { entry: state.entry, rank: failureRank(final, entry) })
  const mismatched = state.mismatched
  if (final !== 'not-found' && entry.separator === ',') return failOrMismatched('stop', state.entry, mismatched)
  if (state.entry + 1 >= walk.entries.length) return failOrMismatched('end', best.entry, mismatched)
  return {
    do: 'ask',
    state: { entry: state.entry + 1, attempt: 1, best, ...(mismatched !== undefined ? { mismatched } : {}) },
    delayMs: 0
  }
}

/** A failed walk, unless an entry served bytes that disagree with go.sum: go gets those (see nextStep). */
function failOrMismatched(why: 'stop' | 'end', report: number, mismatched: number | undefined): WalkStep {
  return mismatched === undefined ? { do: 'fail', why, report } : { do: 'use', entry: mismatched, disagrees: true }
}

/** The rank of an entry's error, as cmd/go ranks it. */
function failureRank(verdict: AnswerVerdict, entry: WalkEntry): FailureRank {
  if (entry.direct) return 2
  return verdict === 'not-found' ? 0 : 1
}

/**
 * The error a failed request reports, after `next` failed too (cmd/go TryProxies): direct's error replaces any; a
 * proxy's error replaces a not-found or an earlier proxy error; a not-found replaces only a not-found. So the
 * latest error of the highest rank wins.
 */
export function rankFailure(best: RankedFailure | undefined, next: RankedFailure): RankedFailure {
  return best === undefined || next.rank >= best.rank ? next : best
}

/**
 * How many tries one request gives a proxy: one for a `|` proxy with more after it (the next is as good, and go
 * would move on too) and for a proxy whose breaker is open; else `attempts`.
 */
export function triesFor(separator: Separator, isLast: boolean, breakerIsOpen: boolean, attempts: number): number {
  return (separator === '|' && !isLast) || breakerIsOpen ? 1 : Math.max(1, attempts)
}

/**
 * The largest answer of each kind: the go command refuses a module zip over 500 MiB (golang.org/x/mod/zip); a
 * version list, .info, .mod or checksum-database answer is kilobytes (a large toolchain list ~1 MiB). Larger is a
 * 'too-large' fault ("answer larger than …"), so an endless body never fills RUNNER_TEMP or go's memory.
 */
export const ANSWER_CAPS: Readonly<Record<RequestKind, number>> = {
  zip: 500 << 20,
  small: 16 << 20,
  sumdb: 1 << 20
}

/**
 * The slowest body a request accepts from a proxy with a `|` successor (a trickle of a byte every few seconds, or
 * a mirror far slower than the next): slower is a 'timeout' fault, transient, so the walk moves on. The last proxy,
 * or one before `,`, has no floor: there is nothing better to move on to (its idle timeout still holds).
 */
export const THROUGHPUT = { floorBytesPerSecond: 128 << 10, windowMs: 10_000 } as const

/** The throughput floor (bytes/s) for an entry, or undefined for none (see THROUGHPUT). */
export function throughputFloor(separator: Separator, isLast: boolean): number | undefined {
  return separator === '|' && !isLast ? THROUGHPUT.floorBytesPerSecond : undefined
}

/**
 * The chain with the entries that stalled earlier in this run moved behind the others of their `|` run (the
 * proxies there are interchangeable: go falls through their errors). Separators stay with their positions, so the
 * meaning of the chain is kept; an entry before `,` ends its run and is never moved past it.
 */
export function demoteStalled<T extends { readonly separator: Separator }>(
  entries: readonly T[],
  stalled: (entry: T) => boolean
): T[] {
  const result: T[] = []
  for (let start = 0; start < entries.length;) {
    let end = start
    while (end < entries.length - 1 && entries[end].separator === '|') end++
    const run = entries.slice(start, end + 1)
    const ordered = [...run.filter(e => !stalled(e)), ...run.filter(e => stalled(e))]
    ordered.forEach((entry, i) => result.push({ ...entry, separator: run[i].separator }))
    start = end + 1
  }
  return result
}

/** A proxy's record over one phase, as the health rules read it. */
export interface HealthCounts {
  readonly timeouts: number
  readonly consecutiveFailures: number
}

/**
 * A proxy that timed out this often is asked after the others of its `|` run from then on (`orderByHealth`); a `|`
 * proxy that timed out `dropAfterTimeouts` times, or failed `dropAfterConsecutiveFailures` times in a row, is dropped.
 */
export const HEALTH = { demoteAfterTimeouts: 1, dropAfterTimeouts: 2, dropAfterConsecutiveFailures: 4 } as const

/** Whether a proxy stalled earlier in this run: it is asked after the others of its `|` run (see HEALTH). */
export function stalledBefore(health: HealthCounts): boolean {
  return health.timeouts >= HEALTH.demoteAfterTimeouts
}

/**
 * The entries of a chain in the order one request asks them, from what the run learned of each (its health, if any):
 * a proxy that stalled before goes behind the others of its `|` run (demoteStalled); separators keep their places.
 */
export function orderByHealth<T extends { readonly separator: Separator }>(
  entries: readonly T[],
  healthOf: (entry: T) => HealthCounts | undefined
): T[] {
  return demoteStalled(entries, entry => {
    const health = healthOf(entry)
    return health !== undefined && stalledBefore(health)
  })
}

/**
 * Why a proxy is dropped for the rest of the phase, or undefined to keep it. Only a `droppable` proxy (a `|` entry
 * with something after it: go falls through its errors anyway) is ever dropped.
 */
export function dropReason(health: HealthCounts, droppable: boolean, requestTimeoutMs: number): string | undefined {
  if (!droppable) return undefined
  if (health.timeouts >= HEALTH.dropAfterTimeouts) {
    return `it stalled ${health.timeouts} times (no data for ${requestTimeoutMs} ms)`
  }
  if (health.consecutiveFailures >= HEALTH.dropAfterConsecutiveFailures) {
    return `${health.consecutiveFailures} requests in a row failed`
  }
  return undefined
}

/**
 * A circuit breaker: once a whole request's worth of tries failed in a row, later requests ask that proxy once
 * until it answers again, so a dead `,` proxy costs seconds, not retries × requests.
 */
export function breakerOpen(health: HealthCounts, attempts: number): boolean {
  return health.consecutiveFailures >= attempts
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
