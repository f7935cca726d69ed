/**
 * Files already in the module cache that go refused (src/warm/stale-files.ts): a zip (removed with any .ziphash) or a
 * go.mod, so the set's next run fetches it from the proxy; a file this phase downloaded, or a failure of another kind,
 * is left alone.
 */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { diagnose, type Diagnosis } from '../../src/warm/diagnose.js'
import type { WarmFailure } from '../../src/warm/judge.js'
import { isChecksumMismatch, refusedFile, removeStaleFiles } from '../../src/warm/stale-files.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'

afterAll(() => cleanupTempDirs())

/** A failure as the judge makes it (the diagnosis of go's text about this module), of the given kind. */
function failure(path: string, version: string, kind: Diagnosis['kind'], file = ''): WarmFailure {
  const error = `verifying ${path}@${version}${file}: checksum mismatch`
  return { path, version, error, diagnosis: { ...diagnose(error, { module: path, version }), kind }, directory: '.' }
}

/** A zip (and .ziphash) in cache/download as go lays it out, written `ageMs` before now. */
function zipIn(gomodcache: string, escapedPath: string, version: string, ageMs: number): string {
  const dir = join(gomodcache, 'cache', 'download', ...escapedPath.split('/'), '@v')
  mkdirSync(dir, { recursive: true })
  const zip = join(dir, `${version}.zip`)
  writeFileSync(zip, 'zip')
  writeFileSync(`${zip}hash`, 'h1:x')
  const when = new Date(Date.now() - ageMs)
  utimesSync(zip, when, when)
  return zip
}

test.each<[Diagnosis['kind'], boolean]>([
  ['checksum-mismatch-gosum', true],
  ['checksum-mismatch-sumdb', true],
  ['not-found', false],
  ['server-error', false]
])('%s is a checksum mismatch: %s', (kind, mismatch) => {
  expect(isChecksumMismatch(failure('example.com/a', 'v1.0.0', kind))).toBe(mismatch)
})

test('a refused zip from before the phase goes (with its .ziphash); a fresh one and other failures stay', async () => {
  const gomodcache = tempDir('stale-files-')
  const started = Date.now() - 1000
  const restored = zipIn(gomodcache, 'example.com/!upper/a', 'v1.0.0', 60_000)
  const fresh = zipIn(gomodcache, 'example.com/b', 'v1.0.0', 0)
  const missing = zipIn(gomodcache, 'example.com/c', 'v1.0.0', 60_000)
  const removed = await removeStaleFiles(
    [
      failure('example.com/Upper/a', 'v1.0.0', 'checksum-mismatch-gosum'),
      failure('example.com/b', 'v1.0.0', 'checksum-mismatch-gosum'),
      failure('example.com/c', 'v1.0.0', 'not-found')
    ],
    gomodcache,
    started
  )
  expect(removed.map(f => f.path)).toEqual(['example.com/Upper/a'])
  expect(existsSync(restored)).toBe(false)
  expect(existsSync(`${restored}hash`)).toBe(false)
  expect(existsSync(fresh)).toBe(true)
  expect(existsSync(missing)).toBe(true)
  expect(
    await removeStaleFiles([failure('example.com/Upper/a', 'v1.0.0', 'checksum-mismatch-gosum')], undefined, started)
  ).toEqual([])
})

test.each<[string, string, 'mod' | 'zip']>([
  ['verifying example.com/a@v1.0.0/go.mod: checksum mismatch', 'example.com/a', 'mod'],
  ['verifying example.com/a@v1.0.0: checksum mismatch', 'example.com/a', 'zip'],
  ['go: example.com/a@v1.0.0: verifying module: checksum mismatch', 'example.com/a', 'zip'],
  // Another module's go.mod named in the text does not make this module's refused file its go.mod.
  ['verifying ab.example/x@v1.0.0/go.mod: checksum mismatch', 'b.example/x', 'zip']
])('%s: the refused file of %s is its %s', (error, path, kind) => {
  const refused = { ...failure(path, 'v1.0.0', 'checksum-mismatch-gosum'), error }
  const diagnosed = { ...refused, diagnosis: diagnose(error, { module: path, version: 'v1.0.0' }) }
  expect(isChecksumMismatch(diagnosed)).toBe(true)
  expect(refusedFile(diagnosed)).toBe(kind)
})

test('a refused go.mod from before the phase goes (its zip stays); a fresh one stays', async () => {
  const gomodcache = tempDir('stale-files-')
  const started = Date.now() - 1000
  const zip = zipIn(gomodcache, 'example.com/a', 'v1.0.0', 60_000)
  const mod = zip.replace(/\.zip$/, '.mod')
  writeFileSync(mod, 'module example.com/a // not what go.sum records\n')
  const old = new Date(Date.now() - 60_000)
  utimesSync(mod, old, old)
  const freshZip = zipIn(gomodcache, 'example.com/b', 'v1.0.0', 0)
  const freshMod = freshZip.replace(/\.zip$/, '.mod')
  writeFileSync(freshMod, 'module example.com/b\n')
  const removed = await removeStaleFiles(
    [
      failure('example.com/a', 'v1.0.0', 'checksum-mismatch-gosum', '/go.mod'),
      failure('example.com/b', 'v1.0.0', 'checksum-mismatch-gosum', '/go.mod')
    ],
    gomodcache,
    started
  )
  expect(removed.map(f => f.path)).toEqual(['example.com/a'])
  expect(existsSync(mod)).toBe(false)
  expect(existsSync(zip)).toBe(true)
  expect(existsSync(`${zip}hash`)).toBe(true)
  expect(existsSync(freshMod)).toBe(true)
})
