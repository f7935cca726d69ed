/**
 * Benchmark (not a timed test): plain `go mod download` on a layered module graph (bench/graph.ts), the figure the
 * prefetcher has to beat. A loopback proxy answers every request after a fixed delay (0 ms: pure loopback; 50 ms: a
 * proxy one continent away), a loopback checksum database is configured (GOSUMDB with its key and URL; the complete
 * go.sum means go verifies against go.sum and never needs to ask it), and every run starts with an empty module
 * cache. Run as `node bench/run.js baseline`; the section is printed, not written to RESULTS.md.
 *
 * Environment: BENCH_BASELINE_MODULES (default 200), BENCH_BASELINE_REPS (default 2), BENCH_BASELINE_BIG_MB
 * (default 5; 0 for none), BENCH_BASELINE_LATENCIES (default `0,50`), BENCH_BASELINE_PROCS (default `default,64`),
 * BENCH_BASELINE_MODULE_GO (go directive of the dependency modules, default 1.16: unpruned, loaded layer by layer).
 */
import { join } from 'node:path'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../__tests__/support/go.js'
import { startProxy } from '../__tests__/support/goproxy-server.js'
import { startSumdb } from '../__tests__/support/sumdb-server.js'
import { layeredGraph } from './graph.js'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs the baseline and returns its markdown section. */
export async function main(): Promise<string> {
  const go = findGo()
  if (!go) throw new Error('bench baseline: no go binary on PATH or at /usr/lib/go-1.23/bin/go')
  const count = Number(process.env.BENCH_BASELINE_MODULES ?? 200)
  const reps = Number(process.env.BENCH_BASELINE_REPS ?? 2)
  const bigMb = Number(process.env.BENCH_BASELINE_BIG_MB ?? 5)
  const latencies = (process.env.BENCH_BASELINE_LATENCIES ?? '0,50').split(',').map(Number)
  const procsList = (process.env.BENCH_BASELINE_PROCS ?? 'default,64').split(',')

  const moduleGo = process.env.BENCH_BASELINE_MODULE_GO ?? '1.16'
  const graph = layeredGraph({ count, bigModuleBytes: bigMb * 1024 * 1024, moduleGo })
  const sumdb = await startSumdb({ records: graph.sumdbRecords })
  const rows: string[] = []
  try {
    for (const latencyMs of latencies) {
      const proxy = await startProxy({ modules: graph.modules, latencyMs })
      try {
        for (const procs of procsList) {
          const samples: number[] = []
          let requests = 0
          for (let rep = 0; rep < reps; rep++) {
            const root = tempDir('bench-baseline')
            const app = join(root, 'app')
            graph.writeProject(app)
            const env = goTestEnv(root, {
              GOPROXY: proxy.url,
              GOSUMDB: sumdb.gosumdb,
              GOMAXPROCS: procs === 'default' ? undefined : procs
            })
            const before = proxy.requests.length
            const run = await runGo(['mod', 'download'], { cwd: app, env, go, timeoutMs: 600_000 })
            if (run.code !== 0)
              throw new Error(`go mod download failed (rc ${run.code}):\n${run.stderr.slice(0, 2000)}`)
            requests = proxy.requests.length - before
            samples.push(run.ms)
            console.error(
              `baseline: ${count} modules, ${latencyMs} ms, GOMAXPROCS=${procs}: ${(run.ms / 1000).toFixed(2)} s`
            )
          }
          rows.push(
            `| ${count}${bigMb ? ` + ${bigMb} MB` : ''} | ${latencyMs} ms | ${procs} | ${(median(samples) / 1000).toFixed(2)} s | ${(Math.min(...samples) / 1000).toFixed(2)}–${(Math.max(...samples) / 1000).toFixed(2)} s | ${requests} |`
          )
        }
      } finally {
        await proxy.close()
      }
    }
  } finally {
    await sumdb.close()
    await cleanupTempDirs()
  }
  return [
    '## Plain `go mod download` baseline',
    '',
    `Layered graph (${graph.layers.length} layers, each module requiring 3 of the next layer; go ${moduleGo} modules${moduleGo === '1.16' ? ', so the graph is loaded layer by layer' : ''}), complete go.sum, loopback checksum database, empty module cache per run; ${reps} repetition(s).`,
    '',
    '| modules | delay per answer | GOMAXPROCS | median | spread | requests |',
    '|---|---|---|---|---|---|',
    ...rows
  ].join('\n')
}
