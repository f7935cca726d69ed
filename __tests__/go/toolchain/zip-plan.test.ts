/** The pure checks on toolchain zip entries, go.mod restoration order and exec paths. */
import {
  goModRestorations,
  isExecutablePath,
  MAX_TOOLCHAIN_UNCOMPRESSED_BYTES,
  planToolchainExtraction,
  ToolchainZipError,
  type ZipEntryInfo
} from '../../../src/go/toolchain/zip-plan.js'
import { createHash } from 'node:crypto'
import { hash1 as dirHash1 } from '../../../src/go/sumdb/dirhash.js'
import { hash1 } from '../../support/modules.js'

const v = 'v0.0.1-go1.23.5.linux-amd64'
const p = `golang.org/toolchain@${v}/`
const file = (name: string, uncompressedSize = 1, unixMode = 0o100644): ZipEntryInfo => ({
  name,
  unixMode,
  uncompressedSize
})
const base = [file(p + 'VERSION'), file(p + 'bin/go'), file(p + 'src/_go.mod')]

function refusal(entries: ZipEntryInfo[], moduleVersion = v): ToolchainZipError {
  try {
    planToolchainExtraction(entries, moduleVersion)
  } catch (error) {
    if (error instanceof ToolchainZipError) return error
    throw error
  }
  throw new Error('expected a ToolchainZipError')
}

test('a good zip gives GOROOT-relative paths, skipping directory entries', () => {
  const plan = planToolchainExtraction(
    [file(p, 0, 0o040755), file(p + 'src/', 0, 0o040755), ...base, file(p + 'misc/x', 1, 0)],
    v
  )
  expect(plan).toEqual([
    { entryIndex: 2, path: 'VERSION' },
    { entryIndex: 3, path: 'bin/go' },
    { entryIndex: 4, path: 'src/_go.mod' },
    { entryIndex: 5, path: 'misc/x' }
  ])
})

test.each<[string, ZipEntryInfo[], RegExp]>([
  ['another version', [...base, file('golang.org/toolchain@v0.0.1-go1.23.4.linux-amd64/x')], /module prefix/],
  ['another module', [...base, file('golang.org/x/mod@v0.1.0/x')], /module prefix/],
  ['the prefix without a slash', [...base, file(p.slice(0, -1))], /module prefix/],
  ['the prefix as a file', [...base, file(p)], /empty file name/],
  ['a backslash', [...base, file(p + 'src\\x')], /backslash/],
  ['an absolute path', [...base, file(p + '/etc/passwd')], /empty path element|absolute/],
  ['a drive letter', [...base, file(p + 'C:/x')], /absolute/],
  ['..', [...base, file(p + 'src/../../x')], /"\.\." path element/],
  ['.', [...base, file(p + 'src/./x')], /"\." path element/],
  ['an empty element', [...base, file(p + 'src//x')], /empty path element/],
  ['a control character', [...base, file(p + 'src/x\ny')], /control character/],
  ['a duplicate', [...base, file(p + 'VERSION')], /duplicate/],
  ['a duplicate directory', [file(p + 'src/', 0), file(p + 'src/', 0), ...base], /duplicate/],
  ['a case collision', [...base, file(p + 'Bin/go')], /collides with "bin\/go"/],
  ['a symlink', [...base, file(p + 'bin/gofmt', 5, 0o120777)], /symbolic link/],
  ['a device', [...base, file(p + 'dev', 0, 0o020644)], /not a regular file/],
  ['a directory mode on a file name', [...base, file(p + 'd', 0, 0o040755)], /directory without a trailing slash/],
  ['a nested go.mod', [...base, file(p + 'src/cmd/go.mod')], /go\.mod/],
  ['a root go.mod', [...base, file(p + 'go.mod')], /go\.mod/],
  [
    'a file used as a directory',
    [...base, file(p + 'VERSION/x')],
    /"golang.org\/toolchain@.*\/VERSION" is a file and a directory/
  ],
  ['too large', [...base, file(p + 'big', MAX_TOOLCHAIN_UNCOMPRESSED_BYTES)], /uncompressed size/],
  ['no bin/go', [file(p + 'VERSION')], /has no bin\/go$/]
])('refuses %s', (_what, entries, message) => {
  const error = refusal(entries)
  expect(error.message).toMatch(message)
  expect(error.message).toContain(`golang.org/toolchain@${v}`)
})

