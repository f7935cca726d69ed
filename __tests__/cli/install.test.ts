/**
 * `setup-goproxy install`, in-process: resolution and verification as in the action, the ~/sdk/go<version> layout
 * of golang.org/dl, the PATH line for each shell on stdout (and nothing else there), usage errors.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { renderPathPrepend } from '../../src/cli/shell.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'
import { createSumdb, type SumdbDatabase } from '../support/sumdb-server.js'
import { fakeToolchainZip, toolchainRecord } from '../support/toolchain-zip.js'
import { memoryIo } from './memory-io.js'
import { startInstallServer, type InstallServer } from '../install/install-server.js'
import { startRefusingPort } from '../support/goproxy-server.js'
import { hostGoPlatform } from '../../src/install/version-file.js'

let server: InstallServer
let db: SumdbDatabase
let moduleVersion: string

beforeAll(async () => {
  // The CLI installs for this machine's platform: the fake zip is made for it (never run).
  const { goos, goarch } = hostGoPlatform()
  moduleVersion = `v0.0.1-go1.23.5.${goos}-${goarch}`
  const file = join(tempDir('cli-install-zip'), 'go.zip')
  const h1 = fakeToolchainZip(file, moduleVersion)
  db = createSumdb({
    records: [toolchainRecord(moduleVersion, h1)]
  })
  server = await startInstallServer({
    served: [{ moduleVersion, file }],
    listed: [moduleVersion, moduleVersion.replace('1.23.5', '1.24rc1')],
    db
  })
})

beforeEach(() => {
  server.requests.length = 0
})

afterAll(async () => {
  await server?.close()
  await cleanupTempDirs()
})

async function cli(argv: string[], home: string) {
  const m = memoryIo({ HOME: home, USERPROFILE: home, PATH: '' }, { cwd: home })
  const code = await main(argv, m.io)
  return { code, stdout: m.stdout(), stderr: m.stderr() }
}

const chainFlags = () => ['--proxies', server.url, '--sumdb', db.verifierKey, '--no-probe']

test('install 1.23 installs 1.23.5 into ~/sdk/go1.23.5 and prints only the PATH line; again with no download', async () => {
  const home = tempDir('cli-install-home')
  const run = await cli(['install', '1.23', ...chainFlags()], home)
  expect(run.stderr).not.toMatch(/error/)
  expect(run.code).toBe(0)
  const goroot = join(home, 'sdk', 'go1.23.5')
  expect(run.stdout).toBe(`${renderPathPrepend(join(goroot, 'bin'), 'sh')}\n`)
  expect(existsSync(join(goroot, '.unpacked-success'))).toBe(true)
  // Verified through the proxy's /sumdb/ (GOSUMDB without a URL), as the go command would.
  expect(server.requests).toContain(`/sumdb/${db.name}/lookup/golang.org/toolchain@${moduleVersion}`)

  server.requests.length = 0
  const again = await cli(['install', '--go-version', '1.23.5', '--shell', 'pwsh', ...chainFlags()], home)
  expect(again.code).toBe(0)
  expect(again.stdout).toBe(`$env:PATH = '${join(goroot, 'bin')}' + [IO.Path]::PathSeparator + $env:PATH\n`)
  expect(again.stderr).toMatch(/cache hit/)
  expect(server.requests).toEqual([])
})

test('a version already installed is used offline: no probe first (every proxy refusing), no request at all', async () => {
  const home = tempDir('cli-install-home')
  expect((await cli(['install', '1.23.5', ...chainFlags()], home)).code).toBe(0)
  server.requests.length = 0
  const refused = `http://127.0.0.1:${await startRefusingPort()}`
  for (const request of ['1.23.5', '1.23']) {
    // The probe is on (no --no-probe) and the only proxy refuses connections: a probe first would fail the command.
    const again = await cli(['install', request, '--proxies', refused, '--sumdb', db.verifierKey], home)
    expect(again.stderr).not.toMatch(/error/)
    expect(again.code).toBe(0)
    expect(again.stdout).toBe(`${renderPathPrepend(join(home, 'sdk', 'go1.23.5', 'bin'), 'sh')}\n`)
    expect(again.stderr).toMatch(/Go 1\.23\.5: cache hit at .*no download.*; no probe, nothing asked of the network/)
  }
  expect(server.requests).toEqual([])
})

test('--check-latest true: with 1.23.5 installed, `1.23` reads the list (the network) and downloads nothing', async () => {
  const home = tempDir('cli-install-home')
  expect((await cli(['install', '1.23.5', ...chainFlags()], home)).code).toBe(0)
  server.requests.length = 0
  const again = await cli(['install', '1.23', '--check-latest', 'true', ...chainFlags()], home)
  expect(again.stderr).not.toMatch(/error/)
  expect(again.code).toBe(0)
  expect(again.stdout).toBe(`${renderPathPrepend(join(home, 'sdk', 'go1.23.5', 'bin'), 'sh')}\n`)
  expect(server.requests).toEqual(['/golang.org/toolchain/@v/list'])
})

test('--go-version-file go.mod: the toolchain line wins over the go line; relative to the working directory', async () => {
  const home = tempDir('cli-install-home')
  writeFileSync(join(home, 'go.mod'), 'module example.com/m\n\ngo 1.22\n\ntoolchain go1.23.5\n')
  const run = await cli(['install', '--go-version-file', 'go.mod', ...chainFlags()], home)
  expect(run.code).toBe(0)
  expect(run.stderr).toMatch(/go\.mod line 5 asks for Go go1\.23\.5/)
  expect(existsSync(join(home, 'sdk', 'go1.23.5', '.unpacked-success'))).toBe(true)
})

test('--go-version-file naming a missing file: an input error naming it (exit 2), nothing fetched', async () => {
  const home = tempDir('cli-install-home')
  const run = await cli(['install', '--go-version-file', 'nope/.go-version', ...chainFlags()], home)
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(/go-version-file.*nope\/\.go-version.*does not exist/)
  expect(server.requests.filter(p => p.endsWith('.zip'))).toEqual([])
})

test('GOSUMDB off: refused, nothing installed, exit 1', async () => {
  const home = tempDir('cli-install-home')
  const run = await cli(['install', '1.23', '--proxies', server.url, '--sumdb', 'off', '--no-probe'], home)
  expect(run.code).toBe(1)
  expect(run.stderr).toMatch(/GOSUMDB=off/)
  expect(run.stdout).toBe('')
  expect(existsSync(join(home, 'sdk'))).toBe(false)
})

test('a version no proxy lists: invalid input (exit 2) naming the nearest versions', async () => {
  const run = await cli(['install', '1.21', ...chainFlags()], tempDir('cli-install-home'))
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(/--go-version: .*nearest available: 1\.23\.5/)
})

test.each<[string[], RegExp]>([
  [['install'], /install needs a Go version/],
  [['install', '1.23', '1.22'], /install takes one Go version/],
  [['install', '1.23', '--go-version', '1.22'], /give the version once/],
  [['install', '--working-directory', '.', '1.23'], /--working-directory does not apply to install/]
])('usage: %j', async (argv, message) => {
  const run = await cli(argv, tempDir('cli-install-home'))
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(message)
})

test.each<[string, string]>([
  ['sh', `export PATH='/opt/my go/bin':"$PATH"`],
  ['fish', `set -gx PATH '/opt/my go/bin' $PATH`],
  ['pwsh', `$env:PATH = '/opt/my go/bin' + [IO.Path]::PathSeparator + $env:PATH`],
  ['cmd', `set "PATH=/opt/my go/bin;%PATH%"`]
])('the PATH line for %s', (shell, line) => {
  expect(renderPathPrepend('/opt/my go/bin', shell as 'sh')).toBe(line)
})

test('cmd cannot carry a % in the directory: a usage error, not a wrong line', () => {
  expect(() => renderPathPrepend('C:\\100%\\go\\bin', 'cmd')).toThrow(/cmd cannot hold/)
})
