/** The golang.org/toolchain list, platform names and toolchain selection. */
import {
  ARCHITECTURE_VALUES,
  goPlatform,
  parseArchitecture,
  withArchitecture,
  parseToolchainList,
  selectToolchain,
  toolchainModuleVersion,
  toolchainZipPrefix,
  type GoPlatform
} from '../../../src/go/toolchain/list.js'
import { parseVersionRequest } from '../../../src/go/toolchain/version.js'
import { inputError } from '../../support/input-error.js'

const linuxAmd64: GoPlatform = { goos: 'linux', goarch: 'amd64', exe: '' }

describe('goPlatform', () => {
  test.each([
    [
      { platform: 'linux', arch: 'x64' },
      { goos: 'linux', goarch: 'amd64', exe: '' }
    ],
    [
      { platform: 'linux', arch: 'arm64' },
      { goos: 'linux', goarch: 'arm64', exe: '' }
    ],
    [
      { platform: 'linux', arch: 'arm' },
      { goos: 'linux', goarch: 'arm', exe: '' }
    ],
    [
      { platform: 'linux', arch: 'ia32' },
      { goos: 'linux', goarch: '386', exe: '' }
    ],
    [
      { platform: 'linux', arch: 'ppc64' },
      { goos: 'linux', goarch: 'ppc64le', exe: '' }
    ],
    [
      { platform: 'linux', arch: 'ppc64', endianness: 'BE' as const },
      { goos: 'linux', goarch: 'ppc64', exe: '' }
    ],
    [
      { platform: 'aix', arch: 'ppc64', endianness: 'BE' as const },
      { goos: 'aix', goarch: 'ppc64', exe: '' }
    ],
    [
      { platform: 'linux', arch: 's390x' },
      { goos: 'linux', goarch: 's390x', exe: '' }
    ],
    [
      { platform: 'linux', arch: 'riscv64' },
      { goos: 'linux', goarch: 'riscv64', exe: '' }
    ],
    [
      { platform: 'linux', arch: 'loong64' },
      { goos: 'linux', goarch: 'loong64', exe: '' }
    ],
    [
      { platform: 'linux', arch: 'mipsel' },
      { goos: 'linux', goarch: 'mipsle', exe: '' }
    ],
    [
      { platform: 'darwin', arch: 'arm64' },
      { goos: 'darwin', goarch: 'arm64', exe: '' }
    ],
    [
      { platform: 'darwin', arch: 'x64' },
      { goos: 'darwin', goarch: 'amd64', exe: '' }
    ],
    [
      { platform: 'win32', arch: 'x64' },
      { goos: 'windows', goarch: 'amd64', exe: '.exe' }
    ],
    [
      { platform: 'win32', arch: 'arm64' },
      { goos: 'windows', goarch: 'arm64', exe: '.exe' }
    ],
    [
      { platform: 'freebsd', arch: 'x64' },
      { goos: 'freebsd', goarch: 'amd64', exe: '' }
    ]
  ])('%j', (node, want) => {
    expect(goPlatform(node)).toEqual(want)
  })

  test.each([
    [{ platform: 'sunos', arch: 'x64' }, /process\.platform "sunos"/],
    [{ platform: 'cygwin', arch: 'x64' }, /process\.platform "cygwin"/],
    [{ platform: 'linux', arch: 'x32' }, /process\.arch "x32"/]
  ])('%j is refused', (node, message) => {
    expect(inputError(() => goPlatform(node)).message).toMatch(message)
  })
})

