/**
 * Handling secret text safely, shared by the `auth` parser and the credential planners: what a netrc file
 * cannot hold, how to show a URL whose userinfo may be a token, every form in which a secret could reach
 * a log (so all of them are masked), and Go's own netrc lookup (so the probe sends what go would send).
 *
 * Kept together because each rule must be applied the same way to `auth` lines, proxy URLs and the
 * GOSUMDB URL; a second copy that drifted would leak a secret or plan a credential Go never sends.
 */
import { InputError, quote } from '../go/errors.js'
import type { NetrcEntry, RequestCredentials } from './types.js'

/**
 * Blanks and control characters: they would split a netrc token or an `auth` line's fields, so a
 * credential containing one is refused rather than written.
 */
// eslint-disable-next-line no-control-regex
export const BAD_CHARACTER = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/

/** A URL with its whole userinfo hidden: for a malformed one, the "user" may well be the token. */
export function hideUserinfo(url: string): string {
  // Up to the LAST @ of the authority, as the URL parser splits it: a password may hold an @.
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1xxxxx@')
}

/**
 * Percent-decodes one userinfo part, as Go does before writing netrc. Throws an InputError for `input`
 * naming the URL as `shown` (already hidden), never the undecodable text, which may be the secret.
 */
export function decodeUserinfo(input: string, shown: string, value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    throw new InputError(input, `proxy ${quote(shown)} has a malformed %-escape in its credentials.`)
  }
}

/** The base64 credentials of a Basic Authorization header. */
function basicHeader(username: string, secret: string): string {
  return Buffer.from(`${username}:${secret}`, 'utf8').toString('base64')
}

/** The Authorization header value for basic auth, as the go command sends netrc credentials. */
export function basicAuthorization(username: string, secret: string): string {
  return `Basic ${basicHeader(username, secret)}`
}

/**
 * Every form in which a credential could show up in a log: raw, URL-encoded, as userinfo, and as the
 * base64 Basic header an HTTP trace would print.
 */
export function secretForms(username: string, secret: string): string[] {
  const base64 = basicHeader(username, secret)
  return [secret, encodeURIComponent(secret), `${username}:${secret}`, base64, `Basic ${base64}`]
}

/** Go's auth.AddCredentials: https only, the first netrc machine equal to the request's host (port included). */
export function credentialsFor(netrc: readonly NetrcEntry[], url: string): RequestCredentials | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'https:') return undefined
  // WHATWG URLs lower-case the host and drop :443; normalise the machine the same way.
  const host = parsed.host
  const entry = netrc.find(e => e.machine.toLowerCase().replace(/:443$/, '') === host)
  if (!entry) return undefined
  return { username: entry.login, password: entry.password, ...(entry.line ? { line: entry.line } : {}) }
}
