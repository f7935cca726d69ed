/**
 * Turns the go command's error text into a diagnosis a new user can act on: what kind of
 * fault it is, whether trying again can help, and one sentence naming the likely cause and
 * the exact input to change. Pure: the texts are the go command's own (Go 1.23,
 * cmd/go/internal/modfetch and web) plus the markers the warm phase's watchdog and
 * forwarder write. Verification is never suggested away: no message proposes turning the
 * checksum database off.
 *
 * The diagnoses are a table (DIAGNOSES): each row a kind, whether it is transient, when it applies, its sentence and
 * its suggestion. diagnosisFacts() reads the text once (module, HTTP status, host, transport fault, markers) and
 * diagnose() takes the first row that applies.
 */
import { redactText } from '../go/proxy/url.js'
import { ACTION_WORDING, type Wording } from '../host/wording.js'

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
  /** The text is about the version's go.mod (`m@v/go.mod: ...`), not its zip: which cached file go refused. */
  readonly goMod?: true
  /** The host that answered or failed, when the text names one (never the loopback forwarder). */
  readonly host?: string
  readonly status?: number
  /** The setting to add or change, as the host writes it: `private: github.com/acme` / `--private github.com/acme`. */
  readonly suggestion?: string
}

export interface DiagnoseContext {
  /** Module path and version when the caller knows them (from the -json object). */
  readonly module?: string
  readonly version?: string
  /** The host's words for its settings and place; the action's when not given. */
  readonly words?: Wording
}

