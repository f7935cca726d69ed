/**
 * The one chain walker's rules, table-tested once (src/go/proxy/walk.ts): what an answer means, what the walk does
 * next (Go's `,`/`|` rules plus retries), which error a failed request reports (cmd/go's ranking), how many tries a
 * proxy gets, when a proxy is sick, and the backoff. Every upstream path (forwarder, prefetch, Go install, checksum
 * database) walks through these, via src/net/walk.ts.
 */
import {
  ANSWER_RULES,
  breakerOpen,
  dropReason,
  firstStep,
  judgeAnswer,
  nextStep,
  checksBytes,
  orderByHealth,
  rankFailure,
  retryDelayMs,
  triesFor,
  type AnswerVerdict,
  type ChainAnswer,
  type Walk,
  type WalkEntry,
  type WalkState,
  type WalkStep
} from '../../../src/go/proxy/walk.js'

const status = (s: number, more: Partial<Extract<ChainAnswer, { kind: 'status' }>> = {}): ChainAnswer => ({
  kind: 'status',
  status: s,
  ...more
})
const failure = (fault: string): ChainAnswer => ({ kind: 'failure', fault })
const html = { contentType: 'text/html; charset=utf-8', head: '<!doctype html><title>Sign in</title>' }

describe('judgeAnswer: what one answer means (ANSWER_RULES, first match wins)', () => {
  test.each<[string, ChainAnswer, AnswerVerdict]>([
    ['200', status(200), 'ok'],
    ['204', status(204), 'ok'],
    ['404', status(404), 'not-found'],
    ['410', status(410), 'not-found'],
    ['429', status(429), 'transient'],
    ['500', status(500), 'transient'],
    ['502', status(502), 'transient'],
    ['504', status(504), 'transient'],
    ['400', status(400), 'permanent'],
    ['401', status(401), 'permanent'],
    ['403', status(403), 'permanent'],
    ['302 (a redirect not followed)', status(302), 'permanent'],
    ['timeout', failure('timeout'), 'transient'],
    ['reset', failure('reset'), 'transient'],
    ['refused', failure('refused'), 'transient'],
    ['dns', failure('dns'), 'transient'],
    ['tls', failure('tls'), 'permanent'],
    ['redirect', failure('redirect'), 'permanent'],
    ['too-large', failure('too-large'), 'permanent'],
    ['other', failure('other'), 'permanent'],
    ['an HTML page for a module file', status(200, { ...html, request: 'small' }), 'permanent'],
    ['an HTML page for a zip', status(200, { ...html, request: 'zip' }), 'permanent'],
    [
      'an HTML-typed answer from the checksum database (never HTML-checked)',
      status(200, { ...html, request: 'sumdb' }),
      'ok'
    ],
    [
      'text/html whose body is not markup',
      status(200, { contentType: 'text/html', head: 'v1.0.0\n', request: 'small' }),
      'ok'
    ],
    ['an HTML 404 is still a not-found', status(404, { ...html, request: 'small' }), 'not-found'],
    // goproxy/goproxy (goproxy.cn): a failure of its own, sent as 404 (response.go responseError).
    ['404 not found: bad upstream', status(404, { head: 'not found: bad upstream' }), 'unavailable'],
    ['404 not found: fetch timed out', status(404, { head: 'not found: fetch timed out' }), 'unavailable'],
    [
      '404 not found: temporarily unavailable',
      status(404, { head: 'not found: temporarily unavailable' }),
      'unavailable'
    ],
    [
      '404 not found: <upstream text> stays final',
      status(404, { head: 'not found: unknown revision v9' }),
      'not-found'
    ],
    ['410 with a goproxy text (it never sends 410)', status(410, { head: 'not found: bad upstream' }), 'not-found'],
    // CDN storage's non-standard statuses are server errors.
    ['478', status(478), 'transient'],
    ['573', status(573), 'transient'],
    ['579', status(579), 'transient'],
    ['599', status(599), 'transient']
  ])('%s → %s', (_name, answer, want) => {
    expect(judgeAnswer(answer)).toBe(want)
  })

  test('rule names are unique and not empty (the table above names rows by them)', () => {
    const names = ANSWER_RULES.map(r => r.name)
    expect(new Set(names).size).toBe(names.length)
    for (const rule of ANSWER_RULES) expect(rule.name).not.toBe('')
  })
})

/** A walk over entries written as `,3` (separator, tries) or `d,3` (direct), with no jitter. */
function walkOf(...entries: string[]): Walk {
  return {
    entries: entries.map((e): WalkEntry => {
      const direct = e.startsWith('d')
      const [, separator, tries] = /^d?([,|])(\d+)$/.exec(e) ?? []
      return { separator: separator as ',' | '|', tries: Number(tries), ...(direct ? { direct } : {}) }
    }),
    backoffMs: 100,
    random: () => 0
  }
}

