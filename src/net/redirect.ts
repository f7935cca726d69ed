/**
 * The redirect policy of every request the project sends, the go command's (cmd/go/internal/web
 * on net/http): follow 301, 302, 303, 307 and 308 up to 10 hops, never from https to http, never
 * to a scheme other than http or https. A Location that does not parse is a refusal, never a throw:
 * a proxy's bad header must not take the caller down.
 */

/** The statuses the client follows (net/http's redirectBehavior). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

/** net/http's default CheckRedirect stops after 10 requests. */
export const MAX_REDIRECTS = 10

/** What to do with one redirect answer. */
export type RedirectDecision =
  { readonly kind: 'follow'; readonly url: URL } | { readonly kind: 'refuse'; readonly reason: string }

/**
 * Decides whether to follow a redirect from `from` (the URL that answered `status`) to `location`
 * (the raw Location header), given that `hops` redirects were followed before this one.
 * The returned URL is absolute, without userinfo (a Location's userinfo is never sent as such).
 */
export function decideRedirect(from: URL, location: string, hops: number): RedirectDecision {
  if (hops >= MAX_REDIRECTS) return { kind: 'refuse', reason: `stopped after ${MAX_REDIRECTS} redirects` }
  let next: URL
  try {
    next = new URL(location, from)
  } catch {
    return { kind: 'refuse', reason: `invalid Location ${JSON.stringify(location.slice(0, 200))} in a redirect` }
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return { kind: 'refuse', reason: `redirect to the unsupported scheme ${next.protocol.replace(/:$/, '')} refused` }
  }
  if (from.protocol === 'https:' && next.protocol === 'http:') {
    return { kind: 'refuse', reason: 'redirect from https to http refused' }
  }
  next.username = ''
  next.password = ''
  return { kind: 'follow', url: next }
}
