/**
 * The probe ends once its verdict is settled (probe/settle.ts): on loopback, a blackhole in a "|" run
 * with a working member is dropped as too slow long before probe-timeout; a "," gate and a run's only member
 * still get the whole timeout. Bounds are generous (a loaded 2-core machine): they catch "waited for the
 * timeout", not milliseconds.
 */
import { composePlan, type ModulePlan } from '../../src/settings/compose.js'
import { readSettings } from '../../src/settings/settings.js'
import { probeChain, type ProbeOptions } from '../../src/probe/probe.js'
import {
  startBlackhole,
  startProxy,
  startRefusingPort,
  type Blackhole,
  type TestProxy
} from '../support/goproxy-server.js'
import { defineModule } from '../support/modules.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

const MODULE = 'example.com/probe'
const modules = [defineModule({ path: MODULE, version: 'v1.0.0' })]

function planFor(inputs: Record<string, string>): ModulePlan {
  return composePlan(
    readSettings(name => inputs[name] ?? ''),
    { env: {} }
  )
}

let refusedPort: number
let sumdb: SumdbServer
let hanging: SumdbServer
let good: TestProxy
let slow: TestProxy
let sampled: TestProxy
let paced: TestProxy
let blackhole: Blackhole

function options(timeoutMs: number, hosts: Record<string, string> = {}): ProbeOptions {
  return {
    timeoutMs,
    probeModule: MODULE,
    order: 'latency',
    samples: 3,
    sumdbBaseOverride: host => hosts[host] ?? `http://127.0.0.1:${refusedPort}`
  }
}

/** Open sockets of this process, for the "every socket is closed" checks. */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter(r => r === 'TCPSocketWrap' || r === 'TLSSocketWrap').length
}

/** Waits (bounded) until `condition` holds; returns whether it did. */
async function eventually(condition: () => boolean, capMs = 5000): Promise<boolean> {
  for (const end = performance.now() + capMs; performance.now() < end;) {
    if (condition()) return true
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  return condition()
}

beforeAll(async () => {
  refusedPort = await startRefusingPort()
  sumdb = await startSumdb({ name: 'sum.test.local' })
  hanging = await startSumdb({ name: 'sum.test.local', hang: true })
  good = await startProxy({ modules })
  slow = await startProxy({ modules, latencyMs: 400 })
  // Its first answer (150 ms) comes within the grace of a run whose fast member takes 100 ms (4 x 100 ms), its
  // three samples (450 ms) end after it; both stretch alike on a loaded machine.
  sampled = await startProxy({ modules, latencyMs: 150 })
  paced = await startProxy({ modules, latencyMs: 100 })
  blackhole = await startBlackhole()
})
afterAll(async () => {
  await Promise.all([
    sumdb.close(),
    hanging.close(),
    good.close(),
    slow.close(),
    sampled.close(),
    paced.close(),
    blackhole.close()
  ])
})

describe('the probe ends when its verdict is settled', () => {
  it('"<blackhole>|<good>" ends well before a 20 s probe-timeout, the blackhole dropped as too slow, every socket closed', async () => {
    const baseline = openSockets()
    const acceptedBefore = blackhole.accepted
    const start = performance.now()
    const outcome = await probeChain(
      planFor({ proxies: `${blackhole.url}|${good.url},direct`, sumdb: sumdb.verifierKey }),
      options(20_000, { 'sum.test.local': sumdb.url })
    )
    expect(performance.now() - start).toBeLessThan(5000)
    expect(outcome.report.chain).toBe(`${good.url},direct`)
    expect(outcome.report.proxies[0]).toMatchObject({ url: blackhole.url, status: 'too-slow', position: null })
    expect(outcome.report.proxies[0].message).toMatch(/^too slow: no answer within \d+ ms, while another proxy/)
    expect(outcome.report.sumdb).toMatchObject({ status: 'ok', route: 'direct' })
    expect(outcome.problems).toEqual([])
    expect(outcome.unreachable).toEqual([blackhole.url])
    // The blackhole's own (server-side) ends stay open until it closes; the probe's ends must all be gone.
    expect(await eventually(() => openSockets() <= baseline + (blackhole.accepted - acceptedBefore))).toBe(true)
  })

  it('the same with GOSUMDB off: nothing to verify, the run decides alone', async () => {
    const start = performance.now()
    const outcome = await probeChain(
      planFor({ proxies: `${blackhole.url}|${good.url}`, sumdb: 'off' }),
      options(20_000)
    )
    expect(performance.now() - start).toBeLessThan(5000)
    expect(outcome.report.proxies[0].status).toBe('too-slow')
  })

  it('does not end early while the checksum-DB path is not verified: the deadline decides', async () => {
    const outcome = await probeChain(
      planFor({ proxies: `${blackhole.url}|${good.url},direct`, sumdb: hanging.verifierKey }),
      options(1000, { 'sum.test.local': hanging.url })
    )
    expect(outcome.report.elapsedMs).toBeGreaterThanOrEqual(990)
    expect(outcome.report.elapsedMs).toBeLessThan(1000 + 2000)
    expect(outcome.report.proxies[0].status).toBe('no-response')
  })

  it('"<blackhole>,<good>": a "," gate gets the whole probe-timeout and stays a problem', async () => {
    const outcome = await probeChain(planFor({ proxies: `${blackhole.url},${good.url}`, sumdb: 'off' }), options(1000))
    expect(outcome.report.elapsedMs).toBeGreaterThanOrEqual(990)
    expect(outcome.report.elapsedMs).toBeLessThan(1000 + 2000)
    expect(outcome.report.proxies[0].status).toBe('no-response')
    expect(outcome.problems).toEqual([expect.stringMatching(/is a "," gate before/)])
  })

  it('a run whose only member is slow keeps it: it answers within the timeout and is exported', async () => {
    const outcome = await probeChain(planFor({ proxies: `${good.url},${slow.url}`, sumdb: 'off' }), options(5000))
    expect(outcome.report.proxies[1]).toMatchObject({ url: slow.url, status: 'ok', position: 2 })
    expect(outcome.report.chain).toBe(`${good.url},${slow.url}`)
  })

  it('a slow member that has answered is sampled, not cut, even past the grace window', async () => {
    const outcome = await probeChain(planFor({ proxies: `${sampled.url}|${paced.url}`, sumdb: 'off' }), options(10_000))
    expect(outcome.report.proxies[0]).toMatchObject({ url: sampled.url, status: 'ok' })
    expect(outcome.report.proxies[0].samplesMs).toHaveLength(3)
    expect(outcome.report.chain).toBe(`${paced.url}|${sampled.url}`)
  })
})
