/**
 * One GET to an upstream proxy (or checksum database) with the timeouts the go command
 * lacks: a deadline for the first byte and for every gap between chunks. Follows redirects
 * like Go's client (never from https to http; credentials only to the same origin) and
 * classifies every failure so the forwarder can decide between retry, next proxy and stop.
 */
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { isClosedCode, isDnsCode, tlsReason } from '../core/probe-report.js'

/** How an attempt failed on the network, before or during the answer. */
export type NetworkFault = 'timeout' | 'refused' | 'reset' | 'dns' | 'tls' | 'redirect' | 'other'

export type AttemptResult =
  /** A complete answer (any status), body buffered. */
  | {
      readonly type: 'complete'
      readonly status: number
      readonly contentType: string
      readonly body: Buffer
      readonly retryAfterMs?: number
    }
  /** A 200 answer too large to buffer: the caller streams `rest` after `head`. */
  | {
      readonly type: 'stream'
      readonly status: 200
      readonly contentType: string
      readonly contentLength?: number
      readonly head: Buffer[]
      readonly rest: Readable
      /** Re-arms the idle timer for the streaming phase; call `done()` when finished. */
      readonly idle: { touch(): void; done(): void }
    }
  | { readonly type: 'network'; readonly fault: NetworkFault; readonly message: string }

export interface AttemptOptions {
  readonly url: URL
  readonly authorization?: string
  /** Credentials for a redirect to another origin (the go command looks every URL up in .netrc). */
  readonly authorizationFor?: (url: URL) => string | undefined
  /** Milliseconds allowed for the first byte and for each gap between chunks. */
  readonly timeoutMs: number
  /** Bodies larger than this are streamed instead of buffered (only 200 answers). */
  readonly bufferLimit: number
  readonly agents: { readonly http: http.Agent; readonly https: https.Agent }
  readonly signal: AbortSignal
  /** Called for every chunk received (the watchdog counts it as progress). */
  readonly onData?: (bytes: number) => void
}

const MAX_REDIRECTS = 10
/** Error bodies are only quoted, never served in full. */
const ERROR_BODY_LIMIT = 64 * 1024

/** Performs one attempt, following redirects. Never rejects. */
export async function attempt(options: AttemptOptions): Promise<AttemptResult> {
  if (options.url.protocol === 'file:') return readFileProxy(options.url)
  let url = options.url
  let authorization = options.authorization
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const result = await once({ ...options, url, authorization })
    if (result.type !== 'redirect') return result
    const next = new URL(result.location, url)
    if (url.protocol === 'https:' && next.protocol !== 'https:') {
      return {
        type: 'network',
        fault: 'redirect',
        message: `redirected from https to ${next.protocol.replace(':', '')}; refused`
      }
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return { type: 'network', fault: 'redirect', message: `redirected to an unsupported scheme ${next.protocol}` }
    }
    // Like Go's client: credentials go only to the origin they were given for (or that .netrc names).
    if (next.origin !== url.origin) authorization = options.authorizationFor?.(next)
    url = next
  }
  return { type: 'network', fault: 'redirect', message: `more than ${MAX_REDIRECTS} redirects` }
}

type OnceResult = AttemptResult | { readonly type: 'redirect'; readonly location: string }

