/** The cache phase's pure policy: inputs, keys, restore kinds, the build-cache trim and the save decision. */
import { InputError } from '../../src/go/errors.js'
import {
  backdatedMtime,
  DELTA_MAX_FRACTION,
  buildDeltaPrefix,
  deltaStage,
  moduleDeltaPrefix,
  buildPrefix,
  deltaSavePlan,
  fingerprint,
  GO_CACHE_MTIME_INTERVAL_MS,
  isPackageIndex,
  newOutputs,
  isBuildCacheEntry,
  jobStatus,
  isModuleEntryFile,
  moduleKeys,
  parseCacheSettings,
  restoreKind,
  saveDecision,
  trimPlan,
  withModcacherw,
  type SaveFacts
} from '../../src/cache/policy.js'

describe('parseCacheSettings', () => {
  it.each([
    ['', undefined],
    ['false', undefined],
    ['true', ['modules', 'build']],
    ['TRUE', ['modules', 'build']],
    ['modules', ['modules']],
    ['build', ['build']],
    ['build, modules', ['modules', 'build']],
    ['modules\nbuild', ['modules', 'build']]
  ])('cache: %j → %j', (value, parts) => {
    expect(parseCacheSettings(value, '', '')?.parts).toEqual(parts)
  })

  it.each([
    ['cache', ['yes', '', '']],
    ['cache', ['modules,vendor', '', '']],
    ['cache-restore-only', ['true', 'sometimes', '']],
    ['cache-key-suffix', ['true', '', 'a,b']],
    ['cache-key-suffix', ['true', '', 'two words']],
    ['cache-key-suffix', ['true', '', 'x'.repeat(101)]]
  ])('a bad %s is an InputError naming it', (input, [cache, only, suffix]) => {
    let error: unknown
    try {
      parseCacheSettings(cache, only, suffix)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).input).toBe(input)
  })

  it('restore-only and the suffix', () => {
    expect(parseCacheSettings('true', 'true', ' ci-race ')).toEqual({
      parts: ['modules', 'build'],
      restoreOnly: true,
      keySuffix: 'ci-race'
    })
  })
})

describe('the files the modules entry keeps (relative to $GOMODCACHE/cache/download)', () => {
  it.each([
    ['github.com/spf13/cobra/@v/v1.8.1.zip', true],
    ['github.com/spf13/cobra/@v/v1.8.1.ziphash', false],
    ['github.com/spf13/cobra/@v/v1.8.1.mod', true],
    ['github.com/spf13/cobra/@v/v1.8.1.info', true],
    ['github.com/!burnt!sushi/toml/@v/v1.3.2.mod', true],
    ['sumdb/sum.golang.org/lookup/github.com/spf13/cobra@v1.8.1', false],
    ['sumdb/sum.golang.org/tile/8/0/x115/187.p/104', false],
    ['github.com/spf13/cobra/@v/v1.8.1.lock', false],
    ['github.com/spf13/cobra/@v/list', false],
    ['github.com/spf13/cobra/@v/list.lock', false],
    ['github.com/spf13/cobra/@v/v1.8.1.partial', false],
    ['github.com/spf13/cobra/@v/v1.8.1.tmp-123', false]
  ])('%s: %s', (rel, kept) => {
    expect(isModuleEntryFile(rel)).toBe(kept)
  })
})

describe('keys', () => {
  const context = { os: 'Linux', arch: 'amd64', goVersion: 'go1.23.5', keySuffix: '' }
  it('modules: OS and the go.sum hash; the prefix falls back to any go.sum of the same OS (and suffix)', () => {
    expect(moduleKeys(context, 'abc')).toEqual({
      key: 'setup-goproxy-modules-Linux-abc',
      prefix: 'setup-goproxy-modules-Linux-'
    })
    expect(moduleKeys({ ...context, keySuffix: 'race' }, 'abc').key).toBe('setup-goproxy-modules-Linux-race-abc')
  })
  it('build: OS, architecture and Go version', () => {
    expect(buildPrefix(context)).toBe('setup-goproxy-build-Linux-amd64-go1.23.5-')
    expect(buildPrefix({ ...context, arch: '386' })).not.toBe(buildPrefix(context))
  })
  it.each([
    ['k', undefined, 'none'],
    ['k', 'k', 'exact'],
    ['k', 'k-older', 'partial']
  ])('restoreKind(%s, %s) = %s', (key, matched, kind) => {
    expect(restoreKind(key, matched)).toBe(kind)
  })
  it('fingerprint is order-independent and changes with the set', () => {
    expect(fingerprint(['b', 'a'])).toBe(fingerprint(['a', 'b']))
    expect(fingerprint(['a'])).not.toBe(fingerprint(['a', 'b']))
  })
})

