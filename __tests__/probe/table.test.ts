import type { ProbeReport, ProxyResult } from '../../src/probe/report.js'
import { probeTableMarkdown, probeTableText, sumdbCheckMarkdown, sumdbCheckText } from '../../src/probe/table.js'

const proxy = (result: Partial<ProxyResult> & Pick<ProxyResult, 'url' | 'status' | 'message'>): ProxyResult => ({
  samplesMs: [],
  attempts: 1,
  medianMs: null,
  sumdbSupport: 'not asked',
  position: null,
  ...result
})

const report: ProbeReport = {
  module: 'golang.org/x/mod',
  timeoutMs: 3000,
  elapsedMs: 3004,
  order: 'latency',
  chain: 'https://goproxy.cn|https://bot:xxxxx@corp.example,direct',
  proxies: [
    proxy({
      url: 'https://proxy.golang.org',
      status: 'connect-timeout',
      message: 'connect timeout: no TCP connection to proxy.golang.org within 2998 ms'
    }),
    proxy({
      url: 'https://goproxy.cn',
      status: 'ok',
      message: 'works',
      samplesMs: [41.2, 40.1, 44],
      attempts: 3,
      medianMs: 41.2,
      sumdbSupport: 'yes',
      position: 1
    }),
    proxy({
      url: 'https://bot:xxxxx@corp.example',
      status: 'not-found',
      message: 'reachable, but HTTP 404 Not Found for golang.org/x/mod: it does not serve that module; kept',
      sumdbSupport: 'error',
      sumdbMessage: 'HTTP 502 Bad Gateway',
      position: 2
    }),
    proxy({
      url: 'https://mirrors.aliyun.com/goproxy/',
      status: 'ok',
      message: 'works',
      samplesMs: [90],
      attempts: 2,
      medianMs: 90,
      sumdbSupport: 'unknown',
      position: 3
    }),
    proxy({ url: 'https://x.example', status: 'http-status', message: 'HTTP 500: a | b' })
  ],
  sumdb: {
    name: 'sum.golang.org',
    status: 'ok',
    route: 'proxy',
    via: 'https://goproxy.cn',
    url: 'https://goproxy.cn/sumdb/sum.golang.org/latest',
    message: 'the go command sends checksum traffic through https://goproxy.cn: it answered',
    ms: 52.5
  },
  notes: [],
  problems: []
}

describe('the probe table: proxy, result, median latency, checksum-DB support, position in the exported chain', () => {
  it('as markdown for the job summary, with | escaped in cells and URLs kept from being linked (inert cells)', () => {
    expect(probeTableMarkdown(report)).toBe(
      [
        '| proxy | result | median | checksum DB | position |',
        '|---|---|---|---|---|',
        '| https:&#8203;//proxy.golang.org | connect timeout: no TCP connection to proxy.golang.org within 2998 ms | - | - | dropped |',
        '| https:&#8203;//goproxy.cn | works (3 samples) | 41.2 ms | proxied | 1 |',
        '| https:&#8203;//bot:xxxxx@corp.example | reachable, but HTTP 404 Not Found for golang.org/x/mod: it does not serve that module; kept | - | error: HTTP 502 Bad Gateway | 2 |',
        '| https:&#8203;//mirrors.aliyun.com/goproxy/ | works (1 sample; 1 more failed) | 90 ms | - | 3 |',
        '| https:&#8203;//x.example | HTTP 500: a \\| b | - | - | dropped |',
        '',
        'Probe module `golang.org/x/mod`, 3004 ms of 3000 ms, order: latency. Exported chain: `https://goproxy.cn|https://bot:xxxxx@corp.example,direct`.'
      ].join('\n')
    )
  })

  it('as aligned text for the log, the long result column last', () => {
    expect(probeTableText(report).split('\n')).toEqual([
      'proxy                                position  median   checksum DB                  result',
      'https://proxy.golang.org             dropped   -        -                            connect timeout: no TCP connection to proxy.golang.org within 2998 ms',
      'https://goproxy.cn                   1         41.2 ms  proxied                      works (3 samples)',
      'https://bot:xxxxx@corp.example       2         -        error: HTTP 502 Bad Gateway  reachable, but HTTP 404 Not Found for golang.org/x/mod: it does not serve that module; kept',
      'https://mirrors.aliyun.com/goproxy/  3         90 ms    -                            works (1 sample; 1 more failed)',
      'https://x.example                    dropped   -        -                            HTTP 500: a | b',
      'probe: 3004 ms of 3000 ms; module golang.org/x/mod; order latency',
      'chain: https://goproxy.cn|https://bot:xxxxx@corp.example,direct',
      'Checksum database sum.golang.org: ok: the go command sends checksum traffic through https://goproxy.cn: it answered (52.5 ms)'
    ])
  })

  it.each([
    [{ status: 'failed', message: 'x failed' }, 'Checksum database sum.golang.org: FAILED: x failed (52.5 ms)'],
    [{ status: 'switched', message: 'switched' }, 'Checksum database sum.golang.org: switched: switched (52.5 ms)'],
    [
      { status: 'off', message: 'GOSUMDB=off: nothing to check.', name: '' },
      'Checksum database: GOSUMDB=off: nothing to check.'
    ]
  ] as const)('the checksum-database verdict: %j', (change, expected) => {
    expect(sumdbCheckText({ ...report.sumdb, ...change })).toBe(expected)
  })

  it('the verdict as markdown escapes |', () => {
    expect(sumdbCheckMarkdown({ ...report, sumdb: { ...report.sumdb, message: 'a|b' } })).toBe(
      'Checksum database sum.golang.org: ok: a\\|b (52.5 ms)'
    )
  })
})
