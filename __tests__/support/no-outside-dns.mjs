/**
 * Tests talk only to loopback servers they started. This guard makes that true for name
 * lookups too: in the jest process (setupFiles) and in every node process a test spawns
 * (NODE_OPTIONS=--import, set by goTestEnv), any name other than localhost fails at once
 * with ENOTFOUND, as an unresolvable name would, and no query leaves the machine. It also
 * makes "DNS failure" deterministic for the tests that need one.
 *
 * The one deliberate exception: the real-world suite (jest.realworld.config.js) sets SETUP_GOPROXY_TEST_ALLOW_HOSTS
 * to the host of the machine's own module proxy (read from `go env GOPROXY`), and only that host resolves.
 */
import dns from 'node:dns'
import { syncBuiltinESMExports } from 'node:module'

const original = dns.lookup
const originalPromise = dns.promises.lookup
const LOCAL = /^(localhost|[\d.]+|\[?[0-9a-f:]+\]?)$/i
const ALLOWED = new Set(
  (process.env.SETUP_GOPROXY_TEST_ALLOW_HOSTS ?? '')
    .split(',')
    .map(host => host.trim().toLowerCase())
    .filter(Boolean)
)
const resolves = hostname => LOCAL.test(String(hostname)) || ALLOWED.has(String(hostname).toLowerCase())

function notFound(hostname) {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    errno: -3008,
    syscall: 'getaddrinfo',
    hostname
  })
}

if (!original.guarded) {
  const guarded = function lookup(hostname, options, callback) {
    const done = typeof options === 'function' ? options : callback
    if (resolves(hostname)) return original.call(this, hostname, options, callback)
    process.nextTick(() => done(notFound(hostname)))
    return {}
  }
  guarded.guarded = true
  dns.lookup = guarded
  dns.promises.lookup = async (hostname, options) => {
    if (resolves(hostname)) return originalPromise.call(dns.promises, hostname, options)
    throw notFound(hostname)
  }
  syncBuiltinESMExports()
}
