/**
 * The warm phase's prefetch with the real go command and loopback proxies: go is answered from the store, each
 * upstream is asked at most once per file, the chain's `,` / `|` semantics hold for the prefetch too, private
 * paths never leave for a proxy or the checksum database, go still verifies every byte, and stale go.sum lines
 * cost no zips.
 */
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { warmModules, type WarmOptions, type WarmReport } from '../../src/warm/warm.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startBlackhole, startProxy, type RequestLogEntry, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, goSumLines, moduleSet, writeProject, writeWorkspace } from '../support/modules.js'
import { createSumdb, startSumdb } from '../support/sumdb-server.js'
import { chainOf, planOf, warmProject } from './warm-helpers.js'

/** Catches a hang, never a loaded machine: below jest's 60 s timeout. */
const HANG_BOUND_MS = 45_000

// Throws with how to get go when there is none: these tests must fail, not skip, without it.
const go = findGo()

const modules = moduleSet(8, 'example.com/pre')
const privateModule = defineModule({ path: 'example.com/private/lib', version: 'v0.3.0' })

function setup(chain: WarmOptions['chain'], extra: Partial<WarmOptions> = {}, requires = modules) {
  return warmProject(
    'prefetch',
    go,
    chain,
    requires,
    { timeoutSeconds: 40, retries: 1, stallSeconds: 10, prefetchConcurrency: 8 },
    extra
  )
}

/** Paths asked for more than once. */
function repeated(requests: readonly RequestLogEntry[]): string[] {
  const seen = new Set<string>()
  const again = new Set<string>()
  for (const r of requests) (seen.has(r.path) ? again : seen).add(r.path)
  return [...again]
}

const protocolFiles = (p: TestProxy) =>
  p.requests.filter(r => r.kind === 'info' || r.kind === 'mod' || r.kind === 'zip')

