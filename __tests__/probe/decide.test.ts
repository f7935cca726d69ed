/** The probe's pure decisions (probe/decide.ts, probe/settle.ts), table-driven with short chain names. */
import { formatChain, parseGoproxy, type Chain } from '../../src/go/proxy/chain.js'
import { ACTION_WORDING } from '../../src/host/wording.js'
import { applyChinaAlias, chainProblems, decideChain, fastestProxy, mayUseChinaAlias } from '../../src/probe/decide.js'
import { GRACE_FACTOR, GRACE_FLOOR_MS, settleProbe, type EntryProgress } from '../../src/probe/settle.js'
import type { ProbeStatus, ProxyResult, SumdbCheck } from '../../src/probe/report.js'
import { parseGosumdb } from '../../src/go/sumdb/config.js'

function chain(text: string): Chain {
  return parseGoproxy('GOPROXY', text.replace(/\b([a-h])\b/g, '$1.test')).chain
}
function show(c: Chain): string {
  return formatChain(c).replace(/https:\/\/([a-h])\.test/g, '$1')
}
function nameOf(url: string): string {
  return url.replace(/^https:\/\/([a-h])\.test$/, '$1')
}

/** Progress by name: 'p' pending, 'a' pending but answered, 'ok:12' served with a 12 ms median, 'nf' not-found (kept, did not serve), 'x' dead. */
function progressOf(spec: Record<string, string>) {
  return (url: string): EntryProgress => {
    const s = spec[nameOf(url)] ?? 'p'
    if (s === 'p') return { state: 'pending' }
    if (s === 'a') return { state: 'pending', answered: true }
    if (s === 'x' || s === 'nf') return { state: 'done', served: false }
    return { state: 'done', served: true, medianMs: Number(s.slice(3)) }
  }
}

describe('settleProbe: which pending proxies are cut, and whether the probe can end', () => {
  const late = 10_000
  it.each<[string, string, Record<string, string>, number, string, boolean]>([
    ['a blackhole before a working member is cut after the grace', 'a|b', { a: 'p', b: 'ok:2' }, late, 'a', true],
    ['not before the grace floor', 'a|b', { a: 'p', b: 'ok:2' }, GRACE_FLOOR_MS - 1, '', false],
    [
      'the grace grows with the slowest working median',
      'a|b|c',
      { a: 'p', b: 'ok:2', c: 'ok:400' },
      GRACE_FLOOR_MS,
      '',
      false
    ],
    ['... and ends at k x that median', 'a|b|c', { a: 'p', b: 'ok:2', c: 'ok:400' }, GRACE_FACTOR * 400, 'a', true],
    ['a not-found member does not stand in for the run', 'a|b', { a: 'p', b: 'nf' }, late, '', false],
    ['... a served one does, with the floor', 'a|b|c', { a: 'p', b: 'nf', c: 'ok:1' }, GRACE_FLOOR_MS, 'a', true],
    ['a "," gate is never cut', 'a,b', { a: 'p', b: 'ok:2' }, late, '', false],
    [
      'the member of a run that ends with "," is a gate too',
      'a|b,c',
      { a: 'ok:2', b: 'p', c: 'ok:2' },
      late,
      '',
      false
    ],
    ['... the last proxy before direct is not', 'a|b,direct', { a: 'ok:2', b: 'p' }, late, 'b', true],
    ["a run's only member keeps the deadline", 'a,b', { a: 'ok:2', b: 'p' }, late, '', false],
    ['no working member in the run: wait', 'a|b', { a: 'p', b: 'x' }, late, '', false],
    [
      'another run still all pending: no cut anywhere',
      'a|b,c|d',
      { a: 'p', b: 'ok:2', c: 'p', d: 'p' },
      late,
      '',
      false
    ],
    ['a finished dead run does not block', 'a|b,c|d', { a: 'p', b: 'ok:2', c: 'x', d: 'x' }, late, 'a', true],
    ['a proxy that answered and is being sampled is kept', 'a|b', { a: 'a', b: 'ok:2' }, late, '', false],
    ['two runs cut at once', 'a|b,c|d', { a: 'p', b: 'ok:2', c: 'ok:3', d: 'p' }, late, 'a d', true],
    ['a cut with a gate still pending does not settle', 'a,b|c', { a: 'p', b: 'ok:2', c: 'p' }, late, '', false],
    ['nothing pending: settled', 'a|b', { a: 'x', b: 'ok:2' }, 0, '', true]
  ])('%s (%s)', (_name, text, spec, elapsedMs, cut, settled) => {
    const decision = settleProbe({
      chain: chain(text),
      progress: progressOf(spec),
      elapsedMs,
      sumdbVerified: () => true
    })
    expect(decision.cut.map(c => nameOf(c.url)).join(' ')).toBe(cut)
    expect(decision.settled).toBe(settled)
    for (const c of decision.cut) expect(c.message).toMatch(/^too slow: no answer within \d+ ms/)
  })

  it('nothing is cut while the checksum-DB path on the chain without the cut entries is not verified', () => {
    const seen: string[] = []
    const decision = settleProbe({
      chain: chain('a|b,direct'),
      progress: progressOf({ a: 'p', b: 'ok:2' }),
      elapsedMs: late,
      sumdbVerified: candidate => (seen.push(show(candidate)), false)
    })
    expect(decision).toMatchObject({ cut: [], settled: false })
    expect(seen).toEqual(['b,direct'])
  })

  it('says when the grace window ends, so the loop can ask again', () => {
    const decision = settleProbe({
      chain: chain('a|b'),
      progress: progressOf({ a: 'p', b: 'ok:400' }),
      elapsedMs: 150,
      sumdbVerified: () => true
    })
    expect(decision.recheckInMs).toBe(GRACE_FACTOR * 400 - 150)
  })
})

