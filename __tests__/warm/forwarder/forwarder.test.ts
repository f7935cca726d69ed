/**
 * The warm-phase forwarder applies the verified chain per request exactly as the go command walks GOPROXY ("," falls
 * through on 404/410 only, "|" on any error), and adds what Go lacks: timeouts, retries for transient faults, and
 * dropping a "|" proxy that stalls. Bodies arrive byte for byte; private paths never leave the machine.
 */
import http from 'node:http'
import { startForwarder, type Forwarder, type ForwarderOptions } from '../../../src/warm/forwarder/forwarder.js'
import { parseNetrc } from '../../../src/auth/netrc.js'
import { startBlackhole, startProxy, type Blackhole, type TestProxy } from '../../support/goproxy-server.js'
import { defineModule } from '../../support/modules.js'
import { startSumdb, type SumdbServer } from '../../support/sumdb-server.js'
import { testTls } from '../../support/tls.js'
import { captureLogger, chainOf, SUMDB_OFF } from '../warm-helpers.js'

/** Catches a hang, never a slow machine: the forwarder's own timeouts here are 200 ms, a stalled proxy never ends. */
const HANG_BOUND_MS = 20_000

const mod = defineModule({ path: 'example.com/fwd', version: 'v1.0.0' })
const other = defineModule({ path: 'example.com/other', version: 'v1.0.0' })
const ZIP = 'example.com/fwd/@v/v1.0.0.zip'
const MOD = 'example.com/fwd/@v/v1.0.0.mod'

interface Reply {
  status: number
  body: Buffer
  type?: string
}

/** GET through the forwarder, as the go command would, with a hard deadline. */
function get(base: string, path: string, timeoutMs = 10_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // A raw path: a URL object would resolve dot segments before they reach the forwarder.
    const { hostname, port, pathname } = new URL(base)
    const req = http.get({ hostname, port, path: `${pathname}/${path}`, agent: false }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), type: res.headers['content-type'] })
      )
      res.on('error', reject)
    })
    req.setTimeout(timeoutMs, () => req.destroy(new Error('test client timeout')))
    req.on('error', reject)
  })
}

describe('parseNetrc reads .netrc like the go command', () => {
  it.each([
    ['one line', 'machine a.example login u password p', [{ machine: 'a.example', login: 'u', password: 'p' }]],
    [
      'spread over lines',
      'machine a.example\n\tlogin u\n\tpassword p\n',
      [{ machine: 'a.example', login: 'u', password: 'p' }]
    ],
    [
      'an entry without password is skipped',
      'machine a.example login u\nmachine b.example login v password q',
      [{ machine: 'b.example', login: 'v', password: 'q' }]
    ],
    [
      'macdef bodies are skipped up to a blank line',
      'macdef init\nmachine evil login x password y\n\nmachine a.example login u password p',
      [{ machine: 'a.example', login: 'u', password: 'p' }]
    ],
    [
      'nothing after a line ending in default (Go stops only there)',
      'machine a.example login u password p\ndefault\nmachine b.example login v password q',
      [{ machine: 'a.example', login: 'u', password: 'p' }]
    ],
    [
      'a default followed by tokens on its line does not stop Go',
      'default login d password d\nmachine b.example login v password q',
      [{ machine: 'b.example', login: 'v', password: 'q' }]
    ]
  ])('%s', (_name, text, expected) => {
    expect(parseNetrc(text)).toEqual(expected)
  })
})

