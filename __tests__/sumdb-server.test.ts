/**
 * The test checksum database must be one the real go command trusts: it checks the signed tree head, the
 * inclusion proof of every record through the tiles, and the consistency of a log that grew since its last run.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash, createPublicKey, verify } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { findGo } from './support/go.js'
import { defineModule, escapeModulePath, type TestModule } from './support/modules.js'
import { createSumdb, startSumdb, verifierKeyFor, type SumdbRecord, type SumdbServer } from './support/sumdb-server.js'

/** The go the suites compare with (findGo: SETUP_GOPROXY_TEST_GO, else the first on PATH, on every OS). */
const GO = findGo()
const SHARED_GOCACHE = join(tmpdir(), 'setup-goproxy-test-gocache')
const GO_BOUND_MS = 20_000

const hello = ['v1.0.0', 'v1.1.0', 'v1.2.0'].map(version => defineModule({ path: 'example.test/Hello', version }))
const lazy = defineModule({ path: 'example.test/lazy', version: 'v1.0.0' })
const mounted = defineModule({ path: 'example.test/mounted', version: 'v1.0.0' })

const recordOf = (m: TestModule): SumdbRecord => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum })
const filler = (i: number): SumdbRecord => ({
  path: `filler.test/m${i}`,
  version: 'v1.0.0',
  h1: `h1:${createHash('sha256').update(`zip ${i}`).digest('base64')}`,
  goModH1: `h1:${createHash('sha256').update(`mod ${i}`).digest('base64')}`
})
const fillers = (from: number, count: number): SumdbRecord[] =>
  Array.from({ length: count }, (_, i) => filler(from + i))

let root: string
let proxyDir: string
const servers: Array<{ close(): Promise<void> }> = []

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sumdb-test-'))
  proxyDir = join(root, 'proxy')
  writeFileProxy(proxyDir, [...hello, lazy, mounted])
})

afterAll(async () => {
  await Promise.all(servers.map(s => s.close()))
  rmSync(root, { recursive: true, force: true })
})

async function sumdb(...args: Parameters<typeof startSumdb>): Promise<SumdbServer> {
  const db = await startSumdb(...args)
  servers.push(db)
  return db
}

describe('protocol', () => {
  test('verifierKeyFor matches the example key of golang.org/x/mod/sumdb/note', () => {
    const vkey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
    const publicKey = Buffer.from(vkey.split('+')[2], 'base64').subarray(1)
    expect(verifierKeyFor('PeterNeumann', publicKey)).toBe(vkey)
  })

  test('/latest is a tree head note signed with the key named in the verifier key', async () => {
    const db = await sumdb({ records: fillers(0, 3) })
    const note = await (await get(`${db.url}/latest`)).text()
    const [text, signatureLine] = note.split('\n\n')
    expect(text).toMatch(/^go\.sum database tree\n3\n[A-Za-z0-9+/]{43}=$/)
    const [, name, hash, key] = /^(.+)\+([0-9a-f]{8})\+(.+)$/.exec(db.verifierKey)!
    expect(signatureLine).toMatch(new RegExp(`^— ${name.replace(/\./g, '\\.')} \\S+\n$`))
    const signature = Buffer.from(signatureLine.trim().split(' ')[2], 'base64')
    expect(signature.subarray(0, 4).toString('hex')).toBe(hash)
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key, 'base64').subarray(1).toString('base64url') },
      format: 'jwk'
    })
    expect(verify(null, Buffer.from(`${text}\n`), publicKey, signature.subarray(4))).toBe(true)
  })

  test('a level-0 tile holds the RFC 6962 leaf hashes of the records, in log order', async () => {
    const records = fillers(0, 3)
    const db = await sumdb({ records })
    const tile = Buffer.from(await (await get(`${db.url}/tile/8/0/000.p/3`)).arrayBuffer())
    const leaves = records.map(r =>
      createHash('sha256')
        .update(Buffer.from([0]))
        .update(`${r.path} ${r.version} ${r.h1}\n${r.path} ${r.version}/go.mod ${r.goModH1}\n`)
        .digest()
    )
    expect(tile).toEqual(Buffer.concat(leaves))
  })

  const db3 = [...fillers(0, 2), { ...filler(2), path: 'example.test/A' }]
  test.each([
    ['a partial tile the tree holds', '/tile/8/0/000.p/3', 200],
    ['a data tile the tree holds', '/tile/8/data/000.p/3', 200],
    ['a tile wider than the tree', '/tile/8/0/000.p/4', 404],
    ['a full tile of a tree that has not filled it', '/tile/8/0/000', 404],
    ['a level that does not exist yet', '/tile/8/1/000.p/1', 404],
    ['a full width spelled as partial (not canonical)', '/tile/8/0/000.p/256', 400],
    ['an unpadded tile number (not canonical)', '/tile/8/0/0', 400],
    ['a lookup with !-escaped upper case', '/lookup/example.test/!a@v1.0.0', 200],
    ['a %21-encoded escape', '/lookup/example.test/%21a@v1.0.0', 200],
    ['a lookup with bare upper case', '/lookup/example.test/A@v1.0.0', 400],
    ['a lookup of a module not in the log', '/lookup/example.test/missing@v1.0.0', 404],
    ['a lookup of a query, not a version', '/lookup/example.test/a@latest', 400],
    ['a path outside the protocol', '/elsewhere', 404]
  ])('%s: GET %s answers %i', async (_, path, status) => {
    const db = await sumdb({ records: db3 })
    expect((await get(db.url + path)).status).toBe(status)
  })

  test('a lookup answers the record id, the record, a blank line and the signed tree head', async () => {
    const db = await sumdb({ records: fillers(0, 5) })
    const body = await (await get(`${db.url}/lookup/filler.test/m3@v1.0.0`)).text()
    const r = filler(3)
    expect(body).toMatch(
      new RegExp(`^3\n${r.path} ${r.version} \\S+\n${r.path} ${r.version}/go.mod \\S+\n\ngo\\.sum database tree\n5\n`)
    )
  })

  test('add() appends, keeps ids stable and refuses to rewrite a record', () => {
    const db = createSumdb({ records: fillers(0, 2) })
    expect(db.add(filler(2))).toBe(2)
    expect(db.add(filler(0))).toBe(0)
    expect(() => db.add({ ...filler(1), h1: filler(9).h1 })).toThrow(/different record/)
    expect(db.size).toBe(3)
  })
})

