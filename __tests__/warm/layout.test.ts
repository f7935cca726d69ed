/**
 * Which directories the warm phase downloads for: a go.work workspace runs once as a workspace, a monorepo glob finds
 * every module (never under vendor/, testdata/ or node_modules/), and a directory without Go is a note, not a failure.
 * And finding go: PATH first, then the runner's tool cache, undefined when there is none.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { globMatcher, resolveDirectories } from '../../src/warm/directories.js'
import { compareVersions, findGoInToolCache } from '../../src/exec/find-go-toolcache.js'
import { findGo, warmModules, type WarmOptions } from '../../src/warm/warm.js'
import { cleanupTempDirs, findGo as findTestGo, goTestEnv, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { moduleSet, writeProject, writeWorkspace } from '../support/modules.js'
import { captureLogger, chainOf, planOf, SUMDB_OFF } from './warm-helpers.js'

const go = findTestGo()
const modules = moduleSet(4, 'example.com/layout')

afterAll(() => cleanupTempDirs())

describe('warmModules over workspaces and monorepos (real go)', () => {
  let proxy: TestProxy
  beforeAll(async () => {
    proxy = await startProxy({ modules })
  })
  afterAll(() => proxy.close())

  const options = (root: string, directories: string[]): WarmOptions => {
    const chain = chainOf([[proxy.url]])
    return {
      go: go!,
      directories,
      cwd: root,
      env: goTestEnv(root),
      chain,
      plan: planOf(chain),
      sumdb: SUMDB_OFF,
      timeoutSeconds: 25,
      retries: 2,
      stallSeconds: 5,
      requestTimeoutMs: 1000,
      log: captureLogger()
    }
  }

  it('downloads a go.work workspace of two modules in one run, also when its members are listed', async () => {
    const root = tempDir('workspace')
    writeWorkspace(root, [
      { dir: 'app', module: 'example.com/ws/app', requires: modules.slice(0, 2) },
      { dir: 'tool', module: 'example.com/ws/tool', requires: modules.slice(2, 3) }
    ])
    const report = await warmModules(options(root, ['app', 'tool']))
    expect(report).toMatchObject({ ok: true, downloaded: 3, cached: 0, attempts: 1, directories: ['.'] })
  })

  it('finds every module of a monorepo with **/go.mod, skipping vendor, testdata and node_modules', async () => {
    const root = tempDir('monorepo')
    writeProject(join(root, 'services/a'), { module: 'example.com/svc/a', requires: modules.slice(0, 1) })
    writeProject(join(root, 'services/b'), { module: 'example.com/svc/b', requires: modules.slice(1, 3) })
    for (const skipped of ['vendor/x', 'services/a/testdata/y', 'web/node_modules/z']) {
      writeProject(join(root, skipped), {
        module: `example.com/${skipped.replace(/\//g, '-')}`,
        requires: modules.slice(3)
      })
    }
    const report = await warmModules(options(root, ['**/go.mod']))
    expect(report).toMatchObject({ ok: true, downloaded: 3, directories: ['services/a', 'services/b'] })
  })

  it('reports a go binary that cannot be started as a failure, without retrying', async () => {
    const root = tempDir('badgo')
    writeProject(join(root, 'app'), { requires: modules.slice(0, 1) })
    const report = await warmModules({ ...options(root, ['app']), go: join(root, 'no-such-go') })
    expect(report).toMatchObject({
      ok: false,
      attempts: 1,
      failed: [{ goMod: 'app/go.mod', diagnosis: { transient: false } }]
    })
    expect(report.failed[0].error).toContain('could not start')
  })

  it('notes a directory without Go and one that does not exist, and succeeds', async () => {
    const root = tempDir('nogo')
    mkdirSync(join(root, 'docs'))
    const report = await warmModules(options(root, ['docs', 'missing']))
    expect(report).toMatchObject({ ok: true, downloaded: 0, cached: 0, attempts: 0, directories: [] })
    expect(report.notes.join('\n')).toMatch(
      /docs has no go\.mod[\s\S]*"missing" does not exist|"missing" does not exist[\s\S]*docs has no go\.mod/
    )
  })
})

