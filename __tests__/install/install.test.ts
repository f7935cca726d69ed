/**
 * installGo through a real loopback chain with tiny fake toolchain zips: resolution from the list (rc and other
 * platforms passed over), the tool-cache layout @actions/tool-cache reads, cache hits with no request, failover and
 * retries, the checksum-database route, and every refusal (GOSUMDB=off, a tampered zip, forged database answers),
 * each of which installs nothing and, for the database, fetches no zip.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import * as toolCache from '@actions/tool-cache'
import { parseGoproxy } from '../../src/go/proxy/chain.js'
import { InputError } from '../../src/go/errors.js'
import type { Logger } from '../../src/host/logger.js'
import { parseGosumdb } from '../../src/go/sumdb/config.js'
import { parseArchitecture, withArchitecture, type GoPlatform } from '../../src/go/toolchain/list.js'
import { destinationFor } from '../../src/install/for-job.js'
import { parseVersionRequest } from '../../src/go/toolchain/version.js'
import { createHttpClient, type HttpClient } from '../../src/net/http.js'
import {
  findInstalledGo,
  installGo,
  progressLogger,
  SDK_COMPLETE_MARKER,
  ToolchainInstallError,
  type GoDestination,
  type InstallGoOptions
} from '../../src/install/install.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'
import { startRefusingPort } from '../support/goproxy-server.js'
import { hash1 } from '../support/modules.js'
import { createSumdb, type SumdbDatabase, type SumdbRecord } from '../support/sumdb-server.js'
import { fakeToolchainZip, TOOLCHAIN_GO_MOD, type ServedToolchain } from '../support/toolchain-zip.js'
import { capture, startInstallServer, type InstallServer } from './install-server.js'

const platform: GoPlatform = { goos: 'linux', goarch: 'amd64', exe: '' }
const V = (go: string, p = 'linux-amd64') => `v0.0.1-go${go}.${p}`
const GOMOD_H1 = hash1([['go.mod', TOOLCHAIN_GO_MOD]])

let client: HttpClient
let server: InstallServer
let other: InstallServer
let db: SumdbDatabase
let zipDir: string
const served: ServedToolchain[] = []
const genuineH1 = new Map<string, string>()

const filler = (i: number): SumdbRecord => ({
  path: `filler.test/m${i}`,
  version: 'v1.0.0',
  h1: `h1:${createHash('sha256').update(`zip ${i}`).digest('base64')}`,
  goModH1: GOMOD_H1
})

beforeAll(async () => {
  zipDir = tempDir('install-zips')
  for (const [go, where] of [
    ['1.23.4', undefined],
    ['1.23.5', undefined],
    ['1.24rc1', undefined],
    ['1.22.9', undefined],
    ['1.23.5', 'linux-386']
  ] as const) {
    const moduleVersion = V(go, where)
    const file = join(zipDir, `${moduleVersion}.zip`)
    genuineH1.set(moduleVersion, fakeToolchainZip(file, moduleVersion))
    served.push({ moduleVersion, file })
  }
  // Enough records for the proof to need real tiles: the toolchains sit among 300 others.
  const records: SumdbRecord[] = Array.from({ length: 300 }, (_, i) => filler(i))
  for (const [version, h1] of genuineH1) {
    records.splice(150, 0, { path: 'golang.org/toolchain', version, h1, goModH1: GOMOD_H1 })
  }
  db = createSumdb({ records })
  const listed = [
    ...served.map(s => s.moduleVersion),
    // Listed but never to be picked for linux/amd64 with `1.23` or `stable`.
    V('1.23.6', 'darwin-arm64'),
    V('1.23.6', 'windows-amd64'),
    V('1.24.0', 'linux-arm64')
  ]
  server = await startInstallServer({ served, listed, db })
  other = await startInstallServer({ served })
  client = createHttpClient({})
})

afterAll(async () => {
  await client?.close()
  await server?.close()
  await other?.close()
  await cleanupTempDirs()
})

beforeEach(() => {
  server.requests.length = 0
  other.requests.length = 0
  server.fault = () => undefined
  server.forge = (_s, a) => a
  server.served = served
})

interface Run {
  options: InstallGoOptions
  lines: string[]
  destination: Extract<GoDestination, { kind: 'tool-cache' }>
}

function setup(
  overrides: Partial<InstallGoOptions> & { goproxy?: string; gosumdb?: string; version?: string } = {}
): Run {
  const root = tempDir('install')
  const lines: string[] = []
  const log: Logger = {
    info: m => lines.push(m),
    warning: m => lines.push(`warning: ${m}`),
    error: m => lines.push(`error: ${m}`),
    debug: m => lines.push(`debug: ${m}`)
  }
  const destination = { kind: 'tool-cache' as const, root: join(root, 'toolcache'), nodeArch: 'x64' }
  const { goproxy, gosumdb, version, ...rest } = overrides
  return {
    lines,
    destination,
    options: {
      request: parseVersionRequest(version ?? '1.23'),
      chain: parseGoproxy('GOPROXY', goproxy ?? `${server.url},direct`).chain,
      sumdb: parseGosumdb('GOSUMDB', gosumdb ?? db.verifierKey),
      client,
      platform,
      destination,
      tempDir: join(root, 'temp'),
      log,
      backoffMs: 1,
      directBase: 'http://127.0.0.1:9/direct-must-not-be-used',
      ...rest
    }
  }
}

const zipRequests = (s: InstallServer) => s.requests.filter(p => p.endsWith('.zip'))

/** What must hold after a refused install: no Go anywhere under the tool cache, no zip left in the temp dir. */
function expectNothingInstalled(run: Run) {
  const goDir = join(run.destination.root, 'go')
  const leftovers = existsSync(goDir)
    ? readdirSync(goDir, { recursive: true }).filter(n => String(n).includes('bin'))
    : []
  expect(leftovers).toEqual([])
  expect(existsSync(run.options.tempDir) ? readdirSync(run.options.tempDir) : []).toEqual([])
}

