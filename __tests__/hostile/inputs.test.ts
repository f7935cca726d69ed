/**
 * Smaller holes found by trying the action as an attacker would, run the way the runner runs it (the test bundle
 * built from src/): an answer that only looks like a version list, a version file that never ends, a
 * working-directory that does not exist.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { isVersionList } from '../../src/probe/report.js'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule } from '../support/modules.js'
import { runAction, type ActionRun } from '../support/run-action.js'
import { testOnlyWhere } from '../support/platform.js'

const probeModule = defineModule({ path: 'example.com/inputs/probe', version: 'v1.0.0' })

let good: TestProxy
let noNewline: http.Server
let noNewlineUrl: string

beforeAll(async () => {
  good = await startProxy({ modules: [probeModule] })
  // 200 with 100 KiB and not one newline: a page, a blob, anything but a version list.
  noNewline = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('v1.0.0'.padEnd(100 * 1024, 'x'))
  })
  await new Promise<void>(resolve => noNewline.listen(0, '127.0.0.1', resolve))
  noNewlineUrl = `http://127.0.0.1:${(noNewline.address() as AddressInfo).port}`
})

afterAll(async () => {
  await good?.close()
  await new Promise(resolve => noNewline?.close(resolve))
  await cleanupTempDirs()
})

const errorLines = (run: ActionRun) => run.stdout.split(/\r?\n/).filter(line => line.startsWith('::error::'))

function action(inputs: Record<string, string>, root = tempDir('hostile-inputs')): Promise<ActionRun> {
  return runAction({ inputs, env: goTestEnv(root), cwd: root, timeoutMs: 60_000 })
}

describe('a 200 answer with no newline in its first 64 KiB is not a version list', () => {
  test.each([
    ['no newline, cut at the limit', 'v1.0.0'.padEnd(64 * 1024, 'x'), true, false],
    ['one complete version line, then cut', 'v1.0.0\nv1.1.0'.padEnd(64 * 1024, 'x'), true, true],
    ['a short complete list', 'v1.0.0\nv1.1.0\n', false, true],
    ['empty (a module with no tagged versions)', '', false, true]
  ])('%s', (_name, body, truncated, expected) => {
    expect(isVersionList(body, truncated)).toBe(expected)
  })

  test('the probe drops such a proxy as "not a version list"', async () => {
    const run = await action({
      proxies: `${noNewlineUrl}|${good.url}`,
      'probe-module': probeModule.path,
      warm: 'false'
    })
    expect(run.code).toBe(0)
    expect(run.env.GOPROXY).toBe(good.url)
    expect(run.stdout).toMatch(/not a version list/)
  })
})

describe('go-version-file that is not a small regular file', () => {
  // POSIX device files; Windows has no such paths (there the case would test a missing file instead).
  const devices = testOnlyWhere(process.platform !== 'win32', 'POSIX only: /dev/zero and /dev/null are device files')
  for (const [file, why] of [
    ['/dev/zero', /not a regular file/],
    ['/dev/null', /not a regular file/]
  ] as const) {
    devices(`${file}: a clear error naming the input and the value, within bounds`, async () => {
      const run = await action({ 'go-version-file': file, proxies: good.url, probe: 'false', warm: 'false' })
      expect(run.killed).toBe(false)
      expect(run.code).not.toBe(0)
      const error = errorLines(run).join('\n')
      expect(error).toContain('go-version-file')
      expect(error).toContain(file)
      expect(error).toMatch(why)
      expect(error).not.toContain('undefined')
    })
  }

  test('a file larger than any version file: refused by its size, not read', async () => {
    const root = tempDir('hostile-inputs-big')
    const { writeFileSync } = await import('node:fs')
    const big = join(root, 'go.mod')
    writeFileSync(big, `module example.com/big\n\ngo 1.23\n${'// padding\n'.repeat(1 << 20)}`)
    const run = await action({ 'go-version-file': big, proxies: good.url, probe: 'false', warm: 'false' }, root)
    expect(run.code).not.toBe(0)
    const error = errorLines(run).join('\n')
    expect(error).toContain('go-version-file')
    expect(error).toMatch(/larger than/)
  })
})

test('a working-directory that does not exist fails naming the input and the value (a typo, not "nothing to warm")', async () => {
  const root = tempDir('hostile-inputs-wd')
  const run = await action(
    { proxies: good.url, 'probe-module': probeModule.path, 'working-directory': 'servces/api' },
    root
  )
  expect(run.code).not.toBe(0)
  const error = errorLines(run).join('\n')
  expect(error).toContain('working-directory')
  expect(error).toContain('servces/api')
  expect(error).toMatch(/does not exist/)
  expect(run.outputs.modules).toBeUndefined()
})
