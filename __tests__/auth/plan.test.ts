import {
  movedNote,
  parseAuth,
  planCredentials,
  type CredentialPlan,
  type PrivatePatterns
} from '../../src/auth/index.js'
import { formatChain, parseGoproxy, parseProxiesInput } from '../../src/go/proxy/chain.js'
import { InputErrors } from '../../src/go/errors.js'

const SECRET = 'glpat-S3cretT0ken42'
const OTHER = 'Zz9-0therSecret'

function plan(
  auth: string,
  goproxy = 'https://proxy.golang.org,direct',
  goprivate: string | PrivatePatterns = ''
): CredentialPlan {
  return planCredentials(parseAuth(auth), parseGoproxy('GOPROXY', goproxy).chain, goprivate)
}

/** The messages planCredentials throws (fails the test when it does not throw). */
function failures(auth: string, goproxy: string): string[] {
  try {
    plan(auth, goproxy)
  } catch (error) {
    expect(error).toBeInstanceOf(InputErrors)
    return (error as InputErrors).errors.map(e => e.message)
  }
  throw new Error('planCredentials accepted the input')
}

/** Everything a plan shows in logs or exports, which must never hold a secret. */
function visible(p: CredentialPlan): string {
  return [formatChain(p.chain), ...p.notes, ...p.privateAdditions, ...p.git.map(g => g.urlPrefix)].join('\n')
}

