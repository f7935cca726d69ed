/**
 * The `auth` input: credentials for private module hosts and authenticated proxies,
 * parsed and planned without touching the file system. The shell (src/auth/) writes
 * the plan's netrc and git configuration files.
 *
 * Secrets never appear in a message: errors name the line number and what is wrong,
 * never a field's text (a user who swapped the fields would otherwise see the token
 * echoed before anything could mask it).
 */
import type { Chain, ProxyEntry } from './chain.js'
import { ErrorCollector, InputError, quote } from './errors.js'
import { matchesPrefixPatterns } from './patterns.js'
import { parseProxyUrl, redactUrl, secretsOfUrl, stripCredentials, type ProxyUrl } from './proxy-url.js'
import type { SumdbConfig } from './sumdb.js'

/** One validated `auth` line: `HOST[:PORT][/PATH] [USER:]SECRET`. */
export interface AuthCredential {
  /** 1-based line number in the input, for messages. */
  line: number
  /** Lower-case host name or IP literal (IPv6 in brackets). */
  host: string
  /** The port as written, '' for the scheme's default. */
  port: string
  /** Path prefix without leading or trailing slash (`acme/tools`), '' for the whole host. Case kept. */
  path: string
  /** The user before `:`, or `x-access-token` (GitHub's convention for a bare token). */
  username: string
  secret: string
}

/** The user GitHub (and GitLab, Gitea) accept alongside a bare token. */
export const DEFAULT_AUTH_USER = 'x-access-token'

const INPUT = 'auth'
const FORMAT = 'write HOST[:PORT][/PATH] [USER:]SECRET'
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?'
const HOST_FIELD = new RegExp(`^(\\[[0-9A-Fa-f:.]+\\]|${LABEL}(?:\\.${LABEL})*)(?::(\\d*))?(/.*)?$`)
const PATH_ELEMENT = /^[A-Za-z0-9._~-]+$/
// eslint-disable-next-line no-control-regex
const BAD_CHARACTER = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/

function problem(line: number, detail: string): InputError {
  return new InputError(INPUT, `line ${line}: ${detail}`)
}

/** Names a character by code point only: the field around it may be a secret. */
function badCharacter(line: number, field: string, value: string): InputError | undefined {
  const match = BAD_CHARACTER.exec(value)
  if (!match) return undefined
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
  return problem(line, `the ${field} contains the blank or control character U+${code}; remove it (${FORMAT}).`)
}

function parseHostField(line: number, field: string): Pick<AuthCredential, 'host' | 'port' | 'path'> {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(field)) {
    throw problem(line, `the host is written with a scheme; ${FORMAT} (https:// is implied).`)
  }
  const match = HOST_FIELD.exec(field)
  if (!match) {
    throw problem(
      line,
      `the first field is not a host name (letters, digits, dots and dashes) or IP address; ${FORMAT}.`
    )
  }
  const port = match[2] ?? ''
  if (match[2] !== undefined && (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    throw problem(line, 'the port is not a number from 1 to 65535.')
  }
  let path = (match[3] ?? '').slice(1)
  if (path.endsWith('/')) path = path.slice(0, -1)
  if (path !== '') {
    for (const element of path.split('/')) {
      if (!PATH_ELEMENT.test(element) || element === '.' || element === '..') {
        throw problem(
          line,
          'the path has an empty element or a character other than A-Z a-z 0-9 - . _ ~ (as in module paths).'
        )
      }
    }
  }
  return { host: match[1].toLowerCase(), port, path }
}

function parseSecretField(line: number, field: string): Pick<AuthCredential, 'username' | 'secret'> {
  const colon = field.indexOf(':')
  if (colon === 0)
    throw problem(
      line,
      `the user before ':' is empty; write USER:SECRET, or the secret alone for ${DEFAULT_AUTH_USER}.`
    )
  const username = colon < 0 ? DEFAULT_AUTH_USER : field.slice(0, colon)
  const secret = colon < 0 ? field : field.slice(colon + 1)
  if (secret === '') throw problem(line, 'the secret after the user is empty.')
  return { username, secret }
}

