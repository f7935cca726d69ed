/**
 * diagnose() turns the go command's error text into a kind, a transient flag and one actionable sentence. The texts
 * below are the go command's own (Go 1.23, captured from real runs against loopback proxies, and the forms in its
 * source, cmd/go/internal/modfetch); diagnose-go.test.ts produces more of them live.
 */
import { deadlineMarker, diagnose, privatePrefix, stallMarker, type DiagnosisKind } from '../../src/warm/diagnose.js'
import { CLI_WORDING } from '../../src/cli/wording.js'

const GOSUM_MISMATCH = `verifying example.com/a@v1.0.0: checksum mismatch
\tdownloaded: h1:5ol/gvGDw5XU11x3Q0KhEYyjGDkqyHpNQAp6sJvQILg=
\tgo.sum:     h1:N0MfaQJQhGOkD3jYaXED3CKoXefsTI2B9Go4KUHt/kQ=

SECURITY ERROR
This download does NOT match an earlier download recorded in go.sum.
The bits may have been replaced on the origin server, or an attacker may
have intercepted the download attempt.

For more information, see 'go help module-auth'.`

const GOSUM_MISMATCH_GOMOD = `verifying example.com/a@v1.0.0/go.mod: checksum mismatch
\tdownloaded: h1:6ZVHfgAAGObtAycES/y8uCOEyb7InxtnyoKLt3O8Vnk=
\tgo.sum:     h1:DhNAN5ESgofBjUyC9S2g6VCJUhcIDhtNzG+3JuOOhyg=

SECURITY ERROR
This download does NOT match an earlier download recorded in go.sum.`

const SUMDB_MISMATCH = `example.com/a@v1.0.0: verifying module: checksum mismatch
\tdownloaded: h1:5ol/gvGDw5XU11x3Q0KhEYyjGDkqyHpNQAp6sJvQILg=
\tsum.golang.org: h1:N0MfaQJQhGOkD3jYaXED3CKoXefsTI2B9Go4KUHt/kQ=

SECURITY ERROR
This download does NOT match the one reported by the checksum server.
The bits may have been replaced on the origin server, or an attacker may
have intercepted the download attempt.`

const PRIVATE_404 = `go: example.com/a@v1.0.0: reading https://proxy.golang.org/example.com/a/@v/v1.0.0.mod: 404 Not Found
\tserver response:
\tnot found: module example.com/a: git ls-remote -q origin in /tmp/gopath/pkg/mod/cache/vcs/abc: exit status 128:
\t\tfatal: could not read Username for 'https://example.com': terminal prompts disabled`

const PRIVATE_GITHUB_410 = `go: github.com/acme/secret@v1.2.0: reading https://proxy.golang.org/github.com/acme/secret/@v/v1.2.0.mod: 410 Gone
\tserver response: not found: github.com/acme/secret@v1.2.0: invalid version: git ls-remote -q origin in /tmp/gopath/pkg/mod/cache/vcs/abc: exit status 128:
\t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled`

const SUMDB_404_PRIVATE = `go: git.corp.example/team/lib@v0.3.0: verifying module: git.corp.example/team/lib@v0.3.0: reading https://sum.golang.org/lookup/git.corp.example/team/lib@v0.3.0: 404 Not Found
\tserver response:
\tnot found: git.corp.example/team/lib@v0.3.0: unrecognized import path "git.corp.example/team/lib": https fetch: Get "https://git.corp.example/team/lib?go-get=1": dial tcp: lookup git.corp.example on 8.8.8.8:53: no such host`

interface Row {
  name: string
  text: string
  kind: DiagnosisKind
  transient: boolean
  /** Words the message must contain (the input to change, the host, the module). */
  says?: string[]
  suggestion?: string
  host?: string
  module?: string
}

