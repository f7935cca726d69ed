/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY as the go command reads them (net/http.ProxyFromEnvironment, that is
 * golang.org/x/net/http/httpproxy in Go 1.23): the expected values below were read off httpproxy's proxy.go.
 */
import { proxyConfigFromEnv, selectProxy } from '../../../src/go/env/env-proxy.js'

function proxyFor(url: string, env: Record<string, string>): string | undefined {
  const selection = selectProxy(proxyConfigFromEnv(env), new URL(url))
  if (selection.kind === 'error') return `error: ${selection.message}`
  return selection.kind === 'proxy' ? selection.proxy.href : undefined
}

describe('selectProxy follows httpproxy', () => {
  const P = { HTTPS_PROXY: 'http://p:3128' }
  it.each<[string, string, Record<string, string>, string | undefined]>([
    ['no proxy variables', 'https://goproxy.cn', {}, undefined],
    ['HTTPS_PROXY for https', 'https://goproxy.cn', P, 'http://p:3128/'],
    ['lower-case https_proxy', 'https://goproxy.cn', { https_proxy: 'http://corp:3128' }, 'http://corp:3128/'],
    ['upper case wins', 'https://goproxy.cn', { HTTPS_PROXY: 'http://up', https_proxy: 'http://low' }, 'http://up/'],
    [
      'an empty upper-case value counts as unset',
      'https://x.io',
      { HTTPS_PROXY: '', https_proxy: 'http://low' },
      'http://low/'
    ],
    ['HTTPS_PROXY does not cover http URLs', 'http://athens.internal', P, undefined],
    ['HTTP_PROXY for http', 'http://athens.internal', { HTTP_PROXY: 'http://corp:3128' }, 'http://corp:3128/'],
    ['HTTP_PROXY does not cover https URLs', 'https://goproxy.cn', { HTTP_PROXY: 'http://corp:3128' }, undefined],
    ['a value without a scheme means http://', 'https://goproxy.cn', { HTTPS_PROXY: 'corp:3128' }, 'http://corp:3128/'],
    ['an IP:port value', 'https://goproxy.cn', { HTTPS_PROXY: '10.0.0.1:3128' }, 'http://10.0.0.1:3128/'],
    ['an https proxy', 'https://goproxy.cn', { HTTPS_PROXY: 'https://p.corp' }, 'https://p.corp/'],
    ['userinfo is kept for Proxy-Authorization', 'https://x.io', { HTTPS_PROXY: 'http://u:pw@p' }, 'http://u:pw@p/'],
    ['file:// is never proxied', 'file:///srv/goproxy', { HTTP_PROXY: 'http://p', HTTPS_PROXY: 'http://p' }, undefined],
    ['localhost is never proxied', 'https://localhost:8443', P, undefined],
    ['127.0.0.1 is never proxied', 'http://127.0.0.1:3000', { HTTP_PROXY: 'http://p' }, undefined],
    ['all of 127/8 is loopback', 'https://127.8.9.10', P, undefined],
    ['[::1] is never proxied', 'https://[::1]:8443', P, undefined],
    ['a name that only resolves to loopback is proxied', 'https://localhost.localdomain', P, 'http://p:3128/'],
    ['NO_PROXY by domain', 'https://corp.example', { ...P, NO_PROXY: 'corp.example' }, undefined],
    [
      'NO_PROXY by domain covers subdomains',
      'https://goproxy.corp.example',
      { ...P, NO_PROXY: 'corp.example' },
      undefined
    ],
    [
      'NO_PROXY does not match a longer name',
      'https://notcorp.example',
      { ...P, NO_PROXY: 'corp.example' },
      'http://p:3128/'
    ],
    ['a leading dot: subdomains only', 'https://corp.example', { ...P, NO_PROXY: '.corp.example' }, 'http://p:3128/'],
    ['a leading dot matches subdomains', 'https://a.corp.example', { ...P, NO_PROXY: '.corp.example' }, undefined],
    ['*. is a leading dot', 'https://corp.example', { ...P, NO_PROXY: '*.corp.example' }, 'http://p:3128/'],
    ['*. matches subdomains', 'https://a.corp.example', { ...P, NO_PROXY: '*.corp.example' }, undefined],
    [
      'entries are trimmed and lower-cased',
      'https://a.corp.example',
      { ...P, NO_PROXY: 'x.io,  CORP.example ' },
      undefined
    ],
    ['lower-case no_proxy', 'https://a.corp.example', { ...P, no_proxy: 'corp.example' }, undefined],
    ['NO_PROXY=*', 'https://goproxy.cn', { ...P, NO_PROXY: '*' }, undefined],
    ['* only alone', 'https://goproxy.cn', { ...P, NO_PROXY: '*.cn.x' }, 'http://p:3128/'],
    ['a matching port', 'https://h.example:8443', { ...P, NO_PROXY: 'h.example:8443' }, undefined],
    ['another port', 'https://h.example', { ...P, NO_PROXY: 'h.example:8443' }, 'http://p:3128/'],
    ["the default port is the scheme's", 'https://h.example', { ...P, NO_PROXY: 'h.example:443' }, undefined],
    ['CIDR', 'http://10.1.2.3:3000', { HTTP_PROXY: 'http://p', NO_PROXY: '10.0.0.0/8' }, undefined],
    ['CIDR outside', 'http://11.1.2.3:3000', { HTTP_PROXY: 'http://p', NO_PROXY: '10.0.0.0/8' }, 'http://p/'],
    [
      'CIDR does not match names',
      'http://ten.example',
      { HTTP_PROXY: 'http://p', NO_PROXY: '10.0.0.0/8' },
      'http://p/'
    ],
    ['IPv6 CIDR', 'https://[2001:db8::5]', { ...P, NO_PROXY: '2001:db8::/32' }, undefined],
    ['IPv6 CIDR outside', 'https://[2001:db9::5]', { ...P, NO_PROXY: '2001:db8::/32' }, 'http://p:3128/'],
    ['an IP', 'https://192.0.2.7', { ...P, NO_PROXY: '192.0.2.7' }, undefined],
    ['an IP with a port', 'https://192.0.2.7:8443', { ...P, NO_PROXY: '192.0.2.7:8443' }, undefined],
    ['an IP with another port', 'https://192.0.2.7', { ...P, NO_PROXY: '192.0.2.7:8443' }, 'http://p:3128/'],
    ['an IPv6 literal', 'https://[2001:db8::1]', { ...P, NO_PROXY: '2001:db8::1' }, undefined],
    ['a bracketed IPv6 with a port', 'https://[2001:db8::1]:8443', { ...P, NO_PROXY: '[2001:db8::1]:8443' }, undefined],
    [
      'CGI: HTTP_PROXY refused for http',
      'http://x.io',
      { HTTP_PROXY: 'http://p', REQUEST_METHOD: 'GET' },
      'error: refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy'
    ],
    ['CGI: HTTPS_PROXY still applies', 'https://x.io', { ...P, REQUEST_METHOD: 'GET' }, 'http://p:3128/'],
    ['CGI: nothing to refuse without HTTP_PROXY', 'http://x.io', { REQUEST_METHOD: 'GET' }, undefined]
  ])('%s', (_name, url, env, expected) => {
    expect(proxyFor(url, env)).toBe(expected)
  })
})
