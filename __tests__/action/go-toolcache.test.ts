/**
 * The action's own tool-cache lookup (src/action/go-toolcache.ts) finds what @actions/tool-cache's find and
 * findAllVersions find (src/warm/find-go-toolcache.ts is built on them), on layouts like the ones actions/setup-go
 * leaves, and the odd ones it may: incomplete versions, another arch, names that are not versions.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { findGoInRunnerToolCache } from '../../src/action/go-toolcache.js'
import { findGoInToolCache } from '../../src/warm/find-go-toolcache.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'

afterAll(cleanupTempDirs)

const exe = process.platform === 'win32' ? 'go.exe' : 'go'

/** A version directory: `complete` writes the marker, `binary` the go binary, `arch` defaults to this machine's. */
interface Entry {
  name: string
  complete?: boolean
  binary?: boolean
  arch?: string
}

function toolCache(entries: readonly Entry[]): string {
  const cache = tempDir('toolcache')
  mkdirSync(join(cache, 'go'), { recursive: true })
  for (const { name, complete = true, binary = true, arch = os.arch() } of entries) {
    const dir = join(cache, 'go', name, arch)
    mkdirSync(join(dir, 'bin'), { recursive: true })
    if (binary) writeFileSync(join(dir, 'bin', exe), '')
    if (complete) writeFileSync(`${dir}.complete`, '')
  }
  return cache
}

describe('the newest complete Go of the runner tool cache, as @actions/tool-cache finds it', () => {
  // The last column: whether src/warm/find-go-toolcache.ts agrees. It compares pre-release tags as strings (rc.10
  // before rc.2); semver, which tool-cache and setup-go use, orders their numbers as numbers.
  test.each<[layout: string, entries: Entry[], expected: string | undefined, sameAsWarmLookup: boolean]>([
    ['setup-go versions', [{ name: '1.22.10' }, { name: '1.23.4' }, { name: '1.9.0' }], '1.23.4', true],
    [
      'a release beats its pre-release',
      [{ name: '1.23.0-rc.1' }, { name: '1.23.0' }, { name: '1.22.9' }],
      '1.23.0',
      true
    ],
    ['only pre-releases, numbered past 9', [{ name: '1.24.0-rc.2' }, { name: '1.24.0-rc.10' }], '1.24.0-rc.10', false],
    [
      'the newest is incomplete: the next one',
      [{ name: '1.23.4', complete: false }, { name: '1.22.10' }],
      '1.22.10',
      true
    ],
    ['the newest is another arch', [{ name: '1.23.4', arch: 'other-arch' }, { name: '1.21.13' }], '1.21.13', true],
    [
      'names that are not versions are ignored',
      [{ name: 'latest' }, { name: '1.22' }, { name: '1.20.14' }],
      '1.20.14',
      true
    ],
    [
      'the newest has no go binary: none, as before',
      [{ name: '1.23.4', binary: false }, { name: '1.22.1' }],
      undefined,
      true
    ],
    ['an empty go directory', [], undefined, true]
  ])('%s', (_layout, entries, expected, sameAsWarmLookup) => {
    const cache = toolCache(entries)
    const saved = process.env.RUNNER_TOOL_CACHE
    process.env.RUNNER_TOOL_CACHE = cache
    try {
      const found = findGoInRunnerToolCache({ RUNNER_TOOL_CACHE: cache })
      expect(found).toBe(expected && join(cache, 'go', expected, os.arch(), 'bin', exe))
      if (sameAsWarmLookup) expect(found).toBe(findGoInToolCache())
    } finally {
      if (saved === undefined) delete process.env.RUNNER_TOOL_CACHE
      else process.env.RUNNER_TOOL_CACHE = saved
    }
  })

  test('no RUNNER_TOOL_CACHE, or one without go: undefined', () => {
    expect(findGoInRunnerToolCache({})).toBeUndefined()
    expect(findGoInRunnerToolCache({ RUNNER_TOOL_CACHE: tempDir('empty-toolcache') })).toBeUndefined()
  })
})
