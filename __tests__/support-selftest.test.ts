/**
 * The test support agrees with the real go command: modules served by startProxy download and build, our h1 sums are
 * go's, https works with the test CA, case-encoded paths resolve, and runGo kills a go that hangs on a silent proxy.
 */
import http from 'node:http'
import https from 'node:https'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from './support/go.js'
import { startBlackhole, startProxy } from './support/goproxy-server.js'
import type { Blackhole, ProxyBehaviour, TestProxy } from './support/goproxy-server.js'
import { defineModule, escapeModulePath, writeProject, writeWorkspace } from './support/modules.js'
import { TEST_CA_FILE, testTls } from './support/tls.js'

const modules = [
  defineModule({ path: 'example.com/alpha', version: 'v1.0.0' }),
  defineModule({ path: 'example.com/beta/v2', version: 'v2.1.0' }),
  defineModule({ path: 'example.com/BurntSushi/toml', version: 'v1.3.2' })
]
const toml = modules[2]

interface Reply {
  status?: number
  body?: Buffer
  headers?: http.IncomingHttpHeaders
  error?: string
}

/** GET with a hard deadline; a stalled or reset exchange comes back as `error`. */
function get(url: string, headers: Record<string, string> = {}, timeoutMs = 1000): Promise<Reply> {
  const client = url.startsWith('https:') ? https : http
  return new Promise(resolve => {
    const req = client.get(url, { headers, ca: testTls().ca, agent: false }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks), headers: res.headers }))
      res.on('error', e => resolve({ status: res.statusCode, error: e.message }))
    })
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')))
    req.on('error', e => resolve({ error: e.message }))
  })
}