describe('prefetch ahead of go (real go, loopback proxies)', () => {
  const proxies: TestProxy[] = []
  const proxy = async (behaviour: Parameters<typeof startProxy>[0] = {}) => {
    const p = await startProxy({ modules, ...behaviour })
    proxies.push(p)
    return p
  }
  afterAll(async () => {
    await Promise.all(proxies.map(p => p.close()))
    await cleanupTempDirs()
  })

  it('answers go from the store: offline build afterwards, every file asked upstream once, none unused', async () => {
    const good = await proxy({ latencyMs: 20 })
    const { app, env, options } = setup(chainOf([[good.url]]))
    const report = await warmModules(options)
    expect(report.ok).toBe(true)
    expect(report.downloaded).toBe(modules.length)
    const files = protocolFiles(good)
    // go ≥ 1.17 with a complete go.sum: .mod, .info and .zip of each required module, each fetched once.
    expect(files).toHaveLength(3 * modules.length)
    expect(repeated(good.requests)).toEqual([])
    const p = report.prefetch!
    expect(p).toMatchObject({ concurrency: 8, planned: 3 * modules.length, files: 3 * modules.length, unused: 0 })
    // Every file go needed came from the prefetch — read from the file:// layer without a request, or asked of the
    // forwarder and answered from the store (or joined its fetch) — or was asked by go before the prefetcher got to
    // it (overtaken): nothing fetched twice, nothing wasted.
    expect(p.served + p.overtaken).toBe(3 * modules.length)
    expect(p.fromDisk + p.goRequests).toBe(3 * modules.length)
    expect(p.fromDisk).toBeGreaterThan(0)
    expect(p.unusedBytes).toBe(0)

    const build = await runGo(['build', './...'], { cwd: app, env: { ...env, GOPROXY: 'off' }, timeoutMs: 60_000 })
    expect(build.stderr).toBe('')
    expect(build.code).toBe(0)

    // A second phase finds everything cached: the plan skips what the module cache holds, nothing goes upstream.
    const before = good.requests.length
    const again = await warmModules(options)
    expect(again).toMatchObject({ ok: true, cached: modules.length, downloaded: 0 })
    expect(again.prefetch).toMatchObject({ planned: 0, cached: 3 * modules.length, files: 0 })
    expect(good.requests.length).toBe(before)
  })

  it("matches go's requests for upper-case module paths (`!`-encoded, `%21` on the wire) to the prefetched files", async () => {
    const upper = [
      defineModule({ path: 'example.com/BigCo/Lib', version: 'v1.0.0' }),
      defineModule({ path: 'example.com/pre/Tools', version: 'v0.1.0-RC.1' })
    ]
    const good = await proxy({ modules: upper })
    const { options } = setup(chainOf([[good.url]]), {}, upper)
    const report = await warmModules(options)
    expect(report.ok).toBe(true)
    expect(report.prefetch).toMatchObject({ files: 6, unused: 0 })
    expect(report.prefetch!.served + report.prefetch!.overtaken).toBe(6)
    expect(repeated(good.requests)).toEqual([])
  })

  it('warm-concurrency 0 turns the prefetch off (go asks for everything itself)', async () => {
    const good = await proxy()
    const { options } = setup(chainOf([[good.url]]), { prefetchConcurrency: 0 })
    const report = await warmModules(options)
    expect(report.ok).toBe(true)
    expect(report.prefetch).toBeUndefined()
    expect(protocolFiles(good)).toHaveLength(3 * modules.length)
  })

  it.each([
    ['a gate answering 500 after ",": the prefetch does not skip it, and neither does go', ',' as const, false],
    ['a proxy answering 500 after "|": the next proxy serves everything, once per file', '|' as const, true]
  ])('%s', async (_name, separator, ok) => {
    const gate = await proxy({ status: 500 })
    const next = await proxy()
    const { options } = setup(
      chainOf([
        [gate.url, separator],
        [next.url, ',']
      ])
    )
    const report: WarmReport = await warmModules(options)
    expect(report.ok).toBe(ok)
    if (ok) {
      expect(protocolFiles(next)).toHaveLength(3 * modules.length)
      expect(repeated(next.requests)).toEqual([])
    } else {
      // After ",", only 404/410 fall through: nothing may reach the next proxy, from the prefetch or from go.
      expect(next.requests).toEqual([])
      expect(report.failed[0].diagnosis.kind).toBe('server-error')
      expect(report.prefetch!.files).toBe(0)
      expect(report.prefetch!.failed).toBeGreaterThan(0)
    }
  })

  it('falls through a 404 after "," to the next proxy for the prefetch as go would', async () => {
    const empty = await proxy({ modules: [] })
    const next = await proxy()
    const { options } = setup(
      chainOf([
        [empty.url, ','],
        [next.url, ',']
      ])
    )
    const report = await warmModules(options)
    expect(report.ok).toBe(true)
    expect(repeated(empty.requests)).toEqual([])
    expect(repeated(next.requests)).toEqual([])
    expect(report.prefetch).toMatchObject({ files: 3 * modules.length, unused: 0 })
  })

  it('times out a stalled upstream mid-prefetch and takes each file from the next "|" proxy', async () => {
    const staller = await proxy({ stallMidBody: true, only: p => p.endsWith('.zip') })
    const good = await proxy()
    const { options } = setup(
      chainOf([
        [staller.url, '|'],
        [good.url, ',']
      ]),
      { requestTimeoutMs: 500 }
    )
    const started = Date.now()
    const report = await warmModules(options)
    expect(report.ok).toBe(true)
    expect(Date.now() - started).toBeLessThan(HANG_BOUND_MS)
    expect(staller.requests.some(r => r.fault === 'stallMidBody')).toBe(true)
    expect(report.chain.proxies.map(p => p.url)).toEqual([good.url])
    expect(repeated(good.requests)).toEqual([])
  })

  it('still fails at once with the checksum diagnosis on a corrupt zip served from the store', async () => {
    const evil = await proxy({ corruptZip: true, only: p => p.includes('/m003/') })
    const { options } = setup(chainOf([[evil.url]]))
    const report = await warmModules(options)
    expect(report.ok).toBe(false)
    expect(report.attempts).toBe(1)
    expect(report.failed).toHaveLength(1)
    expect(report.failed[0]).toMatchObject({
      path: 'example.com/pre/m003',
      diagnosis: { kind: 'checksum-mismatch-gosum', transient: false }
    })
    // The bad zip reached go through the prefetch (the store does not judge bodies; go does).
    expect(evil.requests.filter(r => r.fault === 'corruptZip')).toHaveLength(1)
  })

  it('fetches no zip for stale go.sum lines, and reports their small .mod as unused', async () => {
    const stale = defineModule({ path: 'example.com/pre/old', version: 'v0.9.0' })
    const good = await proxy({ modules: [...modules, stale] })
    const { app, options } = setup(chainOf([[good.url]]))
    writeFileSync(join(app, 'go.sum'), `${[...goSumLines(modules), ...goSumLines([stale])].sort().join('\n')}\n`)
    const report = await warmModules(options)
    expect(report.ok).toBe(true)
    expect(good.requests.filter(r => r.module === stale.path && r.kind === 'zip')).toEqual([])
    expect(report.prefetch!.unused).toBeLessThanOrEqual(1)
    expect(report.prefetch!.unusedBytes).toBeLessThanOrEqual(stale.mod.length)
  })

  it('says so and prefetches nothing when there is no go.sum', async () => {
    const good = await proxy()
    const { root, log, options } = setup(chainOf([[good.url]]))
    writeProject(join(root, 'app'), { requires: modules.slice(0, 2), goSum: false })
    rmSync(join(root, 'app', 'go.sum'))
    const report = await warmModules({ ...options, env: { ...options.env, GONOSUMDB: 'example.com' } })
    expect(report.prefetch).toMatchObject({ planned: 0, files: 0 })
    expect(log.lines.join('\n')).toContain('no go.sum entries, so no prefetch plan')
  })

  it('follows replace directives: a local path is not fetched, a replacement module is fetched in place of the original', async () => {
    const [local, original] = [modules[2], modules[3]]
    const fork = defineModule({
      path: 'example.com/pre/fork',
      version: 'v1.0.0',
      goMod: `module ${original.path}\n\ngo 1.21\n`,
      files: { 'm003.go': 'package m003\n\nfunc Hello() string { return "the fork" }\n' }
    })
    const good = await proxy({ modules: [...modules, fork] })
    const { app, env, options } = setup(chainOf([[good.url]]))
    for (const [name, text] of Object.entries(local.files)) {
      mkdirSync(join(app, 'local'), { recursive: true })
      writeFileSync(join(app, 'local', name), text)
    }
    appendFileSync(
      join(app, 'go.mod'),
      `\nreplace ${local.path} => ./local\n\nreplace ${original.path} => ${fork.path} ${fork.version}\n`
    )
    const sums = goSumLines([...modules.filter(m => m !== local && m !== original), fork])
    writeFileSync(join(app, 'go.sum'), `${sums.join('\n')}\n`)

    const report = await warmModules(options)
    expect(report.ok).toBe(true)
    expect(good.requests.filter(r => r.module === local.path || r.module === original.path)).toEqual([])
    expect(protocolFiles(good).filter(r => r.module === fork.path)).toHaveLength(3)
    expect(repeated(good.requests)).toEqual([])
    expect(report.prefetch).toMatchObject({ files: 3 * (modules.length - 1), unused: 0 })
    const build = await runGo(['build', './...'], { cwd: app, env: { ...env, GOPROXY: 'off' }, timeoutMs: 60_000 })
    expect(build.stderr).toBe('')
    expect(build.code).toBe(0)
  })

  it('prefetches a workspace: every member module once', async () => {
    const good = await proxy()
    const root = tempDir('prefetch-work')
    writeWorkspace(root, [
      { dir: 'a', module: 'example.com/a', requires: modules.slice(0, 5) },
      { dir: 'b', module: 'example.com/b', requires: modules.slice(3) }
    ])
    const chain = chainOf([[good.url]])
    const report = await warmModules({
      ...setup(chain).options,
      directories: ['.'],
      cwd: root,
      env: goTestEnv(root)
    })
    expect(report.ok).toBe(true)
    expect(report.downloaded).toBe(modules.length)
    expect(repeated(good.requests)).toEqual([])
    expect(report.prefetch).toMatchObject({ files: 3 * modules.length, unused: 0 })
  })

  it("does not count the prefetch's own traffic as go's progress: a go stuck on a silent checksum database is killed", async () => {
    const blackhole = await startBlackhole()
    const slow = await proxy({ latencyMs: 500 })
    const { root, options } = setup(chainOf([[slow.url]]), { stallSeconds: 2, prefetchConcurrency: 1 })
    // m000 has no go.sum lines, so go asks the checksum database, which never answers; the rest is in go.sum, so
    // the plan holds 24 files (m000 is required, so planned too), one request at a time at 500 ms each: ~12 s.
    writeFileSync(join(root, 'app', 'go.sum'), `${goSumLines(modules.slice(1)).join('\n')}\n`)
    const sumdb = `${createSumdb({ name: 'sum.test.local' }).verifierKey} ${blackhole.url}`
    try {
      const report = await warmModules({ ...options, env: { ...options.env, GOSUMDB: sumdb } })
      expect(report.ok).toBe(false)
      expect(report.failed[0].diagnosis.kind).toBe('stalled')
      // Killed while the prefetch was still going (it is stopped with the phase), not after it had finished.
      const p = report.prefetch!
      expect(p.files + p.overtaken).toBeLessThan(p.planned)
    } finally {
      await blackhole.close()
    }
  })

  it('never sends a GONOPROXY path to the proxy or a GONOSUMDB path to the checksum database', async () => {
    const pattern = 'example.com/private'
    const sumdb = await startSumdb({
      records: [
        { path: modules[0].path, version: modules[0].version, h1: modules[0].sum, goModH1: modules[0].goModSum }
      ],
      audit: { private: pattern }
    })
    const watched = await proxy({ modules, audit: { role: 'public proxy', private: pattern } })
    const chain = chainOf([[watched.url]])
    // Public m000 has no go.sum lines, so go asks the checksum database for it; the private module's lines are there.
    const requires = [modules[0], modules[1], privateModule]
    const { root, options } = setup(
      chain,
      { plan: planOf(chain, { gonoproxy: pattern, gonosumdb: pattern }) },
      requires
    )
    writeFileSync(join(root, 'app', 'go.sum'), `${goSumLines([modules[1], privateModule]).join('\n')}\n`)
    const report = await warmModules({
      ...options,
      env: { ...options.env, GONOPROXY: pattern, GONOSUMDB: pattern, GOPRIVATE: pattern, GOSUMDB: sumdb.gosumdb }
    })
    await sumdb.close()
    // go fetches the private module directly (it cannot here); nothing about it reached the proxy or the database.
    expect(report.failed.map(f => f.path)).toEqual([privateModule.path])
    expect(watched.requests.filter(r => r.module?.startsWith(pattern))).toEqual([])
    expect(sumdb.requests.filter(r => r.path.includes('private'))).toEqual([])
    expect(protocolFiles(watched).filter(r => r.module === modules[1].path)).toHaveLength(3)
  })
})
