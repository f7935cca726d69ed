/**
 * What keeps the action's start cheap, and what keeps it honest:
 * - the probe, the warm phase and the Go install are chunks loaded on use: a run that needs none works with no
 *   chunk present;
 * - a run whose process runs out of work before it is done fails instead of exiting 0 (exit-guard.ts).
 */
import { jest } from '@jest/globals'
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { EXITED_EARLY, failIfExitingEarly, type ExitEvents } from '../../src/action/exit-guard.js'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { DIST_ENTRY, runAction, runPost } from '../support/run-action.js'

afterAll(cleanupTempDirs)

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

  // The cold start (issue #18): a run that neither probes nor warms never loads an HTTP stack. @actions/core's
  // entry and @actions/tool-cache import @actions/http-client, undici and tunnel (node:https, node:tls, zlib, http2)
  // at load: ~100 ms of the start. A preload writes the built-in modules the process loaded when it exits.
  test.each([
    ['go on PATH', true],
    ['no go on PATH (the tool-cache lookup runs)', false]
  ])('a run that only configures loads no HTTP client (%s)', async (_what, goOnPath) => {
    const dir = tempDir('loaded-modules')
    const preload = join(dir, 'loaded.mjs')
    const list = join(dir, 'loaded.txt')
    writeFileSync(
      preload,
      `import { writeFileSync } from 'node:fs'\nprocess.on('exit', () => writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')))\n`
    )
    const env = goTestEnv(tempDir('action-job-'), { GOPROXY: undefined, GOSUMDB: undefined })
    const run = await runAction({
      inputs: { probe: 'false', warm: 'false', region: 'global' },
      env: {
        ...env,
        ...(goOnPath ? {} : { PATH: '' }),
        RUNNER_TOOL_CACHE: tempDir('empty-tool-cache'),
        NODE_OPTIONS: `--import ${pathToFileURL(preload).href}`
      }
    })
    expect(run.code).toBe(0)
    expect(run.env.GOPROXY).toBe('https://proxy.golang.org,direct')
    const loaded = readFileSync(list, 'utf8').split('\n')
    expect(loaded).toContain('NativeModule fs')
    const httpStack = loaded.filter(name => /^NativeModule (https?|tls|zlib|_http_\w+|internal\/http2\/.*)$/.test(name))
    expect(httpStack).toEqual([])
  })

  // Off the main step's critical path (issue #18): the warm phase's file:// layer of prefetched files is left for
  // the post step, which removes it; a state entry naming anything else is not touched.
  test('the prefetch layer is removed by the post step, not by the main step', async () => {
    proxy.setBehaviour({})
    const root = tempDir('layer-left-for-post')
    const app = join(root, 'app')
    writeProject(app, { requires: [module] })
    const env = goTestEnv(root)
    const main = await runAction({
      cwd: app,
      inputs: { proxies: `${proxy.url},off`, 'probe-module': module.path },
      env,
      timeoutMs: 60_000
    })
    expect(main.code).toBe(0)
    expect(main.outputs.modules).toBe('1')
    const left = JSON.parse(main.state.leftovers) as string[]
    expect(left).toHaveLength(1)
    expect(dirname(left[0])).toBe(main.runnerTemp)
    expect(readdirSync(left[0]).length).toBeGreaterThan(0)
    const outside = tempDir('not-a-leftover')
    const post = await runPost(
      { ...main, state: { ...main.state, leftovers: JSON.stringify([...left, outside]) } },
      env
    )
    expect(post.code).toBe(0)
    expect(existsSync(left[0])).toBe(false)
    expect(existsSync(outside)).toBe(true)
  })

  test.each<[mode: '502' | 'reset']>([['502'], ['reset']])(
    'the first probe answer fails (%s), `<proxy>,off`: the probe asks again and the run exports the chain',
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
      // The probe asks again after the transient failure, so the run succeeds: it must not end (exit 0, or the
      // exit guard's failure) while waiting between the two requests with nothing else on the event loop.
      expect(run.killed).toBe(false)
      expect(run.stdout).not.toMatch(/^::error::/m)
      expect(run.code).toBe(0)
      expect(run.env.GOPROXY).toBe(`${proxy.url},off`)
      expect(run.outputs['warm-seconds']).toBeDefined()
    }
  )
})
