/**
 * Tests talk only to loopback servers they started. This guard makes that true for name
 * lookups too: in the jest process (setupFiles) and in every node process a test spawns
 * (NODE_OPTIONS=--import, set by goTestEnv), any name other than localhost fails at once
 * with ENOTFOUND, as an unresolvable name would, and no query leaves the machine. It also
 * makes "DNS failure" deterministic for the tests that need one.
 */
import dns from 'node:dns'
import { syncBuiltinESMExports } from 'node:module'

const original = dns.lookup
const originalPromise = dns.promises.lookup
const LOCAL = /^(localhost|[\d.]+|\[?[0-9a-f:]+\]?)$/i

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
    if (LOCAL.test(String(hostname))) return original.call(this, hostname, options, callback)
    process.nextTick(() => done(notFound(hostname)))
    return {}
  }
  guarded.guarded = true
  dns.lookup = guarded
  dns.promises.lookup = async (hostname, options) => {
    if (LOCAL.test(String(hostname))) return originalPromise.call(dns.promises, hostname, options)
    throw notFound(hostname)
  }
  syncBuiltinESMExports()
}
