/**
 * The go command itself, against a loopback HTTPS proxy that demands basic auth: the
 * netrc the action writes is what makes `go mod download` pass, and the GOPROXY it
 * exports carries no secret.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { installCredentials, removeCredentials } from '../../src/auth/install.js'
import { parseAuth, planCredentials } from '../../src/auth/index.js'
import { formatChain, parseGoproxy } from '../../src/go/proxy/chain.js'
import { cleanupTempDirs, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { TEST_CA_FILE } from '../support/tls.js'

const SECRET = 'S3cret-Artifactory-T0ken'
const USER = 'ci-bot'
const lib = defineModule({ path: 'corp.example.com/private/lib', version: 'v1.2.0' })

describe('go mod download through an HTTPS proxy that demands basic auth', () => {
  let proxy: TestProxy
  beforeAll(async () => {
    proxy = await startProxy({ tls: true, requireAuth: { user: USER, password: SECRET }, modules: [lib] })
  })
  afterAll(async () => {
    await proxy?.close()
    await cleanupTempDirs()
  })

  /** Runs `go mod download -json` in a fresh project and module cache with `extra` env. */
  async function download(goproxy: string, extra: Record<string, string>) {
    const root = tempDir('auth-go')
    writeProject(join(root, 'app'), { requires: [lib] })
    const env = goTestEnv(root, { GOPROXY: goproxy, GOSUMDB: 'off', SSL_CERT_FILE: TEST_CA_FILE, ...extra })
    return runGo(['mod', 'download', '-json'], { cwd: join(root, 'app'), env, timeoutMs: 30_000 })
  }

  test('without credentials go fails with 401', async () => {
    const run = await download(proxy.url, {})
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /reading https:\/\/127\.0\.0\.1:\d+\/corp\.example\.com\/private\/lib\/@v\/v1\.2\.0\.mod: 401 Unauthorized/
    )
    expect(proxy.requests.at(-1)).toMatchObject({ auth: false, status: 401 })
  })

  test('an auth line for the proxy host:port: go succeeds with NETRC, and nothing exported holds the secret', async () => {
    const plan = planCredentials(
      parseAuth(`127.0.0.1:${proxy.port} ${USER}:${SECRET}`),
      parseGoproxy('GOPROXY', `${proxy.url},off`).chain,
      ''
    )
    const dir = join(tempDir('auth-go'), 'setup-goproxy-1')
    const installed = await installCredentials(plan, dir, { env: {} })
    if (process.platform !== 'win32') expect(statSync(installed.env.NETRC).mode & 0o777).toBe(0o600)
    const goproxy = formatChain(plan.chain)
    for (const value of [goproxy, ...Object.values(installed.env)]) expect(value).not.toContain(SECRET)

    const seen = proxy.requests.length
    const run = await download(goproxy, installed.env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ Path: lib.path, Version: lib.version, Sum: lib.sum })
    expect(proxy.requests.slice(seen).every(r => r.auth && r.status === 200)).toBe(true)
    expect(await removeCredentials(installed.files, { dir })).toEqual(installed.files)
  })

  test('credentials written in the proxy URL move to netrc: the exported GOPROXY has none and still works', async () => {
    const withUserinfo = proxy.url.replace('https://', `https://${USER}:${SECRET}@`)
    const plan = planCredentials([], parseGoproxy('GOPROXY', `${withUserinfo},off`).chain, '')
    const goproxy = formatChain(plan.chain)
    expect(goproxy).toBe(`${proxy.url},off`)
    const dir = join(tempDir('auth-go'), 'setup-goproxy-1')
    const installed = await installCredentials(plan, dir, { env: {} })
    expect(readFileSync(installed.env.NETRC, 'utf8')).toContain(
      `machine 127.0.0.1:${proxy.port} login ${USER} password ${SECRET}\n`
    )

    const run = await download(goproxy, installed.env)
    expect(run.code).toBe(0)
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET)
  })
})
