/**
 * The go.mod / go.work parsers against the real go: each text is written to disk and `go mod edit -json`
 * (`go work edit -json`) prints what go read; the parser must read the same. Also go.sum parsing, and
 * malformed lines reported, not thrown.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseGoMod, parseGoWork } from '../../../src/go/modfile/modfile.js'
import { parseGoSum } from '../../../src/go/modfile/gosum.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../../support/go.js'

interface GoEditJson {
  Module?: { Path: string }
  Go?: string
  Toolchain?: string
  Require?: Array<{ Path: string; Version: string; Indirect?: boolean }> | null
  Exclude?: Array<{ Path: string; Version: string }> | null
  Replace?: Array<{ Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }> | null
  Use?: Array<{ DiskPath: string }> | null
}

const GO_MODS: Array<[name: string, text: string]> = [
  ['minimal', 'module example.com/app\n\ngo 1.21\n'],
  [
    'blocks, indirect, comments',
    `// leading comment
module example.com/app // trailing

go 1.22.1

toolchain go1.23.5

require example.com/single v1.0.0

require (
\t// a comment line inside the block
\texample.com/a v1.2.3
\texample.com/b v0.0.0-20240101000000-abcdefabcdef // indirect
\texample.com/c v2.0.0+incompatible // indirect; needed by x
\texample.com/d v1.0.0 // not indirect
)
`
  ],
  [
    'quoted strings',
    `module "example.com/quoted"

go 1.21

require (
\t"example.com/q" v1.0.0
\t"example.com/\\x71q" "v1.1.0"
)
`
  ],
  [
    'replace forms',
    `module example.com/app

go 1.21

replace example.com/all => ../all-local

replace (
\texample.com/one v1.0.0 => example.com/fork v1.0.1
\texample.com/two => example.com/fork2 v2.0.0
\texample.com/dot => ./dot
)
`
  ],
  [
    'exclude and retract are read; retract ignored',
    `module example.com/app

go 1.21

exclude example.com/a v1.0.0
exclude (
\texample.com/a v1.0.1
\texample.com/b v0.1.0
)

retract v1.0.0
retract [v1.1.0, v1.2.0]
retract (
\tv0.9.0 // broken
)
`
  ],
  ['no module line, CRLF line ends', 'go 1.21\r\n\r\nrequire example.com/a v1.0.0\r\n']
]

const GO_WORKS: Array<[name: string, text: string]> = [
  ['single use', 'go 1.21\n\nuse ./app\n'],
  [
    'block, toolchain, replace',
    `go 1.22

toolchain go1.23.5

use (
\t./app // the app
\t../lib
\t"./quoted dir"
)

replace example.com/x v1.0.0 => example.com/y v1.0.1
replace example.com/z => ./z
`
  ]
]

describe('parseGoMod and parseGoWork agree with go mod edit -json', () => {
  const go = findGo()
  const root = tempDir('modfile')
  const env = goTestEnv(root)
  afterAll(cleanupTempDirs)

  it('has a go binary (this suite fails without one)', () => {
    expect(go).toBeDefined()
  })

  it.each(GO_MODS)('go.mod: %s', async (name, text) => {
    const dir = join(root, 'mod', name.replace(/\W+/g, '-'))
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'go.mod'), text)
    const run = await runGo(['mod', 'edit', '-json'], { cwd: dir, env })
    expect(run.stderr).toBe('')
    const want = JSON.parse(run.stdout) as GoEditJson
    const got = parseGoMod(text)
    expect(got.errors).toEqual([])
    expect(got.module).toBe(want.Module?.Path ?? '')
    expect(got.go).toBe(want.Go)
    expect(got.toolchain).toBe(want.Toolchain)
    expect(got.require).toEqual(
      (want.Require ?? []).map(r => ({ path: r.Path, version: r.Version, indirect: r.Indirect ?? false }))
    )
    expect(got.exclude).toEqual((want.Exclude ?? []).map(e => ({ path: e.Path, version: e.Version })))
    expect(got.replace.map(r => ({ old: r.old, new: r.new }))).toEqual(
      (want.Replace ?? []).map(r => ({
        old: { path: r.Old.Path, version: r.Old.Version ?? '' },
        new: { path: r.New.Path, version: r.New.Version ?? '' }
      }))
    )
    for (const r of got.replace) expect(r.local).toBe(r.new.version === '')
  })

  it.each(GO_WORKS)('go.work: %s', async (name, text) => {
    const dir = join(root, 'work', name.replace(/\W+/g, '-'))
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'go.work'), text)
    const run = await runGo(['work', 'edit', '-json'], { cwd: dir, env })
    expect(run.stderr).toBe('')
    const want = JSON.parse(run.stdout) as GoEditJson
    const got = parseGoWork(text)
    expect(got.errors).toEqual([])
    expect(got.go).toBe(want.Go)
    // go 1.23's work edit -json has no Toolchain field: its -print output is the oracle.
    const printed = await runGo(['work', 'edit', '-print'], { cwd: dir, env })
    expect(got.toolchain).toBe(want.Toolchain ?? /^toolchain (\S+)$/m.exec(printed.stdout)?.[1])
    expect(got.use).toEqual((want.Use ?? []).map(u => u.DiskPath))
    expect(got.replace.map(r => ({ old: r.old, new: r.new }))).toEqual(
      (want.Replace ?? []).map(r => ({
        old: { path: r.Old.Path, version: r.Old.Version ?? '' },
        new: { path: r.New.Path, version: r.New.Version ?? '' }
      }))
    )
  })

  it.each([
    ['unterminated block', 'module example.com/app\nrequire (\n\texample.com/a v1.0.0\n'],
    ['require with one field', 'module example.com/app\nrequire example.com/a\n'],
    ['versionless non-directory replacement', 'module example.com/app\nreplace example.com/a => example.com/b\n'],
    ['bad quoted string', 'module example.com/app\nrequire "example.com/a v1.0.0\n'],
    ['block comment', 'module example.com/app\nrequire example.com/a /*v1.0.0*/\n'],
    ['raw string', 'module example.com/app\nrequire `example.com/a` v1.0.0\n']
  ])('reports, does not throw, what go also rejects: %s', async (name, text) => {
    const dir = join(root, 'bad', name.replace(/\W+/g, '-'))
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'go.mod'), text)
    const run = await runGo(['mod', 'edit', '-json'], { cwd: dir, env })
    expect(run.code).not.toBe(0)
    const got = parseGoMod(text)
    expect(got.errors.length).toBeGreaterThan(0)
    expect(got.module).toBe('example.com/app')
  })
})

describe('parseGoSum', () => {
  it('reads zip and go.mod lines and reports malformed ones', () => {
    const text = [
      'example.com/a v1.0.0 h1:aaa=',
      'example.com/a v1.0.0/go.mod h1:bbb=',
      '',
      'example.com/b v1.0.0/go.mod h1:ccc=\r',
      'example.com/broken v1.0.0',
      'example.com/extra v1.0.0 h1:x= trailing',
      'example.com/nov 1.0.0 h1:x='
    ].join('\n')
    const got = parseGoSum(text)
    expect(got.entries).toEqual([
      { path: 'example.com/a', version: 'v1.0.0', goModOnly: false, hash: 'h1:aaa=' },
      { path: 'example.com/a', version: 'v1.0.0', goModOnly: true, hash: 'h1:bbb=' },
      { path: 'example.com/b', version: 'v1.0.0', goModOnly: true, hash: 'h1:ccc=' }
    ])
    expect(got.errors.map(e => e.line)).toEqual([5, 6, 7])
  })
})
