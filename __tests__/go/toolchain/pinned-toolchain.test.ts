/**
 * Defect 2 of issue 19: actions/setup-go v6+ (src/installer.ts, parseGoVersionFile) reads go.mod's `toolchain` line
 * for `go-version-file`, unless the step starts with GOTOOLCHAIN=local: then it reads the `go` line. This action
 * installs the toolchain line's Go and used to export GOTOOLCHAIN=local, so a setup-go step after it installed
 * another Go from the same go.mod (go 1.26 / toolchain go1.26.6 as etcd's: 1.26.x latest instead of 1.26.6).
 * It now exports the installed Go's own name, which go treats as `local` does for that go (checked with the real go
 * below) and which setup-go does not read as `local`.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseGoModVersion } from '../../../src/go/toolchain/version-file.js'
import { pinnedToolchain, toolchainModuleGoVersion } from '../../../src/go/toolchain/version.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../../support/go.js'

/**
 * setup-go's documented rule for go.mod (v6+), written out here: the toolchain line's version unless GOTOOLCHAIN is
 * exactly `local` in the environment the step starts with; otherwise (or without a toolchain line) the go line's.
 */
function setupGoReads(goMod: string, env: Record<string, string | undefined>): string {
  const toolchain = /^toolchain go(1\.\d+(?:\.\d+|rc\d+)?)/m.exec(goMod)?.[1]
  if (env.GOTOOLCHAIN !== 'local' && toolchain) return toolchain
  return /^go (\d+(?:\.\d+)*)/m.exec(goMod)?.[1] ?? ''
}

const ETCD_LIKE = 'module example.com/etcdlike\n\ngo 1.26\n\ntoolchain go1.26.6\n'

describe('pinnedToolchain', () => {
  it.each([
    ['1.26.6', 'go1.26.6'],
    ['1.23rc1', 'go1.23rc1'],
    ['1.21.0', 'go1.21.0'],
    ['1.21rc2', 'go1.21rc2'],
    // No toolchain module before 1.21, and those go commands ignore GOTOOLCHAIN.
    ['1.20.14', 'local'],
    ['not a version', 'local']
  ])('%s → %s', (version, expected) => {
    expect(pinnedToolchain(version)).toBe(expected)
  })

  it.each([
    ['v0.0.1-go1.26.6.linux-amd64', '1.26.6'],
    ['v0.0.1-go1.23rc1.windows-arm64', '1.23rc1'],
    ['v0.0.1-go1.23.5', undefined],
    ['v1.0.0', undefined]
  ])('toolchainModuleGoVersion(%s) = %s', (moduleVersion, expected) => {
    expect(toolchainModuleGoVersion(moduleVersion)).toBe(expected)
  })

  it('a setup-go step after this one reads the same version from go.mod as this action installed', () => {
    const installed = parseGoModVersion('go.mod', ETCD_LIKE).value.replace(/^go/, '')
    expect(installed).toBe('1.26.6')
    const exported = { GOTOOLCHAIN: pinnedToolchain(installed) }
    expect(setupGoReads(ETCD_LIKE, exported)).toBe(installed)
    // What the old export made setup-go read: the go line, another Go.
    expect(setupGoReads(ETCD_LIKE, { GOTOOLCHAIN: 'local' })).toBe('1.26')
  })
})

describe(`the pinned name behaves as local for the installed go (${findGo()})`, () => {
  let version: string
  let root: string
  beforeAll(async () => {
    root = tempDir('pinned-toolchain-')
    const run = await runGo(['env', 'GOVERSION'], { cwd: root, env: goTestEnv(root) })
    version = run.stdout.trim().replace(/^go/, '')
  })
  afterAll(cleanupTempDirs)

  async function goVersionIn(goMod: string, gotoolchain: string) {
    const dir = tempDir('pinned-mod-')
    writeFileSync(join(dir, 'go.mod'), goMod)
    // GOPROXY=off: a switch would have to download, and fail saying so.
    return runGo(['version'], { cwd: dir, env: goTestEnv(root, { GOTOOLCHAIN: gotoolchain, GOPROXY: 'off' }) })
  }

  it('a newer toolchain line is not followed: the installed go runs, nothing is downloaded', async () => {
    for (const value of [pinnedToolchain(version), 'local']) {
      const run = await goVersionIn('module example.com/a\n\ngo 1.21\n\ntoolchain go1.99.1\n', value)
      expect(run.stderr).toBe('')
      expect(run.stdout).toContain(`go version go${version} `)
    }
  })

  it('a go.mod that needs a newer Go is refused, naming the value, without a download', async () => {
    const value = pinnedToolchain(version)
    const dir = tempDir('pinned-build-')
    writeFileSync(join(dir, 'go.mod'), 'module example.com/b\n\ngo 1.99.0\n')
    writeFileSync(join(dir, 'main.go'), 'package main\n\nfunc main() {}\n')
    const run = await runGo(['build', '.'], {
      cwd: dir,
      env: goTestEnv(root, { GOTOOLCHAIN: value, GOPROXY: 'off' })
    })
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain(`go.mod requires go >= 1.99.0 (running go ${version}; GOTOOLCHAIN=${value})`)
    expect(run.stderr).not.toMatch(/downloading/)
  })
})
