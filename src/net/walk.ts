/**
 * The one chain-walk driver: asks the entries of a GOPROXY chain for one request over the one HTTP client
 * (src/net/http.ts), and after every answer lets the pure walker (src/go/proxy/walk.ts: ANSWER_RULES, nextStep) say
 * what to do — ask again after a delay, ask the next entry, use this answer, or fail with the error go would
 * report. The warm forwarder and its prefetch (src/warm/forwarder/walk.ts), the checksum-database traffic through
 * the forwarder (src/warm/forwarder/sumdb.ts) and the Go install's list, zip and checksum-database requests
 * (src/install/chain-fetch.ts) all reach upstream through `walkUpstream`; a rule changed in the walker reaches them
 * all. This file adds no rule of its own: it sends, waits and reports.
 */
import type { Credentials, CredentialsLookup } from '../auth/types.js'
import type { Separator } from '../go/proxy/chain.js'
import {
  ANSWER_CAPS,
  checksBytes,
  firstStep,
  judgeAnswer,
  nextStep,
  THROUGHPUT,
  throughputFloor,
  type AnswerVerdict,
  type ChainAnswer,
  type HealthCounts,
  type RequestKind,
  type Walk,
  type WalkState
} from '../go/proxy/walk.js'
import type { BodyMode, HttpAnswer, HttpClient, HttpFailure, HttpResult } from './http.js'
import { sleep } from './sleep.js'

/** One entry of the chain, ready to ask: the full request URL and what goes with it. */
export interface WalkTarget {
  /** The request URL (the entry's base joined with the request path), without userinfo. */
  readonly url: URL
  /** Credentials for the URL's origin. */
  readonly credentials?: Credentials | undefined
  readonly separator: Separator
  /** How many times this request asks the entry (see triesFor in src/go/proxy/walk.ts). */
  readonly tries: number
  /** The go command's `direct` (its error outranks a proxy's). */
  readonly direct?: boolean
}

/** One try that did not give the answer used. */
export interface FailedTry {
  /** Index of the entry in the targets. */
  readonly entry: number
  /** 1-based try of that entry. */
  readonly attempt: number
  readonly result: HttpAnswer | HttpFailure
  readonly verdict: AnswerVerdict
}

/** How one request is walked: the client, what is fetched, timeouts and pacing, and the caller's hooks. */
export interface WalkRequest {
  readonly client: HttpClient
  readonly body: BodyMode
  /** What is fetched, for the answer rules (src/go/proxy/walk.ts ANSWER_RULES). Absent: no kind-specific rule. */
  readonly kind?: RequestKind
  readonly headersTimeoutMs: number
  readonly bodyIdleTimeoutMs: number
  /** Credentials for another origin a redirect leads to (the go command looks every URL up in .netrc). */
  readonly credentialsFor?: CredentialsLookup | undefined
  readonly signal?: AbortSignal | undefined
  /** Called for every body chunk (a watchdog counts it as progress). */
  readonly onData?: ((bytes: number) => void) | undefined
  /** Backoff base (ms) for retries of one entry. */
  readonly backoffMs: number
  /** The jitter source (tests). */
  readonly random?: (() => number) | undefined
  /** After every try, answered or not (the forwarder's health, watchdog and log). */
  readonly onTry?:
    ((entry: number, attempt: number, result: HttpAnswer | HttpFailure, verdict: AnswerVerdict) => void) | undefined
  /** Before a retry: the failed try and the pause (a log line). */
  readonly onRetry?: ((failed: FailedTry, delayMs: number) => void) | undefined
  /** After a pause, before asking an entry again: true gives the entry up (the forwarder dropped the proxy). */
  readonly giveUp?: ((entry: number) => boolean) | undefined
  /**
   * Compares the bytes of a 2xx the walk would use with what go.sum records for them, where the walker says a
   * comparison can change anything (checksBytes: a `|` entry with another proxy after it). It may hand the answer
   * back in another form (a streamed body spooled to a file) or as a failure (the body broke off while it was read);
   * 'mismatch' makes the walk ask the next entry. Must not reject. Absent: bytes are used as they come.
   */
  readonly check?: ((entry: number, answer: HttpAnswer) => Promise<CheckedAnswer>) | undefined
  /** Frees a checked answer the walk does not hand back (a mismatching body another entry replaced). */
  readonly release?: ((answer: HttpAnswer) => void) | undefined
}

