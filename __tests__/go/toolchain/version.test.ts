/** Go version order (against gover's own test tables), go-version requests, makeSemver and version picking. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  compareGoVersions,
  goVersionLine,
  isReleaseVersion,
  makeSemver,
  parseGoVersion,
  parseVersionRequest,
  pickVersion,
  versionMatches,
  type VersionRequest
} from '../../../src/go/toolchain/version.js'
import { toolCacheEntry } from '../../../src/install/tool-cache.js'
import { inputError } from '../../support/input-error.js'
import { HOST_GOROOT } from '../../support/toolchain-zip.js'

describe("gover's own tables (read from the installed Go source)", () => {
  const source = readFileSync(join(HOST_GOROOT, 'src', 'internal', 'gover', 'gover_test.go'), 'utf8')
  const table = (name: string): string => {
    const start = source.indexOf(`var ${name} = `)
    expect(start).toBeGreaterThan(-1)
    return source.slice(start, source.indexOf('\n}\n', start))
  }
  const compareCases = [...table('compareTests').matchAll(/\{"([^"]*)", "([^"]*)", (-?\d)\}/g)].map(
    m => [m[1], m[2], Number(m[3])] as const
  )
  const parseCases = [
    ...table('parseTests').matchAll(/\{"([^"]*)", Version\{"([^"]*)", "([^"]*)", "([^"]*)", "([^"]*)", "([^"]*)"\}\}/g)
  ].map(m => [m[1], { major: m[2], minor: m[3], patch: m[4], kind: m[5], pre: m[6] }] as const)

  test('the tables were found', () => {
    expect(compareCases.length).toBeGreaterThan(20)
    expect(parseCases.length).toBeGreaterThan(10)
  })

  test.each(compareCases)('Compare(%j, %j) = %d', (x, y, want) => {
    expect(compareGoVersions(x, y)).toBe(want)
    expect(compareGoVersions(y, x)).toBe(-want || 0)
  })

  test.each(parseCases)('Parse(%j)', (text, want) => {
    expect(parseGoVersion(text)).toEqual(want)
  })
})

describe('parseGoVersion rejects what gover rejects', () => {
  test.each(['', 'x', '1.', '1.2.', '01.2', '1.02', '1.2.03', '1.21rc1.2', '1.21.1rc1', '1.21RC1', 'go1.21', ' 1.21'])(
    '%j',
    text => {
      expect(parseGoVersion(text)).toBeUndefined()
    }
  )
})

test.each([
  ['1.21.0', true],
  ['1.23.5', true],
  ['1.21', false],
  ['1.21rc1', false],
  ['1.20', false], // a 1.20.0 to gover, but written as the language version
  ['1', false]
])('isReleaseVersion(%j) = %j', (v, want) => {
  expect(isReleaseVersion(v)).toBe(want)
})

test.each([
  ['1.23.5', '1.23'],
  ['1.23rc1', '1.23'],
  ['1.23', '1.23']
])('goVersionLine(%j) = %j', (v, want) => {
  expect(goVersionLine(v)).toBe(want)
})

describe("makeSemver, as actions/setup-go's", () => {
  test.each([
    ['1.22', '1.22.0'],
    ['1.22.0', '1.22.0'],
    ['1.23.5', '1.23.5'],
    ['go1.23.5', '1.23.5'],
    ['1.21rc1', '1.21.0-rc.1'],
    ['1.22beta1', '1.22.0-beta.1'],
    ['1.13', '1.13.0'],
    ['1.8.5', '1.8.5']
  ])('%j → %j', (v, want) => {
    expect(makeSemver(v)).toBe(want)
  })

  test('refuses a non-version', () => {
    expect(() => makeSemver('latest')).toThrow('"latest"')
  })

  test('tool-cache entry uses Node arch names', () => {
    expect(toolCacheEntry('1.21rc1', 'arm64')).toEqual({
      tool: 'go',
      version: '1.21.0-rc.1',
      arch: 'arm64',
      segments: ['go', '1.21.0-rc.1', 'arm64'],
      completeMarker: 'arm64.complete'
    })
    expect(toolCacheEntry('go1.23.5', 'x64').segments).toEqual(['go', '1.23.5', 'x64'])
    expect(() => toolCacheEntry('1.23.5', 'x86_64/..')).toThrow('x86_64')
  })
})

describe('parseVersionRequest', () => {
  test.each<[string, VersionRequest]>([
    ['1.23.5', { kind: 'exact', version: '1.23.5' }],
    [' 1.23.5\n', { kind: 'exact', version: '1.23.5' }],
    ['go1.23.5', { kind: 'exact', version: '1.23.5' }],
    ['1.21.0', { kind: 'exact', version: '1.21.0' }],
    ['1.23rc1', { kind: 'exact', version: '1.23rc1' }],
    ['1.22beta2', { kind: 'exact', version: '1.22beta2' }],
    ['1.23', { kind: 'line', line: '1.23' }],
    ['go1.23', { kind: 'line', line: '1.23' }],
    ['1.20', { kind: 'line', line: '1.20' }],
    ['1.19.13', { kind: 'exact', version: '1.19.13' }],
    ['stable', { kind: 'stable' }],
    ['oldstable', { kind: 'oldstable' }],
    ['>=1.22', { kind: 'range', range: '>=1.22' }],
    ['^1.22', { kind: 'range', range: '^1.22' }],
    ['~1.22.3', { kind: 'range', range: '~1.22.3' }],
    ['1.22.x', { kind: 'range', range: '1.22.x' }],
    ['>=1.22 <1.24', { kind: 'range', range: '>=1.22 <1.24' }],
    ['1', { kind: 'range', range: '1' }]
  ])('%j', (text, want) => {
    expect(parseVersionRequest(text)).toEqual(want)
  })

  test.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['latest', /"latest" is neither a Go version/],
    ['Stable', /"Stable" is neither/],
    ['1.23rc', /prereleases are written like 1.23rc1/],
    ['1.23rc0', /prereleases are written like 1.23rc1/],
    ['1.23testing1', /prereleases are written like 1.23rc1/],
    ['go>=1.22', /"go>=1.22" is not a Go version/],
    ['gostable', /"gostable" is not a Go version/],
    ['1.23.5.1', /"1.23.5.1" is neither/],
    ['>=1.22 <', /is neither/]
  ])('%j is refused, naming the input and the value', (text, message) => {
    const error = inputError(() => parseVersionRequest(text))
    expect(error.input).toBe('go-version')
    expect(error.message).toMatch(message)
  })

  test('the input name can be a file and line', () => {
    expect(inputError(() => parseVersionRequest('banana', 'go-version-file (.go-version line 2)')).message).toMatch(
      /^Input 'go-version-file \(\.go-version line 2\)': "banana"/
    )
  })
})

describe('versionMatches and pickVersion', () => {
  const available = [
    '1.21rc2',
    '1.21.0',
    '1.21.13',
    '1.22rc1',
    '1.22.0',
    '1.22.9',
    '1.22.12',
    '1.23rc1',
    '1.23rc2',
    '1.23.0',
    '1.23.5',
    '1.24rc1'
  ]
  // Listed in no particular order, as a proxy may list them.
  const shuffled = [...available].reverse().concat(available.slice(0, 3))

  test.each<[string, string | undefined]>([
    ['1.23.5', '1.23.5'],
    ['1.23.4', undefined],
    ['1.23', '1.23.5'],
    ['1.22', '1.22.12'],
    ['1.24', undefined], // only a release candidate of 1.24 exists: a line never picks one
    ['1.23rc1', '1.23rc1'],
    ['1.24rc1', '1.24rc1'],
    ['stable', '1.23.5'],
    ['oldstable', '1.22.12'],
    ['>=1.22', '1.23.5'],
    ['^1.22', '1.23.5'],
    ['~1.22.0', '1.22.12'],
    ['1.22.x', '1.22.12'],
    ['<1.22', '1.21.13'],
    ['>=1.24.0-rc.1', '1.24rc1'],
    ['>=1.25', undefined],
    ['1.20', undefined]
  ])('%j picks %j', (text, want) => {
    expect(pickVersion(parseVersionRequest(text), shuffled)).toBe(want)
  })

  test('oldstable is the newest release of the line below the newest line with a release', () => {
    expect(pickVersion({ kind: 'oldstable' }, ['1.24rc1', '1.23.0', '1.21.3'])).toBe('1.21.3')
    expect(pickVersion({ kind: 'oldstable' }, ['1.23.0', '1.23.1'])).toBeUndefined()
    expect(pickVersion({ kind: 'stable' }, ['1.24rc1'])).toBeUndefined()
  })

  test('a range never matches a language version or a release candidate unless it names a prerelease', () => {
    const range = parseVersionRequest('>=1.21')
    expect(versionMatches(range, '1.22')).toBe(false)
    expect(versionMatches(range, '1.22.0')).toBe(true)
    expect(versionMatches(range, '1.22rc1')).toBe(false)
    expect(versionMatches(range, 'junk')).toBe(false)
    expect(versionMatches(parseVersionRequest('1.22'), '1.22rc1')).toBe(false)
    expect(versionMatches(parseVersionRequest('1.22'), '1.22')).toBe(false)
  })
})