const rows: Row[] = [
  {
    name: 'go.sum mismatch of a zip (fatal, no JSON)',
    text: GOSUM_MISMATCH,
    kind: 'checksum-mismatch-gosum',
    transient: false,
    says: ['go.sum', 'example.com/a@v1.0.0'],
    module: 'example.com/a'
  },
  {
    name: 'go.sum mismatch of a go.mod (an HTML page served as go.mod)',
    text: GOSUM_MISMATCH_GOMOD,
    kind: 'checksum-mismatch-gosum',
    transient: false,
    module: 'example.com/a'
  },
  {
    name: 'checksum database mismatch',
    text: SUMDB_MISMATCH,
    kind: 'checksum-mismatch-sumdb',
    transient: false,
    says: ['checksum database', '`proxies:`']
  },
  {
    name: 'checksum database unreachable (verifying go.mod, dial timeout)',
    text: 'go: example.com/a@v1.0.0: verifying go.mod: example.com/a@v1.0.0/go.mod: Get "https://sum.golang.org/lookup/example.com/a@v1.0.0": dial tcp 142.250.1.1:443: i/o timeout',
    kind: 'verifying-gomod-unreachable',
    transient: false,
    says: ['sumdb: sum.golang.google.cn', 'sum.golang.org'],
    suggestion: 'sumdb: sum.golang.google.cn',
    host: 'sum.golang.org'
  },
  {
    name: 'checksum database unreachable through an HTTP proxy (connection refused)',
    text: 'go: example.com/a@v1.0.0: verifying go.mod: example.com/a@v1.0.0/go.mod: Get "https://sum.golang.org/lookup/example.com/a@v1.0.0": proxyconnect tcp: dial tcp 127.0.0.1:1: connect: connection refused',
    kind: 'verifying-gomod-unreachable',
    transient: false
  },
  {
    name: 'checksum database behind a proxy that fails (verifying module, 502 through /sumdb/)',
    text: 'go: example.com/a@v1.0.0: verifying module: example.com/a@v1.0.0: reading https://goproxy.example/sumdb/sum.golang.org/lookup/example.com/a@v1.0.0: 502 Bad Gateway',
    kind: 'verifying-gomod-unreachable',
    transient: false,
    says: ['through the proxy goproxy.example'],
    host: 'goproxy.example'
  },
  {
    name: 'checksum database timing out behind the forwarder (its own /sumdb/ path is not a proxy)',
    text: 'go: example.com/a@v1.0.0: verifying go.mod: example.com/a@v1.0.0/go.mod: reading [forwarder]/sumdb/sum.golang.org/lookup/example.com/a@v1.0.0: 504 Gateway Timeout\n\tserver response: https://sum.golang.org: no answer within 15000 ms (5 tries by setup-goproxy)',
    kind: 'verifying-gomod-unreachable',
    transient: false,
    says: ['(sum.golang.org)'],
    host: 'sum.golang.org'
  },
  {
    name: 'checksum database does not know a private module (404)',
    text: SUMDB_404_PRIVATE,
    kind: 'not-found',
    transient: false,
    suggestion: 'private: git.corp.example',
    says: ['private: git.corp.example']
  },
  {
    name: 'private module, 404 from the proxy with the git prompt',
    text: PRIVATE_404,
    kind: 'not-found',
    transient: false,
    suggestion: 'private: example.com',
    host: 'proxy.golang.org'
  },
  {
    name: 'private GitHub module, 410 Gone: the account is the pattern',
    text: PRIVATE_GITHUB_410,
    kind: 'gone',
    transient: false,
    suggestion: 'private: github.com/acme'
  },
  {
    name: 'a version that does not exist (404 with unknown revision)',
    text: 'go: example.com/a@v1.0.0: reading http://127.0.0.1:18765/example.com/a/@v/v1.0.0.mod: 404 Not Found\n\tserver response: not found: example.com/a@v1.0.0: invalid version: unknown revision v1.0.0',
    kind: 'unknown-revision',
    transient: false,
    says: ['v1.0.0', 'go.mod']
  },
  {
    name: 'unknown revision from a direct fetch',
    text: 'go: github.com/acme/x@v0.0.0-20240101000000-abcdefabcdef: invalid version: unknown revision abcdefabcdef',
    kind: 'unknown-revision',
    transient: false
  },
  {
    name: 'file:// proxy without the file',
    text: 'example.com/zz@v1.2.0: reading file:///tmp/proxy/example.com/zz/@v/v1.2.0.info: no such file or directory',
    kind: 'not-found',
    transient: false
  },
  {
    name: '401 from a corporate proxy',
    text: 'go: corp.example/x@v1.0.0: reading https://goproxy.corp.example/corp.example/x/@v/v1.0.0.mod: 401 Unauthorized\n\tserver response: Unauthorized',
    kind: 'unauthorized',
    transient: false,
    says: ['goproxy.corp.example', 'auth:'],
    suggestion: 'auth: goproxy.corp.example USER:TOKEN',
    host: 'goproxy.corp.example'
  },
  {
    name: '403 with credentials in the URL (redacted, host kept)',
    text: 'go: corp.example/x@v1.0.0: reading https://bob:hunter2@goproxy.corp.example:8443/corp.example/x/@v/v1.0.0.zip: 403 Forbidden',
    kind: 'unauthorized',
    transient: false,
    host: 'goproxy.corp.example:8443'
  },
  {
    name: 'git cannot authenticate on a direct fetch',
    text: "go: github.com/acme/private@v1.0.0: invalid version: git ls-remote -q origin in /home/runner/go/pkg/mod/cache/vcs/123: exit status 128:\n\tfatal: could not read Username for 'https://github.com': terminal prompts disabled",
    kind: 'unauthorized',
    transient: false,
    host: 'github.com',
    suggestion: 'auth: github.com USER:TOKEN'
  },
  {
    name: '429 from the proxy',
    text: 'go: example.com/a@v1.0.0: reading https://goproxy.cn/example.com/a/@v/v1.0.0.mod: 429 Too Many Requests\n\tserver response: Too Many Requests',
    kind: 'rate-limited',
    transient: true,
    host: 'goproxy.cn'
  },
  {
    name: '500',
    text: 'go: example.com/a@v1.0.0: reading https://goproxy.io/example.com/a/@v/v1.0.0.mod: 500 Internal Server Error\n\tserver response: internal error',
    kind: 'server-error',
    transient: true
  },
  {
    name: '502 without a body',
    text: 'go: example.com/a@v1.0.0: reading https://goproxy.io/example.com/a/@v/v1.0.0.mod: 502 Bad Gateway',
    kind: 'server-error',
    transient: true
  },
  {
    name: '503',
    text: 'go: example.com/a@v1.0.0: reading https://goproxy.io/example.com/a/@v/v1.0.0.mod: 503 Service Unavailable',
    kind: 'server-error',
    transient: true
  },
  {
    name: "the forwarder's 504 explains a timeout upstream",
    text: 'go: example.com/a@v1.0.0: reading [forwarder]/example.com/a/@v/v1.0.0.mod: 504 Gateway Timeout\n\tserver response: https://goproxy.io: no answer within 10000 ms (5 tries by setup-goproxy)',
    kind: 'timeout',
    transient: true,
    host: 'goproxy.io'
  },
  {
    name: "the forwarder's 502 explains a refused connection upstream",
    text: 'go: example.com/a@v1.0.0: reading [forwarder]/example.com/a/@v/v1.0.0.mod: 502 Bad Gateway\n\tserver response: http://10.0.0.9:3000: connection refused (5 tries by setup-goproxy)',
    kind: 'refused',
    transient: true,
    host: '10.0.0.9:3000'
  },
  {
    name: 'connection reset (EOF) on .mod',
    text: 'go: example.com/a@v1.0.0: Get "http://127.0.0.1:18765/example.com/a/@v/v1.0.0.mod": EOF',
    kind: 'reset',
    transient: true
  },
  {
    name: 'unexpected EOF mid-zip',
    text: 'example.com/a@v1.0.0: read "https://goproxy.cn/example.com/a/@v/v1.0.0.zip": unexpected EOF',
    kind: 'reset',
    transient: true,
    host: 'goproxy.cn'
  },
  { name: 'a truncated zip', text: 'zip: not a valid zip file', kind: 'reset', transient: true },
  {
    name: 'HTTP/2 stream error',
    text: 'example.com/a@v1.0.0: Get "https://proxy.golang.org/example.com/a/@v/v1.0.0.zip": stream error: stream ID 3; INTERNAL_ERROR',
    kind: 'reset',
    transient: true
  },
  {
    name: 'connection refused',
    text: 'go: example.com/a@v1.0.0: Get "http://127.0.0.1:1/example.com/a/@v/v1.0.0.mod": dial tcp 127.0.0.1:1: connect: connection refused',
    kind: 'refused',
    transient: true
  },
  {
    name: 'dial timeout',
    text: 'go: example.com/a@v1.0.0: Get "https://proxy.golang.org/example.com/a/@v/v1.0.0.mod": dial tcp 142.250.1.1:443: i/o timeout',
    kind: 'timeout',
    transient: true,
    host: 'proxy.golang.org'
  },
  {
    name: 'TLS handshake timeout',
    text: 'go: example.com/a@v1.0.0: Get "https://proxy.golang.org/example.com/a/@v/v1.0.0.mod": net/http: TLS handshake timeout',
    kind: 'timeout',
    transient: true
  },
  {
    name: 'DNS failure',
    text: 'go: example.com/a@v1.0.0: Get "https://goproxy.cm/example.com/a/@v/v1.0.0.mod": dial tcp: lookup goproxy.cm: no such host',
    kind: 'dns',
    transient: true,
    host: 'goproxy.cm'
  },
  {
    name: 'untrusted certificate (TLS inspection)',
    text: 'go: example.com/a@v1.0.0: Get "https://proxy.golang.org/example.com/a/@v/v1.0.0.mod": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    kind: 'tls',
    transient: false,
    says: ['SSL_CERT_FILE']
  },
  {
    name: 'malformed module path',
    text: 'go: Example.com/a@v1.0.0: malformed module path "Example.com/a": invalid char \'E\' in first path element',
    kind: 'invalid-path',
    transient: false
  },
  {
    name: 'no matching versions',
    text: 'module example.com/a: no matching versions for query "v1.2"',
    kind: 'invalid-version',
    transient: false
  },
  {
    name: 'GOPROXY=off',
    text: 'example.com/zz@v1.2.0: module lookup disabled by GOPROXY=off',
    kind: 'lookup-disabled',
    transient: false
  },
  {
    name: 'an HTML page where JSON was expected',
    text: 'go: example.com/a@v1.0.0: invalid response from proxy "https://portal.example": invalid character \'<\' looking for beginning of value',
    kind: 'bad-response',
    transient: false
  },
  {
    name: "the forwarder's 502 for an HTML page (a sign-in portal) is not retried",
    text: 'go: example.com/a@v1.0.0: reading [forwarder]/example.com/a/@v/v1.0.0.mod: 502 Bad Gateway\n\tserver response: https://portal.example: answered an HTML page, not a Go module proxy response',
    kind: 'bad-response',
    transient: false,
    host: 'portal.example'
  },
  {
    name: 'the watchdog killed a stalled download',
    text: stallMarker(30),
    kind: 'stalled',
    transient: true,
    says: ['30 s']
  },
  {
    name: 'the warm phase ran out of time',
    text: deadlineMarker(600),
    kind: 'deadline',
    transient: false,
    suggestion: 'warm-timeout: 1200'
  },
  {
    name: 'anything else',
    text: 'go: errors parsing go.mod:\n/x/go.mod:3: unknown directive: requir',
    kind: 'other',
    transient: false,
    says: ['unknown directive']
  }
]

