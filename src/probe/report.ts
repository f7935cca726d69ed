import { redactText } from '../go/proxy/url.js'
import { isTemporaryNotFound } from '../go/proxy/walk.js'
import type { SupportedAnswer } from '../go/sumdb/route.js'

/**
 * What the probe found, in words a user can act on. Pure: the network side hands in
 * plain data (a status, a body, a Node error code and the request phase) and this
 * module decides the class and the sentence, so the wording is tested without sockets.
 */

/** How one proxy answered `GET <proxy>/<module>/@v/list`. */
export type ProbeStatus =
  /** A valid version list: the proxy works. */
  | 'ok'
  /** 404/410: reachable, does not serve the probe module (normal for a private-only proxy); kept. */
  | 'not-found'
  /** 401/403: credentials missing or rejected. */
  | 'unauthorized'
  /** Any other HTTP status (5xx, 429, an unfollowed redirect). */
  | 'http-status'
  /** HTTP 200 with HTML or anything else that is not a version list (a captive portal, a web server). */
  | 'not-proxy'
  | 'dns'
  | 'refused'
  | 'connect-timeout'
  /** The connection was accepted but nothing came back before the deadline. */
  | 'no-response'
  /**
   * Not answered within the grace window while another member of its `|` run worked and the
   * checksum-database path was verified: dropped so the probe ends early (probe/settle.ts).
   */
  | 'too-slow'
  /** Headers arrived but the body was still trickling in at the deadline. */
  | 'slow'
  | 'tls'
  /** The server closed or reset the connection before a complete answer. */
  | 'connection-closed'
  /** Any other socket error (network unreachable, address not available). */
  | 'network'
  /** A file:// proxy whose directory does not exist or cannot be read. */
  | 'file-missing'

/** Statuses that keep an entry in the exported chain. A not-found proxy is reachable; Go falls through it on 404/410. */
export function isWorking(status: ProbeStatus): boolean {
  return status === 'ok' || status === 'not-found'
}

/** What a proxy said to `/sumdb/<name>/supported`: 'unknown' when it had not answered once the route was known (its answer did not matter); 'not asked' when GOSUMDB is off or names a URL. */
export type SumdbSupport = 'yes' | 'no' | 'error' | 'unknown' | 'not asked'

/** One proxy in the probe report (the `probe-report` output): every URL is redacted. */
export interface ProxyResult {
  readonly url: string
  readonly status: ProbeStatus
  readonly message: string
  /** Latency of each successful sample, in ms (the whole request; the first one includes the connection set-up, later ones reuse the connection). */
  readonly samplesMs: readonly number[]
  /** Requests made for the version list. */
  readonly attempts: number
  readonly medianMs: number | null
  readonly sumdbSupport: SumdbSupport
  /** Why `sumdbSupport` is 'error'. */
  readonly sumdbMessage?: string
  /** 1-based position in the exported chain; null when the entry was dropped. */
  readonly position: number | null
}

/** How the go command will reach the checksum database, and whether that path answered: the checksum-DB check. */
export interface SumdbCheck {
  /** The database name (`sum.golang.org` also for the alias); '' when GOSUMDB is off. */
  readonly name: string
  readonly status: 'ok' | 'off' | 'failed' | 'switched'
  /** explicit: the URL in GOSUMDB; proxy: through `via`; direct: https://<name>; none: no path (a proxy error stops Go). */
  readonly route: 'off' | 'explicit' | 'proxy' | 'direct' | 'none'
  /** The proxy that serves the database (redacted), for route 'proxy'. */
  readonly via?: string
  /** The `/latest` URL checked (redacted). */
  readonly url?: string
  readonly message: string
  readonly ms?: number
}

