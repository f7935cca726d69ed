/**
 * Turns the go command's error text into a diagnosis a new user can act on: what kind of
 * fault it is, whether trying again can help, and one sentence naming the likely cause and
 * the exact input to change. Pure: the texts are the go command's own (Go 1.23,
 * cmd/go/internal/modfetch and web) plus the markers the warm phase's watchdog and
 * forwarder write. Verification is never suggested away: no message proposes turning the
 * checksum database off.
 */
import { redactText } from './proxy-url.js'

export type DiagnosisKind =
  /** The download differs from go.sum (fatal in the go command, SECURITY ERROR). */
  | 'checksum-mismatch-gosum'
  /** The download differs from what the checksum database recorded (SECURITY ERROR). */
  | 'checksum-mismatch-sumdb'
  /** The checksum database could not be asked (`verifying go.mod:` / `verifying module:` with a transport error). */
  | 'verifying-gomod-unreachable'
  /** 404 everywhere (or the checksum database does not know the module): private, or no such version. */
  | 'not-found'
  /** 410 Gone: as not-found. */
  | 'gone'
  /** 401/403/407, or git could not authenticate. */
  | 'unauthorized'
  | 'timeout'
  | 'refused'
  /** Connection reset, EOF, unexpected EOF, HTTP/2 stream error, a zip cut short. */
  | 'reset'
  | 'dns'
  /** The proxy's certificate is not trusted (a TLS-inspecting corporate proxy). */
  | 'tls'
  /** 5xx other than what a gateway explains as a transport error. */
  | 'server-error'
  /** 429 Too Many Requests. */
  | 'rate-limited'
  /** A 200 answer that is not a module proxy answer (an HTML sign-in page, invalid JSON). */
  | 'bad-response'
  | 'invalid-path'
  | 'invalid-version'
  | 'unknown-revision'
  /** GOPROXY=off and the module is not in the cache. */
  | 'lookup-disabled'
  /** Killed by the watchdog: no progress for the stall window. */
  | 'stalled'
  /** The whole warm phase ran out of time. */
  | 'deadline'
  | 'other'

export interface Diagnosis {
  readonly kind: DiagnosisKind
  /** True when the same request may succeed if tried again (network faults, 429, 5xx, stalls). */
  readonly transient: boolean
  /** One sentence in plain words: what failed, the likely cause, and what to change. */
  readonly message: string
  readonly module?: string
  readonly version?: string
  /** The host that answered or failed, when the text names one (never the loopback forwarder). */
  readonly host?: string
  readonly status?: number
  /** The input line to add or change, e.g. `private: github.com/acme`. */
  readonly suggestion?: string
}

export interface DiagnoseContext {
  /** Module path and version when the caller knows them (from the -json object). */
  readonly module?: string
  readonly version?: string
}

const TRANSIENT: ReadonlySet<DiagnosisKind> = new Set<DiagnosisKind>([
  'timeout',
  'refused',
  'reset',
  'dns',
  'server-error',
  'rate-limited',
  'stalled'
])

/** Hosts whose first path element below the host is an account: `github.com/acme/x` is private as `github.com/acme`. */
const ACCOUNT_HOSTS = new Set([
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'gitee.com',
  'codeberg.org',
  'dev.azure.com'
])

/**
 * The narrowest sensible GOPRIVATE pattern for a module: the account on a public code host
 * (`github.com/acme`), else the host (`git.corp.example`).
 */
export function privatePrefix(modulePath: string): string {
  const elements = modulePath.split('/')
  if (ACCOUNT_HOSTS.has(elements[0]) && elements.length > 1) return `${elements[0]}/${elements[1]}`
  return elements[0]
}

/** The marker the watchdog writes when it kills a download that made no progress. */
export function stallMarker(seconds: number): string {
  return `setup-goproxy watchdog: no progress for ${seconds} s (no output, no growth of the module cache, no proxy traffic); the go command was stopped`
}

