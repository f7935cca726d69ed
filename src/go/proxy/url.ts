import { InputError, quote } from '../errors.js'

/** A proxy URL split into the parts the action cares about. */
export interface ProxyUrl {
  /** Lower-case scheme: http, https or file. */
  readonly scheme: 'http' | 'https' | 'file'
  /** host[:port] as written (empty for file:). */
  readonly host: string
  readonly hostname: string
  /** The port as written, or '' for the scheme's default. */
  readonly port: string
  readonly username: string
  readonly password: string
  /** Path plus any query, as written. */
  readonly rest: string
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s

/**
 * Parses a proxy URL the way the go command's newProxyRepo accepts it, with the
 * checks Go leaves until the first request: scheme http, https or file (any case);
 * file: URLs with a path only; http(s) URLs with a host; no blank anywhere.
 * `entry` is the text to name in messages (already redacted by the caller).
 */
export function parseProxyUrl(input: string, url: string, shown: string): ProxyUrl {
  if (/\s/.test(url)) throw new InputError(input, `proxy ${quote(shown)} contains a blank; URLs cannot.`)
  const match = SCHEME.exec(url)
  if (!match) {
    throw new InputError(
      input,
      `proxy ${quote(shown)} has no scheme. Write https://host/path, http://host/path or file:///path, a preset name, direct or off (keywords are lower case).`
    )
  }
  const scheme = match[1].toLowerCase()
  const afterScheme = match[2]
  // Go's url.Parse rejects a % that does not start a %XX escape (the query is not checked).
  const beforeQuery = afterScheme.split('?')[0]
  if (/%(?![0-9A-Fa-f]{2})/.test(beforeQuery)) {
    throw new InputError(input, `proxy ${quote(shown)} has a % that is not a %XX escape (Go: "invalid URL escape").`)
  }
  if (scheme === 'file') {
    // Go: a file proxy URL may hold a path and nothing else (no host, not even localhost).
    // file:/path (no //) is a URL with OmitHost set, which newProxyRepo rejects as a non-path element.
    const path = afterScheme.startsWith('///') ? afterScheme.slice(2) : null
    if (path === null || !path.startsWith('/') || /[?#]/.test(path)) {
      throw new InputError(
        input,
        `proxy ${quote(shown)}: a file:// proxy URL may hold only an absolute path, as in file:///srv/goproxy.`
      )
    }
    return { scheme: 'file', host: '', hostname: '', port: '', username: '', password: '', rest: path }
  }
  if (scheme !== 'http' && scheme !== 'https') {
    throw new InputError(
      input,
      `proxy ${quote(shown)} uses the scheme ${quote(scheme)}; Go accepts only https, http and file.`
    )
  }
  if (!afterScheme.startsWith('//')) {
    throw new InputError(input, `proxy ${quote(shown)} must be written ${scheme}://host/path.`)
  }
  const authorityEnd = afterScheme.slice(2).search(/[/?#]/)
  const authority = authorityEnd < 0 ? afterScheme.slice(2) : afterScheme.slice(2, 2 + authorityEnd)
  const rest = authorityEnd < 0 ? '' : afterScheme.slice(2 + authorityEnd)
  if (rest.includes('#')) throw new InputError(input, `proxy ${quote(shown)} has a #fragment; remove it.`)
  const at = authority.lastIndexOf('@')
  const userinfo = at < 0 ? '' : authority.slice(0, at)
  const host = at < 0 ? authority : authority.slice(at + 1)
  const colon = userinfo.indexOf(':')
  const username = colon < 0 ? userinfo : userinfo.slice(0, colon)
  const password = colon < 0 ? '' : userinfo.slice(colon + 1)
  // Go's url.Parse: userinfo of RFC 3986 characters only; no escape of an ASCII byte in a host (so no % at all here).
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) {
    throw new InputError(
      input,
      `proxy ${quote(shown)} has a character in its user name or password that must be percent-encoded (Go: "invalid userinfo").`
    )
  }
  const hostMatch = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+;=-]+)(?::(\d*))?$/.exec(host)
  if (!hostMatch || hostMatch[1] === '') {
    throw new InputError(input, `proxy ${quote(shown)} has no valid host name.`)
  }
  const port = hostMatch[2] ?? ''
  if (port !== '' && (Number(port) < 1 || Number(port) > 65535)) {
    throw new InputError(input, `proxy ${quote(shown)} has the port ${quote(port)}, outside 1-65535.`)
  }
  if (scheme === 'http' && userinfo !== '') {
    throw new InputError(
      input,
      `proxy ${quote(shown)} carries credentials over plain http; the go command refuses to send them. Use https, or no credentials.`
    )
  }
  return { scheme, host, hostname: hostMatch[1], port, username, password, rest }
}

/**
 * Hides the credentials in a URL: `https://user:pass@h` → `https://user:xxxxx@h`, like
 * Go's url.Redacted, and a user-only token `https://tok@h` → `https://xxxxx@h`
 * (Go would print that token; a token in the user field is still a secret).
 */
export function redactUrl(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)@/, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':')
    // With no password the user field is the token (https://TOKEN@host, https://TOKEN:@host): hide it all.
    return colon < 0 || colon === userinfo.length - 1
      ? `${scheme}xxxxx@`
      : `${scheme}${userinfo.slice(0, colon)}:xxxxx@`
  })
}

/**
 * For messages about an entry that may not parse: hides everything between `://` and the
 * last `@` (a mistyped password may hold `/`, `?` or `#`), keeping a user name before `:`.
 */
export function redactEntry(text: string): string {
  const start = text.indexOf('://')
  const at = text.lastIndexOf('@')
  if (start < 0 || at < start) return text
  const userinfo = text.slice(start + 3, at)
  const stop = userinfo.search(/[:/?#]/)
  const user = stop >= 0 && userinfo[stop] === ':' && stop > 0 ? `${userinfo.slice(0, stop)}:` : ''
  return `${text.slice(0, start + 3)}${user}xxxxx${text.slice(at)}`
}

/** Redacts every URL with credentials inside a longer text (a GOPROXY list, a go error message). */
export function redactText(text: string): string {
  return text.replace(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s,|"]*@/g, match => redactUrl(match))
}

/** The secret parts of a URL (password, or a user-only token, and the whole userinfo), for masking. */
export function secretsOfUrl(url: string): string[] {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)@/.exec(url)
  if (!match || match[1] === '') return []
  const userinfo = match[1]
  const colon = userinfo.indexOf(':')
  const secret = colon < 0 ? userinfo : userinfo.slice(colon + 1)
  return [...new Set([userinfo, secret, url].filter(s => s !== ''))]
}

/** The URL without its userinfo: what the exported GOPROXY shows once credentials moved to netrc. */
export function stripCredentials(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1')
}

/** A key to recognise the same proxy written twice (`https://goproxy.cn` and `https://goproxy.cn/`). */
export function proxyKey(url: string): string {
  const match = SCHEME.exec(url)
  const normal = match ? `${match[1].toLowerCase()}:${match[2]}` : url
  return normal.replace(/\/+$/, '')
}
