import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import type { HttpAnswer, RequestPhase, TransportFailure } from '../core/probe-report.js'
import type { Credentials } from './url.js'
import { basicAuthorization } from '../core/auth/secrets.js'

/** Options for one probe GET. */
export interface GetOptions {
  /** performance.now() value at which the request is destroyed and reported as a 'DEADLINE' failure of its phase. */
  readonly deadline: number
  /** Basic-auth credentials, sent only to the origin (scheme, host, port) of the first URL, also across redirects. */
  readonly credentials?: Credentials
  /** CA certificates for https; undefined = Node's default store. */
  readonly ca?: readonly string[]
  /** Ends the request early; the result is then 'aborted'. */
  readonly signal?: AbortSignal
  /** Body bytes kept; the rest is not read (the answer says `truncated`). Default 64 KiB. */
  readonly maxBytes?: number
}

/** The outcome of one GET: an HTTP answer, a classified-ready transport failure, or an abort. ms = total wall time. */
export type GetResult =
  | { readonly kind: 'answer'; readonly answer: HttpAnswer; readonly ms: number }
  | { readonly kind: 'failure'; readonly failure: TransportFailure; readonly ms: number }
  | { readonly kind: 'aborted'; readonly ms: number }

const USER_AGENT = 'setup-goproxy-probe'
const MAX_REDIRECTS = 10

interface Attempt {
  readonly result: GetResult
  readonly location?: string
}

function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`
}

/**
 * One GET the way the go command's web client makes it (redirects followed, https→http
 * refused), with a hard deadline and no connection reuse: every socket is destroyed
 * when the request settles, and the deadline timer is unref'd, so nothing outlives the
 * call or keeps the process alive. Never rejects.
 */
export async function httpGet(url: string, options: GetOptions): Promise<GetResult> {
  const start = performance.now()
  let target: URL
  try {
    target = new URL(url)
  } catch (error) {
    const failure = {
      phase: 'connect',
      code: 'ERR_INVALID_URL',
      message: String(error),
      elapsedMs: 0,
      host: ''
    } as const
    return { kind: 'failure', failure, ms: 0 }
  }
  // Credentials belong to the URL's own origin; userinfo in the URL itself is never sent as such.
  const origin = originOf(target)
  for (let redirects = 0; ; redirects++) {
    target.username = ''
    target.password = ''
    const credentials = originOf(target) === origin ? options.credentials : undefined
    const { result, location } = await getOnce(target, credentials, options, start)
    if (result.kind !== 'answer' || location === undefined) return result
    let refused: string | undefined
    let next: URL | undefined
    try {
      next = new URL(location, target)
    } catch {
      refused = 'invalid Location'
    }
    if (next && next.protocol !== 'http:' && next.protocol !== 'https:')
      refused = `redirect to ${next.protocol} refused`
    else if (next && target.protocol === 'https:' && next.protocol === 'http:')
      refused = 'redirect from https to http refused'
    else if (redirects >= MAX_REDIRECTS) refused = `stopped after ${MAX_REDIRECTS} redirects`
    if (refused !== undefined || !next) {
      return { ...result, answer: { ...result.answer, redirectRefused: refused ?? 'invalid Location' } }
    }
    target = next
  }
}

function getOnce(
  target: URL,
  credentials: Credentials | undefined,
  options: GetOptions,
  start: number
): Promise<Attempt> {
  return new Promise<Attempt>(resolve => {
    if (options.signal?.aborted) return resolve({ result: { kind: 'aborted', ms: 0 } })
    const secure = target.protocol === 'https:'
    const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1')
    const host = target.host
    let phase: RequestPhase = net.isIP(hostname) ? 'connect' : 'dns'
    let settled = false
    const elapsed = () => Math.round((performance.now() - start) * 10) / 10

    const fail = (code: string, message: string) =>
      finish({
        result: { kind: 'failure', failure: { phase, code, message, elapsedMs: elapsed(), host }, ms: elapsed() }
      })
    const onAbort = () => finish({ result: { kind: 'aborted', ms: elapsed() } })
    // At the deadline, let one poll phase run first (setImmediate runs after it): an answer or
    // a connect that is already in, but not yet processed because the loop lagged, still counts.
    const timer = setTimeout(
      () => setImmediate(() => fail('DEADLINE', 'the probe deadline passed')),
      Math.max(0, options.deadline - performance.now())
    )
    timer.unref()
    options.signal?.addEventListener('abort', onAbort, { once: true })

    const headers: Record<string, string> = { 'User-Agent': USER_AGENT }
    if (credentials) {
      headers.Authorization = basicAuthorization(credentials.username, credentials.password)
    }
    const request = (secure ? https : http).request(
      {
        protocol: target.protocol,
        hostname,
        port: target.port === '' ? undefined : Number(target.port),
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers,
        agent: false,
        ...(secure && options.ca ? { ca: [...options.ca] } : {})
      },
      response => {
        phase = 'body'
        const status = response.statusCode ?? 0
        const location = response.headers.location
        const answer = (body: string, truncated: boolean): Attempt => ({
          result: {
            kind: 'answer',
            answer: {
              status,
              statusText: response.statusMessage ?? '',
              contentType: String(response.headers['content-type'] ?? ''),
              body,
              truncated,
              authSent: credentials !== undefined,
              host
            },
            ms: elapsed()
          },
          ...(status >= 300 && status < 400 && location !== undefined ? { location } : {})
        })
        if (status >= 300 && status < 400 && location !== undefined) return finish(answer('', false))
        const max = options.maxBytes ?? 64 * 1024
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          if (size + chunk.length > max) {
            chunks.push(chunk.subarray(0, max - size))
            finish(answer(Buffer.concat(chunks).toString('utf8'), true))
            return
          }
          chunks.push(chunk)
          size += chunk.length
        })
        response.on('end', () => finish(answer(Buffer.concat(chunks).toString('utf8'), false)))
        response.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ECONNRESET', error.message))
        response.on('close', () => fail('ECONNRESET', 'the connection closed before the body was complete'))
      }
    )
    request.on('socket', socket => {
      socket.once('lookup', () => {
        if (phase === 'dns') phase = 'connect'
      })
      socket.once('connect', () => {
        phase = secure ? 'tls' : 'response'
      })
      if (secure) socket.once('secureConnect', () => (phase = 'response'))
    })
    request.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'ERROR', error.message))
    request.end()

    function finish(attempt: Attempt): void {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      resolve(attempt)
      // Settle first, then tear down: a stalled socket can never hold the caller past its deadline.
      request.destroy()
    }
  })
}
