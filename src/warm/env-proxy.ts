/**
 * Whether the go command would reach a URL through an HTTP proxy from the environment
 * (HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY), following golang.org/x/net/http/httpproxy
 * closely enough to decide one thing: can the warm-phase forwarder reach the same hosts
 * the go command would? The forwarder talks to upstreams directly, so when an environment
 * proxy applies the warm phase runs the go command without it.
 */
export function environmentProxyFor(url: string, env: Readonly<Record<string, string>>): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined
  const get = (name: string) => env[name] || env[name.toLowerCase()] || undefined
  const proxy = parsed.protocol === 'https:' ? get('HTTPS_PROXY') : get('HTTP_PROXY')
  if (!proxy) return undefined
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost' || /^127\./.test(host) || host === '::1') return undefined
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80')
  for (const raw of (get('NO_PROXY') ?? '').split(',')) {
    let entry = raw.trim().toLowerCase()
    if (entry === '') continue
    if (entry === '*') return undefined
    let entryPort: string | undefined
    const portMatch = /^(.*[^:\]]):(\d+)$/.exec(entry)
    if (portMatch && !/^[0-9a-f:]+$/.test(entry)) {
      entry = portMatch[1]
      entryPort = portMatch[2]
    }
    if (entryPort && entryPort !== port) continue
    entry = entry.replace(/^\[|\]$/g, '')
    if (entry.includes('/') && inCidr(host, entry)) return undefined
    if (entry.startsWith('.') || entry.startsWith('*.')) {
      const suffix = entry.replace(/^\*/, '')
      if (host.endsWith(suffix) || host === suffix.slice(1)) return undefined
    } else if (host === entry || host.endsWith(`.${entry}`)) {
      return undefined
    }
  }
  return proxy
}

function inCidr(host: string, cidr: string): boolean {
  const [network, bitsText] = cidr.split('/')
  const ip = ipv4(host)
  const net = ipv4(network)
  const bits = Number(bitsText)
  if (ip === undefined || net === undefined || !(bits >= 0 && bits <= 32)) return false
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
  return (ip & mask) >>> 0 === (net & mask) >>> 0
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every(p => /^\d{1,3}$/.test(p) && Number(p) < 256)) return undefined
  return parts.reduce((n, p) => ((n << 8) >>> 0) + Number(p), 0) >>> 0
}