describe('decideChain and chainProblems', () => {
  const statuses: Record<string, ProbeStatus> = {
    a: 'no-response',
    b: 'ok',
    c: 'too-slow',
    d: 'not-found',
    e: 'refused'
  }
  const statusOf = (url: string) => ({
    status: statuses[nameOf(url)],
    message: `${nameOf(url)} is ${statuses[nameOf(url)]}`
  })
  const standing = (url: string) => {
    const s = statuses[nameOf(url)]
    return { working: s === 'ok' || s === 'not-found', ...(s === 'ok' ? { medianMs: 1 } : {}) }
  }
  it.each<[string, string, boolean, string[]]>([
    ['a|b,direct', 'b,direct', false, []],
    ['a,b', 'b', false, [/^https:\/\/a\.test does not work and is a "," gate before https:\/\/b\.test/.source]],
    ['c|b', 'b', false, []],
    [
      'a|e,direct',
      'direct',
      true,
      [
        /^No proxy in the chain works from this runner \(https:\/\/a\.test: a is no-response; https:\/\/e\.test: e is refused\)\. Only direct is left/
          .source
      ]
    ],
    ['a|e', 'https://a.test|https://e.test', true, [/\)\.$/.source]],
    ['a|e,off', 'off', true, [/The chain ends in off/.source]],
    ['d,b', 'd,b', false, []]
  ])('%s → %s', (text, exported, noneWorks, problems) => {
    const given = chain(text)
    const decision = decideChain(given, entry => standing(entry.url), 'latency')
    expect(show(decision.chain)).toBe(exported.replace(/https:\/\/([a-h])\.test/g, '$1'))
    expect(decision.noneWorks).toBe(noneWorks)
    const found = chainProblems(given, decision.noneWorks, statusOf, url => url, ACTION_WORDING)
    expect(found).toHaveLength(problems.length)
    found.forEach((problem, i) => expect(problem).toMatch(new RegExp(problems[i])))
  })
})

describe('fastestProxy', () => {
  const row = (url: string, status: ProbeStatus, medianMs: number | null, position: number | null): ProxyResult => ({
    url,
    status,
    message: '',
    samplesMs: [],
    attempts: 1,
    medianMs,
    sumdbSupport: 'not asked',
    position
  })
  it.each<[string, ProxyResult[], string | undefined]>([
    ['lowest median wins', [row('a', 'ok', 5, 1), row('b', 'ok', 2, 2)], 'b'],
    ['a tie keeps the first', [row('a', 'ok', 2, 1), row('b', 'ok', 2, 2)], 'a'],
    ['a dropped proxy is never the fastest', [row('a', 'ok', 1, null), row('b', 'ok', 3, 1)], 'b'],
    ['not-found has no median', [row('a', 'not-found', null, 1)], undefined],
    ['nothing measured', [], undefined]
  ])('%s', (_name, rows, expected) => {
    expect(fastestProxy(rows)).toBe(expected)
  })
})

describe('mayUseChinaAlias', () => {
  it.each<[string, string, boolean, boolean]>([
    ['Go default sum.golang.org', 'sum.golang.org', false, true],
    ['the user chose sum.golang.org', 'sum.golang.org', true, false],
    ['sum.golang.org with a URL', 'sum.golang.org https://sum.example.test', false, false],
    ['already the alias', 'sum.golang.google.cn', false, false],
    ['off', 'off', false, false]
  ])('%s', (_name, value, chosen, expected) => {
    expect(mayUseChinaAlias(parseGosumdb('sumdb', value), chosen)).toBe(expected)
  })
})

describe('applyChinaAlias', () => {
  const failed: SumdbCheck = { name: 'sum.golang.org', status: 'failed', route: 'direct', message: 'direct failed' }
  const ok: SumdbCheck = { ...failed, status: 'ok', message: 'fine' }
  const answers = { ok: true, message: 'signed tree head', ms: 3 }
  const fails = { ok: false, message: 'connection refused', ms: 1 }
  const given = parseGosumdb('sumdb', 'sum.golang.org')
  it.each<[string, SumdbCheck, boolean, typeof answers | undefined, string, string, RegExp]>([
    [
      'failed, allowed, the alias answers: switched',
      failed,
      true,
      answers,
      'switched',
      'sum.golang.google.cn',
      /; switched GOSUMDB to sum\.golang\.google\.cn/
    ],
    [
      'failed, allowed, the alias fails too',
      failed,
      true,
      fails,
      'failed',
      'sum.golang.org',
      /; sum\.golang\.google\.cn failed too: connection refused$/
    ],
    [
      'failed, not allowed (the user chose GOSUMDB)',
      failed,
      false,
      answers,
      'failed',
      'sum.golang.org',
      /^direct failed$/
    ],
    ['the path works: nothing to switch', ok, true, answers, 'ok', 'sum.golang.org', /^fine$/],
    ['the alias was not asked', failed, true, undefined, 'failed', 'sum.golang.org', /^direct failed$/]
  ])('%s', (_name, check, allowed, alias, status, value, message) => {
    const decision = applyChinaAlias(check, given, allowed, alias, 'https://alias.test/latest')
    expect(decision.check.status).toBe(status)
    expect(decision.check.message).toMatch(message)
    expect(decision.sumdb.value).toBe(value)
    expect(decision.notes).toHaveLength(status === 'switched' ? 1 : 0)
    if (status === 'switched')
      expect(decision.check).toMatchObject({ route: 'explicit', url: 'https://alias.test/latest', ms: 3 })
  })
})
