/**
 * probeChain against real loopback servers: every kind of proxy a runner meets, classified in words, the chain
 * rebuilt from what works, the whole phase inside its deadline, credentials only where they belong, nothing private
 * sent anywhere.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type net from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { composePlan, type ModulePlan } from '../../src/settings/compose.js'
import { InputError } from '../../src/go/errors.js'
import type { ProbeStatus } from '../../src/probe/report.js'
import { readSettings } from '../../src/settings/settings.js'
import { probeChain, type ProbeOptions } from '../../src/probe/probe.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'
import {
  startBlackhole,
  startProxy,
  startRefusingPort,
  type Blackhole,
  type TestProxy
} from '../support/goproxy-server.js'
import { defineModule } from '../support/modules.js'
import { testTls } from '../support/tls.js'

const MODULE = 'example.com/Probe'
const LIST_PATH = '/example.com/!probe/@v/list'
const modules = [defineModule({ path: MODULE, version: 'v1.0.0' }), defineModule({ path: MODULE, version: 'v1.1.0' })]
const CA = testTls().ca.toString('utf8')

/** The plan the action would compose from these inputs, with nothing inherited from the job. */
function planFor(inputs: Record<string, string>): ModulePlan {
  return composePlan(
    readSettings(name => inputs[name] ?? ''),
    { env: {} }
  )
}

/** Probe options for loopback tests: the checksum DB's own address can never leave the machine. */
function options(extra: Partial<ProbeOptions> = {}): ProbeOptions {
  return {
    // Long enough for loopback answers at load 12 on 2 cores (1000 ms was not); the probe ends early when settled.
    timeoutMs: 3000,
    probeModule: MODULE,
    order: 'latency',
    sumdbBaseOverride: () => `http://127.0.0.1:${refusedPort}`,
    ...extra
  }
}

