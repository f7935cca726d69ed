/**
 * What keeps the action's start cheap, and what keeps it honest:
 * - src/action/workflow.ts writes every workflow command byte for byte as @actions/core 3 does (it replaces
 *   @actions/core in the action so that undici is not evaluated before the first input is read);
 * - the probe and the warm phase are chunks loaded on use: a run that needs neither works with no chunk present;
 * - a run whose process runs out of work before it is done fails instead of exiting 0 (exit-guard.ts).
 */
import * as actionsCore from '@actions/core'
import { jest } from '@jest/globals'
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import * as workflow from '../../src/action/workflow.js'
import { EXITED_EARLY, failIfExitingEarly, type ExitEvents } from '../../src/action/exit-guard.js'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { DIST_ENTRY, runAction } from '../support/run-action.js'

afterAll(cleanupTempDirs)

/** The subset of workflow commands both implementations have, called the same way. */
interface Commands {
  info(message: string): void
  debug(message: string): void
  warning(message: string, where?: { file?: string; title?: string; startLine?: number }): void
  error(message: string, where?: { file?: string; title?: string; startLine?: number; startColumn?: number }): void
  notice(message: string): void
  setSecret(secret: string): void
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
  saveState(name: string, value: string): void
  setFailed(message: string): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  addPath(dir: string): void
  getInput(name: string): string
  getState(name: string): string
}

const ours: Commands & { summary(markdown: string): Promise<void> } = {
  ...workflow,
  summary: markdown => workflow.appendSummary(markdown)
}
const theirs: Commands & { summary(markdown: string): Promise<void> } = {
  ...(actionsCore as unknown as Commands),
  summary: async markdown => {
    await actionsCore.summary.addRaw(markdown, true).write()
  }
}

const FILE_VARIABLES = ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'] as const

/** Runs `use` with fresh runner files (or none), capturing stdout, the files, exit code and changed variables. */
async function capture(
  impl: typeof ours,
  withFiles: boolean,
  use: (c: typeof ours) => unknown
): Promise<{ stdout: string; files: Record<string, string>; exitCode: unknown; env: Record<string, unknown> }> {
  const saved = { ...process.env }
  const savedExitCode = process.exitCode
  const dir = tempDir('workflow-commands')
  for (const name of FILE_VARIABLES) {
    if (withFiles) {
      process.env[name] = join(dir, name)
      writeFileSync(join(dir, name), '')
    } else delete process.env[name]
  }
  Object.assign(process.env, { INPUT_PROBE_TIMEOUT: '  3000 \n', STATE_credentialDir: '/tmp/x', PATH: '/bin' })
  const written: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
  try {
    await use(impl)
  } finally {
    spy.mockRestore()
  }
  const normalize = (text: string) => text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_<uuid>')
  const files = withFiles
    ? Object.fromEntries(FILE_VARIABLES.map(name => [name, normalize(readFileSync(join(dir, name), 'utf8'))]))
    : {}
  const env = { GOPROXY: process.env.GOPROXY, PATH: process.env.PATH }
  const exitCode = process.exitCode
  process.exitCode = savedExitCode
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved)
  return { stdout: normalize(written.join('')), files, exitCode, env }
}

describe('workflow commands: what @actions/core writes, byte for byte', () => {
  const cases: [name: string, use: (c: typeof ours) => unknown][] = [
    ['info', c => c.info('Composed GOPROXY (inputs): https://a.example,direct')],
    ['debug with a newline and %', c => c.debug('100% done\nnext: ::error::not a command')],
    ['warning on a file', c => c.warning('go.mod: bad\r\nline', { file: 'app/go.mod' })],
    [
      'error with title, line, column',
      c => c.error('x', { file: 'a:b,c.mod', title: 'T: 1, 2', startLine: 3, startColumn: 7 })
    ],
    ['notice', c => c.notice('Go was not found')],
    ['setSecret', c => c.setSecret('p@ss:w%rd,\nsecond')],
    ['setOutput, multi-line value', c => c.setOutput('probe-report', '{"a":1}\nline 2\n')],
    ['exportVariable', c => c.exportVariable('GOPROXY', 'https://a.example|https://b.example,direct')],
    ['saveState', c => c.saveState('credentialFiles', '["/tmp/a b/.netrc"]')],
    ['setFailed', c => c.setFailed('Invalid input — nothing was exported.\nInput \'region\': "mars"')],
    ['group', c => c.group('Probe 2 proxies', async () => c.info('inside'))],
    ['addPath', c => c.addPath('/opt/go/bin')],
    ['summary', c => c.summary('## setup-goproxy\n\n| a | b |\n|---|---|')],
    [
      'getInput, getState',
      c => c.info(`[${c.getInput('probe timeout')}] [${c.getState('credentialDir')}] [${c.getInput('absent')}]`)
    ]
  ]
  test.each(cases)('%s, with the runner files', async (_name, use) => {
    const a = await capture(ours, true, use)
    const b = await capture(theirs, true, use)
    expect(a).toEqual(b)
  })
  test.each(cases.filter(([name]) => name !== 'summary'))('%s, without them (commands on stdout)', async (_, use) => {
    const a = await capture(ours, false, use)
    const b = await capture(theirs, false, use)
    expect(a).toEqual(b)
  })
})

