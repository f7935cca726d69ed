/**
 * Ctrl-C or a CI system's SIGTERM while the CLI warms: the bundled CLI (built from src/ by the global setup), run as
 * npm's bin runs it, must end go's process group (go runs in a group of its own, so a signal to the CLI alone never
 * reaches it), say that it was cancelled and exit with the shell's code for the signal; no go may outlive it.
 * Linux only (/proc): the suite fails elsewhere rather than skipping.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { startBlackhole, type Blackhole } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { alive, descendants, processTable } from '../support/processes.js'
import { CLI_ENTRY } from '../support/run-action.js'

const lib = defineModule({ path: 'example.com/clicancel/lib', version: 'v1.0.0' })
let silent: Blackhole

beforeAll(async () => {
  expect(existsSync('/proc/self/stat')).toBe(true)
  silent = await startBlackhole()
})
afterAll(async () => {
  await silent?.close()
  await cleanupTempDirs()
})

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

test.each([
  ['SIGINT', 130],
  ['SIGTERM', 143]
] as const)(
  'cancel (%s) while go waits on a proxy that never answers: go ends with the CLI, exit %i',
  async (signal, exitCode) => {
    const root = tempDir('cli-cancel-')
    const project = join(root, 'project')
    writeProject(project, { module: 'example.com/clicancel/app', requires: [lib] })
    const child = spawn(
      process.execPath,
      [CLI_ENTRY, 'warm', '--no-probe', `--proxies=${silent.url}`, '--warm-timeout=600', project],
      { env: goTestEnv(root), cwd: project, stdio: ['ignore', 'pipe', 'pipe'], detached: true }
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.resume()
    const ended = new Promise<number | null>(resolve => child.on('close', code => resolve(code)))
    const hang = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 90_000)
    try {
      let goPids: number[] = []
      for (let i = 0; i < 600 && goPids.length === 0 && child.exitCode === null; i++) {
        await sleep(100)
        goPids = descendants(child.pid!).filter(pid => processTable().get(pid)?.comm === 'go')
      }
      if (goPids.length === 0) throw new Error(`go never ran; the CLI said:\n${stderr}`)
      // Let go reach the network (it blocks there), and record what it started too.
      await sleep(1500)
      goPids = [...new Set([...goPids, ...goPids.flatMap(descendants)])]
      process.kill(child.pid!, signal)
      const code = await ended
      await sleep(500)
      const survivors = goPids.filter(alive)
      survivors.forEach(pid => process.kill(pid, 'SIGKILL'))
      expect(survivors).toEqual([])
      expect(code).toBe(exitCode)
      expect(stderr).toContain(`error: cancelled (${signal}): go and what it started were ended`)
    } finally {
      clearTimeout(hang)
    }
  },
  120_000
)