test('a windows toolchain needs bin/go.exe', () => {
  const w = 'v0.0.1-go1.22.0.windows-amd64'
  const wp = `golang.org/toolchain@${w}/`
  expect(refusal([file(wp + 'bin/go')], w).message).toMatch(/has no bin\/go\.exe/)
  expect(planToolchainExtraction([file(wp + 'bin/go.exe')], w)).toHaveLength(1)
})

test('the size limit counts the whole zip', () => {
  const half = MAX_TOOLCHAIN_UNCOMPRESSED_BYTES / 2
  expect(planToolchainExtraction([...base, file(p + 'a', half - 3)], v)).toHaveLength(4)
  expect(refusal([...base, file(p + 'a', half), file(p + 'b', half)]).entry).toBe(p + 'b')
})

test('go.mod restorations come with src/go.mod last', () => {
  const plan = ['src/_go.mod', 'src/cmd/_go.mod', '_go.mod', 'src/cmd/vendor/x/_go.mod', 'src/x_go.mod'].map(
    (path, entryIndex) => ({ entryIndex, path })
  )
  expect(goModRestorations(plan)).toEqual([
    { from: 'src/cmd/_go.mod', to: 'src/cmd/go.mod' },
    { from: '_go.mod', to: 'go.mod' },
    { from: 'src/cmd/vendor/x/_go.mod', to: 'src/cmd/vendor/x/go.mod' },
    { from: 'src/_go.mod', to: 'src/go.mod' }
  ])
})

test.each([
  ['bin/go', true],
  ['bin/gofmt.exe', true],
  ['pkg/tool/linux_amd64/compile', true],
  ['pkg/include/textflag.h', false],
  ['src/make.bash', false],
  ['binary/x', false]
])('isExecutablePath(%j) = %j', (path, want) => {
  expect(isExecutablePath(path)).toBe(want)
})

describe('dirhash Hash1 over zip entries (the one h1 the installer uses)', () => {
  const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest()
  const hex = (data: string) => createHash('sha256').update(data).digest('hex')
  test.each<[string, Array<[string, string]>]>([
    ['no entries', []],
    ['one go.mod', [['go.mod', 'module m\n']]],
    [
      'unsorted ASCII names',
      [
        [p + 'b', 'B'],
        [p + 'a/z', 'Z'],
        [p + 'a', '']
      ]
    ],
    // UTF-16 order puts U+1F600 (a surrogate pair) before U+FFFD; Go's byte order puts it after.
    [
      'names sorted by UTF-8 bytes',
      [
        [p + 'a\u{1F600}', '1'],
        [p + 'a\uFFFD', '2'],
        [p + 'a~', '3']
      ]
    ]
  ])('%s: as the independent test helper computes it', (_what, files) => {
    const want = hash1(files)
    expect(dirHash1(files.map(([name, content]) => ({ name, sha256: sha256(content) })))).toBe(want)
  })

  test('a known value: the h1 of a go.mod holding "module m\\n" as Go writes it in go.sum', () => {
    // Hash1 over the single name go.mod: this is what `go mod download -json` reports as GoModSum.
    const line = `${hex('module m\n')}  go.mod\n`
    expect(dirHash1([{ name: 'go.mod', sha256: sha256('module m\n') }])).toBe(
      `h1:${createHash('sha256').update(line).digest('base64')}`
    )
  })

  test('a name with a newline is refused', () => {
    expect(() => dirHash1([{ name: 'a\nb', sha256: sha256('') }])).toThrow(/newline/)
  })
})
