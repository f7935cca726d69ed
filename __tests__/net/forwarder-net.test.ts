/**
 * The warm forwarder on the one HTTP client: a redirect it cannot follow is one classified failure of one proxy
 * (the walk goes on to the next `|` proxy), and the warm phase works through a corporate HTTPS_PROXY with the real
 * go command instead of bypassing its forwarder.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startForwarder, type Forwarder } from '../../src/warm/forwarder/forwarder.js'
import { warmModules } from '../../src/warm/warm.js'
import { startConnectProxy, type ConnectProxy } from '../support/connect-proxy.js'
import { cleanupTempDirs, findGo, goTestEnv, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, moduleSet, writeProject } from '../support/modules.js'
import { captureLogger, chainOf, planOf, SUMDB_OFF } from '../warm/warm-helpers.js'

const here = dirname(fileURLToPath(import.meta.url))
const PROXIED_TLS = {
  cert: readFileSync(join(here, 'fixtures', 'proxied-cert.pem')),
  key: readFileSync(join(here, 'fixtures', 'proxied-key.pem'))
}
const mod = defineModule({ path: 'example.com/redir', version: 'v1.0.0' })

function get(base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/${path}`, { agent: false }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.setTimeout(10_000, () => req.destroy(new Error('test client timeout')))
    req.on('error', reject)
  })
}

const closers: Array<() => unknown> = []
afterAll(async () => {
  for (const close of closers.reverse()) await close()
  await cleanupTempDirs()
})

describe('a redirect the forwarder cannot follow', () => {
  it('Location: http://[bad is a failure of that proxy only: the next "|" proxy serves', async () => {
    const bad = http.createServer((_req, res) => {
      res.writeHead(302, { Location: 'http://[bad' })
      res.end()
    })
    await new Promise<void>(resolve => bad.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise(resolve => bad.close(resolve)))
    const badUrl = `http://127.0.0.1:${(bad.address() as net.AddressInfo).port}`
    const good = await startProxy({ modules: [mod] })
    closers.push(() => good.close())
    const forwarder: Forwarder = await startForwarder({
      chain: chainOf([[badUrl, '|'], [good.url]]),
      sumdb: SUMDB_OFF,
      gonoproxy: '',
      gonosumdb: '',
      requestTimeoutMs: 2000,
      backoffMs: 10,
      log: captureLogger()
    })
    closers.push(() => forwarder.close())
    const reply = await get(forwarder.url, 'example.com/redir/@v/v1.0.0.mod')
    expect(reply).toEqual({ status: 200, body: mod.mod })
    expect(good.requests.map(r => r.path)).toEqual(['/example.com/redir/@v/v1.0.0.mod'])
    // The health bookkeeping saw the failure of the first proxy.
    expect(forwarder.health()[0]).toMatchObject({ requests: 1, failures: 1, successes: 0 })
    expect(forwarder.health()[1]).toMatchObject({ requests: 1, successes: 1 })
  })
})

describe('the warm phase through a corporate HTTPS_PROXY, with the real go command', () => {
  const go = findGo()
  let upstream: TestProxy
  let front: https.Server
  let frontPort: number
  let proxy: ConnectProxy
  const modules = moduleSet(3, 'example.com/viaproxy')
  const proxyAuth = `Basic ${Buffer.from('corp:pa ss').toString('base64')}`

  beforeAll(async () => {
    upstream = await startProxy({ modules })
    // An https front for the GOPROXY server with a certificate for goproxy.test, a name the go command (and so the
    // forwarder) sends through HTTPS_PROXY; the CONNECT proxy connects every name on 127.0.0.1.
    front = https.createServer(PROXIED_TLS, (req, res) => {
      const back = http.request(`${upstream.url}${req.url ?? ''}`, { headers: req.headers }, answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      back.on('error', () => res.destroy())
      back.end()
    })
    await new Promise<void>(resolve => front.listen(0, '127.0.0.1', resolve))
    frontPort = (front.address() as net.AddressInfo).port
    proxy = await startConnectProxy({ requireAuthorization: proxyAuth })
    closers.push(
      () => upstream.close(),
      () => new Promise(resolve => front.close(resolve)),
      () => proxy.close()
    )
  })

  it('downloads every module through the proxy (CONNECT, Proxy-Authorization) and the forwarder', async () => {
    expect(go).toBeDefined()
    const root = tempDir('net-proxy')
    writeProject(join(root, 'app'), { requires: modules })
    const env = {
      ...goTestEnv(root),
      HTTPS_PROXY: proxy.url.replace('http://', 'http://corp:pa%20ss@'),
      NO_PROXY: 'nothing.example'
    }
    const chain = chainOf([[`https://goproxy.test:${frontPort}`]])
    const log = captureLogger()
    const report = await warmModules({
      go: go!,
      directories: ['app'],
      cwd: root,
      env,
      chain,
      plan: planOf(chain),
      sumdb: SUMDB_OFF,
      ca: PROXIED_TLS.cert.toString('utf8'),
      timeoutSeconds: 60,
      retries: 2,
      stallSeconds: 20,
      requestTimeoutMs: 5000,
      retryDelayMs: 100,
      log
    })
    expect(log.lines.join('\n')).not.toMatch(/without its forwarder/)
    expect({ ok: report.ok, downloaded: report.downloaded, failed: report.failed.length }).toEqual({
      ok: true,
      downloaded: 3,
      failed: 0
    })
    // Every upstream request went through the tunnel, with the proxy's credentials and nothing else in the clear.
    expect(proxy.log.length).toBeGreaterThan(0)
    for (const entry of proxy.log) {
      expect(entry).toEqual({ method: 'CONNECT', target: `goproxy.test:${frontPort}`, proxyAuthorization: proxyAuth })
    }
    const zips = upstream.requests.filter(r => r.kind === 'zip')
    expect(zips).toHaveLength(3)
    // The secret of the proxy URL appears in no log line.
    expect(log.lines.join('\n')).not.toContain('pa ss')
    expect(log.lines.join('\n')).not.toContain('pa%20ss')
  }, 90_000)
})