/** A server that sends 200 and the first line of a list at once, then one byte every 100 ms, forever. */
async function startSlowLoris(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' })
    res.write('v1.0.0\n')
    const timer = setInterval(() => res.write('v'), 100)
    timers.add(timer)
    res.on('close', () => {
      clearInterval(timer)
      timers.delete(timer)
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: () => {
      for (const timer of timers) clearInterval(timer)
      const closed = new Promise<void>(resolve => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      return closed
    }
  }
}

let refusedPort: number
const closers: Array<() => Promise<void>> = []
async function proxy(options: Parameters<typeof startProxy>[0]): Promise<TestProxy> {
  const started = await startProxy(options)
  closers.push(() => started.close())
  return started
}

beforeAll(async () => {
  refusedPort = await startRefusingPort()
})
afterAll(async () => {
  await Promise.all(closers.map(close => close()))
  await cleanupTempDirs()
})

describe('probeChain: one run over every kind of proxy', () => {
  // Long enough that 14 proxies (TLS handshakes included) are all answered on a loaded machine: 1500 ms was not.
  const TIMEOUT = 4000
  let servers: Record<string, TestProxy>
  let blackhole: Blackhole
  let loris: { url: string; close(): Promise<void> }
  let urls: Record<string, string>
  let outcome: Awaited<ReturnType<typeof probeChain>>
  let wall: number

  beforeAll(async () => {
    servers = {
      slow: await proxy({ modules, latencyMs: 120 }),
      good: await proxy({ modules }),
      silent: await proxy({ modules, neverAnswer: true }),
      notFound: await proxy({}),
      gone: await proxy({ status: 410 }),
      unavailable: await proxy({ status: 503 }),
      auth: await proxy({ modules, requireAuth: { user: 'bot', password: 's3cret' } }),
      html: await proxy({ html: true }),
      selfSigned: await proxy({ modules, tls: true })
    }
    blackhole = await startBlackhole()
    closers.push(() => blackhole.close())
    loris = await startSlowLoris()
    closers.push(() => loris.close())
    urls = {
      ...Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, s.url])),
      blackhole: blackhole.url,
      tlsBlackhole: blackhole.url.replace('http:', 'https:'),
      refused: `http://127.0.0.1:${refusedPort}`,
      loris: loris.url
    }
    const order = ['slow', 'good', 'silent', 'blackhole', 'tlsBlackhole', 'refused', 'notFound', 'gone']
    const rest = ['unavailable', 'auth', 'html', 'selfSigned', 'loris']
    const plan = planFor({
      proxies: `${order.map(n => urls[n]).join('|')}|${rest.map(n => urls[n]).join('|')},direct`,
      sumdb: 'off'
    })
    // A first probe loads and compiles the http/https/tls paths, so cold-start cost does not skew the measured run.
    const warmUp = await proxy({ modules })
    await probeChain(planFor({ proxies: warmUp.url, sumdb: 'off' }), options({ samples: 1 }))
    const start = performance.now()
    outcome = await probeChain(plan, options({ timeoutMs: TIMEOUT, endWhenSettled: false }))
    wall = performance.now() - start
  })

  it('ends within the deadline although blackholes, a silent proxy and a slow-loris never finish', () => {
    expect(wall).toBeGreaterThanOrEqual(TIMEOUT - 20)
    // The deadline is a deadline even on a loaded machine: generous slack, never the sum of the proxies' stalls.
    expect(wall).toBeLessThan(TIMEOUT + 2000)
    expect(outcome.report.elapsedMs).toBeLessThan(TIMEOUT + 2000)
  })

  it.each<[string, ProbeStatus, RegExp]>([
    ['good', 'ok', /^works$/],
    ['slow', 'ok', /^works$/],
    ['silent', 'no-response', /^no response: 127\.0\.0\.1:\d+ accepted the connection but sent nothing within \d+ ms$/],
    ['blackhole', 'no-response', /accepted the connection but sent nothing/],
    ['tlsBlackhole', 'no-response', /accepted the connection but did not complete the TLS handshake/],
    ['refused', 'refused', /^connection refused by 127\.0\.0\.1:\d+$/],
    ['notFound', 'not-found', /^reachable, but HTTP 404 Not Found for example\.com\/Probe: .*; kept$/],
    ['gone', 'not-found', /^reachable, but HTTP 410 Gone/],
    ['unavailable', 'http-status', /^HTTP 503 Service Unavailable: 503 \(injected by test proxy\) \(4 attempts\)$/],
    [
      'auth',
      'unauthorized',
      /^HTTP 401 Unauthorized: credentials missing or wrong for 127\.0\.0\.1:\d+: none were sent; add an auth line for 127\.0\.0\.1:\d+/
    ],
    ['html', 'not-proxy', /^not a module proxy: HTTP 200 with an HTML page/],
    ['selfSigned', 'tls', /^TLS error: self-signed certificate \(127\.0\.0\.1:\d+, DEPTH_ZERO_SELF_SIGNED_CERT\)$/],
    ['loris', 'slow', /^slow: 127\.0\.0\.1:\d+ sent headers but the body was still arriving after \d+ ms$/]
  ])('%s is classified %s', (name, status, message) => {
    const result = outcome.report.proxies.find(p => p.url === urls[name])
    expect(result).toMatchObject({ status, message: expect.stringMatching(message) })
  })

  it('exports only working entries, fastest first inside the "|" run, not-found entries in place, the "," before direct kept', () => {
    const u = urls
    expect(outcome.report.chain).toBe(`${u.good}|${u.slow}|${u.notFound}|${u.gone},direct`)
    expect(outcome.chain.terminal).toBe('direct')
    expect(outcome.fastest).toBe(u.good)
    expect(outcome.problems).toEqual([])
    expect([...outcome.unreachable].sort()).toEqual(
      ['silent', 'blackhole', 'tlsBlackhole', 'refused', 'unavailable', 'auth', 'html', 'selfSigned', 'loris']
        .map(n => u[n])
        .sort()
    )
    const positions = Object.fromEntries(outcome.report.proxies.map(p => [p.url, p.position]))
    expect([positions[u.good], positions[u.slow], positions[u.notFound], positions[u.gone], positions[u.html]]).toEqual(
      [1, 2, 3, 4, null]
    )
  })

  it('asks every proxy for the case-encoded list path of the probe module', () => {
    const slow = outcome.report.proxies.find(p => p.url === urls.slow)!
    expect(slow.medianMs).toBeGreaterThanOrEqual(120)
    expect(new Set(servers.good.requests.map(r => r.path))).toEqual(new Set([LIST_PATH]))
    expect(servers.notFound.requests.map(r => r.path)).toEqual([LIST_PATH])
  })

  it('with GOSUMDB off asks no proxy about the checksum database', () => {
    expect(outcome.report.sumdb).toMatchObject({ status: 'off', route: 'off' })
    for (const server of Object.values(servers)) expect(server.requests.filter(r => r.kind === 'sumdb')).toEqual([])
    expect(outcome.report.proxies.every(p => p.sumdbSupport === 'not asked')).toBe(true)
  })

  it('produces a JSON-serialisable report', () => {
    expect(JSON.parse(JSON.stringify(outcome.report))).toEqual(outcome.report)
  })
})

