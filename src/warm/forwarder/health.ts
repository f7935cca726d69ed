/**
 * Per-proxy health for the warm-phase forwarder: how each chain entry becomes an Upstream (credentials resolved
 * once) and the bookkeeping after every try. The rules — when a `|` proxy is dropped for the rest of the phase, when
 * its circuit breaker opens — are the walker's (src/go/proxy/walk.ts HEALTH, dropReason, breakerOpen).
 */
import type { Chain, ProxyEntry } from '../../go/proxy/chain.js'
import type { Logger } from '../../host/logger.js'
import { userinfoCredentials } from '../../net/credentials.js'
import { redactUrl } from '../../go/proxy/url.js'
import { breakerOpen, dropReason } from '../../go/proxy/walk.js'
import type { ForwarderOptions, Upstream } from './types.js'

/**
 * The Upstream for entry `index` of `chain`. Credentials come from `credentialsFor`, else
 * from the URL's userinfo, which is stripped from the base so it never reaches a log or a
 * redirect target.
 */
export function makeUpstream(
  entry: ProxyEntry,
  index: number,
  chain: Chain,
  credentialsFor: ForwarderOptions['credentialsFor']
): Upstream {
  const base = new URL(entry.url)
  const userinfo = userinfoCredentials(base)
  base.username = ''
  base.password = ''
  const credentials = credentialsFor?.(entry.url) ?? userinfo
  const hasNext = index < chain.proxies.length - 1 || chain.terminal === 'direct'
  const shown = redactUrl(entry.url)
  return {
    entry,
    base,
    ...(credentials ? { credentials } : {}),
    shown,
    droppable: entry.separator === '|' && hasNext,
    health: { url: shown, requests: 0, successes: 0, failures: 0, timeouts: 0, consecutiveFailures: 0, dropped: false }
  }
}

/**
 * Records one try against `u` and drops it when it keeps stalling or failing. A not-found
 * counts as a success (the proxy answered). Permanent failures do not count towards a drop:
 * they are answers, not signs of a sick proxy.
 */
export function recordTry(
  u: Upstream,
  result: 'success' | 'transient' | 'permanent',
  timeout: boolean,
  requestTimeoutMs: number,
  log: Logger
): void {
  const h = u.health
  h.requests++
  if (result === 'success') {
    h.successes++
    h.consecutiveFailures = 0
    return
  }
  h.failures++
  if (result === 'permanent') return
  h.consecutiveFailures++
  if (timeout) h.timeouts++
  const reason = h.dropped ? undefined : dropReason(h, u.droppable, requestTimeoutMs)
  if (reason) {
    h.dropped = true
    h.reason = reason
    log.warning(`Warm phase: dropping ${u.shown} from the chain: ${h.reason}; the next proxy after "|" takes over.`)
  }
}

/** Whether `u`'s circuit breaker is open (the walker's rule: src/go/proxy/walk.ts breakerOpen). */
export function isFailing(u: Upstream, attempts: number): boolean {
  return breakerOpen(u.health, attempts)
}
