/**
 * Upstreams that misbehave slowly or without end, run the way the runner runs the action (the test bundle built from
 * src/), through the one chain walker (src/go/proxy/walk.ts) and its driver (src/net/walk.ts):
 * - a trickle (a byte every 5 s) never trips a 30 s idle timeout: the throughput floor makes it a transient fault,
 *   so a `|` walk moves on, and a proxy that stalled once is not asked first again in the same install;
 * - a mirror at 64 KiB/s is abandoned for a fast one after it;
 * - a silent first proxy with `probe: false` is asked once, not three times per request;
 * - an endless `.mod` never reaches go unbounded (warm-concurrency 0: the forwarder passes answers through): the
 *   walker's size cap cuts it, and the failure says "answer larger than".
 */
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import { hostGoPlatform } from '../../src/install/version-file.js'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { startBlackhole, type Blackhole } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { runAction, type ActionRun } from '../support/run-action.js'
import { createSumdb, type SumdbDatabase } from '../support/sumdb-server.js'
import { fakeToolchainZip, toolchainRecord } from '../support/toolchain-zip.js'
import { startInstallServer, type InstallServer } from '../install/install-server.js'

let good: InstallServer
let db: SumdbDatabase
let moduleVersion: string
const servers: http.Server[] = []
let silent: Blackhole

beforeAll(async () => {
  const { goos, goarch } = hostGoPlatform()
  moduleVersion = `v0.0.1-go1.23.5.${goos}-${goarch}`
  const file = join(tempDir('hostile-upstream-zip'), 'go.zip')
  // 3 MiB that do not compress: at 64 KiB/s the zip would take ~48 s.
  const random = new Uint8Array(3 << 20).map(() => Math.floor(Math.random() * 256))
  const h1 = fakeToolchainZip(file, moduleVersion, [{ name: 'pkg/random.bin', data: random }])
  db = createSumdb({
    records: [toolchainRecord(moduleVersion, h1)]
  })
  good = await startInstallServer({ served: [{ moduleVersion, file }], db })
  silent = await startBlackhole()
})

afterAll(async () => {
  await good?.close()
  await silent?.close()
  for (const server of servers) await new Promise(resolve => server.close(resolve))
  await cleanupTempDirs()
})

/** A proxy that answers every request by relaying `good`'s answer at `bytesPerTick` every `tickMs`. */
async function startThrottled(bytesPerTick: number, tickMs: number): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '')
    http.get(`${good.url}${req.url ?? '/'}`, upstream => {
      const chunks: Buffer[] = []
      upstream.on('data', (chunk: Buffer) => chunks.push(chunk))
      upstream.on('end', () => {
        const body = Buffer.concat(chunks)
        res.writeHead(upstream.statusCode ?? 502, {
          'Content-Type': upstream.headers['content-type'] ?? 'application/octet-stream',
          'Content-Length': body.length
        })
        let sent = 0
        const tick = setInterval(() => {
          if (res.destroyed || sent >= body.length) {
            clearInterval(tick)
            if (!res.destroyed) res.end()
            return
          }
          res.write(body.subarray(sent, sent + bytesPerTick))
          sent += bytesPerTick
        }, tickMs)
        res.on('close', () => clearInterval(tick))
      })
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  server.on('close', () => sockets.forEach(s => s.destroy()))
  const close = server.close.bind(server)
  server.close = ((cb?: (err?: Error) => void) => {
    sockets.forEach(s => s.destroy())
    return close(cb)
  }) as typeof server.close
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests }
}

function install(proxies: string, timeoutMs: number): Promise<ActionRun> {
  const root = tempDir('hostile-upstream-job')
  return runAction({
    inputs: {
      'go-version': '1.23.5',
      proxies,
      // The database at the good proxy's /sumdb/, named by URL: only the list and the zip walk the chain.
      sumdb: `${db.verifierKey} ${good.url}/sumdb/${db.name}`,
      probe: 'false',
      warm: 'false'
    },
    env: { ...goTestEnv(root), RUNNER_TOOL_CACHE: join(root, 'toolcache') },
    cwd: root,
    timeoutMs
  })
}

const errorLines = (run: ActionRun) => run.stdout.split(/\r?\n/).filter(line => line.startsWith('::error::'))

test('a trickling first proxy (a byte every 5 s): the walk moves on, and the zip is not asked of it again', async () => {
  const trickle = await startThrottled(1, 5000)
  const run = await install(`${trickle.url}|${good.url}`, 150_000)
  expect(run.killed).toBe(false)
  expect(errorLines(run)).toEqual([])
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(/below the floor/)
  // Asked for the list only: it stalled, so the zip went to the good proxy first.
  expect(trickle.requests.filter(r => r.endsWith('.zip'))).toEqual([])
  expect(run.stdout).toContain(`from ${good.url}`)
}, 180_000)

test('a 64 KiB/s mirror is abandoned for a fast one after it', async () => {
  const slow = await startThrottled(16 << 10, 250)
  const run = await install(`${slow.url}|${good.url}`, 150_000)
  expect(run.killed).toBe(false)
  expect(errorLines(run)).toEqual([])
  expect(run.code).toBe(0)
  expect(run.stdout).toMatch(
    new RegExp(`Downloaded golang\\.org/toolchain@\\S+ from ${good.url.replace(/\./g, '\\.')}`)
  )
}, 180_000)

test('a silent first proxy with probe: false is asked once for the whole install, not three times per request', async () => {
  const before = silent.accepted
  const run = await install(`${silent.url}|${good.url}`, 170_000)
  expect(run.killed).toBe(false)
  expect(run.code).toBe(0)
  // One try, for the list; the zip went to the good proxy first. (The connection count allows a spare connection of
  // the client's pool; three tries per request would be six.)
  const tried = run.stdout.split('\n').filter(line => line.includes(`${silent.url}/golang.org/toolchain/@v/`))
  expect(tried).toHaveLength(1)
  expect(tried[0]).toMatch(/@v\/list: /)
  expect(silent.accepted - before).toBeLessThanOrEqual(2)
}, 200_000)

describe('an endless .mod with warm-concurrency 0 (go talks to the forwarder, which passes answers through)', () => {
  const lib = defineModule({ path: 'example.com/endless/lib', version: 'v1.0.0' })

  test('is cut at the walker\'s cap and reported as "answer larger than …", within bounds', async () => {
    // .info answers; .mod never ends.
    const endless = http.createServer((req, res) => {
      const url = req.url ?? ''
      if (url.endsWith('.info')) {
        return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ Version: lib.version }))
      }
      if (!url.endsWith('.mod')) return res.writeHead(404).end()
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      const line = Buffer.alloc(64 << 10, '// endless\n')
      const pump = (): void => {
        while (!res.destroyed && res.write(line));
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    })
    await new Promise<void>(resolve => endless.listen(0, '127.0.0.1', resolve))
    servers.push(endless)
    const root = tempDir('hostile-endless')
    const project = join(root, 'project')
    writeProject(project, { module: 'example.com/endless/app', requires: [lib], goSum: false })
    const run = await runAction({
      inputs: {
        proxies: `http://127.0.0.1:${(endless.address() as AddressInfo).port}`,
        probe: 'false',
        'working-directory': project,
        'warm-concurrency': '0',
        'warm-timeout': '60',
        retries: '1'
      },
      env: goTestEnv(root),
      cwd: project,
      timeoutMs: 120_000
    })
    expect(run.killed).toBe(false)
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/answer larger than 16 MiB/)
    expect(run.stdout).not.toMatch(/raise warm-timeout/i)
  }, 150_000)
})
