import fc from 'fast-check'
import { formatChain, parseGoproxy, type Chain, type Separator } from '../../src/go/proxy/chain.js'
import { dropEntries, rebuildChain, sortRuns } from '../../src/probe/reorder.js'

/** `a|b,direct` → a Chain of https://a.test ... (short names keep the tables readable). */
function chain(text: string): Chain {
  return parseGoproxy('GOPROXY', text.replace(/\b([a-h])\b/g, '$1.test')).chain
}

function show(c: Chain): string {
  return formatChain(c).replace(/https:\/\/([a-h])\.test/g, '$1')
}

function nameOf(url: string): string {
  return url.replace(/^https:\/\/([a-h])\.test$/, '$1')
}

describe('dropEntries: a removed entry leaves the stricter of its two separators (a "," gate is never weakened)', () => {
  it.each([
    ['a|b|c', 'b', 'a|c'],
    ['a,b|c', 'b', 'a,c'],
    ['a|b,c', 'b', 'a,c'],
    ['a,b,c', 'b', 'a,c'],
    ['a|b|c|d', 'bc', 'a|d'],
    ['a|b,c|d', 'bc', 'a,d'],
    ['a|b|direct', 'b', 'a|direct'],
    ['a|b,direct', 'b', 'a,direct'],
    ['a,b|direct', 'a', 'b|direct'],
    ['a|b,c', 'a', 'b,c'],
    ['a,direct', 'a', 'direct'],
    ['a|b|off', 'ab', 'off'],
    ['a|b', 'ab', ''],
    ['a|b', '', 'a|b']
  ])('%s without [%s] is %s', (given, dead, expected) => {
    expect(show(dropEntries(chain(given), e => !dead.includes(nameOf(e.url))))).toBe(expected)
  })
})

describe('sortRuns: fastest first inside "|" runs only; separators stay with their positions', () => {
  it.each([
    ['a|b|c', { a: 30, b: 10, c: 20 }, 'b|c|a'],
    ['a,b,c', { a: 30, b: 10, c: 20 }, 'a,b,c'],
    ['a|b,c|d', { a: 30, b: 10, c: 5, d: 1 }, 'b|a,d|c'],
    ['a|b|direct', { a: 30, b: 10 }, 'b|a|direct'],
    ['a|b,direct', { a: 30, b: 10 }, 'b|a,direct'],
    ['a|b|c', { a: 10, b: 10, c: 10 }, 'a|b|c'],
    // b answered 404 (no latency): it keeps its exact place; the measured ones share the other slots.
    ['a|b|c', { a: 30, c: 10 }, 'c|b|a']
  ])('%s with latencies %j is %s', (given, ms, expected) => {
    const latency = (url: string) => (ms as Record<string, number | undefined>)[nameOf(url)]
    expect(show(sortRuns(chain(given), e => latency(e.url)))).toBe(expected)
  })
})

describe('rebuildChain', () => {
  const verdicts: Record<string, { working: boolean; medianMs?: number }> = {
    a: { working: true, medianMs: 50 },
    b: { working: false },
    c: { working: true, medianMs: 5 },
    d: { working: true }
  }
  it.each([
    ['latency', 'a|b|c|d,direct', 'c|a|d,direct'],
    ['given', 'a|b|c|d,direct', 'a|c|d,direct'],
    ['latency', 'a,b|c', 'a,c'],
    ['latency', 'd|c|a', 'd|c|a']
  ] as const)('order %s: %s becomes %s', (order, given, expected) => {
    expect(show(rebuildChain(chain(given), e => verdicts[nameOf(e.url)], order))).toBe(expected)
  })

  it('keeps an entry it has no verdict for, in place', () => {
    expect(show(rebuildChain(chain('a|e|c'), e => verdicts[nameOf(e.url)], 'latency'))).toBe('c|e|a')
  })

  it('keeps origin and preset of each entry', () => {
    const given = parseGoproxy('GOPROXY', 'https://goproxy.cn|https://x.test,direct').chain
    const rebuilt = rebuildChain(given, e => ({ working: true, medianMs: e.url.includes('x.test') ? 1 : 9 }), 'latency')
    expect(rebuilt.proxies.map(e => [e.url, e.preset, e.separator])).toEqual([
      ['https://x.test', undefined, '|'],
      ['https://goproxy.cn', 'goproxy.cn', ',']
    ])
  })
})

describe('rebuildChain, any chain (property)', () => {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
  const arbitraryCase = fc
    .record({
      n: fc.integer({ min: 1, max: 7 }),
      separators: fc.array(fc.constantFrom<Separator>(',', '|'), { minLength: 7, maxLength: 7 }),
      terminal: fc.constantFrom(undefined, 'direct', 'off'),
      working: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
      latency: fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), { minLength: 7, maxLength: 7 }),
      order: fc.constantFrom<'latency' | 'given'>('latency', 'given')
    })
    .map(c => {
      const text = names
        .slice(0, c.n)
        .map((name, i) => (i < c.n - 1 ? `${name}${c.separators[i]}` : name))
        .join('')
      return { ...c, text: c.terminal ? `${text}${c.separators[c.n - 1]}${c.terminal}` : text }
    })

  it('never lets an entry cross a ",", never turns a "," between two kept entries into "|", keeps direct/off last', () => {
    fc.assert(
      fc.property(arbitraryCase, c => {
        const given = chain(c.text)
        const index = (url: string) => names.indexOf(nameOf(url))
        const rebuilt = rebuildChain(
          given,
          e => ({ working: c.working[index(e.url)], medianMs: c.latency[index(e.url)] }),
          c.order
        )
        expect(rebuilt.terminal).toBe(given.terminal)
        expect(rebuilt.proxies.map(e => nameOf(e.url)).sort()).toEqual(
          given.proxies.filter(e => c.working[index(e.url)]).map(e => nameOf(e.url))
        )
        const commaBetween = (ch: Chain, from: number, to: number) =>
          ch.proxies.slice(from, to).some(e => e.separator === ',')
        const pos = (url: string) => rebuilt.proxies.findIndex(e => e.url === url)
        for (const x of rebuilt.proxies) {
          for (const y of rebuilt.proxies) {
            const gx = given.proxies.findIndex(e => e.url === x.url)
            const gy = given.proxies.findIndex(e => e.url === y.url)
            if (gx < gy && commaBetween(given, gx, gy)) {
              expect(pos(x.url)).toBeLessThan(pos(y.url))
              expect(commaBetween(rebuilt, pos(x.url), pos(y.url))).toBe(true)
            }
          }
        }
        if (c.order === 'given') {
          expect(rebuilt.proxies.map(e => index(e.url))).toEqual([...rebuilt.proxies.map(e => index(e.url))].sort())
        }
      }),
      { numRuns: 500 }
    )
  })
})
