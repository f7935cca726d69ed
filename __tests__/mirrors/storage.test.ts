/**
 * What the hosts behind real mirrors send (support/object-storage.ts): gzip-encoded static GOPROXY sites (defect 2:
 * go decodes them, so must every reader of the action), redirects of zips to another host (proxy.golang.org 302s to
 * signed storage URLs, goproxy.cn to its CDN) and strong validators that let newer go resume with Range/If-Range.
 */
import http from 'node:http'
import { join } from 'node:path'
import { parseGoproxy } from '../../src/go/proxy/chain.js'
import { composePlan } from '../../src/settings/compose.js'
import { silentLogger } from '../../src/host/logger.js'
import { readSettings } from '../../src/settings/settings.js'
import { createHttpClient, type HttpClient } from '../../src/net/http.js'
import { probeChain } from '../../src/probe/probe.js'
import { getThroughChain } from '../../src/install/chain-fetch.js'
import { startForwarder, type Forwarder } from '../../src/warm/forwarder/forwarder.js'
import { cleanupTempDirs, goTestEnv, goVersionOf, runGo, tempDir } from '../support/go.js'
import { startRefusingPort } from '../support/goproxy-server.js'
import { defineModule, escapeModulePath, writeProject } from '../support/modules.js'
import { proxyObjects, startObjectStorage, type ObjectStorageOptions } from '../support/object-storage.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import { captureLogger, chainOf, SUMDB_OFF } from '../warm/warm-helpers.js'

const mod = defineModule({ path: 'example.com/static/Lib', version: 'v1.2.0' })
const BASE = `${escapeModulePath(mod.path)}/@v/${mod.version}`
const ZIP = `${BASE}.zip`
const MOD = `${BASE}.mod`
const LIST = `${escapeModulePath(mod.path)}/@v/list`
const objects = proxyObjects([mod], escapeModulePath)

const servers: Array<{ close(): Promise<void> }> = []
const forwarders: Forwarder[] = []
let client: HttpClient
let refused: string
let db: SumdbServer

