/**
 * The CLI run in-process against real loopback proxies and the real go command: what each command prints, what it
 * writes (nothing, except apply), and its exit code.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { GRACE_FLOOR_MS } from '../../src/probe/settle.js'
import { cleanupTempDirs, findGo, goTestEnv, tempDir } from '../support/go.js'
import {
  startBlackhole,
  startProxy,
  startRefusingPort,
  type Blackhole,
  type TestProxy
} from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import { memoryIo } from './memory-io.js'

const go = findGo()
const PROBE_MODULE = 'public.example/probe'
const dependency = defineModule({ path: 'example.test/cli/dep', version: 'v1.0.0' })

let good: TestProxy
let hole: Blackhole
let refused: string
let sumdb: SumdbServer
/** Flags every probing test needs: a served probe module, a loopback checksum DB, a short deadline. */
let probeFlags: string[]

beforeAll(async () => {
  good = await startProxy({ modules: [defineModule({ path: PROBE_MODULE, version: 'v1.0.0' }), dependency] })
  hole = await startBlackhole()
  refused = `http://127.0.0.1:${await startRefusingPort()}`
  // A URL in GOSUMDB: the probe checks only that database, so nothing leaves loopback.
  sumdb = await startSumdb()
  probeFlags = ['--probe-module', PROBE_MODULE, '--sumdb', sumdb.gosumdb, '--probe-timeout', '800']
})

afterAll(async () => {
  await Promise.all([good?.close(), hole?.close(), sumdb?.close()])
  await cleanupTempDirs()
})

/** An environment without this machine's Go settings; go (when present) first on PATH. */
function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return goTestEnv(tempDir('cli'), { GOPROXY: undefined, GOSUMDB: undefined, ...extra })
}

async function cli(
  argv: string[],
  env: Record<string, string | undefined> = cleanEnv(),
  options: { tty?: boolean; cwd?: string } = {}
) {
  const m = memoryIo(env, options)
  const code = await main(argv, m.io)
  return { code, stdout: m.stdout(), stderr: m.stderr() }
}

/** Evaluates `env` output in the real sh and returns the variables it set. */
function evalSh(output: string, names: string[]): Record<string, string> {
  const script = `${output}\n${names.map(n => `printf '%s\\0' "$${n}"`).join('; ')}`
  const result = spawnSync('sh', ['-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    timeout: 10_000
  })
  expect(result.status).toBe(0)
  const values = result.stdout.split('\0')
  return Object.fromEntries(names.map((n, i) => [n, values[i]]))
}

