/**
 * `architecture: 386` end to end: the action (the test bundle, as the runner runs it) installs a linux-386 Go from a
 * loopback proxy serving the real-format golang.org/toolchain zip of a 386 GOROOT (support/toolchain-zip.ts
 * goroot386: bin/go and bin/gofmt built for 386 from the Go installed here), verified against a loopback checksum
 * database, into setup-go's tool-cache directory for it; the installed go then runs here: natively where the kernel
 * runs 32-bit programs, else under qemu-i386 (user-mode emulation, qemu-user 10 from bookworm-backports, which .ci/run
 * installs: some machines of this kind refuse 32-bit programs with "exec format error", and Debian bookworm's own
 * qemu 7.2 stops Go's 386 binaries with "bad g in signal handler"). A machine with neither fails the test.
 *
 * (The machine's real proxy does not serve golang.org/toolchain for linux-386 — it answers 403 — so the real-world
 * suite cannot run this; the loopback proxy serves exactly what proxy.golang.org would.)
 */
import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
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
  const emulator = await howLinux386Runs(join(await goroot386(), 'bin', 'go'), root)
  const run386 = (args: string[]) =>
    emulator
      ? runGo([go386, ...args], { cwd: root, env: local, go: emulator })
      : runGo(args, { cwd: root, env: local, go: go386 })
  const version = await run386(['version'])
  expect(version.stdout.trim()).toBe(`go version go${fixture.goVersion} linux/386`)
  const goEnv = await run386(['env', 'GOARCH', 'GOROOT'])
  expect(goEnv.stdout.trim().split('\n')).toEqual(['386', goroot])
}, 600_000)

/**
 * How this machine runs a linux-386 program, told by running the fixture's own 386 go: undefined when the kernel runs
 * it, else the qemu-i386 that does. Neither: an error saying what to install (not a skip).
 */
async function howLinux386Runs(probe: string, cwd: string): Promise<string | undefined> {
  const env = { ...goTestEnv(cwd), GOTOOLCHAIN: 'local' }
  const says386 = (out: string) => /^go version go\S+ linux\/386$/.test(out.trim())
  // A kernel without 32-bit support refuses it (execve: exec format error; node's spawn then hands it to /bin/sh).
  const native = await runGo(['version'], { cwd, env, go: probe })
  if (native.code === 0 && says386(native.stdout)) return undefined
  const qemu = (process.env.PATH ?? '')
    .split(delimiter)
    .map(dir => join(dir, 'qemu-i386'))
    .find(file => existsSync(file))
  if (!qemu) {
    throw new Error(
      `this machine does not run linux-386 programs (${probe} version: exit ${native.code}) and has no qemu-i386 on PATH: install qemu-user from bookworm-backports, as .ci/run does`
    )
  }
  const emulated = await runGo([probe, 'version'], { cwd, env, go: qemu })
  if (emulated.code !== 0 || !says386(emulated.stdout)) {
    throw new Error(`${qemu} does not run ${probe} either (exit ${emulated.code}): ${emulated.stderr.slice(0, 400)}`)
  }
  console.log(`linux-386 programs run here under ${qemu} (the kernel refuses them)`)
  return qemu
}