describe('the go command verifies downloads against it', () => {
  test('a record deep in a multi-tile log (level-1 tiles) is accepted', async () => {
    const db = await sumdb({ records: [...fillers(0, 300), recordOf(hello[0]), ...fillers(300, 400)] })
    const result = await goDownload(sharedHome(), hello[0], db.gosumdb)
    expect(result).toMatchObject({ code: 0, signal: null })
    expect(JSON.parse(result.stdout)).toMatchObject({ Sum: hello[0].sum, GoModSum: hello[0].goModSum })
    const paths = db.requests.map(r => r.path)
    expect(paths).toContain('/lookup/example.test/!hello@v1.0.0')
    expect(paths.some(p => p.startsWith('/tile/8/1/'))).toBe(true)
    growing = db
  })

  test('records appended later are accepted against the tree head go cached (consistency proof)', async () => {
    expect(growing).toBeDefined()
    const db = growing!
    db.add(recordOf(hello[2]))
    const result = await goDownload(sharedHome(), hello[2], db.gosumdb)
    expect(result).toMatchObject({ code: 0, signal: null })
    const latest = readFileSync(join(sharedHome(), 'gopath', 'pkg', 'sumdb', db.name, 'latest'), 'utf8')
    expect(latest).toMatch(/^go\.sum database tree\n702\n/)
  })

  test('a database that holds a different zip hash makes go refuse with SECURITY ERROR', async () => {
    const db = await sumdb({ records: [{ ...recordOf(hello[1]), h1: hello[0].sum }] })
    const result = await goDownload(freshHome(), hello[1], db.gosumdb)
    expect(result.code).toBe(1)
    const output = downloadError(result)
    expect(output).toContain('checksum mismatch')
    expect(output).toContain('SECURITY ERROR')
    expect(output).toContain(`${db.name}: ${hello[0].sum}`)
  })

  test('a lazy resolver appends the module to the log on first lookup', async () => {
    const asked: string[] = []
    const db = await sumdb({
      records: (path, version) => {
        asked.push(`${path}@${version}`)
        return path === lazy.path && version === lazy.version ? { h1: lazy.sum, goModH1: lazy.goModSum } : undefined
      }
    })
    const result = await goDownload(freshHome(), lazy, db.gosumdb)
    expect(result).toMatchObject({ code: 0, signal: null })
    expect(asked).toEqual([`${lazy.path}@${lazy.version}`])
    expect(db.size).toBe(1)
  })

  test('mounted at /sumdb/<name>/ of a GOPROXY, it is found through /supported and used', async () => {
    const db = createSumdb({ records: [recordOf(mounted)] })
    const proxy = await startStaticProxy(proxyDir, (path, res) => {
      const prefix = `/sumdb/${db.name}`
      if (!path.startsWith(`${prefix}/`)) return false
      void db.handle(path.slice(prefix.length), res)
      return true
    })
    const result = await goDownload(freshHome(), mounted, db.verifierKey, proxy.url)
    expect(result).toMatchObject({ code: 0, signal: null })
    expect(db.requests.map(r => r.path)).toEqual(
      expect.arrayContaining(['/supported', '/lookup/example.test/mounted@v1.0.0'])
    )
  })

  test.each([
    ['answers 500 to everything', { status: 500 }, '500 Internal Server Error'],
    ['does not know the module', { records: [] }, '404 Not Found']
  ])('a database that %s fails the download with a verifying error', async (_, options, message) => {
    const db = await sumdb(options)
    const result = await goDownload(freshHome(), hello[0], db.gosumdb)
    expect(result.code).toBe(1)
    expect(downloadError(result)).toMatch(
      new RegExp(`verifying go\\.mod: example\\.test/Hello@v1\\.0\\.0/go\\.mod: .*${message}`)
    )
  })

  test('a database that never answers stalls go; close() drops the connection and go reports it', async () => {
    const db = await sumdb({ hang: true })
    const run = startGoDownload(freshHome(), hello[0], db.gosumdb)
    await waitFor(() => db.requests.some(r => r.path.startsWith('/lookup/')), 15_000)
    await sleep(300)
    expect(run.child.exitCode).toBeNull()
    await expect(within(db.close(), 3000)).resolves.toBeUndefined()
    const result = await run.done
    expect(result.signal).toBeNull()
    expect(result.code).toBe(1)
    expect(downloadError(result)).toMatch(
      /verifying go\.mod: example\.test\/Hello@v1\.0\.0\/go\.mod: Get "http:\/\/127\.0\.0\.1:\d+\/lookup\//
    )
  })
})