describe('resolveDirectories', () => {
  it('uses the nearest go.mod above a directory, as the go command does, and each module once', async () => {
    const root = tempDir('nearest')
    writeProject(root, { requires: [] })
    mkdirSync(join(root, 'cmd/tool'), { recursive: true })
    const { sets } = await resolveDirectories(['.', 'cmd/tool', './'], root)
    expect(sets.map(s => s.dir)).toEqual([root])
  })

  it('ignores go.work when GOWORK=off', async () => {
    const root = tempDir('gowork-off')
    writeWorkspace(root, [{ dir: 'app', requires: [] }])
    const { sets } = await resolveDirectories(['app'], root, 'off')
    expect(sets).toEqual([{ dir: join(root, 'app'), goMods: [join(root, 'app', 'go.mod')] }])
  })

  it('expands a brace list, {api,web}/go.mod, like the other globs (picomatch)', async () => {
    const root = tempDir('braces')
    for (const dir of ['api', 'web', 'legacy'])
      writeProject(join(root, dir), { module: `example.com/${dir}`, requires: [] })
    const { sets, notes } = await resolveDirectories(['{api,web}/go.mod'], root)
    expect(notes).toEqual([])
    expect(sets.map(s => s.dir)).toEqual([join(root, 'api'), join(root, 'web')])
  })

  it.each([
    ['**/go.mod', 'go.mod', true],
    ['**/go.mod', 'a/b/go.mod', true],
    ['services/*', 'services/a', true],
    ['services/*', 'services/a/b', false],
    ['svc-?', 'svc-1', true],
    ['[ab]/go.mod', 'c/go.mod', false],
    ['a.b/**', 'a.b/x/y', true],
    ['a.b/**', 'aXb/x', false]
  ])('glob %s matches %s: %s', (glob, path, expected) => {
    expect(globMatcher(glob)(path)).toBe(expected)
  })
})

describe('findGo', () => {
  it('returns undefined when PATH has no go and there is no other lookup', async () => {
    expect(await findGo(undefined, { PATH: '' })).toBeUndefined()
  })

  it('finds go on PATH, and asks the extra lookup only when PATH has none', async () => {
    const dir = tempDir('path')
    const fake = join(dir, process.platform === 'win32' ? 'go.exe' : 'go')
    writeFileSync(fake, '#!/bin/sh\n')
    chmodSync(fake, 0o755)
    let asked = 0
    const lookup = () => {
      asked++
      return '/opt/other/go'
    }
    expect(await findGo(lookup, { PATH: dir })).toBe(fake)
    expect(asked).toBe(0)
    expect(await findGo(lookup, { PATH: '' })).toBe('/opt/other/go')
  })

  it('finds the newest Go of the runner tool cache (as actions/setup-go leaves it)', () => {
    const cache = tempDir('toolcache')
    for (const version of ['1.22.10', '1.23.4', '1.9.0']) {
      const bin = join(cache, 'go', version, os.arch(), 'bin')
      mkdirSync(bin, { recursive: true })
      writeFileSync(join(bin, process.platform === 'win32' ? 'go.exe' : 'go'), '')
      writeFileSync(join(cache, 'go', version, `${os.arch()}.complete`), '')
    }
    const saved = process.env.RUNNER_TOOL_CACHE
    process.env.RUNNER_TOOL_CACHE = cache
    try {
      expect(findGoInToolCache()).toBe(
        join(cache, 'go', '1.23.4', os.arch(), 'bin', process.platform === 'win32' ? 'go.exe' : 'go')
      )
    } finally {
      if (saved === undefined) delete process.env.RUNNER_TOOL_CACHE
      else process.env.RUNNER_TOOL_CACHE = saved
    }
  })

  it.each([
    ['a newer copy without its .complete marker (interrupted)', '1.24.0', { complete: false, binary: true }],
    ['a newer entry without a go binary', '1.24.0', { complete: true, binary: false }],
    ['a directory whose name is not a version', 'latest', { complete: true, binary: true }]
  ])('skips %s in the tool cache and takes the newest complete Go', (_what, name, shape) => {
    const cache = tempDir('toolcache')
    const place = (version: string, { complete, binary }: { complete: boolean; binary: boolean }) => {
      const bin = join(cache, 'go', version, 'arm64', 'bin')
      mkdirSync(bin, { recursive: true })
      if (binary) writeFileSync(join(bin, 'go'), '')
      if (complete) writeFileSync(join(cache, 'go', version, 'arm64.complete'), '')
    }
    place('1.23.4', { complete: true, binary: true })
    place(name, shape)
    // Another arch's newer Go is not this machine's.
    place('1.25.0', { complete: true, binary: false })
    mkdirSync(join(cache, 'go', '1.25.0', 'x64', 'bin'), { recursive: true })
    expect(findGoInToolCache({ RUNNER_TOOL_CACHE: cache }, 'arm64', 'linux')).toBe(
      join(cache, 'go', '1.23.4', 'arm64', 'bin', 'go')
    )
    expect(findGoInToolCache({}, 'arm64', 'linux')).toBeUndefined()
  })

  it('orders Go versions numerically, pre-releases first', () => {
    expect(['1.22.10', '1.9.0', '1.22.9', '1.23.0-rc.10', '1.23.0', '1.23.0-rc.2'].sort(compareVersions)).toEqual([
      '1.9.0',
      '1.22.9',
      '1.22.10',
      '1.23.0-rc.2',
      '1.23.0-rc.10',
      '1.23.0'
    ])
  })
})
