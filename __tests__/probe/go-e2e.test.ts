/**
 * The real go command is the oracle: a chain the probe rebuilt from `<stalled>|<good>` lets `go mod download` finish
 * where the same chain given to go as is never finishes; and go takes the checksum-database path sumdbRoute predicts.
 */
import { formatChain } from '../../src/go/proxy/chain.js'
import { composePlan, type ModulePlan } from '../../src/settings/compose.js'
import { readSettings } from '../../src/settings/settings.js'
import { sumdbRoute } from '../../src/go/sumdb/route.js'
import { probeChain } from '../../src/probe/probe.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startProxy, startRefusingPort, type TestProxy } from '../support/goproxy-server.js'
import { defineModule } from '../support/modules.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

// findGo throws, naming how to get go, when there is none: the suite fails, never skips.
findGo()

const MODULE = 'example.com/probe'
const mod = defineModule({ path: MODULE, version: 'v1.0.0' })

function planFor(inputs: Record<string, string>): ModulePlan {
  return composePlan(
    readSettings(name => inputs[name] ?? ''),
    { env: {} }
  )
}

describe('the go command agrees with the probe', () => {
  let refusedPort: number
  let stalled: TestProxy
  let good: TestProxy
  let failing: TestProxy
  let sumdb: SumdbServer
  let serving: TestProxy
  beforeAll(async () => {
    refusedPort = await startRefusingPort()
    stalled = await startProxy({ modules: [mod], neverAnswer: true })
    good = await startProxy({ modules: [mod] })
    failing = await startProxy({ status: 500 })
    sumdb = await startSumdb({
      records: [{ path: mod.path, version: mod.version, h1: mod.sum, goModH1: mod.goModSum }]
    })
    serving = await startProxy({ modules: [mod], sumdbSupported: [sumdb.name], sumdbTarget: sumdb.url })
  })
  afterAll(async () => {
    await Promise.all([stalled, good, failing, serving, sumdb].map(s => s.close()))
    await cleanupTempDirs()
  })

  const download = (goproxy: string, gosumdb: string, timeoutMs: number) => {
    const dir = tempDir('probe-e2e')
    return runGo(['mod', 'download', '-json', `${MODULE}@v1.0.0`], {
      cwd: dir,
      env: goTestEnv(dir, { GOPROXY: goproxy, GOSUMDB: gosumdb }),
      timeoutMs
    })
  }

  it('<stalled>|<good>: go hangs on the chain as given; the probe drops the stalled proxy and go finishes', async () => {
    const plan = planFor({ proxies: `${stalled.url}|${good.url}`, sumdb: 'off' })
    const outcome = await probeChain(plan, {
      timeoutMs: 800,
      probeModule: MODULE,
      order: 'latency',
      sumdbBaseOverride: () => `http://127.0.0.1:${refusedPort}`
    })
    expect(formatChain(outcome.chain)).toBe(good.url)
    expect(outcome.unreachable).toEqual([stalled.url])

    const [given, rebuilt] = await Promise.all([
      download(formatChain(plan.chain), 'off', 3000),
      download(formatChain(outcome.chain), 'off', 30_000)
    ])
    expect(given.timedOut).toBe(true)
    expect(rebuilt.timedOut).toBe(false)
    expect(rebuilt.code).toBe(0)
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ Path: MODULE, Version: 'v1.0.0' })
  }, 20_000)

  it('A|B with A failing /supported and B answering 404: go fails verification with A error, as sumdbRoute says', async () => {
    const plan = planFor({ proxies: `${failing.url}|${good.url}`, sumdb: sumdb.verifierKey })
    const supported = { [failing.url]: 'error', [good.url]: 'no' } as const
    const route = sumdbRoute(plan.chain, plan.sumdb, url => ({ support: supported[url], message: '' }))
    expect(route).toMatchObject({ kind: 'fails', proxy: failing.url })

    const run = await download(formatChain(plan.chain), sumdb.verifierKey, 30_000)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`reading ${failing.url}/sumdb/${sumdb.name}/supported: 500 Internal Server Error`)
  }, 20_000)

  it('A|B with A failing /supported and B serving the database: go verifies through B, as sumdbRoute says', async () => {
    const plan = planFor({ proxies: `${failing.url}|${serving.url}`, sumdb: sumdb.verifierKey })
    const supported = { [failing.url]: 'error', [serving.url]: 'yes' } as const
    expect(sumdbRoute(plan.chain, plan.sumdb, url => ({ support: supported[url], message: '' }))).toMatchObject({
      kind: 'proxy',
      proxy: serving.url
    })
    const before = serving.requests.length
    const run = await download(formatChain(plan.chain), sumdb.verifierKey, 30_000)
    expect(run.code).toBe(0)
    expect(serving.requests.slice(before).some(r => r.path.startsWith(`/sumdb/${sumdb.name}/lookup/`))).toBe(true)
  }, 20_000)
})
