/**
 * An upstream answer in the forwarder's terms (the walk itself is src/net/walk.ts's, on the one HTTP client): a
 * buffered answer, a 2xx too large to buffer that the forwarder streams to go, or a classified network failure.
 */
import type { Readable } from 'node:stream'
import type { HttpAnswer, HttpFailure, NetworkFault } from '../../net/http.js'

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
  /** A 2xx answer spooled to `file` to be compared with go.sum (verify.ts): served from there, then removed. */
  | {
      readonly type: 'file'
      readonly status: number
      readonly contentType: string
      readonly file: string
      readonly bytes: number
    }
  | { readonly type: 'network'; readonly fault: NetworkFault; readonly message: string }

/** A try's answer in the forwarder's terms: a buffered answer, a streamed 2xx, or a network failure. */
export function toAttemptResult(result: HttpAnswer | HttpFailure): AttemptResult {
  if (result.kind === 'failure') return { type: 'network', fault: result.fault, message: result.message }
  const { body } = result
  if (body.kind === 'file') {
    return { type: 'file', status: result.status, contentType: result.contentType, file: body.path, bytes: body.bytes }
  }
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
    body: body.bytes,
    ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {})
  }
}

/** What a request the go command closed (or the forwarder ended) leaves behind. */
export const CLOSED: AttemptResult = { type: 'network', fault: 'other', message: 'the go command closed the request' }
