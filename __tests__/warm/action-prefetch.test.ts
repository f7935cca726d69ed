/**
 * The bundled action end to end (spawned as the runner spawns it, the proxies in this process, so the action's event
 * loop holds only its own handles): the warm phase prefetches, the summary and the log say what it fetched, and a
 * proxy whose first answer fails (a flaky `,` proxy) still gets the job its environment and a warm cache.
 */
import { join } from 'node:path'
import { cleanupTempDirs, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { moduleSet, writeProject } from '../support/modules.js'
import { runAction } from '../support/run-action.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

const modules = moduleSet(12, 'example.com/act')

describe('the action warms through the prefetch (bundle, real go)', () => {
  const proxies: TestProxy[] = []
  let sumdb: SumdbServer
  beforeAll(async () => {
    sumdb = await startSumdb({
      records: modules.map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
    })
  })
  afterAll(async () => {
    await Promise.all([...proxies.map(p => p.close()), sumdb.close()])
    await cleanupTempDirs()
  })

  it.each([
    ['a healthy proxy', {}],
    // The probe's first list request fails: it pauses and asks again. That pause must keep the process alive.
    ['a proxy whose first answer is a 502', { failFirst: 1 }],
    ['a proxy whose first connection is dropped', { failFirst: 1, failMode: 'reset' as const }]
  ])('%s: exported, warmed, the summary has the prefetch figures, offline build', async (_name, behaviour) => {
    const proxy = await startProxy({ modules, ...behaviour })
    proxies.push(proxy)
    const root = tempDir('action-prefetch-')
    const project = join(root, 'app')
    writeProject(project, { requires: modules })
    const env = goTestEnv(root, { GOPROXY: undefined, GOSUMDB: undefined })
    const run = await runAction({
      inputs: {
        proxies: `${proxy.url},off`,
        sumdb: sumdb.gosumdb,
        'probe-module': modules[0].path,
        'working-directory': project
      },
      env,
      cwd: project,
      timeoutMs: 60_000
    })
    expect(run.stdout).not.toContain('::error::')
    expect(run.code).toBe(0)
    expect(run.env.GOPROXY).toBe(`${proxy.url},off`)
    expect(Number(run.outputs.modules)).toBe(modules.length)
    expect(run.stdout).toMatch(
      /Prefetch: 36 files \([\d.]+ MiB\) fetched ahead of go at concurrency 64, \d+ used by go, 0 unused/
    )
    expect(run.summary).toMatch(/Prefetch \(concurrency 64\): 36 files/)
    const files = proxy.requests.filter(r => r.kind === 'info' || r.kind === 'mod' || r.kind === 'zip')
    expect(new Set(files.map(r => r.path)).size).toBe(3 * modules.length)
    const build = await runGo(['build', './...'], { cwd: project, env: { ...env, ...run.env, GOPROXY: 'off' } })
    expect(build.stderr).toBe('')
    expect(build.code).toBe(0)
  })
})
