/**
 * The probe's requests on the one HTTP client: every request ends by the deadline whatever the peer does, and the
 * core's observation says in which phase it was (connect, TLS, waiting for the answer, reading the body); closing the
 * run's client leaves no socket or timer; credentials stay with their origin across redirects; a proxy's samples share
 * one kept-alive connection.
 */
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { classifyFailure, type ProbeAttempt } from '../../src/probe/report.js'
import { createHttpClient, type HttpClient } from '../../src/net/http.js'
import { getWithRetries, probeList, type RequestContext } from '../../src/probe/proxy-probe.js'
import { startBlackhole, startProxy, startSynDrop, type Blackhole, type TestProxy } from '../support/goproxy-server.js'
import { testTls } from '../support/tls.js'
import { LINUX, SYN_DROP_NEEDS_LINUX, testOnlyWhere } from '../support/platform.js'

const CA = [testTls().ca.toString('utf8')]
const BUDGET = 400
/** Slack for a loaded machine (8 workers on 2 cores): the deadline must hold, not to the millisecond. */
const SLACK = 2000

interface Server {
  url: string
  requests: Array<{ path: string; auth: boolean }>
  /** TCP connections accepted so far. */
  connections: number
  /** Connections still open. */
  open(): number
  close(): Promise<void>
}

/** A loopback server (http, or https with the test certificate) whose handler the test writes. */
async function serve(handler: http.RequestListener, secure = false): Promise<Server> {
  const requests: Server['requests'] = []
  const sockets = new Set<net.Socket>()
  const listener: http.RequestListener = (req, res) => {
    requests.push({ path: req.url ?? '', auth: req.headers.authorization !== undefined })
    handler(req, res)
  }
  const server = secure ? https.createServer(testTls(), listener) : http.createServer(listener)
  let connections = 0
  server.on(secure ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    url: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections
    },
    open: () => sockets.size,
    close: () => {
      const closed = new Promise<void>(resolve => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      return closed
    }
  }
}

function failureOf(attempt: ProbeAttempt) {
  if (attempt.kind !== 'failure') throw new Error(`expected a failure, got ${attempt.kind}`)
  return attempt.failure
}

function answerOf(attempt: ProbeAttempt) {
  if (attempt.kind !== 'answer') throw new Error(`expected an answer, got ${attempt.kind}`)
  return attempt.answer
}

/** A client like the probe run's (the test CA trusted); closed in afterAll. */
function newClient(): HttpClient {
  const client = createHttpClient({ ca: CA, userAgent: 'setup-goproxy-probe' })
  closers.push(() => client.close())
  return client
}

/** One probe request, as the probe makes it (retries included), seen as the core's observation. */
async function probeGet(
  url: string,
  options: Omit<RequestContext, 'client'> & { client?: HttpClient }
): Promise<ProbeAttempt> {
  return (await getWithRetries(url, { client: options.client ?? shared, ...options })).attempt
}

const closers: Array<() => unknown> = []
let shared: HttpClient
let silent: TestProxy
let blackhole: Blackhole
let loris: Server
beforeAll(async () => {
  shared = newClient()
  silent = await startProxy({ neverAnswer: true })
  blackhole = await startBlackhole()
  loris = await serve((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' })
    res.write('v1.0.0\n')
    const timer = setInterval(() => res.write('v'), 50)
    res.on('close', () => clearInterval(timer))
  })
  closers.push(
    () => silent.close(),
    () => blackhole.close(),
    () => loris.close()
  )
})
afterAll(async () => {
  await Promise.all(closers.map(close => close()))
})

describe('the deadline ends every request and names its phase', () => {
  const linux = testOnlyWhere(LINUX, SYN_DROP_NEEDS_LINUX)
  linux('SYNs dropped (full accept queue): connect phase → connect timeout', async () => {
    const dropping = await startSynDrop()
    closers.push(() => dropping.close())
    const start = performance.now()
    const failure = failureOf(await probeGet(`${dropping.url}/x`, { deadline: start + BUDGET }))
    expect(performance.now() - start).toBeLessThan(BUDGET + SLACK)
    expect(failure).toMatchObject({ phase: 'connect', code: 'DEADLINE' })
    expect(classifyFailure(failure).status).toBe('connect-timeout')
  })

  it.each([
    ['accepts and never answers (http)', () => `${silent.url}/x`, 'response', 'no-response'],
    ['accepts and never starts TLS', () => `${blackhole.url.replace('http:', 'https:')}/x`, 'tls', 'no-response'],
    ['sends headers, then trickles the body (slow-loris)', () => `${loris.url}/x`, 'body', 'slow']
  ] as const)('%s: %s phase → %s', async (_name, url, phase, status) => {
    const start = performance.now()
    const failure = failureOf(await probeGet(url(), { deadline: start + BUDGET }))
    expect(performance.now() - start).toBeLessThan(BUDGET + SLACK)
    expect(performance.now() - start).toBeGreaterThanOrEqual(BUDGET - 5)
    expect(failure).toMatchObject({ phase, code: 'DEADLINE' })
    expect(classifyFailure(failure).status).toBe(status)
  })

  it('a deadline already past ends the request at once', async () => {
    const start = performance.now()
    const failure = failureOf(await probeGet(`${silent.url}/x`, { deadline: start - 1 }))
    expect(failure.code).toBe('DEADLINE')
    expect(performance.now() - start).toBeLessThan(SLACK)
  })

  it('an abort signal ends a stalled request early, as "aborted"', async () => {
    const controller = new AbortController()
    const start = performance.now()
    setTimeout(() => controller.abort(), 50)
    const attempt = await probeGet(`${silent.url}/x`, { deadline: start + 5000, signal: controller.signal })
    expect(attempt.kind).toBe('aborted')
    // Well before the 5 s deadline, even on a loaded machine.
    expect(performance.now() - start).toBeLessThan(3000)
  })

  it("closing the run's client leaves no socket open and nothing that keeps the process alive", async () => {
    const count = () => process.getActiveResourcesInfo().filter(r => r === 'Timeout' || r === 'TCPSocketWrap').length
    const before = count()
    const accepted = blackhole.accepted
    const client = newClient()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    // Long deadlines ended early by an abort: a deadline timer not cleared would still be pending.
    const far = { client, deadline: performance.now() + 10_000, signal: controller.signal }
    const attempts = await Promise.all([
      probeGet(`${silent.url}/x`, far),
      probeGet(`${loris.url}/x`, far),
      probeGet(`${blackhole.url.replace('http:', 'https:')}/x`, far),
      probeGet(`${loris.url}/x`, { client, deadline: performance.now() + 100 })
    ])
    expect(attempts.map(a => a.kind)).toEqual(['aborted', 'aborted', 'aborted', 'failure'])
    await client.close()
    // The servers see the client's close a moment later (waited for, with a cap); the blackhole never reads,
    // so its side stays until close().
    const settled = () => count() <= before + blackhole.accepted - accepted
    for (const end = performance.now() + 5000; !settled() && performance.now() < end;)
      await new Promise(resolve => setTimeout(resolve, 20))
    expect(count()).toBeLessThanOrEqual(before + blackhole.accepted - accepted)
  })
})

