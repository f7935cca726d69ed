/**
 * Zips already in the module cache that go refused (src/warm/stale-zips.ts): removed, with any .ziphash, so the set's
 * next run fetches them from the proxy; a zip this phase downloaded, or a failure of another kind, is left alone.
 */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Diagnosis } from '../../src/warm/diagnose.js'
import type { WarmFailure } from '../../src/warm/judge.js'
import { isChecksumMismatch, removeStaleZips } from '../../src/warm/stale-zips.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'

afterAll(() => cleanupTempDirs())

const failure = (path: string, version: string, kind: Diagnosis['kind']): WarmFailure => ({
  path,
  version,
  error: `verifying ${path}@${version}: ...`,
  diagnosis: { kind, transient: false, message: '' } as Diagnosis,
  directory: '.'
})

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
  const gomodcache = tempDir('stale-zips-')
  const started = Date.now() - 1000
  const restored = zipIn(gomodcache, 'example.com/!upper/a', 'v1.0.0', 60_000)
  const fresh = zipIn(gomodcache, 'example.com/b', 'v1.0.0', 0)
  const missing = zipIn(gomodcache, 'example.com/c', 'v1.0.0', 60_000)
  const removed = await removeStaleZips(
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
    await removeStaleZips([failure('example.com/Upper/a', 'v1.0.0', 'checksum-mismatch-gosum')], undefined, started)
  ).toEqual([])
})
