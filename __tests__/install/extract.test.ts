/**
 * installToolchainZip against a real golang.org/toolchain zip built from the Go installed here, cross-checked with
 * the real go command (its h1: and its own extraction), then run: `bin/go version` and an offline build. Malformed
 * zips install nothing.
 */
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { installToolchainZip } from '../../src/install/extract.js'
import { ToolchainZipError } from '../../src/go/toolchain/zip-plan.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { fakeToolchainZip, hostToolchainZip, writeZip, type ToolchainZipFixture } from '../support/toolchain-zip.js'

const posix = process.platform !== 'win32'
/** This machine's executable suffix, and its platform in Go's words (the fixture is built from the Go installed here). */
const exe = posix ? '' : '.exe'
const GOOS = ({ linux: 'linux', darwin: 'darwin', win32: 'windows' } as Record<string, string>)[process.platform]
const GOARCH = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch]
const TOOL_DIR = `${GOOS}_${GOARCH}`

afterAll(cleanupTempDirs)

/** Every file under `dir`, relative and '/' separated, sorted. */
async function listTree(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue
    const parent = e.parentPath.slice(dir.length).split(/[\\/]/).filter(Boolean)
    out.push([...parent, e.name].join('/'))
  }
  return out.sort()
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

describe('the real toolchain zip built from the installed Go', () => {
  let fixture: ToolchainZipFixture
  let work: string
  let goroot: string

  beforeAll(async () => {
    // A suite that needs go fails, not skips, when go is missing.
    findGo() // throws, naming how to get go, when there is none
    fixture = hostToolchainZip()
    // Reported so the cost of the fixture stays visible (built once per machine, then cached).
    console.log(
      `toolchain fixture ${fixture.moduleVersion}: ${(fixture.bytes / 1e6).toFixed(1)} MB, ${fixture.files} files, ` +
        (fixture.buildMs ? `built in ${fixture.buildMs} ms` : 'cached')
    )
    work = tempDir('toolchain-extract')
    goroot = join(work, 'toolcache', 'go', fixture.goVersion, 'x64')
    const started = performance.now()
    const installed = await installToolchainZip({
      zipFile: fixture.file,
      moduleVersion: fixture.moduleVersion,
      goroot,
      expectedH1: fixture.h1
    })
    console.log(`installed ${installed.files} files in ${Math.round(performance.now() - started)} ms`)
    expect(installed.h1).toBe(fixture.h1)
    expect(installed.goVersion).toBe('go1.23.5')
  }, 300_000)

  test('has the real distribution layout and no excluded directories', () => {
    expect(fixture.moduleVersion).toBe(`v0.0.1-go1.23.5.${GOOS}-${GOARCH}`)
    for (const dir of ['api', 'doc', 'misc', 'test']) expect(existsSync(join(goroot, dir))).toBe(false)
    expect(readdirSync(join(goroot, 'pkg')).sort()).toEqual(['include', 'tool'])
    expect(existsSync(join(goroot, 'pkg', 'tool', TOOL_DIR, `compile${exe}`))).toBe(true)
    expect(existsSync(join(goroot, 'pkg', 'tool', TOOL_DIR, `dist${exe}`))).toBe(false)
    expect(readdirSync(join(goroot, 'bin')).sort()).toEqual([`go${exe}`, `gofmt${exe}`])
  })

  test('sets exec bits on bin and pkg/tool only, restores every go.mod with src/go.mod', () => {
    if (posix) {
      expect(statSync(join(goroot, 'bin', 'go')).mode & 0o111).toBe(0o111)
      expect(statSync(join(goroot, 'pkg', 'tool', TOOL_DIR, 'compile')).mode & 0o111).toBe(0o111)
      expect(statSync(join(goroot, 'src', 'fmt', 'print.go')).mode & 0o111).toBe(0)
    }
    expect(readFileSync(join(goroot, 'src', 'go.mod'), 'utf8')).toBe(
      readFileSync(join(goroot, 'src', '_go.mod'), 'utf8')
    )
    expect(existsSync(join(goroot, 'src', 'cmd', 'go.mod'))).toBe(true)
    // No staging directory is left beside the GOROOT.
    expect(readdirSync(join(goroot, '..'))).toEqual(['x64'])
  })

  test('the real go command computes the same h1: and extracts the same files', async () => {
    const root = tempDir('toolchain-gomod')
    const at = join(root, 'proxy', 'golang.org', 'toolchain', '@v')
    mkdirSync(at, { recursive: true })
    const v = fixture.moduleVersion
    writeFileSync(join(at, 'list'), `${v}\n`)
    writeFileSync(join(at, `${v}.info`), JSON.stringify({ Version: v, Time: '2025-01-10T16:44:59Z' }))
    writeFileSync(join(at, `${v}.mod`), 'module golang.org/toolchain\n')
    copyFileSync(fixture.file, join(at, `${v}.zip`))
    // A lone file:// GOPROXY is the go command's own exception for testing a distpack without a checksum DB.
    const env = goTestEnv(root, { GOPROXY: pathToFileURL(join(root, 'proxy')).href, GOSUMDB: 'off' })
    const run = await runGo(['mod', 'download', '-json', `golang.org/toolchain@${v}`], {
      cwd: root,
      env,
      timeoutMs: 240_000
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout) as { Sum: string; Dir: string }
    expect(result.Sum).toBe(fixture.h1)

    const ours = await listTree(goroot)
    const theirs = await listTree(result.Dir)
    // The go command's module cache copy has the _go.mod files only; restoring go.mod is the toolchain switch's job.
    expect(ours.filter(p => !(p === 'go.mod' || p.endsWith('/go.mod')))).toEqual(theirs)
    const differing = theirs.filter(p => sha256(join(goroot, p)) !== sha256(join(result.Dir, p)))
    expect(differing).toEqual([])
  }, 300_000)

  test('the installed go runs and builds a module offline', async () => {
    const go = join(goroot, 'bin', `go${exe}`)
    const project = tempDir('toolchain-build')
    writeFileSync(join(project, 'go.mod'), 'module example.com/hello\n\ngo 1.23\n')
    writeFileSync(
      join(project, 'main.go'),
      'package main\n\nimport (\n\t"fmt"\n\t"runtime"\n)\n\nfunc main() { fmt.Println("hello from", runtime.Version()) }\n'
    )
    const env = goTestEnv(project, { GOROOT: goroot, GOTOOLCHAIN: 'local', GOPROXY: 'off' })
    const version = await runGo(['version'], { cwd: project, env, go })
    expect(version.code).toBe(0)
    expect(version.stdout).toMatch(/^go version go1\.23\.5 /)
    const goenv = await runGo(['env', 'GOROOT'], { cwd: project, env, go })
    expect(goenv.stdout.trim()).toBe(goroot)
    const out = join(project, `hello${exe}`)
    const build = await runGo(['build', '-o', out, '.'], { cwd: project, env, go, timeoutMs: 240_000 })
    expect(build.stderr).toBe('')
    expect(build.code).toBe(0)
    const run = await runGo([], { cwd: project, env, go: out })
    expect(run.stdout).toBe('hello from go1.23.5\n')
  }, 300_000)
})

describe('malformed toolchain zips install nothing', () => {
  const v = 'v0.0.1-go1.22.0.linux-amd64'
  const prefix = `golang.org/toolchain@${v}/`
  const cases: Array<[string, Parameters<typeof fakeToolchainZip>[2], RegExp]> = [
    [
      'an entry outside the module prefix',
      [{ name: '@golang.org/toolchain@v0.0.1-go1.21.0.linux-amd64/x' }],
      /module prefix/
    ],
    ['an entry with no prefix at all', [{ name: '@VERSION', data: 'go1.22.0' }], /module prefix/],
    ['a .. element', [{ name: '@' + prefix + 'src/../../../evil', data: 'x' }], /relative path|"\.\." path element/],
    ['an absolute path', [{ name: '@/etc/evil', data: 'x' }], /absolute path/],
    ['a backslash', [{ name: 'src\\evil.go', data: 'x' }], /invalid characters|backslash/],
    ['a duplicate entry', [{ name: 'src/fmt/print.go', data: 'package fmt // again\n' }], /duplicate/],
    ['names differing only in case', [{ name: 'src/FMT/print.go', data: 'x' }], /case-insensitive/],
    ['a symbolic link', [{ name: 'src/link', data: '/etc/passwd', mode: 0o120777 }], /symbolic link/],
    ['a nested go.mod', [{ name: 'src/x/go.mod', data: 'module x\n' }], /go\.mod/],
    ['a file that is also a directory', [{ name: 'src/fmt/print.go/x', data: 'x' }], /file and a directory/]
  ]

  test.each(cases)('%s', async (_what, extra, message) => {
    const dir = tempDir('toolchain-bad')
    const zipFile = join(dir, 'tc.zip')
    fakeToolchainZip(zipFile, v, extra)
    const goroot = join(dir, 'cache', 'go')
    const error = await installToolchainZip({ zipFile, moduleVersion: v, goroot }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ToolchainZipError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).toContain(`golang.org/toolchain@${v}`)
    expect(existsSync(goroot)).toBe(false)
    // Refused before anything was written: no staging directory either (or its parent stays empty).
    expect(existsSync(join(dir, 'cache')) ? readdirSync(join(dir, 'cache')) : []).toEqual([])
  })

  test('a zip without bin/go', async () => {
    const dir = tempDir('toolchain-bad')
    const zipFile = join(dir, 'tc.zip')
    writeZip(zipFile, [{ name: prefix + 'VERSION', data: 'go1.22.0\n' }])
    const goroot = join(dir, 'go')
    await expect(installToolchainZip({ zipFile, moduleVersion: v, goroot })).rejects.toThrow(/has no bin\/go/)
    expect(existsSync(goroot)).toBe(false)
  })

  test('a zip whose VERSION is another Go is refused after extraction and its staging dir removed', async () => {
    const dir = tempDir('toolchain-bad')
    const zipFile = join(dir, 'tc.zip')
    fakeToolchainZip(zipFile, 'v0.0.1-go1.22.1.linux-amd64')
    const goroot = join(dir, 'cache', 'go')
    // The zip holds 1.22.1 entries under a 1.22.1 prefix: asking for it as 1.22.0 fails on the prefix already.
    await expect(installToolchainZip({ zipFile, moduleVersion: v, goroot })).rejects.toThrow(/module prefix/)
    const lying = join(dir, 'lying.zip')
    writeZip(lying, [
      { name: prefix + 'VERSION', data: 'go1.21.0\n' },
      { name: prefix + 'bin/go', data: 'x' }
    ])
    await expect(installToolchainZip({ zipFile: lying, moduleVersion: v, goroot })).rejects.toThrow(
      /holds "go1\.21\.0", expected go1\.22\.0/
    )
    expect(existsSync(goroot)).toBe(false)
    expect(readdirSync(join(dir, 'cache'))).toEqual([])
  })

  test('a zip whose files do not hash to the expected h1: installs nothing', async () => {
    const dir = tempDir('toolchain-bad')
    const good = join(dir, 'good.zip')
    const goodH1 = fakeToolchainZip(good, v)
    const tampered = join(dir, 'tampered.zip')
    const tamperedH1 = fakeToolchainZip(tampered, v, [{ name: 'src/fmt/evil.go', data: 'package fmt\n' }])
    const goroot = join(dir, 'cache', 'go')
    const error = await installToolchainZip({ zipFile: tampered, moduleVersion: v, goroot, expectedH1: goodH1 }).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ToolchainZipError)
    expect((error as Error).message).toBe(
      `golang.org/toolchain@${v} zip: checksum mismatch: its files hash to ${tamperedH1}, expected ${goodH1}`
    )
    expect(readdirSync(join(dir, 'cache'))).toEqual([])
    const installed = await installToolchainZip({ zipFile: good, moduleVersion: v, goroot, expectedH1: goodH1 })
    expect(installed.h1).toBe(goodH1)
  })

  test('directory entries count in the h1:, as in Go', async () => {
    const dir = tempDir('toolchain-dirs')
    const zipFile = join(dir, 'tc.zip')
    const h1 = fakeToolchainZip(zipFile, v, [{ name: 'src/', mode: 0o040755 }])
    const installed = await installToolchainZip({ zipFile, moduleVersion: v, goroot: join(dir, 'go'), expectedH1: h1 })
    expect(installed.h1).toBe(h1)
  })

  test.each([
    ['more bytes than declared', 3],
    ['fewer bytes than declared', 5000]
  ])('an entry with %s fails mid-extraction and leaves no staging directory', async (_what, declaredSize) => {
    const dir = tempDir('toolchain-bad')
    const zipFile = join(dir, 'tc.zip')
    const fillers = Array.from({ length: 40 }, (_, i) => ({ name: `src/f${i}.go`, data: 'package f\n'.repeat(50) }))
    fakeToolchainZip(zipFile, v, [
      ...fillers.slice(0, 20),
      { name: 'src/liar.go', data: 'package liar\n'.repeat(100), declaredSize },
      ...fillers.slice(20)
    ])
    const goroot = join(dir, 'cache', 'go')
    const error = await installToolchainZip({ zipFile, moduleVersion: v, goroot }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ToolchainZipError)
    expect((error as Error).message).toMatch(/zip entry ".*\/src\/liar\.go": .*bytes/)
    expect(readdirSync(join(dir, 'cache'))).toEqual([])
  })

  test('a file that is not a zip', async () => {
    const dir = tempDir('toolchain-bad')
    const zipFile = join(dir, 'tc.zip')
    writeFileSync(zipFile, '<html>captive portal</html>')
    await expect(installToolchainZip({ zipFile, moduleVersion: v, goroot: join(dir, 'go') })).rejects.toThrow(
      ToolchainZipError
    )
    expect(existsSync(join(dir, 'go'))).toBe(false)
  })
})

