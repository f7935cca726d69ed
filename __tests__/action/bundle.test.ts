/**
 * The bundled action (built from src/ by jest's global setup), run exactly as the GitHub runner runs it: INPUT_*
 * variables and GITHUB_* files. What later steps see is what GITHUB_ENV holds, so these
 * tests read it back and hand it to the real go command.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanupTempDirs, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { runAction, runPost } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

const publicModule = defineModule({ path: 'example.com/pub/greet', version: 'v1.2.0' })
const privateModule = defineModule({ path: 'corp.example/team/secret', version: 'v0.3.1' })

/** A base environment for the action's process: isolated go, no GO* variables from this machine. */
function jobEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return goTestEnv(tempDir('action-job-'), { GOPROXY: undefined, GOSUMDB: undefined, ...extra })
}

describe('bad input fails the step, names the input and exports nothing', () => {
  test.each<[input: string, value: string, named: RegExp]>([
    ['proxies', 'ftp://mirror.example', /Input 'proxies': proxy "ftp:\/\/mirror.example" uses the scheme "ftp"/],
    ['proxies', 'DIRECT', /Input 'proxies': "DIRECT" is not a proxy URL, preset or keyword.*lower case: direct/],
    ['proxies', 'http://user:pw@corp.example', /Input 'proxies': .*over plain http/],
    ['region', 'mars', /Input 'region': "mars" is not one of: global, cn, auto/],
    ['private', 'corp.example/[a-', /Input 'private': pattern "corp.example\/\[a-" is not a valid glob/],
    ['no-sumdb', 'a.example, b c', /Input 'no-sumdb': pattern "b c" contains a blank/],
    ['sumdb', 'sum.example.com', /Input 'sumdb': "sum.example.com" is neither a known checksum database/],
    ['sumdb', 'sum.golang.org https://a https://b', /Input 'sumdb': .*has 3 fields/],
    ['fallback', 'sometimes', /Input 'fallback': "sometimes" is not one of: on-error, not-found/],
    ['probe-timeout', '2s', /Input 'probe-timeout': "2s" is not a whole number of milliseconds/],
    ['probe-module', 'Golang.org/x/mod', /Input 'probe-module': "Golang.org\/x\/mod" is not a valid module path/],
    ['warm', 'yes', /Input 'warm': "yes" is not a boolean/],
    ['retries', '0', /Input 'retries': "0" is not a whole number of attempts from 1 to 10/],
    ['auth', 'corp.example', /Input 'auth': line 1/]
  ])('%s: %j', async (input, value, named) => {
    const run = await runAction({ inputs: { probe: 'false', warm: 'false', [input]: value }, env: jobEnv() })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/::error::Invalid input — nothing was exported\./)
    expect(run.stdout).toMatch(named)
    expect(run.env).toEqual({})
    expect(run.outputs).toEqual({})
  })

  test('an invalid-input run still writes its summary: not ready, why, nothing exported; the log names the version', async () => {
    const run = await runAction({ inputs: { probe: 'false', warm: 'false', region: 'mars' }, env: jobEnv() })
    expect(run.code).toBe(1)
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(run.stdout).toContain(`setup-goproxy ${pkg.version}\n`)
    expect(run.summary).toContain(`## setup-goproxy ${pkg.version}`)
    expect(run.summary).toMatch(/\*\*Not ready\*\* after \d+\.\d s: Invalid input — nothing was exported\./)
    expect(run.summary).toContain(`> Input 'region': "mars" is not one of: global, cn, auto.`)
  })

  test('several bad inputs are reported together, one run', async () => {
    const run = await runAction({
      inputs: { region: 'mars', 'probe-timeout': 'soon', private: '[', probe: 'false', warm: 'false' },
      env: jobEnv()
    })
    expect(run.code).toBe(1)
    for (const name of ['region', 'probe-timeout', 'private']) expect(run.stdout).toContain(`Input '${name}'`)
    expect(run.env).toEqual({})
  })

  test('a private probe-module is refused: the probe would send it to every proxy', async () => {
    const run = await runAction({ inputs: { private: 'golang.org/x', warm: 'false' }, env: jobEnv() })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/Input 'probe-module': "golang.org\/x\/mod" matches the private patterns/)
    expect(run.env).toEqual({})
  })
})

describe('without go', () => {
  test('no go on PATH or in the tool cache: a notice says how to get one, the environment is still exported', async () => {
    const env = { ...jobEnv(), PATH: '/usr/bin:/bin', RUNNER_TOOL_CACHE: tempDir('empty-tool-cache-') }
    const run = await runAction({ inputs: { region: 'global', probe: 'false' }, env })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::notice::Go was not found on PATH or in the tool cache.*actions\/setup-go/)
    expect(run.env.GOPROXY).toBe('https://proxy.golang.org,direct')
    expect(run.outputs.modules).toBeUndefined()
  })
})

