/**
 * What users read and what children inherit, with a hostile proxy and a hostile job environment, run the way the
 * runner runs the action (the test bundle built from src/):
 * - upstream text reaches the job summary only inertly: no link, image, HTML or comment of a proxy's making;
 * - no log line built from a value can start a workflow command (the runner's parser: a line whose trimmed text
 *   starts with `::`, unless inside `::stop-commands::<token>` … `::<token>::`);
 * - go (and what it starts) never gets INPUT_* (INPUT_AUTH holds every credential unscoped);
 * - the post step removes the credential files in its directory that carry its marker, also when their list was
 *   never saved (a main step ended between writing them and saving the list).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { delimiter, join } from 'node:path'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { envRecordingGo } from '../support/go-shim.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { runAction, runPost } from '../support/run-action.js'

const probeModule = defineModule({ path: 'example.com/inject/probe', version: 'v1.0.0' })
const lib = defineModule({ path: 'example.com/inject/lib', version: 'v1.0.0' })

/** Markup a proxy puts in its error text (text/plain, which go and the probe quote): a comment that would hide the rest, links, images, raw HTML. */
const HOSTILE_TEXT =
  'denied <!-- hide the rest [rotate your token](http://evil.example/phish) ![x](http://evil.example/i.png) <img src=x onerror=alert(1)> <a href="http://evil.example">here</a> **urgent** www.evil.example'

let good: TestProxy
let evil: http.Server
let evilUrl: string