describe('probeChain: samples', () => {
  it('samples a chain of one proxy once (nothing to order); an explicit samples option still wins', async () => {
    const only = await proxy({ modules })
    const once = await probeChain(planFor({ proxies: only.url, sumdb: 'off' }), options())
    expect(once.report.proxies[0]).toMatchObject({ status: 'ok', attempts: 1 })
    expect(once.report.proxies[0].samplesMs).toHaveLength(1)
    const asked = await probeChain(planFor({ proxies: only.url, sumdb: 'off' }), options({ samples: 3 }))
    expect(asked.report.proxies[0].samplesMs).toHaveLength(3)
  })

  it('samples each working proxy three times, reports the median, and ends as soon as all are known', async () => {
    const fast = await proxy({ modules })
    // 300 ms: far enough from the fast one that a loaded machine does not swap them.
    const slow = await proxy({ modules, latencyMs: 300 })
    const outcome = await probeChain(
      planFor({ proxies: `${slow.url}|${fast.url}`, sumdb: 'off' }),
      // Sampling, not the early end: a 300 ms proxy next to a 0 ms one would be cut as too slow (grace 250 ms).
      options({ timeoutMs: 8000, endWhenSettled: false })
    )
    for (const p of outcome.report.proxies) {
      expect(p.samplesMs).toHaveLength(3)
      expect(p.attempts).toBe(3)
      expect(p.medianMs).toBe([...p.samplesMs].sort((a, b) => a - b)[1])
    }
    expect(outcome.report.proxies[0].medianMs).toBeGreaterThanOrEqual(300)
    expect(fast.requests.map(r => r.path)).toEqual([LIST_PATH, LIST_PATH, LIST_PATH])
    expect(outcome.report.chain).toBe(`${fast.url}|${slow.url}`)
    expect(outcome.report.elapsedMs).toBeLessThan(4000)
  })
})

