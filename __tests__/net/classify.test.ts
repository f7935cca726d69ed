import { judgeAnswer } from '../../src/go/proxy/walk.js'
import { networkFault, type NetworkFault } from '../../src/net/classify.js'

/** A Node socket error's code and message, as the client classifies them. */
function classifyError(error: { code: string; message: string }): NetworkFault {
  return networkFault(error.code, error.message)
}

function socketError(code: string, message = `${code} from the socket`): { code: string; message: string } {
  return { code, message }
}

describe('networkFault shares the probe code tables, so what the probe calls transient is retried', () => {
  it.each<[string, NetworkFault]>([
    // Newly transient: these fell to 'other' (permanent, never retried) while the probe called them dns / closed.
    ['EAI_FAIL', 'dns'],
    ['EAI_NONAME', 'dns'],
    ['EAI_NODATA', 'dns'],
    ['HPE_INVALID_EOF_STATE', 'reset'],
    // Already transient, kept.
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
    ['HPE_INVALID_CONSTANT', 'reset'],
    ['ECONNREFUSED', 'refused'],
    ['ETIMEDOUT', 'timeout']
  ])('%s is a %s fault and is retried', (code, fault) => {
    expect(classifyError(socketError(code))).toBe(fault)
    expect(judgeAnswer({ kind: 'failure', fault, request: 'small' })).toBe('transient')
  })

  it.each([
    'CERT_HAS_EXPIRED',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
    'HOSTNAME_MISMATCH',
    'INVALID_CA'
  ])('%s is a tls fault, which another try cannot fix', code => {
    const fault = classifyError(socketError(code))
    expect(fault).toBe('tls')
    expect(judgeAnswer({ kind: 'failure', fault, request: 'small' })).toBe('permanent')
  })

  it('an unknown code without "socket hang up" is other (permanent); with it, a reset', () => {
    expect(classifyError(socketError('ESOMETHING'))).toBe('other')
    expect(classifyError(socketError('ESOMETHING', 'socket hang up'))).toBe('reset')
  })
})