describe('the warm-phase forwarder', () => {
  const servers: Array<{ close(): Promise<void> }> = []
  const forwarders: Forwarder[] = []
  let blackhole: Blackhole
  const proxy = async (options: Parameters<typeof startProxy>[0] = {}): Promise<TestProxy> => {
    const p = await startProxy({ modules: [mod, other], ...options })
    servers.push(p)
    return p
  }
  const forwarder = async (
    options: Partial<ForwarderOptions> & Pick<ForwarderOptions, 'chain'>
  ): Promise<Forwarder> => {
    const f = await startForwarder({
      sumdb: SUMDB_OFF,
      gonoproxy: '',
      gonosumdb: '',
      requestTimeoutMs: 500,
      backoffMs: 20,
      log: captureLogger(),
      ...options
    })
    forwarders.push(f)
    return f
  }
  beforeAll(async () => {
    blackhole = await startBlackhole()
    servers.push(blackhole)
  })
  afterAll(async () => {
    await Promise.all(forwarders.map(f => f.close()))
    await Promise.all(servers.map(s => s.close()))
  })

  it('passes bodies through byte for byte, and points the go command at itself plus the chain terminal', async () => {
    const a = await proxy()
    const f = await forwarder({ chain: chainOf([[a.url, '|']], 'direct') })
    expect(f.goproxy).toBe(`${f.url}|direct`)
    expect(f.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{24}$/)
    const zip = await get(f.url, ZIP)
    expect(zip.status).toBe(200)
    expect(Buffer.compare(zip.body, Buffer.from(mod.zip))).toBe(0)
    expect((await get(f.url, MOD)).body.toString()).toBe(mod.mod)
  })

  it('a "|" proxy that stalled once is asked after the others of its run for the rest of the phase (the walker\'s health)', async () => {
    const stalling = await proxy({ neverAnswer: true })
    const good = await proxy()
    const f = await forwarder({ chain: chainOf([[stalling.url, '|'], [good.url]]), requestTimeoutMs: 200 })
    expect((await get(f.url, MOD)).status).toBe(200)
    expect(stalling.requests).toHaveLength(1)
    // Later requests go to the good proxy first: the stalling one is not asked again (nor dropped: it stalled once).
    expect((await get(f.url, ZIP)).status).toBe(200)
    expect((await get(f.url, 'example.com/fwd/@v/v1.0.0.info')).status).toBe(200)
    expect(stalling.requests).toHaveLength(1)
    expect(f.health()[0]).toMatchObject({ timeouts: 1, dropped: false })
  })

  it('answers 404 to requests without its random path token', async () => {
    const a = await proxy()
    const f = await forwarder({ chain: chainOf([[a.url]]) })
    const bare = f.url.replace(/\/[0-9a-f]{24}$/, '')
    expect((await get(bare, MOD)).status).toBe(404)
    expect(a.requests).toHaveLength(0)
  })

  it('after ",": 404/410 fall through to the next proxy, a 500 does not (after retries)', async () => {
    const gone = await proxy({ status: 410 })
    const broken = await proxy({ status: 500 })
    const good = await proxy()
    const f1 = await forwarder({ chain: chainOf([[gone.url, ','], [good.url]]) })
    expect((await get(f1.url, MOD)).status).toBe(200)
    const f2 = await forwarder({ chain: chainOf([[broken.url, ','], [good.url]]), attemptsPerRequest: 3 })
    const reply = await get(f2.url, MOD)
    expect(reply.status).toBe(500)
    expect(reply.type).toMatch(/^text\/plain/)
    expect(reply.body.toString()).toContain(`${broken.url}: 500 Internal Server Error (3 tries by setup-goproxy)`)
    expect(broken.requests).toHaveLength(3)
    expect(good.requests.filter(r => r.path.endsWith('.mod'))).toHaveLength(1)
  })

  it('after "|": any error falls through at once (one try), and the answer comes from the next proxy', async () => {
    const broken = await proxy({ status: 502 })
    const good = await proxy()
    const f = await forwarder({ chain: chainOf([[broken.url, '|'], [good.url]]) })
    expect((await get(f.url, MOD)).status).toBe(200)
    expect(broken.requests).toHaveLength(1)
  })

  it('retries transient faults (502, reset, mid-body drop) on the same proxy and serves the complete body', async () => {
    const flaky = await proxy({ failFirst: 2, failMode: 'reset' })
    const f = await forwarder({ chain: chainOf([[flaky.url]]) })
    expect((await get(f.url, MOD)).status).toBe(200)
    expect(flaky.requests).toHaveLength(3)

    let zips = 0
    // Only the first zip request breaks off mid-body.
    flaky.setBehaviour({ dropMidBody: true, only: p => p.endsWith('.zip') && zips++ === 0 })
    const zip = await get(f.url, ZIP)
    expect(flaky.requests.filter(r => r.kind === 'zip').map(r => r.fault)).toEqual(['dropMidBody', undefined])
    expect(zip.status).toBe(200)
    expect(Buffer.compare(zip.body, Buffer.from(mod.zip))).toBe(0)
  })

  it('streams a body larger than the buffer limit, and cuts the connection cleanly when it stalls', async () => {
    const a = await proxy()
    const f = await forwarder({ chain: chainOf([[a.url]]), bufferLimit: 64 })
    const zip = await get(f.url, ZIP)
    expect(Buffer.compare(zip.body, Buffer.from(mod.zip))).toBe(0)

    a.setBehaviour({ stallMidBody: true })
    const started = Date.now()
    await expect(get(f.url, ZIP)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/)
    // Only a hang should fail this (the proxy would hold the request forever): a bound that holds on a loaded machine.
    expect(Date.now() - started).toBeLessThan(HANG_BOUND_MS)
  })

  it('does not retry what cannot succeed (403) and passes the status on', async () => {
    const denied = await proxy({ status: 403 })
    const f = await forwarder({ chain: chainOf([[denied.url]]) })
    expect((await get(f.url, MOD)).status).toBe(403)
    expect(denied.requests).toHaveLength(1)
  })

  it('times out a silent proxy after "|" and drops it from the chain after two stalls', async () => {
    const good = await proxy()
    const f = await forwarder({ chain: chainOf([[blackhole.url, '|'], [good.url]], 'direct'), requestTimeoutMs: 200 })
    const started = Date.now()
    await Promise.all([get(f.url, MOD), get(f.url, 'example.com/other/@v/v1.0.0.mod')])
    // Only a hang should fail this (the proxy would hold the request forever): a bound that holds on a loaded machine.
    expect(Date.now() - started).toBeLessThan(HANG_BOUND_MS)
    expect(f.health()[0]).toMatchObject({ dropped: true, timeouts: 2 })
    expect(f.chain()).toEqual({ proxies: [expect.objectContaining({ url: good.url })], terminal: 'direct' })
    const before = blackhole.accepted
    expect((await get(f.url, ZIP)).status).toBe(200)
    expect(blackhole.accepted).toBe(before)
  })

  it('never drops a "," proxy (its errors do not fall through in Go), however often it fails', async () => {
    const f = await forwarder({
      chain: chainOf([[blackhole.url, ',']], 'direct'),
      requestTimeoutMs: 100,
      attemptsPerRequest: 2
    })
    expect((await get(f.url, MOD)).status).toBe(504)
    expect((await get(f.url, MOD)).status).toBe(504)
    expect(f.health()[0]).toMatchObject({ dropped: false, timeouts: 3 })
    expect(f.chain().proxies).toHaveLength(1)
  })

  it('keeps a 404 a 404 when only that lets the go command fall through to direct', async () => {
    const broken = await proxy({ status: 502 })
    const missing = await proxy({ status: 404 })
    const f = await forwarder({
      chain: chainOf(
        [
          [broken.url, '|'],
          [missing.url, ',']
        ],
        'direct'
      )
    })
    const reply = await get(f.url, MOD)
    expect(reply.status).toBe(404)
    // The go command ranks a proxy error above "not found": it comes first in the explanation.
    expect(reply.body.toString().split('\n')[0]).toContain('502')
  })

  it('treats an HTML page served as a module file as an error, and falls through after "|"', async () => {
    const portal = await proxy({ html: true })
    const good = await proxy()
    const f = await forwarder({ chain: chainOf([[portal.url, '|'], [good.url]]) })
    expect((await get(f.url, MOD)).body.toString()).toBe(mod.mod)
    const f2 = await forwarder({ chain: chainOf([[portal.url]]) })
    const reply = await get(f2.url, MOD)
    expect(reply.status).toBe(502)
    expect(reply.body.toString()).toContain('HTML page')
  })

  it('sends credentials from credentialsFor as basic auth, to that proxy only', async () => {
    const locked = await proxy({ requireAuth: { user: 'bot', password: 's3cret' } })
    const f = await forwarder({
      chain: chainOf([[locked.url]]),
      credentialsFor: url => (url === locked.url ? { username: 'bot', password: 's3cret' } : undefined)
    })
    expect((await get(f.url, MOD)).status).toBe(200)
    const f2 = await forwarder({ chain: chainOf([[locked.url]]) })
    expect((await get(f2.url, MOD)).status).toBe(401)
  })

  it('sends .netrc credentials to an https proxy whose host:port is a machine there, as the go command does', async () => {
    const locked = await proxy({ tls: true, requireAuth: { user: 'bot', password: 'n3trc' } })
    const host = new URL(locked.url).host
    const netrc = parseNetrc(
      `machine other.example login x password y\nmachine ${host}\n  login bot\n  password n3trc\n`
    )
    const f = await forwarder({ chain: chainOf([[locked.url]]), netrc, ca: testTls().ca.toString() })
    expect((await get(f.url, MOD)).status).toBe(200)
    expect(locked.requests.every(r => r.auth)).toBe(true)
  })

  it('never sends a GONOPROXY path upstream', async () => {
    const a = await proxy()
    const f = await forwarder({ chain: chainOf([[a.url]]), gonoproxy: 'example.com/fwd' })
    expect((await get(f.url, MOD)).status).toBe(403)
    expect(a.requests).toHaveLength(0)
  })

  it('serves a file:// proxy with Go semantics (a missing file is a 404)', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs')
    const { join } = await import('node:path')
    const os = await import('node:os')
    const dir = mkdtempSync(join(os.tmpdir(), 'setup-goproxy-fileproxy-'))
    try {
      mkdirSync(join(dir, 'example.com/fwd/@v'), { recursive: true })
      writeFileSync(join(dir, MOD), mod.mod)
      const f = await forwarder({ chain: chainOf([[`file://${dir}`]]) })
      expect((await get(f.url, MOD)).body.toString()).toBe(mod.mod)
      expect((await get(f.url, ZIP)).status).toBe(404)
      expect((await get(f.url, 'example.com/fwd/@v/%2e%2e/%2e%2e/x.mod')).status).toBe(400)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  describe('checksum database traffic', () => {
    let sumdb: SumdbServer
    beforeAll(async () => {
      sumdb = await startSumdb({
        name: 'sum.test.local',
        records: [{ path: mod.path, version: mod.version, h1: mod.sum, goModH1: mod.goModSum }]
      })
      servers.push(sumdb)
    })
    const config = () => ({
      kind: 'db' as const,
      value: 'sum.test.local',
      name: 'sum.test.local',
      key: sumdb.verifierKey,
      url: sumdb.url,
      explicitUrl: false
    })

    it('routes to the first proxy that supports the database, and never falls back from it', async () => {
      const plain = await proxy()
      const mirror = await proxy({ sumdbSupported: ['sum.test.local'], sumdbTarget: sumdb.url })
      const f = await forwarder({ chain: chainOf([[plain.url, ','], [mirror.url]]), sumdb: config() })
      expect((await get(f.url, 'sumdb/sum.test.local/supported')).status).toBe(200)
      const lookup = await get(f.url, `sumdb/sum.test.local/lookup/${mod.path}@${mod.version}`)
      expect(lookup.status).toBe(200)
      expect(lookup.body.toString()).toContain(mod.sum)
      expect(mirror.requests.map(r => r.path)).toContain(`/sumdb/sum.test.local/lookup/${mod.path}@${mod.version}`)
    })

    it('forwards to the database itself when no proxy supports it, where the go command would have gone', async () => {
      const plain = await proxy()
      const f = await forwarder({ chain: chainOf([[plain.url]]), sumdb: config() })
      expect((await get(f.url, 'sumdb/sum.test.local/supported')).status).toBe(200)
      expect((await get(f.url, 'sumdb/sum.test.local/latest')).status).toBe(200)
      expect(sumdb.requests.map(r => r.path)).toContain('/latest')
    })

    it('refuses other database names and GONOSUMDB lookups', async () => {
      const plain = await proxy()
      const f = await forwarder({ chain: chainOf([[plain.url]]), sumdb: config(), gonosumdb: 'example.com' })
      expect((await get(f.url, 'sumdb/sum.golang.org/supported')).status).toBe(404)
      expect((await get(f.url, `sumdb/sum.test.local/lookup/${mod.path}@${mod.version}`)).status).toBe(403)
    })
  })
})