describe('startProxy speaks the GOPROXY protocol and injects faults (node client)', () => {
  let proxy: TestProxy
  const alpha = modules[0]
  const zipUrl = () => `${proxy.url}/example.com/alpha/@v/v1.0.0.zip`
  beforeAll(async () => {
    proxy = await startProxy({ modules })
  })
  afterEach(() => proxy.setBehaviour({}))
  afterAll(() => proxy.close())

  it('serves list, info, mod, zip and @latest, with case-encoded paths sent as %21', async () => {
    const base = `${proxy.url}/example.com/%21burnt%21sushi/toml`
    expect((await get(`${base}/@v/list`)).body?.toString()).toBe('v1.3.2\n')
    expect(JSON.parse((await get(`${base}/@v/v1.3.2.info`)).body!.toString())).toEqual({
      Version: 'v1.3.2',
      Time: '2024-01-01T00:00:00Z'
    })
    expect((await get(`${base}/@v/v1.3.2.mod`)).body?.toString()).toBe(toml.mod)
    expect(JSON.parse((await get(`${base}/@latest`)).body!.toString()).Version).toBe('v1.3.2')
    const names = Object.keys(unzipSync(new Uint8Array((await get(`${base}/@v/v1.3.2.zip`)).body!)))
    expect(names.sort()).toEqual([
      'example.com/BurntSushi/toml@v1.3.2/go.mod',
      'example.com/BurntSushi/toml@v1.3.2/toml.go'
    ])
    expect(proxy.requests.at(-1)).toMatchObject({
      path: `/${escapeModulePath(toml.path)}/@v/v1.3.2.zip`,
      module: toml.path,
      version: 'v1.3.2',
      kind: 'zip',
      status: 200,
      auth: false
    })
  })

  it('answers 404 text/plain for unknown modules, versions and an unescaped upper-case path', async () => {
    for (const path of [
      '/example.com/nope/@v/list',
      '/example.com/alpha/@v/v9.9.9.info',
      '/example.com/BurntSushi/toml/@v/list'
    ]) {
      const r = await get(proxy.url + path)
      expect([path, r.status, r.headers?.['content-type']]).toEqual([path, 404, 'text/plain; charset=utf-8'])
    }
  })

  it.each([
    ['status', { status: 410 }, 410, 'text/plain; charset=utf-8'],
    [
      'statusFor',
      { statusFor: (p: string) => (p.endsWith('.zip') ? 500 : undefined) },
      500,
      'text/plain; charset=utf-8'
    ],
    ['html', { html: true }, 200, 'text/html; charset=utf-8'],
    ['failFirst', { failFirst: 1 }, 502, 'text/plain; charset=utf-8'],
    ['requireAuth without credentials', { requireAuth: { user: 'u', password: 'p' } }, 401, 'text/plain; charset=utf-8']
  ])('%s answers the injected status', async (_name, behaviour, status, type) => {
    proxy.setBehaviour(behaviour)
    const r = await get(zipUrl())
    expect([r.status, r.headers?.['content-type']]).toEqual([status, type])
  })

  it('requireAuth accepts matching basic auth and logs only that a credential was present', async () => {
    proxy.setBehaviour({ requireAuth: { user: 'u', password: 's3cret' } })
    const r = await get(zipUrl(), { Authorization: `Basic ${Buffer.from('u:s3cret').toString('base64')}` })
    expect(r.status).toBe(200)
    expect(proxy.requests.at(-1)?.auth).toBe(true)
    expect(JSON.stringify(proxy.requests)).not.toContain('s3cret')
  })

  it('failFirst fails exactly N requests, then serves', async () => {
    proxy.setBehaviour({ failFirst: 2, failMode: 'reset' })
    const replies = [await get(zipUrl()), await get(zipUrl()), await get(zipUrl())]
    expect(replies.map(r => r.status ?? 'reset')).toEqual(['reset', 'reset', 200])
  })

  it('failRate with a seed repeats the same failure pattern', async () => {
    const pattern = async () => {
      proxy.setBehaviour({ failRate: 0.5, seed: 42 })
      const out: Array<number | undefined> = []
      for (let i = 0; i < 8; i++) out.push((await get(zipUrl())).status)
      return out
    }
    const first = await pattern()
    expect(first).toContain(502)
    expect(first).toContain(200)
    expect(await pattern()).toEqual(first)
  })

  it.each<[string, string, ProxyBehaviour]>([
    ['truncateZip', 'a complete response holding half the zip', { truncateZip: true }],
    ['corruptZip', 'a different valid zip', { corruptZip: true }],
    ['dropMidBody', 'an aborted body', { dropMidBody: true }],
    ['stallMidBody', 'a body that never ends', { stallMidBody: true }],
    ['neverAnswer', 'no reply at all', { neverAnswer: true }]
  ])('%s gives %s', async (name, _outcome, behaviour) => {
    proxy.setBehaviour(behaviour)
    const r = await get(zipUrl(), {}, 400)
    if (name === 'truncateZip') {
      expect(r.body?.length).toBe(Math.floor(alpha.zip.length / 2))
    } else if (name === 'corruptZip') {
      expect(Object.keys(unzipSync(new Uint8Array(r.body!)))).toContain('example.com/alpha@v1.0.0/tampered.txt')
    } else {
      expect(r.error).toBeDefined()
    }
    expect(proxy.requests.at(-1)?.fault).toBe(name)
  })

  it('latencyMs delays replies, and only limits faults to the paths it accepts', async () => {
    proxy.setBehaviour({ latencyMs: 300, only: p => p.endsWith('.zip') })
    const t0 = Date.now()
    expect((await get(`${proxy.url}/example.com/alpha/@v/list`)).status).toBe(200)
    expect(Date.now() - t0).toBeLessThan(250)
    expect((await get(zipUrl())).status).toBe(200)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300)
  })
})

// Needs the real go: without one this suite fails here, with the message saying how to get it.
findGo()

