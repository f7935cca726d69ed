/**
 * The GOPROXY grammar as the go command reads it (parseGoproxy), the action's `proxies`
 * input on top of it (parseProxiesInput: line breaks and preset names), and formatChain,
 * which writes a chain back as a GOPROXY value. go-env-conformance.test.ts asks the real
 * go the same questions.
 */
import fc from 'fast-check'
import {
  formatChain,
  parseGoproxy,
  parseProxiesInput,
  type Chain,
  type ParsedChain,
  type ProxyEntry,
  type Separator
} from '../../../src/go/proxy/chain.js'
import { InputError } from '../../../src/go/errors.js'
import { PROXY_PRESETS } from '../../../src/go/proxy/presets.js'
import {
  parseProxyUrl,
  proxyKey,
  redactText,
  redactUrl,
  secretsOfUrl,
  stripCredentials
} from '../../../src/go/proxy/url.js'
import { inputError } from '../../support/input-error.js'

/** The chain in Go's own notation, e.g. `https://a,https://b|direct`, plus the ignored entries. */
function summary(parsed: ParsedChain): string {
  const ignored = parsed.ignored.length > 0 ? ` (ignored: ${parsed.ignored.join(' ')})` : ''
  return formatChain(parsed.chain) + ignored
}

describe('parseGoproxy reads a GOPROXY value as the go command does', () => {
  test.each<[value: string, chain: string, rule: string]>([
    ['https://proxy.golang.org,direct', 'https://proxy.golang.org,direct', "Go's default"],
    [
      'https://a.example|https://b.example,direct',
      'https://a.example|https://b.example,direct',
      'each entry keeps its separator'
    ],
    [
      ' https://a.example , https://b.example |  direct ',
      'https://a.example,https://b.example|direct',
      'entries are trimmed'
    ],
    [
      'https://a.example,,|https://b.example',
      'https://a.example,https://b.example',
      'empty entries are skipped; the first separator counts'
    ],
    [',https://a.example', 'https://a.example', 'a leading empty entry is skipped'],
    ['https://a.example,', 'https://a.example', 'a trailing separator adds nothing'],
    ['direct', 'direct', 'direct alone'],
    ['off', 'off', 'off alone'],
    [' off ', 'off', 'a keyword is trimmed too'],
    [
      'https://a.example,direct,https://b.example',
      'https://a.example,direct (ignored: https://b.example)',
      'direct ends the list'
    ],
    ['off|https://a.example|direct', 'off (ignored: https://a.example direct)', 'off ends the list'],
    ['direct,off', 'direct (ignored: off)', 'only the first keyword counts'],
    ['goproxy.cn', 'https://goproxy.cn', 'a bare host gets https://'],
    ['goproxy.cn,direct', 'https://goproxy.cn,direct', 'a bare host gets https:// inside a list'],
    ['localhost:8080', 'https://localhost:8080', 'a host:port gets https://'],
    ['127.0.0.1:3000/goproxy', 'https://127.0.0.1:3000/goproxy', 'an address with a path gets https://'],
    ['mirrors.aliyun.com/goproxy/', 'https://mirrors.aliyun.com/goproxy/', 'a host and path get https://'],
    ['http://10.0.0.1:3000', 'http://10.0.0.1:3000', 'http is accepted'],
    ['HTTPS://goproxy.cn', 'HTTPS://goproxy.cn', 'the scheme is case-insensitive'],
    ['Http://a.example', 'Http://a.example', 'the scheme is case-insensitive'],
    ['file:///srv/goproxy', 'file:///srv/goproxy', 'a file URL with a path'],
    ['FILE:///srv/goproxy', 'FILE:///srv/goproxy', 'the file scheme is case-insensitive'],
    ['https://a.example/goproxy?token=x', 'https://a.example/goproxy?token=x', 'a query string is kept (Go sends it)'],
    ['https://[::1]:8443', 'https://[::1]:8443', 'an IPv6 literal'],
    ['https://user:pw@a.example', 'https://user:pw@a.example', 'credentials over https are accepted'],
    ['https://x_y.example', 'https://x_y.example', 'an underscore in a host name']
  ])('%j → %s (%s)', (value, chain) => {
    expect(summary(parseGoproxy('GOPROXY', value))).toBe(chain)
  })

  test('every entry records its separator and origin; the bare-host rule applies per entry', () => {
    const { chain } = parseGoproxy('GOPROXY', 'goproxy.cn|https://b.example,file:///srv/c|direct')
    expect(chain).toEqual<Chain>({
      proxies: [
        { url: 'https://goproxy.cn', separator: '|', origin: 'environment', preset: 'goproxy.cn' },
        { url: 'https://b.example', separator: ',', origin: 'environment' },
        { url: 'file:///srv/c', separator: '|', origin: 'environment' }
      ],
      terminal: 'direct'
    })
  })

  test.each<[value: string, message: RegExp, rule: string]>([
    ['DIRECT', /keywords are lower case: direct/, 'keywords are exact and lower case'],
    ['Direct', /keywords are lower case: direct/, 'keywords are exact and lower case'],
    ['https://a.example,OFF', /keywords are lower case: off/, 'keywords are exact and lower case'],
    ['goproxy', /not a proxy URL/, 'a single word is reserved for keywords'],
    ['aliyun', /not a proxy URL/, 'GOPROXY itself knows no preset names'],
    ['ftp://a.example', /scheme "ftp".*https, http and file/, 'only http, https and file'],
    ['gopher://a.example', /scheme "gopher"/, 'only http, https and file'],
    ['ftp://a.example,direct', /scheme "ftp"/, 'a bad entry fails the whole list'],
    ['file://localhost/srv/goproxy', /only an absolute path/, 'a file URL holds no host, not even localhost'],
    ['file://host/srv', /only an absolute path/, 'a file URL holds no host'],
    ['file:///srv?x=1', /only an absolute path/, 'a file URL holds no query'],
    ['/srv/goproxy', /no scheme/, 'an absolute path is not a URL'],
    [',', /contains no entries/, 'a list of empty entries'],
    [' , | ', /contains no entries/, 'a list of blanks and separators'],
    ['https://a.example/x y', /contains a blank/, 'whitespace inside an entry'],
    ['https://a .example', /contains a blank/, 'whitespace inside a host'],
    ['https://a.example\n', /control character U\+000A/, 'a newline would inject another variable'],
    ['https://a.example\u0000', /control character U\+0000/, 'NUL'],
    [
      'https://user:p\u0001ss@a.example',
      /U\+0001 in its hidden credentials/,
      'inside a password, hidden in the message'
    ],
    ['https://a.examplehttps://u:p\u0001@b.example', /U\+0001 in its hidden credentials/, 'two URLs run together'],
    ['http://user:pw@a.example', /credentials over plain http/, 'Go refuses to send credentials over http'],
    ['http://token@a.example', /credentials over plain http/, 'a user-only token over http'],
    ['https://', /no valid host/, 'https needs a host'],
    ['https:a.example', /no valid host/, 'no :/, so Go reads https://https:a.example (port "a.example")'],
    ['\thttps://a.example', /control character U\+0009/, 'a tab, even where Go would trim it'],
    ['https://a.example:99999', /outside 1-65535/, 'a port out of range'],
    ['https://a.example:8x', /no valid host/, 'a port that is not a number'],
    ['https://a.example/#top', /fragment/, 'a fragment']
  ])('rejects %j (%s)', (value, message) => {
    const error = inputError(() => parseGoproxy('GOPROXY (job environment)', value))
    expect(error.input).toBe('GOPROXY (job environment)')
    expect(error.message).toMatch(/^Input 'GOPROXY \(job environment\)': /)
    expect(error.message).toMatch(message)
  })

  test('a rejected entry is named in the message', () => {
    expect(() => parseGoproxy('GOPROXY', 'https://ok.example|ftp://bad.example,direct')).toThrow('"ftp://bad.example"')
  })

  // Go's url.Parse rejects these (see go-env-conformance.test.ts); the action must say so up front.
  test.each<[value: string, go: string]>([
    ['https://a.example/%zz', 'invalid URL escape "%zz"'],
    ['https://a.example/%', 'invalid URL escape "%"'],
    ['https://a%41.example', 'invalid URL escape "%41" (a host may escape only non-ASCII bytes)'],
    ['https://u:p%zz@a.example', 'invalid URL escape "%zz"'],
    ['https://u:p{x@a.example', 'net/url: invalid userinfo'],
    ['file:///srv/a%zz', 'invalid URL escape "%zz"'],
    ['file:/srv/goproxy', 'invalid file:// proxy URL with non-path elements (no //)']
  ])('rejects %j, which Go rejects: %s', value => {
    expect(() => parseGoproxy('GOPROXY', value)).toThrow(InputError)
  })
})