describe('answers', () => {
  it('keeps at most 64 KiB of a body and says it was cut', async () => {
    const big = await serve((_req, res) => res.end('v1.0.0\n'.repeat(20_000)))
    closers.push(() => big.close())
    const answer = answerOf(await probeGet(`${big.url}/x`, { deadline: performance.now() + 2000 }))
    expect([answer.body.length, answer.truncated]).toEqual([64 * 1024, true])
  })

  it('returns the status, status text, content type and body of an error answer, after the transient retries', async () => {
    const failing = await serve((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain' })
      res.end('maintenance\n')
    })
    closers.push(() => failing.close())
    const retried = await getWithRetries(`${failing.url}/x?token=1`, {
      client: shared,
      deadline: performance.now() + 5000
    })
    expect(answerOf(retried.attempt)).toMatchObject({
      status: 503,
      statusText: 'Service Unavailable',
      contentType: 'text/plain',
      body: 'maintenance\n',
      host: failing.url.replace('http://', '')
    })
    // 503 is transient: asked again by the shared rule until the retries ran out, the query on every request.
    expect(retried.attempts).toBe(4)
    expect(failing.requests.map(r => r.path)).toEqual(Array(4).fill('/x?token=1'))
  })
})

describe('keep-alive: one client per probe run', () => {
  it.each([
    ['http', false],
    ['https', true]
  ] as const)(
    '%s: the samples of a proxy share one connection; closing the client closes it',
    async (_name, secure) => {
      const proxy = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' })
        res.end('v1.0.0\nv1.1.0\n')
      }, secure)
      closers.push(() => proxy.close())
      const client = newClient()
      const result = await probeList(proxy.url, 'example.com/m', 3, { client, deadline: performance.now() + 10_000 })
      expect(result).toMatchObject({ status: 'ok', attempts: 3 })
      expect(result.samplesMs).toHaveLength(3)
      expect(proxy.requests.map(r => r.path)).toEqual(Array(3).fill('/example.com/m/@v/list'))
      expect(proxy.connections).toBe(1)
      await client.close()
      for (const end = performance.now() + 5000; proxy.open() > 0 && performance.now() < end;)
        await new Promise(resolve => setTimeout(resolve, 20))
      expect(proxy.open()).toBe(0)
    }
  )
})

describe('redirects, followed like the go command does', () => {
  it('credentials go to the first origin only, also across redirects', async () => {
    const other = await serve((_req, res) => res.end('v1.0.0\n'))
    const first = await serve((req, res) => {
      const target = req.url === '/start' ? '/same-origin' : `${other.url}/elsewhere`
      res.writeHead(302, { Location: target })
      res.end()
    })
    closers.push(
      () => other.close(),
      () => first.close()
    )
    const attempt = await probeGet(`${first.url}/start`, {
      deadline: performance.now() + 2000,
      credentials: { username: 'bot', password: 's3cret' }
    })
    expect(answerOf(attempt).status).toBe(200)
    expect(first.requests).toEqual([
      { path: '/start', auth: true },
      { path: '/same-origin', auth: true }
    ])
    expect(other.requests).toEqual([{ path: '/elsewhere', auth: false }])
  })

  it('refuses a redirect from https to http and returns the 3xx with the reason', async () => {
    const plain = await serve((_req, res) => res.end('v1.0.0\n'))
    const secure = await serve((_req, res) => {
      res.writeHead(301, { Location: `${plain.url}/x` })
      res.end()
    }, true)
    closers.push(
      () => plain.close(),
      () => secure.close()
    )
    const attempt = await probeGet(`${secure.url}/x`, { deadline: performance.now() + 2000 })
    expect(answerOf(attempt)).toMatchObject({
      status: 301,
      redirectRefused: 'redirect from https to http refused'
    })
    expect(plain.requests).toEqual([])
  })
})
