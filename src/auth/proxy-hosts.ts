/**
 * Planning credentials for the proxies in the chain: userinfo written inside a proxy URL, and `auth`
 * lines whose host, port and path name a proxy, both become netrc entries for the proxy's host as
 * written in its URL, which is what Go compares.
 *
 * Go's netrc holds one credential per host and port and Go never sends credentials over http, so
 * this is where those two limits are enforced: conflicting credentials for one proxy host and
 * credentials aimed at an http:// proxy are refused instead of silently not sent.
 */
import type { ProxyEntry } from '../go/proxy/chain.js'
import { environmentInput, InputError, quote } from '../go/errors.js'
import { redactUrl, secretsOfUrl, stripCredentials, type ProxyUrl } from '../go/proxy/url.js'
import { lineProblem } from './parse.js'
import { BAD_CHARACTER, decodeUserinfo, hideUserinfo, secretForms } from './secrets.js'
import type { AuthCredential, CredentialDraft, NetrcEntry, RequestCredentials } from './types.js'

/** A chain entry with its URL parsed once, so every credential line is compared with the same fields. */
export interface ChainProxy {
  entry: ProxyEntry
  parsed: ProxyUrl
}

/** The input a proxy URL came from, for messages: the user fixes it there. */
export function inputOf(entry: ProxyEntry): string {
  return entry.origin === 'environment' ? environmentInput('GOPROXY') : 'proxies'
}

function defaultPort(scheme: string): string {
  return scheme === 'https' ? '443' : scheme === 'http' ? '80' : ''
}

function proxyPath(proxy: ProxyUrl): string {
  return proxy.rest.replace(/[?#].*$/s, '').replace(/^\/+|\/+$/g, '')
}

function pathCovers(prefix: string, path: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`)
}

/** Host and effective port, since an `auth` line without a port means the scheme's default as Go does. */
function sameHost(credential: AuthCredential, proxy: ProxyUrl): boolean {
  return (
    proxy.hostname.toLowerCase() === credential.host &&
    (credential.port || defaultPort(proxy.scheme)) === (proxy.port || defaultPort(proxy.scheme))
  )
}

/** A proxy URL's userinfo as netrc credentials, refusing what netrc cannot carry. */
function userinfoCredentials(entry: ProxyEntry, proxy: ProxyUrl): RequestCredentials | undefined {
  if (proxy.username === '' && proxy.password === '' && !/^[^/]*\/\/[^/?#]*@/.test(entry.url)) return undefined
  const input = inputOf(entry)
  const shown = hideUserinfo(entry.url)
  const username = decodeUserinfo(input, shown, proxy.username)
  const password = decodeUserinfo(input, shown, proxy.password)
  if (username === '' || password === '') {
    // Go's netrc parser drops an entry without both, so the URL form could not be kept working.
    throw new InputError(
      input,
      `proxy ${quote(shown)} carries credentials without both a user and a password; write https://USER:TOKEN@host, or move them to an auth line.`
    )
  }
  if (BAD_CHARACTER.test(username) || BAD_CHARACTER.test(password)) {
    throw new InputError(
      input,
      `proxy ${quote(shown)} has a blank or control character in its credentials, which a netrc file cannot hold.`
    )
  }
  return { username, password }
}

/** Adds a netrc entry; false (and an error) when the machine already has different credentials. */
function addNetrc(draft: CredentialDraft, entry: NetrcEntry, conflict: (first: NetrcEntry) => InputError): boolean {
  const existing = draft.netrc.find(e => e.machine === entry.machine)
  if (!existing) {
    draft.netrc.push(entry)
    return true
  }
  if (existing.login === entry.login && existing.password === entry.password) return true
  draft.errors.attempt(() => {
    throw conflict(existing)
  }, undefined)
  return false
}

/** Where an existing netrc entry came from, for a conflict message: the user must know which to remove. */
function source(entry: NetrcEntry): string {
  return entry.line ? `auth line ${entry.line}` : 'the credentials in another proxy URL'
}