/** The marker written when the whole warm phase passes its deadline. */
export function deadlineMarker(seconds: number): string {
  return `setup-goproxy: warm-timeout of ${seconds} s reached; the go command was stopped`
}

/** Module path and version named by the text: `go: a/b@v1.2.3: ...`, `verifying a/b@v1.2.3: ...`. */
function moduleOf(text: string): { module?: string; version?: string } {
  const match =
    /(?:^|[\s"'(])([A-Za-z0-9][\w.~-]*\.[\w.~-]+(?:\/[\w.~!%+-]+)*)@(v[0-9][\w.+-]*?)(?:\/go\.mod)?(?=[:\s"')]|$)/m.exec(
      text
    )
  return match ? { module: match[1], version: match[2] } : {}
}

/** Every `reading URL: NNN Status` the go command wrote, with the URL's host (the forwarder's is skipped). */
function httpStatuses(text: string): Array<{ status: number; host?: string }> {
  const found: Array<{ status: number; host?: string }> = []
  for (const m of text.matchAll(/reading (\S+): (\d{3}) [A-Za-z]/g)) {
    found.push({ status: Number(m[2]), host: hostOf(m[1]) })
  }
  return found
}

/** The host[:port] of an http(s) URL, unless it is loopback (the warm phase's own forwarder). */
function hostOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@\s]*@)?([^/?#\s"']+)/i.exec(url)
  if (!m) return undefined
  const host = m[1].replace(/[:.,;)\]]+$/, '')
  return /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)(:\d+)?$/.test(host) ? undefined : host
}

/** The first non-loopback http(s) host anywhere in the text (in a server response, a Get "..." error). */
function firstHost(text: string): string | undefined {
  for (const m of text.matchAll(/https?:\/\/[^\s"'`]+/gi)) {
    const host = hostOf(m[0])
    if (host) return host
  }
  const git = /for '(https?:\/\/[^']+)'/.exec(text)
  return git ? hostOf(git[1]) : undefined
}

type TransportKind = 'timeout' | 'refused' | 'reset' | 'dns' | 'tls'

function transportKind(text: string): TransportKind | undefined {
  if (
    /i\/o timeout|Client\.Timeout|context deadline exceeded|TLS handshake timeout|timed out|\btimeout\b|no answer within|stalled: no data/i.test(
      text
    )
  )
    return 'timeout'
  if (/connection refused|actively refused|ECONNREFUSED|no route to host|network is unreachable/i.test(text))
    return 'refused'
  if (/no such host|server misbehaving|Temporary failure in name resolution|ENOTFOUND|EAI_AGAIN/i.test(text))
    return 'dns'
  if (
    /x509:|certificate (?:signed by unknown authority|is not valid|has expired)|tls: |UNABLE_TO_VERIFY|SELF_SIGNED_CERT/i.test(
      text
    )
  )
    return 'tls'
  if (
    /connection reset|broken pipe|unexpected EOF|: EOF\b|stream error|INTERNAL_ERROR|http2: |zip: not a valid zip file|ECONNRESET|socket hang up|cut off|broke off/i.test(
      text
    )
  )
    return 'reset'
  return undefined
}

function statusKind(status: number): DiagnosisKind {
  if (status === 404) return 'not-found'
  if (status === 410) return 'gone'
  if (status === 401 || status === 403 || status === 407) return 'unauthorized'
  if (status === 429) return 'rate-limited'
  if (status >= 500) return 'server-error'
  return 'other'
}

/** The text after `server response:` (what the proxy said), or '' . */
function serverResponse(text: string): string {
  const i = text.indexOf('server response:')
  return i < 0 ? '' : text.slice(i + 'server response:'.length)
}

/**
 * Classifies one go error text (a -json `Error`, or the command's stderr). Credentials in
 * URLs are redacted before anything is kept.
 */
