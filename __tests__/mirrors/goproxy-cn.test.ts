/**
 * goproxy.cn as its engine (github.com/goproxy/goproxy v0.14.0, support/goproxy-engine.ts) really answers:
 * an upstream 429/5xx becomes `404 not found: bad upstream`, a fetch timeout `404 not found: fetch timed out`, a
 * cache-only miss `404 not found: temporarily unavailable`, and it never sends 410. Those three are transient —
 * the warm forwarder, the probe and the Go install retry them (or move on after `|`) — while a real
 * `404 not found: <upstream text>` stays a final not-found. Zips of 10 MiB and more go to its CDN with a 302.
 */
import http from 'node:http'
import { parseGoproxy } from '../../src/go/proxy/chain.js'
import { composePlan } from '../../src/settings/compose.js'
import { silentLogger } from '../../src/host/logger.js'
import { readSettings } from '../../src/settings/settings.js'
import { createHttpClient, type HttpClient } from '../../src/net/http.js'
import { probeChain } from '../../src/probe/probe.js'
import { getThroughChain } from '../../src/install/chain-fetch.js'
import { startForwarder, type Forwarder } from '../../src/warm/forwarder/forwarder.js'
import {
  modulesUpstream,
  startGoproxyEngine,
  type GoproxyEngine,
  type Upstream,
  type UpstreamAnswer
} from '../support/goproxy-engine.js'
import { startRefusingPort } from '../support/goproxy-server.js'
import { defineModule } from '../support/modules.js'
import { startObjectStorage } from '../support/object-storage.js'
import { captureLogger, chainOf, SUMDB_OFF } from '../warm/warm-helpers.js'

const mod = defineModule({ path: 'example.com/cn/lib', version: 'v1.0.0' })
const MOD = 'example.com/cn/lib/@v/v1.0.0.mod'
const LIST = 'example.com/cn/lib/@v/list'
const TOOLCHAIN_LIST = 'golang.org/toolchain/@v/list'
const NO_STORE = 'must-revalidate, no-cache, no-store'

/** An upstream that answers `status` to the first `failures` requests of each path, then serves `modules`. */
function failingFirst(failures: number, answer: { status: number } | 'timeout', serve: Upstream): Upstream {
  const seen = new Map<string, number>()
  return path => {
    const n = (seen.get(path) ?? 0) + 1
    seen.set(path, n)
    return n <= failures ? answer : serve(path)
  }
}

/** One engine request, raw, as any client sends it. */
function request(
  url: string,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET'
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/${path}`, { method, headers }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers })
      )
    })
    req.on('error', reject)
    req.end()
  })
}

const toolchainUpstream: Upstream = path =>
  path === TOOLCHAIN_LIST ? { status: 200, body: 'v0.0.1-go1.26.8.linux-amd64\n' } : { status: 404, body: 'not found' }

const servers: Array<{ close(): Promise<void> }> = []
const forwarders: Forwarder[] = []
async function engine(upstream: Upstream, extra: Partial<Parameters<typeof startGoproxyEngine>[0]> = {}) {
  const e = await startGoproxyEngine({ upstream, ...extra })
  servers.push(e)
  return e
}
async function forwarder(e: GoproxyEngine, separator: ',' | '|' = ',', more: string[] = []) {
  const log = captureLogger()
  const f = await startForwarder({
    chain: chainOf([[e.url, separator], ...more.map((u): [string] => [u])]),
    sumdb: SUMDB_OFF,
    gonoproxy: '',
    gonosumdb: '',
    requestTimeoutMs: 2000,
    attemptsPerRequest: 3,
    backoffMs: 5,
    log
  })
  forwarders.push(f)
  return { f, log }
}
let client: HttpClient
let refused: string
beforeAll(async () => {
  client = createHttpClient({})
  refused = `http://127.0.0.1:${await startRefusingPort()}`
})
afterAll(async () => {
  await client?.close()
  await Promise.all(forwarders.map(f => f.close()))
  await Promise.all(servers.map(s => s.close()))
})

