/**
 * The warm phase with the real go command and loopback proxies: it leaves a module cache from which the build needs
 * no network, survives flaky and stalling proxies within a few seconds and at most `retries` attempts, fails at once
 * with a diagnosis when retrying cannot help, and never hangs.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { warmModules, type WarmOptions, type WarmReport } from '../../src/warm/warm.js'
import { cleanupTempDirs, findGo, runGo } from '../support/go.js'
import { startBlackhole, startProxy, type Blackhole, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, moduleSet, writeProject } from '../support/modules.js'
import { createSumdb } from '../support/sumdb-server.js'
import { chainOf, warmProject } from './warm-helpers.js'

/** Catches a hang (go waits forever on a silent plain-http peer), never a loaded machine: below jest's 60 s timeout. */
const HANG_BOUND_MS = 45_000

const go = findGo()

const modules = moduleSet(6, 'example.com/warm')
const privateModule = defineModule({ path: 'example.com/private/lib', version: 'v0.3.0' })

/** A fresh module cache and project requiring `requires`; returns the options for warmModules. */
function setup(chain: WarmOptions['chain'], extra: Partial<WarmOptions> = {}, requires = modules) {
  return warmProject('warm', go, chain, requires, {}, extra)
}

const summary = (r: WarmReport) => ({ ok: r.ok, downloaded: r.downloaded, cached: r.cached, failed: r.failed.length })