/** The `probe-report` output: JSON-serialisable, secrets already redacted. */
export interface ProbeReport {
  readonly module: string
  readonly timeoutMs: number
  readonly elapsedMs: number
  readonly order: 'latency' | 'given'
  /** The chain the probe proposes, as GOPROXY text (redacted). */
  readonly chain: string
  readonly proxies: readonly ProxyResult[]
  readonly sumdb: SumdbCheck
  /** Things the user should know that are not failures (the database switched, a gate dropped). */
  readonly notes: readonly string[]
  readonly problems: readonly string[]
}

/** Where a request was when it failed: the class of a failure depends on it. */
export type RequestPhase = 'dns' | 'connect' | 'tls' | 'response' | 'body'

/** A request that ended without an HTTP answer, as the network side saw it. */
export interface TransportFailure {
  readonly phase: RequestPhase
  /** Node's error code (ECONNREFUSED, CERT_HAS_EXPIRED, ...) or 'DEADLINE' when the probe deadline ended it. */
  readonly code: string
  /** Node's message, shown only for unknown codes (redacted). */
  readonly message: string
  readonly elapsedMs: number
  /** host[:port] the request went to. */
  readonly host: string
}

/**
 * An HTTP answer as the probe judges it (the body as text, possibly cut at a size limit). The
 * shell maps the HTTP client's answer into it (src/probe/attempt.ts): the core never sees sockets.
 */
export interface ProbeAnswer {
  readonly status: number
  readonly statusText: string
  readonly contentType: string
  readonly body: string
  /** True when the body was longer than the reader's limit and was cut. */
  readonly truncated: boolean
  /** Whether an Authorization header went with the request. */
  readonly authSent: boolean
  readonly host: string
  /** Why a redirect (3xx) was not followed. */
  readonly redirectRefused?: string
}

/**
 * What one probe request came back with: the core's one per-request observation, read by the
 * classifiers and by the retry rule (probe/retry.ts).
 */
export type ProbeAttempt =
  | { readonly kind: 'answer'; readonly answer: ProbeAnswer }
  | { readonly kind: 'failure'; readonly failure: TransportFailure }
  /** Cut short because its answer was no longer needed (the probe ended, or the proxy was cut as too slow). */
  | { readonly kind: 'aborted' }

export interface Classification {
  readonly status: ProbeStatus
  readonly message: string
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA'])
const CLOSED_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'HPE_INVALID_EOF_STATE'
])

/** True for Node's name-resolution failure codes (ENOTFOUND, EAI_*): the host name did not resolve. */
export function isDnsCode(code: string): boolean {
  return DNS_CODES.has(code)
}

/** True for codes meaning the peer closed or reset the connection before a complete answer. */
export function isClosedCode(code: string): boolean {
  return CLOSED_CODES.has(code)
}

/** Node's certificate and handshake codes, as reasons a user recognises. */
const TLS_REASONS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN:
    'self-signed certificate in the chain (an untrusted root, such as a TLS-inspecting firewall)',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid (is the clock here right?)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate not valid for this host name (hostname mismatch)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by an unknown authority',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_REVOKED: 'certificate revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature invalid',
  ERR_SSL_WRONG_VERSION_NUMBER: 'handshake failed: the server does not speak TLS on this port',
  EPROTO: 'handshake failed (protocol error)'
}

/** The reason for a TLS failure code, or undefined when the code is not about TLS. */
export function tlsReason(code: string): string | undefined {
  // OpenSSL's verification codes (UNABLE_TO_*, HOSTNAME_MISMATCH, INVALID_CA, ...) without a wording of their own.
  const tlsCode = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_)|^(HOSTNAME_MISMATCH|INVALID_CA|INVALID_PURPOSE)$/
  return TLS_REASONS[code] ?? (tlsCode.test(code) ? `handshake failed (${code})` : undefined)
}