describe('resolving and installing', () => {
  test('`1.23` installs 1.23.5 into the tool-cache layout that @actions/tool-cache finds; a second run is a cache hit with no request', async () => {
    const run = setup()
    const installed = await installGo(run.options)
    expect(installed).toMatchObject({
      version: '1.23.5',
      cacheHit: false,
      moduleVersion: V('1.23.5'),
      h1: genuineH1.get(V('1.23.5')),
      goroot: join(run.destination.root, 'go', '1.23.5', 'x64'),
      goBinary: join(run.destination.root, 'go', '1.23.5', 'x64', 'bin', 'go')
    })
    expect(installed.bytes).toBeGreaterThan(0)
    expect(existsSync(join(installed.goroot, 'src', 'go.mod'))).toBe(true)
    expect(existsSync(`${installed.goroot}.complete`)).toBe(true)
    // The zip was checked against the database (through the proxy: no URL in GOSUMDB) and then removed.
    expect(server.requests).toContain(`/sumdb/${db.name}/supported`)
    expect(server.requests).toContain(`/sumdb/${db.name}/lookup/golang.org/toolchain@${V('1.23.5')}`)
    expect(readdirSync(run.options.tempDir)).toEqual([])

    const saved = process.env.RUNNER_TOOL_CACHE
    process.env.RUNNER_TOOL_CACHE = run.destination.root
    try {
      expect(toolCache.find('go', '1.23.5', 'x64')).toBe(installed.goroot)
      expect(toolCache.find('go', '1.23', 'x64')).toBe(installed.goroot)
    } finally {
      if (saved === undefined) delete process.env.RUNNER_TOOL_CACHE
      else process.env.RUNNER_TOOL_CACHE = saved
    }

    server.requests.length = 0
    const again = await installGo(run.options)
    expect(again).toMatchObject({ version: '1.23.5', cacheHit: true, goroot: installed.goroot, bytes: 0 })
    expect(server.requests).toEqual([])
  })

  test.each([
    ['stable', '1.23.5'],
    ['oldstable', '1.22.9'],
    ['1.24rc1', '1.24rc1'],
    ['>=1.22 <1.24', '1.23.5'],
    ['1.23.4', '1.23.4']
  ])('%s resolves to %s for linux/amd64 (rc only when asked, other platforms never)', async (request, want) => {
    const run = setup({ version: request })
    const installed = await installGo(run.options)
    expect(installed.version).toBe(want)
    expect(zipRequests(server)).toEqual([`/golang.org/toolchain/@v/${V(want)}.zip`])
  })

  test('an unknown version fails naming it and the nearest versions, before any database or zip request', async () => {
    const run = setup({ version: '1.23.7' })
    const failure = installGo(run.options)
    await expect(failure).rejects.toThrow(InputError)
    await expect(failure).rejects.toThrow(/1\.23\.7.*nearest available: 1\.23\.4, 1\.23\.5/)
    expect(server.requests).toEqual(['/golang.org/toolchain/@v/list'])
  })

  test('an installed copy without its .complete marker is not a hit: it is replaced', async () => {
    const run = setup({ version: '1.23.4' })
    const half = join(run.destination.root, 'go', '1.23.4', 'x64')
    mkdirSync(join(half, 'bin'), { recursive: true })
    writeFileSync(join(half, 'bin', 'go'), 'half-written')
    writeFileSync(join(half, 'stale-file'), '')
    const installed = await installGo(run.options)
    expect(installed.cacheHit).toBe(false)
    expect(existsSync(join(half, 'stale-file'))).toBe(false)
    expect(existsSync(`${half}.complete`)).toBe(true)
  })

  test('a complete install made by another job while the zip downloads is used, not removed', async () => {
    // Two runners sharing one tool cache: the other job finished installing 1.23.5 (and may be running it) while
    // this one downloaded. Replacing its tree would pull the Go out from under that job.
    const run = setup()
    const goroot = join(run.destination.root, 'go', '1.23.5', 'x64')
    server.fault = path => {
      if (path.endsWith('.zip') && !existsSync(`${goroot}.complete`)) {
        mkdirSync(join(goroot, 'bin'), { recursive: true })
        writeFileSync(join(goroot, 'bin', 'go'), 'the other job’s go')
        writeFileSync(`${goroot}.complete`, '')
      }
      return undefined
    }
    const installed = await installGo(run.options)
    expect(installed).toMatchObject({ version: '1.23.5', goroot, cacheHit: true })
    expect(readFileSync(join(goroot, 'bin', 'go'), 'utf8')).toBe('the other job’s go')
    expect(existsSync(`${goroot}.complete`)).toBe(true)
    expect(readdirSync(run.options.tempDir)).toEqual([])
  })

  test('the ~/sdk layout of golang.org/dl: go<version> with .unpacked-success; found again with no network', async () => {
    const root = tempDir('install-sdk')
    const run = setup({ destination: { kind: 'sdk', root } })
    const installed = await installGo(run.options)
    expect(installed.goroot).toBe(join(root, 'go1.23.5'))
    expect(existsSync(join(root, 'go1.23.5', SDK_COMPLETE_MARKER))).toBe(true)
    expect(await findInstalledGo(parseVersionRequest('1.23'), { kind: 'sdk', root }, platform)).toMatchObject({
      version: '1.23.5',
      goroot: installed.goroot
    })
  })
})