/** What `check` made of an answer. */
export type CheckedAnswer =
  | { readonly verdict: 'ok' | 'mismatch'; readonly answer: HttpAnswer }
  | { readonly verdict: 'failed'; readonly failure: HttpFailure }

/** The outcome of one walk. `failures` holds the last failed try of every entry asked, in order. */
export type WalkResult =
  | {
      readonly kind: 'use'
      readonly entry: number
      readonly answer: HttpAnswer
      readonly tries: number
      readonly failures: readonly FailedTry[]
      /** The answer's bytes disagree with go.sum (no later entry served): go gets them and reports the mismatch. */
      readonly disagrees?: true
    }
  /** `report`: the failure go reports (undefined: no entry to ask); `why` as in the walker's 'fail' step. */
  | {
      readonly kind: 'fail'
      readonly why: 'stop' | 'end' | 'local'
      readonly report: FailedTry | undefined
      readonly failures: readonly FailedTry[]
    }
  /** The caller's signal ended the walk; `failures` as far as it went. */
  | { readonly kind: 'aborted'; readonly failures: readonly FailedTry[] }

/** The answer as the walker's rules see it. */
export function chainAnswer(result: HttpAnswer | HttpFailure, kind: RequestKind | undefined, proxy: URL): ChainAnswer {
  const common = { ...(kind ? { request: kind } : {}), proxy: proxy.origin + proxy.pathname }
  if (result.kind === 'failure') return { kind: 'failure', fault: result.fault, ...common }
  const head = result.body.kind === 'buffered' ? result.body.bytes.subarray(0, 512).toString('utf8') : undefined
  return {
    kind: 'status',
    status: result.status,
    contentType: result.contentType,
    ...(head !== undefined ? { head } : {}),
    ...common
  }
}

/** Walks `targets` for one request. Never rejects. */
export async function walkUpstream(targets: readonly WalkTarget[], request: WalkRequest): Promise<WalkResult> {
  const walk: Walk = {
    entries: targets.map(t => ({ separator: t.separator, tries: t.tries, ...(t.direct ? { direct: true } : {}) })),
    backoffMs: request.backoffMs,
    ...(request.random ? { random: request.random } : {})
  }
  const lastFailure = new Map<number, FailedTry>()
  const failures = (): FailedTry[] => [...lastFailure.values()]
  // The first answer whose bytes disagreed with go.sum, kept until the walk knows whether go gets it after all.
  let mismatched: { readonly entry: number; readonly answer: HttpAnswer } | undefined
  const release = (answer: HttpAnswer | undefined) => {
    if (answer && answer !== mismatched?.answer) request.release?.(answer)
  }
  const done = (result: WalkResult): WalkResult => {
    if (mismatched && !(result.kind === 'use' && result.answer === mismatched.answer)) {
      request.release?.(mismatched.answer)
    }
    return result
  }
  let step = firstStep(walk)
  for (;;) {
    if (step.do === 'use') {
      // Only a mismatching answer kept from earlier is used this way (an answer asked now is used below).
      if (!mismatched || step.entry !== mismatched.entry) throw new Error('unreachable: no answer kept to use')
      const kept = mismatched
      return done({
        kind: 'use',
        entry: kept.entry,
        answer: kept.answer,
        tries: 1,
        failures: failures(),
        disagrees: true
      })
    }
    if (step.do === 'fail') {
      return done({
        kind: 'fail',
        why: step.why,
        report: step.report === undefined ? undefined : lastFailure.get(step.report),
        failures: failures()
      })
    }
    const state: WalkState = step.state
    if (step.delayMs > 0) {
      await sleep(step.delayMs, request.signal)
      if (request.signal?.aborted) return done({ kind: 'aborted', failures: failures() })
      if (request.giveUp?.(state.entry)) {
        const last = lastFailure.get(state.entry)
        step = nextStep(walk, { ...state, attempt: state.attempt - 1 }, last?.verdict ?? 'transient', undefined, true)
        continue
      }
    }
    const { result, verdict } = await askAndJudge(walk, targets, request, state.entry)
    if (result.kind === 'aborted') return done({ kind: 'aborted', failures: failures() })
    request.onTry?.(state.entry, state.attempt, result, verdict)
    const next = nextStep(walk, state, verdict, result.kind === 'answer' ? result.retryAfterMs : undefined)
    if (next.do === 'use' && result.kind === 'answer' && next.entry === state.entry) {
      return done({
        kind: 'use',
        entry: state.entry,
        answer: result,
        tries: state.attempt,
        failures: failures(),
        ...(next.disagrees ? { disagrees: true as const } : {})
      })
    }
    const failed: FailedTry = { entry: state.entry, attempt: state.attempt, result, verdict }
    lastFailure.set(state.entry, failed)
    if (verdict === 'mismatch' && result.kind === 'answer') {
      if (mismatched) release(result)
      else mismatched = { entry: state.entry, answer: result }
    }
    if (request.signal?.aborted) return done({ kind: 'aborted', failures: failures() })
    if (next.do === 'ask' && next.state.entry === state.entry) request.onRetry?.(failed, next.delayMs)
    step = next
  }
}

