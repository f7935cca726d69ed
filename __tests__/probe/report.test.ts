import {
  bodyExcerpt,
  checkTreeHead,
  classifyFailure,
  classifyListAnswer,
  classifySupportedAnswer,
  isVersionList,
  isWorking,
  median,
  type ProbeAnswer,
  type RequestPhase
} from '../../src/probe/report.js'

const host = 'proxy.example:8443'

function answer(
  status: number,
  body = '',
  contentType = 'text/plain; charset=utf-8',
  extra: Partial<ProbeAnswer> = {}
): ProbeAnswer {
  const statusText: Record<number, string> = {
    200: 'OK',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    410: 'Gone',
    502: 'Bad Gateway'
  }
  return {
    status,
    statusText: statusText[status] ?? '',
    contentType,
    body,
    truncated: false,
    authSent: false,
    host,
    ...extra
  }
}

describe('classifyFailure: a request without an HTTP answer, by Node error code and the phase it was in', () => {
  it.each<[RequestPhase, string, string, RegExp]>([
    ['dns', 'ENOTFOUND', 'dns', /^DNS failure: proxy\.example: the name does not resolve \(ENOTFOUND\)$/],
    ['dns', 'EAI_AGAIN', 'dns', /the DNS server did not answer/],
    ['dns', 'DEADLINE', 'dns', /^DNS failure: the lookup of proxy\.example did not finish within 800 ms$/],
    ['connect', 'ECONNREFUSED', 'refused', /^connection refused by proxy\.example:8443$/],
    [
      'connect',
      'DEADLINE',
      'connect-timeout',
      /^connect timeout: no TCP connection to proxy\.example:8443 within 800 ms$/
    ],
    ['connect', 'ETIMEDOUT', 'connect-timeout', /^connect timeout/],
    ['tls', 'DEADLINE', 'no-response', /accepted the connection but did not complete the TLS handshake within 800 ms/],
    [
      'response',
      'DEADLINE',
      'no-response',
      /^no response: proxy\.example:8443 accepted the connection but sent nothing within 800 ms$/
    ],
    [
      'body',
      'DEADLINE',
      'slow',
      /^slow: proxy\.example:8443 sent headers but the body was still arriving after 800 ms$/
    ],
    [
      'tls',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'tls',
      /^TLS error: self-signed certificate \(proxy\.example:8443, DEPTH_ZERO_SELF_SIGNED_CERT\)$/
    ],
    ['tls', 'SELF_SIGNED_CERT_IN_CHAIN', 'tls', /self-signed certificate in the chain/],
    ['tls', 'CERT_HAS_EXPIRED', 'tls', /^TLS error: certificate expired/],
    ['tls', 'ERR_TLS_CERT_ALTNAME_INVALID', 'tls', /hostname mismatch/],
    ['tls', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls', /unknown authority/],
    ['tls', 'ERR_SSL_WRONG_VERSION_NUMBER', 'tls', /does not speak TLS/],
    ['tls', 'ECONNRESET', 'tls', /closed the connection during the handshake/],
    [
      'response',
      'ECONNRESET',
      'connection-closed',
      /^connection closed by proxy\.example:8443 before a complete answer \(ECONNRESET\)$/
    ],
    ['body', 'ECONNRESET', 'connection-closed', /before a complete answer/],
    ['connect', 'EHOSTUNREACH', 'network', /^network error reaching proxy\.example:8443: .* \(EHOSTUNREACH\)$/]
  ])('%s / %s → %s', (phase, code, status, message) => {
    const result = classifyFailure({ phase, code, message: 'node says something', elapsedMs: 800.4, host })
    expect(result.status).toBe(status)
    expect(result.message).toMatch(message)
  })
})

describe('classifyListAnswer: the answer to GET <proxy>/<module>/@v/list', () => {
  it.each<[string, ProbeAnswer, string, RegExp]>([
    ['a version list', answer(200, 'v0.1.0\nv0.2.0\n'), 'ok', /^works$/],
    ['an empty list (a module without tags)', answer(200, ''), 'ok', /^works$/],
    ['a list with CRLF and extra fields', answer(200, 'v1.0.0 2024-01-01\r\nv1.1.0-rc.1\r\n'), 'ok', /^works$/],
    [
      '404',
      answer(404, 'not found'),
      'not-found',
      /^reachable, but HTTP 404 Not Found for example\.com\/m: .*private modules\); kept$/
    ],
    ['410', answer(410, 'gone'), 'not-found', /^reachable, but HTTP 410 Gone/],
    [
      '401 without credentials',
      answer(401),
      'unauthorized',
      /^HTTP 401 Unauthorized: credentials missing or wrong for proxy\.example:8443: none were sent; add an auth line for proxy\.example:8443/
    ],
    [
      '403 with credentials',
      answer(403, '', 'text/plain', { authSent: true }),
      'unauthorized',
      /^HTTP 403 Forbidden: credentials missing or wrong for proxy\.example:8443: the ones sent were refused; check the auth line/
    ],
    [
      '502 with a text body',
      answer(502, 'upstream timed out\nretry later\nthird line\n'),
      'http-status',
      /^HTTP 502 Bad Gateway: upstream timed out \/ retry later$/
    ],
    ['500 with an HTML body', answer(500, '<html>oops</html>', 'text/html'), 'http-status', /^HTTP 500$/],
    [
      'an HTML page with 200',
      answer(200, '<!DOCTYPE html><html></html>', 'text/html'),
      'not-proxy',
      /^not a module proxy: HTTP 200 with an HTML page/
    ],
    ['HTML served as text/plain', answer(200, '  <html><body>login</body></html>'), 'not-proxy', /HTML page/],
    [
      'JSON with 200',
      answer(200, '{"Version":"v1.0.0"}', 'application/json'),
      'not-proxy',
      /^not a module proxy: HTTP 200 but not a version list \(starts with "\{\\"Version\\":\\"v1\.0\.0\\"\}"\)$/
    ],
    [
      'a redirect that was refused',
      answer(302, '', '', { redirectRefused: 'redirect from https to http refused' }),
      'http-status',
      /^HTTP 302: redirect not followed \(redirect from https to http refused\)$/
    ]
  ])('%s', (_name, given, status, message) => {
    const result = classifyListAnswer(given, 'example.com/m')
    expect(result.status).toBe(status)
    expect(result.message).toMatch(message)
  })

  it('redacts credentials quoted in an error body and strips control characters', () => {
    const result = classifyListAnswer(
      answer(502, 'cannot reach https://bot:s3cret@upstream.example/x\u001b[31m\n'),
      'example.com/m'
    )
    expect(result.message).toBe('HTTP 502 Bad Gateway: cannot reach https://bot:xxxxx@upstream.example/x [31m')
    expect(result.message).not.toContain('s3cret')
  })

  it('judges a list cut at the size limit by its complete lines only', () => {
    expect(classifyListAnswer(answer(200, 'v1.0.0\nv1.0', 'text/plain', { truncated: true }), 'm').status).toBe('ok')
    expect(isVersionList('v1.0.0\nv1.0')).toBe(false)
  })
})

