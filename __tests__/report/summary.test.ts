/** The job summary (src/report/summary.ts): what a reader sees first, and which variables get a row. */
import { describe, expect, it } from '@jest/globals'
import type { RunRecord } from '../../src/pipeline/record.js'
import { failedSummary, renderSummary, verdictLine, type SummaryParts } from '../../src/report/summary.js'

const EFFECTIVE = {
  GOPROXY: 'https://goproxy.cn,direct',
  GOSUMDB: 'sum.golang.org',
  GOPRIVATE: '',
  GONOPROXY: '',
  GONOSUMDB: '',
  GOINSECURE: ''
}

function parts(extra: Partial<SummaryParts> = {}): SummaryParts {
  return { effective: EFFECTIVE, exported: new Set(['GOPROXY']), chainSource: 'inputs', notes: [], ...extra }
}

/** Only the fields the verdict reads; the rest of a record does not matter to it. */
function record(fields: Record<string, unknown>): RunRecord {
  return {
    environment: { effective: EFFECTIVE, exports: { GOPROXY: EFFECTIVE.GOPROXY } },
    ...fields
  } as unknown as RunRecord
}

describe('the job summary', () => {
  it('opens with the version and the verdict, before any table', () => {
    const text = renderSummary(parts({ version: '1.2.3', verdict: '**Ready** in 2.0 s: GOPROXY `x`.' }))
    expect(text.split('\n').slice(0, 3)).toEqual(['## setup-goproxy 1.2.3', '', '**Ready** in 2.0 s: GOPROXY `x`.'])
  })

  it('has a row only for what the step exported; the unchanged variables share one line, empty ones by name', () => {
    const text = renderSummary(parts({ effective: { ...EFFECTIVE, GOPRIVATE: 'corp.example' } }))
    expect(text).toContain('| GOPROXY | `https://goproxy.cn,direct` |')
    expect(text).not.toMatch(/\| GOSUMDB \|/)
    expect(text).not.toContain('(empty)')
    expect(text).toContain(
      "Not changed by this step (Go's default or the job's environment): GOSUMDB=`sum.golang.org`, GOPRIVATE=`corp.example`, GONOPROXY, GONOSUMDB, GOINSECURE."
    )
  })

  it('a failed step shows no variable rows: it says nothing was exported', () => {
    const text = renderSummary(parts({ exported: new Set(), failure: 'No proxy in the chain works.' }))
    expect(text).not.toMatch(/^\| GOPROXY/m)
    expect(text).toContain('Nothing was exported: the step failed.')
  })
})

describe('the verdict: is my job ready, and how fast was it', () => {
  it('ready: the time, the chain, the fastest proxy with its median, the Go and the module cache', () => {
    const line = verdictLine(
      record({
        probe: {
          fastest: 'https://goproxy.cn',
          report: { proxies: [{ url: 'https://goproxy.cn', medianMs: 38 }] }
        },
        installedGo: { version: '1.23.5', cacheHit: true },
        warm: { downloaded: 12, cached: 3, seconds: 4.25 }
      }),
      5240
    )
    expect(line).toBe(
      '**Ready** in 5.2 s: GOPROXY `https://goproxy.cn,direct`; fastest `https://goproxy.cn` (38 ms); Go 1.23.5 (already installed); module cache warm: 12 downloaded, 3 cached, 4.3 s.'
    )
  })

  it('not ready: the first line of the failure', () => {
    expect(verdictLine(record({ failure: 'Warming failed: 2 module(s).\nmore' }), 800)).toBe(
      '**Not ready** after 0.8 s: Warming failed: 2 module(s).'
    )
  })

  it('a run that ended before it had a record (invalid input) still gets a summary', () => {
    const text = failedSummary('Invalid input — nothing was exported.\nInput \'region\': "mars"', {
      version: '1.0.0',
      elapsedMs: 90
    })
    expect(text).toContain('## setup-goproxy 1.0.0')
    expect(text).toContain('**Not ready** after 0.1 s: Invalid input — nothing was exported.')
    expect(text).toContain('> Input \'region\': "mars"')
  })
})
