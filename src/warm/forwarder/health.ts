/**
 * Per-proxy health for the warm-phase forwarder: how each chain entry becomes an Upstream
 * (credentials resolved once), the bookkeeping after every try, the circuit breaker, and
 * the decision to drop a `|` proxy for the rest of the phase. Kept apart from the chain
 * walk so the rules that change Go's behaviour (only ever dropping what Go would fall
 * through anyway) sit in one small place.
 */
import type { Chain, ProxyEntry } from '../../go/proxy/chain.js'
import type { Logger } from '../../host/logger.js'
import { userinfoCredentials } from '../../net/credentials.js'
import { redactUrl } from '../../go/proxy/url.js'
import type { ForwarderOptions, Upstream } from './types.js'

/** A `|` proxy that timed out this often, or failed this many times in a row, is dropped. */
const DROP_AFTER_TIMEOUTS = 2
const DROP_AFTER_CONSECUTIVE = 4

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
  if (
    !h.dropped &&
    u.droppable &&
    (h.timeouts >= DROP_AFTER_TIMEOUTS || h.consecutiveFailures >= DROP_AFTER_CONSECUTIVE)
  ) {
    h.dropped = true
    h.reason =
      h.timeouts >= DROP_AFTER_TIMEOUTS
        ? `it stalled ${h.timeouts} times (no data for ${requestTimeoutMs} ms)`
        : `${h.consecutiveFailures} requests in a row failed`
    log.warning(`Warm phase: dropping ${u.shown} from the chain: ${h.reason}; the next proxy after "|" takes over.`)
  }
}

/**
 * A circuit breaker: once a whole request's worth of tries failed in a row, later requests
 * try that proxy once until it succeeds again, so a dead "," proxy costs seconds, not
 * retries × requests.
 */
export function isFailing(u: Upstream, attempts: number): boolean {
  return u.health.consecutiveFailures >= attempts
}
