/**
 * The action installs Go through the verified chain, as the runner runs it (the test bundle built from src/), with
 * no go on PATH: the REAL toolchain zip from a loopback proxy, verified against a loopback checksum database signed
 * with a test key; the installed go warms the module cache and then builds the project offline. A second run is a
 * tool-cache hit with no zip request.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { runAction } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import { hostToolchainZip, type ToolchainZipFixture, toolchainRecord } from '../support/toolchain-zip.js'
import { startInstallServer, type InstallServer } from './install-server.js'
import { standInGo } from '../support/go-shim.js'

const lib = defineModule({ path: 'example.com/tc/lib', version: 'v1.0.0' })

let fixture: ToolchainZipFixture
let toolchains: InstallServer
let modules: TestProxy
let db: SumdbServer

beforeAll(async () => {
  // The suite needs go (to build the fixture from the installed Go): fail, never skip.
  findGo() // throws, naming how to get go, when there is none: the suite fails, never skips
  fixture = hostToolchainZip()
  toolchains = await startInstallServer({
    served: [{ moduleVersion: fixture.moduleVersion, file: fixture.file }],
    listed: [
      `v0.0.1-go1.23.4.${fixture.goos}-${fixture.goarch}`,
      fixture.moduleVersion,
      `v0.0.1-go1.24rc1.${fixture.goos}-${fixture.goarch}`,
      `v0.0.1-go1.23.9.${fixture.goos === 'darwin' ? 'linux' : 'darwin'}-arm64`
    ]
  })
  modules = await startProxy({ modules: [lib] })
  db = await startSumdb({
    records: [toolchainRecord(fixture.moduleVersion, fixture.h1)]
  })
}, 300_000)

afterAll(async () => {
  await toolchains?.close()
  await modules?.close()
  await db?.close()
  await cleanupTempDirs()
})

/** The job's environment with no go anywhere on PATH (goTestEnv puts the test go first: taken out again). */
function jobEnvWithoutGo(root: string, toolCache: string): Record<string, string> {
  const env = goTestEnv(root, { GOPROXY: undefined, GOSUMDB: undefined, GOTOOLCHAIN: undefined })
  const goDir = dirname(findGo()!)
  env.PATH = (env.PATH ?? '')
    .split(delimiter)
    .filter(d => d !== '' && d !== goDir && !existsSync(join(d, process.platform === 'win32' ? 'go.exe' : 'go')))
    .join(delimiter)
  env.RUNNER_TOOL_CACHE = toolCache
  return env
}

test('go-version 1.23 with no go on PATH: installs 1.23.5 verified, warms with it, builds offline; then a cache hit', async () => {
  const root = tempDir('action-install')
  const toolCache = join(root, 'toolcache')
  const project = join(root, 'project')
  writeProject(project, { module: 'example.com/tc/app', requires: [lib] })
  const env = jobEnvWithoutGo(root, toolCache)
  const inputs = {
    'go-version': '1.23',
    // The module proxy answers 404 for golang.org/toolchain: `,` lets that through to the toolchain proxy.
    proxies: `${modules.url},${toolchains.url}`,
    sumdb: `${db.verifierKey} ${db.url}`,
    probe: 'false',
    'working-directory': project
  }
  const run = await runAction({ inputs, env, cwd: project, timeoutMs: 240_000 })
  expect(run.stdout).not.toContain('::error::')
  expect(run.code).toBe(0)
  const goroot = join(toolCache, 'go', fixture.goVersion, process.arch)
  expect(run.outputs).toMatchObject({
    'go-version': fixture.goVersion,
    'go-from-tool-cache': 'false',
    'go-root': goroot
  })
  expect(existsSync(`${goroot}.complete`)).toBe(true)
  expect(readFileSync(run.files.path, 'utf8').split(/\r?\n/)).toContain(join(goroot, 'bin'))
  // The installed Go's own name, not `local`: a setup-go step after this one then reads go.mod's toolchain line too.
  expect(run.env.GOTOOLCHAIN).toBe(`go${fixture.goVersion}`)
  // Verified against the database, and the zip fetched once.
  expect(db.requests.map(r => r.path)).toContain(`/lookup/golang.org/toolchain@${fixture.moduleVersion}`)
  expect(toolchains.requests.filter(p => p.endsWith('.zip'))).toEqual([
    `/golang.org/toolchain/@v/${fixture.moduleVersion}.zip`
  ])
  // The warm phase ran with the installed go (there was no other) and downloaded the project's module.
  expect(Number(run.outputs.modules)).toBe(1)
  expect(run.summary).toMatch(new RegExp(`### Go\\n\\nGo ${fixture.goVersion.replace(/\./g, '\\.')}: downloaded from`))

  const goBinary = join(goroot, 'bin', process.platform === 'win32' ? 'go.exe' : 'go')
  const build = await runGo(['build', '-o', join(root, 'app'), '.'], {
    cwd: project,
    go: goBinary,
    env: { ...env, ...run.env, GOPROXY: 'off', GOFLAGS: '-mod=mod' },
    timeoutMs: 240_000
  })
  expect(build.stderr).toBe('')
  expect(build.code).toBe(0)

  toolchains.requests.length = 0
  const again = await runAction({ inputs, env, cwd: project, timeoutMs: 240_000 })
  expect(again.code).toBe(0)
  expect(again.outputs).toMatchObject({
    'go-version': fixture.goVersion,
    'go-from-tool-cache': 'true',
    'go-root': goroot
  })
  expect(toolchains.requests).toEqual([])
}, 480_000)