describe('check-latest: when the network is used', () => {
  test('without it, `1.23` with 1.23.4 installed uses 1.23.4 and asks nothing; with it, the list is read and 1.23.5 installed; then the list alone', async () => {
    const run = setup({ version: '1.23.4' })
    await installGo(run.options)
    const minor = parseVersionRequest('1.23')

    server.requests.length = 0
    const offline = await installGo({ ...run.options, request: minor })
    expect(offline).toMatchObject({ version: '1.23.4', cacheHit: true })
    expect(server.requests).toEqual([])

    const latest = await installGo({ ...run.options, request: minor, checkLatest: true })
    expect(latest).toMatchObject({ version: '1.23.5', cacheHit: false })
    expect(server.requests).toContain('/golang.org/toolchain/@v/list')
    expect(zipRequests(server)).toEqual([`/golang.org/toolchain/@v/${V('1.23.5')}.zip`])

    server.requests.length = 0
    const again = await installGo({ ...run.options, request: minor, checkLatest: true })
    expect(again).toMatchObject({ version: '1.23.5', cacheHit: true, bytes: 0 })
    expect(server.requests).toEqual(['/golang.org/toolchain/@v/list'])
  })

  test('an exact version already installed with check-latest: the list is read, nothing downloaded', async () => {
    const run = setup({ version: '1.23.4' })
    await installGo(run.options)
    server.requests.length = 0
    const again = await installGo({ ...run.options, checkLatest: true })
    expect(again).toMatchObject({ version: '1.23.4', cacheHit: true })
    expect(server.requests).toEqual(['/golang.org/toolchain/@v/list'])
  })
})

