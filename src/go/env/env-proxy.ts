/**
 * Which HTTP proxy from the environment a request goes through, exactly as the go command
 * decides it: net/http.ProxyFromEnvironment, that is golang.org/x/net/http/httpproxy
 * (Go 1.23: src/vendor/golang.org/x/net/http/httpproxy/proxy.go).
 *
 * - HTTPS_PROXY for https URLs, HTTP_PROXY for http URLs; each upper-case name first, then the
 *   lower-case one; an empty value counts as unset. Nothing else (file://) is ever proxied.
 * - A value without a scheme (`corp:3128`) means `http://corp:3128`; a value that does not parse
 *   at all is ignored (Go drops it silently: the request goes direct).
 * - With REQUEST_METHOD set (a CGI environment), HTTP_PROXY is refused for http URLs (an error,
 *   golang.org/s/cgihttpproxy); HTTPS_PROXY still applies.
 * - `localhost` and loopback IP literals are never proxied (httpproxy's useProxy says so before
 *   NO_PROXY is read), whatever NO_PROXY says.
 * - NO_PROXY: comma-separated, each entry trimmed and lower-cased; `*` matches everything; an IP
 *   CIDR matches IP literals in it; an IP (optionally `[v6]:port` or `v4:port`) matches that IP;
 *   a domain `corp.example` matches it and its subdomains, `.corp.example` and `*.corp.example`
 *   only subdomains; `name:port` only that port (the URL's port, or the scheme's default).
 */

/** The proxy settings of one environment (httpproxy.Config). */
export interface ProxyConfig {
  readonly httpProxy: string
  readonly httpsProxy: string
  readonly noProxy: string
  /** REQUEST_METHOD is set: HTTP_PROXY must not be used for http URLs. */
  readonly cgi: boolean
}

/** Where one request goes. */
export type ProxySelection =
  | { readonly kind: 'direct' }
  | { readonly kind: 'proxy'; readonly proxy: URL }
  | { readonly kind: 'error'; readonly message: string }

/** httpproxy.FromEnvironment: upper-case names first, then lower-case; empty values count as unset. */
export function proxyConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ProxyConfig {
  const any = (...names: string[]): string => names.map(n => env[n] ?? '').find(v => v !== '') ?? ''
  return {
    httpProxy: any('HTTP_PROXY', 'http_proxy'),
    httpsProxy: any('HTTPS_PROXY', 'https_proxy'),
    noProxy: any('NO_PROXY', 'no_proxy'),
    cgi: (env.REQUEST_METHOD ?? '') !== ''
  }
}

/** The proxy for `url` under `config` (httpproxy's proxyForURL). */
export function selectProxy(config: ProxyConfig, url: URL): ProxySelection {
  let proxy: URL | undefined
  if (url.protocol === 'https:') proxy = parseProxy(config.httpsProxy)
  else if (url.protocol === 'http:') {
    proxy = parseProxy(config.httpProxy)
    if (proxy && config.cgi) {
      return {
        kind: 'error',
        message: 'refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy'
      }
    }
  }
  if (!proxy) return { kind: 'direct' }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  return useProxy(host, port, parseNoProxy(config.noProxy)) ? { kind: 'proxy', proxy } : { kind: 'direct' }
}

/** httpproxy's parseProxy: a URL, else `http://` + the value; undefined when unset or unparsable. */
function parseProxy(value: string): URL | undefined {
  if (value === '') return undefined
  try {
    const url = new URL(value)
    if (url.host !== '') return url
  } catch {
    // fall through to the host[:port] form
  }
  try {
    return new URL(`http://${value}`)
  } catch {
    return undefined
  }
}

interface Matchers {
  readonly all: boolean
  readonly cidrs: ReadonlyArray<{ readonly network: Uint8Array; readonly bits: number }>
  readonly ips: ReadonlyArray<{ readonly ip: Uint8Array; readonly port: string }>
  readonly domains: ReadonlyArray<{ readonly suffix: string; readonly port: string; readonly matchHost: boolean }>
}

