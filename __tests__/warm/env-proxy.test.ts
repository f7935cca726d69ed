/**
 * The forwarder talks to upstreams directly, so the warm phase must know when the go command would have gone through
 * an HTTP proxy from the environment instead (then it runs go without the forwarder). Go's rules: HTTPS_PROXY for
 * https, HTTP_PROXY for http, lower-case forms too, NO_PROXY by host suffix, port or CIDR, loopback never proxied.
 */
import { environmentProxyFor } from '../../src/warm/env-proxy.js'

describe('environmentProxyFor', () => {
  it.each([
    ['no proxy variables', 'https://goproxy.cn', {}, undefined],
    ['HTTPS_PROXY for an https proxy', 'https://goproxy.cn', { HTTPS_PROXY: 'http://corp:3128' }, 'http://corp:3128'],
    ['lower-case https_proxy', 'https://goproxy.cn', { https_proxy: 'http://corp:3128' }, 'http://corp:3128'],
    ['HTTPS_PROXY does not cover http URLs', 'http://athens.internal', { HTTPS_PROXY: 'http://corp:3128' }, undefined],
    ['HTTP_PROXY for an http proxy', 'http://athens.internal', { HTTP_PROXY: 'http://corp:3128' }, 'http://corp:3128'],
    [
      'NO_PROXY by domain suffix',
      'https://goproxy.corp.example',
      { HTTPS_PROXY: 'http://p', NO_PROXY: 'corp.example' },
      undefined
    ],
    [
      'NO_PROXY with a leading dot',
      'https://goproxy.corp.example',
      { HTTPS_PROXY: 'http://p', NO_PROXY: '.corp.example' },
      undefined
    ],
    [
      'NO_PROXY for another domain',
      'https://goproxy.cn',
      { HTTPS_PROXY: 'http://p', NO_PROXY: 'corp.example' },
      'http://p'
    ],
    ['NO_PROXY=*', 'https://goproxy.cn', { HTTPS_PROXY: 'http://p', NO_PROXY: '*' }, undefined],
    [
      'NO_PROXY with a matching port',
      'https://h.example:8443',
      { HTTPS_PROXY: 'http://p', NO_PROXY: 'h.example:8443' },
      undefined
    ],
    [
      'NO_PROXY with another port',
      'https://h.example',
      { HTTPS_PROXY: 'http://p', NO_PROXY: 'h.example:8443' },
      'http://p'
    ],
    ['NO_PROXY by CIDR', 'http://10.1.2.3:3000', { HTTP_PROXY: 'http://p', NO_PROXY: '10.0.0.0/8' }, undefined],
    ['loopback is never proxied', 'http://127.0.0.1:3000', { HTTP_PROXY: 'http://p' }, undefined],
    ['file:// is never proxied', 'file:///srv/goproxy', { HTTP_PROXY: 'http://p', HTTPS_PROXY: 'http://p' }, undefined]
  ])('%s', (_name, url, env, expected) => {
    expect(environmentProxyFor(url, env as Record<string, string>)).toBe(expected)
  })
})