describe('modules deltas', () => {
  const context = { os: 'Linux', keySuffix: '' }
  const base = `setup-goproxy-modules-Linux-${'c'.repeat(32)}`

  it('the delta prefix names its base (a short hash of its key), OS and suffix; a delta key adds the go.sum hash', () => {
    expect(moduleDeltaPrefix(context, base)).toMatch(/^setup-goproxy-modules-delta-Linux-[0-9a-f]{16}-$/)
    expect(moduleDeltaPrefix(context, base)).toBe(moduleDeltaPrefix(context, base))
    expect(moduleDeltaPrefix(context, `${base}0`)).not.toBe(moduleDeltaPrefix(context, base))
    expect(moduleDeltaPrefix({ ...context, keySuffix: 'race' }, base)).toMatch(
      /^setup-goproxy-modules-delta-Linux-race-[0-9a-f]{16}-$/
    )
    expect(moduleDeltaPrefix({ ...context, os: 'Windows' }, base)).not.toBe(moduleDeltaPrefix(context, base))
  })

  it.each([
    ['', ''],
    ['', 'race'],
    ['race', ''],
    ['race', 'race']
  ])('a base restore (suffix %j) never matches a delta (suffix %j): the delta prefix does not extend it', (a, b) => {
    const delta = `${moduleDeltaPrefix({ ...context, keySuffix: b }, base)}${'d'.repeat(32)}`
    expect(delta.startsWith(moduleKeys({ ...context, keySuffix: a }, '').prefix)).toBe(false)
  })

  it.each([
    ['/home/runner/go/pkg/mod', '/home/runner/go/pkg/mod-setup-goproxy-delta'],
    ['D:\\go\\pkg\\mod', 'D:\\go\\pkg\\mod-setup-goproxy-delta']
  ])('the stage of GOMODCACHE %s is its sibling %s', (gomodcache, stage) => {
    expect(deltaStage(gomodcache)).toBe(stage)
  })
})

describe('build deltas', () => {
  const context = { os: 'Linux', arch: 'amd64', goVersion: 'go1.23.5', keySuffix: '' }
  const base = 'setup-goproxy-build-Linux-amd64-go1.23.5-' + 'c'.repeat(32)

  it('the delta prefix names its base (a short hash of its key), OS, architecture, Go version and suffix', () => {
    expect(buildDeltaPrefix(context, base)).toMatch(/^setup-goproxy-build-delta-Linux-amd64-go1\.23\.5-[0-9a-f]{16}-$/)
    expect(buildDeltaPrefix(context, base)).toBe(buildDeltaPrefix(context, base))
    expect(buildDeltaPrefix(context, `${base}0`)).not.toBe(buildDeltaPrefix(context, base))
    expect(buildDeltaPrefix({ ...context, keySuffix: 'race' }, base)).toMatch(
      /^setup-goproxy-build-delta-Linux-amd64-go1\.23\.5-race-[0-9a-f]{16}-$/
    )
    expect(buildDeltaPrefix({ ...context, goVersion: 'go1.23.6' }, base)).not.toBe(buildDeltaPrefix(context, base))
  })

  it.each([
    ['', 'race'],
    ['race', ''],
    ['race', 'race']
  ])('a base restore (suffix %j) never matches a delta (suffix %j): the delta prefix does not extend it', (a, b) => {
    expect(
      buildDeltaPrefix({ ...context, keySuffix: b }, base).startsWith(buildPrefix({ ...context, keySuffix: a }))
    ).toBe(false)
  })

  it.each([
    ['/home/runner/.cache/go-build', '/home/runner/.cache/go-build-setup-goproxy-delta'],
    ['/home/runner/.cache/go-build/', '/home/runner/.cache/go-build-setup-goproxy-delta'],
    ['/Users/runner/Library/Caches/go-build', '/Users/runner/Library/Caches/go-build-setup-goproxy-delta'],
    ['D:\\go\\go-build', 'D:\\go\\go-build-setup-goproxy-delta'],
    [
      'C:\\Users\\runneradmin\\AppData\\Local\\go-build\\',
      'C:\\Users\\runneradmin\\AppData\\Local\\go-build-setup-goproxy-delta'
    ]
  ])('the stage of GOCACHE %s is its sibling %s', (gocache, stage) => {
    expect(deltaStage(gocache)).toBe(stage)
  })

  const KiB = 1024
  it.each([
    ['no base restored', { baseKey: undefined, baseKeptBytes: 0, deltaFiles: 3, deltaBytes: 50 * KiB }, 'full'],
    [
      'a few new outputs beside a large base',
      { baseKey: base, baseKeptBytes: 18 * 1024 * KiB, deltaFiles: 6, deltaBytes: 50 * KiB },
      'delta'
    ],
    [
      'exactly at the threshold',
      { baseKey: base, baseKeptBytes: 1000, deltaFiles: 1, deltaBytes: 1000 * DELTA_MAX_FRACTION },
      'delta'
    ],
    [
      'one byte over it',
      { baseKey: base, baseKeptBytes: 1000, deltaFiles: 1, deltaBytes: 1000 * DELTA_MAX_FRACTION + 1 },
      'full'
    ],
    ['the job used nothing of the base', { baseKey: base, baseKeptBytes: 0, deltaFiles: 2, deltaBytes: 10 }, 'full'],
    [
      'a delta larger than the base (net/http added to a small program)',
      { baseKey: base, baseKeptBytes: 34 * 1024 * KiB, deltaFiles: 400, deltaBytes: 53 * 1024 * KiB },
      'full'
    ],
    ['nothing beyond the base', { baseKey: base, baseKeptBytes: 1000, deltaFiles: 0, deltaBytes: 0 }, 'full']
  ] as const)('%s: %j → %s', (_, facts, kind) => {
    const plan = deltaSavePlan(facts)
    expect(plan.kind).toBe(kind)
    if (plan.kind === 'full') expect(plan.why).not.toBe('')
  })

  it('the threshold is a fraction of the base: a delta is a small part of the full entry it replaces', () => {
    expect(DELTA_MAX_FRACTION).toBeGreaterThan(0)
    expect(DELTA_MAX_FRACTION).toBeLessThanOrEqual(1)
  })
})

