/**
 * The one HTTP client against real loopback servers: connection reuse, redirects and credentials,
 * size limits, every timeout class, file://, IPv6, abort, downloads to a file, and HTTPS through a
 * CONNECT proxy. It never rejects: every case below ends in an answer, a classified failure or 'aborted'.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createHttpClient, type HttpClient, type HttpResult } from '../../src/net/http.js'
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js'
import { startBlackhole, startSynDrop, type Blackhole } from '../support/goproxy-server.js'
import { testTls } from '../support/tls.js'
import { LINUX, SYN_DROP_NEEDS_LINUX, testOnlyWhere } from '../support/platform.js'

const here = dirname(fileURLToPath(import.meta.url))
const PROXIED_TLS = {
  cert: readFileSync(join(here, 'fixtures', 'proxied-cert.pem')),
  key: readFileSync(join(here, 'fixtures', 'proxied-key.pem'))
}
const CA = [testTls().ca.toString('utf8'), PROXIED_TLS.cert.toString('utf8')]

interface Server {
  url: string
  port: number
  connections: number
  requests: Array<{ path: string; authorization?: string; host?: string }>
  close(): Promise<void>
}

async function serve(
  handler: http.RequestListener,
  opts: { tls?: { cert: Buffer; key: Buffer }; host?: string } = {}
): Promise<Server> {
  const sockets = new Set<net.Socket>()
  const state: Server = { url: '', port: 0, connections: 0, requests: [], close: async () => undefined }
  const listener: http.RequestListener = (req, res) => {
    state.requests.push({
      path: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers.host ? { host: req.headers.host } : {})
    })
    handler(req, res)
  }
  const server = opts.tls ? https.createServer(opts.tls, listener) : http.createServer(listener)
  server.on('connection', (socket: net.Socket) => {
    state.connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const host = opts.host ?? '127.0.0.1'
  await new Promise<void>(resolve => server.listen(0, host, resolve))
  state.port = (server.address() as net.AddressInfo).port
  const shown = host.includes(':') ? `[${host}]` : host
  state.url = `${opts.tls ? 'https' : 'http'}://${shown}:${state.port}`
  state.close = () => {
    const closed = new Promise<void>(resolve => server.close(() => resolve()))
    for (const socket of sockets) socket.destroy()
    return closed
  }
  return state
}

const BASIC = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
const buffer = { mode: 'buffer', maxBytes: 1 << 20 } as const

function answerOf(result: HttpResult) {
  if (result.kind !== 'answer') throw new Error(`expected an answer, got ${JSON.stringify(result)}`)
  return result
}
function failureOf(result: HttpResult) {
  if (result.kind !== 'failure') throw new Error(`expected a failure, got ${result.kind}`)
  return result
}
function text(result: HttpResult): string {
  const answer = answerOf(result)
  if (answer.body.kind !== 'buffered') throw new Error(`expected a buffered body, got ${answer.body.kind}`)
  return answer.body.bytes.toString('utf8')
}

const closers: Array<() => unknown> = []
let client: HttpClient
let tmp: string
let ok: Server
beforeAll(async () => {
  client = createHttpClient({ ca: CA, connectTimeoutMs: 2000 })
  tmp = mkdtempSync(join(os.tmpdir(), 'net-client-'))
  ok = await serve((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Retry-After': '7' })
    res.end(`hello ${req.url}\n`)
  })
  closers.push(() => ok.close())
})
afterAll(async () => {
  await client.close()
  await Promise.all(closers.map(close => close()))
  rmSync(tmp, { recursive: true, force: true })
})

describe('connections', () => {
  it('reuses one keep-alive connection for sequential GETs to one origin', async () => {
    const fresh = await serve((_req, res) => res.end('x'))
    closers.push(() => fresh.close())
    for (let i = 0; i < 10; i++) expect(text(await client.get(`${fresh.url}/${i}`, { body: buffer }))).toBe('x')
    expect(fresh.requests).toHaveLength(10)
    // undici's pool opens a second connection for the request right after its very first one (the first
    // connection is not back in the pool yet); from then on every request reuses a connection.
    expect(fresh.connections).toBeLessThanOrEqual(2)
    const before = fresh.connections
    for (let i = 0; i < 10; i++) await client.get(`${fresh.url}/again${i}`, { body: buffer })
    expect(fresh.connections).toBe(before)
  })

  it('close() ends every socket and later calls fail as a closed client, without throwing', async () => {
    const own = createHttpClient()
    const server = await serve((_req, res) => res.end('x'))
    closers.push(() => server.close())
    expect(text(await own.get(`${server.url}/a`, { body: buffer }))).toBe('x')
    await own.close()
    const after = failureOf(await own.get(`${server.url}/b`, { body: buffer }))
    expect(after.code).toBe('CLIENT_CLOSED')
  })

  it('a request waiting for a free connection of a full pool is not timed out as a connect timeout', async () => {
    const slow = await serve((_req, res) => setTimeout(() => res.end('late'), 400))
    closers.push(() => slow.close())
    const single = createHttpClient({ connectionsPerOrigin: 1, connectTimeoutMs: 200 })
    try {
      const results = await Promise.all([1, 2].map(i => single.get(`${slow.url}/${i}`, { body: buffer })))
      expect(results.map(text)).toEqual(['late', 'late'])
      expect(slow.connections).toBe(1)
    } finally {
      await single.close()
    }
  })

  it('reports status, headers and Retry-After of an answer', async () => {
    const answer = answerOf(await client.get(`${ok.url}/info?q=1`, { body: buffer }))
    expect(answer).toMatchObject({ status: 200, statusText: 'OK', contentType: 'text/plain', retryAfterMs: 7000 })
    expect(answer.url).toBe(`${ok.url}/info?q=1`)
    expect(text(answer)).toBe('hello /info?q=1\n')
  })

  it("a refused connection is a classified failure in the go command's words", async () => {
    const port = await new Promise<number>(resolve => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port
        s.close(() => resolve(p))
      })
    })
    const failure = failureOf(await client.get(`http://127.0.0.1:${port}/x`, { body: buffer }))
    expect(failure).toMatchObject({ fault: 'refused', code: 'ECONNREFUSED', message: 'connection refused' })
  })

  it('an unparsable URL or an unsupported scheme is a failure, never a throw', async () => {
    expect(failureOf(await client.get('http://[bad', { body: buffer })).code).toBe('ERR_INVALID_URL')
    expect(failureOf(await client.get('ftp://example.com/x', { body: buffer })).code).toBe('UNSUPPORTED_SCHEME')
  })
})

describe('redirects and credentials', () => {
  const creds = { username: 'bot', password: 's3cret' }

  it('credentials stay with their origin; another origin gets what the lookup has for it, else none', async () => {
    const other = await serve((_req, res) => res.end('other'))
    const third = await serve((_req, res) => res.end('third'))
    const first = await serve((req, res) => {
      const to = req.url === '/start' ? '/same' : req.url === '/same' ? `${other.url}/o` : `${third.url}/t`
      res.writeHead(302, { Location: to })
      res.end()
    })
    closers.push(
      () => other.close(),
      () => third.close(),
      () => first.close()
    )
    const asked: string[] = []
    const lookup = (url: string) => {
      asked.push(url)
      return url.startsWith(third.url) ? { username: 'netrc', password: 'pw' } : undefined
    }
    expect(
      text(await client.get(`${first.url}/start`, { body: buffer, credentials: creds, credentialsFor: lookup }))
    ).toBe('other')
    expect(first.requests.map(r => [r.path, r.authorization])).toEqual([
      ['/start', BASIC('bot', 's3cret')],
      ['/same', BASIC('bot', 's3cret')]
    ])
    expect(other.requests).toEqual([expect.not.objectContaining({ authorization: expect.anything() })])
    expect(asked).toEqual([`${other.url}/o`])

    expect(text(await client.get(`${first.url}/elsewhere`, { body: buffer, credentialsFor: lookup }))).toBe('third')
    expect(third.requests[0].authorization).toBe(BASIC('netrc', 'pw'))
  })

  it('userinfo in the URL is never sent as such', async () => {
    const server = await serve((_req, res) => res.end('x'))
    closers.push(() => server.close())
    await client.get(server.url.replace('http://', 'http://user:pw@') + '/x', { body: buffer })
    expect(server.requests[0].authorization).toBeUndefined()
  })

  it.each([
    ['https to http', (plain: string) => `${plain}/x`, 'redirect from https to http refused'],
    ['an unparsable Location', () => 'http://[bad', 'invalid Location "http://[bad" in a redirect'],
    ['a non-http scheme', () => 'ftp://example.com/x', 'redirect to the unsupported scheme ftp refused']
  ])('refuses %s as a classified redirect failure', async (_name, location, reason) => {
    const plain = await serve((_req, res) => res.end('plain'))
    const secure = await serve(
      (_req, res) => {
        res.writeHead(301, { Location: location(plain.url) })
        res.end()
      },
      { tls: testTls() }
    )
    closers.push(
      () => plain.close(),
      () => secure.close()
    )
    const failure = failureOf(await client.get(`${secure.url}/x`, { body: buffer }))
    expect(failure).toMatchObject({ fault: 'redirect', code: 'REDIRECT', status: 301, message: reason })
    expect(plain.requests).toEqual([])
  })

  it('stops after 10 redirects', async () => {
    const loop = await serve((req, res) => {
      res.writeHead(307, { Location: `/n${Number(req.url?.slice(2) || 0) + 1}` })
      res.end()
    })
    closers.push(() => loop.close())
    const failure = failureOf(await client.get(`${loop.url}/n0`, { body: buffer }))
    expect(failure).toMatchObject({ fault: 'redirect', message: 'stopped after 10 redirects' })
    expect(loop.requests).toHaveLength(11)
  })
})

describe('bodies', () => {
  let big: Server
  const BIG = Buffer.alloc(3 * 1024 * 1024 + 17, 'abcdefgh')
  beforeAll(async () => {
    big = await serve((req, res) => {
      if (req.url === '/error') {
        res.writeHead(500, { 'Content-Type': 'text/plain' })
        return res.end('e'.repeat(200_000))
      }
      if (req.url === '/break') {
        res.writeHead(200, { 'Content-Length': String(BIG.length) })
        res.write(BIG.subarray(0, 100_000))
        setTimeout(() => res.destroy(), 20)
        return
      }
      res.writeHead(200, req.url === '/chunked' ? {} : { 'Content-Length': String(BIG.length) })
      res.end(BIG)
    })
    closers.push(() => big.close())
  })

  it('keeps at most maxBytes and says the body was cut', async () => {
    const answer = answerOf(await client.get(`${big.url}/x`, { body: { mode: 'buffer', maxBytes: 1000 } }))
    expect(answer.body).toMatchObject({ kind: 'buffered', truncated: true })
    expect(answer.body.kind === 'buffered' && answer.body.bytes.length).toBe(1000)
  })

  it.each(['/x', '/chunked'])('past the limit with overflow "stream", hands %s over as a stream', async path => {
    const answer = answerOf(
      await client.get(`${big.url}${path}`, { body: { mode: 'buffer', maxBytes: 1000, overflow: 'stream' } })
    )
    if (answer.body.kind !== 'stream') throw new Error(`expected a stream, got ${answer.body.kind}`)
    const parts: Buffer[] = [answer.body.head]
    for await (const chunk of answer.body.rest) parts.push(chunk as Buffer)
    expect(Buffer.concat(parts).equals(BIG)).toBe(true)
  })

  it('an error answer is only quoted: cut at 64 KiB even with overflow "stream"', async () => {
    const answer = answerOf(
      await client.get(`${big.url}/error`, { body: { mode: 'buffer', maxBytes: 1 << 20, overflow: 'stream' } })
    )
    expect(answer.status).toBe(500)
    expect(answer.body).toMatchObject({ kind: 'buffered', truncated: true })
  })

  it('writes a large body to a file with progress, never held whole', async () => {
    const path = join(tmp, 'download.zip')
    const progress: number[] = []
    const answer = answerOf(
      await client.get(`${big.url}/x`, {
        body: { mode: 'file', path, onProgress: (bytes, total) => progress.push(bytes, total ?? -1) }
      })
    )
    expect(answer.body).toEqual({ kind: 'file', path, bytes: BIG.length })
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
    expect(sha(readFileSync(path))).toBe(sha(BIG))
    const bytes = progress.filter((_, i) => i % 2 === 0)
    expect(bytes.length).toBeGreaterThan(1)
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b))
    expect(bytes[bytes.length - 1]).toBe(BIG.length)
    expect(progress[1]).toBe(BIG.length)
  })

  it('a download that breaks off is a reset failure and leaves no partial file', async () => {
    const path = join(tmp, 'broken.zip')
    const failure = failureOf(await client.get(`${big.url}/break`, { body: { mode: 'file', path } }))
    expect(failure).toMatchObject({ fault: 'reset', phase: 'body' })
    expect(existsSync(path)).toBe(false)
  })

  it.each(['/x', '/chunked'])(
    'a download past the file limit (%s) is a too-large failure and leaves no file',
    async urlPath => {
      const path = join(tmp, `capped${urlPath.replace('/', '-')}.zip`)
      const failure = failureOf(
        await client.get(`${big.url}${urlPath}`, { body: { mode: 'file', path, maxBytes: 1024 * 1024 } })
      )
      expect(failure).toMatchObject({ fault: 'too-large', code: 'TOO_LARGE', phase: 'body' })
      expect(existsSync(path)).toBe(false)
    }
  )

  it('streams a body the caller consumes', async () => {
    const answer = answerOf(await client.get(`${big.url}/x`, { body: { mode: 'stream' } }))
    if (answer.body.kind !== 'stream') throw new Error('expected a stream')
    let size = 0
    for await (const chunk of answer.body.rest) size += (chunk as Buffer).length
    expect(size).toBe(BIG.length)
  })
})

describe('timeouts, each its own class', () => {
  let silent: Server
  let stall: Server
  let blackhole: Blackhole
  beforeAll(async () => {
    silent = await serve(() => undefined)
    stall = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' })
      res.write('part of the body')
    })
    blackhole = await startBlackhole()
    closers.push(
      () => silent.close(),
      () => stall.close(),
      () => blackhole.close()
    )
  })

  it('no response headers → timeout in the response phase', async () => {
    const failure = failureOf(await client.get(`${silent.url}/x`, { body: buffer, headersTimeoutMs: 200 }))
    expect(failure).toMatchObject({ fault: 'timeout', phase: 'response', code: 'HEADERS_TIMEOUT' })
    expect(failure.message).toMatch(/no answer within 200 ms/)
  })

  it('a body that stalls → timeout in the body phase, buffered or streamed', async () => {
    const failure = failureOf(await client.get(`${stall.url}/x`, { body: buffer, bodyIdleTimeoutMs: 200 }))
    expect(failure).toMatchObject({ fault: 'timeout', phase: 'body', code: 'BODY_TIMEOUT' })
    expect(failure.message).toMatch(/stalled: no data for 200 ms/)
    const answer = answerOf(await client.get(`${stall.url}/x`, { body: { mode: 'stream' }, bodyIdleTimeoutMs: 200 }))
    if (answer.body.kind !== 'stream') throw new Error('expected a stream')
    const error = await new Promise<Error>(resolve => {
      const rest = answer.body.kind === 'stream' ? answer.body.rest : undefined
      rest?.on('error', resolve)
      rest?.resume()
    })
    expect(error.message).toMatch(/stalled/)
  })

  it('a TLS handshake that never completes → connect timeout in the tls phase', async () => {
    const own = createHttpClient({ connectTimeoutMs: 300 })
    const failure = failureOf(await own.get(`https://127.0.0.1:${blackhole.port}/x`, { body: buffer }))
    await own.close()
    expect(failure).toMatchObject({ fault: 'timeout', phase: 'tls', code: 'CONNECT_TIMEOUT' })
  })

  const linux = testOnlyWhere(LINUX, SYN_DROP_NEEDS_LINUX)
  linux('dropped SYNs → connect timeout in the connect phase', async () => {
    const dropping = await startSynDrop()
    closers.push(() => dropping.close())
    const own = createHttpClient({ connectTimeoutMs: 300 })
    const failure = failureOf(await own.get(`${dropping.url}/x`, { body: buffer }))
    await own.close()
    expect(failure).toMatchObject({ fault: 'timeout', phase: 'connect', code: 'CONNECT_TIMEOUT' })
  })

  it('the deadline ends a call in whatever phase it is, on time', async () => {
    const start = performance.now()
    const failure = failureOf(await client.get(`${stall.url}/x`, { body: buffer, deadline: start + 300 }))
    expect(failure).toMatchObject({ fault: 'timeout', code: 'DEADLINE', phase: 'body' })
    expect(performance.now() - start).toBeLessThan(5000)
  })

  it('an abort signal ends a stalled call as "aborted"', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    expect((await client.get(`${silent.url}/x`, { body: buffer, signal: controller.signal })).kind).toBe('aborted')
    const done = new AbortController()
    done.abort()
    expect((await client.get(`${ok.url}/x`, { body: buffer, signal: done.signal })).kind).toBe('aborted')
  })
})

describe('file:// URLs', () => {
  it('reads a file, and a missing file (or a directory, or a path through a file) is a 404', async () => {
    const dir = join(tmp, 'proxy', 'example.com', '@v')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'list'), 'v1.0.0\n')
    const base = pathToFileURL(join(tmp, 'proxy')).href
    expect(text(await client.get(`${base}/example.com/@v/list`, { body: buffer }))).toBe('v1.0.0\n')
    for (const missing of ['/example.com/@v/v9.info', '/example.com/@v', '/example.com/@v/list/x']) {
      expect(answerOf(await client.get(`${base}${missing}`, { body: buffer })).status).toBe(404)
    }
    const path = join(tmp, 'copied')
    const answer = answerOf(await client.get(`${base}/example.com/@v/list`, { body: { mode: 'file', path } }))
    expect(answer.body).toEqual({ kind: 'file', path, bytes: 7 })
    expect(readFileSync(path, 'utf8')).toBe('v1.0.0\n')
  })
})

describe('IPv6 literals', () => {
  it('GETs from [::1] (skipped only when the machine has no IPv6 loopback)', async () => {
    const probe = net.createServer()
    const hasV6 = await new Promise<boolean>(resolve => {
      probe.once('error', () => resolve(false))
      probe.listen(0, '::1', () => probe.close(() => resolve(true)))
    })
    if (!hasV6) {
      console.warn('no IPv6 loopback on this machine: the [::1] test was skipped')
      return
    }
    const v6 = await serve((_req, res) => res.end('six'), { host: '::1', tls: testTls() })
    closers.push(() => v6.close())
    expect(v6.url).toMatch(/^https:\/\/\[::1\]:\d+$/)
    expect(text(await client.get(`${v6.url}/x`, { body: buffer }))).toBe('six')
    expect(v6.requests[0].host).toBe(`[::1]:${v6.port}`)
  })
})

describe('through an HTTP proxy from the environment', () => {
  let proxy: ConnectProxy
  let secure: Server
  let plain: Server
  const proxyAuth = BASIC('proxyuser', 'proxy pw')
  beforeAll(async () => {
    proxy = await startConnectProxy({ requireAuthorization: proxyAuth })
    secure = await serve((req, res) => res.end(`secure ${req.url}`), { tls: PROXIED_TLS })
    plain = await serve((req, res) => res.end(`plain ${req.url}`))
    closers.push(
      () => proxy.close(),
      () => secure.close(),
      () => plain.close()
    )
  })

  it('tunnels https through CONNECT; Proxy-Authorization reaches the proxy only; NO_PROXY bypasses it', async () => {
    const proxyUrl = proxy.url.replace('http://', 'http://proxyuser:proxy%20pw@')
    const viaProxy = createHttpClient({
      ca: CA,
      env: { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, NO_PROXY: 'other.test' }
    })
    try {
      const result = await viaProxy.get(`https://goproxy.test:${secure.port}/mod/@v/list`, {
        body: buffer,
        credentials: { username: 'bot', password: 'tok' }
      })
      expect(text(result)).toBe('secure /mod/@v/list')
      expect(proxy.log).toEqual([
        { method: 'CONNECT', target: `goproxy.test:${secure.port}`, proxyAuthorization: proxyAuth }
      ])
      // The origin saw its own credentials, and nothing meant for the proxy.
      expect(secure.requests).toEqual([
        { path: '/mod/@v/list', authorization: BASIC('bot', 'tok'), host: `goproxy.test:${secure.port}` }
      ])

      // Plain http goes to the proxy in absolute form.
      expect(text(await viaProxy.get(`http://goproxy.test:${plain.port}/p`, { body: buffer }))).toBe('plain /p')
      expect(proxy.log[1]).toEqual({
        method: 'GET',
        target: `http://goproxy.test:${plain.port}/p`,
        proxyAuthorization: proxyAuth
      })

      // NO_PROXY: other.test is not sent through the proxy (so it does not resolve here: a dns failure).
      const before = proxy.log.length
      const bypass = failureOf(await viaProxy.get(`https://other.test:${secure.port}/x`, { body: buffer }))
      expect(bypass.fault).toBe('dns')
      expect(proxy.log).toHaveLength(before)
      // Loopback is never proxied, as in the go command.
      expect(text(await viaProxy.get(`${ok.url}/direct`, { body: buffer }))).toBe('hello /direct\n')
      expect(proxy.log).toHaveLength(before)
    } finally {
      await viaProxy.close()
    }
  })

  it('without the proxy credentials the proxy refuses, and that is a classified failure', async () => {
    const noAuth = createHttpClient({ ca: CA, env: { HTTPS_PROXY: proxy.url } })
    try {
      const failure = failureOf(await noAuth.get(`https://goproxy.test:${secure.port}/x`, { body: buffer }))
      expect(failure.message).toMatch(/407/)
    } finally {
      await noAuth.close()
    }
  })
})