/** Feeds verdicts one after the other and returns every step. */
function run(walk: Walk, verdicts: AnswerVerdict[]): WalkStep[] {
  const steps: WalkStep[] = []
  let step = firstStep(walk)
  for (const verdict of verdicts) {
    if (step.do !== 'ask') throw new Error(`the walk ended before verdict ${verdict}`)
    step = nextStep(walk, step.state, verdict)
    steps.push(step)
  }
  return steps
}

/** A step in short: `ask 0#2 50ms`, `use 1`, `fail stop 0`, `fail end 2`. */
function short(step: WalkStep): string {
  if (step.do === 'ask')
    return `ask ${step.state.entry}#${step.state.attempt}${step.delayMs ? ` ${step.delayMs}ms` : ''}`
  if (step.do === 'use') return `use ${step.entry}${step.disagrees ? ' (disagrees)' : ''}`
  return `fail ${step.why} ${step.report ?? '-'}`
}

describe('nextStep: the walk after each answer', () => {
  test.each<[string, string[], AnswerVerdict[], string[]]>([
    ['an answer is used at once', [',3'], ['ok'], ['use 0']],
    ['404/410 fall through a `,` without a retry', [',3', ',3'], ['not-found', 'ok'], ['ask 1#1', 'use 1']],
    ['404/410 fall through a `|` too', ['|3', ',3'], ['not-found', 'ok'], ['ask 1#1', 'use 1']],
    [
      'a transient fault is asked again with backoff while tries remain, then `,` stops',
      [',3', ',3'],
      ['transient', 'transient', 'transient'],
      ['ask 0#2 50ms', 'ask 0#3 100ms', 'fail stop 0']
    ],
    [
      '…and after `|` the next entry is asked',
      ['|2', ',1'],
      ['transient', 'transient', 'ok'],
      ['ask 0#2 50ms', 'ask 1#1', 'use 1']
    ],
    ['a permanent error is never retried: `,` stops', [',3', ',3'], ['permanent'], ['fail stop 0']],
    ['a permanent error after `|` moves on', ['|3', ',3'], ['permanent', 'ok'], ['ask 1#1', 'use 1']],
    ['one try: a transient fault after `,` stops at once', [',1'], ['transient'], ['fail stop 0']],
    [
      'the end of the chain: the latest proxy error outranks a later not-found',
      ['|1', '|1', ',1'],
      ['not-found', 'permanent', 'not-found'],
      ['ask 1#1', 'ask 2#1', 'fail end 1']
    ],
    ['only not-founds: the last one is reported', ['|1', ',1'], ['not-found', 'not-found'], ['ask 1#1', 'fail end 1']],
    [
      'two proxy errors: the latest is reported',
      ['|1', '|1', ',1'],
      ['permanent', 'transient', 'not-found'],
      ['ask 1#1', 'ask 2#1', 'fail end 1']
    ],
    ['direct’s error outranks every proxy’s', ['|1', 'd,1'], ['permanent', 'not-found'], ['ask 1#1', 'fail end 1']],
    [
      'a not-found the proxy calls temporary is asked again like a transient fault',
      [',3'],
      ['unavailable', 'ok'],
      ['ask 0#2 50ms', 'use 0']
    ],
    [
      '…and once its tries are spent it is a not-found: it falls through even a `,`, as go would',
      [',2', ',1'],
      ['unavailable', 'unavailable', 'ok'],
      ['ask 0#2 50ms', 'ask 1#1', 'use 1']
    ],
    [
      '…and ranks as a not-found (a later proxy error is reported)',
      [',1', ',1'],
      ['unavailable', 'permanent'],
      ['ask 1#1', 'fail stop 1']
    ],
    [
      'bytes that differ from go.sum before `|`: the next mirror is asked',
      ['|1', ',3'],
      ['mismatch', 'ok'],
      ['ask 1#1', 'use 1']
    ],
    [
      '…and when no later mirror serves, go gets the first mismatching bytes (it reports the mismatch itself)',
      ['|1', '|1', ',1'],
      ['mismatch', 'mismatch', 'not-found'],
      ['ask 1#1', 'ask 2#1', 'use 0 (disagrees)']
    ],
    [
      '…also when the entry after it stops the walk with an error',
      ['|1', ',2'],
      ['mismatch', 'transient', 'transient'],
      ['ask 1#1', 'ask 1#2 50ms', 'use 0 (disagrees)']
    ],
    ['…but never past a fault of this machine', ['|1', ',1'], ['mismatch', 'local'], ['ask 1#1', 'fail local 1']],
    ['a mismatch where there is nothing to move on to is used as it is', [',1'], ['mismatch'], ['use 0 (disagrees)']]
  ])('%s', (_name, entries, verdicts, want) => {
    expect(run(walkOf(...entries), verdicts).map(short)).toEqual(want)
  })

  test('an empty chain fails at once, with nothing to report', () => {
    expect(short(firstStep(walkOf()))).toBe('fail end -')
  })

  test('giving an entry up (its proxy was dropped) moves on as if its tries were spent', () => {
    const walk = walkOf('|3', ',3')
    expect(short(nextStep(walk, { entry: 0, attempt: 1 }, 'transient', undefined, true))).toBe('ask 1#1')
  })

  test('the retry waits at least the Retry-After, capped at 10 s', () => {
    const walk = walkOf(',3')
    const ask = (retryAfterMs: number) => nextStep(walk, { entry: 0, attempt: 1 }, 'transient', retryAfterMs)
    expect(ask(3000)).toMatchObject({ do: 'ask', delayMs: 3000 })
    expect(ask(60_000)).toMatchObject({ do: 'ask', delayMs: 10_000 })
  })

  test.each<[WalkState, string]>([
    [{ entry: 0, attempt: 0 }, 'try 0'],
    [{ entry: 0, attempt: 4 }, 'try 4'],
    [{ entry: 0, attempt: 1.5 }, 'try 1.5'],
    [{ entry: 2, attempt: 1 }, 'entry 2']
  ])('refuses a state outside the walk: %j', (state, message) => {
    expect(() => nextStep(walkOf(',3', ',3'), state, 'ok')).toThrow(message)
  })
})