test('sumdb off with go-version: the step fails saying why, installs nothing and puts nothing on PATH', async () => {
  const root = tempDir('action-install-off')
  const toolCache = join(root, 'toolcache')
  const run = await runAction({
    inputs: { 'go-version': '1.23', proxies: toolchains.url, sumdb: 'off', probe: 'false', warm: 'false' },
    env: jobEnvWithoutGo(root, toolCache),
    cwd: root,
    timeoutMs: 120_000
  })
  expect(run.code).toBe(1)
  expect(run.stdout).toMatch(/::error::Installing Go failed: .*GOSUMDB=off/)
  expect(readFileSync(run.files.path, 'utf8')).toBe('')
  expect(run.outputs['go-version']).toBeUndefined()
  expect(existsSync(join(toolCache, 'go'))).toBe(false)
  expect(run.summary).toMatch(/Installing Go failed/)
}, 180_000)

test('a Go that setup-go left in the tool cache is used with no network; a job GOTOOLCHAIN is left alone', async () => {
  const root = tempDir('action-install-hit')
  const toolCache = join(root, 'toolcache')
  // setup-go's layout: go/<semver>/<arch> and the <arch>.complete marker (a stand-in go that answers go env).
  const goroot = join(toolCache, 'go', '1.23.5', process.arch)
  mkdirSync(join(goroot, 'bin'), { recursive: true })
  await standInGo(join(goroot, 'bin'), '{"GOPROXY": ""}\n')
  writeFileSync(`${goroot}.complete`, '')
  const before = toolchains.requests.length
  const run = await runAction({
    inputs: {
      'go-version': '1.23',
      proxies: toolchains.url,
      sumdb: `${db.verifierKey} ${db.url}`,
      probe: 'false',
      warm: 'false'
    },
    env: { ...jobEnvWithoutGo(root, toolCache), GOTOOLCHAIN: 'go1.23.5+auto' },
    cwd: root,
    timeoutMs: 120_000
  })
  expect(run.stdout).not.toContain('::error::')
  expect(run.code).toBe(0)
  expect(run.outputs).toMatchObject({ 'go-version': '1.23.5', 'go-from-tool-cache': 'true', 'go-root': goroot })
  expect(readFileSync(run.files.path, 'utf8').split(/\r?\n/)).toContain(join(goroot, 'bin'))
  expect(run.env.GOTOOLCHAIN).toBeUndefined()
  expect(run.stdout).toContain("GOTOOLCHAIN=go1.23.5+auto is the job's own")
  expect(toolchains.requests.length).toBe(before)
}, 180_000)
