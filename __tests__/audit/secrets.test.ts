/**
 * Secrets audit: credentials in every input that can carry one (an auth line for a proxy host, an auth line for a
 * private module host, userinfo in a proxies URL, userinfo in the sumdb URL) are used where they belong and appear
 * nowhere else. The bundle runs main and post as the runner does, probe and warm on, with the real go command, against
 * https proxies that demand the credentials (the test certificate trusted through SSL_CERT_FILE and
 * NODE_EXTRA_CA_CERTS) and a real checksum database behind one of them. Then every secret, and every form a log or a
 * header could carry it in, is searched for in stdout and stderr (the runner's own `::add-mask::` commands aside),
 * GITHUB_ENV, GITHUB_OUTPUT, the step summary, the state file and every file left under RUNNER_TEMP and the job's
 * directories after the post step — go's own environment among them, as a go first on PATH records it: zero
 * occurrences, and the credential files are gone.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { runAudited } from './run-audited.js'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { envRecordingGo } from '../support/go-shim.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, goSumLines, writeProject } from '../support/modules.js'
import { runPost, type ActionRun } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import { TEST_CA_FILE } from '../support/tls.js'

const PROBE = defineModule({ path: 'example.com/audit/probe', version: 'v1.0.0' })
const FIRST = defineModule({ path: 'example.com/audit/first', version: 'v1.0.0' })
const SECOND = defineModule({ path: 'example.com/audit/second', version: 'v1.2.0' })
const record = (m: typeof PROBE) => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum })

/** One credential per input that can carry one; each secret is distinctive enough to search for. */
const CREDENTIALS = {
  authProxy: { user: 'ci-bot', secret: 'Sx7authLineProxy4f9e1c' },
  urlProxy: { user: 'url-user', secret: 'Sx7userinfoProxy8b2d7a' },
  moduleHost: { user: 'bot', secret: 'Sx7moduleHost31c5e0' },
  sumdbUrl: { user: 'sum-user', secret: 'Sx7sumdbUserinfo6a0f2b' }
} as const

/** Every way a credential could be written down: as is, URL-encoded, as userinfo, and base64 as in a Basic header. */
function forms(user: string, secret: string): string[] {
  const b64 = (text: string) => Buffer.from(text).toString('base64')
  const b64url = (text: string) => Buffer.from(text).toString('base64url')
  return [
    secret,
    encodeURIComponent(secret),
    `${user}:${secret}`,
    b64(`${user}:${secret}`),
    b64url(`${user}:${secret}`),
    b64(secret),
    b64(`x-access-token:${secret}`)
  ]
}

/** Every regular file below `dir`, with its text. */
function filesUnder(dir: string): Array<{ file: string; text: string }> {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map(name => join(dir, name))
    .filter(file => statSync(file).isFile())
    .map(file => ({ file, text: readFileSync(file, 'latin1') }))
}

/** A step's log as the runner shows it: `::add-mask::` commands are consumed by the runner, never displayed. */
function shownLog(run: ActionRun): string {
  return run.stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
}

