/**
 * Benchmark on the real world (not a timed test; figures, not pass/fail): through the machine's real module proxy and
 * checksum database (`go env GOPROXY GOSUMDB`, read at run time and never written down), interleaved in one run:
 * - the real module graphs of the real-world suite's fixtures (__tests__/fixtures/realworld/: cobra, small; gin,
 *   large): plain `go mod download` against the action end to end (the bundle, probe and warm), each with a fresh
 *   module cache;
 * - the Go install: the action's `go-version` (fresh tool cache) against go's own toolchain switch
 *   (`GOTOOLCHAIN=go1.X.Y go version` run by an older go, fresh module cache), the same version.
 * Real traffic to a shared service: download-only and bounded — 3 interleaved pairs of each (BENCH_REALWORLD_REPS for
 * the graphs, BENCH_REALWORLD_INSTALL_REPS for the install; from 1 to 5, so a typo cannot turn it into a load), each
 * run under a 10-minute bound; at the default about 6 × 55 MiB for the graphs and 6 × 76 MB for the toolchain. The
 * machine's load average is recorded beside the figures.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cleanupTempDirs, DEBIAN_GO, findGo, goTestEnv, goVersionOf, runGo, tempDir } from '../__tests__/support/go.js'
import { runAction } from '../__tests__/support/run-action.js'

const FIXTURES = fileURLToPath(new URL('../__tests__/fixtures/realworld/', import.meta.url))
const GRAPHS = ['cobra', 'gin']

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const spread = (values: number[]) =>
  values.length === 0
    ? 'miss'
    : `${seconds(median(values))} (${seconds(Math.min(...values))}–${seconds(Math.max(...values))}, n=${values.length})`

/** Bytes of the files under `dir`; 0 when there is none (a graph whose every module was already in place). */
function bytesUnder(dir: string): number {
  let total = 0
  if (!existsSync(dir)) return 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size
  }
  return total
}

/** Interleaved pairs per scenario: 3 unless `variable` says otherwise, and never more than 5 (real traffic). */
function repetitions(variable: string): number {
  const value = Number(process.env[variable] ?? 3)
  if (!Number.isInteger(value) || value < 1 || value > 5) {
    throw new Error(`bench realworld: ${variable}=${process.env[variable]}: use a whole number from 1 to 5`)
  }
  return value
}

export async function main(): Promise<string> {
  const real = JSON.parse(
    execFileSync(findGo(), ['env', '-json', 'GOPROXY', 'GOSUMDB'], {
      encoding: 'utf8',
      env: { ...process.env, GOTOOLCHAIN: 'local' }
    })
  ) as { GOPROXY: string; GOSUMDB: string }
  const proxy = real.GOPROXY.split(/[,|]/).find(entry => /^https?:\/\//.test(entry))
  if (!proxy) throw new Error(`bench realworld: go env GOPROXY=${real.GOPROXY} names no module proxy`)
  // The action's node processes resolve this one host through the test DNS guard; every other name still fails.
  process.env.SETUP_GOPROXY_TEST_ALLOW_HOSTS = new URL(proxy).hostname
  const env = (root: string, extra: Record<string, string | undefined> = {}) =>
    goTestEnv(root, {
      GOPROXY: real.GOPROXY,
      GOSUMDB: real.GOSUMDB,
      HTTPS_PROXY: undefined,
      HTTP_PROXY: undefined,
      GOFLAGS: '-modcacherw',
      ...extra
    })
  const reps = repetitions('BENCH_REALWORLD_REPS')
  const installReps = repetitions('BENCH_REALWORLD_INSTALL_REPS')
  const load = os
    .loadavg()
    .map(v => v.toFixed(1))
    .join(', ')
  const misses: string[] = []
  const rows: string[] = []

  for (const graph of GRAPHS) {
    const plain: number[] = []
    const action: number[] = []
    let bytes = 0
    for (let rep = 0; rep < reps; rep++) {
      for (const side of rep % 2 === 0 ? ['go', 'action'] : ['action', 'go']) {
        const root = tempDir(`bench-real-${graph}`)
        const project = join(root, 'project')
        mkdirSync(project, { recursive: true })
        for (const file of ['go.mod', 'go.sum']) copyFileSync(join(FIXTURES, graph, file), join(project, file))
        const e = env(root)
        const started = performance.now()
        if (side === 'go') {
          const run = await runGo(['mod', 'download'], { cwd: project, env: e, timeoutMs: 600_000 })
          if (run.code !== 0) misses.push(`${graph}, plain go: ${run.stderr.trim().split('\n')[0]}`)
          else plain.push(performance.now() - started)
        } else {
          const run = await runAction({
            inputs: { 'working-directory': project, 'probe-timeout': '10000' },
            env: e,
            cwd: project,
            timeoutMs: 600_000
          })
          if (run.code !== 0)
            misses.push(
              `${graph}, action: ${run.stdout.split('\n').find(l => l.includes('::error::')) ?? `exit ${run.code}`}`
            )
          else action.push(run.ms)
        }
        bytes = Math.max(bytes, bytesUnder(join(e.GOMODCACHE, 'cache', 'download')))
      }
    }
    rows.push(
      `| ${graph} graph (${(bytes / 2 ** 20).toFixed(1)} MiB downloaded) | ${spread(plain)} | ${spread(action)} |`
    )
    await cleanupTempDirs()
  }

  // The Go install: the same version both ways, with nothing installed or cached.
  const version = goVersionOf(findGo()).replace(/^go/, '')
  const switcher = DEBIAN_GO
  const switched: number[] = []
  const installed: number[] = []
  for (let rep = 0; rep < installReps; rep++) {
    for (const side of rep % 2 === 0 ? ['switch', 'action'] : ['action', 'switch']) {
      const root = tempDir('bench-real-install')
      const e = env(root, { RUNNER_TOOL_CACHE: join(root, 'toolcache') })
      const started = performance.now()
      if (side === 'switch') {
        const run = await runGo(['version'], {
          cwd: root,
          env: { ...e, GOTOOLCHAIN: `go${version}` },
          timeoutMs: 600_000,
          go: switcher
        })
        if (run.code !== 0 || !run.stdout.includes(`go${version}`))
          misses.push(`toolchain switch: ${run.stderr.trim().split('\n')[0]}`)
        else switched.push(performance.now() - started)
      } else {
        const run = await runAction({
          inputs: { 'go-version': version, warm: 'false', 'probe-timeout': '10000' },
          env: e,
          cwd: root,
          timeoutMs: 600_000
        })
        if (run.code !== 0)
          misses.push(`go-version: ${run.stdout.split('\n').find(l => l.includes('::error::')) ?? `exit ${run.code}`}`)
        else installed.push(run.ms)
      }
      await cleanupTempDirs()
    }
  }
  rows.push(
    `| Go ${version}: toolchain switch (\`GOTOOLCHAIN=go${version} go version\`, ${goVersionOf(switcher)}) vs \`go-version: ${version}\` | ${spread(switched)} | ${spread(installed)} |`
  )

  return [
    "## Real world: the machine's real module proxy and checksum database",
    '',
    `Load average at the start: ${load} (the machine is shared with other engineers; figures are wall times under that load). Plain go and the action alternate (interleaved), each with a fresh module cache or tool cache; median (min–max, n).`,
    '',
    '| Scenario | Plain go | The action (bundle, end to end) |',
    '| --- | --- | --- |',
    ...rows,
    '',
    misses.length === 0 ? 'Failed runs: none.' : `Failed runs (misses):\n\n${misses.map(m => `- ${m}`).join('\n')}`
  ].join('\n')
}