describe('isWorking: the entries that stay in the chain', () => {
  it.each([
    ['ok', true],
    ['not-found', true],
    ['unauthorized', false],
    ['http-status', false],
    ['not-proxy', false],
    ['no-response', false],
    ['slow', false],
    ['file-missing', false]
  ] as const)('%s → %s', (status, working) => expect(isWorking(status)).toBe(working))
})

describe('classifySupportedAnswer: /sumdb/<name>/supported as the go command reads it', () => {
  it.each([
    [200, 'yes'],
    [404, 'no'],
    [410, 'no'],
    [500, 'error'],
    [401, 'error'],
    [204, 'error']
  ])('HTTP %i → %s', (status, support) => {
    expect(classifySupportedAnswer(answer(status)).support).toBe(support)
  })
})

describe('checkTreeHead: /latest must be a signed tree head of the database (shape only)', () => {
  const head =
    'go.sum database tree\n31337\nq0bM5k2ZrM8Eo0Fn+QKqHtMdtDCiCtNsdn1/Pp4WPsg=\n\n— sum.golang.org Az3grlsk2+0oFwdTo5aHw3bBL1CVxLZfKtwNt5eBE2eFOoCmH1rdmEGKqfr9hTKsOu1jcS3L7KD3MfC+aAu3bh3xtAQ=\n'
  it.each([
    ['a tree head signed by the database', head, 'sum.golang.org', undefined],
    [
      'the same head, for another name',
      head,
      'sum.example.org',
      'a tree head signed by sum.golang.org, not by sum.example.org'
    ],
    ['an unsigned head', 'go.sum database tree\n1\nAAAA\n', 'sum.golang.org', 'an unsigned tree head'],
    [
      'an HTML page',
      '<html>hello</html>',
      'sum.golang.org',
      'not a signed tree head (starts with "<html>hello</html>")'
    ],
    [
      'no size',
      'go.sum database tree\nx\nAAAA\n\n— sum.golang.org AAAA\n',
      'sum.golang.org',
      'a malformed tree head (no tree size and hash)'
    ]
  ])('%s', (_name, body, name, expected) => {
    expect(checkTreeHead(body, name)).toBe(expected)
  })
})

describe('median and excerpts', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[1, 2, 3, 10], 2.5],
    [[1.04, 1.06], 1.1]
  ])('median(%j) = %p', (values, expected) => expect(median(values)).toBe(expected))

  it('quotes only text/plain bodies, at most two lines and 200 characters', () => {
    expect(bodyExcerpt('application/json', '{"a":1}')).toBe('')
    expect(bodyExcerpt('text/plain', `${'x'.repeat(300)}\n`)).toHaveLength(200)
    expect(bodyExcerpt('TEXT/PLAIN; charset=utf-8', '\n\nfirst\n\nsecond\nthird')).toBe('first / second')
  })
})
