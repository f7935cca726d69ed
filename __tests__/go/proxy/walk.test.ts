/** The pure chain-walk decision: what an answer means, and what the walk does next (Go's `,`/`|` rules + retries). */
import { judgeAnswer, nextStep, retryDelayMs, type ChainAnswer } from '../../../src/go/proxy/walk.js'

const status = (s: number): ChainAnswer => ({ kind: 'status', status: s })
const failure = (fault: string): ChainAnswer => ({ kind: 'failure', fault })

test.each<[ChainAnswer, string]>([
  [status(200), 'ok'],
  [status(204), 'ok'],
  [status(404), 'not-found'],
  [status(410), 'not-found'],
  [status(429), 'transient'],
  [status(500), 'transient'],
  [status(502), 'transient'],
  [status(504), 'transient'],
  [status(400), 'permanent'],
  [status(401), 'permanent'],
  [status(403), 'permanent'],
  [status(302), 'permanent'],
  [failure('timeout'), 'transient'],
  [failure('reset'), 'transient'],
  [failure('refused'), 'transient'],
  [failure('dns'), 'transient'],
  [failure('tls'), 'permanent'],
  [failure('redirect'), 'permanent'],
  [failure('too-large'), 'permanent'],
  [failure('other'), 'permanent']
])('judgeAnswer(%j) = %s', (answer, want) => {
  expect(judgeAnswer(answer)).toBe(want)
})

test.each<[Parameters<typeof nextStep>, string]>([
  [['ok', ',', 1, 3], 'use'],
  [['ok', '|', 3, 3], 'use'],
  // 404/410 fall through whatever the separator, without retrying.
  [['not-found', ',', 1, 3], 'next'],
  [['not-found', '|', 1, 3], 'next'],
  // Transient faults are retried on the same proxy while tries remain...
  [['transient', ',', 1, 3], 'retry'],
  [['transient', '|', 2, 3], 'retry'],
  // ...then they are errors: `|` passes them on, `,` does not.
  [['transient', '|', 3, 3], 'next'],
  [['transient', ',', 3, 3], 'stop'],
  [['transient', ',', 1, 1], 'stop'],
  // A permanent error is never retried.
  [['permanent', '|', 1, 3], 'next'],
  [['permanent', ',', 1, 3], 'stop']
])('nextStep(%j) = %s', (args, want) => {
  expect(nextStep(...args)).toBe(want)
})

test.each([
  [0, 3],
  [4, 3],
  [1.5, 3],
  [1, 0]
])('nextStep refuses attempt %d of %d', (attempt, max) => {
  expect(() => nextStep('ok', ',', attempt, max)).toThrow(/attempt/)
})

describe('retryDelayMs', () => {
  test('equal jitter: between half and all of base·2^(n-1), capped', () => {
    expect(retryDelayMs(1, undefined, 500, 4000, 10_000, () => 0)).toBe(250)
    expect(retryDelayMs(1, undefined, 500, 4000, 10_000, () => 1)).toBe(500)
    expect(retryDelayMs(3, undefined, 500, 4000, 10_000, () => 0)).toBe(1000)
    expect(retryDelayMs(10, undefined, 500, 4000, 10_000, () => 1)).toBe(4000)
  })
  test('Retry-After is honoured, up to its cap', () => {
    expect(retryDelayMs(1, 3000, 500, 4000, 10_000, () => 0)).toBe(3000)
    expect(retryDelayMs(1, 60_000, 500, 4000, 10_000, () => 0)).toBe(10_000)
    expect(retryDelayMs(3, 100, 500, 4000, 10_000, () => 1)).toBe(2000)
  })
})
