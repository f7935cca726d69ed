/**
 * Which credentials go with which request. Credentials given for a URL belong to that URL's
 * origin (scheme, host, port): they go with every request to it, redirects back to it included,
 * and never anywhere else. A redirect to another origin gets what the lookup has for the new URL
 * (the go command looks every URL up in .netrc), else nothing. Userinfo in a URL is never sent as
 * such: the caller turns it into credentials, or it is dropped.
 */
import type { Credentials, CredentialsLookup } from '../auth/types.js'

/** scheme://host[:port] of a URL, the unit credentials belong to (default ports folded, as WHATWG URL does). */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`
}

/** The credentials to send to `target`, one hop of a request first sent to `first` with `given`. */
export function credentialsForHop(
  first: URL,
  given: Credentials | undefined,
  target: URL,
  lookup?: CredentialsLookup
): Credentials | undefined {
  if (originOf(target) === originOf(first) && given) return given
  if (!lookup) return undefined
  const bare = new URL(target.href)
  bare.username = ''
  bare.password = ''
  return lookup(bare.href)
}

/** A URL's userinfo as credentials (percent-decoded; a bad escape is kept as written), undefined without any. */
export function userinfoCredentials(url: URL): Credentials | undefined {
  if (url.username === '' && url.password === '') return undefined
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  }
  return { username: decode(url.username), password: decode(url.password) }
}