/** Classifies a request that never produced an HTTP answer. */
export function classifyFailure(failure: TransportFailure): Classification {
  const { code, host, phase } = failure
  const within = `within ${Math.round(failure.elapsedMs)} ms`
  const hostname = host.replace(/:\d+$/, '')
  if (code === 'DEADLINE') {
    switch (phase) {
      case 'dns':
        return { status: 'dns', message: `DNS failure: the lookup of ${hostname} did not finish ${within}` }
      case 'connect':
        return { status: 'connect-timeout', message: `connect timeout: no TCP connection to ${host} ${within}` }
      case 'tls':
        return {
          status: 'no-response',
          message: `no response: ${host} accepted the connection but did not complete the TLS handshake ${within}`
        }
      case 'response':
        return {
          status: 'no-response',
          message: `no response: ${host} accepted the connection but sent nothing ${within}`
        }
      case 'body':
        return {
          status: 'slow',
          message: `slow: ${host} sent headers but the body was still arriving after ${Math.round(failure.elapsedMs)} ms`
        }
    }
  }
  if (DNS_CODES.has(code)) {
    const why = code === 'EAI_AGAIN' ? 'the DNS server did not answer' : 'the name does not resolve'
    return { status: 'dns', message: `DNS failure: ${hostname}: ${why} (${code})` }
  }
  if (code === 'ECONNREFUSED') return { status: 'refused', message: `connection refused by ${host}` }
  if (code === 'ETIMEDOUT' && phase === 'connect') {
    return { status: 'connect-timeout', message: `connect timeout: no TCP connection to ${host} (${code})` }
  }
  const reason = tlsReason(code)
  if (reason) return { status: 'tls', message: `TLS error: ${reason} (${host}, ${code})` }
  if (CLOSED_CODES.has(code) || /socket hang up/i.test(failure.message)) {
    if (phase === 'tls') {
      return { status: 'tls', message: `TLS error: ${host} closed the connection during the handshake (${code})` }
    }
    return { status: 'connection-closed', message: `connection closed by ${host} before a complete answer (${code})` }
  }
  return { status: 'network', message: `network error reaching ${host}: ${oneLine(failure.message)} (${code})` }
}

/**
 * The first lines of a text/plain error body, as the go command quotes them:
 * control characters removed, credentials in URLs redacted, cut to a readable length.
 * '' for any other content type.
 */
export function bodyExcerpt(contentType: string, body: string, maxLines = 2): string {
  if (!/^text\/plain\b/i.test(contentType.trim())) return ''
  const lines = body
    .split('\n')
    .map(line => oneLine(line))
    .filter(line => line !== '')
    .slice(0, maxLines)
  const text = redactText(lines.join(' / '))
  return text.length > 200 ? `${text.slice(0, 199)}…` : text
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim()
}

const SEMVER =
  /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/

/**
 * True for a `@v/list` body: one version per line (Go reads the first field of each
 * line), blank lines allowed, empty allowed. When the body was cut at a size limit
 * the last, partial line is not judged.
 */
export function isVersionList(body: string, truncated = false): boolean {
  const lines = body.split('\n')
  // Cut at the limit with no newline at all: one unfinished line is no list (an endless blob, a page).
  if (truncated && lines.length === 1) return false
  if (truncated) lines.pop()
  return lines.every(line => {
    const first = line.trim().split(/\s+/)[0]
    return first === '' || SEMVER.test(first)
  })
}

function looksLikeHtml(contentType: string, body: string): boolean {
  return /^\s*(text\/html|application\/xhtml)/i.test(contentType) || /^\s*<(!doctype|html|head|body|\?xml)/i.test(body)
}

function statusLine(answer: ProbeAnswer): string {
  const text = answer.statusText.trim()
  return `HTTP ${answer.status}${text ? ` ${oneLine(text)}` : ''}`
}

/**
 * The words for an answer that is not a success: the status, then what a text/plain
 * body says; 401/403 name the host that wants credentials.
 */
