/**
 * The prefetch plan against the real go: a project's go.sum is written by `go mod tidy` itself, then a fresh
 * module cache runs `go mod download` (no arguments) against a logging loopback proxy. The plan must cover every
 * .info/.mod/.zip request go made, and what it plans beyond them ("prefetched but unused") must be only what this
 * test can explain.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { planPrefetch, type ModuleSetTexts } from '../../src/warm/plan.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, type TestModule } from '../support/modules.js'
import { layeredGraph } from '../../bench/graph.js'

const P = 'example.com/pl'

/** A package `name` that uses each of `imports`, so that go needs their zips to build it. */
function pkg(name: string, imports: string[] = []): Record<string, string> {
  const body = imports.length ? imports.map((_p, i) => `var _ = i${i}.Hello\n`).join('') : ''
  return {
    [`${name}.go`]: `package ${name}\n\n${imports.map((p, i) => `import i${i} "${p}"\n`).join('')}\n${body}\nfunc Hello() string { return "${name}" }\n`
  }
}

/** A small graph with the cases that matter: a zip needed through an indirect dependency, a module whose go.mod
 *  alone is read (c, never imported), an older version only named in a go.mod (b v0.9.0), a version replacement
 *  (old => fork) and a case-encoded path (Upper). */
const MODULES: TestModule[] = [
  defineModule({ path: `${P}/b`, version: 'v1.0.0', files: pkg('b') }),
  defineModule({ path: `${P}/b`, version: 'v0.9.0', files: pkg('b') }),
  defineModule({
    path: `${P}/c`,
    version: 'v1.0.0',
    files: pkg('c', [`${P}/b`]),
    goMod: `module ${P}/c\n\ngo 1.21\n\nrequire ${P}/b v0.9.0\n`
  }),
  defineModule({
    path: `${P}/a`,
    version: 'v1.0.0',
    files: pkg('a', [`${P}/b`]),
    goMod: `module ${P}/a\n\ngo 1.21\n\nrequire (\n\t${P}/b v1.0.0\n\t${P}/c v1.0.0\n)\n`
  }),
  defineModule({
    path: `${P}/fork`,
    version: 'v1.0.1',
    files: pkg('old'),
    goMod: `module ${P}/old\n\ngo 1.21\n`
  }),
  defineModule({ path: `${P}/Upper`, version: 'v1.0.0', files: pkg('upper') })
]

const APP_MOD = `module example.com/app

go 1.21

require (
\t${P}/a v1.0.0
\t${P}/old v1.0.0
\t${P}/loc v0.0.0
\t${P}/Upper v1.0.0
)

replace ${P}/old v1.0.0 => ${P}/fork v1.0.1

replace ${P}/loc => ./loc
`

const APP_MAIN = `package main

import (
\t"${P}/a"
\t"${P}/old"
\t"${P}/loc"
\t"${P}/Upper"
)

func main() { println(a.Hello(), old.Hello(), loc.Hello(), upper.Hello()) }
`

function writeApp(dir: string, module = 'example.com/app', goMod = APP_MOD): void {
  mkdirSync(join(dir, 'loc'), { recursive: true })
  writeFileSync(join(dir, 'go.mod'), goMod.replace('module example.com/app', `module ${module}`))
  writeFileSync(join(dir, 'main.go'), APP_MAIN)
  writeFileSync(join(dir, 'loc', 'go.mod'), `module ${P}/loc\n\ngo 1.21\n`)
  writeFileSync(join(dir, 'loc', 'loc.go'), 'package loc\n\nfunc Hello() string { return "loc" }\n')
}

function read(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined
}

