/** The one retry rule of the probe (list, supported, latest): which results are asked again, how often, until when. */
import {
  isTransient,
  retryPause,
  RETRY_PAUSE_MS,
  TRANSIENT_RETRIES,
  type AttemptResult
} from '../../src/core/probe/retry.js'

describe('isTransient', () => {
  const table: Array<[string, AttemptResult, boolean]> = [
    ['500', { kind: 'answer', status: 500 }, true],
    ['502', { kind: 'answer', status: 502 }, true],
    ['503', { kind: 'answer', status: 503 }, true],
    ['429', { kind: 'answer', status: 429 }, true],
    ['200', { kind: 'answer', status: 200 }, false],
    ['404', { kind: 'answer', status: 404 }, false],
    ['403', { kind: 'answer', status: 403 }, false],
    ['reset', { kind: 'failure', status: 'connection-closed', deadline: false }, true],
    ['refused', { kind: 'failure', status: 'refused', deadline: false }, false],
    ['dns', { kind: 'failure', status: 'dns', deadline: false }, false],
    ['tls', { kind: 'failure', status: 'tls', deadline: false }, false],
    ['the probe deadline', { kind: 'failure', status: 'no-response', deadline: true }, false],
    ['aborted', { kind: 'aborted' }, false]
  ]
  it.each(table)('%s → %p', (_name, result, expected) => {
    expect(isTransient(result)).toBe(expected)
  })
})

describe('retryPause', () => {
  const reset: AttemptResult = { kind: 'failure', status: 'connection-closed', deadline: false }
  const table: Array<[string, AttemptResult, number, number, number | undefined]> = [
    ['first transient failure, time left', reset, 0, 1000, RETRY_PAUSE_MS],
    ['last allowed retry', reset, TRANSIENT_RETRIES - 1, 1000, RETRY_PAUSE_MS],
    ['retries used up', reset, TRANSIENT_RETRIES, 1000, undefined],
    ['the pause would end at the deadline', reset, 0, RETRY_PAUSE_MS, undefined],
    ['lasting failure', { kind: 'answer', status: 404 }, 0, 1000, undefined]
  ]
  it.each(table)('%s', (_name, result, retries, deadline, expected) => {
    expect(retryPause(result, retries, 0, deadline)).toBe(expected)
  })
})
