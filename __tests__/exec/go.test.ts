/**
 * The one go runner (src/exec/go.ts): the real go command for what go sees, and node as a stand-in child where the
 * behaviour is the runner's own (timeouts, process-tree kill, output caps, streamed lines, abort, a failed start).
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { goEnv, runGo } from '../../src/exec/go.js'
import { cleanupTempDirs, findGo, goTestEnv, tempDir } from '../support/go.js'

const go = findGo()
const node = process.execPath

afterAll(cleanupTempDirs)

/** Polls `condition` every 50 ms until it holds or `capMs` passes (a generous cap: only a hang should hit it). */
async function eventually(condition: () => boolean, capMs = 20_000): Promise<boolean> {
  const until = Date.now() + capMs
  while (Date.now() < until) {
    if (condition()) return true
    await new Promise(done => setTimeout(done, 50))
  }
  return condition()
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('runGo with the real go command', () => {
  it.each([
    ['forced to local when no switch is meant', undefined, 'local'],
    ['forced to local even when false is said', false, 'local'],
    ["the caller's value kept when a switch is meant", true, 'go1.23.5+auto']
  ])('GOTOOLCHAIN %s', async (_, toolchainSwitch, expected) => {
    const dir = tempDir('exec-toolchain')
    const env = goTestEnv(dir, { GOTOOLCHAIN: 'go1.23.5+auto' })
    const run = await runGo(go, ['env', 'GOTOOLCHAIN'], {
      cwd: dir,
      env,
      timeoutMs: 60_000,
      ...(toolchainSwitch === undefined ? {} : { toolchainSwitch })
    })
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(expected)
  })
})

describe('goEnv', () => {
  it('returns the values by name, as go reads them (GOENV file included)', async () => {
    const dir = tempDir('exec-goenv')
    const file = join(dir, 'go.env')
    writeFileSync(file, 'GOPROXY=https://goproxy.cn,direct\n')
    const result = await goEnv(go, ['GOPROXY', 'GONOSUMDB'], {
      cwd: dir,
      env: goTestEnv(dir, { GOENV: file, GOPROXY: undefined, GOPRIVATE: 'corp.example' })
    })
    expect(result).toEqual({ ok: true, values: { GOPROXY: 'https://goproxy.cn,direct', GONOSUMDB: 'corp.example' } })
  })

  it('in a module that asks for a newer Go, with GOTOOLCHAIN unset: no toolchain download, the go env -w value', async () => {
    const dir = tempDir('exec-newer')
    writeFileSync(join(dir, 'go.mod'), 'module example.com/newer\n\ngo 1.99.0\n')
    const file = join(dir, 'go.env')
    writeFileSync(file, 'GOPROXY=https://goproxy.cn,direct\n')
    const result = await goEnv(go, ['GOPROXY'], {
      cwd: dir,
      env: goTestEnv(dir, { GOENV: file, GOPROXY: undefined, GOTOOLCHAIN: undefined })
    })
    expect(result).toEqual({ ok: true, values: { GOPROXY: 'https://goproxy.cn,direct' } })
  })

  it("a failing go: kind exit, with go's first stderr line in the message", async () => {
    const dir = tempDir('exec-noroot')
    const result = await goEnv(go, ['GOPROXY'], { cwd: dir, env: goTestEnv(dir, { GOROOT: join(dir, 'missing') }) })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.kind).toBe('exit')
    expect(result.message).toMatch(/^go env GOPROXY failed \(exit 2\): go: cannot find GOROOT directory: .*missing$/)
    expect(result.stderr).toContain('cannot find GOROOT directory')
  })

  it('a go that cannot start: kind spawn, naming the binary', async () => {
    const dir = tempDir('exec-nogo')
    const missing = join(dir, 'no-such-go')
    const result = await goEnv(missing, ['GOPROXY'], { cwd: dir, env: goTestEnv(dir) })
    expect(result).toMatchObject({ ok: false, kind: 'spawn' })
    if (!result.ok) expect(result.message).toContain(missing)
  })

  it.each([[[]], [['goproxy']], [['GOPROXY', 'A B']]])('refuses variable names %j', async names => {
    await expect(goEnv(go, names, { cwd: tempDir('exec-names'), env: {} })).rejects.toThrow(
      /goEnv: invalid variable name/
    )
  })
})