/**
 * Parses the `auth` input: one credential per line, `HOST[:PORT][/PATH] [USER:]SECRET`,
 * fields separated by spaces or tabs; blank lines and lines starting with `#` are skipped.
 * Refuses, naming the line and never the text: a field with a blank or control character,
 * more or fewer than two fields, an invalid host, port or path, an empty user or secret,
 * and a host/path given twice. Throws InputErrors listing every bad line.
 */
export function parseAuth(raw: string): AuthCredential[] {
  const errors = new ErrorCollector()
  const credentials: AuthCredential[] = []
  const seen = new Map<string, number>()
  raw.split('\n').forEach((text, index) => {
    const line = index + 1
    const trimmed = text.replace(/\r$/, '').replace(/^[ \t]+|[ \t]+$/g, '')
    if (trimmed === '' || trimmed.startsWith('#')) return
    errors.attempt(() => {
      const fields = trimmed.split(/[ \t]+/)
      if (fields.length !== 2) {
        const count = fields.length === 1 ? 'one field' : `${fields.length} fields`
        throw problem(line, `has ${count} where two are needed; ${FORMAT} (no field can contain a blank).`)
      }
      const bad = badCharacter(line, 'host', fields[0]) ?? badCharacter(line, 'secret field', fields[1])
      if (bad) throw bad
      const credential: AuthCredential = {
        line,
        ...parseHostField(line, fields[0]),
        ...parseSecretField(line, fields[1])
      }
      const key = `${credential.host}:${credential.port}/${credential.path}`
      const earlier = seen.get(key)
      if (earlier !== undefined) throw problem(line, `names the same host, port and path as line ${earlier}; keep one.`)
      seen.set(key, line)
      credentials.push(credential)
    }, undefined)
  })
  errors.throwIfAny()
  return credentials
}

/** The effective private patterns (after Go's defaulting), as in ModulePlan. */
export interface PrivatePatterns {
  readonly gonoproxy: string
  readonly gonosumdb: string
}

/** One netrc entry. Go matches `machine` against the request's Host, port included, case and all. */
export interface NetrcEntry {
  machine: string
  login: string
  password: string
  /** The `auth` line it came from; absent when it came from a proxy URL's userinfo. */
  line?: number
}

/** A git `http.<urlPrefix>.extraHeader` credential: git sends it only for URLs under the prefix. */
export interface GitCredential {
  /** `https://host[:port]/path/`, always ending in `/`, so `/acme/` never matches `/acmeco/`. */
  urlPrefix: string
  username: string
  secret: string
  line: number
}

/** Credentials the probe or warm step attaches to one request. */
export interface RequestCredentials {
  username: string
  password: string
  /** The `auth` line to fix when they are refused; absent for credentials from a proxy URL. */
  line?: number
}

export interface CredentialPlan {
  /** The same chain with every proxy URL's userinfo removed: the GOPROXY to export. */
  chain: Chain
  /** Proxy hosts first (in chain order), then module hosts that need go's own HTTPS lookups. */
  netrc: NetrcEntry[]
  /** Module hosts: git credentials for their URL prefix only. */
  git: GitCredential[]
  /** Patterns to add to GOPRIVATE (and to GONOPROXY/GONOSUMDB when those are set explicitly). */
  privateAdditions: string[]
  /** Every secret and every string containing one (userinfo, URL, base64 header): mask before logging. */
  secrets: string[]
  /** What Go will send to `url` (https only, netrc matched by host and port as Go does), for the probe and warm. */
  credentialsFor(url: string): RequestCredentials | undefined
  /** Log lines: which line went where, what was already covered. No secret. */
  notes: string[]
}

/**
 * Hosts the go command resolves without an HTTPS `?go-get=1` lookup (vcsPaths in
 * cmd/go/internal/vcs): only git talks to them, so git's path-scoped header is enough
 * and no host-wide netrc entry is written.
 */
const STATIC_VCS_HOSTS = new Set(['github.com', 'bitbucket.org'])

function defaultPort(scheme: string): string {
  return scheme === 'https' ? '443' : scheme === 'http' ? '80' : ''
}