describe('a bare uses: keeps what the job already has', () => {
  test('no GOPROXY in the environment: the value `go env -w` wrote is kept (go env sees it), validated and exported', async () => {
    const goenv = join(tempDir('goenv-'), 'env')
    writeFileSync(goenv, 'GOPROXY=https://corp.example/goproxy|https://proxy.golang.org,direct\n')
    const run = await runAction({ inputs: { probe: 'false', warm: 'false' }, env: jobEnv({ GOENV: goenv }) })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      'Composed GOPROXY (go env): https://corp.example/goproxy|https://proxy.golang.org,direct'
    )
    expect(run.env.GOPROXY).toBe('https://corp.example/goproxy|https://proxy.golang.org,direct')
  })

  test('a go.mod asking for a newer Go: go env reads `go env -w` locally, no toolchain is downloaded', async () => {
    // The runner sets no GOTOOLCHAIN: go would switch to go1.99.0 (and fail offline) unless the action forces local.
    const project = tempDir('newer-go-')
    writeFileSync(join(project, 'go.mod'), 'module example.com/newer\n\ngo 1.99.0\n')
    const goenv = join(tempDir('goenv-'), 'env')
    writeFileSync(goenv, 'GOPROXY=https://goproxy.cn,direct\n')
    const run = await runAction({
      inputs: { probe: 'false', warm: 'false' },
      env: jobEnv({ GOENV: goenv, GOTOOLCHAIN: undefined }),
      cwd: project
    })
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(/downloading go1\.99\.0/)
    expect(run.stdout).toContain('Composed GOPROXY (go env): https://goproxy.cn,direct')
    expect(run.env.GOPROXY).toBe('https://goproxy.cn,direct')
    expect(run.stdout).not.toMatch(/::warning::Could not read GOPROXY/)
  })

  test("go env fails: a warning names go's error and says Go's default is used, instead of silence", async () => {
    const run = await runAction({
      inputs: { probe: 'false', warm: 'false' },
      env: jobEnv({ GOROOT: join(tempDir('no-goroot-'), 'missing') })
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /::warning::Could not read GOPROXY from the go command, so any value set with `go env -w` is not seen and Go's default chain is used: go env GOPROXY failed \(exit 2\): go: cannot find GOROOT directory: .*missing/
    )
    expect(run.env.GOPROXY).toBe('https://proxy.golang.org,direct')
  })

  test("neither environment nor go env: Go's own default", async () => {
    const run = await runAction({ inputs: { probe: 'false', warm: 'false' }, env: jobEnv() })
    expect(run.code).toBe(0)
    expect(run.env.GOPROXY).toBe('https://proxy.golang.org,direct')
  })

  test('an invalid GOPROXY in the job environment fails the step by name, before anything is exported', async () => {
    const run = await runAction({
      inputs: { probe: 'false', warm: 'false' },
      env: jobEnv({ GOPROXY: 'ftp://old-mirror' })
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/Input 'GOPROXY \(job environment\)': proxy "ftp:\/\/old-mirror" uses the scheme "ftp"/)
    expect(run.env).toEqual({})
  })
})

describe('region presets export what the go command accepts', () => {
  test('region cn: the China mirrors then direct, and the China checksum-DB alias', async () => {
    const run = await runAction({ inputs: { region: 'cn', probe: 'false', warm: 'false' }, env: jobEnv() })
    expect(run.code).toBe(0)
    expect(run.env).toEqual({
      GOPROXY: 'https://goproxy.cn|https://mirrors.aliyun.com/goproxy/|https://goproxy.io,direct',
      GOSUMDB: 'sum.golang.google.cn'
    })
    expect(run.outputs.gosumdb).toBe('sum.golang.google.cn')
    const seen = await runGo(['env', '-json', 'GOPROXY', 'GOSUMDB'], { cwd: tempDir('go-env-'), env: jobEnv(run.env) })
    expect(seen.code).toBe(0)
    expect(JSON.parse(seen.stdout)).toEqual(run.env)
  })

  test('a user sumdb wins over the region default, and sumdb: off is exported with a warning saying what it disables', async () => {
    const run = await runAction({
      inputs: { region: 'cn', sumdb: 'off', probe: 'false', warm: 'false' },
      env: jobEnv()
    })
    expect(run.code).toBe(0)
    expect(run.env.GOSUMDB).toBe('off')
    expect(run.stdout).toMatch(/::warning::Input 'sumdb': off turns checksum verification off/)
  })
})

describe('probe and warm through loopback proxies, then an offline build', () => {
  let corp: TestProxy
  let pub: TestProxy
  let stalled: TestProxy
  let sumdb: SumdbServer

  beforeAll(async () => {
    sumdb = await startSumdb({
      records: [
        { path: publicModule.path, version: publicModule.version, h1: publicModule.sum, goModH1: publicModule.goModSum }
      ],
      audit: { private: 'corp.example' }
    })
    corp = await startProxy({ modules: [privateModule] })
    pub = await startProxy({ modules: [publicModule], audit: { role: 'public proxy', private: 'corp.example' } })
    stalled = await startProxy({ modules: [publicModule], neverAnswer: true })
  })
  afterAll(async () => {
    await Promise.all([corp, pub, stalled, sumdb].map(server => server?.close()))
    await cleanupTempDirs()
  })

  test('a corporate proxy as a "," gate plus private: private modules stay on it, public ones verified against the checksum DB', async () => {
    const project = tempDir('corp-project-')
    writeProject(project, { module: 'corp.example/app', requires: [privateModule, publicModule] })
    const env = jobEnv()
    const run = await runAction({
      inputs: {
        proxies: `${corp.url},\n${pub.url}`,
        private: 'corp.example',
        'no-proxy': 'none',
        sumdb: sumdb.gosumdb,
        'working-directory': project,
        'probe-timeout': '2000'
      },
      env,
      cwd: project
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.env.GOPROXY).toBe(`${corp.url},${pub.url}`)
    expect(run.env.GOPRIVATE).toBe('corp.example')
    expect(run.env.GONOPROXY).toBe('none')
    expect(run.outputs.gonosumdb).toBe('corp.example')
    expect(Number(run.outputs.modules)).toBe(2)
    // The private path never reached the public proxy or the checksum database.
    expect(pub.requests.map(r => r.path).join('\n')).not.toContain('corp.example')
    expect(sumdb.requests.map(r => r.path).join('\n')).not.toContain('corp.example')
    // Later steps build offline from the warmed cache with the exported environment.
    const build = await runGo(['build', './...'], {
      cwd: project,
      env: { ...env, ...run.env, GOPROXY: 'off', GOFLAGS: '-mod=mod' }
    })
    expect(build.stderr).toBe('')
    expect(build.code).toBe(0)
    expect(run.summary).toContain('### Probe')
    expect(run.summary).toContain('### Module cache')
    // The go env group names each variable beside its value, as go itself read it after the export.
    const goEnvGroup = run.stdout
      .split('::group::go env (as the go command sees it after the export)\n')[1]
      ?.split('::endgroup::')[0]
    expect(goEnvGroup).toContain(`GOPROXY=${corp.url},${pub.url}\n`)
    expect(goEnvGroup).toContain('GOPRIVATE=corp.example\n')
    expect(goEnvGroup).toContain('GOINSECURE=\n')
    // The first thing the summary says: ready, how fast, what it got; then rows only for what it set.
    expect(run.summary.split('\n')[2]).toMatch(
      /^\*\*Ready\*\* in \d+\.\d s: GOPROXY `http:\/\/127\.0\.0\.1:\d+,http:\/\/127\.0\.0\.1:\d+`(; fastest [^;]+)?; module cache warm: 2 downloaded, 0 cached, /
    )
    expect(run.summary).not.toContain('(empty)')
    expect(run.summary).not.toMatch(/\| GOINSECURE \|/)
  })

  test('a bare uses: keeps the job GOPROXY, probes it and drops the stalled proxy', async () => {
    const project = tempDir('bare-project-')
    writeProject(project, { module: 'example.com/app', requires: [publicModule] })
    const env = jobEnv({ GOPROXY: `${stalled.url}|${pub.url}`, GOSUMDB: sumdb.gosumdb })
    const run = await runAction({
      inputs: { 'working-directory': project, 'probe-timeout': '800', 'probe-module': publicModule.path },
      env,
      cwd: project
    })
    expect(run.stdout).not.toContain('::error::')
    expect(run.code).toBe(0)
    expect(run.env.GOPROXY).toBe(pub.url)
    expect(run.outputs.unreachable).toBe(stalled.url)
    expect(run.stdout).toMatch(new RegExp(`::warning::Dropped ${stalled.url.replace(/[.:/]/g, '\\$&')}: no response`))
    expect(JSON.parse(run.outputs['probe-report']).proxies).toHaveLength(2)
    expect(run.outputs.fastest).toBe(pub.url)
    expect(run.env.GOSUMDB).toBeUndefined() // the job's own GOSUMDB stays; nothing to export
    expect(Number(run.outputs.modules)).toBe(1)
  })

  test('a failed main step still leaves the post step its files to remove', async () => {
    const project = tempDir('failing-project-')
    const missing = defineModule({ path: 'example.com/pub/missing', version: 'v9.9.9' })
    writeProject(project, { module: 'example.com/app', requires: [missing] })
    const env = jobEnv({ GOSUMDB: sumdb.gosumdb })
    const main = await runAction({
      inputs: {
        proxies: pub.url,
        auth: 'github.com/acme ghp_FailingRunToken7',
        'probe-module': publicModule.path,
        'working-directory': project
      },
      env,
      cwd: project
    })
    expect(main.code).toBe(1)
    expect(main.stdout).toMatch(/::error::Warming the module cache failed/)
    const gitConfig = main.env.GIT_CONFIG_VALUE_0
    expect(readFileSync(gitConfig, 'utf8')).toContain('extraHeader')
    const post = await runPost(main, env)
    expect(post.code).toBe(0)
    expect(() => readFileSync(gitConfig)).toThrow()
  })

  test('without GITHUB_ACTION (a local runner, other CI) post still removes the netrc main wrote', async () => {
    // The credential directory then depends on the process id, which differs between main and post.
    const env = jobEnv()
    const unset = ['GITHUB_ACTION']
    const main = await runAction({
      inputs: {
        proxies: 'https://corp.example/goproxy',
        auth: 'corp.example ci-bot:' + 'netrcS3cret',
        probe: 'false',
        warm: 'false'
      },
      env,
      unset
    })
    expect(main.code).toBe(0)
    const netrc = main.env.NETRC
    expect(readFileSync(netrc, 'utf8')).toContain('machine corp.example')
    const post = await runPost(main, env, { unset })
    expect(post.code).toBe(0)
    expect(post.stdout).not.toMatch(/outside the credential directory|No credential files to remove/)
    expect(post.stdout).toMatch(/Removed 1 credential file/)
    expect(existsSync(netrc)).toBe(false)
  })

  test('the post step removes the credential files main wrote, and the summary holds no secret', async () => {
    const project = tempDir('auth-project-')
    writeProject(project, { module: 'example.com/app', requires: [] })
    const env = jobEnv()
    const secret = 'ghp_' + 'S3cr3tT0k3nValue42'
    const main = await runAction({
      inputs: { proxies: pub.url, auth: `github.com/acme ${secret}`, probe: 'false', warm: 'false' },
      env
    })
    expect(main.code).toBe(0)
    expect(main.env.GOPRIVATE).toBe('github.com/acme')
    const gitConfig = main.env.GIT_CONFIG_VALUE_0
    expect(readFileSync(gitConfig, 'utf8')).toContain('extraHeader')
    // ::add-mask:: lines are how the runner learns what to mask; it never shows them.
    const shown = main.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    for (const text of [shown, main.summary, JSON.stringify(main.env), JSON.stringify(main.outputs)]) {
      expect(text).not.toContain(secret)
    }
    const post = await runPost(main, env)
    expect(post.code).toBe(0)
    expect(post.stdout).toMatch(/Removed 1 credential file/)
    expect(() => readFileSync(gitConfig)).toThrow()
    expect(join(gitConfig)).toContain(main.runnerTemp)
  })
})

describe('a failed probe exports nothing, and the log and the summary say so', () => {
  test('the only proxy refuses connections: no exported chain, the proxy shown as dropped everywhere', async () => {
    const run = await runAction({
      // Port 9 (discard) refuses on loopback: the probe fails at once.
      inputs: { proxies: 'http://127.0.0.1:9', warm: 'false' },
      env: jobEnv({ GOSUMDB: 'off' })
    })
    expect(run.code).toBe(1)
    expect(run.env).toEqual({})
    expect(run.stdout).toMatch(/::error::No proxy in the chain works from this runner/)
    // In the summary the URL is inert (a zero-width space after the scheme keeps it from being linked).
    const deadRow = (text: string) =>
      text.split('\n').find(line => /^\|? ?http:(&#8203;)?\/\/127\.0\.0\.1:9[ |]/.test(line))
    // The summary: the table says nothing was exported, and the probe table must agree.
    expect(run.summary).toContain('Nothing was exported: the step failed.')
    expect(run.summary).toMatch(/^\*\*Not ready\*\* after \d+\.\d s: No proxy in the chain works/m)
    expect(run.summary).not.toMatch(/^\| GOPROXY \|/m)
    expect(run.summary).not.toMatch(/Exported chain: `http:\/\/127\.0\.0\.1:9`/)
    expect(deadRow(run.summary)).toMatch(/\| dropped \|$/)
    // The log's table, after the group that said "dropped".
    expect(run.stdout).not.toMatch(/^chain: http:\/\/127\.0\.0\.1:9$/m)
    expect(deadRow(run.stdout.split('::endgroup::')[1] ?? '')).toMatch(/^http:\/\/127\.0\.0\.1:9\s+dropped\s/)
  })
})
