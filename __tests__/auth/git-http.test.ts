/**
 * Real git against `git http-backend` behind a loopback HTTPS server that demands basic
 * auth under /acme/: the git configuration the action installs sends the credential
 * there and nowhere else, using only the exported environment.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { installCredentials } from '../../src/auth/install.js'
import { parseAuth, planCredentials } from '../../src/auth/index.js'
import { parseGoproxy } from '../../src/go/proxy/chain.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'
import { TEST_CA_FILE, testTls } from '../support/tls.js'

const run = promisify(execFile)
const SECRET = 'ghp_GitS3cretT0ken'
const USER = 'x-access-token'
const EXPECTED = `Basic ${Buffer.from(`${USER}:${SECRET}`).toString('base64')}`

interface Logged {
  path: string
  /** Every Authorization header value received (git may send several). */
  authorization: string[]
}

/** An HTTPS server on 127.0.0.1 that runs `git http-backend` as a CGI for `root`, demanding EXPECTED under /acme/. */
async function startGitServer(root: string) {
  const log: Logged[] = []
  const server = https.createServer({ ...testTls() }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1')
    const authorization: string[] = []
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i].toLowerCase() === 'authorization') authorization.push(req.rawHeaders[i + 1])
    }
    log.push({ path: url.pathname, authorization })
    if (url.pathname.startsWith('/acme/') && (authorization.length !== 1 || authorization[0] !== EXPECTED)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' })
      res.end('authentication required\n')
      return
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: authorization.length > 0 ? USER : '',
        REMOTE_ADDR: '127.0.0.1'
      }
    })
    req.pipe(cgi.stdin)
    const out: Buffer[] = []
    cgi.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    cgi.on('close', () => {
      const body = Buffer.concat(out)
      const end = body.indexOf('\r\n\r\n')
      const headers: Record<string, string> = {}
      let status = 200
      for (const line of body.subarray(0, Math.max(end, 0)).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':')
        if (colon < 0) continue
        const name = line.slice(0, colon).trim()
        const value = line.slice(colon + 1).trim()
        if (name.toLowerCase() === 'status') status = parseInt(value, 10)
        else headers[name] = value
      }
      res.writeHead(end < 0 ? 502 : status, headers)
      res.end(end < 0 ? body : body.subarray(end + 4))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    log,
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}

describe('git over HTTPS with the installed git configuration', () => {
  let server: Awaited<ReturnType<typeof startGitServer>>
  let root: string
  let env: Record<string, string>

  beforeAll(async () => {
    root = tempDir('auth-git')
    const home = join(root, 'home')
    mkdirSync(home)
    const gitEnv = { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' }
    const work = join(root, 'work')
    await run('git', ['init', '-q', '-b', 'main', work], { env: gitEnv })
    await run(
      'git',
      [
        '-C',
        work,
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@example.com',
        'commit',
        '-q',
        '--allow-empty',
        '-m',
        'init'
      ],
      { env: gitEnv }
    )
    for (const repo of ['acme/repo.git', 'acmeco/repo.git', 'other/repo.git']) {
      await run('git', ['clone', '-q', '--bare', work, join(root, 'repos', repo)], { env: gitEnv })
    }
    server = await startGitServer(join(root, 'repos'))

    const credentials = parseAuth(`127.0.0.1:${server.port}/acme ${SECRET}`)
    const plan = planCredentials(credentials, parseGoproxy('GOPROXY', 'direct').chain, '')
    expect(plan.git.map(g => g.urlPrefix)).toEqual([`https://127.0.0.1:${server.port}/acme/`])
    const installed = await installCredentials(plan, join(root, 'setup-goproxy-1'), { env: {} })
    // Only what the action exports, plus an isolated home and the test CA.
    env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_SSL_CAINFO: TEST_CA_FILE,
      ...installed.env
    }
  })
  afterAll(async () => {
    await server?.close()
    await cleanupTempDirs()
  })

  async function lsRemote(path: string, extra: Record<string, string> = {}) {
    const before = server.log.length
    const result = await run('git', ['ls-remote', `https://127.0.0.1:${server.port}${path}`], {
      env: { ...env, ...extra },
      timeout: 20_000
    }).then(
      r => ({ ok: true, output: r.stdout }),
      (e: { stderr?: string }) => ({ ok: false, output: e.stderr ?? '' })
    )
    return { ...result, requests: server.log.slice(before) }
  }

  test('the named prefix gets the credential, exactly once per request', async () => {
    const result = await lsRemote('/acme/repo.git')
    expect(result.ok).toBe(true)
    expect(result.output).toMatch(/refs\/heads\/main/)
    expect(result.requests.length).toBeGreaterThan(0)
    for (const request of result.requests) expect(request.authorization).toEqual([EXPECTED])
  })

  test('without the exported variables the same request is refused', async () => {
    const result = await lsRemote('/acme/repo.git', { GIT_CONFIG_COUNT: '0' })
    expect(result.ok).toBe(false)
    expect(result.output).toMatch(/401|Authentication failed|could not read Username/)
    expect(result.output).not.toContain(SECRET)
  })

  test.each(['/other/repo.git', '/acmeco/repo.git'])(
    '%s on the same host receives no Authorization header',
    async path => {
      const result = await lsRemote(path)
      expect(result.ok).toBe(true)
      expect(result.requests.length).toBeGreaterThan(0)
      for (const request of result.requests) expect(request.authorization).toEqual([])
    }
  )

  test("a header the user's own git config sets for the whole host is replaced under the prefix, kept elsewhere", async () => {
    // What actions/checkout leaves behind for https://github.com/.
    const theirs = `Basic ${Buffer.from('x-access-token:checkout-token').toString('base64')}`
    writeFileSync(
      join(env.HOME, '.gitconfig'),
      `[http "https://127.0.0.1:${server.port}/"]\n\textraHeader = Authorization: ${theirs}\n`
    )
    try {
      const acme = await lsRemote('/acme/repo.git')
      expect(acme.ok).toBe(true)
      for (const request of acme.requests) expect(request.authorization).toEqual([EXPECTED])
      const other = await lsRemote('/other/repo.git')
      for (const request of other.requests) expect(request.authorization).toEqual([theirs])
    } finally {
      writeFileSync(join(env.HOME, '.gitconfig'), '')
    }
  })
})