// ---- helpers ----

let growing: SumdbServer | undefined
let shared: string | undefined

/** One GOPATH/GOMODCACHE kept across tests that must see the go command's cached tree head. */
function sharedHome(): string {
  shared ??= freshHome()
  return shared
}

function freshHome(): string {
  return mkdtempSync(join(root, 'home-'))
}

function get(url: string): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(5000) })
}

/** Writes a module-cache-style download directory, usable as GOPROXY=file://<dir>. */
function writeFileProxy(dir: string, modules: TestModule[]): void {
  const versions = new Map<string, string[]>()
  for (const m of modules) {
    const vdir = join(dir, escapeModulePath(m.path), '@v')
    mkdirSync(vdir, { recursive: true })
    writeFileSync(join(vdir, `${m.version}.info`), m.info)
    writeFileSync(join(vdir, `${m.version}.mod`), m.mod)
    writeFileSync(join(vdir, `${m.version}.zip`), m.zip)
    versions.set(vdir, [...(versions.get(vdir) ?? []), m.version])
  }
  for (const [vdir, list] of versions) writeFileSync(join(vdir, 'list'), `${list.join('\n')}\n`)
}

/** A GOPROXY over HTTP serving `dir`, with `mount` given the first say on every path. */
async function startStaticProxy(
  dir: string,
  mount: (path: string, res: import('node:http').ServerResponse) => boolean
): Promise<{ url: string }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    if (mount(path, res)) return
    readFile(join(dir, path)).then(
      body => res.writeHead(200).end(body),
      () => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n')
    )
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  servers.push({
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

interface GoResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** The module's `Error` from `go mod download -json`, or stderr when go printed no JSON (a fatal error). */
function downloadError(result: GoResult): string {
  if (!result.stdout.trim()) return result.stderr
  return String((JSON.parse(result.stdout) as { Error?: string }).Error)
}

function goDownload(home: string, m: TestModule, gosumdb: string, goproxy?: string): Promise<GoResult> {
  return startGoDownload(home, m, gosumdb, goproxy).done
}

/** `go mod download -json <path>@<version>` in an isolated GOPATH; killed after GO_BOUND_MS. */
function startGoDownload(
  home: string,
  m: TestModule,
  gosumdb: string,
  goproxy = pathToFileURL(proxyDir).href
): { child: ChildProcess; done: Promise<GoResult> } {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('GO') && !/^(https?|no|all)_proxy$/i.test(k))
  )
  const child = spawn(GO, ['mod', 'download', '-json', `${m.path}@${m.version}`], {
    cwd: home,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      HOME: home,
      GOPATH: join(home, 'gopath'),
      GOMODCACHE: join(home, 'modcache'),
      GOCACHE: SHARED_GOCACHE,
      GOFLAGS: '-modcacherw',
      GOTOOLCHAIN: 'local',
      GOENV: 'off',
      GOPROXY: goproxy,
      GOSUMDB: gosumdb,
      GONOSUMDB: '',
      GOPRIVATE: '',
      GONOPROXY: '',
      GOINSECURE: ''
    }
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), GO_BOUND_MS)
  const done = new Promise<GoResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
  return { child, done }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`)
    await sleep(50)
  }
}

/** `promise`, or a rejection once `ms` have passed (the timer is cleared either way, so it never holds Jest open). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