describe('architecture: a Go for another GOARCH', () => {
  test("386 picks the linux-386 toolchain and installs it under setup-go's x86 directory, beside the runner's own", async () => {
    const run = setup()
    const own = await installGo(run.options)
    const destination = destinationFor(run.destination, parseArchitecture('386'))
    const platform386 = withArchitecture(platform, parseArchitecture('x86'))
    server.requests.length = 0
    const installed = await installGo({ ...run.options, destination, platform: platform386 })
    expect(installed).toMatchObject({
      version: '1.23.5',
      cacheHit: false,
      moduleVersion: V('1.23.5', 'linux-386'),
      goroot: join(run.destination.root, 'go', '1.23.5', 'x86')
    })
    expect(zipRequests(server)).toEqual([`/golang.org/toolchain/@v/${V('1.23.5', 'linux-386')}.zip`])
    expect(existsSync(join(run.destination.root, 'go', '1.23.5', 'x86.complete'))).toBe(true)
    // The runner's own Go is still where it was, and each is found again with no network.
    expect(existsSync(own.goBinary)).toBe(true)
    server.requests.length = 0
    expect(await installGo({ ...run.options, destination, platform: platform386 })).toMatchObject({
      cacheHit: true,
      goroot: installed.goroot
    })
    expect(server.requests).toEqual([])
  })

  test('an architecture with no toolchain in the list fails naming the platform', async () => {
    const run = setup()
    const failure = installGo({
      ...run.options,
      destination: destinationFor(run.destination, parseArchitecture('s390x')),
      platform: withArchitecture(platform, parseArchitecture('s390x'))
    })
    await expect(failure).rejects.toThrow(/linux\/s390x/)
    expect(zipRequests(server)).toEqual([])
  })
})

describe('the chain', () => {
  test('a dead first proxy before `|`: the next one serves the list and the zip', async () => {
    const port = await startRefusingPort()
    const run = setup({
      goproxy: `http://127.0.0.1:${port}|${other.url}`,
      gosumdb: `${db.verifierKey} ${server.url}/sumdb/${db.name}`
    })
    const installed = await installGo(run.options)
    expect(installed).toMatchObject({ version: '1.23.5', source: other.url })
    expect(zipRequests(other)).toHaveLength(1)
    expect(run.lines.join('\n')).toMatch(/127\.0\.0\.1:\d+\/golang\.org\/toolchain\/@v\/list: .*refused/)
  })

  test('a dead first proxy before `,`: the go command would not fall through, neither do we', async () => {
    const port = await startRefusingPort()
    const run = setup({
      goproxy: `http://127.0.0.1:${port},${other.url}`,
      gosumdb: `${db.verifierKey} ${server.url}/sumdb/${db.name}`
    })
    await expect(installGo(run.options)).rejects.toThrow(/cannot list the Go toolchains.*refused.*only 404\/410/)
    expect(other.requests).toEqual([])
    expectNothingInstalled(run)
  })

  test('404 falls through a `,`; transient 503s (with Retry-After) are retried on the same proxy', async () => {
    let zips = 0
    server.fault = path => {
      if (path.endsWith('.zip') && ++zips <= 2) return { kind: 'status', status: 503, headers: { 'Retry-After': '0' } }
      return undefined
    }
    const empty = await startInstallServer()
    empty.fault = () => ({ kind: 'status', status: 404, body: 'not here' })
    try {
      const run = setup({ goproxy: `${empty.url},${server.url}` })
      const installed = await installGo(run.options)
      expect(installed.source).toBe(server.url)
      expect(empty.requests).toContain('/golang.org/toolchain/@v/list')
      expect(zipRequests(server)).toHaveLength(3)
    } finally {
      await empty.close()
    }
  })

  test('a zip redirected to another host (object storage) is followed', async () => {
    server.fault = path => (path.endsWith('.zip') ? { kind: 'redirect', location: `${other.url}${path}` } : undefined)
    const run = setup()
    const installed = await installGo(run.options)
    expect(installed.cacheHit).toBe(false)
    expect(zipRequests(other)).toEqual([`/golang.org/toolchain/@v/${V('1.23.5')}.zip`])
  })

  test('credentials in a proxy URL are sent but never logged (the checksum database through that proxy too)', async () => {
    const withSecret = server.url.replace('http://', 'http://deploy:s3cr3t-token@')
    const run = setup({
      chain: { proxies: [{ url: withSecret, separator: ',', origin: 'proxies' }] },
      version: '1.23.4'
    })
    const installed = await installGo(run.options)
    expect(installed.source).toBe(server.url.replace('http://', 'http://deploy:xxxxx@'))
    expect(run.lines.length).toBeGreaterThan(3)
    expect(run.lines.join('\n')).not.toContain('s3cr3t-token')
  })

  test('download progress is logged', () => {
    const lines: string[] = []
    let now = 0
    const progress = progressLogger('zip', { ...silent, info: m => lines.push(m) }, 5000, () => now)
    for (let bytes = 0; bytes <= 100; bytes += 1) progress(bytes << 20, 100 << 20)
    expect(lines).toHaveLength(10)
    expect(lines[9]).toMatch(/100\.0 MiB of 100\.0 MiB \(100 %\)/)
    now = 6000
    progress(1, undefined)
    expect(lines).toHaveLength(11)
  })
})

