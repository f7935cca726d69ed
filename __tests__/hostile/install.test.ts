/**
 * The Go install on a busy self-hosted runner, run the way the runner runs the action (the test bundle built from
 * src/): several jobs sharing one RUNNER_TOOL_CACHE, a cancel in the middle of the extraction, what a killed job left
 * behind, the tree's modes, and local faults (a read-only or full tool cache, a full RUNNER_TEMP) that must be named
 * as what they are and never blamed on a proxy.
 *
 * The toolchain is a fake one (never run) with a large payload of zeros, so that the extraction writes ~150 MB and
 * takes long enough for jobs to overlap and for a cancel to land in it, while the zip itself stays small. It is
 * verified against a loopback checksum database mounted under the proxy's /sumdb/ (GOSUMDB without a URL), as the
 * go command would reach it.
 *
 * Full and read-only disks are real file systems: tmpfs mounts made here (the suite runs as root: it fails, never
 * skips, when it cannot mount) and unmounted in afterAll.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { hostGoPlatform } from '../../src/install/version-file.js'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { hash1 } from '../support/modules.js'
import { CLI_ENTRY, runAction, type ActionRun } from '../support/run-action.js'
import { createSumdb, type SumdbDatabase } from '../support/sumdb-server.js'
import { fakeToolchainZip, TOOLCHAIN_GO_MOD } from '../support/toolchain-zip.js'
import { startInstallServer, type InstallServer } from '../install/install-server.js'

const GO_VERSION = '1.23.5'
const RUN_BOUND_MS = 120_000

let server: InstallServer
let second: InstallServer
let db: SumdbDatabase
let moduleVersion: string
let zipFile: string
let tamperedZip: string
let randomZip: string
const mounts: string[] = []

beforeAll(async () => {
  expect(process.getuid?.()).toBe(0) // tmpfs mounts need root: fail, never skip
  const { goos, goarch } = hostGoPlatform()
  moduleVersion = `v0.0.1-go${GO_VERSION}.${goos}-${goarch}`
  const dir = tempDir('hostile-install-zips')
  zipFile = join(dir, 'go.zip')
  // Three 48 MiB files of zeros: a tiny zip whose extraction takes a while.
  const payload = [1, 2, 3].map(i => ({ name: `pkg/payload${i}.bin`, data: new Uint8Array(48 << 20) }))
  const h1 = fakeToolchainZip(zipFile, moduleVersion, payload)
  tamperedZip = join(dir, 'tampered.zip')
  fakeToolchainZip(tamperedZip, moduleVersion, [...payload, { name: 'src/fmt/evil.go', data: 'package fmt\n' }])
  // 3 MiB that do not compress: a zip larger than a 1 MiB RUNNER_TEMP.
  randomZip = join(dir, 'random.zip')
  const randomH1 = fakeToolchainZip(randomZip, moduleVersion.replace(GO_VERSION, '1.23.6'), [
    {
      name: 'pkg/random.bin',
      data: new Uint8Array(Buffer.from(Array.from({ length: 3 << 20 }, () => Math.floor(Math.random() * 256))))
    }
  ])
  const goModH1 = hash1([['go.mod', TOOLCHAIN_GO_MOD]])
  db = createSumdb({
    records: [
      { path: 'golang.org/toolchain', version: moduleVersion, h1, goModH1 },
      { path: 'golang.org/toolchain', version: moduleVersion.replace(GO_VERSION, '1.23.6'), h1: randomH1, goModH1 }
    ]
  })
  const served = [
    { moduleVersion, file: zipFile },
    { moduleVersion: moduleVersion.replace(GO_VERSION, '1.23.6'), file: randomZip }
  ]
  server = await startInstallServer({ served, db })
  second = await startInstallServer({ served, db })
}, 120_000)

afterEach(() => {
  server.fault = () => undefined
  server.served = server.served.map(s => (s.moduleVersion === moduleVersion ? { moduleVersion, file: zipFile } : s))
})

afterAll(async () => {
  for (const mount of mounts.reverse()) {
    try {
      execFileSync('umount', ['-l', mount])
    } catch {
      // Already unmounted.
    }
  }
  await server?.close()
  await second?.close()
  await cleanupTempDirs()
})

/** A tmpfs of `size` (e.g. '1m') mounted at a fresh directory; read-only when asked. Unmounted in afterAll. */
function mountTmpfs(size: string, readOnly = false): string {
  const dir = tempDir('hostile-tmpfs')
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${readOnly ? ',ro' : ''}`, 'tmpfs', dir])
  mounts.push(dir)
  return dir
}

function install(
  toolCache: string,
  options: {
    version?: string
    proxies?: string
    runnerTemp?: string
    onStart?: (pid: number) => void
  } = {}
): Promise<ActionRun> {
  const root = tempDir('hostile-install-job')
  return runAction({
    inputs: {
      'go-version': options.version ?? GO_VERSION,
      proxies: options.proxies ?? server.url,
      sumdb: db.verifierKey,
      probe: 'false',
      warm: 'false'
    },
    env: { ...goTestEnv(root), RUNNER_TOOL_CACHE: toolCache },
    cwd: root,
    ...(options.runnerTemp ? { runnerTemp: options.runnerTemp } : {}),
    ...(options.onStart ? { onStart: options.onStart } : {}),
    timeoutMs: RUN_BOUND_MS
  })
}

const goroot = (toolCache: string, version = GO_VERSION) => join(toolCache, 'go', version, process.arch)
/** What sits beside the install directories: `x64`, `x64.complete`, `.x64.partial-*`, a lock. */
const besideTrees = (toolCache: string) => readdirSync(join(toolCache, 'go', GO_VERSION)).sort()
const errorLines = (run: ActionRun) => run.stdout.split(/\r?\n/).filter(line => line.startsWith('::error::'))

describe('several jobs sharing one tool cache', () => {
  test('four jobs installing the same Go at once all succeed: one complete tree, the others use it', async () => {
    const toolCache = tempDir('hostile-shared-toolcache')
    const runs = await Promise.all([1, 2, 3, 4].map(() => install(toolCache)))
    for (const run of runs) {
      expect(errorLines(run)).toEqual([])
      expect(run.code).toBe(0)
      expect(run.outputs['go-root']).toBe(goroot(toolCache))
    }
    expect(besideTrees(toolCache)).toEqual([process.arch, `${process.arch}.complete`])
    expect(existsSync(join(goroot(toolCache), 'bin', 'go'))).toBe(true)
  }, 300_000)

  test('a tree another job renamed in but has not marked complete is waited for, never removed', async () => {
    const toolCache = tempDir('hostile-owned-toolcache')
    const tree = goroot(toolCache)
    mkdirSync(join(tree, 'bin'), { recursive: true })
    writeFileSync(join(tree, 'bin', 'go'), '#!/bin/sh\necho other job\n', { mode: 0o755 })
    // The other job (this test process) holds the install lock and is alive.
    const lock = `${tree}.lock`
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'other-job' }))
    const job = install(toolCache)
    await new Promise(resolve => setTimeout(resolve, 3000))
    expect(existsSync(join(tree, 'bin', 'go'))).toBe(true)
    // The other job finishes: marker, then the lock released.
    writeFileSync(`${tree}.complete`, '')
    await import('node:fs/promises').then(fs => fs.rm(lock))
    const run = await job
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs['go-from-tool-cache']).toBe('true')
    expect(existsSync(join(tree, 'bin', 'go'))).toBe(true)
  }, 180_000)

  test('what a killed job left (its lock, its partial tree, an unmarked tree) is cleaned by the next run', async () => {
    const toolCache = tempDir('hostile-stale-toolcache')
    const tree = goroot(toolCache)
    const partial = join(toolCache, 'go', GO_VERSION, `.${process.arch}.partial-AbC123`)
    mkdirSync(join(partial, 'pkg'), { recursive: true })
    writeFileSync(join(partial, 'pkg', 'half.bin'), 'half')
    mkdirSync(tree, { recursive: true })
    writeFileSync(join(tree, 'VERSION'), 'half\n')
    // A dead job's lock: a pid that does not exist on this host, and an old heartbeat.
    writeFileSync(`${tree}.lock`, JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), token: 'dead' }))
    const old = new Date(Date.now() - 3600_000)
    utimesSync(`${tree}.lock`, old, old)
    const run = await install(toolCache)
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(besideTrees(toolCache)).toEqual([process.arch, `${process.arch}.complete`])
  }, 180_000)
})

describe('a cancel during the extraction', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)(
    '%s while the tree is being extracted: a named failure, no partial tree, no lock, nothing marked',
    async signal => {
      const toolCache = tempDir('hostile-cancel-toolcache')
      const versionDir = join(toolCache, 'go', GO_VERSION)
      let pid = 0
      const job = install(toolCache, { onStart: p => (pid = p) })
      // Wait (bounded) for the staging directory, then cancel as the runner does.
      let sent = false
      for (let i = 0; i < 2000 && !sent; i++) {
        await new Promise(resolve => setTimeout(resolve, 10))
        const names = existsSync(versionDir) ? readdirSync(versionDir) : []
        if (pid && names.some(name => name.includes('.partial-'))) {
          process.kill(pid, signal)
          sent = true
        }
      }
      expect(sent).toBe(true)
      const run = await job
      expect(run.killed).toBe(false)
      expect(run.code).not.toBe(0)
      expect(errorLines(run).join('\n')).toMatch(new RegExp(`cancelled \\(${signal}\\)`))
      expect(readdirSync(versionDir)).toEqual([])
      // The post step still has its state.
      expect(run.state.isPost).toBe('true')
    },
    180_000
  )
})

describe("a cancel during the CLI's extraction", () => {
  // The CLI bundle as npm's bin runs it, on a laptop's ~/sdk: the same undo on a cancel as the action's (src/cli/cancel.ts).
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)(
    `%s while ~/sdk/go${GO_VERSION} is being extracted: exit %i, a named cancel, no partial tree and no lock left`,
    async (signal, exitCode) => {
      const root = tempDir('hostile-cli-cancel')
      const env = goTestEnv(root)
      const sdk = join(env.HOME, 'sdk')
      const child = spawn(
        process.execPath,
        [CLI_ENTRY, 'install', GO_VERSION, '--proxies', server.url, '--sumdb', db.verifierKey, '--no-probe'],
        { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }
      )
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.stdout.resume()
      const ended = new Promise<number | null>(resolve => child.on('close', code => resolve(code)))
      const hang = setTimeout(() => child.kill('SIGKILL'), RUN_BOUND_MS)
      try {
        // Wait (bounded) until the extraction has begun: something of go1.23.5 exists in ~/sdk.
        let sent = false
        for (let i = 0; i < 2000 && !sent && child.exitCode === null; i++) {
          await new Promise(resolve => setTimeout(resolve, 10))
          const names = existsSync(sdk) ? readdirSync(sdk) : []
          if (names.some(name => name.includes(`go${GO_VERSION}`) && name.includes('partial'))) {
            child.kill(signal)
            sent = true
          }
        }
        expect(sent).toBe(true)
        expect(await ended).toBe(exitCode)
        expect(stderr).toContain(`error: cancelled (${signal})`)
        expect(readdirSync(sdk).filter(name => name.includes(`go${GO_VERSION}`))).toEqual([])
      } finally {
        clearTimeout(hang)
      }
    },
    180_000
  )
})

test('the installed GOROOT is 0755 (staging from mkdtemp is 0700), readable and runnable by other users', async () => {
  const toolCache = tempDir('hostile-mode-toolcache')
  const run = await install(toolCache)
  expect(run.code).toBe(0)
  const tree = goroot(toolCache)
  expect((statSync(tree).mode & 0o777).toString(8)).toBe('755')
  expect((statSync(join(tree, 'bin')).mode & 0o777).toString(8)).toBe('755')
  expect((statSync(join(tree, 'bin', 'go')).mode & 0o777).toString(8)).toBe('755')
}, 180_000)

test('a tampered zip: the error names the proxy that served it, nothing is installed', async () => {
  const toolCache = tempDir('hostile-tampered-toolcache')
  server.served = server.served.map(s => (s.moduleVersion === moduleVersion ? { moduleVersion, file: tamperedZip } : s))
  const run = await install(toolCache)
  expect(run.code).not.toBe(0)
  const error = errorLines(run).join('\n')
  expect(error).toMatch(/checksum mismatch/)
  expect(error).toContain(server.url)
  expect(existsSync(goroot(toolCache))).toBe(false)
}, 180_000)

describe('local faults are named as local, never blamed on a proxy', () => {
  test('a read-only tool cache fails before the download, naming the directory', async () => {
    const toolCache = mountTmpfs('1m', true)
    server.requests.length = 0
    const run = await install(toolCache)
    expect(run.code).not.toBe(0)
    const error = errorLines(run).join('\n')
    expect(error).toContain(toolCache)
    expect(error).toMatch(/read-only|not writable/)
    expect(server.requests.filter(p => p.endsWith('.zip'))).toEqual([])
  }, 180_000)

  test('a full tool cache: the failure names the path and says the disk is full', async () => {
    const toolCache = mountTmpfs('1m')
    const run = await install(toolCache)
    expect(run.code).not.toBe(0)
    const error = errorLines(run).join('\n')
    expect(error).toContain(toolCache)
    expect(error).toMatch(/no space left/i)
    expect(readdirSync(join(toolCache, 'go', GO_VERSION))).toEqual([])
  }, 180_000)

  test('a full RUNNER_TEMP is not a per-proxy failure: the zip is not fetched from every proxy in turn', async () => {
    const runnerTemp = mountTmpfs('1m')
    const toolCache = tempDir('hostile-fulltemp-toolcache')
    server.requests.length = 0
    second.requests.length = 0
    const run = await install(toolCache, { version: '1.23.6', proxies: `${server.url}|${second.url}`, runnerTemp })
    expect(run.code).not.toBe(0)
    const error = errorLines(run).join('\n')
    expect(error).toContain(runnerTemp)
    expect(error).toMatch(/no space left/i)
    const zips = [...server.requests, ...second.requests].filter(p => p.endsWith('.zip'))
    expect(zips).toHaveLength(1)
  }, 180_000)
})
