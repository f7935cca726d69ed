import type { ProbeAnswer, ProbeAttempt, TransportFailure } from './report.js'
import type { HttpAnswer, HttpFailure, HttpResult } from '../net/http.js'

/** The core's view of an HTTP client answer: the status line, the buffered body as text, who answered. */
export function probeAnswerOf(answer: HttpAnswer): ProbeAnswer {
  const body = answer.body.kind === 'buffered' ? answer.body : { bytes: Buffer.alloc(0), truncated: true }
  return {
    status: answer.status,
    statusText: answer.statusText,
    contentType: answer.contentType,
    body: body.bytes.toString('utf8'),
    truncated: body.truncated,
    authSent: answer.authSent,
    host: answer.host
  }
}

/** The core's view of a request that got no HTTP answer. */
export function transportFailureOf(failure: HttpFailure): TransportFailure {
  return {
    phase: failure.phase,
    // The classifier reads a connect timeout as ETIMEDOUT in the connect phase, as Node names it.
    code: failure.code === 'CONNECT_TIMEOUT' ? 'ETIMEDOUT' : failure.code,
    message: failure.message,
    elapsedMs: failure.ms,
    host: failure.host
  }
}

/**
 * One HTTP client result as the core's per-request observation. A refused redirect
 * (https→http, too many hops) is the 3xx answer with the reason, as the go command reports it.
 */
export function probeAttemptOf(result: HttpResult): ProbeAttempt {
  if (result.kind === 'aborted') return { kind: 'aborted' }
  if (result.kind === 'answer') return { kind: 'answer', answer: probeAnswerOf(result) }
  if (result.fault === 'redirect' && result.status !== undefined) {
    const answer: ProbeAnswer = {
      status: result.status,
      statusText: '',
      contentType: '',
      body: '',
      truncated: false,
      authSent: result.authSent,
      host: result.host,
      redirectRefused: result.message
    }
    return { kind: 'answer', answer }
  }
  return { kind: 'failure', failure: transportFailureOf(result) }
}
