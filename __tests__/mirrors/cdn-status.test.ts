/**
 * Defect 4: CDN storage behind real mirrors answers non-standard statuses during incidents (478, 573, 579, 599).
 * They are transient server errors: the forwarder, the probe and the Go install ask again.
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
import { cleanupTempDirs } from '../support/go.js'
import { startRefusingPort } from '../support/goproxy-server.js'
import { defineModule, escapeModulePath } from '../support/modules.js'
import { proxyObjects, startObjectStorage, type ObjectStorageOptions } from '../support/object-storage.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import { captureLogger, chainOf, SUMDB_OFF } from '../warm/warm-helpers.js'

const mod = defineModule({ path: 'example.com/static/Lib', version: 'v1.2.0' })
const BASE = `${escapeModulePath(mod.path)}/@v/${mod.version}`
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

describe('defect 4: non-standard statuses from CDN storage are transient server errors', () => {
  test.each([478, 573, 579, 599])('%i once, then the object: the forwarder retries and serves it', async status => {
    const s = await storage({ statusFor: (_key, nth) => (nth === 1 ? status : undefined) })
    const f = await forwarder(s.url)
    const got = await get(`${f.url}/${MOD}`)
    expect(got.status).toBe(200)
    expect(got.body.toString('utf8')).toBe(mod.mod)
    expect(s.requests.map(r => r.status)).toEqual([status, 200])
  })

  test.each([478, 599])('%i once, then the list: the probe asks again and the proxy works', async status => {
    const s = await storage({ statusFor: (_key, nth) => (nth === 1 ? status : undefined) })
    const outcome = await probe({ proxies: s.url, sumdb: 'off' })
    expect(outcome.report.proxies[0]).toMatchObject({ status: 'ok' })
  })

  test('478 once, then the answer: the Go install retries', async () => {
    const s = await storage({ statusFor: (_key, nth) => (nth === 1 ? 478 : undefined) })
    const result = await toolchainList(s.url)
    expect(result.ok).toBe(true)
  })
})
