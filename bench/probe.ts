/**
 * Benchmark (not a timed test): wall time of the whole probe phase against probe-timeout, for a chain of 8 proxies on
 * 127.0.0.1: 4 good ones with small latencies, 1 slow one, 2 that accept and never answer, and 1 that drops SYNs (a
 * port whose accept queue is full), plus a checksum database that never answers. Several repetitions per timeout;
 * prints and returns markdown with the median and the spread of the wall time and of the overshoot past the timeout.
 *
 * Environment: BENCH_TIMEOUTS (comma-separated ms, default 500,1000,3000), BENCH_REPS (default 5).
 */
import http from 'node:http'
import net from 'node:net'
import { composePlan } from '../src/settings/compose.js'
import { GRACE_FACTOR, GRACE_FLOOR_MS } from '../src/probe/settle.js'
import { readSettings } from '../src/settings/settings.js'
import { probeChain, type ProbeOutcome } from '../src/probe/probe.js'
import { startSynDrop } from '../__tests__/support/goproxy-server.js'

interface Running {
  url: string
  close(): Promise<void> | void
}

function track(server: net.Server): () => Promise<void> {
  const sockets = new Set<net.Socket>()
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  return () => {
    const closed = new Promise<void>(resolve => server.close(() => resolve()))
    for (const socket of sockets) socket.destroy()
    return closed
  }
}

function listen(server: net.Server): Promise<number> {
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))
  )
}

/** A module proxy that answers every @v/list with one version after `latencyMs`. */
async function goodProxy(latencyMs: number): Promise<Running> {
  const timers = new Set<NodeJS.Timeout>()
  const server = http.createServer((req, res) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      const list = req.url?.endsWith('/@v/list') ?? false
      res.writeHead(list ? 200 : 404, { 'Content-Type': 'text/plain' })
      res.end(list ? 'v0.1.0\nv0.2.0\n' : 'not found\n')
    }, latencyMs)
    timers.add(timer)
  })
  const close = track(server)
  const port = await listen(server)
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      timers.forEach(clearTimeout)
      return close()
    }
  }
}

/** Accepts connections and never reads or writes. */
async function silentServer(): Promise<Running> {
  const server = net.createServer({ pauseOnConnect: true }, () => undefined)
  const close = track(server)
  return { url: `http://127.0.0.1:${await listen(server)}`, close }
}

function synDropper(): Promise<Running> {
  return startSynDrop(600_000)
}

function stats(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return { median, min: sorted[0], max: sorted[sorted.length - 1] }
}

/** Runs the benchmark; prints the markdown and returns it. */
export async function main(): Promise<string> {
  const timeouts = (process.env.BENCH_TIMEOUTS ?? '500,1000,3000').split(',').map(Number)
  const reps = Number(process.env.BENCH_REPS ?? '5')
  const servers: Running[] = [
    await goodProxy(0),
    await goodProxy(5),
    await goodProxy(10),
    await goodProxy(20),
    await goodProxy(250),
    await silentServer(),
    await silentServer(),
    await synDropper()
  ]
  const sumdb = await silentServer()
  const names = [
    'good 0 ms',
    'good 5 ms',
    'good 10 ms',
    'good 20 ms',
    'slow 250 ms',
    'never answers',
    'never answers',
    'drops SYNs'
  ]
  // Interleave the dead ones so no "|" run is all good.
  const order = [5, 0, 7, 1, 4, 2, 6, 3]
  const plan = composePlan(
    readSettings(name => (name === 'proxies' ? `${order.map(i => servers[i].url).join('|')},direct` : '')),
    { env: {} }
  )
  // The same chain with GOSUMDB off: nothing to verify, so the probe ends once the run is settled
  // (probe/settle.ts) instead of waiting for the never-answering proxies until probe-timeout.
  const settledPlan = composePlan(
    readSettings(name =>
      name === 'proxies' ? `${order.map(i => servers[i].url).join('|')},direct` : name === 'sumdb' ? 'off' : ''
    ),
    { env: {} }
  )
  const lines = [
    '## Probe wall time vs probe-timeout',
    '',
    `8 proxies on 127.0.0.1 (4 good, 1 slow at 250 ms per request, 2 that never answer, 1 that drops SYNs) and a checksum database that never answers; ${reps} runs per timeout, Node ${process.version}.`,
    'The checksum database is never verified, so the probe cannot end early: this is the deadline at work.',
    '',
    '| probe-timeout | median wall | min | max | spread | median overshoot | max overshoot |',
    '|---|---|---|---|---|---|---|'
  ]
  let last: ProbeOutcome | undefined
  const ms = (n: number) => `${n.toFixed(1)} ms`
  const measure = async (modulePlan: typeof plan, timeoutMs: number): Promise<number[]> => {
    const walls: number[] = []
    for (let rep = 0; rep < reps; rep++) {
      const start = performance.now()
      last = await probeChain(modulePlan, {
        timeoutMs,
        probeModule: 'golang.org/x/mod',
        order: 'latency',
        // Every address the probe derives for the checksum database goes to the silent server.
        sumdbBaseOverride: () => sumdb.url
      })
      walls.push(performance.now() - start)
    }
    return walls
  }
  try {
    for (const timeoutMs of timeouts) {
      const walls = await measure(plan, timeoutMs)
      const wall = stats(walls)
      const over = stats(walls.map(w => w - timeoutMs))
      lines.push(
        `| ${timeoutMs} ms | ${ms(wall.median)} | ${ms(wall.min)} | ${ms(wall.max)} | ${ms(wall.max - wall.min)} | ${ms(over.median)} | ${ms(over.max)} |`
      )
    }
    lines.push(
      '',
      '## The probe ends when settled',
      '',
      `The same chain with GOSUMDB off: once the "|" run has working members, the proxies that have not answered within the grace window (${GRACE_FACTOR}x the slowest working median, at least ${GRACE_FLOOR_MS} ms) are dropped as too slow. Here the good ones answer in under 30 ms, so the window is the ${GRACE_FLOOR_MS} ms floor: the 250 ms proxy answers within it and is kept (sorted last), the ones that never answer are cut at the floor, and a probe-timeout below the floor ends at its deadline.`,
      '',
      '| probe-timeout | median wall | min | max |',
      '|---|---|---|---|'
    )
    for (const timeoutMs of timeouts) {
      const wall = stats(await measure(settledPlan, timeoutMs))
      lines.push(`| ${timeoutMs} ms | ${ms(wall.median)} | ${ms(wall.min)} | ${ms(wall.max)} |`)
    }
  } finally {
    await Promise.all([...servers, sumdb].map(s => s.close()))
  }
  if (last) {
    lines.push('', 'Last run, per proxy:', '', '| proxy | result | median | position |', '|---|---|---|---|')
    for (const p of last.report.proxies) {
      const name = names[servers.findIndex(s => s.url === p.url)]
      lines.push(
        `| ${name} | ${p.status} | ${p.medianMs === null ? '-' : `${p.medianMs} ms`} | ${p.position ?? 'dropped'} |`
      )
    }
    lines.push('', `Checksum database: ${last.report.sumdb.status} (${last.report.sumdb.route}).`)
  }
  const markdown = lines.join('\n')
  console.log(markdown)
  return markdown
}