describe('warmModules with the real go command', () => {
  const proxies: TestProxy[] = []
  let blackhole: Blackhole
  const proxy = async (behaviour: Parameters<typeof startProxy>[0] = {}) => {
    const p = await startProxy({ modules: [...modules, privateModule].filter(m => m !== privateModule), ...behaviour })
    proxies.push(p)
    return p
  }
  beforeAll(async () => {
    blackhole = await startBlackhole()
  })
  afterAll(async () => {
    await Promise.all([...proxies.map(p => p.close()), blackhole.close()])
    await cleanupTempDirs()
  })

  it('downloads the module set so that a build with GOPROXY=off succeeds, and a second run finds everything cached', async () => {
    const good = await proxy()
    const progress: Array<{ done: number; total?: number }> = []
    const { app, env, options } = setup(chainOf([[good.url]]), { onProgress: p => progress.push(p) })
    const first = await warmModules(options)
    expect(progress.at(-1)).toMatchObject({ done: 6, total: 6 })
    expect(summary(first)).toEqual({ ok: true, downloaded: 6, cached: 0, failed: 0 })
    expect(first).toMatchObject({ attempts: 1, directories: ['app'], chainChanged: false })

    const build = await runGo(['build', './...'], { cwd: app, env: { ...env, GOPROXY: 'off' }, timeoutMs: 60_000 })
    expect(build.stderr).toBe('')
    expect(build.code).toBe(0)

    const requests = good.requests.length
    const second = await warmModules(options)
    expect(summary(second)).toEqual({ ok: true, downloaded: 0, cached: 6, failed: 0 })
    expect(good.requests.length).toBe(requests)
  })

  it.each([
    ['502 answers', '502' as const],
    ['dropped connections', 'reset' as const]
  ])('survives a proxy whose first requests fail with %s, without a second go run', async (_name, failMode) => {
    const flaky = await proxy({ failFirst: 6, failMode })
    const { options } = setup(chainOf([[flaky.url]]))
    const report = await warmModules(options)
    expect(summary(report)).toEqual({ ok: true, downloaded: 6, cached: 0, failed: 0 })
    expect(report.attempts).toBe(1)
    expect(flaky.requests.filter(r => r.fault === 'failFirst')).toHaveLength(6)
  })

  it('survives a proxy that fails 30 % of requests at random within 3 attempts', async () => {
    const flaky = await proxy({ failRate: 0.3, seed: 7 })
    const { options } = setup(chainOf([[flaky.url]]))
    const report = await warmModules(options)
    expect(summary(report)).toEqual({ ok: true, downloaded: 6, cached: 0, failed: 0 })
    expect(report.attempts).toBeLessThanOrEqual(3)
    expect(flaky.requests.some(r => r.fault === 'failRate')).toBe(true)
  })

  it('gets past a proxy that stalls mid-body through the next "|" proxy in seconds, and drops the staller from the chain', async () => {
    const staller = await proxy({ stallMidBody: true })
    const good = await proxy()
    const chain = chainOf([
      [staller.url, '|'],
      [good.url, ',']
    ])
    const { options } = setup(chain)
    const started = Date.now()
    const report = await warmModules(options)
    expect(summary(report)).toEqual({ ok: true, downloaded: 6, cached: 0, failed: 0 })
    expect(report.attempts).toBe(1)
    // Without the forwarder and watchdog this never ends; the bound catches that, not a slow machine.
    expect(Date.now() - started).toBeLessThan(HANG_BOUND_MS)
    expect(report.chainChanged).toBe(true)
    expect(report.chain.proxies.map(p => p.url)).toEqual([good.url])
    expect(report.notes.join('\n')).toContain('Dropped')
    expect(staller.requests.some(r => r.fault === 'stallMidBody')).toBe(true)
  })

  it('fails at once on a zip that differs from go.sum: checksum diagnosis, one attempt, annotation on the go.mod', async () => {
    const evil = await proxy({ corruptZip: true, only: p => p.includes('/m002/') })
    const { options, log } = setup(chainOf([[evil.url]]))
    const report = await warmModules(options)
    expect(report.ok).toBe(false)
    expect(report.attempts).toBe(1)
    expect(report.failed).toHaveLength(1)
    expect(report.failed[0]).toMatchObject({
      path: 'example.com/warm/m002',
      version: 'v1.0.0',
      goMod: 'app/go.mod',
      directory: 'app',
      diagnosis: { kind: 'checksum-mismatch-gosum', transient: false }
    })
    expect(log.lines.some(l => l.startsWith('error(app/go.mod): ') && l.includes('go.sum'))).toBe(true)
  })

  it('points at `private:` for a module that every proxy answers 404 for, without retrying', async () => {
    const a = await proxy()
    const b = await proxy()
    const { options } = setup(
      chainOf([
        [a.url, '|'],
        [b.url, ',']
      ]),
      {},
      [modules[0], privateModule]
    )
    const report = await warmModules(options)
    expect(report.ok).toBe(false)
    expect(report.attempts).toBe(1)
    expect(report.failed[0]).toMatchObject({
      path: 'example.com/private/lib',
      diagnosis: { kind: 'not-found', suggestion: 'private: example.com' }
    })
    expect(report.failed[0].diagnosis.message).toContain('private: example.com')
  })

  it('gives up on a proxy that never answers within the retries, with a timeout diagnosis, in seconds', async () => {
    const { options } = setup(chainOf([[blackhole.url]]), { retries: 2, requestTimeoutMs: 300 })
    const started = Date.now()
    const report = await warmModules(options)
    expect(report.ok).toBe(false)
    expect(report.attempts).toBe(2)
    expect(report.failed[0].diagnosis).toMatchObject({ kind: 'timeout', transient: true })
    // Without the forwarder and watchdog this never ends; the bound catches that, not a slow machine.
    expect(Date.now() - started).toBeLessThan(HANG_BOUND_MS)
  })

  it('kills a go command that hangs outside the forwarder (a silent checksum database) and reports the stall', async () => {
    const good = await proxy()
    const sumdb = `${createSumdb({ name: 'sum.test.local' }).verifierKey} ${blackhole.url}`
    const { options, root } = setup(chainOf([[good.url]]), { retries: 2, stallSeconds: 2 })
    // No go.sum: go must ask the checksum database, which accepts the connection and never answers.
    writeProject(join(root, 'app'), { requires: modules.slice(0, 2), goSum: false })
    rmSync(join(root, 'app', 'go.sum'))
    options.env = { ...options.env, GOSUMDB: sumdb }
    const started = Date.now()
    const report = await warmModules(options)
    expect(report.ok).toBe(false)
    expect(report.attempts).toBe(2)
    expect(report.failed[0].diagnosis).toMatchObject({ kind: 'stalled', transient: true })
    // Without the forwarder and watchdog this never ends; the bound catches that, not a slow machine.
    expect(Date.now() - started).toBeLessThan(HANG_BOUND_MS)
  })
})