/**
 * Asks the walk's `entry` and judges its answer as go would; where the walk checks bytes (request.check, and the
 * entry's place in the chain), an answer go would take is checked against go.sum too and judged by that.
 */
async function askAndJudge(
  walk: Walk,
  targets: readonly WalkTarget[],
  request: WalkRequest,
  entry: number
): Promise<{ result: HttpResult; verdict: AnswerVerdict }> {
  const target = targets[entry]
  const floor = throughputFloor(target.separator, entry === targets.length - 1)
  const result = await ask(target, request, floor)
  // An aborted request has no verdict: the walk ends on it (the caller looks at result.kind first).
  if (result.kind === 'aborted') return { result, verdict: 'transient' }
  const verdict = judgeAnswer(chainAnswer(result, request.kind, target.url))
  if (verdict !== 'ok' || result.kind !== 'answer' || !request.check || !checksBytes(walk, entry)) {
    return { result, verdict }
  }
  const checked = await request.check(entry, result)
  if (checked.verdict !== 'failed') return { result: checked.answer, verdict: checked.verdict }
  return { result: checked.failure, verdict: judgeAnswer(chainAnswer(checked.failure, request.kind, target.url)) }
}

/** One GET of one target, with the walker's size cap for the kind and its throughput floor for the entry. */
function ask(target: WalkTarget, request: WalkRequest, floor: number | undefined): Promise<HttpResult> {
  return request.client.get(target.url, {
    ...(request.kind ? { maxBodyBytes: ANSWER_CAPS[request.kind] } : {}),
    ...(floor !== undefined ? { minBytesPerSecond: floor, throughputWindowMs: THROUGHPUT.windowMs } : {}),
    body: request.body,
    credentials: target.credentials,
    credentialsFor: request.credentialsFor,
    headersTimeoutMs: request.headersTimeoutMs,
    bodyIdleTimeoutMs: request.bodyIdleTimeoutMs,
    signal: request.signal,
    onData: request.onData
  })
}

/**
 * What one run learned about its proxies, for walkers that keep no health of their own (the Go install's list,
 * checksum-database and zip requests share one): per proxy base URL, its timeouts and failures in a row, as the
 * walker's rules read them (src/go/proxy/walk.ts orderByHealth: a proxy that stalled once is asked after the others
 * of its `|` run). The warm forwarder keeps the same counts in its own per-proxy health.
 */
export class ChainHealth {
  private readonly counts = new Map<string, { timeouts: number; consecutiveFailures: number }>()

  /** The counts of the proxy at `base`, or undefined before its first try. */
  of(base: string): HealthCounts | undefined {
    return this.counts.get(base)
  }

  /** Records one try of the proxy at `base`. */
  noteTry(base: string, result: HttpAnswer | HttpFailure, verdict: AnswerVerdict): void {
    const counts = this.counts.get(base) ?? { timeouts: 0, consecutiveFailures: 0 }
    this.counts.set(base, counts)
    if (result.kind === 'failure' && result.fault === 'timeout') counts.timeouts++
    counts.consecutiveFailures = verdict === 'ok' || verdict === 'not-found' ? 0 : counts.consecutiveFailures + 1
  }
}
