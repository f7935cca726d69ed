/**
 * Defect 4: goproxy.io once served `/sumdb/<name>/latest` while answering 404 for every tile, so a probe that reads
 * only `latest` passes a checksum path go then fails on. The probe reads one tile too.
 */
import { composePlan } from '../../src/settings/compose.js'
import { readSettings } from '../../src/settings/settings.js'
import { probeChain } from '../../src/probe/probe.js'
import { httpUpstream, startGoproxyEngine, type Upstream } from '../support/goproxy-engine.js'
import { startRefusingPort } from '../support/goproxy-server.js'
import { defineModule } from '../support/modules.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

const mod = defineModule({ path: 'example.com/tiles/lib', version: 'v1.0.0' })
const servers: Array<{ close(): Promise<void> }> = []
let refused: string
let db: SumdbServer

const plan = (inputs: Record<string, string>) =>
  composePlan(
    readSettings(name => inputs[name] ?? ''),
    { env: {} }
  )
const probe = (inputs: Record<string, string>) =>
  probeChain(plan(inputs), {
    timeoutMs: 5000,
    probeModule: mod.path,
    order: 'given',
    samples: 1,
    endWhenSettled: false,
    sumdbBaseOverride: () => refused
  })

beforeAll(async () => {
  refused = `http://127.0.0.1:${await startRefusingPort()}`
  db = await startSumdb({
    name: 'sum.test.local',
    records: [{ path: mod.path, version: mod.version, h1: mod.sum, goModH1: mod.goModSum }]
  })
  servers.push(db)
})
afterAll(async () => {
  await Promise.all(servers.map(s => s.close()))
})

describe('defect 4: a checksum path whose latest works but whose tiles do not (goproxy.io)', () => {
  test('the probe reads one tile too, and does not pass a path go would then fail on', async () => {
    const latestOnly: Upstream = path =>
      path === 'latest' ? httpUpstream(db.url)(path) : { status: 404, body: 'not found' }
    const e = await startGoproxyEngine({ upstream: () => ({ status: 404 }), sumdbs: { 'sum.test.local': latestOnly } })
    servers.push(e)
    const outcome = await probe({ proxies: `${e.url},direct`, sumdb: db.verifierKey })
    expect(outcome.report.sumdb.route).toBe('proxy')
    expect(outcome.report.sumdb.status).toBe('failed')
    expect(outcome.report.sumdb.message).toMatch(/tile/)
  })

  test('a path that serves tiles as well passes', async () => {
    const e = await startGoproxyEngine({
      upstream: () => ({ status: 404 }),
      sumdbs: { 'sum.test.local': httpUpstream(db.url) }
    })
    servers.push(e)
    const outcome = await probe({ proxies: `${e.url},direct`, sumdb: db.verifierKey })
    expect(outcome.report.sumdb).toMatchObject({ route: 'proxy', status: 'ok' })
    expect(e.requests.some(r => r.path.startsWith('sumdb/sum.test.local/tile/'))).toBe(true)
  })
})
