/**
 * One word for the chain: the log's `chain:` line, the `probe-report` output (JSON), the summary's "Exported chain"
 * and what GITHUB_ENV holds must name the same chain — the one exported, or none when the step fails — in every
 * case where the chain has no working proxy left (every proxy refused, `direct`, `off`, a proxy that serves nothing)
 * and under both on-unreachable modes. The action bundle runs as the runner runs it; the CLI's `probe --json` is held
 * to the same rule.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { main } from '../../src/cli/main.js'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { startProxy, startRefusingPort, type TestProxy } from '../support/goproxy-server.js'
import { defineModule } from '../support/modules.js'
import { runAction } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import { memoryIo } from '../cli/memory-io.js'

const probeModule = defineModule({ path: 'example.com/pub/probe', version: 'v1.0.0' })

let sumdb: SumdbServer
let good: TestProxy
let empty: TestProxy
let refused: string

beforeAll(async () => {
  sumdb = await startSumdb({
    records: [
      { path: probeModule.path, version: probeModule.version, h1: probeModule.sum, goModH1: probeModule.goModSum }
    ]
  })
  good = await startProxy({ modules: [probeModule] })
  // Serves nothing: every request is answered 404 (a private-only proxy, or a misconfigured one).
  empty = await startProxy({ modules: [] })
  refused = `http://127.0.0.1:${await startRefusingPort()}`
})

afterAll(async () => {
  await Promise.all([sumdb, good, empty].map(server => server?.close()))
  await cleanupTempDirs()
})

type Case = [name: string, proxies: () => string, onUnreachable: 'fail' | 'warn']
const CASES: Case[] = [
  ['every proxy refused, then direct (fail)', () => `${refused},direct`, 'fail'],
  ['every proxy refused, then direct (warn)', () => `${refused},direct`, 'warn'],
  ['every proxy refused, no terminal (fail)', () => refused, 'fail'],
  ['every proxy refused, no terminal (warn)', () => refused, 'warn'],
  ['direct alone', () => 'direct', 'fail'],
  ['off alone', () => 'off', 'fail'],
  ['a proxy that serves nothing, then direct', () => `${empty.url},direct`, 'fail'],
  ['a working proxy after a refused one', () => `${refused}|${good.url}`, 'fail']
]

/** The chain as the log's probe table names it. */
function loggedChain(stdout: string): string | undefined {
  return /^chain: (.*)$/m.exec(stdout)?.[1]
}

describe('the log, the probe report, the summary and the export name one chain', () => {
  test.each(CASES)('%s', async (_name, proxies, onUnreachable) => {
    const run = await runAction({
      inputs: {
        proxies: proxies(),
        sumdb: sumdb.gosumdb,
        'on-unreachable': onUnreachable,
        'probe-module': probeModule.path,
        'probe-timeout': '1500',
        warm: 'false'
      },
      env: goTestEnv(tempDir('chain-word-'), { GOPROXY: undefined, GOSUMDB: undefined })
    })
    const report = run.outputs['probe-report'] ? (JSON.parse(run.outputs['probe-report']) as { chain: string }) : null
    const logged = loggedChain(run.stdout)
    if (!report) {
      // No probe ran (nothing to probe): then no table either.
      expect(logged).toBeUndefined()
      return
    }
    const exported = run.code === 0 ? (run.outputs.goproxy ?? '') : ''
    // The report names what was exported (nothing when the step failed) ...
    expect(report.chain).toBe(exported)
    // ... and the log and the summary name it with the same word.
    expect(logged).toBe(report.chain || '(none)')
    expect(run.summary).toContain(`Exported chain: \`${report.chain || '(none)'}\``)
    if (run.code === 0 && run.env.GOPROXY !== undefined) expect(run.env.GOPROXY).toBe(report.chain)
  })
})

describe("the CLI's probe --json names one chain too", () => {
  test.each(CASES)('%s', async (_name, proxies, onUnreachable) => {
    const cli = memoryIo(goTestEnv(tempDir('chain-word-cli-'), { GOPROXY: undefined, GOSUMDB: undefined }))
    const code = await main(
      [
        'probe',
        '--json',
        `--proxies=${proxies()}`,
        `--sumdb=${sumdb.gosumdb}`,
        `--on-unreachable=${onUnreachable}`,
        `--probe-module=${probeModule.path}`,
        '--probe-timeout=1500'
      ],
      cli.io
    )
    const document = JSON.parse(cli.stdout()) as { ok: boolean; goproxy: string | null; report: { chain: string } }
    expect(code).toBe(document.ok ? 0 : 1)
    expect(document.report.chain).toBe(document.goproxy ?? '')
  })
})
