/**
 * One GET to an upstream proxy (or checksum database) for the warm forwarder, over the one HTTP
 * client (src/net/http.ts): a deadline for the first byte and for every gap between chunks,
 * redirects and credentials as the go command handles them, every failure classified so the
 * forwarder can decide between retry, next proxy and stop. Never rejects.
 */
import type { Readable } from 'node:stream'
import type { Credentials } from '../../auth/types.js'
import type { HttpClient, NetworkFault } from '../../net/http.js'

export type { NetworkFault } from '../../net/http.js'

export type AttemptResult =
  /** A complete answer (any status), body buffered. */
  | {
      readonly type: 'complete'
      readonly status: number
      readonly contentType: string
      readonly body: Buffer
      readonly retryAfterMs?: number
    }
  /** A 2xx answer too large to buffer: the caller streams `rest` after `head` (the idle timeout stays armed). */
  | {
      readonly type: 'stream'
      readonly status: number
      readonly contentType: string
      readonly contentLength?: number
      readonly head: Buffer[]
      /** Ends normally only when the whole body arrived; a stall or a break is an 'error'. */
      readonly rest: Readable
    }
  | { readonly type: 'network'; readonly fault: NetworkFault; readonly message: string }

export interface AttemptOptions {
  readonly url: URL
  /** Credentials for `url`'s origin. */
  readonly credentials?: Credentials
  /** Credentials for a redirect to another origin (the go command looks every URL up in .netrc). */
  readonly credentialsFor?: (url: string) => Credentials | undefined
  /** Milliseconds allowed for the first byte and for each gap between chunks. */
  readonly timeoutMs: number
  /** Bodies larger than this are streamed instead of buffered (only 2xx answers). */
  readonly bufferLimit: number
  readonly client: HttpClient
  readonly signal: AbortSignal
  /** Called for every chunk received (the watchdog counts it as progress). */
  readonly onData?: (bytes: number) => void
}

/** Performs one attempt, following redirects. Never rejects. */
export async function attempt(options: AttemptOptions): Promise<AttemptResult> {
  const result = await options.client.get(options.url, {
    body: { mode: 'buffer', maxBytes: options.bufferLimit, overflow: 'stream' },
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.credentialsFor ? { credentialsFor: options.credentialsFor } : {}),
    headersTimeoutMs: options.timeoutMs,
    bodyIdleTimeoutMs: options.timeoutMs,
    signal: options.signal,
    ...(options.onData ? { onData: options.onData } : {})
  })
  if (result.kind === 'aborted')
    return { type: 'network', fault: 'other', message: 'the go command closed the request' }
  if (result.kind === 'failure') return { type: 'network', fault: result.fault, message: result.message }
  const { body } = result
  if (body.kind === 'stream') {
    return {
      type: 'stream',
      status: result.status,
      contentType: result.contentType,
      ...(result.contentLength !== undefined ? { contentLength: result.contentLength } : {}),
      head: body.head.length > 0 ? [body.head] : [],
      rest: body.rest
    }
  }
  return {
    type: 'complete',
    status: result.status,
    contentType: result.contentType,
    body: body.kind === 'buffered' ? body.bytes : Buffer.alloc(0),
    ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {})
  }
}
