/**
 * Benchmark (not a timed test): plain `go mod download` against the action's warm phase (warmModules) on the same
 * module set, served by loopback proxies, each run with an empty module cache:
 *
 * - healthy: one good proxy;
 * - dead first: `<accepts and never answers>|<good>` (plain go hangs forever on a plain-http proxy that never answers,
 *   so its runs are killed at a cap);
 * - flaky: one proxy that fails 30 % of requests at random (seeded), joined with `,`; plain go is run again until one
 *   run gets through (at most 10 runs), as a user re-running the job would.
 *
 * The warm phase runs with the action's defaults (stall window, request timeout, 3 attempts). Prints and returns a
 * markdown table with medians, spreads and ratios.
 *
 * Environment: BENCH_WARM_MODULES (default 30), BENCH_WARM_REPS (default 3), BENCH_PLAIN_CAP_S (default 45).
 */
import { join } from 'node:path'
import type { Chain } from '../src/go/proxy/chain.js'
import type { ModulePlan } from '../src/settings/compose.js'
import { silentLogger } from '../src/host/logger.js'
import { warmModules } from '../src/warm/warm.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../__tests__/support/go.js'
import { startBlackhole, startProxy, type ProxyBehaviour } from '../__tests__/support/goproxy-server.js'
import { moduleSet, writeProject } from '../__tests__/support/modules.js'

interface Sample {
  ms: number
  /** go runs (plain) or attempts (warm). */
  runs: number
  ok: boolean
}

interface Scenario {
  name: string
  /** The chain as [url, separator] pairs. */
  chain: () => Chain
  /** Plain go is re-run until it succeeds (a user re-running the job), at most this many times. */
  plainRuns: number
}

const MAX_PLAIN_RUNS = 10

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function planFor(chain: Chain): ModulePlan {
  return {
    chain,
    chainSource: 'inputs',
    sumdb: { kind: 'off', value: 'off' },
    sumdbChosen: true,
    goprivate: '',
    gonoproxy: '',
    gonosumdb: '',
    goinsecure: '',
    noProxyFollowsPrivate: false,
    noSumdbFollowsPrivate: false,
    exported: new Set(['GOPROXY']),
    warnings: []
  }
}

function goproxyOf(chain: Chain): string {
  return chain.proxies.map((p, i) => `${p.url}${i < chain.proxies.length - 1 ? p.separator : ''}`).join('')
}

/** Runs the benchmark and returns its markdown section. */
export async function main(): Promise<string> {
  const go = findGo()
  if (!go) return '## Warm phase\n\nSkipped: no go binary on PATH or at /usr/lib/go-1.23/bin/go.\n'
  const count = Number(process.env.BENCH_WARM_MODULES ?? 30)
  const reps = Number(process.env.BENCH_WARM_REPS ?? 3)
  const capMs = Number(process.env.BENCH_PLAIN_CAP_S ?? 45) * 1000
  const modules = moduleSet(count, 'example.com/bench')

  const servers: Array<{ close(): Promise<void> }> = []
  const proxy = async (behaviour: ProxyBehaviour = {}) => {
    const p = await startProxy({ modules, ...behaviour })
    servers.push(p)
    return p
  }
  const good = await proxy()
  const flaky = await proxy({ failRate: 0.3, seed: 11 })
  const blackhole = await startBlackhole()
  servers.push(blackhole)
  const entry = (url: string, separator: ',' | '|') => ({ url, separator, origin: 'proxies' as const })

  const scenarios: Scenario[] = [
    { name: 'healthy', chain: () => ({ proxies: [entry(good.url, ',')] }), plainRuns: 1 },
    {
      name: 'dead first (`never-answers\\|good`)',
      chain: () => ({ proxies: [entry(blackhole.url, '|'), entry(good.url, ',')] }),
      plainRuns: 1
    },
    { name: 'flaky 30 % (`,`)', chain: () => ({ proxies: [entry(flaky.url, ',')] }), plainRuns: MAX_PLAIN_RUNS }
  ]

  /** A fresh project and module cache. */
  const fresh = () => {
    const root = tempDir('bench-warm')
    writeProject(join(root, 'app'), { requires: modules })
    return { root, app: join(root, 'app'), env: goTestEnv(root) }
  }

  const plain = async (scenario: Scenario): Promise<Sample> => {
    const { app, env } = fresh()
    const start = performance.now()
    let runs = 0
    for (; runs < scenario.plainRuns;) {
      runs++
      const left = capMs - (performance.now() - start)
      if (left <= 0) break
      const run = await runGo(['mod', 'download'], {
        cwd: app,
        env: { ...env, GOPROXY: goproxyOf(scenario.chain()) },
        timeoutMs: left,
        go
      })
      if (run.code === 0) return { ms: performance.now() - start, runs, ok: true }
      if (run.timedOut) break
    }
    return { ms: performance.now() - start, runs, ok: false }
  }

  const warm = async (scenario: Scenario): Promise<Sample> => {
    const { root, env } = fresh()
    const chain = scenario.chain()
    const start = performance.now()
    const report = await warmModules({
      go,
      directories: ['app'],
      cwd: root,
      env,
      chain,
      plan: planFor(chain),
      sumdb: { kind: 'off', value: 'off' },
      timeoutSeconds: 600,
      retries: 3,
      log: silentLogger
    })
    return { ms: performance.now() - start, runs: report.attempts, ok: report.ok }
  }

  const lines = [
    '## Warm phase: plain `go mod download` against warmModules',
    '',
    `${count} modules from loopback proxies, an empty module cache per run, ${reps} repetitions (median, min–max). Plain go runs are cut at ${capMs / 1000} s; "runs" counts the go runs a user would need (plain) or the warm phase's attempts.`,
    '',
    '| chain | plain go | plain runs | plain ok | warm phase | warm attempts | warm ok | plain / warm |',
    '|---|---|---|---|---|---|---|---|'
  ]
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
  const spread = (samples: Sample[]) => {
    const ms = samples.map(s => s.ms)
    return `${seconds(median(ms))} (${seconds(Math.min(...ms))}–${seconds(Math.max(...ms))})`
  }
  try {
    for (const scenario of scenarios) {
      const plainSamples: Sample[] = []
      const warmSamples: Sample[] = []
      for (let rep = 0; rep < reps; rep++) {
        plainSamples.push(await plain(scenario))
        warmSamples.push(await warm(scenario))
        await cleanupTempDirs()
      }
      const ratio = median(plainSamples.map(s => s.ms)) / median(warmSamples.map(s => s.ms))
      const capped = plainSamples.some(s => !s.ok && s.ms >= capMs - 50) ? ' (cut at the cap)' : ''
      lines.push(
        `| ${scenario.name} | ${spread(plainSamples)}${capped} | ${median(plainSamples.map(s => s.runs))} | ${plainSamples.filter(s => s.ok).length}/${reps} | ${spread(warmSamples)} | ${median(warmSamples.map(s => s.runs))} | ${warmSamples.filter(s => s.ok).length}/${reps} | ${ratio.toFixed(2)}×${capped ? ' (at least)' : ''} |`
      )
    }
  } finally {
    await Promise.all(servers.map(s => s.close()))
    await cleanupTempDirs()
  }
  const markdown = lines.join('\n') + '\n'
  console.log(markdown)
  return markdown
}