describe('probeChain: credentials', () => {
  it('a 401 proxy works once credentialsFor gives its credentials, which go to that host only', async () => {
    const auth = await proxy({ modules, tls: true, requireAuth: { user: 'bot', password: 's3cret' } })
    const other = await proxy({ modules, tls: true })
    const asked: string[] = []
    const credentialsFor = (url: string) => {
      asked.push(url)
      return new URL(url).host === new URL(auth.url).host ? { username: 'bot', password: 's3cret' } : undefined
    }
    const outcome = await probeChain(
      planFor({ proxies: `${auth.url}|${other.url}`, sumdb: 'off' }),
      options({ credentialsFor, ca: CA })
    )
    expect(asked.sort()).toEqual([auth.url, other.url].sort())
    expect(outcome.report.proxies.map(p => p.status)).toEqual(['ok', 'ok'])
    expect(auth.requests.every(r => r.auth)).toBe(true)
    expect(other.requests.some(r => r.auth)).toBe(false)
  })

  it('wrong credentials are named as refused, not missing', async () => {
    const auth = await proxy({ modules, requireAuth: { user: 'bot', password: 's3cret' } })
    const outcome = await probeChain(
      planFor({ proxies: `${auth.url},direct`, sumdb: 'off' }),
      options({ credentialsFor: () => ({ username: 'bot', password: 'wrong' }) })
    )
    expect(outcome.report.proxies[0].message).toMatch(
      /^HTTP 401 Unauthorized: .*the ones sent were refused; check the auth line for 127\.0\.0\.1:\d+$/
    )
  })

  it('https: the URL userinfo is sent as basic auth, the test CA is trusted through `ca`, and no secret reaches the report', async () => {
    const auth = await proxy({ modules, tls: true, requireAuth: { user: 'bot', password: 's3cret' } })
    const withUserinfo = auth.url.replace('https://', 'https://bot:s3cret@')
    const outcome = await probeChain(planFor({ proxies: withUserinfo, sumdb: 'off' }), options({ ca: CA }))
    expect(outcome.report.proxies[0]).toMatchObject({
      status: 'ok',
      url: auth.url.replace('https://', 'https://bot:xxxxx@')
    })
    expect(outcome.fastest).toBe(auth.url.replace('https://', 'https://bot:xxxxx@'))
    expect(JSON.stringify(outcome.report)).not.toContain('s3cret')
    expect(auth.requests.every(r => r.auth)).toBe(true)
  })
})

describe('probeChain: when nothing works', () => {
  it('reports a problem, says that only direct is left, and proposes direct alone', async () => {
    const outcome = await probeChain(
      planFor({ proxies: `http://127.0.0.1:${refusedPort},direct`, sumdb: 'off' }),
      options()
    )
    expect(outcome.problems).toEqual([
      `No proxy in the chain works from this runner (http://127.0.0.1:${refusedPort}: connection refused by 127.0.0.1:${refusedPort}). Only direct is left: every module would come from its origin repository, without a proxy.`
    ])
    expect(outcome.report.chain).toBe('direct')
    expect(outcome.fastest).toBeUndefined()
  })

  it('without direct or off, keeps the given chain (an empty GOPROXY would mean Go default) and reports the problem', async () => {
    const html = await proxy({ html: true })
    const outcome = await probeChain(
      planFor({ proxies: `${html.url}|http://127.0.0.1:${refusedPort}`, sumdb: 'off' }),
      options()
    )
    expect(outcome.problems).toHaveLength(1)
    expect(outcome.report.chain).toBe(`${html.url}|http://127.0.0.1:${refusedPort}`)
  })

  it.each(['502', 'reset'] as const)(
    'a proxy whose first requests fail transiently (%s) is asked again and kept: one unlucky request drops nothing',
    async failMode => {
      const flaky = await proxy({ modules, failFirst: 2, failMode })
      const outcome = await probeChain(planFor({ proxies: `${flaky.url},off`, sumdb: 'off' }), options())
      expect(outcome.problems).toEqual([])
      expect(outcome.report.chain).toBe(`${flaky.url},off`)
      expect(outcome.report.proxies[0]).toMatchObject({ status: 'ok', attempts: expect.any(Number) })
      expect(outcome.report.proxies[0].attempts).toBeGreaterThanOrEqual(3)
    }
  )

  it('a chain of not-found proxies only is working (a private-only corporate proxy) but has no fastest', async () => {
    const corp = await proxy({})
    const outcome = await probeChain(planFor({ proxies: `${corp.url},direct`, sumdb: 'off' }), options())
    expect(outcome.problems).toEqual([])
    expect(outcome.report.chain).toBe(`${corp.url},direct`)
    expect(outcome.fastest).toBeUndefined()
  })

  it('refuses to drop a dead "," gate before another proxy: its requests, private paths included, would reach that proxy', async () => {
    const next = await proxy({ modules })
    const outcome = await probeChain(
      planFor({ proxies: `http://127.0.0.1:${refusedPort},${next.url},direct`, sumdb: 'off' }),
      options()
    )
    expect(outcome.problems).toEqual([
      expect.stringMatching(/does not work and is a "," gate before http:\/\/127\.0\.0\.1:\d+: dropping it would send/)
    ])
  })

  it('drops a dead "," entry freely when only direct follows (the module\'s own origin, not another proxy)', async () => {
    const outcome = await probeChain(
      planFor({ proxies: `${(await proxy({ modules })).url}|http://127.0.0.1:${refusedPort},direct`, sumdb: 'off' }),
      options()
    )
    expect(outcome.problems).toEqual([])
    expect(outcome.report.chain).toMatch(/^http:\/\/127\.0\.0\.1:\d+,direct$/)
  })
})