describe("parseArchitecture (the architecture input, setup-go's names and Go's)", () => {
  test.each([
    ['x64', 'amd64', 'x64'],
    ['amd64', 'amd64', 'x64'],
    ['x86', '386', 'x86'],
    ['ia32', '386', 'x86'],
    ['386', '386', 'x86'],
    ['arm64', 'arm64', 'arm64'],
    ['aarch64', 'arm64', 'arm64'],
    ['arm', 'arm', 'arm'],
    ['ppc64le', 'ppc64le', 'ppc64'],
    [' s390x\n', 's390x', 's390x']
  ])('%j → GOARCH %s, tool-cache directory %s', (value, goarch, toolCacheArch) => {
    expect(parseArchitecture(value)).toEqual({ goarch, toolCacheArch })
  })

  test("empty: the runner's own", () => {
    expect(parseArchitecture('')).toBeUndefined()
    expect(parseArchitecture('  ')).toBeUndefined()
    expect(withArchitecture(linuxAmd64, undefined)).toBe(linuxAmd64)
  })

  test.each(['x86_64', 'X64', 'i386', 'constructor', '__proto__', 'toString', 'arm64 x64'])(
    '%j is refused naming the input and the value',
    value => {
      const error = inputError(() => parseArchitecture(value))
      expect(error.input).toBe('architecture')
      expect(error.message).toContain(JSON.stringify(value))
    }
  )

  test('every accepted value is listed in the refusal, and every listed value is accepted', () => {
    expect(ARCHITECTURE_VALUES.map(value => parseArchitecture(value)?.goarch)).not.toContain(undefined)
    expect(inputError(() => parseArchitecture('sparc')).message).toContain(ARCHITECTURE_VALUES.join(', '))
  })

  test('withArchitecture keeps the OS and the exe suffix, replaces GOARCH', () => {
    const windows: GoPlatform = { goos: 'windows', goarch: 'amd64', exe: '.exe' }
    expect(withArchitecture(windows, parseArchitecture('x86'))).toEqual({ goos: 'windows', goarch: '386', exe: '.exe' })
  })
})

test('module version and zip prefix', () => {
  expect(toolchainModuleVersion('1.23.5', linuxAmd64)).toBe('v0.0.1-go1.23.5.linux-amd64')
  expect(toolchainModuleVersion('1.21rc2', { goos: 'darwin', goarch: 'arm64', exe: '' })).toBe(
    'v0.0.1-go1.21rc2.darwin-arm64'
  )
  expect(toolchainZipPrefix('v0.0.1-go1.22.0.windows-amd64')).toBe(
    'golang.org/toolchain@v0.0.1-go1.22.0.windows-amd64/'
  )
  expect(() => toolchainModuleVersion('stable', linuxAmd64)).toThrow('"stable"')
})

describe('parseToolchainList', () => {
  test('reads go version, GOOS and GOARCH, skipping lines that are not toolchains', () => {
    const text = [
      'v0.0.1-go1.23.5.linux-amd64',
      'v0.0.1-go1.21rc2.darwin-arm64\r',
      '',
      '  v0.0.1-go1.22.0.windows-amd64  ',
      'v0.0.1-go1.21.0.linux-ppc64le',
      'v0.0.1-go1.9.2rc2.linux-amd64', // not a Go version gover accepts (prerelease of a patch)
      'v0.0.2-go1.23.5.linux-amd64',
      'v0.0.1-go1.23.5.linux',
      'v0.0.1-go1.23.5.linux-amd64-extra',
      'v1.0.0',
      '<html>'
    ].join('\n')
    expect(parseToolchainList(text)).toEqual([
      { moduleVersion: 'v0.0.1-go1.23.5.linux-amd64', goVersion: '1.23.5', goos: 'linux', goarch: 'amd64' },
      { moduleVersion: 'v0.0.1-go1.21rc2.darwin-arm64', goVersion: '1.21rc2', goos: 'darwin', goarch: 'arm64' },
      { moduleVersion: 'v0.0.1-go1.22.0.windows-amd64', goVersion: '1.22.0', goos: 'windows', goarch: 'amd64' },
      { moduleVersion: 'v0.0.1-go1.21.0.linux-ppc64le', goVersion: '1.21.0', goos: 'linux', goarch: 'ppc64le' }
    ])
  })

  test('an empty list is valid and empty', () => {
    expect(parseToolchainList('')).toEqual([])
  })
})

