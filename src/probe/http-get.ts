/**
 * The probe's GET: a thin adapter over the one HTTP client (src/net/http.ts) that keeps the
 * probe's result shape (HttpAnswer / TransportFailure of src/core/probe-report.ts). Each call
 * has a client of its own, destroyed as soon as the call settles: the probe's hard deadline
 * holds whatever the network does, and no socket or timer outlives the call.
 */
import type { Credentials } from '../core/auth/types.js'
import type { HttpAnswer, TransportFailure } from '../core/probe-report.js'
import { createHttpClient } from '../net/http.js'

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

/**
 * One GET the way the go command's web client makes it (redirects followed, https→http
 * refused, the environment's HTTP proxy), with a hard deadline and no connection reuse.
 * Never rejects.
 */
export async function httpGet(url: string, options: GetOptions): Promise<GetResult> {
  const client = createHttpClient({
    ...(options.ca ? { ca: options.ca } : {}),
    env: process.env,
    userAgent: 'setup-goproxy-probe',
    connectionsPerOrigin: 1
  })
  const result = await client.get(url, {
    body: { mode: 'buffer', maxBytes: options.maxBytes ?? 64 * 1024 },
    deadline: options.deadline,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.signal ? { signal: options.signal } : {})
  })
  // Settle first, then tear down: a stalled socket can never hold the caller past its deadline.
  void client.close()
  if (result.kind === 'aborted') return result
  if (result.kind === 'answer') {
    const body = result.body.kind === 'buffered' ? result.body : { bytes: Buffer.alloc(0), truncated: true }
    return {
      kind: 'answer',
      answer: {
        status: result.status,
        statusText: result.statusText,
        contentType: result.contentType,
        body: body.bytes.toString('utf8'),
        truncated: body.truncated,
        authSent: result.authSent,
        host: result.host
      },
      ms: result.ms
    }
  }
  if (result.fault === 'redirect' && result.status !== undefined) {
    const answer: HttpAnswer = {
      status: result.status,
      statusText: '',
      contentType: '',
      body: '',
      truncated: false,
      authSent: result.authSent,
      host: result.host,
      redirectRefused: result.message
    }
    return { kind: 'answer', answer, ms: result.ms }
  }
  // The probe's classifier reads a connect timeout as ETIMEDOUT in the connect phase.
  const code = result.code === 'CONNECT_TIMEOUT' ? 'ETIMEDOUT' : result.code
  const failure: TransportFailure = {
    phase: result.phase,
    code,
    message: result.message,
    elapsedMs: result.ms,
    host: result.host
  }
  return { kind: 'failure', failure, ms: result.ms }
}
