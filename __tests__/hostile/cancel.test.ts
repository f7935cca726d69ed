/**
 * The runner cancels a step with SIGINT, then SIGTERM about 7.5 s later. The action, run as the runner runs it (the
 * test bundle built from src/), must then end go's process group (go runs in a group of its own, so the runner's
 * signal never reaches it), close the forwarder, leave the post step its state and end with a named failure; no go
 * process may outlive it — also not one talking straight to a checksum database that never answers (which would
 * otherwise hang forever).
 *
 * go's process is found the way `ps` finds it: /proc/<pid>/stat of every process, by parent pid (Linux only; the
 * suite fails elsewhere rather than skipping).
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { startBlackhole, startProxy, type Blackhole, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { alive, descendants, processTable } from '../support/processes.js'
import { runAction, runPost, type ActionRun } from '../support/run-action.js'

const lib = defineModule({ path: 'example.com/cancel/lib', version: 'v1.0.0' })

let silent: Blackhole
let proxy: TestProxy

beforeAll(async () => {
  expect(existsSync('/proc/self/stat')).toBe(true)
  silent = await startBlackhole()
  proxy = await startProxy({ modules: [lib] })
})

afterAll(async () => {
  await silent?.close()
  await proxy?.close()
  await cleanupTempDirs()
})

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

interface Cancelled {
  readonly run: ActionRun
  /** go (and whatever it started) as seen while the action ran. */
  readonly goPids: number[]
}

/** Runs the action until go is running under it (bounded wait), then sends `signals` as the runner would. */
async function cancelWhileGoRuns(
  inputs: Record<string, string>,
  envExtra: Record<string, string>,
  signals: ReadonlyArray<{ signal: NodeJS.Signals; afterMs: number }>,
  goSum = true
): Promise<Cancelled> {
  const root = tempDir('hostile-cancel')
  const project = join(root, 'project')
  writeProject(project, { module: 'example.com/cancel/app', requires: [lib], goSum })
  let pid = 0
  const job = runAction({
    inputs: { probe: 'false', 'working-directory': project, 'warm-timeout': '600', ...inputs },
    env: goTestEnv(root, envExtra),
    cwd: project,
    onStart: p => (pid = p),
    timeoutMs: 120_000
  })
  let ended = false
  void job.then(() => (ended = true))
  let goPids: number[] = []
  for (let i = 0; i < 600 && goPids.length === 0 && !ended; i++) {
    await sleep(100)
    if (pid) {
      goPids = descendants(pid).filter(p => {
        const comm = processTable().get(p)?.comm ?? ''
        return comm === 'go'
      })
    }
  }
  if (goPids.length === 0) throw new Error(`go never ran; the action said:\n${(await job).stdout}`)
  // Let go reach the network (it blocks there), and record what it started too.
  await sleep(1500)
  // `go env` for the log may have come and gone: what counts is every go running now, and what it started.
  const goNow = descendants(pid).filter(p => processTable().get(p)?.comm === 'go')
  goPids = [...new Set([...goNow, ...goNow.flatMap(descendants)])]
  if (goNow.length === 0) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // It ended by itself.
    }
    const run = await job
    throw new Error(`go was not running 1.5 s after it started; the action said:\n${run.stdout}`)
  }
  for (const { signal, afterMs } of signals) {
    await sleep(afterMs)
    try {
      process.kill(pid, signal)
    } catch {
      // Already ended after the first signal.
    }
  }
  return { run: await job, goPids }
}

/** go processes still alive after the action ended; they are killed here (hygiene), and the test then fails. */
async function survivors(goPids: readonly number[]): Promise<number[]> {
  await sleep(500)
  const alive_ = goPids.filter(alive)
  for (const pid of alive_) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Gone meanwhile.
    }
  }
  return alive_
}

const errorLines = (run: ActionRun) => run.stdout.split(/\r?\n/).filter(line => line.startsWith('::error::'))

test.each([
  ['SIGINT', [{ signal: 'SIGINT', afterMs: 0 }]],
  ['SIGTERM', [{ signal: 'SIGTERM', afterMs: 0 }]],
  [
    'SIGINT then SIGTERM 7.5 s later',
    [
      { signal: 'SIGINT', afterMs: 0 },
      { signal: 'SIGTERM', afterMs: 7500 }
    ]
  ]
] as const)(
  'cancel (%s) while go waits on a proxy that never answers: go ends with the action, a named failure',
  async (name, signals) => {
    const { run, goPids } = await cancelWhileGoRuns({ proxies: silent.url }, {}, signals)
    expect(await survivors(goPids)).toEqual([])
    expect(run.killed).toBe(false)
    expect(run.code).not.toBe(0)
    expect(errorLines(run).join('\n')).toMatch(new RegExp(`cancelled \\(${name.split(' ')[0]}\\)`))
    expect(run.state.isPost).toBe('true')
  },
  120_000
)

test('cancel while go talks straight to a checksum database that never answers: no go survives', async () => {
  const { run, goPids } = await cancelWhileGoRuns(
    // GOSUMDB with a URL: go asks the database itself, never through the forwarder.
    { proxies: proxy.url, sumdb: `sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8 ${silent.url}` },
    {},
    [{ signal: 'SIGINT', afterMs: 0 }],
    // No go.sum: go must ask the database for every hash, and waits on it forever.
    false
  )
  expect(await survivors(goPids)).toEqual([])
  expect(run.killed).toBe(false)
  expect(errorLines(run).join('\n')).toMatch(/cancelled \(SIGINT\)/)
}, 120_000)

test('after a cancel the post step still finds its state and removes the credential files', async () => {
  const { run } = await cancelWhileGoRuns(
    {
      proxies: proxy.url,
      sumdb: `sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8 ${silent.url}`,
      // A private module host: its credentials go into a git config file of the action's own.
      auth: 'git.corp.example/team x-access-token:s3cret-cancel'
    },
    {},
    [{ signal: 'SIGINT', afterMs: 0 }],
    false
  )
  expect(errorLines(run).join('\n')).toMatch(/cancelled \(SIGINT\)/)
  const dir = run.state.credentialDir
  expect(dir).toBeTruthy()
  const files = readdirSync(dir)
  expect(files.length).toBeGreaterThan(0)
  const post = await runPost(run, goTestEnv(tempDir('hostile-cancel-post')))
  expect(post.code).toBe(0)
  expect(existsSync(dir)).toBe(false)
}, 120_000)