describe('credentials never appear in a message', () => {
  const SECRET = 'S3cr3t-t0ken'
  test.each<[value: string, rule: string]>([
    [`http://user:${SECRET}@a.example`, 'credentials over http'],
    [`http://${SECRET}@a.example`, 'a token over http'],
    [`ftp://user:${SECRET}@a.example`, 'a bad scheme'],
    [`https://user:${SECRET}@a.example/x y`, 'a blank'],
    [`https://user:${SECRET}@a.example:99999`, 'a bad port'],
    [`https://user:${SECRET}@a.example/#x`, 'a fragment'],
    [`https://user:${SECRET}@a.example\u0007`, 'a control character'],
    [`https://user:${SECRET}\u0007@a.example`, 'a control character inside the password'],
    [`HTTP://user:${SECRET}@a.example`, 'credentials over HTTP in capitals'],
    [`https://user:${SECRET}@a.example,http://u:${SECRET}@b.example`, 'the second entry of a list']
  ])('%s is reported without the secret', value => {
    const error = inputError(() => parseGoproxy('GOPROXY', value))
    expect(error.message).not.toContain(SECRET)
    expect(error.message).toContain('xxxxx')
  })

  test('entries ignored after direct are reported redacted', () => {
    const { ignored } = parseGoproxy('GOPROXY', `direct,https://user:${SECRET}@a.example`)
    expect(ignored).toEqual(['https://user:xxxxx@a.example'])
  })

  test('formatChain(chain, true) hides passwords and tokens; formatChain(chain) keeps them for Go', () => {
    const value = `https://user:${SECRET}@a.example|https://${SECRET}@b.example,direct`
    const { chain } = parseGoproxy('GOPROXY', value)
    expect(formatChain(chain)).toBe(value)
    expect(formatChain(chain, true)).toBe('https://user:xxxxx@a.example|https://xxxxx@b.example,direct')
  })

  // Go takes the userinfo up to the last @ of the authority: the password here is `p@ss-<secret>`.
  test('a password holding @ is hidden whole', () => {
    const { chain } = parseGoproxy('GOPROXY', `https://user:p@${SECRET}@a.example`)
    expect(formatChain(chain, true)).not.toContain(SECRET)
    expect(redactText(`Get "https://user:p@${SECRET}@a.example/x/@v/list": EOF`)).not.toContain(SECRET)
    expect(secretsOfUrl(chain.proxies[0].url)).toContain(`p@${SECRET}`)
  })

  // A password with an unescaped `/` makes the URL invalid (Go: invalid port); the message must still hide it.
  test('a password that breaks the URL is hidden in the error', () => {
    const error = inputError(() => parseGoproxy('GOPROXY', `https://user:pa/${SECRET}@a.example`))
    expect(error.message).not.toContain(SECRET)
  })
})

