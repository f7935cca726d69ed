/**
 * A proxy that answers 404 for the probe's public module is kept (it may serve only private modules, as a company
 * proxy before a public one does), but the run says so — in the log and in the summary's notes — so that a later
 * "not found" for a public module is not read as a private one. The action bundle, run as the runner runs it.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule } from '../support/modules.js'
import { runAction } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

const probeModule = defineModule({ path: 'example.com/pub/probe', version: 'v1.0.0' })
let sumdb: SumdbServer
let empty: TestProxy
let good: TestProxy

beforeAll(async () => {
  sumdb = await startSumdb({
    records: [
      { path: probeModule.path, version: probeModule.version, h1: probeModule.sum, goModH1: probeModule.goModSum }
    ]
  })
  empty = await startProxy({ modules: [] })
  good = await startProxy({ modules: [probeModule] })
})
afterAll(async () => {
  await Promise.all([sumdb, empty, good].map(server => server?.close()))
  await cleanupTempDirs()
})

test('a proxy that serves no public module is kept, and the log and the summary say so', async () => {
  const run = await runAction({
    inputs: {
      proxies: `${empty.url},${good.url}`,
      sumdb: sumdb.gosumdb,
      'probe-module': probeModule.path,
      'probe-timeout': '2000',
      warm: 'false'
    },
    env: goTestEnv(tempDir('serves-nothing-'), { GOPROXY: undefined, GOSUMDB: undefined })
  })
  expect(run.code).toBe(0)
  expect(run.env.GOPROXY).toBe(`${empty.url},${good.url}`)
  const note = `${empty.url} answered 404 for ${probeModule.path}, a public module: kept in the chain (it may serve only private modules), but public modules need a proxy after it or direct.`
  expect(run.stdout).toContain(`::notice::${note}`)
  expect(run.summary).toContain('### Notes')
  expect(run.summary).toContain(probeModule.path)
  expect(run.summary).toMatch(/answered 404 for .*a public module: kept in the chain/)
  // The working proxy is not flagged.
  expect(run.stdout).not.toContain(`${good.url} answered 404`)
})