test.each([
  [undefined, { entry: 0, rank: 0 }, 0],
  [{ entry: 0, rank: 0 }, { entry: 1, rank: 0 }, 1],
  [{ entry: 0, rank: 1 }, { entry: 1, rank: 0 }, 0],
  [{ entry: 0, rank: 1 }, { entry: 1, rank: 1 }, 1],
  [{ entry: 0, rank: 2 }, { entry: 1, rank: 1 }, 0],
  [{ entry: 0, rank: 1 }, { entry: 1, rank: 2 }, 1]
] as const)('rankFailure(%j, %j) reports entry %d', (best, next, want) => {
  expect(rankFailure(best, next).entry).toBe(want)
})

test.each<[string[], number, boolean]>([
  [['|1', ',1'], 0, true],
  [['|1', ',1'], 1, false],
  [[',1', ',1'], 0, false],
  [['|1', 'd,1'], 0, false]
])('checksBytes(%j, entry %d) = %s: only where a mismatch can move on to another mirror', (entries, entry, want) => {
  expect(checksBytes(walkOf(...entries), entry)).toBe(want)
})

test.each([
  ['|', false, false, 5, 1],
  ['|', true, false, 5, 5],
  [',', false, false, 5, 5],
  [',', false, true, 5, 1],
  [',', true, false, 0, 1]
] as const)('triesFor(%s, last=%s, breaker=%s, %d) = %d', (separator, isLast, breaker, attempts, want) => {
  expect(triesFor(separator, isLast, breaker, attempts)).toBe(want)
})

describe('health', () => {
  test.each([
    [{ timeouts: 2, consecutiveFailures: 0 }, true, /stalled 2 times \(no data for 800 ms\)/],
    [{ timeouts: 0, consecutiveFailures: 4 }, true, /4 requests in a row failed/],
    [{ timeouts: 1, consecutiveFailures: 3 }, true, undefined],
    [{ timeouts: 9, consecutiveFailures: 9 }, false, undefined]
  ])('dropReason(%j, droppable=%s)', (health, droppable, want) => {
    const reason = dropReason(health, droppable, 800)
    if (want) expect(reason).toMatch(want)
    else expect(reason).toBeUndefined()
  })

  test('the breaker opens after a whole request’s worth of failures in a row', () => {
    expect(breakerOpen({ timeouts: 0, consecutiveFailures: 2 }, 3)).toBe(false)
    expect(breakerOpen({ timeouts: 0, consecutiveFailures: 3 }, 3)).toBe(true)
  })
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

test.each<[string, string[], string[], string[]]>([
  ['a proxy that stalled once goes behind the others of its `|` run', ['a|', 'b|', 'c,'], ['a'], ['b|', 'c|', 'a,']],
  ['never past a `,`: the run ends there', ['a,', 'b|', 'c,'], ['a'], ['a,', 'b|', 'c,']],
  ['no stall, no change', ['a|', 'b,'], [], ['a|', 'b,']]
])('orderByHealth: %s', (_name, chain, stalled, want) => {
  const entries = chain.map(e => ({ name: e[0], separator: e[1] as ',' | '|' }))
  const health = (name: string) => ({ timeouts: stalled.includes(name) ? 1 : 0, consecutiveFailures: 0 })
  expect(orderByHealth(entries, e => health(e.name)).map(e => `${e.name}${e.separator}`)).toEqual(want)
})