describe('proxy URL helpers', () => {
  test.each<[url: string, redacted: string, stripped: string, secrets: string[]]>([
    ['https://a.example/x', 'https://a.example/x', 'https://a.example/x', []],
    [
      'https://user:pw@a.example/x',
      'https://user:xxxxx@a.example/x',
      'https://a.example/x',
      ['user:pw', 'pw', 'https://user:pw@a.example/x']
    ],
    ['https://tok@a.example', 'https://xxxxx@a.example', 'https://a.example', ['tok', 'https://tok@a.example']],
    ['https://a.example/@v/list', 'https://a.example/@v/list', 'https://a.example/@v/list', []]
  ])('%j: redacted %j, stripped %j', (url, redacted, stripped, secrets) => {
    expect(redactUrl(url)).toBe(redacted)
    expect(stripCredentials(url)).toBe(stripped)
    expect(secretsOfUrl(url)).toEqual(secrets)
  })

  test('redactText hides every URL password in a go message and leaves module paths alone', () => {
    const text =
      'Get "https://u:pw1@a.example/golang.org/x/mod/@v/list": 401; fallback https://tok@b.example|https://c.example/@v/x'
    expect(redactText(text)).toBe(
      'Get "https://u:xxxxx@a.example/golang.org/x/mod/@v/list": 401; fallback https://xxxxx@b.example|https://c.example/@v/x'
    )
  })

  test.each<[a: string, b: string]>([
    ['https://goproxy.cn', 'https://goproxy.cn/'],
    ['HTTPS://goproxy.cn', 'https://goproxy.cn'],
    ['https://mirrors.aliyun.com/goproxy', 'https://mirrors.aliyun.com/goproxy/']
  ])('proxyKey(%j) = proxyKey(%j): the same proxy written twice', (a, b) => {
    expect(proxyKey(a)).toBe(proxyKey(b))
  })

  test('proxyKey keeps the path case (paths are case-sensitive)', () => {
    expect(proxyKey('https://a.example/Go')).not.toBe(proxyKey('https://a.example/go'))
  })

  test('parseProxyUrl splits a URL into the parts the probe needs', () => {
    expect(parseProxyUrl('proxies', 'HTTPS://u:p@a.example:8443/goproxy?x=1', 'shown')).toEqual({
      scheme: 'https',
      host: 'a.example:8443',
      hostname: 'a.example',
      port: '8443',
      username: 'u',
      password: 'p',
      rest: '/goproxy?x=1'
    })
    expect(parseProxyUrl('proxies', 'file:///srv/goproxy', 'shown')).toMatchObject({
      scheme: 'file',
      rest: '/srv/goproxy'
    })
  })
})

