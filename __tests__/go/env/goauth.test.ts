/** GOAUTH as go (1.24+) reads it, for the netrc the action writes (the real go checks it: auth/goauth-go.test.ts). */
import { goauthForNetrc, goauthMethods } from '../../../src/go/env/goauth.js'

describe('goauthForNetrc', () => {
  test.each([
    ['unset: go reads netrc by default', undefined, { kind: 'reads-netrc' }],
    ['empty', '', { kind: 'reads-netrc' }],
    ['netrc listed among others', 'git /src;netrc', { kind: 'reads-netrc' }],
    [
      'a command alone: netrc goes first',
      '/usr/bin/helper --go',
      { kind: 'add-netrc', goauth: 'netrc;/usr/bin/helper --go' }
    ],
    ['git and a command, spaces around ";"', ' git /w ; helper ', { kind: 'add-netrc', goauth: 'netrc;git /w;helper' }],
    ['off', 'off', { kind: 'off' }],
    ['off combined (go refuses it too)', 'off;git /w', { kind: 'off' }]
  ])('%s', (_name, goauth, expected) => {
    expect(goauthForNetrc(goauth)).toEqual(expected)
  })

  test('methods are split on ";" and trimmed, empty ones dropped', () => {
    expect(goauthMethods(' netrc ;; git /a b ;')).toEqual(['netrc', 'git /a b'])
  })
})