describe('the goproxy/goproxy emulator answers as the engine does', () => {
  test.each([
    ['an upstream 502', 'not found: bad upstream', NO_STORE, 10, { status: 502 }],
    ['an upstream 429', 'not found: bad upstream', NO_STORE, 10, { status: 429 }],
    ['an upstream 504', 'not found: fetch timed out', NO_STORE, 10, { status: 504 }],
    ['an upstream timeout', 'not found: fetch timed out', NO_STORE, 1, 'timeout' as const],
    [
      'an upstream 410 "gone: …"',
      'not found: no such version',
      'public, max-age=600',
      1,
      { status: 410, body: 'gone: no such version' }
    ],
    [
      'an upstream 404',
      'not found: unknown revision v9',
      'public, max-age=600',
      1,
      { status: 404, body: 'unknown revision v9' }
    ],
    ['an upstream 403', 'internal server error', undefined, 1, { status: 403, body: 'denied' }]
  ])('%s becomes %j', async (_name, text, cacheControl, tries, answer: UpstreamAnswer) => {
    const e = await engine(() => answer)
    const got = await request(e.url, MOD)
    expect(got).toMatchObject({ status: text === 'internal server error' ? 500 : 404, body: text })
    expect(got.headers['cache-control']).toBe(cacheControl)
    expect(got.headers['content-type']).toBe('text/plain; charset=utf-8')
    // 429/5xx/504 are tried ten times by the engine itself (http.go httpGet); a not-found or a deadline once.
    expect(e.upstreamTries.get(MOD)).toBe(tries)
  })

  test('a cache-only request (Disable-Module-Fetch) it cannot serve: 404 not found: temporarily unavailable', async () => {
    const e = await engine(modulesUpstream([mod]))
    expect(await request(e.url, MOD, { 'Disable-Module-Fetch': 'true' })).toMatchObject({
      status: 404,
      body: 'not found: temporarily unavailable'
    })
    expect((await request(e.url, MOD)).status).toBe(200)
    expect(await request(e.url, MOD, { 'Disable-Module-Fetch': 'true' })).toMatchObject({ status: 200, body: mod.mod })
  })

  test('HEAD is served without a body, other methods are 405; the checksum database support is sum.golang.org only', async () => {
    const e = await engine(modulesUpstream([mod]), { sumdbs: { 'sum.golang.org': () => ({ status: 404 }) } })
    expect(await request(e.url, MOD, {}, 'HEAD')).toMatchObject({ status: 200, body: '' })
    expect(await request(e.url, MOD, {}, 'POST')).toMatchObject({ status: 405, body: 'method not allowed' })
    expect((await request(e.url, 'sumdb/sum.golang.org/supported')).status).toBe(200)
    expect((await request(e.url, 'sumdb/sum.golang.google.cn/supported')).status).toBe(404)
  })

  test('goproxy.cn sends a zip of 10 MiB or more that it holds to its CDN (302), a smaller one itself', async () => {
    const big = new Uint8Array(10 * 1024 * 1024)
    const cdn = await startObjectStorage({ objects: new Map([[MOD.replace('.mod', '.zip'), big]]) })
    servers.push(cdn)
    const e = await engine(modulesUpstream([mod]), {
      cached: new Map([[MOD.replace('.mod', '.zip'), big]]),
      autoRedirect: { base: cdn.url }
    })
    const got = await request(e.url, MOD.replace('.mod', '.zip'))
    expect(got.status).toBe(302)
    expect(got.headers.location).toBe(`${cdn.url}/${MOD.replace('.mod', '.zip')}`)
  })
})

