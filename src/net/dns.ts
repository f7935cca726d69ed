/**
 * One DNS lookup per host name for a whole client, however many connections it opens at once.
 *
 * node's net.connect resolves the host of every new connection with its own getaddrinfo call, on libuv's small thread
 * pool. The warm phase opens dozens of connections to one proxy at once, and a resolver that drops part of such a
 * burst makes each dropped query wait its timeout (5 s with glibc's defaults) before it asks again: measured on the
 * project's machine, 64 lookups of one proxy at once took up to 10-15 s, and the prefetch of gin's graph stalled 5 s
 * on a third of its connections while curl fetched the same 55 MiB in 1.2 s. The go command does not do this (its
 * resolver shares a lookup in flight among the dials that want it), and neither does this client any more: the
 * lookups of one name share one query in flight, and its answer for `ttlMs`. A failed lookup is not kept: the next
 * connection asks again.
 */
import dns, { type LookupAddress } from 'node:dns'
import type { LookupFunction } from 'node:net'

/** How long an answer is used for new connections (a warm phase is minutes; DNS changes within it do not matter). */
export const SHARED_LOOKUP_TTL_MS = 30_000

/** node's dns.lookup, in the form the sharing calls it (every address). */
export type LookupAll = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void
) => void

const systemLookup: LookupAll = (hostname, options, callback) => dns.lookup(hostname, options, callback)

/** A `lookup` for net.connect / tls.connect that shares one lookup per name, family and hints. */
export function sharedLookup(lookup: LookupAll = systemLookup, ttlMs = SHARED_LOOKUP_TTL_MS): LookupFunction {
  const answers = new Map<string, { readonly atMs: number; readonly addresses: Promise<LookupAddress[]> }>()
  return (hostname, options, callback) => {
    const key = `${hostname}\0${options.family ?? 0}\0${options.hints ?? 0}`
    let answer = answers.get(key)
    if (!answer || performance.now() - answer.atMs > ttlMs) {
      const addresses = new Promise<LookupAddress[]>((resolve, reject) =>
        lookup(
          hostname,
          { ...(options.family ? { family: options.family } : {}), hints: options.hints, all: true },
          (error, found) => (error ? reject(error) : resolve(found))
        )
      )
      const entry = { atMs: performance.now(), addresses }
      answers.set(key, entry)
      addresses.catch(() => {
        if (answers.get(key) === entry) answers.delete(key)
      })
      answer = entry
    }
    answer.addresses.then(
      found => {
        if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, found)
        if (found.length === 0) {
          const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
          return callback(error, '', 0)
        }
        callback(null, found[0].address, found[0].family)
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0)
    )
  }
}