describe('selectToolchain', () => {
  const platforms = ['linux-amd64', 'linux-arm64', 'darwin-arm64', 'windows-amd64']
  const linuxOnly = ['1.21.0', '1.21.13', '1.22.0', '1.22.11', '1.23rc1', '1.23.4', '1.23.6']
  const everywhere = ['1.22.12', '1.23.5']
  // 1.24rc1 and 1.23.7 exist only for other platforms: never picked for linux/amd64.
  const lines = [
    ...linuxOnly.map(v => `v0.0.1-go${v}.linux-amd64`),
    ...everywhere.flatMap(v => platforms.map(p => `v0.0.1-go${v}.${p}`)),
    'v0.0.1-go1.24rc1.linux-amd64',
    'v0.0.1-go1.23.7.darwin-arm64',
    'v0.0.1-go1.25.0.windows-amd64'
  ]
  const entries = parseToolchainList(lines.reverse().join('\n'))

  test.each([
    ['1.23.5', linuxAmd64, 'v0.0.1-go1.23.5.linux-amd64'],
    ['1.23', linuxAmd64, 'v0.0.1-go1.23.6.linux-amd64'],
    ['stable', linuxAmd64, 'v0.0.1-go1.23.6.linux-amd64'],
    ['oldstable', linuxAmd64, 'v0.0.1-go1.22.12.linux-amd64'],
    ['^1.22', linuxAmd64, 'v0.0.1-go1.23.6.linux-amd64'],
    ['1.22.x', linuxAmd64, 'v0.0.1-go1.22.12.linux-amd64'],
    ['1.23rc1', linuxAmd64, 'v0.0.1-go1.23rc1.linux-amd64'],
    ['1.24rc1', linuxAmd64, 'v0.0.1-go1.24rc1.linux-amd64'],
    ['stable', { goos: 'darwin', goarch: 'arm64', exe: '' }, 'v0.0.1-go1.23.7.darwin-arm64'],
    ['1.23', { goos: 'linux', goarch: 'arm64', exe: '' }, 'v0.0.1-go1.23.5.linux-arm64'],
    ['stable', { goos: 'windows', goarch: 'amd64', exe: '.exe' }, 'v0.0.1-go1.25.0.windows-amd64'],
    ['oldstable', { goos: 'windows', goarch: 'amd64', exe: '.exe' }, 'v0.0.1-go1.23.5.windows-amd64']
  ])('%j on %j picks %s', (text, platform, want) => {
    expect(selectToolchain(parseVersionRequest(text), entries, platform).moduleVersion).toBe(want)
  })

  test.each([
    [
      '1.23.6',
      { goos: 'darwin', goarch: 'arm64', exe: '' },
      /"1\.23\.6" for darwin\/arm64; nearest available: 1\.22\.12, 1\.23\.5, 1\.23\.7$/
    ],
    ['1.23.7', linuxAmd64, /"1\.23\.7" for linux\/amd64; nearest available: 1\.23\.5, 1\.23\.6$/],
    ['1.22.5', linuxAmd64, /nearest available: 1\.21\.13, 1\.22\.0, 1\.22\.11, 1\.22\.12$/],
    ['1.21.1', linuxAmd64, /nearest available: 1\.21\.0, 1\.21\.13, 1\.22\.0$/],
    ['1.20', linuxAmd64, /"1\.20 \(newest 1\.20\.x\)" for linux\/amd64; nearest available: 1\.21\.0, 1\.21\.13$/],
    ['1.25', linuxAmd64, /nearest available: 1\.23\.5, 1\.23\.6$/],
    ['1.24rc2', linuxAmd64, /nearest available: 1\.23\.6, 1\.24rc1$/],
    ['>=1.26', linuxAmd64, /">=1\.26" for linux\/amd64; nearest available: 1\.23\.6, 1\.23\.5, 1\.23\.4, 1\.22\.12$/]
  ])('%j on %j fails naming the nearest versions', (text, platform, message) => {
    const error = inputError(() => selectToolchain(parseVersionRequest(text), entries, platform))
    expect(error.input).toBe('go-version')
    expect(error.message).toMatch(message)
  })

  test('a platform with no toolchains at all says so', () => {
    const error = inputError(() =>
      selectToolchain({ kind: 'stable' }, entries, { goos: 'plan9', goarch: 'amd64', exe: '' }, 'go-version-file')
    )
    expect(error.message).toBe(
      "Input 'go-version-file': no Go toolchain is published for plan9/amd64 in the golang.org/toolchain list"
    )
  })
})
