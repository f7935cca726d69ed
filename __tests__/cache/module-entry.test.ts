/**
 * What the modules entry holds (src/cache/policy.ts MODULE_ENTRY_SUFFIXES, phase.ts moduleEntryPaths): of
 * `$GOMODCACHE/cache/download`, each version's .info, .mod and .zip; not its .ziphash (go then hashes a restored zip
 * when it first uses it), go's .lock files, the `@v/list` answers nor the checksum database's cache (sumdb/). The post step saves through the same paths the restore names (the library
 * derives the entry's version from them), and a later job gets back exactly the kept files.
 *
 * The real @actions/cache against Azurite; the loopback stand-in for GitHub's cache-service API (that API exists only
 * on GitHub). The tree is laid out as go lays out its download cache (cmd/go/internal/modfetch/cache.go).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { listFiles } from '../../src/cache/files.js'
import { restoreCaches, saveCaches } from '../../src/cache/phase.js'
import { silentLogger } from '../../src/host/logger.js'
import { startCachePhaseBed, testRestoreOptions, type CachePhaseBed } from '../support/cache-phase.js'
import { cleanupTempDirs, findGo } from '../support/go.js'
import { defineModule, goSumLines } from '../support/modules.js'

const a = defineModule({ path: 'example.com/a', version: 'v1.0.0' })
/** The files and what go writes in them (a real zip, its hash). */
const CONTENT: Record<string, string | Uint8Array> = {
  'example.com/a/@v/v1.0.0.info': a.info,
  'example.com/a/@v/v1.0.0.mod': a.mod,
  'example.com/a/@v/v1.0.0.zip': a.zip,
  'example.com/a/@v/v1.0.0.ziphash': a.sum,
  'example.com/!upper/b/@v/v0.2.0.mod': 'module example.com/Upper/b\n',
  'example.com/a/@v/v1.0.0.lock': '',
  'example.com/a/@v/list': 'v1.0.0\n',
  'example.com/!upper/b/@v/list.lock': '',
  'sumdb/sum.golang.org/lookup/example.com/a@v1.0.0': '1\nexample.com/a v1.0.0 h1:...\n',
  'sumdb/sum.golang.org/tile/8/0/001': 'tile'
}
const KEPT = Object.keys(CONTENT).filter(rel => /\.(info|mod|zip)$/.test(rel) && !rel.startsWith('sumdb/'))
const GO_SUM = `${goSumLines([a]).join('\n')}\n`

describe(`the modules entry: the files go needs offline, not its lock files nor version lists (real @actions/cache, Azurite, ${findGo()})`, () => {
  let bed: CachePhaseBed
  let project: string
  let env: Record<string, string>

  beforeAll(async () => {
    bed = await startCachePhaseBed('module-entry', 'module example.com/entry\n\ngo 1.21\n')
    ;({ project, env } = bed)
    writeFileSync(join(project, 'go.sum'), GO_SUM)
  }, 120_000)

  afterAll(async () => {
    await bed?.close()
    await cleanupTempDirs()
  })

  const download = () => join(env.GOMODCACHE, 'cache', 'download')
  const restore = () =>
    restoreCaches(testRestoreOptions({ parts: ['modules'], cwd: project, env, stateDir: bed.stateDir }))

  test('a cold job saves the kept files; the next job restores exactly those, and reports them', async () => {
    const cold = await restore()
    expect(cold?.modules?.kind).toBe('none')
    // What the job's go wrote meanwhile.
    for (const [rel, content] of Object.entries(CONTENT)) {
      mkdirSync(dirname(join(download(), rel)), { recursive: true })
      writeFileSync(join(download(), rel), content)
    }
    if (!cold) throw new Error('no cache phase')
    const [modules] = await saveCaches({ state: cold.state, jobStatus: 'success', log: silentLogger })
    expect(modules).toMatchObject({ part: 'modules', saved: true, files: KEPT.length })

    rmSync(env.GOMODCACHE, { recursive: true, force: true })
    const next = await restore()
    // go.sum records the zip: it stays (go hashes it when it uses it: no .ziphash came with it).
    expect(next?.modules).toMatchObject({ kind: 'exact', files: KEPT.length, zips: { kept: 1, removed: 0 } })
    expect((await listFiles(download())).map(f => f.path).sort()).toEqual([...KEPT].sort())
  }, 120_000)

  test('lock files and version lists are not a change: a job that adds nothing else does not store the modules again', async () => {
    // Another go.sum: the entry above is a partial hit.
    writeFileSync(join(project, 'go.sum'), `${GO_SUM}example.com/Upper/b v0.2.0/go.mod h1:BBBB=\n`)
    rmSync(env.GOMODCACHE, { recursive: true, force: true })
    const partial = await restore()
    expect(partial?.modules?.kind).toBe('partial')
    // What a go command that only asked a proxy for versions leaves (`go list -m -versions`, an @latest query).
    mkdirSync(join(download(), 'example.com/c/@v'), { recursive: true })
    writeFileSync(join(download(), 'example.com/c/@v/list'), 'v0.1.0\n')
    writeFileSync(join(download(), 'example.com/c/@v/list.lock'), '')
    if (!partial) throw new Error('no cache phase')
    const [modules] = await saveCaches({ state: partial.state, jobStatus: 'success', log: silentLogger })
    expect(modules).toMatchObject({ part: 'modules', saved: false, reason: 'unchanged since the restore' })
  }, 120_000)
})
