/**
 * Credentials on Go ≥ 1.24, checked with the real go command (the newest Go here, and Go 1.27 as go's toolchain
 * switch downloaded it): GOAUTH (default `netrc`; a job GOAUTH without `netrc` makes go ignore every netrc file, and
 * `off` cannot be combined with anything) and netrc `machine host:port` for a proxy on a non-default port
 * (golang/go#81253). The action's netrc must reach go in every case, or the run must fail naming the input.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { installCredentials } from '../../src/auth/install.js'
import { parseAuth, planCredentials } from '../../src/auth/index.js'
import { formatChain, parseGoproxy } from '../../src/go/proxy/chain.js'
import { cleanupTempDirs, findGo, goTestEnv, goVersionOf, runGo, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { TEST_CA_FILE } from '../support/tls.js'
import { toolchainGo } from '../support/toolchain-go.js'

const SECRET = 'S3cret-GOAUTH-T0ken'
const USER = 'ci-bot'
const lib = defineModule({ path: 'corp.example.com/private/authlib', version: 'v1.0.0' })

/** The Go versions with GOAUTH this machine has: the newest on PATH, and 1.27 through the toolchain switch. */
const GOS: Array<[label: string, go: string]> = [findGo(), toolchainGo('go1.27.3')].map(go => [goVersionOf(go), go])

let proxy: TestProxy
beforeAll(async () => {
  proxy = await startProxy({ tls: true, requireAuth: { user: USER, password: SECRET }, modules: [lib] })
})
afterAll(async () => {
  await proxy?.close()
  await cleanupTempDirs()
})

/** `go mod download -json` of `lib` through the proxy, with the action's exported variables over the job's. */
async function download(go: string, jobEnv: Record<string, string>, exported: Record<string, string>) {
  const root = tempDir('goauth')
  writeProject(join(root, 'app'), { requires: [lib] })
  const env = goTestEnv(root, {
    GOPROXY: `${proxy.url},off`,
    GOSUMDB: 'off',
    SSL_CERT_FILE: TEST_CA_FILE,
    GIT_TERMINAL_PROMPT: '0',
    ...jobEnv,
    ...exported
  })
  return runGo(['mod', 'download', '-json'], { cwd: join(root, 'app'), env, timeoutMs: 60_000, go })
}

/** The action's credential files for an `auth` line, installed with the job's environment `jobEnv`. */
async function install(authLine: string, jobEnv: Record<string, string>) {
  const plan = planCredentials(parseAuth(authLine), parseGoproxy('GOPROXY', `${proxy.url},off`).chain, '')
  expect(formatChain(plan.chain)).not.toContain(SECRET)
  return installCredentials(plan, join(tempDir('goauth-files'), 'setup-goproxy-1'), { env: jobEnv })
}

/**
 * A GOAUTH command that knows no credentials (prints nothing), as a cloud CLI's helper does for foreign hosts: a node
 * script run by this node, so it runs wherever the suite does (go execs the command directly, without a shell, after
 * splitting it like cmd/internal/quoted: double quotes keep a path with blanks in one word, and nothing is unescaped,
 * so Windows' backslashes stay as they are).
 */
function noCredentialsCommand(): string {
  const script = join(tempDir('goauth-cmd'), 'no-credentials.mjs')
  writeFileSync(script, '// Knows no credentials: prints nothing, as a helper does for a host it does not serve.\n')
  return `"${process.execPath}" "${script}"`
}

describe.each(GOS)('credentials with the real %s (%s)', (version, go) => {
  // GOAUTH exists from Go 1.24 on; an older go (the oldest supported, in .ci/run's second pass) ignores it and always
  // reads netrc, which these cases then assert instead.
  const goauthKnown = Number(/^go1\.(\d+)/.exec(version)?.[1] ?? 0) >= 24

  test('netrc `machine host:port` for a proxy on a non-default port: go sends the credentials', async () => {
    const installed = await install(`127.0.0.1:${proxy.port} ${USER}:${SECRET}`, {})
    const run = await download(go, {}, installed.env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
  })

  test('netrc `machine host` without the port does not match a proxy on a non-default port (golang/go#81253)', async () => {
    const netrc = join(tempDir('goauth-netrc'), 'netrc')
    writeFileSync(netrc, `machine 127.0.0.1 login ${USER} password ${SECRET}\n`, { mode: 0o600 })
    const run = await download(go, { NETRC: netrc }, {})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('401 Unauthorized')
  })

  test('a job GOAUTH without netrc: go ignores the netrc file, so the action adds netrc to the GOAUTH it exports', async () => {
    const jobEnv = { GOAUTH: noCredentialsCommand() }
    // The fact the fix rests on: with the job's GOAUTH alone, go never reads the action's netrc.
    const plainNetrc = join(tempDir('goauth-netrc'), 'netrc')
    writeFileSync(plainNetrc, `machine 127.0.0.1:${proxy.port} login ${USER} password ${SECRET}\n`, { mode: 0o600 })
    const ignored = await download(go, { ...jobEnv, NETRC: plainNetrc }, {})
    expect(ignored.code).toBe(goauthKnown ? 1 : 0)
    if (goauthKnown) expect(ignored.stderr).toContain('401 Unauthorized')

    const installed = await install(`127.0.0.1:${proxy.port} ${USER}:${SECRET}`, jobEnv)
    expect(installed.env.GOAUTH).toBe(`netrc;${jobEnv.GOAUTH}`)
    const run = await download(go, jobEnv, installed.env)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
  })

  test('GOAUTH=off in the job: go sends no credentials at all, so the action fails naming auth and GOAUTH', async () => {
    const off = await download(
      go,
      { GOAUTH: 'off' },
      (await install(`127.0.0.1:${proxy.port} ${USER}:${SECRET}`, {})).env
    )
    expect(off.code).toBe(goauthKnown ? 1 : 0)
    if (goauthKnown) expect(off.stderr).toContain('401 Unauthorized')
    await expect(install(`127.0.0.1:${proxy.port} ${USER}:${SECRET}`, { GOAUTH: 'off' })).rejects.toThrow(
      /Input 'auth': .*GOAUTH=off/
    )
  })

  test('a job GOAUTH that already lists netrc is left as it is', async () => {
    const installed = await install(`127.0.0.1:${proxy.port} ${USER}:${SECRET}`, {
      GOAUTH: `${noCredentialsCommand()};netrc`
    })
    expect(installed.env.GOAUTH).toBeUndefined()
  })
})

test('the toolchain switch gave a real Go 1.27', () => {
  expect(existsSync(GOS[1][1])).toBe(true)
  expect(GOS[1][0]).toBe('go1.27.3')
})