function proxyPath(proxy: ProxyUrl): string {
  return proxy.rest.replace(/[?#].*$/s, '').replace(/^\/+|\/+$/g, '')
}

function pathCovers(prefix: string, path: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`)
}

function sameHost(credential: AuthCredential, proxy: ProxyUrl): boolean {
  return (
    proxy.hostname.toLowerCase() === credential.host &&
    (credential.port || defaultPort(proxy.scheme)) === (proxy.port || defaultPort(proxy.scheme))
  )
}

/** A URL with its whole userinfo hidden: for a malformed one, the "user" may well be the token. */
function hideUserinfo(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#@]*@/, '$1xxxxx@')
}

function basicHeader(username: string, secret: string): string {
  return Buffer.from(`${username}:${secret}`, 'utf8').toString('base64')
}

/** Every form in which a credential could show up in a log. */
function secretForms(username: string, secret: string): string[] {
  const base64 = basicHeader(username, secret)
  return [secret, encodeURIComponent(secret), `${username}:${secret}`, base64, `Basic ${base64}`]
}

function inputOf(entry: ProxyEntry): string {
  return entry.origin === 'environment' ? 'GOPROXY (job environment)' : 'proxies'
}

function decodeUserinfo(input: string, shown: string, value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    throw new InputError(input, `proxy ${quote(shown)} has a malformed %-escape in its credentials.`)
  }
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

/**
 * Decides where every credential goes, given the chain (credentials for a proxy in it)
 * and the effective private patterns (module hosts not already private are added).
 *
 * - A line whose host and port (and path prefix, if any) name an https proxy in the chain
 *   becomes a netrc entry for that proxy's host as written in its URL, which is what Go
 *   compares. Credentials inside a proxy URL move there too, and the returned chain has none.
 * - Any other line is a module host: a git `extraHeader` for `https://host[:port]/path/`
 *   only; a GOPRIVATE addition unless GONOPROXY and GONOSUMDB both cover it already; and,
 *   unless git alone talks to the host (github.com, bitbucket.org), a netrc entry, because
 *   go's `?go-get=1` lookup on a private GitLab or company server needs the credential and
 *   netrc is host-wide (noted in the log).
 *
 * Throws InputErrors for credentials aimed at an http:// proxy (Go refuses to send them),
 * for one proxy host given two different credentials, and for module hosts that cannot
 * start a module path.
 */
export function planCredentials(
  credentials: readonly AuthCredential[],
  chain: Chain,
  goprivate: string | PrivatePatterns
): CredentialPlan {
  const patterns = typeof goprivate === 'string' ? { gonoproxy: goprivate, gonosumdb: goprivate } : goprivate
  const errors = new ErrorCollector()
  const notes: string[] = []
  const secrets = new Set<string>()
  const netrc: NetrcEntry[] = []
  const git: GitCredential[] = []
  const privateAdditions: string[] = []

  const proxies: Array<{ entry: ProxyEntry; parsed: ProxyUrl }> = []
  for (const entry of chain.proxies) {
    // The chain was validated already; a URL that still fails is reported, not thrown past the collector.
    const parsed = errors.attempt(() => parseProxyUrl(inputOf(entry), entry.url, redactUrl(entry.url)), undefined)
    if (parsed) proxies.push({ entry, parsed })
  }

  /** Adds a netrc entry; false (and an error) when the machine already has different credentials. */
  const addNetrc = (entry: NetrcEntry, conflict: (first: NetrcEntry) => InputError): boolean => {
    const existing = netrc.find(e => e.machine === entry.machine)
    if (!existing) {
      netrc.push(entry)
      return true
    }
    if (existing.login === entry.login && existing.password === entry.password) return true
    errors.attempt(() => {
      throw conflict(existing)
    }, undefined)
    return false
  }
  const source = (entry: NetrcEntry) =>
    entry.line ? `auth line ${entry.line}` : 'the credentials in another proxy URL'

  // Credentials written inside proxy URLs first: they belong to exactly one proxy.
  for (const { entry, parsed } of proxies) {
    if (parsed.scheme !== 'https') continue
    const fromUrl = errors.attempt(() => userinfoCredentials(entry, parsed), undefined)
    if (!fromUrl) continue
    for (const s of secretsOfUrl(entry.url)) secrets.add(s)
    for (const s of secretForms(fromUrl.username, fromUrl.password)) secrets.add(s)
    const added = addNetrc(
      { machine: parsed.host, login: fromUrl.username, password: fromUrl.password },
      first =>
        new InputError(
          inputOf(entry),
          `proxy ${quote(redactUrl(entry.url))} carries credentials that differ from ${source(first)} for the same host; Go's netrc holds one per host and port.`
        )
    )
    if (added)
      notes.push(`proxy ${redactUrl(entry.url)}: credentials moved from the URL to netrc (machine ${parsed.host}).`)
  }

  for (const credential of credentials) {
    for (const s of secretForms(credential.username, credential.secret)) secrets.add(s)
    const onHost = proxies.filter(
      p => p.parsed.scheme !== 'file' && p.parsed.hostname.toLowerCase() === credential.host
    )
    const matched = onHost.filter(
      p => sameHost(credential, p.parsed) && pathCovers(credential.path, proxyPath(p.parsed))
    )
    if (matched.length > 0) {
      const plain = matched.find(p => p.parsed.scheme === 'http')
      if (plain) {
        errors.attempt(() => {
          throw problem(
            credential.line,
            `the proxy ${quote(redactUrl(plain.entry.url))} uses http://, and Go refuses to send credentials over http. Use https for this proxy, or remove the line.`
          )
        }, undefined)
        continue
      }
      for (const { entry, parsed } of matched) {
        const entryFromUrl = netrc.find(e => e.machine === parsed.host && e.line === undefined)
        if (
          entryFromUrl &&
          (entryFromUrl.login !== credential.username || entryFromUrl.password !== credential.secret)
        ) {
          errors.attempt(() => {
            throw problem(
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
        const added =
          entryFromUrl !== undefined ||
          addNetrc(entryForLine, first =>
            problem(
              credential.line,
              `the proxy host ${quote(parsed.host)} already has other credentials from ${source(first)}; Go's netrc holds one per host and port.`
            )
          )
        if (added) {
          notes.push(
            `auth line ${credential.line}: credentials for the proxy ${redactUrl(stripCredentials(entry.url))} (netrc machine ${parsed.host}).`
          )
        }
      }
      continue
    }
    planModuleHost(
      credential,
      onHost.map(p => redactUrl(stripCredentials(p.entry.url)))
    )
  }

  function planModuleHost(credential: AuthCredential, proxiesOnHost: string[]): void {
    const { line, host, port, path } = credential
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) {
      errors.attempt(() => {
        throw problem(
          line,
          'the host names no proxy in the chain, and it cannot be a module host: a module path starts with a domain name that has a dot.'
        )
      }, undefined)
      return
    }
    const target = path === '' ? host : `${host}/${path}`
    if (proxiesOnHost.length > 0) {
      notes.push(
        `auth line ${line}: ${target} is on the host of the proxy ${proxiesOnHost.join(', ')} but not its port or path, so it is treated as a module host; give the proxy's port and path to apply it to the proxy.`
      )
    }
    const hostPort = port === '' ? host : `${host}:${port}`
    git.push({
      urlPrefix: `https://${hostPort}/${path === '' ? '' : `${path}/`}`,
      username: credential.username,
      secret: credential.secret,
      line
    })
    const covering = (list: string) => list.split(',').find(glob => glob !== '' && matchesPrefixPatterns(glob, target))
    const byAddition = privateAdditions.find(glob => matchesPrefixPatterns(glob, target))
    const byNoProxy = covering(patterns.gonoproxy)
    const byNoSumdb = covering(patterns.gonosumdb)
    if (byAddition) {
      notes.push(`auth line ${line}: ${target} already covered by the GOPRIVATE addition ${byAddition}.`)
    } else if (byNoProxy && byNoSumdb) {
      const how =
        byNoProxy === byNoSumdb
          ? `GOPRIVATE pattern ${byNoProxy}`
          : `GONOPROXY pattern ${byNoProxy} and GONOSUMDB pattern ${byNoSumdb}`
      notes.push(`auth line ${line}: ${target} already covered by ${how}.`)
    } else {
      privateAdditions.push(target)
      notes.push(
        `auth line ${line}: ${target} added to GOPRIVATE, so it skips public proxies and the public checksum database.`
      )
    }
    // Module paths carry no port, so go's own lookups never use a netrc entry with one.
    if (STATIC_VCS_HOSTS.has(host) || port !== '') return
    const existing = netrc.find(e => e.machine === host)
    if (existing) {
      const owner = existing.line ? `auth line ${existing.line}` : 'a proxy URL'
      notes.push(
        `auth line ${line}: go's ?go-get=1 lookups on ${host} use the credentials of ${owner} (netrc holds one per host); git uses this line's under ${target}.`
      )
      return
    }
    netrc.push({ machine: host, login: credential.username, password: credential.secret, line })
    notes.push(
      `auth line ${line}: go's ?go-get=1 lookups send this credential to every path on ${host} (netrc is per host); git sends it only under ${target}.`
    )
  }

  errors.throwIfAny()
  const stripped: Chain = {
    proxies: chain.proxies.map(entry => ({ ...entry, url: stripCredentials(entry.url) })),
    ...(chain.terminal ? { terminal: chain.terminal } : {})
  }
  return {
    chain: stripped,
    netrc,
    git,
    privateAdditions,
    secrets: [...secrets].filter(s => s !== ''),
    credentialsFor: url => credentialsFor(netrc, url),
    notes
  }
}

/** Go's auth.AddCredentials: https only, the first netrc machine equal to the request's host (port included). */
function credentialsFor(netrc: readonly NetrcEntry[], url: string): RequestCredentials | undefined {
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

/**
 * Moves credentials written in a GOSUMDB URL to the netrc plan, as planCredentials does for proxy URLs: the go
 * command's web client sends netrc credentials to the checksum database's host like to any other, so the exported
 * GOSUMDB (and the gosumdb output, the summary and `go env`) carry no secret. Refuses what Go or a netrc file cannot
 * carry (credentials over http, a missing user or password, blanks) and a host that already has other credentials.
 * Throws InputErrors.
 */
export function planSumdbCredentials(
  plan: CredentialPlan,
  sumdb: SumdbConfig
): { plan: CredentialPlan; sumdb: SumdbConfig } {
  if (sumdb.kind !== 'db' || !sumdb.explicitUrl) return { plan, sumdb }
  const url = stripCredentials(sumdb.url)
  if (url === sumdb.url) return { plan, sumdb }
  const shown = hideUserinfo(sumdb.url)
  const errors = new ErrorCollector()
  const planned = errors.attempt(() => {
    // An http URL with userinfo is refused here, as Go refuses to send credentials over http.
    const parsed = parseProxyUrl('sumdb', sumdb.url, shown)
    const login = decodeUserinfo('sumdb', shown, parsed.username)
    const password = decodeUserinfo('sumdb', shown, parsed.password)
    if (login === '' || password === '' || BAD_CHARACTER.test(login) || BAD_CHARACTER.test(password)) {
      throw new InputError(
        'sumdb',
        `the checksum database URL ${quote(shown)} carries credentials a netrc file cannot hold: write https://USER:TOKEN@host/path.`
      )
    }
    const existing = plan.netrc.find(e => e.machine === parsed.host)
    if (existing && (existing.login !== login || existing.password !== password)) {
      throw new InputError(
        'sumdb',
        `the checksum database URL ${quote(shown)} carries credentials that differ from those for the same host in proxies or auth; Go's netrc holds one per host and port.`
      )
    }
    const netrc = existing ? plan.netrc : [...plan.netrc, { machine: parsed.host, login, password }]
    return {
      ...plan,
      netrc,
      secrets: [...new Set([...plan.secrets, ...secretsOfUrl(sumdb.url), ...secretForms(login, password)])],
      credentialsFor: (target: string) => credentialsFor(netrc, target),
      notes: [...plan.notes, `sumdb: credentials moved from the URL to netrc (machine ${parsed.host}).`]
    }
  }, undefined)
  errors.throwIfAny()
  return { plan: planned ?? plan, sumdb: { ...sumdb, url, value: `${sumdb.value.split(' ')[0]} ${url}` } }
}
