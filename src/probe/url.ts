import type { Credentials, CredentialsLookup } from '../auth/types.js'
import { userinfoCredentials } from '../net/credentials.js'
import { stripCredentials } from '../go/proxy/url.js'

/**
 * `base` + `/` + `path`, keeping the query string of `base`: how the go command
 * builds every request URL from a proxy URL (a query on GOPROXY goes with every request).
 */
export function joinUrlPath(base: string, path: string): string {
  const q = base.indexOf('?')
  const head = q < 0 ? base : base.slice(0, q)
  const query = q < 0 ? '' : base.slice(q)
  return `${head.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}${query}`
}

/**
 * The credentials to send to a URL, as the go command picks them: what `lookup` (its
 * netrc model, given the URL without userinfo) has for the host first, else the URL's
 * own userinfo (net/http uses userinfo only when no Authorization header is set).
 */
export function credentialsForUrl(url: string, lookup: CredentialsLookup | undefined): Credentials | undefined {
  const fromLookup = lookup?.(stripCredentials(url))
  if (fromLookup) return fromLookup
  return URL.canParse(url) ? userinfoCredentials(new URL(url)) : undefined
}