/** httpproxy's config.init for NO_PROXY. */
function parseNoProxy(noProxy: string): Matchers {
  const cidrs: Array<Matchers['cidrs'][number]> = []
  const ips: Array<Matchers['ips'][number]> = []
  const domains: Array<Matchers['domains'][number]> = []
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase()
    if (entry === '') continue
    if (entry === '*') return { all: true, cidrs: [], ips: [], domains: [] }
    const cidr = parseCidr(entry)
    if (cidr) {
      cidrs.push(cidr)
      continue
    }
    let host = entry
    let port = ''
    const split = splitHostPort(entry)
    if (split) {
      if (split.host === '') continue
      host = split.host
      port = split.port
    }
    const ip = parseIp(host)
    if (ip) {
      ips.push({ ip, port })
      continue
    }
    if (host === '') continue
    if (host.startsWith('*.')) host = host.slice(1)
    const matchHost = !host.startsWith('.')
    domains.push({ suffix: matchHost ? `.${host}` : host, port, matchHost })
  }
  return { all: false, cidrs, ips, domains }
}

/** httpproxy's useProxy: false when the host must be reached directly. */
function useProxy(rawHost: string, port: string, m: Matchers): boolean {
  if (rawHost === 'localhost') return false
  const ip = parseIp(rawHost)
  if (ip && isLoopback(ip)) return false
  if (m.all) return false
  const host = rawHost.trim().toLowerCase()
  if (ip) {
    if (m.cidrs.some(c => inNetwork(ip, c.network, c.bits))) return false
    if (m.ips.some(e => equalBytes(e.ip, ip) && (e.port === '' || e.port === port))) return false
  }
  return !m.domains.some(
    d => (host.endsWith(d.suffix) || (d.matchHost && host === d.suffix.slice(1))) && (d.port === '' || d.port === port)
  )
}

/** net.SplitHostPort, enough for NO_PROXY entries: undefined where Go returns an error. */
function splitHostPort(text: string): { host: string; port: string } | undefined {
  if (text.startsWith('[')) {
    const end = text.indexOf(']')
    if (end < 0 || text[end + 1] !== ':') return undefined
    const port = text.slice(end + 2)
    return port.includes(':') ? undefined : { host: text.slice(1, end), port }
  }
  const colon = text.lastIndexOf(':')
  if (colon < 0 || text.indexOf(':') !== colon) return undefined
  return { host: text.slice(0, colon), port: text.slice(colon + 1) }
}

/** net.ParseCIDR for IPv4 and IPv6: the network and its prefix length. */
function parseCidr(text: string): { network: Uint8Array; bits: number } | undefined {
  const slash = text.indexOf('/')
  if (slash < 0) return undefined
  const ip = parseIp(text.slice(0, slash))
  const bitsText = text.slice(slash + 1)
  if (!ip || !/^\d{1,3}$/.test(bitsText)) return undefined
  const v4 = text.slice(0, slash).includes('.') && !text.includes(':')
  const bits = Number(bitsText) + (v4 ? 96 : 0)
  if (Number(bitsText) > (v4 ? 32 : 128)) return undefined
  return { network: ip, bits }
}

/** net.ParseIP: 16 bytes (IPv4 as ::ffff:a.b.c.d), undefined when not an IP literal. */
export function parseIp(text: string): Uint8Array | undefined {
  const v4 = parseIpv4(text)
  if (v4) return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4])
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groups = (part: string): number[] | undefined => {
    if (part === '') return []
    const out: number[] = []
    const fields = part.split(':')
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]
      if (i === fields.length - 1 && f.includes('.')) {
        const tail = parseIpv4(f)
        if (!tail) return undefined
        out.push((tail[0] << 8) | tail[1], (tail[2] << 8) | tail[3])
      } else if (/^[0-9a-fA-F]{1,4}$/.test(f)) out.push(parseInt(f, 16))
      else return undefined
    }
    return out
  }
  const head = groups(halves[0])
  const tail = halves.length === 2 ? groups(halves[1]) : []
  if (!head || !tail) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail]
  return Uint8Array.from(all.flatMap(g => [g >> 8, g & 0xff]))
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every(p => /^\d{1,3}$/.test(p) && Number(p) < 256)) return undefined
  return parts.map(Number)
}

/** net.IP.IsLoopback: 127.0.0.0/8 (also IPv4-mapped) and ::1. */
function isLoopback(ip: Uint8Array): boolean {
  const mapped = ip.slice(0, 12).every((b, i) => b === (i >= 10 ? 0xff : 0))
  if (mapped) return ip[12] === 127
  return ip.slice(0, 15).every(b => b === 0) && ip[15] === 1
}

function inNetwork(ip: Uint8Array, network: Uint8Array, bits: number): boolean {
  for (let i = 0; i < 16; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8))
    const mask = take === 0 ? 0 : (0xff << (8 - take)) & 0xff
    if ((ip[i] & mask) !== (network[i] & mask)) return false
  }
  return true
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
