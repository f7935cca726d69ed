/**
 * `architecture: 386` and `architecture: arm64` end to end: the action (the test bundle, as the runner runs it)
 * installs a linux-386 or linux-arm64 Go from a loopback proxy serving the real-format golang.org/toolchain zip of a
 * GOROOT for that architecture (support/toolchain-zip.ts crossGoroot: bin/go and bin/gofmt built for it from the Go
 * installed here), verified against a loopback checksum database, into setup-go's tool-cache directory for it (`x86`,
 * `arm64`); the installed go then runs here. A 386 program runs natively where the kernel runs 32-bit programs, else
 * under qemu-i386; an arm64 one under qemu-aarch64 (user-mode emulation: qemu-user 10 from bookworm-backports, which
 * .ci/run installs; some machines of this kind refuse 32-bit programs with "exec format error", and Debian bookworm's
 * own qemu 7.2 stops Go's 386 binaries with "bad g in signal handler"). A machine that cannot run one fails the test.
 *
 * (The machine's real proxy does not serve golang.org/toolchain for these platforms — it answers 403 — so the
 * real-world suite cannot run this; the loopback proxy serves exactly what proxy.golang.org would.)
 */
import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { cleanupTempDirs, goTestEnv, runGo, tempDir } from '../support/go.js'
import { runAction } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import {
  crossGoroot,
  hostToolchainZip,
  startToolchainProxy,
  type ToolchainProxy,
  type ToolchainZipFixture,
  toolchainRecord
} from '../support/toolchain-zip.js'

afterAll(() => cleanupTempDirs())

describe.each([
  // input, GOARCH, setup-go's tool-cache directory, the user-mode emulator where the kernel does not run it
  { input: '386', goarch: '386', dir: 'x86', emulator: 'qemu-i386' },
  { input: 'arm64', goarch: 'arm64', dir: 'arm64', emulator: 'qemu-aarch64' }
] as const)('architecture: $input', ({ input, goarch, dir, emulator }) => {
  let fixture: ToolchainZipFixture
  let toolchains: ToolchainProxy
  let db: SumdbServer

  beforeAll(async () => {
    fixture = hostToolchainZip(await crossGoroot(goarch))
    expect(fixture.moduleVersion).toMatch(new RegExp(`\\.linux-${goarch}$`))
    toolchains = await startToolchainProxy(
      [{ moduleVersion: fixture.moduleVersion, file: fixture.file }],
      [fixture.moduleVersion, fixture.moduleVersion.replace(`linux-${goarch}`, 'linux-amd64')]
    )
    db = await startSumdb({
      records: [toolchainRecord(fixture.moduleVersion, fixture.h1)]
    })
  }, 600_000)

  afterAll(async () => {
    await toolchains?.close()
    await db?.close()
  })

  test(`installs the linux-${goarch} toolchain under go/<version>/${dir}, and that go runs here as linux/${goarch}`, async () => {
    const root = tempDir(`action-install-${goarch}`)
    const toolCache = join(root, 'toolcache')
    const env = { ...goTestEnv(root, { GOPROXY: undefined, GOSUMDB: undefined }), RUNNER_TOOL_CACHE: toolCache }
    const run = await runAction({
      inputs: {
        'go-version': fixture.goVersion,
        architecture: input,
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
    const goroot = join(toolCache, 'go', fixture.goVersion, dir)
    expect(run.outputs).toMatchObject({ 'go-version': fixture.goVersion, 'go-root': goroot })
    expect(existsSync(join(toolCache, 'go', fixture.goVersion, `${dir}.complete`))).toBe(true)
    // Its zip was asked for (the list also offers linux-amd64, the runner's own platform).
    expect(toolchains.requests.filter(p => p.endsWith('.zip'))).toEqual([
      `/golang.org/toolchain/@v/${fixture.moduleVersion}.zip`
    ])
    const installed = join(goroot, 'bin', 'go')
    const local = { ...env, GOTOOLCHAIN: 'local' }
    const via = await howItRuns(join(await crossGoroot(goarch), 'bin', 'go'), goarch, emulator, root)
    const runInstalled = (args: string[]) =>
      via
        ? runGo([installed, ...args], { cwd: root, env: local, go: via })
        : runGo(args, { cwd: root, env: local, go: installed })
    const version = await runInstalled(['version'])
    expect(version.stdout.trim()).toBe(`go version go${fixture.goVersion} linux/${goarch}`)
    const goEnv = await runInstalled(['env', 'GOARCH', 'GOROOT'])
    expect(goEnv.stdout.trim().split('\n')).toEqual([goarch, goroot])
  }, 600_000)
})

/**
 * How this machine runs a linux/`goarch` program, told by running the fixture's own go (`probe`): undefined when the
 * kernel runs it, else the `emulator` on PATH that does. Neither: an error saying what to install (not a skip).
 */
async function howItRuns(probe: string, goarch: string, emulator: string, cwd: string): Promise<string | undefined> {
  const env = { ...goTestEnv(cwd), GOTOOLCHAIN: 'local' }
  const saysArch = (out: string) => new RegExp(`^go version go\\S+ linux/${goarch}$`).test(out.trim())
  // A kernel that does not run it refuses it (execve: exec format error; node's spawn then hands it to /bin/sh).
  const native = await runGo(['version'], { cwd, env, go: probe })
  if (native.code === 0 && saysArch(native.stdout)) return undefined
  const found = (process.env.PATH ?? '')
    .split(delimiter)
    .map(dir => join(dir, emulator))
    .find(file => existsSync(file))
  if (!found) {
    throw new Error(
      `this machine does not run linux/${goarch} programs (${probe} version: exit ${native.code}) and has no ${emulator} on PATH: install qemu-user from bookworm-backports, as .ci/run does`
    )
  }
  const emulated = await runGo([probe, 'version'], { cwd, env, go: found })
  if (emulated.code !== 0 || !saysArch(emulated.stdout)) {
    throw new Error(`${found} does not run ${probe} either (exit ${emulated.code}): ${emulated.stderr.slice(0, 400)}`)
  }
  console.log(`linux/${goarch} programs run here under ${found}`)
  return found
}
