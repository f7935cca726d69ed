/**
 * The diagnosis table row by row: one text per row, in table order, that this row (and no earlier one) decides;
 * the row's kind and transient flag in the result; every row reachable. Reordering or dropping a row fails here.
 */
import { DIAGNOSES, TRANSIENT, diagnose, diagnosisFacts, type DiagnosisKind } from '../../src/warm/diagnose.js'

const A = 'go: example.com/a@v1.0.0: '
const R = (url: string, status: string) => `${A}reading ${url}: ${status}`

/** [kind, text], in the order of DIAGNOSES. */
const SAMPLES: Array<[DiagnosisKind, string]> = [
  ['stalled', 'setup-goproxy watchdog: no progress for 30 s (no output); the go command was stopped'],
  ['deadline', 'setup-goproxy: warm-timeout of 300 s reached; the go command was stopped'],
  [
    'checksum-mismatch-sumdb',
    `${A}verifying module: checksum mismatch\n\tdownloaded: h1:x=\n\tsum.golang.org: h1:y=\n\nSECURITY ERROR`
  ],
  [
    'checksum-mismatch-gosum',
    `verifying example.com/a@v1.0.0: checksum mismatch\n\tdownloaded: h1:x=\n\tgo.sum: h1:y=\n\nSECURITY ERROR`
  ],
  [
    'not-found',
    `${A}verifying module: ${R('https://sum.golang.org/lookup/example.com/a@v1.0.0', '404 Not Found').slice(A.length)}`
  ],
  ['unauthorized', `${A}verifying go.mod: reading https://sum.example/lookup/example.com/a@v1.0.0: 403 Forbidden`],
  [
    'verifying-gomod-unreachable',
    `${A}verifying go.mod: Get "https://sum.golang.org/lookup/example.com/a@v1.0.0": dial tcp: i/o timeout`
  ],
  ['lookup-disabled', `${A}module lookup disabled by GOPROXY=off`],
  [
    'unknown-revision',
    `${R('https://proxy.golang.org/example.com/a/@v/v1.0.0.info', '404 Not Found')}\n\tserver response: not found: unknown revision v1.0.0`
  ],
  ['not-found', R('https://proxy.golang.org/example.com/a/@v/v1.0.0.info', '404 Not Found')],
  ['gone', R('https://proxy.golang.org/example.com/a/@v/v1.0.0.info', '410 Gone')],
  ['unauthorized', R('https://goproxy.corp.example/example.com/a/@v/v1.0.0.info', '401 Unauthorized')],
  ['rate-limited', R('https://goproxy.cn/example.com/a/@v/v1.0.0.zip', '429 Too Many Requests')],
  ['not-found', `${A}reading file:///tmp/proxy/example.com/a/@v/v1.0.0.info: no such file or directory`],
  ['unknown-revision', `${A}invalid version: unknown revision v1.0.0`],
  [
    'unauthorized',
    `${A}git ls-remote: fatal: could not read Username for 'https://git.corp.example': terminal prompts disabled`
  ],
  ['bad-response', `${A}invalid character '<' looking for beginning of value`],
  ['invalid-path', 'go: malformed module path "example com/a": invalid char \' \''],
  ['invalid-version', `${A}no matching versions for query "v1"`],
  ['timeout', `${A}Get "https://goproxy.io/example.com/a/@v/v1.0.0.zip": dial tcp 1.2.3.4:443: i/o timeout`],
  ['refused', `${A}Get "https://goproxy.io/x": dial tcp 127.0.0.2:443: connect: connection refused`],
  ['dns', `${A}Get "https://goproxy.nowhere/x": dial tcp: lookup goproxy.nowhere: no such host`],
  [
    'tls',
    `${A}Get "https://goproxy.io/x": tls: failed to verify certificate: x509: certificate signed by unknown authority`
  ],
  ['reset', `${A}Get "https://goproxy.io/x": read tcp: connection reset by peer`],
  ['server-error', R('https://goproxy.io/example.com/a/@v/v1.0.0.zip', '500 Internal Server Error')],
  ['other', R('https://goproxy.io/example.com/a/@v/v1.0.0.zip', '400 Bad Request')],
  ['other', `${A}something nobody has seen before`]
]

describe('DIAGNOSES, row by row', () => {
  it('has one sample per row', () => {
    expect(SAMPLES.map(s => s[0])).toEqual(DIAGNOSES.map(r => r.kind))
  })

  it.each(SAMPLES.map(([kind, text], row) => [row, kind, text] as const))('row %i (%s)', (row, kind, text) => {
    const facts = diagnosisFacts(text)
    const first = DIAGNOSES.findIndex(r => r.applies(facts))
    expect(first).toBe(row)
    const d = diagnose(text)
    expect(d.kind).toBe(kind)
    expect(d.transient).toBe(DIAGNOSES[row].transient)
    expect(d.message).not.toMatch(/undefined|GOSUMDB=off|sumdb: off/)
    expect(d.message).toMatch(/[.)]$/)
  })

  it('marks exactly the network, rate-limit, 5xx and stall rows transient', () => {
    for (const rule of DIAGNOSES) expect([rule.kind, rule.transient]).toEqual([rule.kind, TRANSIENT.has(rule.kind)])
  })

  it('the last row applies to any text, so every text gets a diagnosis', () => {
    const last = DIAGNOSES[DIAGNOSES.length - 1]
    for (const text of ['', '\n', 'x', 'ünïcødé']) expect(last.applies(diagnosisFacts(text))).toBe(true)
  })

  it('a 5xx that a gateway explains as a transport fault is that fault, a 4xx never is', () => {
    const gateway = `${R('https://goproxy.io/x', '502 Bad Gateway')}\n\tserver response: dial tcp: i/o timeout`
    expect(diagnose(gateway)).toMatchObject({ kind: 'timeout', status: 502, host: 'goproxy.io' })
    const forbidden = `${R('https://goproxy.io/x', '403 Forbidden')}\n\tserver response: dial tcp: i/o timeout`
    expect(diagnose(forbidden).kind).toBe('unauthorized')
  })
})
