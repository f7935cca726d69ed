/** The probe's URL helpers: request URLs built as the go command builds them, and the credentials it sends. */
import type { Credentials } from '../../src/auth/types.js'
import { credentialsForUrl, joinUrlPath } from '../../src/probe/url.js'

describe('credentialsForUrl: the netrc model first, else the URL userinfo (as net/http does)', () => {
  const NETRC: Credentials = { username: 'netrc-user', password: 'netrc-secret' }
  const lookupFor =
    (host: string) =>
    (url: string): Credentials | undefined =>
      new URL(url).host === host ? NETRC : undefined
  const table: Array<[string, string, string | undefined, Credentials | undefined]> = [
    ['no userinfo, no lookup', 'https://proxy.example/go', undefined, undefined],
    ['user and password', 'https://bot:tok@proxy.example/go', undefined, { username: 'bot', password: 'tok' }],
    ['a token as the user', 'https://tok@proxy.example/go', undefined, { username: 'tok', password: '' }],
    [
      'percent-encoded parts are decoded',
      'https://b%40t:t%2Fk%3A@proxy.example/',
      undefined,
      { username: 'b@t', password: 't/k:' }
    ],
    [
      'a bad escape is kept as written',
      'https://bot:t%zzk@proxy.example/',
      undefined,
      { username: 'bot', password: 't%zzk' }
    ],
    ['an empty userinfo is none', 'https://@proxy.example/go', undefined, undefined],
    ['the lookup wins over the userinfo', 'https://bot:tok@proxy.example/go', 'proxy.example', NETRC],
    [
      'a lookup for another host leaves the userinfo',
      'https://bot:tok@proxy.example/go',
      'other.example',
      { username: 'bot', password: 'tok' }
    ],
    ['a port is part of the host', 'https://proxy.example:8443/go', 'proxy.example:8443', NETRC],
    ['not a URL', 'not a url', undefined, undefined]
  ]
  it.each(table)('%s', (_name, url, lookupHost, expected) => {
    expect(credentialsForUrl(url, lookupHost === undefined ? undefined : lookupFor(lookupHost))).toEqual(expected)
  })

  it('the lookup is given the URL without its userinfo', () => {
    const seen: string[] = []
    credentialsForUrl('https://bot:tok@proxy.example/go?x=1', url => {
      seen.push(url)
      return undefined
    })
    expect(seen).toEqual(['https://proxy.example/go?x=1'])
  })
})

describe('joinUrlPath: the query of the proxy URL goes with every request', () => {
  it.each([
    ['https://p.example', 'm/@v/list', 'https://p.example/m/@v/list'],
    ['https://p.example/', '/m/@v/list', 'https://p.example/m/@v/list'],
    ['https://p.example/go//', 'm/@v/list', 'https://p.example/go/m/@v/list'],
    [
      'https://p.example/go?token=1',
      'sumdb/sum.golang.org/supported',
      'https://p.example/go/sumdb/sum.golang.org/supported?token=1'
    ]
  ])('%s + %s', (base, path, expected) => {
    expect(joinUrlPath(base, path)).toBe(expected)
  })
})
