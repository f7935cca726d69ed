/**
 * Athens as it really answers (support/athens.ts, from gomods/athens): `.info`/`.mod` are GET only (HEAD → 405),
 * errors are bare statuses with empty bodies, the redirect download modes answer 301 to the upstream, and its
 * checksum-database proxy answers 403 to lookups of its no-sum patterns — a 403 the go command stops on.
 */
import { writeFileSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { parseGosumdb } from '../../src/go/sumdb/config.js'
import { warmModules } from '../../src/warm/warm.js'
import { startForwarder, type Forwarder } from '../../src/warm/forwarder/forwarder.js'
import { athensMatchesPattern, startAthens, type Athens, type AthensOptions } from '../support/athens.js'
import { cleanupTempDirs, findGo, goVersionOf } from '../support/go.js'
import { startProxy } from '../support/goproxy-server.js'
import { defineModule, goSumLines } from '../support/modules.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import { captureLogger, chainOf, planOf, SUMDB_OFF, warmProject } from '../warm/warm-helpers.js'

const pub = defineModule({ path: 'example.com/athens/pub', version: 'v1.0.0' })
const internal = defineModule({ path: 'corp.example.com/internal/lib', version: 'v1.0.0' })
const MOD = 'example.com/athens/pub/@v/v1.0.0.mod'
const INFO = 'example.com/athens/pub/@v/v1.0.0.info'
const go = findGo()

const servers: Array<{ close(): Promise<void> }> = []
const forwarders: Forwarder[] = []
let db: SumdbServer
async function athens(options: Partial<AthensOptions> = {}): Promise<Athens> {
  const a = await startAthens({ modules: [pub], ...options })
  servers.push(a)
  return a
}
async function forwarder(url: string, separator: ',' | '|' = ',', more: string[] = []) {
  const f = await startForwarder({
    chain: chainOf([[url, separator], ...more.map((u): [string] => [u])]),
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
function request(url: string, method = 'GET') {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(url, { method }, res => {
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

beforeAll(async () => {
  db = await startSumdb({
    name: 'sum.test.local',
    records: [pub, internal].map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
  })
  servers.push(db)
})
afterAll(async () => {
  await Promise.all(forwarders.map(f => f.close()))
  await Promise.all(servers.map(s => s.close()))
  await cleanupTempDirs()
})

describe('the Athens emulator answers as Athens does', () => {
  test('HEAD on .info and .mod is 405 with an empty body; on .zip it is allowed; errors have empty bodies', async () => {
    const a = await athens()
    expect(await request(`${a.url}/${INFO}`, 'HEAD')).toMatchObject({ status: 405, body: '' })
    expect(await request(`${a.url}/${MOD}`, 'HEAD')).toMatchObject({ status: 405, body: '' })
    expect((await request(`${a.url}/${MOD.replace('.mod', '.zip')}`, 'HEAD')).status).toBe(200)
    expect(await request(`${a.url}/example.com/athens/pub/@v/v9.9.9.info`)).toMatchObject({ status: 404, body: '' })
    expect((await request(`${a.url}/example.com/athens/pub/@v/list`)).headers['cache-control']).toBe(
      'no-cache, no-store, must-revalidate'
    )
  })

  test.each([
    ['corp.example.com/*', 'corp.example.com/internal@v1.0.0', true],
    ['corp.example.com/internal', 'corp.example.com/internal/lib@v1.0.0', true],
    ['corp.example.com/*/lib@*', 'corp.example.com/internal/lib@v1.0.0', true],
    ['corp.example.com/internal', 'example.com/internal@v1.0.0', false]
  ])('no-sum pattern %s against %s: %s', (pattern, target, matches) => {
    expect(athensMatchesPattern(pattern, target)).toBe(matches)
  })
})

describe('defect 4: the forwarder meets Athens', () => {
  test("go's HEAD of a .info reaches Athens as a GET (never a HEAD it answers 405)", async () => {
    const a = await athens()
    const f = await forwarder(a.url)
    expect((await request(`${f.url}/${INFO}`, 'HEAD')).status).toBe(200)
    expect(a.requests.every(r => r.method === 'GET')).toBe(true)
  })

  test('an empty-bodied 404 is a not-found go reads, an empty-bodied 504/500/429 is retried', async () => {
    const missing = await athens({ modules: [] })
    const f = await forwarder(missing.url)
    const got = await request(`${f.url}/${MOD}`)
    expect(got.status).toBe(404)
    expect(got.body).toContain('404 Not Found')
    for (const status of [504, 500, 429]) {
      const failing = await athens({ failWith: status })
      const f2 = await forwarder(failing.url)
      expect((await request(`${f2.url}/${MOD}`)).status).toBe(status)
      expect(failing.requests).toHaveLength(3)
    }
  })

  test("the redirect download mode's 301 to the upstream is followed: go gets the module", async () => {
    const upstream = await startProxy({ modules: [pub] })
    servers.push(upstream)
    const a = await athens({ modules: [], missing: 'redirect', downloadUrl: upstream.url })
    const f = await forwarder(a.url)
    expect(await request(`${f.url}/${MOD}`)).toMatchObject({ status: 200, body: pub.mod })
    expect(a.requests[0].status).toBe(301)
  })

  test(`a 403 on a checksum lookup of its no-sum patterns: the forwarder asks the database itself, go (${goVersionOf()}) verifies`, async () => {
    // The job checks corp.example.com against the database (no GONOSUMDB for it); Athens was set up not to.
    const a = await athens({
      modules: [pub, internal],
      sumdbs: { 'sum.test.local': db.url },
      noSumPatterns: ['corp.example.com/*']
    })
    const sumdb = parseGosumdb('sumdb', `${db.verifierKey} ${db.url}`)
    const chain = chainOf([[a.url]])
    // GOSUMDB names the database without a URL: go would send checksum traffic through the proxy (Athens).
    const viaProxy = { ...sumdb, url: db.url, explicitUrl: false }
    const { options, log, app } = warmProject(
      'athens-403',
      go,
      chain,
      [pub, internal],
      {},
      {
        plan: planOf(chain, {}, viaProxy),
        sumdb: viaProxy,
        prefetchConcurrency: 0
      }
    )
    // go.sum knows the public module only: go asks the checksum database about the internal one.
    writeFileSync(join(app, 'go.sum'), `${goSumLines([pub]).join('\n')}\n`)
    const report = await warmModules({
      ...options,
      env: { ...options.env, GOSUMDB: db.verifierKey, GOFLAGS: '-modcacherw' }
    })
    expect(report.failed.map(f => f.error)).toEqual([])
    expect(report.ok).toBe(true)
    expect(
      a.requests.some(r => r.path.startsWith('/sumdb/sum.test.local/lookup/corp.example.com') && r.status === 403)
    ).toBe(true)
    expect(log.lines.join('\n')).toMatch(/403.*checksum database itself|checksum database itself.*403/)
  })
})
