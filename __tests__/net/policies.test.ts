/**
 * The pure policies of the HTTP client (src/net/redirect.ts, credentials.ts, retry-after.ts): redirects as net/http follows them for the go command,
 * credentials scoped to their origin, Retry-After.
 */
import { credentialsForHop, originOf, userinfoCredentials } from '../../src/net/credentials.js'
import { MAX_REDIRECTS, REDIRECT_STATUSES, decideRedirect } from '../../src/net/redirect.js'
import { parseRetryAfter } from '../../src/net/retry-after.js'

describe('decideRedirect', () => {
  it.each<[string, string, string, number, string]>([
    ['a relative path', 'https://p.example/a/b', '/c', 0, 'follow https://p.example/c'],
    ['a relative name', 'https://p.example/a/b', 'c?x=1', 0, 'follow https://p.example/a/c?x=1'],
    ['another host', 'https://p.example/a', 'https://cdn.example/z', 0, 'follow https://cdn.example/z'],
    ['http to https', 'http://p.example/a', 'https://p.example/a', 0, 'follow https://p.example/a'],
    ['http to http', 'http://p.example/a', 'http://q.example/a', 0, 'follow http://q.example/a'],
    [
      'userinfo in Location is dropped',
      'https://p.example/',
      'https://u:pw@q.example/x',
      0,
      'follow https://q.example/x'
    ],
    ['an IPv6 literal', 'https://p.example/', 'https://[::1]:8443/x', 0, 'follow https://[::1]:8443/x'],
    ['the 10th redirect is followed', 'https://p.example/', '/x', 9, 'follow https://p.example/x'],
    ['the 11th is not', 'https://p.example/', '/x', 10, 'refuse stopped after 10 redirects'],
    ['https to http', 'https://p.example/', 'http://p.example/x', 0, 'refuse redirect from https to http refused'],
    [
      'an unparsable Location',
      'https://p.example/',
      'http://[bad',
      0,
      'refuse invalid Location "http://[bad" in a redirect'
    ],
    [
      'a file: Location',
      'http://p.example/',
      'file:///etc/passwd',
      0,
      'refuse redirect to the unsupported scheme file refused'
    ],
    [
      'a javascript: Location',
      'http://p.example/',
      'javascript:alert(1)',
      0,
      'refuse redirect to the unsupported scheme javascript refused'
    ]
  ])('%s', (_name, from, location, hops, expected) => {
    const decision = decideRedirect(new URL(from), location, hops)
    expect(decision.kind === 'follow' ? `follow ${decision.url.href}` : `refuse ${decision.reason}`).toBe(expected)
  })

  it('follows exactly the statuses net/http follows, up to 10 hops', () => {
    expect([...REDIRECT_STATUSES].sort()).toEqual([301, 302, 303, 307, 308])
    expect(MAX_REDIRECTS).toBe(10)
  })
})

describe('credentialsForHop: credentials stay with their origin', () => {
  const given = { username: 'bot', password: 'tok' }
  const netrc = { username: 'netrc', password: 'pw' }
  const first = new URL('https://proxy.corp:8443/go/')
  const lookup = (url: string) => (url.startsWith('https://cdn.corp/') ? netrc : undefined)
  it.each<[string, string, boolean, unknown]>([
    ['the same origin', 'https://proxy.corp:8443/other', true, given],
    ['another port', 'https://proxy.corp/go/', true, undefined],
    ['another scheme', 'http://proxy.corp:8443/go/', true, undefined],
    ['another host, known to the lookup', 'https://cdn.corp/blob', true, netrc],
    ['another host, unknown to the lookup', 'https://evil.example/', true, undefined],
    ['another host, no lookup', 'https://cdn.corp/blob', false, undefined],
    ['host names compare case-insensitively', 'https://PROXY.corp:8443/', true, given]
  ])('%s', (_name, target, withLookup, expected) => {
    expect(credentialsForHop(first, given, new URL(target), withLookup ? lookup : undefined)).toEqual(expected)
  })

  it('the same origin without given credentials asks the lookup, with the URL stripped of userinfo', () => {
    const asked: string[] = []
    credentialsForHop(first, undefined, new URL('https://u:p@proxy.corp:8443/x'), url => {
      asked.push(url)
      return undefined
    })
    expect(asked).toEqual(['https://proxy.corp:8443/x'])
  })

  it('origins fold the default port; userinfo becomes credentials, percent-decoded', () => {
    expect(originOf(new URL('https://a.example:443/x'))).toBe('https://a.example')
    expect(userinfoCredentials(new URL('https://us%40er:p%3Ass@a.example/'))).toEqual({
      username: 'us@er',
      password: 'p:ss'
    })
    expect(userinfoCredentials(new URL('https://a.example/'))).toBeUndefined()
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-01T12:00:00Z')
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ['0', 0],
    ['7', 7000],
    [' 120 ', 120_000],
    ['Tue, 01 Dec 2026 12:00:30 GMT', 30_000],
    ['Tue, 01 Dec 2026 11:00:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined]
  ])('%p → %p ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected)
  })
})