describe('runGo as a process runner (node stands in for go)', () => {
  it('keeps stdout and stderr up to their caps and counts the rest', async () => {
    const run = await runGo(
      node,
      ['-e', "process.stdout.write('o'.repeat(3000)); process.stderr.write('e'.repeat(500))"],
      { cwd: tempDir('exec-caps'), env: process.env, timeoutMs: 60_000, stdoutLimit: 1000, stderrLimit: 100 }
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('o'.repeat(1000))
    expect(run.stdoutDropped).toBe(2000)
    expect(run.stderr).toBe('e'.repeat(100))
    expect(run.stderrDropped).toBe(400)
  })

  it('streams stdout lines as they arrive: split chunks joined, CRLF trimmed, a last unterminated line given', async () => {
    const lines: string[] = []
    const script =
      "process.stdout.write('{\"a\":'); setTimeout(() => { process.stdout.write('1}\\r\\nsecond\\nlast') }, 100)"
    const run = await runGo(node, ['-e', script], {
      cwd: tempDir('exec-lines'),
      env: process.env,
      timeoutMs: 60_000,
      onStdoutLine: line => lines.push(line)
    })
    expect(run.code).toBe(0)
    expect(lines).toEqual(['{"a":1}', 'second', 'last'])
  })

  it('a timeout kills the child and says so', async () => {
    const run = await runGo(node, ['-e', 'setTimeout(() => {}, 600000)'], {
      cwd: tempDir('exec-timeout'),
      env: process.env,
      timeoutMs: 500
    })
    expect(run).toMatchObject({ timedOut: true, aborted: false, code: null })
  })

  it('a kill reaches the whole process tree, grandchildren included', async () => {
    const dir = tempDir('exec-tree')
    const pidFile = join(dir, 'grandchild.pid')
    // The child starts a grandchild that would live for minutes, records its pid, says so, then waits itself.
    const script = `
      const { spawn } = require('node:child_process')
      const g = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' })
      require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(g.pid))
      console.log('ready')
      setTimeout(() => {}, 600000)`
    const controller = new AbortController()
    const run = await runGo(node, ['-e', script], {
      cwd: dir,
      env: process.env,
      timeoutMs: 120_000,
      signal: controller.signal,
      onStdoutLine: line => {
        if (line === 'ready') controller.abort('test')
      }
    })
    expect(run.aborted).toBe(true)
    const grandchild = Number(readFileSync(pidFile, 'utf8'))
    expect(grandchild).toBeGreaterThan(0)
    expect(await eventually(() => !alive(grandchild))).toBe(true)
  })

  it('an abort kills the child and says why', async () => {
    const controller = new AbortController()
    const pending = runGo(node, ['-e', "console.log('started'); setTimeout(() => {}, 600000)"], {
      cwd: tempDir('exec-abort'),
      env: process.env,
      timeoutMs: 120_000,
      signal: controller.signal,
      onStdoutLine: line => {
        if (line === 'started') controller.abort('stall')
      }
    })
    const run = await pending
    expect(run).toMatchObject({ aborted: true, abortReason: 'stall', timedOut: false, code: null })
  })

  it('a program that cannot start resolves with spawnError, never rejects', async () => {
    const dir = tempDir('exec-missing')
    const run = await runGo(join(dir, 'nothing-here'), ['env'], { cwd: dir, env: process.env, timeoutMs: 60_000 })
    expect(run.code).toBeNull()
    expect(run.spawnError).toMatch(/ENOENT/)
  })
})
