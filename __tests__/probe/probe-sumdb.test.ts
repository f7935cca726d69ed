/**
 * probeChain and the checksum database: the path the go command will take for the REBUILT chain is found out
 * (proxies asked /sumdb/<name>/supported with Go's ","/"|" rules, or direct, or the GOSUMDB URL) and checked with
 * /latest, under the same deadline; sum.golang.org falls back to sum.golang.google.cn only when the user did not
 * choose GOSUMDB.
 */
import { composePlan, type ModulePlan } from '../../src/settings/compose.js'
import { readSettings } from '../../src/settings/settings.js'
import { probeChain, type ProbeOptions } from '../../src/probe/probe.js'
import { startProxy, startRefusingPort, type StartProxyOptions, type TestProxy } from '../support/goproxy-server.js'
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
const closers: Array<() => Promise<void>> = []

async function proxy(options: StartProxyOptions): Promise<TestProxy> {
  const started = await startProxy({ modules, ...options })
  closers.push(() => started.close())
  return started
}

/** Every https://<host> the probe derives itself points at `hosts[host]`, else at a refused port: nothing leaves 127.0.0.1. */
/** The probe deadline: long enough for loopback answers on a loaded machine; the hanging cases wait for it. */
const TIMEOUT = 2000

function options(hosts: Record<string, string> = {}, extra: Partial<ProbeOptions> = {}): ProbeOptions {
  return {
    timeoutMs: TIMEOUT,
    probeModule: MODULE,
    order: 'latency',
    samples: 1,
    sumdbBaseOverride: host => hosts[host] ?? `http://127.0.0.1:${refusedPort}`,
    ...extra
  }
}

beforeAll(async () => {
  refusedPort = await startRefusingPort()
  sumdb = await startSumdb({ name: 'sum.test.local' })
  hanging = await startSumdb({ name: 'sum.test.local', hang: true })
  closers.push(
    () => sumdb.close(),
    () => hanging.close()
  )
})
afterAll(async () => {
  await Promise.all(closers.map(close => close()))
})

describe('the route through a proxy', () => {
  it('a proxy that answers /sumdb/<name>/supported carries the checksum traffic: /latest is checked through it', async () => {
    const serving = await proxy({ sumdbSupported: ['sum.test.local'], sumdbTarget: sumdb.url })
    const before = sumdb.requests.length
    const outcome = await probeChain(planFor({ proxies: `${serving.url},direct`, sumdb: sumdb.verifierKey }), options())
    expect(outcome.report.sumdb).toMatchObject({
      name: 'sum.test.local',
      status: 'ok',
      route: 'proxy',
      via: serving.url,
      url: `${serving.url}/sumdb/sum.test.local/latest`
    })
    expect(outcome.report.sumdb.message).toMatch(
      /through http:\/\/127\.0\.0\.1:\d+ \(it answers \/sumdb\/sum\.test\.local\/supported\)/
    )
    expect(outcome.report.proxies[0].sumdbSupport).toBe('yes')
    expect(outcome.problems).toEqual([])
    expect(sumdb.requests.slice(before).map(r => r.path)).toContain('/latest')
  })

  it('a proxy that serves the database but whose /latest hangs fails the check: the go command never falls back from it', async () => {
    const serving = await proxy({ sumdbSupported: ['sum.test.local'], sumdbTarget: hanging.url })
    const start = performance.now()
    const outcome = await probeChain(
      planFor({ proxies: `${serving.url},direct`, sumdb: sumdb.verifierKey }),
      options({ 'sum.test.local': sumdb.url })
    )
    expect(performance.now() - start).toBeLessThan(TIMEOUT + 2000)
    expect(outcome.report.sumdb).toMatchObject({ status: 'failed', route: 'proxy' })
    expect(outcome.report.sumdb.message).toMatch(/\/sumdb\/sum\.test\.local\/latest failed: no response/)
    expect(outcome.problems).toEqual([
      expect.stringMatching(/^Checksum database sum\.test\.local: the go command sends checksum traffic through/)
    ])
  })

  it('the route is computed on the rebuilt chain: a dead proxy that would serve the database is not on it', async () => {
    const deadButServing = await proxy({
      sumdbSupported: ['sum.test.local'],
      statusFor: p => (p.endsWith('/@v/list') ? 503 : undefined)
    })
    const plain = await proxy({})
    const outcome = await probeChain(
      planFor({ proxies: `${deadButServing.url}|${plain.url},direct`, sumdb: sumdb.verifierKey }),
      options({ 'sum.test.local': sumdb.url })
    )
    expect(outcome.report.chain).toBe(`${plain.url},direct`)
    expect(outcome.report.sumdb).toMatchObject({ status: 'ok', route: 'direct', url: `${sumdb.url}/latest` })
  })
})