describe('parseProxiesInput: the `proxies` input (line breaks and preset names)', () => {
  test.each<[raw: string, fallback: Separator, chain: string, rule: string]>([
    [
      'https://a.example\nhttps://b.example',
      '|',
      'https://a.example|https://b.example',
      'a line break means `fallback`: on-error is |'
    ],
    [
      'https://a.example\nhttps://b.example',
      ',',
      'https://a.example,https://b.example',
      'a line break means `fallback`: not-found is ,'
    ],
    ['https://a.example\ndirect', '|', 'https://a.example,direct', 'a line break before direct means ,'],
    ['https://a.example\noff', '|', 'https://a.example,off', 'a line break before off means ,'],
    [
      'https://a.example\n  direct  ',
      '|',
      'https://a.example,direct',
      'a line break before an indented keyword means ,'
    ],
    [
      'https://a.example|https://b.example\nhttps://c.example',
      ',',
      'https://a.example|https://b.example,https://c.example',
      'a | written by the user stays'
    ],
    [
      'https://a.example,https://b.example\nhttps://c.example',
      '|',
      'https://a.example,https://b.example|https://c.example',
      'a , written by the user stays'
    ],
    [
      'https://a.example,\nhttps://b.example',
      '|',
      'https://a.example,https://b.example',
      'a separator at the end of a line wins over the line break'
    ],
    [
      'https://a.example|\ndirect',
      '|',
      'https://a.example|direct',
      'a separator at the end of a line wins before direct too'
    ],
    ['https://a.example,direct', '|', 'https://a.example,direct', 'a one-line GOPROXY value is read as Go reads it'],
    [
      '  https://a.example  |  https://b.example  ',
      ',',
      'https://a.example|https://b.example',
      'blanks around entries'
    ],
    ['https://a.example\r\nhttps://b.example\r\n', '|', 'https://a.example|https://b.example', 'CRLF line breaks'],
    [
      '\n\nhttps://a.example\n\n\nhttps://b.example\n\n',
      ',',
      'https://a.example,https://b.example',
      'blank lines are skipped'
    ],
    ['aliyun', '|', 'https://mirrors.aliyun.com/goproxy/', 'a preset name is its URL'],
    [
      'goproxy.cn\naliyun\ngoproxy.io\ndirect',
      '|',
      'https://goproxy.cn|https://mirrors.aliyun.com/goproxy/|https://goproxy.io,direct',
      'the cn chain written by hand'
    ],
    [
      'goproxy.cn\nhttps://goproxy.cn/\nHTTPS://goproxy.cn',
      '|',
      'https://goproxy.cn',
      'the same proxy written three times is kept once'
    ],
    [
      'aliyun\nhttps://mirrors.aliyun.com/goproxy',
      '|',
      'https://mirrors.aliyun.com/goproxy/',
      'a preset and its URL are the same proxy'
    ],
    [
      'corp.example/goproxy\ngoproxy.cn',
      ',',
      'https://corp.example/goproxy,https://goproxy.cn',
      'bare hosts get https:// as in Go'
    ],
    [
      'direct\nhttps://a.example',
      '|',
      'direct (ignored: https://a.example)',
      'entries after direct are ignored, and reported'
    ]
  ])('%j with fallback %j → %s (%s)', (raw, fallback, chain) => {
    expect(summary(parseProxiesInput('proxies', raw, fallback)!)).toBe(chain)
  })

  test('the last proxy keeps the line-break separator, which joins it to the region chain', () => {
    const { chain } = parseProxiesInput('proxies', 'https://a.example\nhttps://b.example', ',')!
    expect(chain.terminal).toBeUndefined()
    expect(chain.proxies.map(p => p.separator)).toEqual([',', ','])
  })

  test.each(PROXY_PRESETS.map(p => [p.name, p.url] as const))('the preset %j is %s', (name, url) => {
    const { chain } = parseProxiesInput('proxies', name, '|')!
    expect(chain.proxies).toEqual<ProxyEntry[]>([{ url, separator: '|', origin: 'proxies', preset: name }])
  })

  test.each(['', '   ', '\n \n', '\r\n'])('an empty input (%j) is no chain', raw => {
    expect(parseProxiesInput('proxies', raw, '|')).toBeUndefined()
  })

  test.each<[raw: string, message: RegExp]>([
    [
      'alyun',
      /"alyun" is not a proxy URL, preset or keyword.*Presets: proxy\.golang\.org, goproxy\.cn, goproxy\.io, aliyun, tencent, huawei/
    ],
    ['Aliyun', /not a proxy URL, preset or keyword/],
    ['DIRECT', /keywords are lower case: direct/],
    ['https://a.example\nOff', /keywords are lower case: off/],
    ['ftp://a.example', /scheme "ftp"/],
    ['https://a.example\nhttp://u:pw@b.example', /credentials over plain http/],
    [',', /contains no entries/],
    ['|\n,', /contains no entries/],
    ['https://a.example\u0000', /control character/]
  ])('rejects %j, naming the input', (raw, message) => {
    const error = inputError(() => parseProxiesInput('proxies', raw, '|'))
    expect(error.input).toBe('proxies')
    expect(error.message).toMatch(message)
  })
})

