/** The one retry rule of the probe (list, supported, latest): which results are asked again, how often, until when. */
import type { ProbeAttempt, RequestPhase } from '../../src/probe/report.js'
import { isTransient, retryPause, RETRY_PAUSE_MS, TRANSIENT_RETRIES } from '../../src/probe/retry.js'

function answer(status: number): ProbeAttempt {
  return {
    kind: 'answer',
    answer: { status, statusText: '', contentType: '', body: '', truncated: false, authSent: false, host: 'p:1' }
  }
}

function failure(code: string, phase: RequestPhase = 'response'): ProbeAttempt {
  return { kind: 'failure', failure: { phase, code, message: code, elapsedMs: 10, host: 'p:1' } }
}

describe('isTransient', () => {
  const table: Array<[string, ProbeAttempt, boolean]> = [
    ['500', answer(500), true],
    ['502', answer(502), true],
    ['503', answer(503), true],
    ['429', answer(429), true],
    ['200', answer(200), false],
    ['404', answer(404), false],
    ['403', answer(403), false],
    ['reset', failure('ECONNRESET'), true],
    ['broke off in the body', failure('ECONNRESET', 'body'), true],
    ['refused', failure('ECONNREFUSED', 'connect'), false],
    ['dns', failure('ENOTFOUND', 'dns'), false],
    ['tls', failure('CERT_HAS_EXPIRED', 'tls'), false],
    ['closed during the TLS handshake (a TLS error)', failure('ECONNRESET', 'tls'), false],
    ['the probe deadline', failure('DEADLINE'), false],
    ['aborted', { kind: 'aborted' }, false]
  ]
  it.each(table)('%s → %p', (_name, attempt, expected) => {
    expect(isTransient(attempt)).toBe(expected)
  })
})

describe('retryPause', () => {
  const reset = failure('ECONNRESET')
  const table: Array<[string, ProbeAttempt, number, number, number | undefined]> = [
    ['first transient failure, time left', reset, 0, 1000, RETRY_PAUSE_MS],
    ['last allowed retry', reset, TRANSIENT_RETRIES - 1, 1000, RETRY_PAUSE_MS],
    ['retries used up', reset, TRANSIENT_RETRIES, 1000, undefined],
    ['the pause would end at the deadline', reset, 0, RETRY_PAUSE_MS, undefined],
    ['lasting failure', answer(404), 0, 1000, undefined]
  ]
  it.each(table)('%s', (_name, attempt, retries, deadline, expected) => {
    expect(retryPause(attempt, retries, 0, deadline)).toBe(expected)
  })
})