describe('planPrefetch covers what go mod download asks the proxy for', () => {
  const go = findGo()
  const root = tempDir('plan-go')
  let proxy: TestProxy
  let runs = 0
  /** A fresh module cache per run, so every file is requested. */
  const freshEnv = () => goTestEnv(join(root, `run${runs++}`), { GOPROXY: proxy.url, GOSUMDB: 'off' })

  beforeAll(async () => {
    proxy = await startProxy({ modules: MODULES })
  })
  afterAll(async () => {
    await proxy?.close()
    await cleanupTempDirs()
  })

  /** The .info/.mod/.zip paths go requested during `fn`. */
  async function requested(fn: () => Promise<void>): Promise<string[]> {
    const from = proxy.requests.length
    await fn()
    return proxy.requests
      .slice(from)
      .filter(r => r.kind === 'info' || r.kind === 'mod' || r.kind === 'zip')
      .map(r => r.path.replace(/^\//, ''))
      .sort()
  }

  it('has a go binary (this suite fails without one)', () => {
    expect(go).toBeDefined()
  })

  it('in a module: the plan is what go asked for, plus only explained extras', async () => {
    const dir = join(root, 'module')
    writeApp(dir)
    const tidy = await runGo(['mod', 'tidy'], { cwd: dir, env: freshEnv() })
    expect(tidy.stderr).not.toMatch(/error|cannot/i)
    expect(tidy.code).toBe(0)
    // A requirement tidy would drop (no package imported from it): go still downloads its zip, though go.sum
    // holds only its go.mod hash.
    writeFileSync(
      join(dir, 'go.mod'),
      readFileSync(join(dir, 'go.mod'), 'utf8') + `\nrequire ${P}/c v1.0.0 // indirect\n`
    )
    expect(readFileSync(join(dir, 'go.sum'), 'utf8')).not.toMatch(new RegExp(`${P}/c v1.0.0 h1:`))

    const asked = await requested(async () => {
      const run = await runGo(['mod', 'download'], { cwd: dir, env: freshEnv() })
      expect(run.code).toBe(0)
    })
    const set: ModuleSetTexts = {
      label: '.',
      goMods: [readFileSync(join(dir, 'go.mod'), 'utf8')],
      goSums: [readFileSync(join(dir, 'go.sum'), 'utf8')]
    }
    const plan = planPrefetch([set], { goprivate: '', gonoproxy: '' })
    const planned = plan.files.map(f => f.path).sort()
    expect(asked.length).toBeGreaterThan(0)
    expect(asked.filter(p => !planned.includes(p))).toEqual([])
    // Nothing for the local replacement, nor for the replaced original; the case-encoded path as on the wire.
    expect(planned.some(p => p.includes('/loc/') || p.includes('/old/'))).toBe(false)
    expect(planned).toContain(`${P}/!upper/@v/v1.0.0.zip`)
    expect(asked).toContain(`${P}/c/@v/v1.0.0.zip`)
    // Planned but not asked: go.mod files go.sum records but go 1.23 did not need to read this time.
    const unused = planned.filter(p => !asked.includes(p))
    expect(unused.every(p => p.endsWith('.mod'))).toBe(true)
    expect(unused.length).toBeLessThanOrEqual(2)
  })

  it('in a go 1.16 module: every module of the build list is downloaded (all)', async () => {
    const dir = join(root, 'module116')
    writeApp(dir, 'example.com/app116', APP_MOD.replace('go 1.21', 'go 1.16'))
    const tidy = await runGo(['mod', 'tidy'], { cwd: dir, env: freshEnv() })
    expect(tidy.code).toBe(0)
    const asked = await requested(async () => {
      const run = await runGo(['mod', 'download'], { cwd: dir, env: freshEnv() })
      expect(run.code).toBe(0)
    })
    const plan = planPrefetch(
      [
        {
          label: '.',
          goMods: [readFileSync(join(dir, 'go.mod'), 'utf8')],
          goSums: [readFileSync(join(dir, 'go.sum'), 'utf8')]
        }
      ],
      { goprivate: '', gonoproxy: '' }
    )
    const planned = plan.files.map(f => f.path).sort()
    // The dependencies are go 1.21 modules, so their own requirements stay pruned even under a go 1.16 main module:
    // the build list is what go.sum's zip lines name, and the plan is exactly what go asked for.
    expect(planned).toEqual(asked)
  })

  it('in a workspace: every module of the build list is downloaded, and the plan covers it', async () => {
    const ws = join(root, 'workspace')
    writeApp(join(ws, 'app'))
    mkdirSync(join(ws, 'tool'), { recursive: true })
    writeFileSync(join(ws, 'tool', 'go.mod'), `module example.com/tool\n\ngo 1.21\n\nrequire ${P}/c v1.0.0\n`)
    writeFileSync(join(ws, 'tool', 'tool.go'), `package tool\n\nimport _ "${P}/c"\n`)
    for (const member of ['app', 'tool']) {
      const tidy = await runGo(['mod', 'tidy'], { cwd: join(ws, member), env: freshEnv() })
      expect(tidy.code).toBe(0)
    }
    writeFileSync(join(ws, 'go.work'), 'go 1.21\n\nuse (\n\t./app\n\t./tool\n)\n')
    const asked = await requested(async () => {
      const run = await runGo(['mod', 'download'], { cwd: ws, env: freshEnv() })
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
    })
    const sums = [join(ws, 'app', 'go.sum'), join(ws, 'tool', 'go.sum'), join(ws, 'go.work.sum')]
      .map(read)
      .filter((t): t is string => t !== undefined)
    const set: ModuleSetTexts = {
      label: '.',
      goWork: readFileSync(join(ws, 'go.work'), 'utf8'),
      goMods: ['app', 'tool'].map(m => readFileSync(join(ws, m, 'go.mod'), 'utf8')),
      goSums: sums
    }
    const plan = planPrefetch([set], { goprivate: '', gonoproxy: '' })
    const planned = plan.files.map(f => f.path).sort()
    expect(asked.filter(p => !planned.includes(p))).toEqual([])
    const unused = planned.filter(p => !asked.includes(p))
    expect(unused.every(p => p.endsWith('.mod'))).toBe(true)
    expect(unused.length).toBeLessThanOrEqual(2)
  })
})

describe('planPrefetch on a generated layered graph (bench/graph.ts) of unpruned go 1.16 modules', () => {
  const root = tempDir('plan-graph')
  const graph = layeredGraph({ count: 30, layers: 4, fanout: 2, prefix: 'example.com/lg', bigModuleBytes: 64 * 1024 })
  let proxy: TestProxy
  beforeAll(async () => {
    proxy = await startProxy({ modules: graph.modules })
  })
  afterAll(async () => {
    await proxy?.close()
    await cleanupTempDirs()
  })

  it('plans exactly what go asks for: a .mod per module, and .info and .zip per required module', async () => {
    const dir = join(root, 'app')
    graph.writeProject(dir)
    const run = await runGo(['mod', 'download'], {
      cwd: dir,
      env: goTestEnv(join(root, 'run'), { GOPROXY: proxy.url, GOSUMDB: 'off' })
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const asked = proxy.requests
      .filter(r => r.kind === 'info' || r.kind === 'mod' || r.kind === 'zip')
      .map(r => r.path.replace(/^\//, ''))
      .sort()
    const plan = planPrefetch([{ label: '.', goMods: [graph.goMod], goSums: [graph.goSum] }], {
      goprivate: '',
      gonoproxy: ''
    })
    expect(plan.notes).toEqual([])
    expect(plan.files.map(f => f.path).sort()).toEqual(asked)
    expect(asked).toHaveLength(graph.modules.length * 3)
  })

  it('a go 1.16 project that requires only its direct dependencies: go downloads every zip of the graph', async () => {
    const dir = join(root, 'app116')
    graph.writeProject(dir)
    const direct = [...graph.layers[0], ...(graph.big ? [graph.big] : [])]
    const goMod = `module example.com/benchapp\n\ngo 1.16\n\nrequire (\n${direct.map(m => `\t${m.path} ${m.version}\n`).join('')})\n`
    writeFileSync(join(dir, 'go.mod'), goMod)
    const from = proxy.requests.length
    const run = await runGo(['mod', 'download'], {
      cwd: dir,
      env: goTestEnv(join(root, 'run116'), { GOPROXY: proxy.url, GOSUMDB: 'off' })
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const asked = proxy.requests
      .slice(from)
      .filter(r => r.kind === 'info' || r.kind === 'mod' || r.kind === 'zip')
      .map(r => r.path.replace(/^\//, ''))
      .sort()
    const plan = planPrefetch([{ label: '.', goMods: [goMod], goSums: [graph.goSum] }], {
      goprivate: '',
      gonoproxy: ''
    })
    expect(asked).toHaveLength(graph.modules.length * 3)
    expect(plan.files.map(f => f.path).sort()).toEqual(asked)
  })
})