function once(options: AttemptOptions): Promise<OnceResult> {
  return new Promise(resolve => {
    const { url } = options
    const secure = url.protocol === 'https:'
    const client = secure ? https : http
    let settled = false
    let streaming = false
    const finish = (result: OnceResult) => {
      if (settled) return
      settled = true
      if (!streaming) clearTimeout(timer)
      options.signal.removeEventListener('abort', onAbort)
      resolve(result)
    }
    const fail = (fault: NetworkFault, message: string) => {
      finish({ type: 'network', fault, message })
      request.destroy()
    }
    let timer: NodeJS.Timeout
    let timedOut = false
    const arm = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        timedOut = true
        request.destroy(new Error(`no answer within ${options.timeoutMs} ms`))
      }, options.timeoutMs)
    }
    const onAbort = () => fail('other', 'the go command closed the request')
    const request = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        agent: secure ? options.agents.https : options.agents.http,
        headers: {
          'User-Agent': 'setup-goproxy (warm phase)',
          Accept: '*/*',
          ...(options.authorization ? { Authorization: options.authorization } : {})
        }
      },
      response => {
        arm()
        const status = response.statusCode ?? 0
        const contentType = String(response.headers['content-type'] ?? '')
        if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
          response.resume()
          finish({ type: 'redirect', location: response.headers.location })
          return
        }
        const length = Number(response.headers['content-length'])
        const contentLength = Number.isFinite(length) && length >= 0 ? length : undefined
        const limit = status === 200 ? options.bufferLimit : ERROR_BODY_LIMIT
        const chunks: Buffer[] = []
        let size = 0
        const spill = () => {
          // Too large to hold: hand the rest of the stream to the caller, with the idle timer still armed.
          streaming = true
          response.off('data', onData)
          response.pause()
          finish({
            type: 'stream',
            status: 200,
            contentType,
            ...(contentLength !== undefined ? { contentLength } : {}),
            head: chunks,
            rest: response,
            idle: { touch: arm, done: () => clearTimeout(timer) }
          })
        }
        const onData = (chunk: Buffer) => {
          arm()
          options.onData?.(chunk.length)
          if (status !== 200 && size >= limit) return // an error body: keep the start, drain the rest
          chunks.push(chunk)
          size += chunk.length
          if (status === 200 && size > limit) spill()
        }
        if (status === 200 && contentLength !== undefined && contentLength > options.bufferLimit) {
          spill()
          return
        }
        response.on('data', onData)
        response.on('error', error => {
          if (!streaming)
            fail(timedOut ? 'timeout' : 'reset', timedOut ? error.message : `the answer broke off: ${error.message}`)
        })
        response.on('end', () => {
          if (streaming) return
          if (!response.complete) return fail('reset', 'the answer broke off before its end (unexpected EOF)')
          const retryAfter = parseRetryAfter(response.headers['retry-after'])
          finish({
            type: 'complete',
            status,
            contentType,
            body: Buffer.concat(chunks),
            ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {})
          })
        })
        response.on('close', () => {
          if (!streaming && !response.complete) {
            fail(
              timedOut ? 'timeout' : 'reset',
              timedOut
                ? `the answer stalled: no data for ${options.timeoutMs} ms`
                : 'the answer broke off before its end (unexpected EOF)'
            )
          }
        })
      }
    )
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (timedOut) return fail('timeout', `no answer within ${options.timeoutMs} ms`)
      fail(classifyError(error), describeError(error))
    })
    options.signal.addEventListener('abort', onAbort)
    if (options.signal.aborted) return onAbort()
    arm()
    request.end()
  })
}

/**
 * Maps a Node socket/TLS error to a fault class, with the probe's code tables (src/core/probe-report.ts)
 * so that a failure the probe called transient is retried here too.
 */
export function classifyError(error: NodeJS.ErrnoException): NetworkFault {
  const code = error.code ?? ''
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL')
    return 'refused'
  if (isDnsCode(code)) return 'dns'
  if (code === 'ETIMEDOUT') return 'timeout'
  // HPE_INVALID_CONSTANT: garbage where a status line belongs, as when a reused keep-alive socket was half closed.
  if (isClosedCode(code) || code === 'HPE_INVALID_CONSTANT') return 'reset'
  if (tlsReason(code) !== undefined) return 'tls'
  if (/socket hang up/.test(error.message)) return 'reset'
  return 'other'
}

/** The words for a failure, in the go command's own terms where diagnose.ts matches them ("no such host", "tls: "). */
function describeError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? ''
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    EAI_AGAIN: 'temporary failure in name resolution',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'no route to host',
    ENETUNREACH: 'network is unreachable'
  }
  if (words[code]) return words[code]
  if (isDnsCode(code)) return 'no such host'
  const reason = tlsReason(code)
  if (reason !== undefined) return `tls: ${reason.includes(code) ? reason : `${reason} (${code})`}`
  return error.message
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

/** A `file://` proxy: the file or 404, as the go command treats a missing file. */
async function readFileProxy(url: URL): Promise<AttemptResult> {
  let path: string
  try {
    path = fileURLToPath(url)
  } catch (error) {
    return { type: 'network', fault: 'other', message: String(error) }
  }
  try {
    const body = await readFile(path)
    return { type: 'complete', status: 200, contentType: 'application/octet-stream', body }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      return { type: 'complete', status: 404, contentType: 'text/plain', body: Buffer.from(`not found: ${path}\n`) }
    }
    return { type: 'network', fault: 'other', message: (error as Error).message }
  }
}