describe('formatChain writes what parseGoproxy reads', () => {
  test.each<[chain: Chain, value: string]>([
    [{ proxies: [], terminal: 'off' }, 'off'],
    [{ proxies: [], terminal: 'direct' }, 'direct'],
    [{ proxies: [{ url: 'https://a.example', separator: '|', origin: 'proxies' }] }, 'https://a.example'],
    [
      {
        proxies: [
          { url: 'https://a.example', separator: ',', origin: 'proxies' },
          { url: 'file:///srv/b', separator: '|', origin: 'region' }
        ],
        terminal: 'direct'
      },
      'https://a.example,file:///srv/b|direct'
    ]
  ])('%j → %j', (chain, value) => {
    expect(formatChain(chain)).toBe(value)
  })

  const urls = [
    'https://proxy.golang.org',
    'https://goproxy.cn',
    'https://mirrors.aliyun.com/goproxy/',
    'http://127.0.0.1:3000',
    'http://[::1]:8080/goproxy',
    'https://corp.example/artifactory/api/go/go?x=1',
    'https://user:pw@corp.example/go',
    'https://tok@b.example',
    'file:///srv/goproxy',
    'HTTPS://c.example:8443'
  ]
  const chains = fc
    .record({
      proxies: fc.uniqueArray(
        fc.record({ url: fc.constantFrom(...urls), separator: fc.constantFrom<Separator>(',', '|') }),
        { selector: e => e.url, maxLength: 6 }
      ),
      terminal: fc.constantFrom<'direct' | 'off' | undefined>('direct', 'off', undefined)
    })
    .filter(c => c.proxies.length > 0 || c.terminal !== undefined)

  test('round trip (fast-check): the formatted chain parses back to the same entries and separators', () => {
    fc.assert(
      fc.property(chains, generated => {
        const chain: Chain = {
          proxies: generated.proxies.map(p => ({ ...p, origin: 'environment' as const })),
          ...(generated.terminal ? { terminal: generated.terminal } : {})
        }
        const value = formatChain(chain)
        const parsed = parseGoproxy('GOPROXY', value)
        expect(parsed.ignored).toEqual([])
        expect(parsed.chain.terminal).toBe(chain.terminal)
        expect(parsed.chain.proxies.map(p => p.url)).toEqual(chain.proxies.map(p => p.url))
        // The separator after the last proxy is written only before a keyword; without one it means nothing.
        const separators = (c: Chain) =>
          c.proxies.map((p, i) => (i === c.proxies.length - 1 && !c.terminal ? '' : p.separator))
        expect(separators(parsed.chain)).toEqual(separators(chain))
        expect(formatChain(parsed.chain)).toBe(value)
      }),
      { numRuns: 300 }
    )
  })

  test('round trip (fast-check): the proxies input, one proxy per line, gives the chain its lines name', () => {
    fc.assert(
      fc.property(chains, fc.constantFrom<Separator>(',', '|'), (generated, fallback) => {
        const lines = [...generated.proxies.map(p => p.url), ...(generated.terminal ? [generated.terminal] : [])]
        const parsed = parseProxiesInput('proxies', lines.join('\n'), fallback)!
        expect(parsed.chain.proxies.map(p => p.url)).toEqual(generated.proxies.map(p => p.url))
        expect(parsed.chain.terminal).toBe(generated.terminal)
        parsed.chain.proxies.forEach((p, i) => {
          const beforeKeyword = i === generated.proxies.length - 1 && generated.terminal !== undefined
          expect(p.separator).toBe(beforeKeyword ? ',' : fallback)
        })
      }),
      { numRuns: 200 }
    )
  })
})