const silent: Logger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  debug: () => undefined
}

describe('verification refuses, and installs nothing', () => {
  test('GOSUMDB=off: refused before any request', async () => {
    const run = setup({ gosumdb: 'off' })
    const failure = installGo(run.options)
    await expect(failure).rejects.toThrow(ToolchainInstallError)
    await expect(failure).rejects.toThrow(/GOSUMDB=off/)
    expect(server.requests).toEqual([])
  })

  test('a tampered zip (the database holds the genuine h1): refused at extraction, nothing installed', async () => {
    const moduleVersion = V('1.23.5')
    const file = join(zipDir, 'tampered.zip')
    fakeToolchainZip(file, moduleVersion, [{ name: 'src/extra.go', data: 'package evil\n' }])
    server.served = [...served.filter(s => s.moduleVersion !== moduleVersion), { moduleVersion, file }]
    const run = setup()
    await expect(installGo(run.options)).rejects.toThrow(
      new RegExp(`not installed: .*checksum mismatch.*expected ${escape(genuineH1.get(moduleVersion)!)}`)
    )
    expectNothingInstalled(run)
  })

  test('a stale .complete marker beside an unfinished tree is removed with the tree: a failed install leaves no marker', async () => {
    // A marker left by an install whose tree was later cut short (a crash during removal, a half copy): the tree
    // is removed before the new one is written, and so must its marker be, or the marker claims a tree that is
    // absent (and, once anything writes bin/go there again, a tree that is not complete).
    const moduleVersion = V('1.23.5')
    const file = join(zipDir, 'tampered-marker.zip')
    fakeToolchainZip(file, moduleVersion, [{ name: 'src/extra.go', data: 'package evil\n' }])
    server.served = [...served.filter(s => s.moduleVersion !== moduleVersion), { moduleVersion, file }]
    const run = setup()
    const half = join(run.destination.root, 'go', '1.23.5', 'x64')
    mkdirSync(half, { recursive: true })
    writeFileSync(join(half, 'stale-file'), '')
    writeFileSync(`${half}.complete`, '')
    await expect(installGo(run.options)).rejects.toThrow(/checksum mismatch/)
    expectNothingInstalled(run)
    expect(existsSync(half)).toBe(false)
    expect(existsSync(`${half}.complete`)).toBe(false)
  })

  const lookupPrefix = '/lookup/'
  const forgeries: Array<
    [
      string,
      (
        sub: string,
        a: { status: number; body: Buffer }
      ) => Promise<{ status: number; body: Buffer }> | { status: number; body: Buffer },
      RegExp
    ]
  > = [
    [
      'a lookup answered with another version’s record',
      async (sub, a) => (sub.startsWith(lookupPrefix) ? captureFrom(sub.replace('go1.23.5', 'go1.23.4')) : a),
      /\(record\)/
    ],
    [
      'a forged tile',
      (sub, a) => {
        if (!sub.startsWith('/tile/8/0/')) return a
        const copy = Buffer.from(a.body)
        copy[5] ^= 1
        return { status: a.status, body: copy }
      },
      /\(tile\)/
    ],
    [
      'a bad note signature',
      (sub, a) => (sub.startsWith(lookupPrefix) ? { status: 200, body: mangleLastSignature(a.body) } : a),
      /\(signature\)/
    ],
    [
      'a tree head signed by another key under the same name',
      (sub, a) => {
        if (!sub.startsWith(lookupPrefix)) return a
        const text = a.body.toString('utf8')
        const split = text.indexOf('\n\n')
        const note = text.slice(split + 2)
        const treeText = note.slice(0, note.indexOf('\n\n') + 1)
        return { status: 200, body: Buffer.from(text.slice(0, split + 2) + impostor().signNote(treeText)) }
      },
      /\(signature\)/
    ]
  ]

  test.each(forgeries)('%s: refused, nothing extracted, the downloaded zip removed', async (_what, forge, reason) => {
    server.forge = forge
    const run = setup()
    await expect(installGo(run.options)).rejects.toThrow(reason)
    expectNothingInstalled(run)
  })

  test('a version the database does not know: not-found, nothing installed', async () => {
    server.forge = (sub, a) => (sub.startsWith(lookupPrefix) ? { status: 404, body: Buffer.from('not found\n') } : a)
    const run = setup()
    await expect(installGo(run.options)).rejects.toThrow(/\(not-found\)/)
    expectNothingInstalled(run)
  })

  test('the zip downloads while the database is asked; a failed verification stops the download at once', async () => {
    // The lookup is answered (404) only once the zip request has arrived, or after 10 s: were the two sequential,
    // the zip would never be asked for. The zip never answers: were the download not stopped, the install would
    // wait for the 30 s header timeout.
    server.forge = async (sub, a) => {
      if (!sub.startsWith(lookupPrefix)) return a
      for (let waited = 0; zipRequests(server).length === 0 && waited < 10_000; waited += 20) await sleep(20)
      return { status: 404, body: Buffer.from('not found\n') }
    }
    server.fault = path => (path.endsWith('.zip') ? { kind: 'hang' } : undefined)
    const run = setup()
    const started = performance.now()
    await expect(installGo({ ...run.options, headersTimeoutMs: 30_000 })).rejects.toThrow(/\(not-found\)/)
    expect(performance.now() - started).toBeLessThan(20_000)
    expect(zipRequests(server)).toHaveLength(1)
    expectNothingInstalled(run)
  })

  test('a proxy error on /sumdb/<name>/supported before `,` fails verification (as in the go command)', async () => {
    server.fault = path =>
      path.endsWith('/supported') ? { kind: 'status', status: 403, body: 'forbidden' } : undefined
    const run = setup()
    await expect(installGo(run.options)).rejects.toThrow(/cannot verify.*supported: 403/)
    expect(zipRequests(server)).toEqual([])
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

let impostorDb: SumdbDatabase | undefined
function impostor(): SumdbDatabase {
  impostorDb ??= createSumdb({ name: db.name })
  return impostorDb
}

/** The database's honest answer to another request (not through the forging server, which would recurse). */
function captureFrom(sub: string): Promise<{ status: number; body: Buffer }> {
  return capture(db, sub)
}

/** Flips one bit of the Ed25519 signature in a lookup answer's note (the last signature line). */
function mangleLastSignature(body: Buffer): Buffer {
  const text = body.toString('utf8')
  const at = text.lastIndexOf('\n— ') + 1
  const [dash, name, b64] = text.slice(at).trim().split(' ')
  const sig = Buffer.from(b64, 'base64')
  sig[20] ^= 0x40
  return Buffer.from(`${text.slice(0, at)}${dash} ${name} ${sig.toString('base64')}\n`)
}