describe('the direct route', () => {
  it('when no proxy serves the database, /latest is checked at https://<name> (here: the loopback override)', async () => {
    const plain = await proxy({})
    const outcome = await probeChain(
      planFor({ proxies: `${plain.url},direct`, sumdb: sumdb.verifierKey }),
      options({ 'sum.test.local': sumdb.url })
    )
    expect(outcome.report.sumdb).toMatchObject({ status: 'ok', route: 'direct', url: `${sumdb.url}/latest` })
    expect(outcome.report.sumdb.message).toMatch(/no proxy in the chain serves it, so the go command goes directly to/)
    expect(outcome.report.proxies[0].sumdbSupport).toBe('no')
    expect(plain.requests.map(r => r.path)).toContain('/sumdb/sum.test.local/supported')
  })

  it('a database that accepts and never answers fails within the deadline, and the problem names the path', async () => {
    const plain = await proxy({})
    const start = performance.now()
    const outcome = await probeChain(
      planFor({ proxies: `${plain.url},direct`, sumdb: hanging.verifierKey }),
      options({ 'sum.test.local': hanging.url })
    )
    expect(performance.now() - start).toBeLessThan(TIMEOUT + 2000)
    expect(outcome.report.sumdb.status).toBe('failed')
    expect(outcome.problems).toEqual([
      expect.stringMatching(
        /^Checksum database sum\.test\.local: no proxy in the chain serves it, so the go command goes directly to http:\/\/127\.0\.0\.1:\d+: http:\/\/127\.0\.0\.1:\d+\/latest failed: no response: /
      )
    ])
  })

  it('an error to /supported after "," stops the go command: the route fails, named after that proxy', async () => {
    const broken = await proxy({ statusFor: p => (p.startsWith('/sumdb/') ? 502 : undefined) })
    const outcome = await probeChain(
      planFor({ proxies: `${broken.url},direct`, sumdb: sumdb.verifierKey }),
      options({ 'sum.test.local': sumdb.url })
    )
    expect(outcome.report.sumdb).toMatchObject({ status: 'failed', route: 'none', via: broken.url })
    expect(outcome.report.sumdb.message).toMatch(
      /asks http:\/\/127\.0\.0\.1:\d+\/sumdb\/sum\.test\.local\/supported, which failed \(HTTP 502 Bad Gateway: 502 \(injected by test proxy\) \(4 attempts\)\)/
    )
    // A lasting 5xx is asked again by the retry rule, then still fails: retries do not paper over a broken gate.
    expect(broken.requests.filter(r => r.path === '/sumdb/sum.test.local/supported')).toHaveLength(4)
    expect(outcome.report.proxies[0]).toMatchObject({
      sumdbSupport: 'error',
      sumdbMessage: expect.stringMatching(/^HTTP 502/)
    })
  })

  it('the same error after "|" falls through to direct', async () => {
    const broken = await proxy({ statusFor: p => (p.startsWith('/sumdb/') ? 502 : undefined) })
    const outcome = await probeChain(
      planFor({ proxies: `${broken.url}|direct`, sumdb: sumdb.verifierKey }),
      options({ 'sum.test.local': sumdb.url })
    )
    expect(outcome.report.sumdb).toMatchObject({ status: 'ok', route: 'direct' })
  })
})

describe('a flaky only proxy: the checksum-DB path is asked again after a transient failure', () => {
  // 30 % of all requests fail (502 or a reset connection), /supported and /latest included. The module
  // probe retried before; the checksum requests did not, so most seeds failed the step. Twelve seeds per mode.
  const cases = [',off', ''].flatMap(tail => (['reset', '502'] as const).map(failMode => ({ tail, failMode })))
  it.each(cases)(
    '"<flaky>$tail" with failMode $failMode verifies the path for every seed',
    async ({ tail, failMode }) => {
      const failures: string[] = []
      let injected = 0
      for (let seed = 1; seed <= 12; seed++) {
        const flaky = await proxy({
          sumdbSupported: ['sum.test.local'],
          sumdbTarget: sumdb.url,
          failRate: 0.3,
          failMode,
          seed
        })
        const outcome = await probeChain(
          planFor({ proxies: `${flaky.url}${tail}`, sumdb: sumdb.verifierKey }),
          options({ 'sum.test.local': sumdb.url }, { timeoutMs: 3000 })
        )
        injected += flaky.requests.filter(r => r.fault === 'failRate').length
        if (outcome.report.sumdb.status !== 'ok' || outcome.problems.length > 0)
          failures.push(`seed ${seed}: ${outcome.problems.join(' / ')}`)
        else expect(outcome.report.sumdb).toMatchObject({ route: 'proxy', via: flaky.url })
        await flaky.close()
      }
      expect(failures).toEqual([])
      // The faults did happen: the test would pass for nothing otherwise.
      expect(injected).toBeGreaterThan(3)
    }
  )
})