async function storage(options: Partial<ObjectStorageOptions> = {}) {
  const s = await startObjectStorage({ objects, ...options })
  servers.push(s)
  return s
}
async function forwarder(url: string, bufferLimit?: number) {
  const f = await startForwarder({
    ...(bufferLimit ? { bufferLimit } : {}),
    chain: chainOf([[url]]),
    sumdb: SUMDB_OFF,
    gonoproxy: '',
    gonosumdb: '',
    requestTimeoutMs: 2000,
    attemptsPerRequest: 3,
    backoffMs: 5,
    log: captureLogger()
  })
  forwarders.push(f)
  return f
}
/** A GET as the go command sends it (it asks for gzip and decodes it itself). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.get(url, { headers: { 'Accept-Encoding': 'gzip', ...headers } }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }))
    })
    req.on('error', reject)
  })
}
const plan = (inputs: Record<string, string>) =>
  composePlan(
    readSettings(name => inputs[name] ?? ''),
    { env: {} }
  )
const probe = (inputs: Record<string, string>, hosts: Record<string, string> = {}) =>
  probeChain(plan(inputs), {
    timeoutMs: 5000,
    probeModule: mod.path,
    order: 'given',
    samples: 1,
    endWhenSettled: false,
    sumdbBaseOverride: host => hosts[host] ?? refused
  })
const toolchainList = (url: string) =>
  getThroughChain({
    client,
    chain: parseGoproxy('GOPROXY', `${url},off`).chain,
    path: LIST,
    directBase: refused,
    body: { mode: 'buffer', maxBytes: 4096 },
    log: silentLogger,
    backoffMs: 1
  })

beforeAll(async () => {
  client = createHttpClient({})
  refused = `http://127.0.0.1:${await startRefusingPort()}`
  db = await startSumdb({ name: 'sum.test.local' })
  servers.push(db)
})
afterAll(async () => {
  await client?.close()
  await Promise.all(forwarders.map(f => f.close()))
  await Promise.all(servers.map(s => s.close()))
  await cleanupTempDirs()
})

describe('defect 2: a proxy that answers Content-Encoding: gzip', () => {
  test('the probe reads the gzip-encoded version list: the proxy works', async () => {
    const s = await storage({ gzip: true })
    const outcome = await probe({ proxies: s.url, sumdb: 'off' })
    expect(outcome.report.proxies[0]).toMatchObject({ status: 'ok' })
  })

  test('the forwarder hands go the decoded bytes (or says honestly that they are encoded)', async () => {
    const s = await storage({ gzip: true })
    const f = await forwarder(s.url)
    for (const [path, expected] of [
      [MOD, Buffer.from(mod.mod)],
      [ZIP, Buffer.from(mod.zip)]
    ] as const) {
      const got = await get(`${f.url}/${path}`)
      expect(got.status).toBe(200)
      const body =
        got.headers['content-encoding'] === 'gzip' ? (await import('node:zlib')).gunzipSync(got.body) : got.body
      expect(Buffer.compare(body, expected)).toBe(0)
    }
  })

  test(`the real go (${goVersionOf()}) downloads through the forwarder from a gzip site and verifies go.sum`, async () => {
    const s = await storage({ gzip: true })
    const f = await forwarder(s.url)
    const root = tempDir('gzip-go')
    writeProject(join(root, 'app'), { requires: [mod] })
    const run = await runGo(['mod', 'download', '-json'], {
      cwd: join(root, 'app'),
      env: goTestEnv(root, { GOPROXY: f.goproxy, GOSUMDB: 'off' }),
      timeoutMs: 60_000
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ Path: mod.path, Sum: mod.sum })
  })

  test('a zip streamed past the buffer limit is decoded too; a broken gzip encoding is an error, not bytes', async () => {
    const s = await storage({ gzip: true })
    const f = await forwarder(s.url, 64)
    const got = await get(`${f.url}/${ZIP}`)
    expect(Buffer.compare(got.body, Buffer.from(mod.zip))).toBe(0)

    const broken = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' })
      res.end('this is not gzip')
    })
    await new Promise<void>(resolve => broken.listen(0, '127.0.0.1', resolve))
    servers.push({ close: () => new Promise<void>(resolve => broken.close(() => resolve())) })
    const f2 = await forwarder(`http://127.0.0.1:${(broken.address() as { port: number }).port}`)
    const reply = await get(`${f2.url}/${MOD}`)
    expect(reply.status).toBe(502)
    expect(reply.body.toString('utf8')).toContain('gzip encoding is broken')
  })

  test('the Go install reads a gzip-encoded answer decoded', async () => {
    const s = await storage({ gzip: true })
    const result = await toolchainList(s.url)
    expect(result.ok).toBe(true)
    if (result.ok && result.answer.body.kind === 'buffered')
      expect(result.answer.body.bytes.toString('utf8')).toBe(`${mod.version}\n`)
  })
})

describe('defect 4: redirects to another host and resumable answers', () => {
  test('proxy.golang.org-style 302 of a zip to a signed storage URL on another host: go gets the zip', async () => {
    const s = await storage({ validators: true })
    const front = http.createServer((req, res) => {
      const path = (req.url ?? '/').slice(1)
      if (path.endsWith('.zip')) {
        res.writeHead(302, { Location: `${s.url}/${path}?X-Goog-Signature=abc&X-Goog-Expires=600` })
        return void res.end()
      }
      const object = objects.get(path)
      res.writeHead(object ? 200 : 404, { 'Content-Type': 'text/plain' })
      res.end(object ?? 'not found')
    })
    await new Promise<void>(resolve => front.listen(0, '127.0.0.1', resolve))
    servers.push({ close: () => new Promise<void>(resolve => front.close(() => resolve())) })
    const frontUrl = `http://127.0.0.1:${(front.address() as { port: number }).port}`
    const f = await forwarder(frontUrl)
    const got = await get(`${f.url}/${ZIP}`)
    expect(got.status).toBe(200)
    expect(Buffer.compare(got.body, Buffer.from(mod.zip))).toBe(0)
  })

  test('newer go resumes with Range/If-Range only after a strong validator: the forwarder honours it or sends none', async () => {
    const s = await storage({ validators: true })
    const f = await forwarder(s.url)
    const full = await get(`${f.url}/${ZIP}`)
    expect(full.status).toBe(200)
    const validator = full.headers.etag ?? full.headers['last-modified']
    if (validator === undefined) return // nothing advertised: go never sends a Range to the forwarder
    const resumed = await get(`${f.url}/${ZIP}`, { Range: 'bytes=100-', 'If-Range': validator })
    expect(resumed.status).toBe(206)
    expect(resumed.headers['content-range']).toBe(`bytes 100-${mod.zip.length - 1}/${mod.zip.length}`)
    expect(Buffer.compare(resumed.body, Buffer.from(mod.zip).subarray(100))).toBe(0)
  })

  test('the forwarder advertises no validator of its own upstream (a 200 go cannot resume from it would mislead)', async () => {
    const s = await storage({ validators: true })
    const f = await forwarder(s.url)
    const full = await get(`${f.url}/${ZIP}`)
    expect(full.headers.etag).toBeUndefined()
    expect(full.headers['last-modified']).toBeUndefined()
  })
})
