/**
 * `architecture: 386` end to end: the action (the test bundle, as the runner runs it) installs a linux-386 Go from a
 * loopback proxy serving the real-format golang.org/toolchain zip of a 386 GOROOT (support/toolchain-zip.ts
 * goroot386: bin/go and bin/gofmt built for 386 from the Go installed here), verified against a loopback checksum
 * database, into setup-go's tool-cache directory for it; the installed go then runs here (linux-386 binaries run on
 * this amd64 machine). arm64 would need emulation (qemu-user), which this machine does not have: not run.
 *
 * (The machine's real proxy does not serve golang.org/toolchain for linux-386 — it answers 403 — so the real-world
 * suite cannot run this; the loopback proxy serves exactly what proxy.golang.org would.)
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { cleanupTempDirs, goTestEnv, runGo, tempDir } from '../support/go.js'
import { hash1 } from '../support/modules.js'
import { runAction } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import {
  goroot386,
  hostToolchainZip,
  startToolchainProxy,
  TOOLCHAIN_GO_MOD,
  type ToolchainProxy,
  type ToolchainZipFixture
} from '../support/toolchain-zip.js'

let fixture: ToolchainZipFixture
let toolchains: ToolchainProxy
let db: SumdbServer

beforeAll(async () => {
  fixture = hostToolchainZip(await goroot386())
  expect(fixture.moduleVersion).toMatch(/\.linux-386$/)
  toolchains = await startToolchainProxy(
    [{ moduleVersion: fixture.moduleVersion, file: fixture.file }],
    [fixture.moduleVersion, fixture.moduleVersion.replace('linux-386', 'linux-amd64')]
  )
  db = await startSumdb({
    records: [
      {
        path: 'golang.org/toolchain',
        version: fixture.moduleVersion,
        h1: fixture.h1,
        goModH1: hash1([['go.mod', TOOLCHAIN_GO_MOD]])
      }
    ]
  })
}, 600_000)

afterAll(async () => {
  await toolchains?.close()
  await db?.close()
  await cleanupTempDirs()
})

test('architecture: 386 installs the linux-386 toolchain under go/<version>/x86, and that go runs here as linux/386', async () => {
  const root = tempDir('action-install-386')
  const toolCache = join(root, 'toolcache')
  const env = { ...goTestEnv(root, { GOPROXY: undefined, GOSUMDB: undefined }), RUNNER_TOOL_CACHE: toolCache }
  const run = await runAction({
    inputs: {
      'go-version': fixture.goVersion,
      architecture: '386',
      proxies: toolchains.url,
      sumdb: `${db.verifierKey} ${db.url}`,
      probe: 'false',
      warm: 'false'
    },
    env,
    cwd: root,
    timeoutMs: 240_000
  })
  expect(run.stdout).not.toContain('::error::')
  expect(run.code).toBe(0)
  const goroot = join(toolCache, 'go', fixture.goVersion, 'x86')
  expect(run.outputs).toMatchObject({ 'go-version': fixture.goVersion, 'go-root': goroot })
  expect(existsSync(join(toolCache, 'go', fixture.goVersion, 'x86.complete'))).toBe(true)
  // The 386 zip was asked for (the list also offers linux-amd64, the runner's own platform).
  expect(toolchains.requests.filter(p => p.endsWith('.zip'))).toEqual([
    `/golang.org/toolchain/@v/${fixture.moduleVersion}.zip`
  ])
  const go386 = join(goroot, 'bin', 'go')
  const local = { ...env, GOTOOLCHAIN: 'local' }
  const version = await runGo(['version'], { cwd: root, env: local, go: go386 })
  expect(version.stdout.trim()).toBe(`go version go${fixture.goVersion} linux/386`)
  const goEnv = await runGo(['env', 'GOARCH', 'GOROOT'], { cwd: root, env: local, go: go386 })
  expect(goEnv.stdout.trim().split('\n')).toEqual(['386', goroot])
}, 600_000)