describe('exit guard', () => {
  /** A stand-in for process: records the beforeExit listener so the test can fire it. */
  function events(): ExitEvents & { fire(): void } {
    let listener: (() => void) | undefined
    return {
      once: (_event, fn) => (listener = fn),
      fire: () => listener?.()
    }
  }

  test.each<[state: string, work: () => Promise<unknown>, failed: boolean]>([
    ['still pending', () => new Promise(() => undefined), true],
    ['resolved', () => Promise.resolve(), false],
    ['rejected (already reported by run)', () => Promise.reject(new Error('x')), false]
  ])('the loop empties while the run is %s', async (_state, work, failed) => {
    const e = events()
    const fail = jest.fn()
    failIfExitingEarly(work(), e, fail)
    await new Promise(resolve => setImmediate(resolve))
    e.fire()
    expect(fail).toHaveBeenCalledTimes(failed ? 1 : 0)
    if (failed) expect(fail).toHaveBeenCalledWith(EXITED_EARLY)
  })
})

describe('the bundle', () => {
  const module = defineModule({ path: 'example.com/startup/first-answer-fails', version: 'v1.0.0' })
  let proxy: TestProxy
  beforeAll(async () => {
    proxy = await startProxy({ modules: [module] })
  })
  afterAll(async () => {
    await proxy.close()
  })

  test('the probe and the warm phase are chunks: a run that needs neither works with no chunk next to index.js', async () => {
    const dist = dirname(DIST_ENTRY)
    const chunks = readdirSync(dist).filter(name => /^\d+\.index\.js$/.test(name))
    expect(chunks.length).toBeGreaterThan(0)
    // undici (the probe's and the forwarder's HTTP client) is in a chunk, not in what every run evaluates.
    expect(readFileSync(DIST_ENTRY, 'utf8')).not.toMatch(/llhttp/)
    const copy = join(tempDir('bundle-without-chunks'), 'dist')
    cpSync(dist, copy, { recursive: true })
    for (const chunk of chunks) rmSync(join(copy, chunk))
    const env = goTestEnv(tempDir('action-job-'), { GOPROXY: undefined, GOSUMDB: undefined })
    const configured = await runAction({
      entry: join(copy, 'index.js'),
      inputs: { probe: 'false', warm: 'false', region: 'global' },
      env
    })
    expect(configured.stdout + configured.stderr).not.toMatch(/Cannot find module/)
    expect(configured.code).toBe(0)
    expect(configured.env.GOPROXY).toBe('https://proxy.golang.org,direct')
    const invalid = await runAction({ entry: join(copy, 'index.js'), inputs: { region: 'mars' }, env })
    expect(invalid.code).toBe(1)
    expect(invalid.stdout).toMatch(/Input 'region': "mars"/)
  })

  test.each<[mode: '502' | 'reset']>([['502'], ['reset']])(
    'the first probe answer fails (%s), `<proxy>,off`: the run exports a chain or fails, never exits 0 having done nothing',
    async mode => {
      proxy.setBehaviour({ failFirst: 1, failMode: mode })
      const root = tempDir('first-answer-fails')
      const app = join(root, 'app')
      writeProject(app, { requires: [module] })
      const run = await runAction({
        cwd: app,
        inputs: { proxies: `${proxy.url},off`, 'probe-module': module.path },
        env: goTestEnv(root),
        timeoutMs: 60_000
      })
      expect(run.killed).toBe(false)
      if (run.code === 0) {
        expect(run.env.GOPROXY).toBe(`${proxy.url},off`)
        expect(run.outputs['warm-seconds']).toBeDefined()
      } else {
        expect(run.code).toBe(1)
        expect(run.stdout).toMatch(/^::error::/m)
      }
    }
  )
})
