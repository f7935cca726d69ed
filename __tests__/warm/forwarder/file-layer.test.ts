/**
 * The prefetch's file:// layer with the real go command: go is given `file://<layer>,<forwarder>`, reads what the
 * prefetch placed there from disk without a request, a file that is not there falls through to the forwarder (as a
 * 404 would), and a prefetched file that does not match go.sum is refused by go's own verification exactly as a
 * proxy's answer would be. Loopback proxies only.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startForwarder, type Forwarder } from '../../../src/warm/forwarder/forwarder.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../../support/go.js'
import { startProxy, type TestProxy } from '../../support/goproxy-server.js'
import { defineModule, moduleSet, writeProject, type TestModule } from '../../support/modules.js'
import { startSumdb } from '../../support/sumdb-server.js'
import { captureLogger, chainOf, SUMDB_OFF } from '../warm-helpers.js'

// Throws with how to get go when there is none: this suite must fail, not skip, without it.
const go = findGo()
const goVersion = execFileSync(go, ['version'], { encoding: 'utf8' }).trim()

const modules = moduleSet(6, 'example.com/layer')
const files = (m: TestModule) => ['info', 'mod', 'zip'].map(kind => `${m.path}/@v/${m.version}.${kind}`)
const moduleFiles = (p: TestProxy) => p.requests.filter(r => r.kind === 'info' || r.kind === 'mod' || r.kind === 'zip')

let proxy: TestProxy
const forwarders: Forwarder[] = []
beforeAll(async () => {
  proxy = await startProxy({ modules })
})
afterAll(async () => {
  await Promise.all(forwarders.map(f => f.close()))
  await proxy.close()
  await cleanupTempDirs()
})

/** A forwarder with the prefetch on, `paths` prefetched to the end, and a project requiring every module. */
async function prefetched(paths: readonly string[]) {
  const root = tempDir('file-layer')
  const forwarder = await startForwarder({
    chain: chainOf([[proxy.url]]),
    sumdb: SUMDB_OFF,
    gonoproxy: '',
    gonosumdb: '',
    requestTimeoutMs: 5000,
    prefetch: { concurrency: 4, spoolParent: root },
    log: captureLogger()
  })
  forwarders.push(forwarder)
  forwarder.prefetch(paths)
  for (let i = 0; i < 400 && (forwarder.prefetchStats()?.prefetchedFiles ?? 0) < paths.length; i++)
    await new Promise(r => setTimeout(r, 25))
  expect(forwarder.prefetchStats()?.prefetchedFiles).toBe(paths.length)
  const app = join(root, 'app')
  writeProject(app, { requires: modules })
  const env = goTestEnv(root, { GOPROXY: forwarder.goproxy })
  const layer = fileURLToPath(forwarder.layerUrl!)
  return { forwarder, app, env, layer }
}

describe(`the prefetch's file:// layer (${goVersion})`, () => {
  it('go reads every prefetched file from disk: no request reaches the forwarder, each file went upstream once', async () => {
    const before = moduleFiles(proxy).length
    const { forwarder, app, env } = await prefetched(modules.flatMap(files))
    expect(forwarder.goproxy).toMatch(/^file:\/\/\/.+,http:\/\/127\.0\.0\.1:\d+\//)
    const run = await runGo(['mod', 'download'], { cwd: app, env, timeoutMs: 45_000, go })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(forwarder.progress().requests).toBe(0)
    expect(moduleFiles(proxy).length - before).toBe(3 * modules.length)
    const build = await runGo(['build', './...'], { cwd: app, env: { ...env, GOPROXY: 'off' }, timeoutMs: 60_000, go })
    expect(build.code).toBe(0)
  })

  it('a file not (yet) in the layer falls through to the forwarder, which fetches it', async () => {
    const [first, ...rest] = modules
    const { forwarder, app, env } = await prefetched(rest.flatMap(files))
    const run = await runGo(['mod', 'download', '-json'], { cwd: app, env, timeoutMs: 45_000, go })
    expect(run.code).toBe(0)
    // Only the three files of the module left out of the prefetch were asked of the forwarder.
    expect(forwarder.progress().requests).toBe(3)
    expect(run.stdout).toContain(`"Path": "${first.path}"`)
  })

  it.each([
    [
      'zip',
      (m: TestModule) => defineModule({ path: m.path, version: m.version, files: { 'x.go': 'package x\n' } }).zip
    ],
    ['mod', (m: TestModule) => Buffer.from(`module ${m.path}\n\ngo 1.22\n`)]
  ])(
    'a prefetched .%s that does not match go.sum is refused by go (SECURITY ERROR), not installed',
    async (kind, forged) => {
      const { app, env, layer } = await prefetched(modules.flatMap(files))
      const victim = modules[2]
      writeFileSync(join(layer, ...`${victim.path}/@v/${victim.version}.${kind}`.split('/')), forged(victim))
      const run = await runGo(['mod', 'download', '-json'], { cwd: app, env, timeoutMs: 45_000, go })
      expect(run.code).not.toBe(0)
      expect(run.stdout + run.stderr).toMatch(/checksum mismatch/)
      expect(run.stdout + run.stderr).toMatch(/SECURITY ERROR/)
      const cached = join(env.GOMODCACHE, ...victim.path.split('/'))
      expect(() => readdirSync(`${cached}@${victim.version}`)).toThrow()
    }
  )

  it('with no go.sum line, a forged prefetched zip is refused by the checksum database (SECURITY ERROR)', async () => {
    const db = await startSumdb({
      records: modules.map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
    })
    try {
      const { app, env, layer } = await prefetched(modules.flatMap(files))
      writeFileSync(join(app, 'go.sum'), '')
      const victim = modules[4]
      const forged = defineModule({ path: victim.path, version: victim.version, files: { 'y.go': 'package y\n' } })
      writeFileSync(join(layer, ...`${victim.path}/@v/${victim.version}.zip`.split('/')), forged.zip)
      const run = await runGo(['mod', 'download', '-json'], {
        cwd: app,
        env: { ...env, GOSUMDB: db.gosumdb, GOFLAGS: '-modcacherw -mod=mod' },
        timeoutMs: 45_000,
        go
      })
      expect(run.code).not.toBe(0)
      expect(run.stdout).toMatch(/verifying module: checksum mismatch[\s\S]*SECURITY ERROR[\s\S]*checksum server/)
      // The other modules were verified against the database too, and downloaded.
      expect(run.stdout.match(/"Zip": /g)?.length).toBe(modules.length - 1)
    } finally {
      await db.close()
    }
  })

  it('the layer is removed when the forwarder closes', async () => {
    const { forwarder, layer } = await prefetched(files(modules[0]))
    expect(readdirSync(layer)).not.toEqual([])
    forwarders.splice(forwarders.indexOf(forwarder), 1)
    await forwarder.close()
    expect(() => readdirSync(layer)).toThrow()
  })
})