export function diagnose(rawText: string, context: DiagnoseContext = {}): Diagnosis {
  const text = redactText(rawText)
  const named = moduleOf(text)
  const module = context.module ?? named.module
  const version = context.version ?? named.version
  const subject = module ? (version ? `${module}@${version}` : module) : 'a module'
  const make = (kind: DiagnosisKind, message: string, extra: Partial<Diagnosis> = {}): Diagnosis => ({
    kind,
    transient: TRANSIENT.has(kind),
    message: message.replace(/^a module/, 'A module'),
    ...(module ? { module } : {}),
    ...(version ? { version } : {}),
    ...extra
  })
  const prefix = module ? privatePrefix(module) : 'your.host/org'
  const privateLine = `private: ${prefix}`

  const stall = /setup-goproxy watchdog: no progress for (\d+) s/.exec(text)
  if (stall) {
    return make(
      'stalled',
      `The download made no progress for ${stall[1]} s and was stopped by the watchdog: a proxy or the network stalls from this runner; it is tried again, and a proxy that keeps stalling should be removed from \`proxies:\` or joined to a working one with "|".`
    )
  }
  const deadline = /setup-goproxy: warm-timeout of (\d+) s reached/.exec(text)
  if (deadline) {
    return make(
      'deadline',
      `The warm phase used all of its ${deadline[1]} s before ${subject} was downloaded: the proxies are slow from this runner or the module set is large; raise \`warm-timeout:\` or check the probe table for a slow proxy.`,
      { suggestion: `warm-timeout: ${Number(deadline[1]) * 2}` }
    )
  }

  if (/checksum mismatch|SECURITY ERROR/.test(text)) {
    const sumdb = /reported by the checksum server|verifying (?:module|go\.mod): checksum mismatch/.test(text)
    if (sumdb) {
      return make(
        'checksum-mismatch-sumdb',
        `${subject} as downloaded does not match the checksum database: a proxy in the chain serves altered bytes, or the module was re-tagged after publication; remove the proxy that served it from \`proxies:\` (the go command refuses the download either way, and rightly so).`
      )
    }
    return make(
      'checksum-mismatch-gosum',
      `${subject} as downloaded does not match the hash in go.sum: the module was re-tagged upstream or a proxy serves different bytes than when go.sum was written; find out which copy is right before changing go.sum, and remove a proxy that serves altered bytes from \`proxies:\` (verification stays on).`
    )
  }

  const verifying = /verifying (?:go\.mod|module): (.*)/s.exec(text)
  if (verifying) {
    const statuses = httpStatuses(verifying[1])
    const status = statuses.find(s => s.status !== 404 && s.status !== 410) ?? statuses[0]
    const host = status?.host ?? firstHost(verifying[1])
    if (status && (status.status === 404 || status.status === 410)) {
      return make(
        'not-found',
        `The checksum database does not know ${subject} (${status.status}): it is most likely a private module; add \`${privateLine}\` so it is fetched directly and not looked up in the public checksum database.`,
        { status: status.status, suggestion: privateLine, ...(host ? { host } : {}) }
      )
    }
    if (status && statusKind(status.status) === 'unauthorized') {
      return unauthorized(make, host, status.status)
    }
    // A /sumdb/ URL on a real host means a proxy serves the database; the forwarder's own /sumdb/ path does not count.
    const proxied = [...verifying[1].matchAll(/https?:\/\/[^\s"']*\/sumdb\/[^\s"']*/gi)]
      .map(m => hostOf(m[0]))
      .find(Boolean)
    const via = proxied ? ` (through the proxy ${proxied})` : host ? ` (${host})` : ''
    return make(
      'verifying-gomod-unreachable',
      `The checksum database could not be reached from this runner${via} to verify ${subject}: set \`sumdb: sum.golang.google.cn\` (the same database, reachable from mainland China) or put a proxy that proxies the database, such as goproxy.cn, first in \`proxies:\`.`,
      {
        suggestion: 'sumdb: sum.golang.google.cn',
        ...(host ? { host } : {}),
        ...(status ? { status: status.status } : {})
      }
    )
  }

  if (/module lookup disabled by GOPROXY=off/.test(text)) {
    return make(
      'lookup-disabled',
      `${subject} is not in the module cache and GOPROXY is off: list at least one proxy in \`proxies:\` (or direct) for the warm phase to download it.`
    )
  }

  const statuses = httpStatuses(text)
  // The go command reports the most useful error: any proxy error ranks above "not found".
  const decisive = statuses.find(s => s.status !== 404 && s.status !== 410) ?? statuses[0]
  const detail = serverResponse(text)
  const host = decisive?.host ?? firstHost(detail) ?? firstHost(text)
  const hostExtra = host ? { host } : {}
  if (decisive) {
    const kind = statusKind(decisive.status)
    const extra = { status: decisive.status, ...hostExtra }
    if (kind === 'not-found' || kind === 'gone') {
      if (
        /unknown revision|invalid version/.test(detail) &&
        !/could not read Username|terminal prompts disabled|Authentication failed/.test(detail)
      ) {
        return unknownRevision(make, subject, version, privateLine, extra)
      }
      return make(
        kind,
        `No proxy in the chain has ${subject} (${decisive.status} ${kind === 'gone' ? 'Gone' : 'Not Found'}): if it is a private module, add \`${privateLine}\` so the go command fetches it directly with your git credentials; otherwise check that this version exists.`,
        { ...extra, suggestion: privateLine }
      )
    }
    if (kind === 'unauthorized') return unauthorized(make, host, decisive.status)
    if (kind === 'rate-limited') {
      return make(
        'rate-limited',
        `${host ?? 'The proxy'} answered 429 Too Many Requests: it rate-limits this runner; the download is tried again with backoff, and a second proxy joined with "|" in \`proxies:\` takes the load off.`,
        extra
      )
    }
    if (kind === 'server-error') {
      if (BAD_RESPONSE.test(detail)) return badResponse(make, host, extra)
      const transport = transportKind(detail)
      if (transport) return transportDiagnosis(make, transport, host, detail, extra)
      return make(
        'server-error',
        `${host ?? 'The proxy'} answered ${decisive.status}: a fault on the proxy's side, usually temporary; the download is tried again, and a proxy that keeps failing should be joined to a working one with "|" in \`proxies:\`.`,
        extra
      )
    }
    return make(
      'other',
      `${host ?? 'The proxy'} answered ${decisive.status} for ${subject}: the proxy refuses this request; check the proxy's documentation or remove it from \`proxies:\`.`,
      extra
    )
  }

  if (/reading file:\/\/\S+: no such file or directory/.test(text)) {
    return make(
      'not-found',
      `No proxy in the chain has ${subject} (the file:// proxy lacks it): if it is a private module, add \`${privateLine}\`; otherwise check that this version exists.`,
      { suggestion: privateLine }
    )
  }

  if (/unknown revision/.test(text)) return unknownRevision(make, subject, version, privateLine, hostExtra)

  if (
    /could not read Username|terminal prompts disabled|Authentication failed|Permission denied \(publickey\)|could not read Password/.test(
      text
    )
  ) {
    return unauthorized(make, host, undefined)
  }

  if (BAD_RESPONSE.test(text)) return badResponse(make, host, hostExtra)

  if (
    /malformed module path|invalid module path|invalid path|invalid char|missing dot in first path element/.test(text)
  ) {
    return make(
      'invalid-path',
      `${module ?? 'A module path'} is not a valid module path: fix the require, replace or import line in go.mod (module paths start with a host name and hold no upper-case host letters or spaces).`
    )
  }

  if (
    /invalid version|no matching versions for query|is not a valid semantic version|invalid semantic version|version .* invalid/.test(
      text
    )
  ) {
    return make(
      'invalid-version',
      `The version of ${module ?? 'a module'} is not valid or matches no release: write a full semantic version (v1.2.3) or a pseudo-version in go.mod.`
    )
  }

  const transport = transportKind(text)
  if (transport) return transportDiagnosis(make, transport, host, text, hostExtra)

  const lines = text
    .split('\n')
    .map(line => line.trim().replace(/^go: /, ''))
    .filter(line => line !== '')
  const said = (lines[0] ?? '').endsWith(':') && lines[1] ? `${lines[0]} ${lines[1]}` : (lines[0] ?? 'no message')
  return make(
    'other',
    `${subject} failed: ${said.slice(0, 200).replace(/[.:]$/, '')}; see the go command's message above.`,
    hostExtra
  )
}

/** What a proxy that is not a module proxy (a sign-in portal, a web server) makes the go command or the forwarder say. */
const BAD_RESPONSE =
  /invalid character '<'|looking for beginning of value|invalid response from proxy|HTML page|not a Go module proxy|redirected (?:from https|to an unsupported)|more than \d+ redirects/

function badResponse(make: Make, host: string | undefined, extra: Partial<Diagnosis>): Diagnosis {
  return make(
    'bad-response',
    `${host ?? 'A proxy'} answered with something that is not a Go module proxy response (an HTML page, a sign-in portal, a bad redirect): check its URL in \`proxies:\` (a mirror's path such as /goproxy/ matters) or remove it.`,
    extra
  )
}

type Make = (kind: DiagnosisKind, message: string, extra?: Partial<Diagnosis>) => Diagnosis

function unauthorized(make: Make, host: string | undefined, status: number | undefined): Diagnosis {
  const where = host ?? 'the host'
  const line = `auth: ${host ?? 'HOST'} USER:TOKEN`
  return make(
    'unauthorized',
    `Credentials missing or wrong for ${where}${status ? ` (${status})` : ''}: add a line \`${host ?? 'HOST'} USER:TOKEN\` to the \`auth:\` input (from secrets.*), and check that the token may read this module.`,
    { suggestion: line, ...(host ? { host } : {}), ...(status ? { status } : {}) }
  )
}

function unknownRevision(
  make: Make,
  subject: string,
  version: string | undefined,
  privateLine: string,
  extra: Partial<Diagnosis>
): Diagnosis {
  return make(
    'unknown-revision',
    `${subject} does not exist upstream (unknown revision${version ? ` ${version}` : ''}): the tag was deleted or never pushed; fix the require line in go.mod, or for a private module add \`${privateLine}\`.`,
    extra
  )
}

function transportDiagnosis(
  make: Make,
  kind: TransportKind,
  host: string | undefined,
  detail: string,
  extra: Partial<Diagnosis>
): Diagnosis {
  const who = host ?? 'a proxy'
  const Who = host ?? 'A proxy'
  const swap = 'remove it from `proxies:` or join it to a working proxy with "|" (see the probe table)'
  switch (kind) {
    case 'timeout':
      return make(
        'timeout',
        `${Who} did not answer in time: it is down, overloaded or blocked from this runner; the download is tried again; if it keeps happening, ${swap}.`,
        extra
      )
    case 'refused':
      return make(
        'refused',
        `The connection to ${who} was refused: nothing listens there or a firewall rejects it; the download is tried again; if it keeps happening, ${swap}.`,
        extra
      )
    case 'dns':
      return make(
        'dns',
        `The host name ${who} could not be resolved from this runner: check its spelling in \`proxies:\`; a DNS hiccup is tried again.`,
        extra
      )
    case 'tls':
      return make(
        'tls',
        `The TLS certificate of ${who} is not trusted on this runner (${/x509: [^\n]*/.exec(detail)?.[0] ?? 'certificate error'}): behind a TLS-inspecting corporate proxy, install its CA certificate on the runner (SSL_CERT_FILE); otherwise check the URL in \`proxies:\`.`,
        extra
      )
    case 'reset':
      return make(
        'reset',
        `The connection to ${who} broke off mid-download (reset or EOF): a flaky network or proxy; the download is tried again; if it keeps happening, ${swap}.`,
        extra
      )
  }
}