describe('a line naming a proxy in the chain becomes a netrc entry for that proxy', () => {
  const cases: Array<[string, string, string, string]> = [
    ['host only', 'https://corp.example.com/goproxy', 'corp.example.com', 'corp.example.com'],
    [
      'host and a path prefix of the proxy path',
      'https://corp.example.com/artifactory/api/go/golang',
      'corp.example.com/artifactory',
      'corp.example.com'
    ],
    [
      'host and the exact proxy path',
      'https://corp.example.com/goproxy/',
      'corp.example.com/goproxy',
      'corp.example.com'
    ],
    [
      'an explicit port on both',
      'https://corp.example.com:8443/goproxy',
      'corp.example.com:8443',
      'corp.example.com:8443'
    ],
    // Go compares the request's Host as written in the URL, so the machine keeps :443 too.
    [
      'the default port written in the URL only',
      'https://corp.example.com:443/',
      'corp.example.com',
      'corp.example.com:443'
    ],
    [
      'the default port written in the line only',
      'https://corp.example.com/',
      'corp.example.com:443',
      'corp.example.com'
    ],
    ['a host case as written in the URL', 'https://Corp.Example.com/', 'corp.example.com', 'Corp.Example.com'],
    ['a single-label service name', 'https://athens:3000', 'athens:3000', 'athens:3000'],
    ['an IPv6 literal', 'https://[::1]:8443', '[::1]:8443', '[::1]:8443']
  ]
  test.each(cases)('%s', (_name, proxy, host, machine) => {
    const p = plan(`${host} ci:${SECRET}`, `${proxy},direct`)
    expect(p.netrc).toEqual([{ machine, login: 'ci', password: SECRET, line: 1 }])
    expect(p.git).toEqual([])
    expect(p.privateAdditions).toEqual([])
    expect(p.notes).toEqual([expect.stringMatching(/^auth line 1: credentials for the proxy https:\/\//)])
  })

  test('credentials for an http:// proxy are refused: Go never sends them over http', () => {
    const found = failures(`corp.example.com u:${SECRET}`, 'http://corp.example.com/goproxy,direct')
    expect(found).toEqual([
      expect.stringMatching(/^Input 'auth': line 1: .*uses http:\/\/, and Go refuses to send credentials over http/)
    ])
    expect(found[0]).not.toContain(SECRET)
  })

  test('one line names every proxy on its host; the separators and terminal keyword stay', () => {
    const p = plan(`corp.example.com ${SECRET}`, 'https://corp.example.com/a|https://corp.example.com/b,off')
    expect(p.netrc).toHaveLength(1)
    expect(formatChain(p.chain)).toBe('https://corp.example.com/a|https://corp.example.com/b,off')
  })

  test('two proxies on one host cannot hold different credentials (netrc has one per host)', () => {
    const found = failures(
      `corp.example.com/a u:${SECRET}\ncorp.example.com/b u:${OTHER}`,
      'https://corp.example.com/a|https://corp.example.com/b'
    )
    expect(found).toEqual([
      expect.stringMatching(/^Input 'auth': line 2: .*already has other credentials from auth line 1/)
    ])
    expect(found.join()).not.toContain(SECRET)
    expect(found.join()).not.toContain(OTHER)
  })

  test('a line on a proxy host but another port becomes a module host, with a note saying so', () => {
    const p = plan(`corp.example.com ${SECRET}`, 'https://corp.example.com:8443/goproxy,direct')
    expect(p.netrc.map(e => e.machine)).toEqual(['corp.example.com'])
    expect(p.git.map(g => g.urlPrefix)).toEqual(['https://corp.example.com/'])
    expect(p.notes[0]).toMatch(
      /^auth line 1: corp.example.com is on the host of the proxy https:\/\/corp.example.com:8443\/goproxy but not its port or path/
    )
  })
})

describe('credentials inside a proxy URL move to netrc; the exported chain carries none', () => {
  test('user and password are %-decoded for netrc, and every form is a secret', () => {
    const p = plan('', 'https://bob:p%40ss-S3cret@corp.example.com/goproxy|https://proxy.golang.org,direct')
    expect(formatChain(p.chain)).toBe('https://corp.example.com/goproxy|https://proxy.golang.org,direct')
    expect(p.netrc).toEqual([{ machine: 'corp.example.com', login: 'bob', password: 'p@ss-S3cret' }])
    expect(p.secrets).toEqual(
      expect.arrayContaining([
        'p%40ss-S3cret',
        'p@ss-S3cret',
        'bob:p%40ss-S3cret',
        'https://bob:p%40ss-S3cret@corp.example.com/goproxy'
      ])
    )
    expect(visible(p)).not.toContain('S3cret')
    expect(p.notes).toEqual([])
    expect(p.moved.map(movedNote)).toEqual([
      'proxy https://bob:xxxxx@corp.example.com/goproxy: credentials moved from the URL to netrc (machine corp.example.com).'
    ])
  })

  test('the same credentials in the URL and an auth line are fine', () => {
    const p = plan(`corp.example.com bob:${SECRET}`, `https://bob:${SECRET}@corp.example.com,direct`)
    expect(p.netrc).toEqual([{ machine: 'corp.example.com', login: 'bob', password: SECRET }])
  })

  test.each([
    [
      'a token without a user (netrc needs both)',
      `https://${SECRET}@corp.example.com`,
      /carries credentials without both a user and a password/
    ],
    [
      'a user without a password',
      `https://${SECRET}:@corp.example.com`,
      /carries credentials without both a user and a password/
    ],
    [
      'no user, and a password holding an @ (the message hides everything up to the last @)',
      `https://:p@${SECRET}@corp.example.com`,
      /carries credentials without both a user and a password/
    ],
    [
      'two URLs on one host with different credentials',
      `https://a:${SECRET}@corp.example.com/a|https://a:${OTHER}@corp.example.com/b`,
      /credentials that differ/
    ]
  ])('refused: %s', (_name, goproxy, expected) => {
    const found = failures('', goproxy)
    expect(found).toEqual([expect.stringMatching(expected)])
    expect(found[0]).toMatch(/^Input 'GOPROXY \(job environment\)': proxy "https:\/\/.*xxxxx@corp/)
    expect(found.join()).not.toContain(SECRET)
    expect(found.join()).not.toContain(OTHER)
  })

  test('an auth line that disagrees with the URL credentials is refused', () => {
    const found = failures(`corp.example.com bob:${OTHER}`, `https://bob:${SECRET}@corp.example.com,direct`)
    expect(found).toEqual([
      expect.stringMatching(
        /^Input 'auth': line 1: the proxy "https:\/\/bob:xxxxx@corp.example.com" already carries other credentials/
      )
    ])
    expect(found.join()).not.toContain(SECRET)
    expect(found.join()).not.toContain(OTHER)
  })

  test('errors about the proxies input name that input', () => {
    const chain = parseProxiesInput('proxies', `https://${SECRET}@corp.example.com`, '|')!.chain
    expect(() => planCredentials([], chain, '')).toThrow(/^Input 'proxies': /)
  })
})

describe('any other line is a module host: git credentials for its prefix, GOPRIVATE, and netrc where go looks up', () => {
  test('github.com/acme: a git header for https://github.com/acme/ only, no netrc (go asks git alone)', () => {
    const p = plan(`github.com/acme ${SECRET}`)
    expect(p.git).toEqual([
      { urlPrefix: 'https://github.com/acme/', username: 'x-access-token', secret: SECRET, line: 1 }
    ])
    expect(p.netrc).toEqual([])
    expect(p.privateAdditions).toEqual(['github.com/acme'])
    expect(p.notes).toEqual([
      'auth line 1: github.com/acme added to GOPRIVATE, so it skips public proxies and the public checksum database.'
    ])
  })

  test('a GitLab group also gets a host-wide netrc entry for go ?go-get=1 lookups, and the log says so', () => {
    const p = plan(`gitlab.com/acme/sub u:${SECRET}`)
    expect(p.git.map(g => g.urlPrefix)).toEqual(['https://gitlab.com/acme/sub/'])
    expect(p.netrc).toEqual([{ machine: 'gitlab.com', login: 'u', password: SECRET, line: 1 }])
    expect(p.notes[1]).toMatch(
      /^auth line 1: go's \?go-get=1 lookups send this credential to every path on gitlab.com .* git sends it only under gitlab.com\/acme\/sub/
    )
  })

  test('the first line for a host owns its netrc entry; later ones are noted', () => {
    const p = plan(`gitlab.com/a u:${SECRET}\ngitlab.com/b u:${OTHER}`)
    expect(p.netrc).toEqual([{ machine: 'gitlab.com', login: 'u', password: SECRET, line: 1 }])
    expect(p.git.map(g => g.secret)).toEqual([SECRET, OTHER])
    expect(p.notes.at(-1)).toMatch(
      /^auth line 2: go's \?go-get=1 lookups on gitlab.com use the credentials of auth line 1/
    )
  })

  test('a git server on another port: the port is in the git prefix, not in GOPRIVATE, and no netrc', () => {
    const p = plan(`git.corp.example.com:8443/team ${SECRET}`)
    expect(p.git.map(g => g.urlPrefix)).toEqual(['https://git.corp.example.com:8443/team/'])
    expect(p.privateAdditions).toEqual(['git.corp.example.com/team'])
    expect(p.netrc).toEqual([])
  })

  test('a host without a dot that names no proxy is refused without echoing it', () => {
    const found = failures(`abcdef0123456789 ${SECRET}`, 'https://proxy.golang.org,direct')
    expect(found).toEqual([
      expect.stringMatching(
        /^Input 'auth': line 1: the host names no proxy in the chain, and it cannot be a module host/
      )
    ])
    expect(found[0]).not.toContain('abcdef0123456789')
  })

  const covered: Array<[string, string, string | PrivatePatterns, string[], RegExp]> = [
    [
      'a GOPRIVATE pattern covering the path',
      'github.com/acme/tools',
      'github.com/acme',
      [],
      /already covered by GOPRIVATE pattern github.com\/acme\.$/
    ],
    [
      'a glob',
      'git.corp.example.com/team',
      'example.org,*.corp.example.com',
      [],
      /already covered by GOPRIVATE pattern \*.corp.example.com\.$/
    ],
    [
      'a pattern for a longer path does not cover',
      'github.com/acme',
      'github.com/acme/tools',
      ['github.com/acme'],
      /added to GOPRIVATE/
    ],
    [
      'a prefix that is not a path element does not cover',
      'github.com/acmeco',
      'github.com/acme',
      ['github.com/acmeco'],
      /added to GOPRIVATE/
    ],
    [
      'GONOPROXY and GONOSUMDB patterns that both cover',
      'github.com/acme',
      { gonoproxy: 'github.com', gonosumdb: 'github.com/*' },
      [],
      /GONOPROXY pattern github.com and GONOSUMDB pattern github.com\/\*/
    ],
    [
      'GONOPROXY=none leaves it uncovered',
      'github.com/acme',
      { gonoproxy: 'none', gonosumdb: 'github.com/acme' },
      ['github.com/acme'],
      /added to GOPRIVATE/
    ]
  ]
  test.each(covered)('GOPRIVATE: %s', (_name, target, goprivate, additions, note) => {
    const p = plan(`${target} ${SECRET}`, 'https://proxy.golang.org,direct', goprivate)
    expect(p.privateAdditions).toEqual(additions)
    expect(p.notes[0]).toMatch(new RegExp(`^auth line 1: ${target.replace(/\./g, '\\.')} `))
    expect(p.notes[0]).toMatch(note)
  })

  test('a later line inside an earlier addition is covered by that addition', () => {
    const p = plan(`github.com/acme ${SECRET}\ngithub.com/acme/tools u:${OTHER}`)
    expect(p.privateAdditions).toEqual(['github.com/acme'])
    expect(p.notes[1]).toBe(
      'auth line 2: github.com/acme/tools already covered by the GOPRIVATE addition github.com/acme.'
    )
  })
})

describe('secrets and credentialsFor', () => {
  const p = plan(
    `corp.example.com ci:${SECRET}\ngithub.com/acme ${OTHER}`,
    'https://corp.example.com/goproxy|https://proxy.golang.org,direct'
  )

  test('every secret, user:secret pair and Basic header value is listed for masking; nothing visible holds one', () => {
    const basic = (pair: string) => Buffer.from(pair).toString('base64')
    expect(p.secrets).toEqual(
      expect.arrayContaining([
        SECRET,
        `ci:${SECRET}`,
        basic(`ci:${SECRET}`),
        `Basic ${basic(`ci:${SECRET}`)}`,
        OTHER,
        basic(`x-access-token:${OTHER}`)
      ])
    )
    expect(visible(p)).not.toContain(SECRET)
    expect(visible(p)).not.toContain(OTHER)
  })

  test.each([
    [
      'a request to the proxy',
      'https://corp.example.com/goproxy/golang.org/x/mod/@v/list',
      { username: 'ci', password: SECRET, line: 1 }
    ],
    [
      'any path on that host, as Go sends netrc credentials',
      'https://corp.example.com/other',
      { username: 'ci', password: SECRET, line: 1 }
    ],
    [
      'the host in another case and with :443',
      'https://CORP.example.com:443/goproxy',
      { username: 'ci', password: SECRET, line: 1 }
    ],
    ['plain http: Go sends nothing', 'http://corp.example.com/goproxy', undefined],
    ['another port', 'https://corp.example.com:8443/goproxy', undefined],
    ['a public proxy', 'https://proxy.golang.org/golang.org/x/mod/@v/list', undefined],
    ['github.com (git credentials are not request credentials for go)', 'https://github.com/acme/x', undefined],
    ['not a URL', 'corp.example.com', undefined]
  ])('credentialsFor: %s', (_name, url, expected) => {
    expect(p.credentialsFor(url)).toEqual(expected)
  })
})