describe('the build-cache trim', () => {
  const hex = 'ab'.repeat(32)
  it.each([
    [`ab/${hex}-a`, true],
    [`ab/${hex}-d`, true],
    ['README', false],
    ['trim.txt', false],
    [`ab/${hex}-x`, false],
    [`fuzz/example.com/x/${hex}`, false]
  ])('isBuildCacheEntry(%s) = %s', (path, expected) => {
    expect(isBuildCacheEntry(path)).toBe(expected)
  })

  it('restored entries are set back past the hour in which go would not refresh them', () => {
    const now = Date.UTC(2026, 11, 7)
    expect(now - backdatedMtime(now)).toBeGreaterThan(GO_CACHE_MTIME_INTERVAL_MS)
  })

  it('keeps what was used or written since the start, drops the rest', () => {
    const entries = [
      { path: 'used', mtimeMs: 2000, size: 1 },
      { path: 'new', mtimeMs: 1000, size: 1 },
      { path: 'unused', mtimeMs: 999, size: 1 }
    ]
    const plan = trimPlan(entries, 1000)
    expect(plan.keep.map(e => e.path)).toEqual(['used', 'new'])
    expect(plan.drop.map(e => e.path)).toEqual(['unused'])
  })

  it.each([
    ['go index v2\n', true],
    ['go index', true],
    ['go inde', false],
    ['!<arch>\n__.PKGDEF', false],
    ['', false]
  ])('isPackageIndex(%j) is %s', (head, expected) => {
    expect(isPackageIndex(Buffer.from(head, 'latin1'))).toBe(expected)
  })

  it('only a new output (-d) counts as new build content, not a new action record alone', () => {
    const restored = new Set(['aa/x-a', 'aa/x-d'])
    const entry = (path: string) => ({ path, mtimeMs: 0, size: 1 })
    expect(newOutputs([entry('aa/x-a'), entry('aa/x-d'), entry('bb/y-a')], restored)).toEqual([])
    expect(newOutputs([entry('aa/x-d'), entry('bb/y-d'), entry('cc/z-a')], restored).map(e => e.path)).toEqual([
      'bb/y-d'
    ])
  })
})

describe('saveDecision', () => {
  const facts: SaveFacts = {
    part: 'modules',
    restored: 'partial',
    changed: true,
    restoreOnly: false,
    jobStatus: 'success'
  }
  it.each<[string, Partial<SaveFacts>, string | undefined]>([
    ['a changed set after a partial restore', {}, undefined],
    ['a failed job', { jobStatus: 'failure' }, 'the job did not succeed (job.status: failure)'],
    ['a cancelled job', { jobStatus: 'cancelled' }, 'the job did not succeed (job.status: cancelled)'],
    ['no job status (not the Actions runner)', { jobStatus: 'unknown' }, 'the job status is unknown'],
    ['restore-only', { restoreOnly: true }, 'cache-restore-only'],
    ['modules restored exactly', { restored: 'exact' }, 'restored on its exact key'],
    ['nothing changed', { changed: false }, 'unchanged since the restore']
  ])('%s', (_name, change, reason) => {
    const decision = saveDecision({ ...facts, ...change })
    if (reason === undefined) expect(decision).toEqual({ save: true })
    else expect(decision.save === false && decision.reason).toContain(reason)
  })
  it('the build entry is saved after an exact-looking restore when it changed (its key names its entries)', () => {
    expect(saveDecision({ ...facts, part: 'build', restored: 'exact' })).toEqual({ save: true })
  })
  it.each([
    ['success', 'success'],
    [' Failure ', 'failure'],
    ['cancelled', 'cancelled'],
    ['', 'unknown'],
    ['${{ job.status }}', 'unknown']
  ])('jobStatus(%j) = %s', (value, expected) => {
    expect(jobStatus(value)).toBe(expected)
  })
})

describe('withModcacherw', () => {
  it.each([
    [undefined, '-modcacherw'],
    ['', '-modcacherw'],
    ['-mod=mod', '-mod=mod -modcacherw'],
    ['-modcacherw', '-modcacherw'],
    ['--modcacherw=true -v', '--modcacherw=true -v']
  ])('%j → %j', (goflags, expected) => {
    expect(withModcacherw(goflags)).toBe(expected)
  })
})