describe('a GOSUMDB with a URL', () => {
  it('bypasses the proxies: none is asked /sumdb/, the URL itself is checked', async () => {
    const serving = await proxy({ sumdbSupported: ['sum.test.local'], sumdbTarget: hanging.url })
    const outcome = await probeChain(planFor({ proxies: `${serving.url},direct`, sumdb: sumdb.gosumdb }), options())
    expect(outcome.report.sumdb).toMatchObject({ status: 'ok', route: 'explicit', url: `${sumdb.url}/latest` })
    expect(serving.requests.filter(r => r.kind === 'sumdb')).toEqual([])
    expect(outcome.report.proxies[0].sumdbSupport).toBe('not asked')
  })
})

describe('sum.golang.org unreachable: the switch to sum.golang.google.cn', () => {
  let golang: SumdbServer
  let china: SumdbServer
  beforeAll(async () => {
    golang = await startSumdb({ name: 'sum.golang.org', hang: true })
    china = await startSumdb({ name: 'sum.golang.org' })
    closers.push(
      () => golang.close(),
      () => china.close()
    )
  })

  it('happens when GOSUMDB is Go default and the alias answers; it is noted, not a problem', async () => {
    const plain = await proxy({})
    const outcome = await probeChain(
      planFor({ proxies: `${plain.url},direct` }),
      options({ 'sum.golang.org': golang.url, 'sum.golang.google.cn': china.url })
    )
    expect(outcome.sumdb).toMatchObject({ kind: 'db', value: 'sum.golang.google.cn', name: 'sum.golang.org' })
    expect(outcome.report.sumdb).toMatchObject({ status: 'switched', route: 'explicit', url: `${china.url}/latest` })
    expect(outcome.report.sumdb.via).toBeUndefined()
    expect(outcome.report.sumdb.message).toMatch(/failed: no response: .*; switched GOSUMDB to sum\.golang\.google\.cn/)
    expect(outcome.problems).toEqual([])
    expect(outcome.report.notes).toEqual([expect.stringMatching(/^GOSUMDB is set to sum\.golang\.google\.cn/)])
  })

  it('never happens when the user chose GOSUMDB: the failure stays a problem', async () => {
    const plain = await proxy({})
    const before = china.requests.length
    const plan = planFor({ proxies: `${plain.url},direct`, sumdb: 'sum.golang.org' })
    const outcome = await probeChain(plan, options({ 'sum.golang.org': golang.url, 'sum.golang.google.cn': china.url }))
    expect(outcome.sumdb).toBe(plan.sumdb)
    expect(outcome.report.sumdb.status).toBe('failed')
    expect(outcome.problems).toHaveLength(1)
    expect(china.requests.length).toBe(before)
  })

  it('when the alias fails too, the problem says both', async () => {
    const plain = await proxy({})
    const outcome = await probeChain(
      planFor({ proxies: `${plain.url},direct` }),
      options({ 'sum.golang.org': golang.url })
    )
    expect(outcome.sumdb.value).toBe('sum.golang.org')
    expect(outcome.problems).toEqual([
      expect.stringMatching(/; sum\.golang\.google\.cn failed too: connection refused/)
    ])
  })

  it('is not needed when the default path works: the alias request is cut short', async () => {
    const serving = await proxy({ sumdbSupported: ['sum.golang.org'], sumdbTarget: china.url })
    const outcome = await probeChain(
      planFor({ proxies: `${serving.url},direct` }),
      options({ 'sum.golang.org': golang.url, 'sum.golang.google.cn': hanging.url }, { timeoutMs: 10_000 })
    )
    expect(outcome.sumdb.value).toBe('sum.golang.org')
    expect(outcome.report.sumdb).toMatchObject({ status: 'ok', route: 'proxy' })
    // The speculative checks of the direct address and the alias did not hold the phase until the deadline.
    expect(outcome.report.elapsedMs).toBeLessThan(5000)
  })
})

describe('GOSUMDB off', () => {
  it('checks nothing and asks no proxy', async () => {
    const serving = await proxy({ sumdbSupported: ['sum.golang.org'] })
    const outcome = await probeChain(planFor({ proxies: serving.url, sumdb: 'off' }), options())
    expect(outcome.report.sumdb).toEqual({ name: '', status: 'off', route: 'off', message: expect.any(String) })
    expect(serving.requests.filter(r => r.kind === 'sumdb')).toEqual([])
  })
})
