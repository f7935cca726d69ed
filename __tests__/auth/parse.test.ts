import { DEFAULT_AUTH_USER, parseAuth, type AuthCredential } from '../../src/auth/index.js'
import { InputErrors } from '../../src/go/errors.js'

const SECRET = 'ghp_S3cretT0ken42'

/** The messages parseAuth throws for `raw` (fails the test when it does not throw). */
function messages(raw: string): string[] {
  try {
    parseAuth(raw)
  } catch (error) {
    expect(error).toBeInstanceOf(InputErrors)
    return (error as InputErrors).errors.map(e => e.message)
  }
  throw new Error('parseAuth accepted the input')
}

describe('parseAuth accepts HOST[:PORT][/PATH] [USER:]SECRET', () => {
  const cases: Array<[string, string, Omit<AuthCredential, 'line' | 'secret'> & { secret?: string }]> = [
    [
      'a bare token gets the user x-access-token',
      `github.com/acme ${SECRET}`,
      { host: 'github.com', port: '', path: 'acme', username: DEFAULT_AUTH_USER }
    ],
    [
      'USER:SECRET splits at the first colon',
      `corp.example.com bob:${SECRET}:x`,
      { host: 'corp.example.com', port: '', path: '', username: 'bob', secret: `${SECRET}:x` }
    ],
    [
      'the host is lower-cased, the path keeps its case, one trailing slash goes',
      `GitHub.com/Acme/Tools/ ${SECRET}`,
      { host: 'github.com', port: '', path: 'Acme/Tools', username: DEFAULT_AUTH_USER }
    ],
    [
      'a port is kept as written',
      `corp.example.com:8443/goproxy ${SECRET}`,
      { host: 'corp.example.com', port: '8443', path: 'goproxy', username: DEFAULT_AUTH_USER }
    ],
    [
      'an IPv4 address with a port',
      `127.0.0.1:3000 ${SECRET}`,
      { host: '127.0.0.1', port: '3000', path: '', username: DEFAULT_AUTH_USER }
    ],
    [
      'an IPv6 literal keeps its brackets',
      `[::1]:8443 ${SECRET}`,
      { host: '[::1]', port: '8443', path: '', username: DEFAULT_AUTH_USER }
    ],
    [
      'a single-label host (a proxy service name)',
      `athens:3000 ${SECRET}`,
      { host: 'athens', port: '3000', path: '', username: DEFAULT_AUTH_USER }
    ],
    [
      'tabs and indentation separate fields',
      `\t  gitlab.com/group \t ${SECRET}  `,
      { host: 'gitlab.com', port: '', path: 'group', username: DEFAULT_AUTH_USER }
    ]
  ]
  test.each(cases)('%s', (_name, line, expected) => {
    expect(parseAuth(line)).toEqual([{ line: 1, secret: SECRET, ...expected }])
  })

  test('line numbers count every line, including blank lines, comments and CRLF endings', () => {
    const parsed = parseAuth(
      `# corporate proxy\r\ncorp.example.com u:${SECRET}\r\n\r\n  \ngithub.com/acme ${SECRET}\r\n`
    )
    expect(parsed.map(c => [c.line, c.host])).toEqual([
      [2, 'corp.example.com'],
      [5, 'github.com']
    ])
  })

  test('an empty input holds no credentials', () => {
    expect(parseAuth('')).toEqual([])
    expect(parseAuth('\n  \n# nothing\n')).toEqual([])
  })
})

describe('parseAuth refuses bad lines, naming the line and never the secret', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['one field (a pasted token alone)', SECRET, /line 1: has one field/],
    ['a host alone', 'github.com/acme', /line 1: has one field/],
    ['three fields (a blank inside the secret)', `github.com ${SECRET} more`, /line 1: has 3 fields/],
    ['an empty secret after USER:', 'github.com bob:', /line 1: the secret after the user is empty/],
    ['an empty user before the colon', `github.com :${SECRET}`, /line 1: the user before ':' is empty/],
    ['a scheme on the host', `https://github.com/acme ${SECRET}`, /line 1: the host is written with a scheme/],
    [
      'swapped fields (the token where the host belongs)',
      `${SECRET} github.com`,
      /line 1: the first field is not a host name/
    ],
    ['an underscore in the host', `git_hub.com ${SECRET}`, /line 1: the first field is not a host name/],
    ['a host label ending in a dash', `github-.com ${SECRET}`, /line 1: the first field is not a host name/],
    ['port 0', `corp.example.com:0 ${SECRET}`, /line 1: the port is not a number from 1 to 65535/],
    ['port 65536', `corp.example.com:65536 ${SECRET}`, /line 1: the port is not a number from 1 to 65535/],
    ['an empty port', `corp.example.com: ${SECRET}`, /line 1: the port is not a number/],
    ['an empty path element', `github.com//acme ${SECRET}`, /line 1: the path has an empty element/],
    ['a .. path element', `github.com/acme/../other ${SECRET}`, /line 1: the path has an empty element or a character/],
    [
      'a control character in the secret',
      `github.com ${SECRET}\u0007x`,
      /line 1: the secret field contains the blank or control character U\+0007/
    ],
    [
      'a no-break space in the secret',
      `github.com ${SECRET}\u00a0x`,
      /line 1: the secret field contains the blank or control character U\+00A0/
    ],
    [
      'a NUL in the host',
      `github.com\u0000 ${SECRET}`,
      /line 1: the host contains the blank or control character U\+0000/
    ],
    ['a line separator inside the secret', `github.com ${SECRET}\u2028x`, /U\+2028/]
  ]
  test.each(cases)('%s', (_name, line, expected) => {
    const found = messages(line)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(/^Input 'auth': line 1: /)
    expect(found[0]).toMatch(expected)
    expect(found[0]).not.toContain(SECRET)
  })

  test('every bad line is reported at once, each with its own line number', () => {
    const found = messages(
      `github.com/acme ${SECRET}\n\nbad_host ${SECRET}\ngitlab.com ${SECRET} extra\ngithub.com/acme/ u:${SECRET}`
    )
    expect(found).toEqual([
      expect.stringMatching(/^Input 'auth': line 3: /),
      expect.stringMatching(/^Input 'auth': line 4: /),
      expect.stringMatching(/^Input 'auth': line 5: names the same host, port and path as line 1/)
    ])
    for (const message of found) expect(message).not.toContain(SECRET)
  })

  test('the same host with another port or path is not a duplicate', () => {
    const parsed = parseAuth(
      `github.com/acme ${SECRET}\ngithub.com/acme/tools ${SECRET}\ngithub.com:8443/acme ${SECRET}`
    )
    expect(parsed).toHaveLength(3)
  })
})
