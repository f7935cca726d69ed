/** The cache phase's log lines and summary tables: build and modules deltas, restored zips removed (src/cache/report.ts, pure). */
import {
  restoreLine,
  restoreTable,
  saveLine,
  saveTable,
  type RestoredPart,
  type SavedPart
} from '../../src/cache/report.js'

const base = 'setup-goproxy-build-Linux-amd64-go1.23.5-' + 'b'.repeat(32)
const delta = 'setup-goproxy-build-delta-Linux-amd64-go1.23.5-' + 'c'.repeat(16) + '-' + 'd'.repeat(32)
const restored: RestoredPart = {
  part: 'build',
  kind: 'partial',
  key: 'setup-goproxy-build-Linux-amd64-go1.23.5-',
  matchedKey: base,
  files: 300,
  bytes: 18 * 1024 * 1024
}

describe('modules deltas in the log and the summary', () => {
  const modulesBase = `setup-goproxy-modules-Linux-${'a'.repeat(32)}`
  const modulesDelta = `setup-goproxy-modules-delta-Linux-${'c'.repeat(16)}-${'e'.repeat(32)}`
  const exact: RestoredPart = {
    part: 'modules',
    kind: 'exact',
    key: `setup-goproxy-modules-Linux-${'e'.repeat(32)}`,
    matchedKey: modulesBase,
    delta: { key: modulesDelta, files: 3, bytes: 4096 },
    files: 603,
    bytes: 80 * 1024 * 1024
  }
  it('a base with the delta of this go.sum is an exact hit, and both keys are named', () => {
    expect(restoreLine(exact)).toBe(
      `Module cache: exact hit ${modulesBase} + delta ${modulesDelta} (3 files, 4.0 KiB) (603 files, 80.0 MiB on disk)`
    )
    expect(restoreTable([exact])).toContain(`| exact + delta | \`${modulesBase}\` + \`${modulesDelta}\` |`)
  })
  it('a saved delta names its base', () => {
    const saved: SavedPart = {
      part: 'modules',
      saved: true,
      key: modulesDelta,
      files: 3,
      bytes: 4096,
      deltaOf: modulesBase
    }
    expect(saveLine(saved)).toBe(`Module cache: saved delta ${modulesDelta} (3 files, 4.0 KiB) of base ${modulesBase}`)
    expect(saveTable([saved])).toContain(`| saved delta of \`${modulesBase}\` | \`${modulesDelta}\` |`)
  })
})

describe('build deltas in the log and the summary', () => {
  it.each([
    ['a base alone', restored, `Build cache: partial hit ${base} (300 files, 18.0 MiB on disk)`],
    [
      'a base and its delta',
      { ...restored, delta: { key: delta, files: 6, bytes: 51 * 1024 } },
      `Build cache: partial hit ${base} + delta ${delta} (6 files, 51.0 KiB) (300 files, 18.0 MiB on disk)`
    ],
    [
      'a base whose delta was given up',
      { ...restored, deltaProblem: 'The cache lookup did not finish within 15 s' },
      `Build cache: partial hit ${base} (its delta not restored: The cache lookup did not finish within 15 s) (300 files, 18.0 MiB on disk)`
    ]
  ])('restoreLine: %s', (_, part, line) => {
    expect(restoreLine(part)).toBe(line)
  })

  it('the restore table names the base and the delta', () => {
    expect(restoreTable([{ ...restored, delta: { key: delta, files: 6, bytes: 51 * 1024 } }])).toContain(
      `| build (\`GOCACHE\`) | partial + delta | \`${base}\` + \`${delta}\` | 300 files, 18.0 MiB |`
    )
  })

  const savedDelta: SavedPart = { part: 'build', saved: true, key: delta, files: 6, bytes: 51 * 1024, deltaOf: base }
  const savedFull: SavedPart = {
    part: 'build',
    saved: true,
    key: base,
    files: 700,
    bytes: 60 * 1024 * 1024,
    trimmed: { files: 0, bytes: 0 },
    fullBecause: 'the delta (40.0 MiB) is over 0.5× the 20.0 MiB kept from the base'
  }
  it.each([
    ['a delta', savedDelta, `Build cache: saved delta ${delta} (6 files, 51.0 KiB) of base ${base}`],
    [
      'a full entry after a base, and why',
      savedFull,
      `Build cache: saved ${base} (700 files, 60.0 MiB; 0 files, 0 B unused by this job left out; a full entry: the delta (40.0 MiB) is over 0.5× the 20.0 MiB kept from the base)`
    ]
  ])('saveLine: %s', (_, part, line) => {
    expect(saveLine(part)).toBe(line)
  })

  it('the save table says a delta of which base', () => {
    expect(saveTable([savedDelta])).toContain(
      `| build (\`GOCACHE\`) | saved delta of \`${base}\` | \`${delta}\` | 6 files, 51.0 KiB |`
    )
  })
})

describe('restored module zips go.sum does not record, in the log and the summary', () => {
  const key = 'setup-goproxy-modules-Linux-' + 'e'.repeat(32)
  const modules: RestoredPart = {
    part: 'modules',
    kind: 'partial',
    key: 'setup-goproxy-modules-Linux-' + 'f'.repeat(32),
    matchedKey: key,
    files: 600,
    bytes: 2 * 1024 * 1024,
    zips: { kept: 200, removed: 0 }
  }
  it.each([
    ['all recorded', modules, `Module cache: partial hit ${key} (600 files, 2.0 MiB on disk)`],
    [
      'some not',
      { ...modules, zips: { kept: 200, removed: 3 } },
      `Module cache: partial hit ${key} (600 files, 2.0 MiB on disk); 3 restored zip(s) not in this job's go.sum removed`
    ]
  ])('restoreLine: %s', (_, part, line) => {
    expect(restoreLine(part)).toBe(line)
  })

  it('the restore table says how many were removed', () => {
    expect(restoreTable([{ ...modules, zips: { kept: 200, removed: 3 } }])).toContain(
      '| partial; 3 zip(s) not in go.sum removed |'
    )
    expect(restoreTable([modules])).toContain('| partial |')
  })
})
