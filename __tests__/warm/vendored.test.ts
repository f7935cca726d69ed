/**
 * Defect 6: a vendored project (a vendor/modules.txt consistent with go.mod, so go builds from vendor/ and never
 * reads the module cache) needs no warm phase: the action skips it with a one-line notice saying why, unless
 * `warm-vendored: true` asks to warm anyway. A project that keeps its module file as vendor.mod and has no go.mod
 * (moby's layout) gets that reason instead of a bare "nothing to download".
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanupTempDirs, goTestEnv, goVersionOf, runGo, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject, type TestModule } from '../support/modules.js'
import { runAction } from '../support/run-action.js'

const dep = defineModule({ path: 'example.com/vendored/dep', version: 'v1.0.0' })

/** vendor/ as `go mod vendor` writes it for `requires` (the default package of each module). */
function vendor(app: string, requires: readonly TestModule[], consistent = true): void {
  const lines: string[] = []
  for (const m of requires) {
    lines.push(`# ${m.path} ${consistent ? m.version : 'v0.9.0'}`, '## explicit; go 1.21', m.path)
    const dir = join(app, 'vendor', ...m.path.split('/'))
    mkdirSync(dir, { recursive: true })
    for (const [name, text] of Object.entries(m.files)) if (name.endsWith('.go')) writeFileSync(join(dir, name), text)
  }
  writeFileSync(join(app, 'vendor', 'modules.txt'), `${lines.join('\n')}\n`)
}

describe(`vendored projects (real ${goVersionOf()})`, () => {
  let proxy: TestProxy
  beforeAll(async () => {
    proxy = await startProxy({ modules: [dep] })
  })
  afterAll(async () => {
    await proxy?.close()
    await cleanupTempDirs()
  })
  beforeEach(() => proxy.requests.splice(0))

  async function act(app: string, root: string, inputs: Record<string, string> = {}) {
    return runAction({
      inputs: { proxies: `${proxy.url},off`, sumdb: 'off', probe: 'false', 'working-directory': app, ...inputs },
      env: goTestEnv(root, { GOPROXY: undefined, GOSUMDB: undefined }),
      cwd: app,
      timeoutMs: 60_000
    })
  }

  test('a consistent vendor/modules.txt: go builds from vendor/ offline, and the action skips the warm phase saying why', async () => {
    const root = tempDir('vendored')
    const app = join(root, 'app')
    writeProject(app, { requires: [dep] })
    vendor(app, [dep])
    const build = await runGo(['build', './...'], { cwd: app, env: goTestEnv(root, { GOFLAGS: '-modcacherw' }) })
    expect(build.stderr).toBe('')
    expect(build.code).toBe(0)

    const run = await act(app, root)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Warm phase skipped: .*vendor\/modules\.txt.*builds from vendor\/.*warm-vendored: true/)
    expect(run.stdout.split('\n').filter(line => /Warm phase skipped/.test(line))).toHaveLength(1)
    expect(proxy.requests.filter(r => r.kind !== 'list')).toEqual([])
  })

  test('warm-vendored: true warms it anyway', async () => {
    const root = tempDir('vendored-anyway')
    const app = join(root, 'app')
    writeProject(app, { requires: [dep] })
    vendor(app, [dep])
    const run = await act(app, root, { 'warm-vendored': 'true' })
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('Warm phase skipped')
    expect(proxy.requests.some(r => r.kind === 'zip')).toBe(true)
  })

  test('an inconsistent vendor/modules.txt (go would not use it) is warmed as usual', async () => {
    const root = tempDir('vendored-stale')
    const app = join(root, 'app')
    writeProject(app, { requires: [dep] })
    vendor(app, [dep], false)
    const run = await act(app, root)
    expect(run.stdout).not.toContain('Warm phase skipped')
    expect(proxy.requests.some(r => r.kind === 'mod')).toBe(true)
  })

  test('vendor.mod and no go.mod: the reason is given, not a bare "nothing to download"', async () => {
    const root = tempDir('vendor-mod')
    const app = join(root, 'app')
    writeProject(app, { requires: [dep] })
    vendor(app, [dep])
    renameSync(join(app, 'go.mod'), join(app, 'vendor.mod'))
    renameSync(join(app, 'go.sum'), join(app, 'vendor.sum'))
    const run = await act(app, root)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/vendor\.mod.*no go\.mod.*-modfile=vendor\.mod/)
    expect(proxy.requests).toEqual([])
  })
})
