import { classifyFailure, type ProbeAttempt } from './report.js'

/**
 * The one rule for asking a probe request again. Every probe request (a proxy's version
 * list, a proxy's `/sumdb/<name>/supported`, a checksum database's `/latest`) uses it,
 * so a flaky path is judged the same way wherever it is met, and the way the warm phase
 * treats it: it retries those same requests, so failing the probe on one of them would
 * reject a chain the build would have got through.
 */

/** How long to wait before asking again after a transient failure: short, the probe has a deadline. */
export const RETRY_PAUSE_MS = 50
/** A transient failure is asked again at most this many times (while the deadline allows). */
export const TRANSIENT_RETRIES = 3

/**
 * A failure that says nothing lasting about the path: a 5xx or 429 answer, a connection
 * dropped or reset before a complete answer. A refused connection, a DNS or TLS failure,
 * a 4xx and the probe deadline are lasting: asking again changes nothing, or there is no
 * time left to ask (a probe attempt has no timeout of its own, only the phase deadline).
 */
export function isTransient(attempt: ProbeAttempt): boolean {
  if (attempt.kind === 'answer') return attempt.answer.status >= 500 || attempt.answer.status === 429
  if (attempt.kind === 'aborted') return false
  return attempt.failure.code !== 'DEADLINE' && classifyFailure(attempt.failure).status === 'connection-closed'
}

/**
 * Whether to ask again, and after how long: only a transient failure, at most
 * TRANSIENT_RETRIES times, and only when the pause still ends before the deadline
 * (`now` and `deadline` on the same clock, ms). undefined: keep this result.
 */
export function retryPause(
  attempt: ProbeAttempt,
  retriesSoFar: number,
  now: number,
  deadline: number
): number | undefined {
  if (!isTransient(attempt) || retriesSoFar >= TRANSIENT_RETRIES) return undefined
  return now + RETRY_PAUSE_MS < deadline ? RETRY_PAUSE_MS : undefined
}