describe('probeChain: order given keeps the user order', () => {
  it('does not sort a "|" run', async () => {
    const slow = await proxy({ modules, latencyMs: 80 })
    const fast = await proxy({ modules })
    const outcome = await probeChain(
      planFor({ proxies: `${slow.url}|${fast.url}`, sumdb: 'off' }),
      options({ order: 'given', samples: 1 })
    )
    expect(outcome.report.chain).toBe(`${slow.url}|${fast.url}`)
    expect(outcome.fastest).toBe(fast.url)
    expect(slow.requests).toHaveLength(1)
  })
})

describe('probeChain: privacy', () => {
  it('never sends a private path: only the public probe module and nothing else reaches any proxy', async () => {
    const good = await proxy({ modules, sumdbSupported: ['sum.golang.org'] })
    const outcome = await probeChain(
      planFor({
        proxies: `${good.url},direct`,
        private: 'example.com/private,corp.example',
        'no-sumdb': 'example.com/internal'
      }),
      options()
    )
    expect(outcome.report.proxies[0].status).toBe('ok')
    expect(good.requests.map(r => r.path).filter(p => /private|corp\.example|internal/.test(p))).toEqual([])
    expect(new Set(good.requests.map(r => r.path))).toEqual(
      new Set([LIST_PATH, '/sumdb/sum.golang.org/supported', '/sumdb/sum.golang.org/latest'])
    )
  })

  it('refuses a probe module that matches the private patterns, before any request', async () => {
    const good = await proxy({ modules })
    // probe: false lets composePlan accept it; probeChain must still refuse.
    const plan = planFor({ proxies: good.url, private: 'example.com/*', probe: 'false', sumdb: 'off' })
    await expect(probeChain(plan, options())).rejects.toThrow(InputError)
    expect(good.requests).toEqual([])
  })
})

describe('probeChain: file:// proxies are checked on disk', () => {
  it('a directory with the list works, an empty one is not-found (kept), a missing one is dropped', async () => {
    const root = tempDir('probe-file')
    const full = join(root, 'full')
    mkdirSync(join(full, 'example.com', '!probe', '@v'), { recursive: true })
    writeFileSync(join(full, 'example.com', '!probe', '@v', 'list'), 'v1.0.0\n')
    const empty = join(root, 'empty')
    mkdirSync(empty)
    const url = (dir: string) => pathToFileURL(dir).href
    const outcome = await probeChain(
      planFor({ proxies: `${url(join(root, 'missing'))}|${url(empty)}|${url(full)},direct`, sumdb: 'off' }),
      options()
    )
    expect(outcome.report.proxies.map(p => [p.status, p.position])).toEqual([
      ['file-missing', null],
      ['not-found', 1],
      ['ok', 2]
    ])
    expect(outcome.report.proxies[0].message).toMatch(/^directory .*missing does not exist$/)
    expect(outcome.fastest).toBe(url(full))
  })
})