describe('secrets: credentials from every input reach their servers and appear nowhere else', () => {
  let authProxy: TestProxy
  let urlProxy: TestProxy
  let sumdbFront: TestProxy
  let sumdb: SumdbServer
  beforeAll(async () => {
    const { authProxy: a, urlProxy: u, sumdbUrl: s } = CREDENTIALS
    sumdb = await startSumdb({ name: 'sum.secrets.test', records: [record(PROBE), record(FIRST), record(SECOND)] })
    // FIRST only on one proxy and SECOND only on the other ("," falls through their 404s): warm needs both credentials.
    authProxy = await startProxy({
      tls: true,
      requireAuth: { user: a.user, password: a.secret },
      modules: [PROBE, FIRST]
    })
    urlProxy = await startProxy({
      tls: true,
      requireAuth: { user: u.user, password: u.secret },
      modules: [PROBE, SECOND]
    })
    sumdbFront = await startProxy({
      tls: true,
      requireAuth: { user: s.user, password: s.secret },
      sumdbSupported: [sumdb.name],
      sumdbTarget: sumdb.url
    })
  })
  afterAll(async () => {
    await Promise.all([authProxy, urlProxy, sumdbFront, sumdb].map(s => s?.close()))
    await cleanupTempDirs()
  })

  type Name = keyof typeof CREDENTIALS

  /** Runs main and post with credentials in the inputs (the sumdb URL's optional); returns where any secret showed up. */
  async function audit(withSumdbUserinfo: boolean): Promise<string[]> {
    const names: Name[] = ['authProxy', 'moduleHost', 'urlProxy', ...(withSumdbUserinfo ? ['sumdbUrl' as const] : [])]
    const { authProxy: a, urlProxy: u, moduleHost: m, sumdbUrl: s } = CREDENTIALS
    const root = tempDir('audit-secrets')
    const app = join(root, 'app')
    writeProject(app, { requires: [FIRST, SECOND], goSum: false })
    // go.sum knows FIRST; SECOND is verified against the checksum database.
    writeFileSync(join(app, 'go.sum'), `${goSumLines([FIRST]).join('\n')}\n`)
    const env = goTestEnv(root, {
      GOPROXY: undefined,
      GOSUMDB: undefined,
      SSL_CERT_FILE: TEST_CA_FILE,
      NODE_EXTRA_CA_CERTS: TEST_CA_FILE
    })
    // go's own environment is searched too (and what go starts inherits it): a go first on PATH writes it into the
    // job's directory, then runs the real go.
    const shim = join(root, 'go-shim')
    await envRecordingGo(shim, join(root, 'go-env'))
    env.PATH = `${shim}${delimiter}${env.PATH}`
    const port = (proxy: TestProxy) => new URL(proxy.url).port
    const inputs = {
      proxies: `${authProxy.url},https://${u.user}:${u.secret}@127.0.0.1:${port(urlProxy)}`,
      auth: [`127.0.0.1:${port(authProxy)} ${a.user}:${a.secret}`, `git.corp.example/acme ${m.user}:${m.secret}`].join(
        '\n'
      ),
      sumdb: withSumdbUserinfo
        ? `${sumdb.verifierKey} https://${s.user}:${s.secret}@127.0.0.1:${port(sumdbFront)}/sumdb/${sumdb.name}`
        : sumdb.gosumdb,
      'probe-module': PROBE.path,
      'probe-timeout': '3000',
      'warm-timeout': '60'
    }

    const seenBefore = new Map([authProxy, urlProxy, sumdbFront].map(proxy => [proxy, proxy.requests.length]))
    const during = (proxy: TestProxy) => proxy.requests.slice(seenBefore.get(proxy))
    const main = await runAudited({ inputs, env, cwd: app, timeoutMs: 90_000 })
    expect({ code: main.code, stderr: main.stderr }).toEqual({ code: 0, stderr: '' })
    expect(main.verification).toEqual([])
    expect(main.outputs.modules).toBe('2')

    // The credentials did their job: each server saw them on the requests that matter.
    const authorized = (proxy: TestProxy) =>
      during(proxy)
        .filter(r => r.auth && r.status === 200)
        .map(r => r.kind)
    expect(authorized(authProxy)).toEqual(expect.arrayContaining(['list', 'zip']))
    expect(authorized(urlProxy)).toEqual(expect.arrayContaining(['list', 'zip']))
    if (withSumdbUserinfo) {
      expect(during(sumdbFront).some(r => r.auth && r.path.includes(`/lookup/${SECOND.path}@`))).toBe(true)
    }
    // Positive control: the credential files hold the secrets until the post step, so the search below can see them.
    const netrc = main.env.NETRC
    expect(readFileSync(netrc, 'utf8')).toContain(a.secret)
    const gitConfig = Object.entries(main.env).find(([name]) => name.startsWith('GIT_CONFIG_VALUE_'))?.[1]
    expect(gitConfig && existsSync(gitConfig)).toBe(true)
    // Each secret was registered with the runner for masking before anything could print it.
    for (const name of names) expect(main.stdout).toContain(`::add-mask::${CREDENTIALS[name].secret}`)

    const post = await runPost(main, env)
    expect({ code: post.code, stderr: post.stderr }).toEqual({ code: 0, stderr: '' })
    expect(existsSync(netrc)).toBe(false)
    expect(existsSync(gitConfig!)).toBe(false)

    const haystacks = [
      { file: 'main stdout', text: shownLog(main) },
      { file: 'main stderr', text: main.stderr },
      { file: 'post stdout', text: shownLog(post) },
      { file: 'post stderr', text: post.stderr },
      // RUNNER_TEMP holds GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE and the summary of both steps, and what the action left.
      ...filesUnder(main.runnerTemp).map(h => ({ ...h, file: h.file.replace(main.runnerTemp, 'RUNNER_TEMP') })),
      // The job's own directories: project, HOME, GOPATH with the module and checksum caches.
      ...filesUnder(root).map(h => ({ ...h, file: h.file.replace(root, 'job') }))
    ]
    expect(haystacks.filter(h => /set_env_|set_output_|save_state_|step_summary_/.test(h.file))).toHaveLength(8)
    expect(haystacks.filter(h => /go-env[\\/]go\.\d+\.env$/.test(h.file)).length).toBeGreaterThan(0)
    return names.flatMap(name => {
      const { user, secret } = CREDENTIALS[name]
      const seen = new Set<string>()
      return forms(user, secret).flatMap(form =>
        haystacks
          .filter(h => h.text.includes(form) && !seen.has(`${h.file}`) && seen.add(h.file))
          .map(h => `${name} (${form}) in ${h.file}`)
      )
    })
  }

  it('auth lines for a proxy host and a module host, userinfo in a proxies URL: zero occurrences after main and post', async () => {
    expect(await audit(false)).toEqual([])
  }, 120_000)

  it('the same with userinfo in the sumdb URL too (accepted by the action): zero occurrences after main and post', async () => {
    expect(await audit(true)).toEqual([])
  }, 120_000)
})