describe("defect 1: the forwarder treats goproxy.cn's transient 404s as transient", () => {
  test('"not found: bad upstream" is retried on the same proxy, and go gets the module', async () => {
    // The engine tries its upstream 10 times per request: the first engine request ends in "bad upstream".
    const e = await engine(failingFirst(10, { status: 502 }, modulesUpstream([mod])))
    const { f } = await forwarder(e)
    const got = await request(f.url, MOD)
    expect(got).toMatchObject({ status: 200, body: mod.mod })
    expect(e.requests.map(r => r.status)).toEqual([404, 200])
  })

  test('"not found: fetch timed out" is retried too', async () => {
    const e = await engine(failingFirst(1, 'timeout', modulesUpstream([mod])))
    const { f } = await forwarder(e)
    expect(await request(f.url, MOD)).toMatchObject({ status: 200, body: mod.mod })
  })

  test('after "|" the next proxy answers at once when goproxy.cn says "bad upstream"', async () => {
    const e = await engine(() => ({ status: 503 }))
    const good = await engine(modulesUpstream([mod]))
    const { f, log } = await forwarder(e, '|', [good.url])
    expect(await request(f.url, MOD)).toMatchObject({ status: 200, body: mod.mod })
    expect(log.lines.join('\n')).not.toContain('dropped')
  })

  test('a real "404 not found: <upstream text>" stays final: one request, the text reaches go', async () => {
    const e = await engine(modulesUpstream([]))
    const { f } = await forwarder(e)
    const got = await request(f.url, MOD)
    expect(got.status).toBe(404)
    expect(got.body).toContain('not found: module example.com/cn/lib: no such module')
    expect(e.requests).toHaveLength(1)
  })

  test('when every retry says "bad upstream", go gets the words of goproxy.cn and the number of tries', async () => {
    const e = await engine(() => ({ status: 502 }))
    const { f } = await forwarder(e)
    const got = await request(f.url, MOD)
    expect(e.requests).toHaveLength(3)
    expect(got.body).toContain('not found: bad upstream')
    expect(got.body).toContain('3 tries by setup-goproxy')
  })
})

describe("defect 1: the probe treats goproxy.cn's transient 404s as transient", () => {
  const plan = (url: string) =>
    composePlan(
      readSettings(name => ({ proxies: url, sumdb: 'off' })[name] ?? ''),
      { env: {} }
    )
  const probe = (url: string) =>
    probeChain(plan(url), {
      timeoutMs: 5000,
      probeModule: mod.path,
      order: 'given',
      samples: 1,
      endWhenSettled: false,
      sumdbBaseOverride: () => refused
    })

  test('a version list that failed with "bad upstream" is asked again and the proxy works', async () => {
    const e = await engine(failingFirst(10, { status: 500 }, modulesUpstream([mod])))
    const outcome = await probe(e.url)
    expect(outcome.report.proxies[0]).toMatchObject({ status: 'ok' })
    expect(e.requests.filter(r => r.path === LIST).map(r => r.status)).toEqual([404, 200])
  })

  test('a proxy whose every answer is "bad upstream" is not "reachable, does not serve that module"', async () => {
    const e = await engine(() => ({ status: 502 }))
    const outcome = await probe(e.url)
    expect(outcome.report.proxies[0].status).not.toBe('not-found')
    expect(outcome.report.proxies[0].message).toContain('not found: bad upstream')
  })

  test('a real not-found keeps its meaning (reachable, does not serve that module; kept)', async () => {
    const e = await engine(modulesUpstream([]))
    const outcome = await probe(e.url)
    expect(outcome.report.proxies[0].status).toBe('not-found')
  })
})

describe("defect 1: the Go install treats goproxy.cn's transient 404s as transient", () => {
  const list = (url: string) =>
    getThroughChain({
      client,
      chain: parseGoproxy('GOPROXY', `${url},off`).chain,
      path: TOOLCHAIN_LIST,
      directBase: refused,
      body: { mode: 'buffer', maxBytes: 4096 },
      log: silentLogger,
      backoffMs: 1
    })

  test('"not found: temporarily unavailable" and "bad upstream" are retried; the list arrives', async () => {
    const e = await engine(failingFirst(10, { status: 429 }, toolchainUpstream))
    const result = await list(e.url)
    expect(result.ok).toBe(true)
    expect(e.requests.map(r => r.status)).toEqual([404, 200])
  })

  test('a real not-found is not retried', async () => {
    const e = await engine(() => ({ status: 404, body: 'no such module' }))
    const result = await list(e.url)
    expect(result.ok).toBe(false)
    expect(e.requests).toHaveLength(1)
  })
})
