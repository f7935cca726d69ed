import { parseGoproxy } from '../../../src/go/proxy/chain.js'
import type { SupportedAnswer } from '../../../src/probe/report.js'
import { parseGosumdb } from '../../../src/go/sumdb/config.js'
import { sumdbRoute } from '../../../src/go/sumdb/route.js'

const sumGolang = parseGosumdb('GOSUMDB', 'sum.golang.org')
const answers: Record<string, SupportedAnswer> = {
  yes: { support: 'yes', message: 'serves the checksum database' },
  no: { support: 'no', message: 'HTTP 404' },
  err: { support: 'error', message: 'HTTP 502 Bad Gateway' }
}

/** `a|b,direct` with answers {a: 'err', b: 'yes'} → the route, with proxies named by letter. */
function route(goproxy: string, answered: Record<string, keyof typeof answers>) {
  const chain = parseGoproxy('GOPROXY', goproxy.replace(/\b([a-d])\b/g, '$1.test')).chain
  const result = sumdbRoute(chain, sumGolang, url => {
    const name = url.replace(/^https:\/\/([a-d])\.test$/, '$1')
    return answered[name] ? answers[answered[name]] : undefined
  })
  const short = (url: string) => url.replace(/^https:\/\/([a-d])\.test$/, '$1')
  switch (result.kind) {
    case 'proxy':
      return `proxy ${short(result.proxy)}`
    case 'fails':
      return `fails at ${short(result.proxy)}`
    case 'pending':
      return `waits for ${short(result.proxy)}`
    case 'direct':
    case 'explicit':
      return `${result.kind} ${result.base}`
    case 'off':
      return 'off'
  }
}

describe('sumdbRoute walks the chain like the go command (modfetch/sumdb.go initBase over TryProxies)', () => {
  it.each([
    ['a,direct', { a: 'yes' }, 'proxy a'],
    ['a,direct', { a: 'no' }, 'direct https://sum.golang.org'],
    ['a,direct', { a: 'err' }, 'fails at a'],
    ['a|direct', { a: 'err' }, 'direct https://sum.golang.org'],
    ['a|b,direct', { a: 'err', b: 'yes' }, 'proxy b'],
    ['a,b,direct', { a: 'no', b: 'yes' }, 'proxy b'],
    ['a,b,direct', { a: 'no', b: 'no' }, 'direct https://sum.golang.org'],
    // A proxy error outranks the not-found that follows it: only `direct` clears it (checked against go 1.23).
    ['a|b', { a: 'err', b: 'no' }, 'fails at a'],
    ['a|b|off', { a: 'err', b: 'no' }, 'fails at a'],
    ['a|b|direct', { a: 'err', b: 'err' }, 'direct https://sum.golang.org'],
    ['a|b', { a: 'err', b: 'err' }, 'fails at b'],
    ['a,off', { a: 'no' }, 'direct https://sum.golang.org'],
    ['a', { a: 'no' }, 'direct https://sum.golang.org'],
    ['direct', {}, 'direct https://sum.golang.org'],
    ['off', {}, 'direct https://sum.golang.org'],
    ['a,b,direct', { a: 'no' }, 'waits for b'],
    ['a,b,direct', { a: 'err' }, 'fails at a'],
    ['a,b,direct', { a: 'yes' }, 'proxy a']
  ] as const)('GOPROXY=%s, supported answers %j → %s', (goproxy, answered, expected) => {
    expect(route(goproxy, answered)).toBe(expected)
  })

  it('a GOSUMDB with a URL (or the alias sum.golang.google.cn) bypasses every proxy', () => {
    const chain = parseGoproxy('GOPROXY', 'https://a.test,direct').chain
    const never = () => {
      throw new Error('proxies must not be consulted')
    }
    expect(sumdbRoute(chain, parseGosumdb('sumdb', 'sum.golang.google.cn'), never)).toEqual({
      kind: 'explicit',
      base: 'https://sum.golang.google.cn'
    })
    expect(sumdbRoute(chain, parseGosumdb('sumdb', 'sum.golang.org https://sumdb.corp.example/x'), never)).toEqual({
      kind: 'explicit',
      base: 'https://sumdb.corp.example/x'
    })
    expect(sumdbRoute(chain, parseGosumdb('sumdb', 'off'), never)).toEqual({ kind: 'off' })
  })
})
