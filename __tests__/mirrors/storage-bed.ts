/**
 * The test bed both object-storage suites share (storage.test.ts: gzip, redirects, validators; cdn-status.test.ts:
 * non-standard statuses): one module served by loopback object storage (support/object-storage.ts), and the action's
 * three readers of a proxy pointed at it — the warm forwarder, the probe and the Go install's chain fetch — plus a GET
 * as the go command sends it. Calling `storageBed()` at a suite's top level registers its beforeAll/afterAll.
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

export const mod = defineModule({ path: 'example.com/static/Lib', version: 'v1.2.0' })
export const BASE = `${escapeModulePath(mod.path)}/@v/${mod.version}`
export const MOD = `${BASE}.mod`
export const ZIP = `${BASE}.zip`
export const LIST = `${escapeModulePath(mod.path)}/@v/list`
/** The module's files as the storage serves them. */
export const objects = proxyObjects([mod], escapeModulePath)

/** Registers the bed's servers for the calling suite and returns what its tests use. */
export function storageBed() {
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

  /** Closes `server` with the bed's other servers after the suite. */
  function track<T extends { close(): Promise<void> }>(server: T): T {
    servers.push(server)
    return server
  }

  return { storage, forwarder, get, probe, toolchainList, track }
}