/**
 * Moves credentials written inside https proxy URLs to netrc entries for the proxy's host. Run before
 * the `auth` lines: a URL's credentials belong to exactly one proxy, so a line that disagrees with them
 * is the one reported.
 */
export function planProxyUserinfo(draft: CredentialDraft, proxies: readonly ChainProxy[]): void {
  for (const { entry, parsed } of proxies) {
    if (parsed.scheme !== 'https') continue
    const fromUrl = draft.errors.attempt(() => userinfoCredentials(entry, parsed), undefined)
    if (!fromUrl) continue
    for (const s of secretsOfUrl(entry.url)) draft.secrets.add(s)
    for (const s of secretForms(fromUrl.username, fromUrl.password)) draft.secrets.add(s)
    const added = addNetrc(
      draft,
      { machine: parsed.host, login: fromUrl.username, password: fromUrl.password },
      first =>
        new InputError(
          inputOf(entry),
          `proxy ${quote(redactUrl(entry.url))} carries credentials that differ from ${source(first)} for the same host; Go's netrc holds one per host and port.`
        )
    )
    if (added) draft.moved.push({ from: `proxy ${redactUrl(entry.url)}`, machine: parsed.host })
  }
}

/**
 * The proxies (not file://) on the credential's host name, whatever their port or path: the module-host
 * planner names them when a line is on a proxy's host but does not match it.
 */
export function proxiesOnHost(credential: AuthCredential, proxies: readonly ChainProxy[]): ChainProxy[] {
  return proxies.filter(p => p.parsed.scheme !== 'file' && p.parsed.hostname.toLowerCase() === credential.host)
}

/**
 * Plans an `auth` line as proxy credentials when its host, port and path prefix name proxies in
 * `onHost` (from proxiesOnHost): a netrc entry per matching proxy host, or an error for an http://
 * proxy, a proxy whose URL carries other credentials, or a host with other credentials already.
 * Returns false, planning nothing, when the line names no proxy: it is then a module host.
 */
export function planProxyCredential(
  draft: CredentialDraft,
  credential: AuthCredential,
  onHost: readonly ChainProxy[]
): boolean {
  const matched = onHost.filter(p => sameHost(credential, p.parsed) && pathCovers(credential.path, proxyPath(p.parsed)))
  if (matched.length === 0) return false
  const plain = matched.find(p => p.parsed.scheme === 'http')
  if (plain) {
    draft.errors.attempt(() => {
      throw lineProblem(
        credential.line,
        `the proxy ${quote(redactUrl(plain.entry.url))} uses http://, and Go refuses to send credentials over http. Use https for this proxy, or remove the line.`
      )
    }, undefined)
    return true
  }
  for (const { entry, parsed } of matched) {
    const entryFromUrl = draft.netrc.find(e => e.machine === parsed.host && e.line === undefined)
    if (entryFromUrl && (entryFromUrl.login !== credential.username || entryFromUrl.password !== credential.secret)) {
      draft.errors.attempt(() => {
        throw lineProblem(
          credential.line,
          `the proxy ${quote(redactUrl(entry.url))} already carries other credentials in its URL; keep one of the two.`
        )
      }, undefined)
      continue
    }
    const entryForLine = {
      machine: parsed.host,
      login: credential.username,
      password: credential.secret,
      line: credential.line
    }
    // Same credentials as the URL's: that entry already serves the line, and a second machine line would be a duplicate.
    const added =
      entryFromUrl !== undefined ||
      addNetrc(draft, entryForLine, first =>
        lineProblem(
          credential.line,
          `the proxy host ${quote(parsed.host)} already has other credentials from ${source(first)}; Go's netrc holds one per host and port.`
        )
      )
    if (added) {
      draft.notes.push(
        `auth line ${credential.line}: credentials for the proxy ${redactUrl(stripCredentials(entry.url))} (netrc machine ${parsed.host}).`
      )
    }
  }
  return true
}
