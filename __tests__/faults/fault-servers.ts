/**
 * The two faults the shared proxy server cannot play: a host whose SYNs are dropped, and a host name that does not
 * resolve. Both stay on this machine.
 */
import dns from 'node:dns'
import net from 'node:net'

/** A proxy URL that dies before any connection: its host name does not resolve (see `fakeDns`). */
export const UNRESOLVABLE_HOST = 'no-such-proxy.invalid'

/** The SYN-dropping host lives with the other test servers. */
export { startSynDrop } from '../support/goproxy-server.js'

type Lookup = typeof dns.lookup

/**
 * Replaces Node's dns.lookup (which http/https/net call for every host name) in this process: every name (not an IP
 * literal, which is passed on and never queried) answers
 * ENOTFOUND at once, as a resolver answers NXDOMAIN for the reserved `.invalid` TLD, and no query leaves the
 * machine. This machine's resolver is a non-loopback address (see /etc/resolv.conf), so asking it would break the
 * loopback-only rule. `names` records every name asked, so a test can prove only the expected one was. Call `restore()` in afterAll:
 * the dns module is shared by every test file of the worker.
 */
export function fakeDns(): { names: string[]; restore(): void } {
  const original: Lookup = dns.lookup
  const names: string[] = []
  const fake = (hostname: string, options: unknown, callback?: unknown): void => {
    // IP literals (a server listening on 127.0.0.1 looks its address up too) never reach a resolver.
    if (net.isIP(hostname)) return (original as (...args: unknown[]) => void)(hostname, options, callback)
    const cb = (typeof options === 'function' ? options : callback) as (error: NodeJS.ErrnoException) => void
    names.push(hostname)
    const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: 'ENOTFOUND',
      errno: -3008,
      syscall: 'getaddrinfo',
      hostname
    })
    process.nextTick(() => cb(error))
  }
  dns.lookup = fake as unknown as Lookup
  return {
    names,
    restore: () => {
      dns.lookup = original
    }
  }
}