export function describeFailedAnswer(answer: ProbeAnswer): Classification {
  if (answer.status === 401 || answer.status === 403) {
    const host = answer.host
    return {
      status: 'unauthorized',
      message: answer.authSent
        ? `${statusLine(answer)}: credentials missing or wrong for ${host}: the ones sent were refused; check the auth line for ${host}`
        : `${statusLine(answer)}: credentials missing or wrong for ${host}: none were sent; add an auth line for ${host} (auth: ${host} [USER:]SECRET)`
    }
  }
  if (answer.status >= 300 && answer.status < 400) {
    return {
      status: 'http-status',
      message: `${statusLine(answer)}: redirect not followed (${answer.redirectRefused ?? 'no Location'})`
    }
  }
  const excerpt = bodyExcerpt(answer.contentType, answer.body)
  return { status: 'http-status', message: excerpt ? `${statusLine(answer)}: ${excerpt}` : statusLine(answer) }
}

/** Classifies the answer to `GET <proxy>/<module>/@v/list`. */
export function classifyListAnswer(answer: ProbeAnswer, module: string): Classification {
  // goproxy/goproxy's 404 for a failure of its own (bad upstream, fetch timed out) is an error, not "does not serve".
  if ((answer.status === 404 || answer.status === 410) && !isTemporaryNotFound(answer.status, answer.body)) {
    return {
      status: 'not-found',
      message: `reachable, but ${statusLine(answer)} for ${module}: it does not serve that module (normal for a proxy that serves only private modules); kept`
    }
  }
  if (answer.status !== 200) return describeFailedAnswer(answer)
  if (looksLikeHtml(answer.contentType, answer.body)) {
    return {
      status: 'not-proxy',
      message: 'not a module proxy: HTTP 200 with an HTML page (a login page or a web server, not the GOPROXY protocol)'
    }
  }
  if (!isVersionList(answer.body, answer.truncated)) {
    const first = redactText(oneLine(answer.body.split('\n')[0] ?? '')).slice(0, 60)
    return {
      status: 'not-proxy',
      message: `not a module proxy: HTTP 200 but not a version list (starts with ${JSON.stringify(first)})`
    }
  }
  return { status: 'ok', message: 'works' }
}

export type { SupportedAnswer } from '../go/sumdb/route.js'

/** 200: the proxy serves the database; 404/410: ask the next entry; anything else is an error. */
export function classifySupportedAnswer(answer: ProbeAnswer): SupportedAnswer {
  if (answer.status === 200) return { support: 'yes', message: 'serves the checksum database' }
  if ((answer.status === 404 || answer.status === 410) && !isTemporaryNotFound(answer.status, answer.body))
    return { support: 'no', message: `${statusLine(answer)}: does not serve it` }
  return { support: 'error', message: describeFailedAnswer(answer).message }
}

/** The middle of the measurements (mean of the two middle ones for an even count), to 0.1 ms; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const value = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return Math.round(value * 10) / 10
}

/**
 * Checks that a `/latest` body is a signed tree head of `name`, by shape only (the
 * go command verifies the signature itself): `go.sum database tree`, a size, a hash,
 * a blank line, then a signature line `— <name> <base64>`. Returns the problem, or
 * undefined when the shape is right.
 */
export function checkTreeHead(body: string, name: string): string | undefined {
  const lines = body.split('\n')
  if (lines[0] !== 'go.sum database tree') {
    return `not a signed tree head (starts with ${JSON.stringify(oneLine(lines[0] ?? '').slice(0, 60))})`
  }
  if (!/^\d+$/.test(lines[1] ?? '') || !/^[A-Za-z0-9+/]+=*$/.test(lines[2] ?? '')) {
    return 'a malformed tree head (no tree size and hash)'
  }
  const signers = lines.filter(line => line.startsWith('— ')).map(line => line.split(' ')[1])
  if (!signers.includes(name)) {
    return signers.length === 0
      ? 'an unsigned tree head'
      : `a tree head signed by ${signers.join(', ')}, not by ${name}`
  }
  return undefined
}
