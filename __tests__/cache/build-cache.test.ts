/**
 * The build-cache trim against the real go: go refreshes an entry's mtime when it uses it, but only when that mtime
 * is more than an hour old (cmd/go/internal/cache, markUsed). So restored entries are set back past the hour; then
 * the entries a build uses carry a time after the step's start, and keeping exactly those is enough for the same
 * build to be fully cached again (no new output), while the entries of another build are left out.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setAside, setMtimes } from '../../src/cache/cache.js'
import { listFiles } from '../../src/cache/files.js'
import { compiledOutputs } from '../../src/cache/phase.js'
import { backdatedMtime, isBuildCacheEntry, newOutputs, trimPlan } from '../../src/cache/policy.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'

describe(`the build cache as go uses it (${findGo()})`, () => {
  let root: string
  let gocache: string
  let env: Record<string, string>
  beforeAll(() => {
    root = tempDir('build-cache-')
    gocache = join(root, 'gocache')
    env = goTestEnv(root, { GOCACHE: gocache, GOFLAGS: '-modcacherw' })
    for (const name of ['one', 'two']) {
      const dir = join(root, name)
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, 'go.mod'), `module example.com/${name}\n\ngo 1.21\n`)
      writeFileSync(
        join(dir, 'main.go'),
        `package main\n\nimport "${name === 'one' ? 'errors' : 'strconv'}"\n\nvar _ = ${name === 'one' ? 'errors.New' : 'strconv.Itoa'}\n\nfunc main() {}\n`
      )
    }
  })
  afterAll(cleanupTempDirs)

  const entries = async () => (await listFiles(gocache)).filter(f => isBuildCacheEntry(f.path))
  const build = async (name: string) => {
    const run = await runGo(['build', '-o', join(root, `${name}.bin`), '.'], { cwd: join(root, name), env })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
  }

  it('keeps what the build used since the start; the kept set alone rebuilds with no new output', async () => {
    await build('one')
    await build('two')
    const all = await entries()
    // As after a restore: every entry older than the start, set back past go's hour.
    await setMtimes(gocache, all, backdatedMtime(Date.now()))
    await new Promise(resolve => setTimeout(resolve, 20))
    const started = Date.now()
    await build('one')
    const { keep, drop } = trimPlan(await entries(), started)
    expect(keep.length).toBeGreaterThan(0)
    // The second program's own packages (strconv and what only it needs) were not used: they go.
    expect(drop.length).toBeGreaterThan(0)

    // Save only the kept entries (the rest set aside), then build again from them alone: nothing new is written.
    const putBack = await setAside(gocache, drop, `${gocache}.unused`)
    const kept = new Set(keep.map(e => e.path))
    await build('one')
    expect(newOutputs(await entries(), kept)).toEqual([])
    await putBack()
    expect((await entries()).length).toBeGreaterThanOrEqual(all.length)
  }, 300_000)

  it("go's index of the job's own package, written once its files are 2 s old, is not new build content", async () => {
    // A checkout followed at once by the build (files newer than go's 2 s cutoff): go writes no index for them.
    const cache = join(root, 'index-gocache')
    const indexEnv = { ...env, GOCACHE: cache }
    const source = join(root, 'one', 'main.go')
    const buildOne = async () => {
      const run = await runGo(['build', '-o', join(root, 'one.bin'), '.'], { cwd: join(root, 'one'), env: indexEnv })
      expect(run.code).toBe(0)
    }
    const soon = new Date(Date.now() + 600_000)
    utimesSync(source, soon, soon)
    await buildOne()
    const restored = (await listFiles(cache)).filter(f => isBuildCacheEntry(f.path))
    // The same sources, checked out earlier (as when setup steps ran before the build): go now indexes the package.
    const before = new Date(Date.now() - 600_000)
    utimesSync(source, before, before)
    await buildOne()
    const added = newOutputs(
      (await listFiles(cache)).filter(f => isBuildCacheEntry(f.path)),
      new Set(restored.map(e => e.path))
    )
    expect(added).toHaveLength(1)
    expect(await compiledOutputs(cache, added)).toEqual([])
  }, 300_000)

  it('without setting them back, entries restored less than an hour old are not refreshed by use (why we do)', async () => {
    // As restored from an archive saved a minute ago: tar gives the entries that mtime, and go leaves it.
    await setMtimes(gocache, await entries(), Date.now() - 60_000)
    const started = Date.now()
    await build('two')
    const { keep } = trimPlan(await entries(), started)
    expect(keep.filter(e => e.path.endsWith('-d'))).toEqual([])
  }, 300_000)
})