describe('usage and exit codes', () => {
  it.each([
    ['no command: the help on stderr, exit 2', [], 2, /Usage: setup-goproxy <command>/],
    ['an unknown command, exit 2', ['deploy'], 2, /unknown command "deploy"/],
    [
      'an unknown flag, exit 2, with the command help to read',
      ['env', '--proxys', 'x'],
      2,
      /unknown flag --proxys\. Did you mean --proxies or --probe\?\nRun setup-goproxy env --help for usage\./
    ]
  ])('%s', async (_name, argv, code, stderr) => {
    const run = await cli(argv)
    expect(run.code).toBe(code)
    expect(run.stderr).toMatch(stderr)
    expect(run.stdout).toBe('')
  })

  it('--help and help <command> print on stdout and exit 0; every command has its own', async () => {
    const program = await cli(['--help'])
    expect(program.code).toBe(0)
    expect(program.stdout).toMatch(/Exit codes:\n {2}0 {2}ok/)
    for (const command of ['probe', 'env', 'apply', 'warm']) {
      const [flag, word] = await Promise.all([cli([command, '-h']), cli(['help', command])])
      expect(flag.code).toBe(0)
      expect(flag.stdout).toContain(`Usage: setup-goproxy ${command}`)
      expect(word.stdout).toBe(flag.stdout)
    }
  })

  it('help says what the CLI accepts: --auth HOST:PORT (which works), --shell cmd refusals as exit 2', async () => {
    const help = (await cli(['env', '--help'])).stdout
    expect(help).toContain('--auth LINE            HOST[:PORT][/PATH] [USER:]SECRET')
    expect(help).toMatch(/2 {2}usage: .*\n.*--shell cmd cannot hold safely/)
    // The documented HOST:PORT form is accepted as a proxy credential (no usage error, nothing refused).
    const run = await cli([
      'env',
      '--no-probe',
      '--proxies',
      'https://corp.example:8443/goproxy',
      '--auth',
      'corp.example:8443 ci:tok3n'
    ])
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('corp.example:8443')
  })

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    const run = await cli(['--version'])
    expect(run).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' })
  })

  it('a bad input value is a usage error (2) with the action’s message naming the input, and nothing on stdout', async () => {
    const run = await cli(['env', '--no-probe', '--region', 'mars', '--probe-timeout=5', '--fallback', 'sometimes'])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`Input 'region': "mars" is not one of: global, cn, auto.`)
    expect(run.stderr).toContain(`Input 'probe-timeout': "5" is not a whole number of milliseconds from 100 to 120000.`)
    expect(run.stderr).toContain(`Input 'fallback': "sometimes" is not one of: on-error, not-found.`)
    expect(run.stderr).toContain('Fix --fallback, --region, --probe-timeout (see setup-goproxy env --help).')
  })

  it('an invalid GOPROXY in the environment is reported like the action does, naming the variable', async () => {
    const run = await cli(['env', '--no-probe'], cleanEnv({ GOPROXY: 'DIRECT' }))
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(
      /Input 'GOPROXY \(job environment\)': "DIRECT" is not a proxy URL.*The keywords are lower case: direct\./
    )
    expect(run.stderr).toContain('Fix or unset GOPROXY')
  })

  it('colour only when stdout is a terminal and NO_COLOR is unset', async () => {
    const red = '\u001b[31m'
    expect((await cli(['deploy'], cleanEnv(), { tty: true })).stderr).toContain(red)
    expect((await cli(['deploy'], cleanEnv({ NO_COLOR: '1' }), { tty: true })).stderr).not.toContain(red)
    expect((await cli(['deploy'], cleanEnv(), { tty: false })).stderr).not.toContain(red)
  })
})