describe('diagnose classifies go error text', () => {
  it.each(rows.map(r => [r.name, r] as const))('%s', (_name, row) => {
    const d = diagnose(row.text)
    expect({ kind: d.kind, transient: d.transient }).toEqual({ kind: row.kind, transient: row.transient })
    for (const words of row.says ?? []) expect(d.message).toContain(words)
    if (row.suggestion) expect(d.suggestion).toBe(row.suggestion)
    if (row.host) expect(d.host).toBe(row.host)
    if (row.module) expect(d.module).toBe(row.module)
  })

  it.each(rows.map(r => [r.name, r] as const))(
    'never proposes turning verification off, and writes one sentence: %s',
    (_name, row) => {
      const { message } = diagnose(row.text)
      expect(message).not.toMatch(/GOSUMDB=off|sumdb: off|GONOSUMDB=\*|GOFLAGS=-insecure|go clean/)
      expect(message).not.toContain('\n')
      expect(message.trim().endsWith('.')).toBe(true)
      expect(message.length).toBeLessThan(400)
    }
  )

  // The CLI's user adds a flag, not a `with:` line: every suggestion the table makes, in the CLI's words.
  it.each(rows.filter(r => r.suggestion).map(r => [r.name, r] as const))(
    'suggests the CLI flag on the CLI: %s',
    (_name, row) => {
      const suggestion = diagnose(row.text, { words: CLI_WORDING }).suggestion ?? ''
      const [name, ...value] = (row.suggestion ?? '').split(': ')
      expect(suggestion).toBe(`--${name} ${value.join(': ')}`)
    }
  )

  it('never repeats a password from the text', () => {
    const d = diagnose(
      'go: x.y/z@v1.0.0: reading https://bob:hunter2@proxy.example/x.y/z/@v/v1.0.0.mod: 401 Unauthorized'
    )
    expect(JSON.stringify(d)).not.toContain('hunter2')
  })

  it.each([
    ['verifying example.com/a@v1.0.0/go.mod: checksum mismatch', undefined, true],
    ['go: example.com/a@v1.0.0: verifying module: checksum mismatch', undefined, undefined],
    // The caller names another module than the text's go.mod: the text is not about this module's go.mod.
    ['verifying ab.example/x@v1.0.0/go.mod: checksum mismatch', { module: 'b.example/x', version: 'v1.0.0' }, undefined]
  ] as const)('tells a go.mod from the module: %s', (text, context, goMod) => {
    expect(diagnose(text, context).goMod).toBe(goMod)
  })

  it('prefers the module named by the caller (from the -json object)', () => {
    const d = diagnose('zip: not a valid zip file', { module: 'example.com/a', version: 'v1.0.0' })
    expect(d).toMatchObject({ module: 'example.com/a', version: 'v1.0.0' })
  })

  it('ranks a proxy error above "not found", as the go command does', () => {
    const text =
      'go: example.com/a@v1.0.0: reading [forwarder]/example.com/a/@v/v1.0.0.mod: 502 Bad Gateway\n\tserver response: https://a.example: 502 Bad Gateway\n\thttps://b.example: 404 Not Found: not found'
    expect(diagnose(text).kind).toBe('server-error')
  })
})

describe('privatePrefix: the narrowest sensible GOPRIVATE pattern', () => {
  it.each([
    ['github.com/acme/secret/v2', 'github.com/acme'],
    ['gitlab.com/group/sub/project', 'gitlab.com/group'],
    ['git.corp.example/team/lib', 'git.corp.example'],
    ['corp.example', 'corp.example']
  ])('%s → %s', (path, prefix) => {
    expect(privatePrefix(path)).toBe(prefix)
  })
})