describe('small toolchains for other platforms', () => {
  test.each([
    ['v0.0.1-go1.22.0.windows-amd64', 'win32' as const, 'bin/go.exe'],
    ['v0.0.1-go1.21rc2.darwin-arm64', 'darwin' as const, 'bin/go'],
    ['v0.0.1-go1.23.5.linux-amd64', 'linux' as const, 'bin/go']
  ])('%s installs with its go.mod files restored', async (v, hostPlatform, goBinary) => {
    const dir = tempDir('toolchain-fake')
    const zipFile = join(dir, 'tc.zip')
    fakeToolchainZip(zipFile, v)
    const goroot = join(dir, 'go')
    const installed = await installToolchainZip({ zipFile, moduleVersion: v, goroot, hostPlatform })
    expect(installed.goBinary).toBe(join(goroot, ...goBinary.split('/')))
    expect(installed.goVersion).toBe('go' + /-go(.+)\.[a-z0-9]+-/.exec(v)![1])
    expect(await listTree(goroot)).toEqual(
      [
        'VERSION',
        goBinary,
        goBinary.replace('go', 'gofmt'),
        `pkg/tool/${/\.([a-z0-9]+)-([a-z0-9]+)$/.exec(v)!.slice(1).join('_')}/compile${hostPlatform === 'win32' ? '.exe' : ''}`,
        'src/_go.mod',
        'src/cmd/_go.mod',
        'src/cmd/go.mod',
        'src/fmt/print.go',
        'src/go.mod'
      ].sort()
    )
    if (posix) {
      const mode = statSync(installed.goBinary).mode & 0o777
      // The zip says 0644 for every file; the exec bits come from the installer, except for a windows host.
      expect(mode).toBe(hostPlatform === 'win32' ? 0o644 : 0o755)
    }
    // Installing again over an existing GOROOT is refused and leaves it as it was.
    await expect(installToolchainZip({ zipFile, moduleVersion: v, goroot })).rejects.toThrow(/already exists/)
    expect(existsSync(installed.goBinary)).toBe(true)
  })

  test('two installs racing for one GOROOT: one wins, the other fails cleanly, nothing is left behind', async () => {
    const v = 'v0.0.1-go1.23.5.linux-amd64'
    const dir = tempDir('toolchain-race')
    const zipFile = join(dir, 'tc.zip')
    fakeToolchainZip(zipFile, v)
    const goroot = join(dir, 'cache', 'go')
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => installToolchainZip({ zipFile, moduleVersion: v, goroot }))
    )
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) {
      if (r.status === 'rejected') expect(String(r.reason)).toMatch(/already exists|another install created it/)
    }
    expect(readdirSync(join(dir, 'cache'))).toEqual(['go'])
    expect(readFileSync(join(goroot, 'src', 'go.mod'), 'utf8')).toContain('module std')
  })
})