describe('probe', () => {
  it('--json: the report and the chain of the proxies that work, fastest first; the dead ones named', async () => {
    // A probe-timeout past the grace floor: the blackhole is cut as too slow once the good proxy has answered.
    const flags = probeFlags.map(flag => (flag === '800' ? String(GRACE_FLOOR_MS + 2000) : flag))
    const run = await cli([
      'probe',
      '--json',
      ...flags,
      '--proxies',
      hole.url,
      '--proxies',
      refused,
      '--proxies',
      good.url
    ])
    expect(run.code).toBe(0)
    const json = JSON.parse(run.stdout) as {
      ok: boolean
      goproxy: string
      unreachable: string[]
      report: {
        proxies: Array<{ url: string; status: string; position: number | null }>
        sumdb: { status: string; route: string }
      }
    }
    expect(json.ok).toBe(true)
    expect(json.goproxy).toBe(good.url)
    expect(json.unreachable.sort()).toEqual([hole.url, refused].sort())
    const status = Object.fromEntries(json.report.proxies.map(p => [p.url, [p.status, p.position]]))
    expect(status).toEqual({ [hole.url]: ['too-slow', null], [refused]: ['refused', null], [good.url]: ['ok', 1] })
    expect(json.report.sumdb).toMatchObject({ status: 'ok', route: 'explicit' })
    expect(run.stderr).toContain(`warning: Dropped ${refused}: connection refused`)
    expect(run.stderr).not.toMatch(/^probe /m) // the table already says what the info lines would
  })

  it('no working proxy with on-unreachable fail: the table still prints, exit 1, and nothing would be exported', async () => {
    const run = await cli(['probe', ...probeFlags, '--proxies', refused])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^proxy +position +median +checksum DB +result\n/)
    expect(run.stdout).toContain('connection refused')
    expect(run.stdout).toContain('Would export: nothing')
    expect(run.stderr).toMatch(/error: No proxy in the chain works/)
  })

  it('--json after a failed probe: ok false, no exports and no chain, the dead proxy dropped', async () => {
    const run = await cli(['probe', '--json', ...probeFlags, '--proxies', refused])
    expect(run.code).toBe(1)
    const json = JSON.parse(run.stdout) as {
      ok: boolean
      goproxy: string | null
      exports: Record<string, string>
      report: { chain: string; proxies: Array<{ url: string; position: number | null }> }
    }
    expect(json.ok).toBe(false)
    expect(json.exports).toEqual({})
    expect(json.goproxy).toBeNull()
    expect(json.report.chain).toBe('')
    expect(json.report.proxies).toEqual([expect.objectContaining({ url: refused, position: null })])
  })

  it('on-unreachable warn: the same probe exits 0 and keeps the chain as given', async () => {
    const run = await cli(['probe', ...probeFlags, '--proxies', refused, '--on-unreachable', 'warn'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Would export:\n  GOPROXY=${refused}`)
  })
})

describe('env', () => {
  it.each([
    ['GOPRIVATE', ['--private', 'corp%x.example']],
    ['GONOPROXY', ['--no-proxy', 'a"b.example']]
  ])(
    '--shell cmd with a %s value cmd cannot hold: exit 2 (usage), stdout empty, the value named',
    async (name, flags) => {
      const run = await cli(['env', '--no-probe', '--shell', 'cmd', ...flags])
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(new RegExp(`cmd cannot hold "${name}=[^"]*.*use --shell pwsh`))
      expect(run.stderr).toContain('Run setup-goproxy env --help for usage.')
    }
  )

  it('a credential URL: says the CLI writes no netrc, never that the credentials moved to one', async () => {
    const run = await cli(['env', '--no-probe', '--proxies', 'https://ci:' + 'pw42@corp.example/goproxy'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('export GOPROXY=https://corp.example/goproxy\n')
    expect(run.stderr).not.toMatch(/moved[^\n]*netrc/)
    expect(run.stderr).toMatch(/credentials taken out of the URL .*the CLI writes no netrc file/)
    expect(run.stderr).not.toContain('pw42')
  })

  it('sh (default): export lines that the real sh evaluates to the probed chain; stdout holds nothing else', async () => {
    const run = await cli(['env', ...probeFlags, '--proxies', `${hole.url}|${good.url}`, '--no-sumdb', 'example.test'])
    expect(run.code).toBe(0)
    expect(
      run.stdout
        .trimEnd()
        .split('\n')
        .every(line => /^export GO[A-Z]+=/.test(line))
    ).toBe(true)
    expect(evalSh(run.stdout, ['GOPROXY', 'GOSUMDB', 'GONOSUMDB'])).toEqual({
      GOPROXY: good.url,
      GOSUMDB: sumdb.gosumdb,
      GONOSUMDB: 'example.test'
    })
  })

  it('only the variables the inputs set, as the action exports them', async () => {
    const run = await cli(['env', '--no-probe', '--proxies', 'goproxy.cn', '--proxies', 'direct'])
    expect(run.stdout).toBe('export GOPROXY=https://goproxy.cn,direct\n')
  })

  it.each([
    ['fish', ['--probe=false', '--shell', 'fish'], "set -gx GOPROXY 'https://goproxy.cn|https://goproxy.io,direct'\n"],
    ['pwsh', ['--no-probe', '--shell=pwsh'], "$env:GOPROXY = 'https://goproxy.cn|https://goproxy.io,direct'\n"],
    ['cmd', ['--no-probe', '--shell', 'cmd'], 'set "GOPROXY=https://goproxy.cn|https://goproxy.io,direct"\n']
  ])('--shell %s', async (_shell, flags, expected) => {
    const run = await cli(['env', ...flags, '--proxies', 'goproxy.cn\ngoproxy.io\ndirect'])
    expect(run).toEqual({ code: 0, stdout: expected, stderr: expect.any(String) })
  })

  it('never prints a credential: a proxy URL’s userinfo is moved out, with a note on where to put it', async () => {
    const run = await cli(['env', '--no-probe', '--proxies', 'https://ci:s3cret-token@goproxy.example.com'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('export GOPROXY=https://goproxy.example.com\n')
    expect(run.stdout + run.stderr).not.toContain('s3cret-token')
    expect(run.stderr).toMatch(/the CLI writes no netrc.*goproxy\.example\.com/)
  })

  it('a failed probe leaves stdout empty (eval changes nothing) and exits 1', async () => {
    const run = await cli(['env', ...probeFlags, '--proxies', refused])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
  })
})

describe('the go command reads what env --format go-env-w and apply write', () => {
  function goEnv(env: Record<string, string>, ...names: string[]): string[] {
    return spawnSync(go!, ['env', ...names], { env, encoding: 'utf8', timeout: 30_000 })
      .stdout.split('\n')
      .slice(0, names.length)
  }

  it('--format go-env-w lines, run by sh under GOENV=<temp file>, set what go env then reports', async () => {
    const env = cleanEnv()
    env.GOENV = join(tempDir('cli-goenv'), 'go.env')
    const run = await cli(
      [
        'env',
        '--no-probe',
        '--format',
        'go-env-w',
        '--proxies',
        `${good.url}|https://goproxy.cn`,
        '--private',
        '*.corp.example'
      ],
      env
    )
    expect(run.stdout).toBe(
      `go env -w 'GOPROXY=${good.url}|https://goproxy.cn'\ngo env -w 'GOPRIVATE=*.corp.example'\n`
    )
    expect(spawnSync('sh', ['-c', run.stdout], { env, timeout: 30_000 }).status).toBe(0)
    expect(goEnv(env, 'GOPROXY', 'GOPRIVATE', 'GONOPROXY')).toEqual([
      `${good.url}|https://goproxy.cn`,
      '*.corp.example',
      '*.corp.example'
    ])
  })

  it('apply --dry-run prints the commands and writes nothing', async () => {
    const env = cleanEnv()
    env.GOENV = join(tempDir('cli-dry'), 'go.env')
    const run = await cli(['apply', '--dry-run', ...probeFlags, '--proxies', good.url], env)
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(`go env -w GOPROXY=${good.url}\ngo env -w 'GOSUMDB=${sumdb.gosumdb}'\n`)
    expect(run.stderr).toContain('--dry-run: nothing was written.')
    expect(existsSync(env.GOENV)).toBe(false)
  })

  it('apply writes the go env file; a variable the environment overrides is named, with how to unset it', async () => {
    const env = cleanEnv({ GOPRIVATE: 'old.example' })
    env.GOENV = join(tempDir('cli-apply'), 'go.env')
    const run = await cli(['apply', '--no-probe', '--proxies', good.url, '--private', 'new.example'], env)
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/warning: GOPRIVATE is also set in the environment.*run unset GOPRIVATE/)
    expect(run.stderr).toContain(`Written to ${env.GOENV}: GOPROXY, GOPRIVATE.`)
    expect(readFileSync(env.GOENV, 'utf8')).toContain(`GOPROXY=${good.url}\n`)
    const { GOPRIVATE: _ignored, ...withoutOverride } = env
    expect(goEnv(withoutOverride, 'GOPROXY', 'GOPRIVATE')).toEqual([good.url, 'new.example'])
  })

  it('warm downloads a project’s modules through the probed chain; plain progress lines when not a terminal', async () => {
    const root = tempDir('cli-warm')
    const project = join(root, 'app')
    writeProject(project, { requires: [dependency] })
    const env = cleanEnv()
    mkdirSync(env.GOMODCACHE, { recursive: true })
    const run = await cli(
      ['warm', ...probeFlags, '--proxies', `${refused}|${good.url}`, '--no-sumdb', 'example.test', 'app'],
      env,
      { cwd: root }
    )
    expect(run.stderr).not.toContain('error:')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).not.toContain('\r')
    expect(run.stderr).toMatch(/^warm: \d+(\/\d+)? modules/m)
    expect(
      existsSync(join(env.GOMODCACHE, 'cache', 'download', 'example.test', 'cli', 'dep', '@v', 'v1.0.0.zip'))
    ).toBe(true)
    expect(good.requests.some(r => r.kind === 'zip' && r.module === dependency.path)).toBe(true)
  })

  it('warm on a terminal: one progress line rewritten in place, cleared before the command ends', async () => {
    const root = tempDir('cli-warm-tty')
    writeProject(join(root, 'app'), { requires: [dependency] })
    const flags = ['--no-probe', '--proxies', good.url, '--sumdb', sumdb.gosumdb, '--no-sumdb', 'example.test']
    const run = await cli(['warm', ...flags, 'app'], cleanEnv(), { cwd: root, tty: true })
    expect(run.code).toBe(0)
    const clearLine = '\r\u001b[K'
    expect(run.stderr).toContain(`${clearLine}warm: `)
    expect(run.stderr.endsWith(clearLine)).toBe(true)
  })
})
