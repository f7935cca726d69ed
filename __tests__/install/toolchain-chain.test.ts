/**
 * The toolchain fixture through a real chain: a loopback GOPROXY serving golang.org/toolchain and a signed
 * checksum database holding the fixture's h1:. The real go command downloads and verifies it (and refuses it when
 * the database disagrees); this action's pieces resolve the version from the same list and install the same bytes.
 */
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseToolchainList, selectToolchain, type GoPlatform } from '../../src/go/toolchain/list.js'
import { parseVersionRequest } from '../../src/go/toolchain/version.js'
import { installToolchainZip } from '../../src/install/extract.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import {
  hostToolchainZip,
  startToolchainProxy,
  type ToolchainProxy,
  type ToolchainZipFixture,
  toolchainRecord
} from '../support/toolchain-zip.js'

let fixture: ToolchainZipFixture
let proxy: ToolchainProxy
const databases: SumdbServer[] = []

beforeAll(async () => {
  findGo() // throws, naming how to get go, when there is none: the suite fails, never skips
  fixture = hostToolchainZip()
  // Versions that are listed but not served: selection must pass over them for this platform.
  const listed = [
    `v0.0.1-go1.23.4.${fixture.goos}-${fixture.goarch}`,
    fixture.moduleVersion,
    `v0.0.1-go1.24rc1.${fixture.goos}-${fixture.goarch}`,
    'v0.0.1-go1.23.6.darwin-arm64',
    'v0.0.1-go1.23.6.windows-amd64'
  ]
  proxy = await startToolchainProxy([fixture], listed)
}, 300_000)

afterAll(async () => {
  await proxy?.close()
  await Promise.all(databases.map(db => db.close()))
  await cleanupTempDirs()
})

async function database(h1: string): Promise<SumdbServer> {
  const db = await startSumdb({
    records: [toolchainRecord(fixture.moduleVersion, h1)]
  })
  databases.push(db)
  return db
}

async function goDownload(gosumdb: string) {
  const root = tempDir('toolchain-chain')
  return runGo(['mod', 'download', '-json', `golang.org/toolchain@${fixture.moduleVersion}`], {
    cwd: root,
    env: goTestEnv(root, { GOPROXY: proxy.url, GOSUMDB: gosumdb }),
    timeoutMs: 240_000
  })
}

test('the real go command downloads the toolchain through the proxy and verifies it against the database', async () => {
  const db = await database(fixture.h1)
  const run = await goDownload(db.gosumdb)
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  expect((JSON.parse(run.stdout) as { Sum: string }).Sum).toBe(fixture.h1)
  // Verified, not trusted: the go command asked the database about this toolchain.
  expect(db.requests.some(r => r.path === `/lookup/golang.org/toolchain@${fixture.moduleVersion}`)).toBe(true)
}, 300_000)

test('the real go command refuses the toolchain when the database holds another h1:', async () => {
  const db = await database('h1:' + Buffer.alloc(32, 7).toString('base64'))
  const run = await goDownload(db.gosumdb)
  expect(run.code).not.toBe(0)
  expect(run.stdout + run.stderr).toMatch(/SECURITY ERROR/)
}, 300_000)

test('this action resolves the version from the same list and installs the verified bytes', async () => {
  const platform: GoPlatform = { goos: fixture.goos, goarch: fixture.goarch, exe: '' }
  const listResponse = await fetch(`${proxy.url}/golang.org/toolchain/@v/list`)
  const entries = parseToolchainList(await listResponse.text())
  for (const request of ['1.23', 'stable', '^1.22', '1.23.5']) {
    expect(selectToolchain(parseVersionRequest(request), entries, platform).moduleVersion).toBe(fixture.moduleVersion)
  }
  const dir = tempDir('toolchain-chain')
  const zipFile = join(dir, 'download.zip')
  const zipResponse = await fetch(`${proxy.url}/golang.org/toolchain/@v/${fixture.moduleVersion}.zip`)
  expect(zipResponse.status).toBe(200)
  await pipeline(Readable.fromWeb(zipResponse.body! as never), createWriteStream(zipFile))
  const installed = await installToolchainZip({
    zipFile,
    moduleVersion: fixture.moduleVersion,
    goroot: join(dir, 'go'),
    expectedH1: fixture.h1
  })
  expect(installed.goVersion).toBe(`go${fixture.goVersion}`)
  const version = await runGo(['version'], {
    cwd: dir,
    env: goTestEnv(dir, { GOROOT: installed.goroot }),
    go: installed.goBinary
  })
  expect(version.stdout).toContain(`go${fixture.goVersion} `)
}, 300_000)
