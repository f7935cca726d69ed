/**
 * Issue #18: go is started before the warm phase makes its prefetch plan. go needs some 100 ms of its own start-up
 * before its first request; the plan (go.mod and go.sum parsed, the files go will ask for) is made in that time and
 * then handed to the forwarder, instead of delaying go's start. The go run is replaced here by a recorder (this suite
 * is about the order of events, not what go does: warm.test.ts runs the real go), so the order is exact.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { RunOptions, RunResult } from '../../src/warm/run-go.js'

/** What happened, in order: the go runs and the warm phase's log lines. */
const events: string[] = []

jest.unstable_mockModule('../../src/warm/run-go.js', () => ({
  runWatched: (options: RunOptions): Promise<RunResult> => {
    events.push(`go started: ${options.args.join(' ')} (GOPROXY ${options.env.GOPROXY ? 'set' : 'unset'})`)
    return Promise.resolve({ code: 0, objects: [], stderr: '', ms: 1 })
  }
}))

const { warmModules } = await import('../../src/warm/warm.js')
const { startFetch } = await import('../../src/warm/fetch.js')
const { planPrefetch } = await import('../../src/warm/plan.js')
const { cleanupTempDirs, findGo } = await import('../support/go.js')
const { startProxy } = await import('../support/goproxy-server.js')
const { moduleSet } = await import('../support/modules.js')
const { chainOf, warmProject } = await import('./warm-helpers.js')

describe('the warm phase starts go before it plans the prefetch', () => {
  const modules = moduleSet(4, 'example.com/order')
  let proxy: Awaited<ReturnType<typeof startProxy>>
  beforeAll(async () => {
    proxy = await startProxy({ modules })
  })
  afterAll(async () => {
    await proxy.close()
    await cleanupTempDirs()
  })

  it('logs the plan (and its notes) only after go was started, and still prefetches the whole plan', async () => {
    events.length = 0
    const { options, log } = warmProject('order', findGo(), chainOf([[proxy.url]]), modules, {})
    // A malformed go.sum line gives the plan a note: it must come after go's start too.
    const goSum = join(options.cwd, 'app', 'go.sum')
    writeFileSync(goSum, `${readFileSync(goSum, 'utf8')}not a go.sum line\n`)
    const logged = { ...log, info: (m: string) => (events.push(`info: ${m}`), log.info(m)) }
    const report = await warmModules({ ...options, log: logged })

    const goAt = events.findIndex(e => e.startsWith('go started: mod download -json (GOPROXY set)'))
    const noteAt = events.findIndex(e => /^info: Prefetch: .*go\.sum line \d+ skipped/.test(e))
    const warmingAt = events.findIndex(e => /^info: Warming the module cache .*prefetching 12 files/.test(e))
    expect(goAt).toBeGreaterThanOrEqual(0)
    expect(noteAt).toBeGreaterThan(goAt)
    expect(warmingAt).toBeGreaterThan(goAt)
    // The plan reached the forwarder all the same: 4 modules × .mod, .info, .zip.
    expect(report.prefetch?.planned).toBe(12)
  })

  it("hands an empty module cache's whole plan to the forwarder at once: queued before queue() returns", async () => {
    const { options, app } = warmProject('order-queue', findGo(), chainOf([[proxy.url]]), modules, {})
    const texts = {
      label: 'app',
      goMods: [readFileSync(join(app, 'go.mod'), 'utf8')],
      goSums: [readFileSync(join(app, 'go.sum'), 'utf8')]
    }
    const plan = planPrefetch([texts], { goprivate: '', gonoproxy: '' })
    expect(plan.files).toHaveLength(12)
    // GOMODCACHE from the environment (a fresh one: no cache/download yet).
    const fetch = await startFetch(options, Promise.resolve(options.env.GOMODCACHE), 4, Date.now())
    try {
      fetch.queue(plan.files)
      // No await in between: the plan is on the forwarder before go's first request can be handled.
      expect(fetch.forwarder?.prefetchStats()?.planned).toBe(12)
    } finally {
      const report = await fetch.close()
      expect(report).toMatchObject({ planned: 12, cached: 0 })
    }
  })
})