describe('the real go command accepts what the support serves', () => {
  let proxy: TestProxy
  let tlsProxy: TestProxy
  let blackhole: Blackhole
  let root: string
  beforeAll(async () => {
    ;[proxy, tlsProxy, blackhole] = await Promise.all([
      startProxy({ modules }),
      startProxy({ modules, tls: true }),
      startBlackhole()
    ])
    root = tempDir('selftest')
    writeProject(join(root, 'app'), { requires: modules, goSum: true })
  })
  afterAll(async () => {
    await Promise.all([proxy.close(), tlsProxy.close(), blackhole.close()])
    await cleanupTempDirs()
  })

  it('go mod download fetches three modules (one case-encoded) with our h1 sums, then GOPROXY=off go build works', async () => {
    const cwd = join(root, 'app')
    const env = goTestEnv(join(root, 'http'), { GOPROXY: proxy.url })
    const dl = await runGo(['mod', 'download', '-json'], { cwd, env, timeoutMs: 30_000 })
    expect(dl.stderr).toBe('')
    expect(dl.code).toBe(0)
    // -json prints a stream of objects; go verified every zip against the go.sum we wrote before printing them.
    const got = JSON.parse(`[${dl.stdout.replace(/}\s*{/g, '},{')}]`) as Array<Record<string, string>>
    expect(got.map(({ Path, Version, Sum, GoModSum }) => ({ Path, Version, Sum, GoModSum }))).toEqual(
      expect.arrayContaining(modules.map(m => ({ Path: m.path, Version: m.version, Sum: m.sum, GoModSum: m.goModSum })))
    )
    expect(proxy.requests.filter(r => r.kind === 'zip' && r.module === toml.path).map(r => r.path)).toEqual([
      '/example.com/!burnt!sushi/toml/@v/v1.3.2.zip'
    ])

    const build = await runGo(['build', '-o', join(root, 'app.bin'), '.'], {
      cwd,
      env: goTestEnv(join(root, 'http'), { GOPROXY: 'off' }),
      timeoutMs: 60_000
    })
    expect(build.stderr).toBe('')
    expect(build.code).toBe(0)
  })

  it('https: go trusts the test proxy through SSL_CERT_FILE=TEST_CA_FILE', async () => {
    const env = goTestEnv(join(root, 'https'), { GOPROXY: tlsProxy.url, SSL_CERT_FILE: TEST_CA_FILE })
    const r = await runGo(['mod', 'download', '-json', `${toml.path}@${toml.version}`], {
      cwd: join(root, 'app'),
      env,
      timeoutMs: 30_000
    })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).Sum).toBe(toml.sum)
    expect(tlsProxy.requests.map(q => q.kind)).toEqual(expect.arrayContaining(['info', 'mod', 'zip']))
  })

  it('writeWorkspace: go mod download covers every workspace member, then each member builds offline', async () => {
    const ws = join(root, 'ws')
    writeWorkspace(ws, [
      { dir: 'app', module: 'example.com/app', requires: [modules[0]] },
      { dir: 'tool', module: 'example.com/tool', requires: [modules[1], toml] }
    ])
    const dl = await runGo(['mod', 'download'], {
      cwd: ws,
      env: goTestEnv(join(root, 'ws-env'), { GOPROXY: proxy.url }),
      timeoutMs: 30_000
    })
    expect([dl.code, dl.stderr]).toEqual([0, ''])
    const build = await runGo(['build', './app', './tool'], {
      cwd: ws,
      env: goTestEnv(join(root, 'ws-env'), { GOPROXY: 'off' }),
      timeoutMs: 60_000
    })
    expect([build.code, build.stderr]).toEqual([0, ''])
  })

  it('a plain-http proxy that never answers hangs go until runGo kills it at timeoutMs', async () => {
    const env = goTestEnv(join(root, 'blackhole'), { GOPROXY: blackhole.url })
    const r = await runGo(['mod', 'download', '-json', 'example.com/alpha@v1.0.0'], {
      cwd: root,
      env,
      timeoutMs: 1500
    })
    expect(r).toMatchObject({ timedOut: true, code: null })
    expect(r.ms).toBeGreaterThanOrEqual(1500)
    expect(r.ms).toBeLessThan(5000)
    expect(blackhole.accepted).toBeGreaterThanOrEqual(1)
  })
})
