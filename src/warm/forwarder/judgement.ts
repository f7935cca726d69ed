/**
 * How the forwarder words an upstream failure for the go command, which prints the body of an error answer after
 * `server response:`. What an answer means (served, not found, retry, final) is the walker's (src/go/proxy/walk.ts
 * ANSWER_RULES); this file only tells it.
 */
import http from 'node:http'
import { redactText, redactUrl } from '../../go/proxy/url.js'
import type { Outcome, Upstream } from './types.js'
import type { AttemptResult } from './upstream.js'

/** One line for the debug log about a try. */
export function summary(result: AttemptResult): string {
  if (result.type === 'network') return result.message
  if (result.type === 'stream' || result.type === 'file') return `${result.status} OK`
  return `${result.status} ${http.STATUS_CODES[result.status] ?? ''}`.trim()
}

/** The name to show for whoever answered: the proxy, or (for the checksum database itself) the URL's origin. */
export function describeUpstream(u: Upstream | undefined, url: URL): string {
  return u ? u.shown : redactUrl(url.origin)
}

/** The first lines of an upstream's text body, for the go command's `server response:`. */
export function bodyText(result: Extract<AttemptResult, { type: 'complete' }>, shown: string, after = ''): string {
  const plain = /text\/plain/i.test(result.contentType)
  const body = plain
    ? redactText(result.body.subarray(0, 2048).toString('utf8'))
        .split('\n')
        .map(line => line.trimEnd())
        .filter(line => line.trim() !== '')
        .slice(0, 6)
        .join('\n')
    : ''
  const head = `${shown}: ${result.status} ${http.STATUS_CODES[result.status] ?? ''}`.trim() + after
  return body ? `${head}: ${body}` : head
}

/**
 * A failed answer as the go command will see it: the upstream's status (504 for a timeout,
 * 502 for other network faults and HTML pages) and a text naming the proxy and the tries.
 */
export function toOutcome(
  u: Upstream | undefined,
  result: AttemptResult,
  verdict: string,
  tries: number,
  url?: URL
): Outcome {
  const shown = u ? u.shown : url ? redactUrl(url.origin) : 'upstream'
  const after = tries > 1 ? ` (${tries} tries by setup-goproxy)` : ''
  if (verdict === 'mismatch') {
    return { upstream: u, status: 502, notFound: false, text: `${shown}: served bytes that differ from go.sum${after}` }
  }
  if (result.type === 'complete') {
    if (result.status === 200) {
      return {
        upstream: u,
        status: 502,
        notFound: false,
        text: `${shown}: answered an HTML page, not a Go module proxy response${after}`
      }
    }
    return {
      upstream: u,
      status: result.status,
      notFound: verdict === 'not-found' || verdict === 'unavailable',
      text: bodyText(result, shown, after),
      contentType: result.contentType
    }
  }
  if (result.type === 'network') {
    return {
      upstream: u,
      status: result.fault === 'timeout' ? 504 : 502,
      notFound: false,
      text: `${shown}: ${result.message}${after}`
    }
  }
  return { upstream: u, status: 502, notFound: false, text: `${shown}: unexpected stream` }
}