/** The kinds that trying again can cure; each row's `transient` follows it. */
export const TRANSIENT: ReadonlySet<DiagnosisKind> = new Set<DiagnosisKind>([
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

/**
 * Module path and version named by the text: `go: a/b@v1.2.3: ...`, `verifying a/b@v1.2.3: ...`, and whether it
 * names the version's go.mod (`verifying a/b@v1.2.3/go.mod: ...`) rather than the module.
 */
function moduleOf(text: string): { module?: string; version?: string; goMod?: boolean } {
  const match =
    /(?:^|[\s"'(])([A-Za-z0-9][\w.~-]*\.[\w.~-]+(?:\/[\w.~!%+-]+)*)@(v[0-9][\w.+-]*?)(\/go\.mod)?(?=[:\s"')]|$)/m.exec(
      text
    )
  return match ? { module: match[1], version: match[2], goMod: match[3] !== undefined } : {}
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

/** A fault of the connection itself, before or instead of an HTTP answer. */
export type TransportKind = 'timeout' | 'refused' | 'reset' | 'dns' | 'tls'

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

/** What one go error text says, worked out once; the rules of DIAGNOSES only read it. */
export interface DiagnosisFacts {
  /** The text with credentials redacted. */
  readonly text: string
  readonly module?: string
  readonly version?: string
  /** The text names this module version's go.mod (see Diagnosis.goMod). */
  readonly goMod?: true
  /** `path@version`, the path, or `a module`. */
  readonly subject: string
  /** The setting that makes this module private, as the host writes it (`private: x` / `--private x`). */
  readonly privateLine: string
  /** The same, in the host's words, code-quoted (`private: x` / `--private x`). */
  readonly privateInput: string
  /** How the host names its settings and its place (the action's inputs on a runner, the CLI's flags). */
  readonly words: Wording
  /** Seconds named by the watchdog's marker, or by the warm-timeout marker. */
  readonly stallSeconds?: number
  readonly deadlineSeconds?: number
  /** For a `verifying go.mod:` / `verifying module:` error: the checksum database's answer. */
  readonly verifying?: {
    readonly status?: number
    readonly host?: string
    /** The host of a proxy that serves the checksum database, when the text shows one. */
    readonly proxiedBy?: string
  }
  /** The HTTP status the go command's message turns on: any proxy error ranks above "not found". */
  readonly status?: number
  /** What the proxy said (after `server response:`), or ''. */
  readonly detail: string
  /** The host that answered or failed (never the loopback forwarder). */
  readonly host?: string
  /** The transport fault: from the proxy's words after a 5xx, else from the whole text when no status was sent. */
  readonly transport?: TransportKind
  /** The text the transport fault was read from (for the x509 detail). */
  readonly transportText: string
}

/** One row of the diagnosis table. */
export interface DiagnosisRule {
  readonly kind: DiagnosisKind
  /** True when the same request may succeed if tried again. */
  readonly transient: boolean
  /** Whether the row describes this text; the first row that does wins. */
  readonly applies: (f: DiagnosisFacts) => boolean
  /** The one sentence shown to the user. */
  readonly sentence: (f: DiagnosisFacts) => string
  /** The input line to add or change. */
  readonly suggestion?: (f: DiagnosisFacts) => string
  /** The host and status reported with the diagnosis; by default the facts' own. */
  readonly details?: (f: DiagnosisFacts) => { host?: string; status?: number }
}

/** What a proxy that is not a module proxy (a sign-in portal, a web server) makes the go command or the forwarder say. */
const BAD_RESPONSE =
  /invalid character '<'|looking for beginning of value|invalid response from proxy|HTML page|not a Go module proxy|redirected (?:from https|to an unsupported)|more than \d+ redirects/

const NOT_FOUND = new Set([404, 410])
const GIT_AUTH_PROMPT =
  /could not read Username|terminal prompts disabled|Authentication failed|Permission denied \(publickey\)|could not read Password/
const swap = (f: DiagnosisFacts) =>
  `remove it from ${f.words.input('proxies')} or join it to a working proxy with "|" (see the probe table)`
const Who = (f: DiagnosisFacts) => f.host ?? 'A proxy'
const who = (f: DiagnosisFacts) => f.host ?? 'a proxy'
const none = () => ({})
const hostOnly = (f: DiagnosisFacts) => (f.host ? { host: f.host } : {})
/** Rows for an HTTP status the go command reported (outside the checksum database's own errors). */
const httpRow = (f: DiagnosisFacts, pick: (kind: DiagnosisKind) => boolean) =>
  f.verifying === undefined && f.status !== undefined && pick(statusKind(f.status))
/** Rows that read only the words: they apply when no HTTP status decides. */
const words = (f: DiagnosisFacts, re: RegExp) => f.verifying === undefined && f.status === undefined && re.test(f.text)
const unauthorizedSentence = (words: Wording, host: string | undefined, status: number | undefined) =>
  `Credentials missing or wrong for ${host ?? 'the host'}${status ? ` (${status})` : ''}: add a line \`${host ?? 'HOST'} USER:TOKEN\` to the ${words.input('auth')} ${words.setting} (from secrets.*), and check that the token may read this module.`
const unknownRevisionSentence = (f: DiagnosisFacts) =>
  `${f.subject} does not exist upstream (unknown revision${f.version ? ` ${f.version}` : ''}): the tag was deleted or never pushed; fix the require line in go.mod, or for a private module add ${f.privateInput}.`
const badResponseSentence = (f: DiagnosisFacts) =>
  `${f.host ?? 'A proxy'} answered with something that is not a Go module proxy response (an HTML page, a sign-in portal, a bad redirect): check its URL in ${f.words.input('proxies')} (a mirror's path such as /goproxy/ matters) or remove it.`
const transportRow = (kind: TransportKind, sentence: (f: DiagnosisFacts) => string): DiagnosisRule => ({
  kind,
  transient: TRANSIENT.has(kind),
  applies: f => f.verifying === undefined && f.transport === kind,
  sentence
})

/**
 * The diagnoses, most specific first. The order is the go command's precedence: the watchdog's and the deadline's
 * markers, checksum mismatches (never explained away), the checksum database's own errors, then the HTTP status the
 * message turns on, then the words alone.
 */
export const DIAGNOSES: readonly DiagnosisRule[] = [
  {
    kind: 'stalled',
    transient: true,
    applies: f => f.stallSeconds !== undefined,
    sentence: f =>
      `The download made no progress for ${f.stallSeconds} s and was stopped by the watchdog: a proxy or the network stalls from ${f.words.here}; it is tried again, and a proxy that keeps stalling should be removed from ${f.words.input('proxies')} or joined to a working one with "|".`,
    details: none
  },
  {
    kind: 'deadline',
    transient: false,
    applies: f => f.deadlineSeconds !== undefined,
    sentence: f =>
      `The warm phase used all of its ${f.deadlineSeconds} s before ${f.subject} was downloaded: the proxies are slow from ${f.words.here} or the module set is large; raise ${f.words.input('warm-timeout')} or check the probe table for a slow proxy.`,
    suggestion: f => f.words.line('warm-timeout', String((f.deadlineSeconds ?? 0) * 2)),
    details: none
  },
  {
    kind: 'checksum-mismatch-sumdb',
    transient: false,
    applies: f =>
      /checksum mismatch|SECURITY ERROR/.test(f.text) &&
      /reported by the checksum server|verifying (?:module|go\.mod): checksum mismatch/.test(f.text),
    sentence: f =>
      `${f.subject} as downloaded does not match the checksum database: a proxy in the chain serves altered bytes, or the module was re-tagged after publication; remove the proxy that served it from ${f.words.input('proxies')} (the go command refuses the download either way, and rightly so).`,
    details: none
  },
  {
    kind: 'checksum-mismatch-gosum',
    transient: false,
    applies: f => /checksum mismatch|SECURITY ERROR/.test(f.text),
    sentence: f =>
      `${f.subject} as downloaded does not match the hash in go.sum: the module was re-tagged upstream or a proxy serves different bytes than when go.sum was written; find out which copy is right before changing go.sum, and remove a proxy that serves altered bytes from ${f.words.input('proxies')} (verification stays on).`,
    details: none
  },
  {
    kind: 'not-found',
    transient: false,
    applies: f => f.verifying?.status !== undefined && NOT_FOUND.has(f.verifying.status),
    sentence: f =>
      `The checksum database does not know ${f.subject} (${f.verifying?.status}): it is most likely a private module; add ${f.privateInput} so it is fetched directly and not looked up in the public checksum database.`,
    suggestion: f => f.privateLine,
    details: f => ({ status: f.verifying?.status, host: f.verifying?.host })
  },
  {
    kind: 'unauthorized',
    transient: false,
    applies: f => f.verifying?.status !== undefined && statusKind(f.verifying.status) === 'unauthorized',
    sentence: f => unauthorizedSentence(f.words, f.verifying?.host, f.verifying?.status),
    suggestion: f => f.words.line('auth', `${f.verifying?.host ?? 'HOST'} USER:TOKEN`),
    details: f => ({ status: f.verifying?.status, host: f.verifying?.host })
  },
  {
    kind: 'verifying-gomod-unreachable',
    transient: false,
    applies: f => f.verifying !== undefined,
    sentence: f => {
      const via = f.verifying?.proxiedBy
        ? ` (through the proxy ${f.verifying.proxiedBy})`
        : f.verifying?.host
          ? ` (${f.verifying.host})`
          : ''
      return `The checksum database could not be reached from ${f.words.here}${via} to verify ${f.subject}: set ${f.words.input('sumdb', 'sum.golang.google.cn')} (the same database, reachable from mainland China) or put a proxy that proxies the database, such as goproxy.cn, first in ${f.words.input('proxies')}.`
    },
    suggestion: f => f.words.line('sumdb', 'sum.golang.google.cn'),
    details: f => ({ status: f.verifying?.status, host: f.verifying?.host })
  },
  {
    kind: 'lookup-disabled',
    transient: false,
    applies: f => /module lookup disabled by GOPROXY=off/.test(f.text),
    sentence: f =>
      `${f.subject} is not in the module cache and GOPROXY is off: list at least one proxy in ${f.words.input('proxies')} (or direct) for the warm phase to download it.`,
    details: none
  },
  {
    kind: 'unknown-revision',
    transient: false,
    applies: f =>
      httpRow(f, k => k === 'not-found' || k === 'gone') &&
      /unknown revision|invalid version/.test(f.detail) &&
      !/could not read Username|terminal prompts disabled|Authentication failed/.test(f.detail),
    sentence: unknownRevisionSentence
  },
  ...(['not-found', 'gone'] as const).map((kind): DiagnosisRule => ({
    kind,
    transient: false,
    applies: f => httpRow(f, k => k === kind),
    sentence: f =>
      `No proxy in the chain has ${f.subject} (${f.status} ${kind === 'gone' ? 'Gone' : 'Not Found'}): if it is a private module, add ${f.privateInput} so the go command fetches it directly with your git credentials; otherwise check that this version exists.`,
    suggestion: f => f.privateLine
  })),
  {
    kind: 'unauthorized',
    transient: false,
    applies: f => httpRow(f, k => k === 'unauthorized'),
    sentence: f => unauthorizedSentence(f.words, f.host, f.status),
    suggestion: f => f.words.line('auth', `${f.host ?? 'HOST'} USER:TOKEN`)
  },
  {
    kind: 'rate-limited',
    transient: true,
    applies: f => httpRow(f, k => k === 'rate-limited'),
    sentence: f =>
      `${f.host ?? 'The proxy'} answered 429 Too Many Requests: it rate-limits ${f.words.here}; the download is tried again with backoff, and a second proxy joined with "|" in ${f.words.input('proxies')} takes the load off.`
  },
  {
    kind: 'not-found',
    transient: false,
    applies: f => words(f, /reading file:\/\/\S+: no such file or directory/),
    sentence: f =>
      `No proxy in the chain has ${f.subject} (the file:// proxy lacks it): if it is a private module, add ${f.privateInput}; otherwise check that this version exists.`,
    suggestion: f => f.privateLine,
    details: none
  },
  {
    kind: 'unknown-revision',
    transient: false,
    applies: f => words(f, /unknown revision/),
    sentence: unknownRevisionSentence,
    details: hostOnly
  },
  {
    kind: 'unauthorized',
    transient: false,
    applies: f => words(f, GIT_AUTH_PROMPT),
    sentence: f => unauthorizedSentence(f.words, f.host, undefined),
    suggestion: f => f.words.line('auth', `${f.host ?? 'HOST'} USER:TOKEN`),
    details: hostOnly
  },
  {
    kind: 'bad-response',
    transient: false,
    applies: f =>
      f.verifying === undefined &&
      (f.status === undefined ? BAD_RESPONSE.test(f.text) : f.status >= 500 && BAD_RESPONSE.test(f.detail)),
    sentence: badResponseSentence
  },
  {
    kind: 'invalid-path',
    transient: false,
    applies: f =>
      words(f, /malformed module path|invalid module path|invalid path|invalid char|missing dot in first path element/),
    sentence: f =>
      `${f.module ?? 'A module path'} is not a valid module path: fix the require, replace or import line in go.mod (module paths start with a host name and hold no upper-case host letters or spaces).`,
    details: none
  },
  {
    kind: 'invalid-version',
    transient: false,
    applies: f =>
      words(
        f,
        /invalid version|no matching versions for query|is not a valid semantic version|invalid semantic version|version .* invalid/
      ),
    sentence: f =>
      `The version of ${f.module ?? 'a module'} is not valid or matches no release: write a full semantic version (v1.2.3) or a pseudo-version in go.mod.`,
    details: none
  },
  transportRow(
    'timeout',
    f =>
      `${Who(f)} did not answer in time: it is down, overloaded or blocked from ${f.words.here}; the download is tried again; if it keeps happening, ${swap(f)}.`
  ),
  transportRow(
    'refused',
    f =>
      `The connection to ${who(f)} was refused: nothing listens there or a firewall rejects it; the download is tried again; if it keeps happening, ${swap(f)}.`
  ),
  transportRow(
    'dns',
    f =>
      `The host name ${who(f)} could not be resolved from ${f.words.here}: check its spelling in ${f.words.input('proxies')}; a DNS hiccup is tried again.`
  ),
  transportRow(
    'tls',
    f =>
      `The TLS certificate of ${who(f)} is not trusted on ${f.words.here} (${/x509: [^\n]*/.exec(f.transportText)?.[0] ?? 'certificate error'}): behind a TLS-inspecting corporate proxy, install its CA certificate on ${f.words.here} (SSL_CERT_FILE); otherwise check the URL in ${f.words.input('proxies')}.`
  ),
  transportRow(
    'reset',
    f =>
      `The connection to ${who(f)} broke off mid-download (reset or EOF): a flaky network or proxy; the download is tried again; if it keeps happening, ${swap(f)}.`
  ),
  {
    kind: 'server-error',
    transient: true,
    applies: f => httpRow(f, k => k === 'server-error'),
    sentence: f =>
      `${f.host ?? 'The proxy'} answered ${f.status}: a fault on the proxy's side, usually temporary; the download is tried again, and a proxy that keeps failing should be joined to a working one with "|" in ${f.words.input('proxies')}.`
  },
  {
    kind: 'other',
    transient: false,
    applies: f => httpRow(f, () => true),
    sentence: f =>
      `${f.host ?? 'The proxy'} answered ${f.status} for ${f.subject}: the proxy refuses this request; check the proxy's documentation or remove it from ${f.words.input('proxies')}.`
  },
  {
    kind: 'other',
    transient: false,
    applies: () => true,
    sentence: f => {
      const lines = f.text
        .split('\n')
        .map(line => line.trim().replace(/^go: /, ''))
        .filter(line => line !== '')
      const said = (lines[0] ?? '').endsWith(':') && lines[1] ? `${lines[0]} ${lines[1]}` : (lines[0] ?? 'no message')
      return `${f.subject} failed: ${said.slice(0, 200).replace(/[.:]$/, '')}; see the go command's message above.`
    },
    details: hostOnly
  }
]

/** Works out, once, everything the rules read from one go error text. */
export function diagnosisFacts(rawText: string, context: DiagnoseContext = {}): DiagnosisFacts {
  const text = redactText(rawText)
  const words = context.words ?? ACTION_WORDING
  const named = moduleOf(text)
  const module = context.module ?? named.module
  const version = context.version ?? named.version
  const goMod = named.goMod === true && named.module === module && named.version === version
  const stall = /setup-goproxy watchdog: no progress for (\d+) s/.exec(text)
  const deadline = /setup-goproxy: warm-timeout of (\d+) s reached/.exec(text)
  const verifyingText = /verifying (?:go\.mod|module): (.*)/s.exec(text)?.[1]
  let verifying: DiagnosisFacts['verifying']
  if (verifyingText !== undefined) {
    const statuses = httpStatuses(verifyingText)
    const decisive = statuses.find(s => !NOT_FOUND.has(s.status)) ?? statuses[0]
    // A /sumdb/ URL on a real host means a proxy serves the database; the forwarder's own /sumdb/ path does not count.
    const proxiedBy = [...verifyingText.matchAll(/https?:\/\/[^\s"']*\/sumdb\/[^\s"']*/gi)]
      .map(m => hostOf(m[0]))
      .find(Boolean)
    verifying = {
      status: decisive?.status,
      host: decisive?.host ?? firstHost(verifyingText),
      ...(proxiedBy ? { proxiedBy } : {})
    }
  }
  const statuses = httpStatuses(text)
  // The go command reports the most useful error: any proxy error ranks above "not found".
  const decisive = statuses.find(s => !NOT_FOUND.has(s.status)) ?? statuses[0]
  const detail = serverResponse(text)
  const privatePattern = module ? privatePrefix(module) : 'your.host/org'
  // After a 5xx only the proxy's own words explain a transport fault; a 4xx is never one.
  const transportText = decisive === undefined ? text : detail
  const transport = decisive === undefined || decisive.status >= 500 ? transportKind(transportText) : undefined
  return {
    text,
    module,
    version,
    ...(goMod ? { goMod } : {}),
    subject: module ? (version ? `${module}@${version}` : module) : 'a module',
    privateLine: words.line('private', privatePattern),
    privateInput: words.input('private', privatePattern),
    words,
    ...(stall ? { stallSeconds: Number(stall[1]) } : {}),
    ...(deadline ? { deadlineSeconds: Number(deadline[1]) } : {}),
    verifying,
    status: decisive?.status,
    detail,
    host: decisive?.host ?? firstHost(detail) ?? firstHost(text),
    transport,
    transportText
  }
}

/**
 * Classifies one go error text (a -json `Error`, or the command's stderr) with the first row of DIAGNOSES that
 * applies. Credentials in URLs are redacted before anything is kept.
 */
export function diagnose(rawText: string, context: DiagnoseContext = {}): Diagnosis {
  const facts = diagnosisFacts(rawText, context)
  // The last row applies to every text, so a rule is always found.
  const rule = DIAGNOSES.find(r => r.applies(facts)) ?? DIAGNOSES[DIAGNOSES.length - 1]
  const details = rule.details ? rule.details(facts) : { host: facts.host, status: facts.status }
  const suggestion = rule.suggestion?.(facts)
  return {
    kind: rule.kind,
    transient: rule.transient,
    message: rule.sentence(facts).replace(/^a module/, 'A module'),
    ...(facts.module ? { module: facts.module } : {}),
    ...(facts.version ? { version: facts.version } : {}),
    ...(facts.goMod ? { goMod: facts.goMod } : {}),
    ...(details.host ? { host: details.host } : {}),
    ...(details.status ? { status: details.status } : {}),
    ...(suggestion ? { suggestion } : {})
  }
}
