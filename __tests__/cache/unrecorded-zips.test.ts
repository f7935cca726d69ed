/**
 * The restored zips this job's go.sum does not record, removed before go sees them (src/cache/unrecorded-zips.ts): real module
 * zips on disk, laid out as go lays out its download cache; nothing else is touched.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { listFiles } from '../../src/cache/files.js'
import { removeUnrecordedZips } from '../../src/cache/unrecorded-zips.js'
import { parseGoSum, recordedSums } from '../../src/go/modfile/gosum.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'
import { defineModule, escapeModulePath, goSumLines, type TestModule } from '../support/modules.js'

afterAll(() => cleanupTempDirs())

const recorded = defineModule({ path: 'example.com/recorded', version: 'v1.0.0' })
const upper = defineModule({ path: 'example.com/Upper/Case', version: 'v1.2.0' })
const earlier = defineModule({ path: 'example.com/recorded', version: 'v0.9.0' })
const goModOnly = defineModule({ path: 'example.com/graph-only', version: 'v1.0.0' })
const privateOne = defineModule({ path: 'git.corp.example/team/lib', version: 'v0.1.0' })

/** A module version's files as the entry brings them into cache/download (zip, mod, info). */
function place(download: string, m: TestModule): string {
  const dir = join(download, escapeModulePath(m.path), '@v')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${m.version}.zip`), m.zip)
  writeFileSync(join(dir, `${m.version}.mod`), m.mod)
  writeFileSync(join(dir, `${m.version}.info`), m.info)
  return `${escapeModulePath(m.path)}/@v/${m.version}`
}

test('a zip whose hash go.sum records stays; one it does not record goes, its .mod and .info stay', async () => {
  const download = tempDir('unrecorded-zips-')
  const kept = [place(download, recorded), place(download, upper)]
  const gone = [place(download, earlier), place(download, goModOnly), place(download, privateOne)]
  // go.sum: both hashes of the kept ones, only the go.mod hash of graph-only, nothing of the others.
  const text = [...goSumLines([recorded, upper]), `${goModOnly.path} ${goModOnly.version}/go.mod ${goModOnly.goModSum}`]
  const check = await removeUnrecordedZips(
    download,
    await listFiles(download),
    recordedSums([parseGoSum(text.join('\n'))])
  )
  expect(check).toEqual({ kept: 2, removed: 3 })
  const left = new Set((await listFiles(download)).map(f => f.path))
  for (const stem of kept) expect(left).toContain(`${stem}.zip`)
  for (const stem of gone) {
    expect(left).not.toContain(`${stem}.zip`)
    expect(left).toContain(`${stem}.mod`)
    expect(left).toContain(`${stem}.info`)
  }
}, 60_000)

test('only the zips given are judged (a self-hosted runner’s own zips are not the restore’s)', async () => {
  const download = tempDir('unrecorded-given-')
  const own = place(download, privateOne)
  const restored = place(download, earlier)
  const files = (await listFiles(download)).filter(f => f.path.startsWith(restored))
  expect(await removeUnrecordedZips(download, files, recordedSums([]))).toEqual({ kept: 0, removed: 1 })
  const left = new Set((await listFiles(download)).map(f => f.path))
  expect(left).toContain(`${own}.zip`)
  expect(left).not.toContain(`${restored}.zip`)
}, 60_000)