beforeAll(async () => {
  good = await startProxy({ modules: [probeModule, lib] })
  // A proxy whose every answer is an error with a text/plain body full of markup.
  // 500 for a version list (the probe quotes it), 404 for the rest (go quotes it as the server's response).
  evil = http.createServer((req, res) => {
    const status = (req.url ?? '').endsWith('/@v/list') ? 500 : 404
    res.writeHead(status, { 'Content-Type': 'text/plain' }).end(HOSTILE_TEXT)
  })
  await new Promise<void>(resolve => evil.listen(0, '127.0.0.1', resolve))
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`
})

afterAll(async () => {
  await good?.close()
  await new Promise(resolve => evil?.close(resolve))
  await cleanupTempDirs()
})

/** The workflow commands the runner would act on in `stdout`, honouring ::stop-commands::. */
export function runnerCommands(stdout: string): Array<{ command: string; line: string }> {
  const found: Array<{ command: string; line: string }> = []
  let stopToken: string | undefined
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trimStart()
    if (!line.startsWith('::')) continue
    if (stopToken !== undefined) {
      if (line.trimEnd() === `::${stopToken}::`) stopToken = undefined
      continue
    }
    const m = /^::([A-Za-z-]+)(?:\s[^:]*)?::/.exec(line)
    if (!m) continue
    if (m[1] === 'stop-commands') {
      stopToken = line.slice(line.indexOf('::', 2) + 2).trim()
      continue
    }
    found.push({ command: m[1], line })
  }
  return found
}

function expectInert(summary: string): void {
  expect(summary).not.toContain('<!--')
  expect(summary).not.toMatch(/<img|<a /i)
  // A link or image needs an unescaped `](`; an escaped bracket renders as itself.
  expect(summary).not.toMatch(/(^|[^\\])\]\(/m)
  expect(summary).not.toContain('://evil.example')
  expect(summary).not.toContain('www.evil.example')
  expect(summary).not.toMatch(/\*\*urgent\*\*/)
}

describe('upstream text in the job summary is quoted inertly', () => {
  test('a proxy the probe drops: its error text in the probe table and the notes', async () => {
    const root = tempDir('hostile-inject-probe')
    const run = await runAction({
      inputs: { proxies: `${evilUrl}|${good.url}`, 'probe-module': probeModule.path, warm: 'false' },
      env: goTestEnv(root),
      cwd: root,
      timeoutMs: 60_000
    })
    expect(run.code).toBe(0)
    // The text is there (quoted), not dropped.
    expect(run.summary).toContain('denied')
    expectInert(run.summary)
  })

  test('a failed Go install quoting the proxy, in the failure at the top of the summary', async () => {
    const root = tempDir('hostile-inject-install')
    const run = await runAction({
      inputs: {
        'go-version': '1.23',
        proxies: evilUrl,
        sumdb: 'sum.golang.org',
        probe: 'false',
        warm: 'false',
        retries: '1'
      },
      env: { ...goTestEnv(root), RUNNER_TOOL_CACHE: join(root, 'toolcache') },
      cwd: root,
      timeoutMs: 90_000
    })
    expect(run.code).not.toBe(0)
    expect(run.summary).toMatch(/CAUTION[^]*denied/)
    expectInert(run.summary)
  }, 120_000)
})

test('a job GOPRIVATE beginning with "::" shown in the go env group starts no workflow command', async () => {
  const root = tempDir('hostile-inject-cmd')
  const fake = '::warning title=Security notice::Your token leaked, rotate it now'
  const run = await runAction({
    inputs: { proxies: good.url, 'probe-module': probeModule.path, warm: 'false' },
    env: goTestEnv(root, { GOPRIVATE: fake }),
    cwd: root,
    timeoutMs: 60_000
  })
  // The value is shown (inertly) …
  expect(run.stdout).toContain('Your token leaked')
  // … and the runner would act on none of it.
  expect(runnerCommands(run.stdout).filter(c => c.line.includes('token leaked'))).toEqual([])
})

describe('children and credentials', () => {
  // A private module host's credentials: the action scopes them to that host in a git config file of its own.
  const secret = 's3cret-for-one-host-only'

  test('go, and what go starts, gets no INPUT_* variable (INPUT_AUTH holds every credential)', async () => {
    const root = tempDir('hostile-inject-env')
    const project = join(root, 'project')
    writeProject(project, { module: 'example.com/inject/app', requires: [lib] })
    // A go on PATH that records its environment, then runs the real go.
    const shimDir = join(root, 'shim')
    const seen = join(root, 'seen')
    await envRecordingGo(shimDir, seen)
    const env = goTestEnv(root)
    env.PATH = `${shimDir}${delimiter}${env.PATH}`
    const run = await runAction({
      inputs: {
        proxies: good.url,
        probe: 'false',
        'working-directory': project,
        auth: `git.corp.example/team x-access-token:${secret}`
      },
      env,
      cwd: project,
      timeoutMs: 90_000
    })
    expect(run.code).toBe(0)
    const dumps = readdirSync(seen).map(name => readFileSync(join(seen, name), 'utf8'))
    expect(dumps.length).toBeGreaterThan(0)
    for (const dump of dumps) {
      expect(dump.split('\n').filter(line => line.startsWith('INPUT_'))).toEqual([])
      expect(dump).not.toContain(secret)
    }
  }, 120_000)

  test('post removes the marked credential files in its directory even when their list was never saved', async () => {
    const root = tempDir('hostile-inject-post')
    const env = goTestEnv(root)
    const main = await runAction({
      inputs: {
        proxies: good.url,
        probe: 'false',
        warm: 'false',
        auth: `git.corp.example/team x-access-token:${secret}`
      },
      env,
      cwd: root,
      timeoutMs: 60_000
    })
    expect(main.code).toBe(0)
    const dir = main.state.credentialDir
    expect(existsSync(join(dir, 'gitconfig'))).toBe(true)
    // Someone else's file in the directory, without the marker: never removed.
    writeFileSync(join(dir, 'netrc'), 'machine other.example login x password y\n')
    const post = await runPost({ ...main, state: { isPost: 'true', credentialDir: dir } }, env)
    expect(post.code).toBe(0)
    expect(existsSync(join(dir, 'gitconfig'))).toBe(false)
    expect(existsSync(join(dir, 'netrc'))).toBe(true)
  }, 90_000)
})
