/**
 * Node's and undici's error codes as the client's fault classes and messages, with the probe's
 * code tables (src/probe/report.ts), so that what the probe calls transient the warm phase
 * retries too, and in the go command's words where src/warm/diagnose.ts matches them.
 */
import { isClosedCode, isDnsCode, tlsReason } from '../probe/report.js'

/**
 * How a request failed on the network; 'local' is this machine's fault (writing the answer to disk failed: a full
 * or read-only directory), which no other proxy would mend.
 */
export type NetworkFault =
  'timeout' | 'refused' | 'reset' | 'dns' | 'tls' | 'redirect' | 'too-large' | 'local' | 'other'

/** The fault class of an error code (and message, for errors without a telling code). */
export function networkFault(code: string, message = ''): NetworkFault {
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL')
    return 'refused'
  if (isDnsCode(code)) return 'dns'
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timeout'
  // HPE_INVALID_CONSTANT: garbage where a status line belongs, as when a reused keep-alive socket was half closed.
  if (isClosedCode(code) || code === 'HPE_INVALID_CONSTANT' || code === 'UND_ERR_SOCKET') return 'reset'
  if (tlsReason(code) !== undefined) return 'tls'
  if (/socket hang up|other side closed/i.test(message)) return 'reset'
  return 'other'
}

const WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EAI_AGAIN: 'temporary failure in name resolution',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable'
}

/** The words for a failure: "connection refused", "no such host", "tls: ..." or the error's own message. */
export function describeNetworkError(code: string, message: string): string {
  if (WORDS[code]) return WORDS[code]
  if (isDnsCode(code)) return 'no such host'
  const reason = tlsReason(code)
  if (reason !== undefined) return `tls: ${reason.includes(code) ? reason : `${reason} (${code})`}`
  return message
}
