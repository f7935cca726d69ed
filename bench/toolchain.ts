/**
 * Benchmark (not a timed test): installing Go through the verified chain (`setup-goproxy install 1.23`, the CLI
 * bundle built for this run) against the anchor `go mod download golang.org/toolchain@v0.0.1-go1.23.5.<os>-<arch>`
 * — the go command's own verified download and extraction of the same zip — interleaved in one run. The real
 * toolchain zip (built from the installed Go, __tests__/support/toolchain-zip.ts) is served from 127.0.0.1 with the
 * checksum database mounted at /sumdb/<name>/, answering at once or after 50 ms per request. Both sides use the same
 * GOSUMDB (key and URL) and start with nothing installed. Wall time and peak RSS come from /usr/bin/time for both.
 *
 * Environment: BENCH_TOOLCHAIN_REPS (default 3), BENCH_TOOLCHAIN_DELAYS (default `0,50`), BENCH_ACTION_DIST (a built
 * dist/ to use instead of building one).
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cleanupTempDirs, findGo, goTestEnv, tempDir } from '../__tests__/support/go.js'
import { hash1 } from '../__tests__/support/modules.js'
import { createSumdb } from '../__tests__/support/sumdb-server.js'
import { hostToolchainZip, TOOLCHAIN_GO_MOD } from '../__tests__/support/toolchain-zip.js'
import { startInstallServer } from '../__tests__/install/install-server.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** Goals of issue #18: our time over go's, and our peak RSS. */
const GOAL_RATIO = 0.8
const GOAL_RSS = 64 * 2 ** 20
const TIME = '/usr/bin/time'

interface Sample {
  ms: number
  /** Peak resident set size in bytes (0 when /usr/bin/time is not there). */
  rss: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`
const spread = (values: number[], show: (v: number) => string) =>
  `${show(median(values))} (${show(Math.min(...values))}–${show(Math.max(...values))})`

/** Runs `command args` under /usr/bin/time (wall time, max RSS); rejects on a non-zero exit. */
async function measured(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<Sample> {
  const timeFile = join(tempDir('bench-toolchain-time'), 'time.txt')
  const useTime = existsSync(TIME)
  const [cmd, argv] = useTime ? [TIME, ['-f', '%e %M', '-o', timeFile, command, ...args]] : [command, args]
  const started = performance.now()
  let stderr = ''
  const child = spawn(cmd, argv, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 600_000)
  const code = await new Promise<number | null>(resolve => child.on('exit', status => resolve(status)))
  clearTimeout(timer)
  const ms = performance.now() - started
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (rc ${code}):\n${stderr.slice(-2000)}`)
  const rss = useTime ? Number(readFileSync(timeFile, 'utf8').trim().split(/\s+/).pop()) * 1024 : 0
  return { ms, rss }
}

/**
 * The CLI bundle of the current src/, built with ncc the way the test bundle is (__tests__/support/global-setup.js:
 * scripts/build.js refuses a symlinked node_modules, which only matters for the committed dist/).
 */
async function buildCli(): Promise<{ entry: string; cleanup: () => void }> {
  const given = process.env.BENCH_ACTION_DIST
  if (given) return { entry: join(given, 'cli', 'index.js'), cleanup: () => undefined }
  const parent = mkdtempSync(join(os.tmpdir(), 'setup-goproxy-bench-dist-'))
  const dir = join(parent, 'dist')
  const ncc = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  const args = [ncc, 'build', 'src/cli/index.ts', '--out', join(dir, 'cli'), '--target', 'es2022', '--quiet']
  const child = spawn(process.execPath, [...args, '--no-source-map-register'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const code = await new Promise<number | null>(resolve => child.on('exit', status => resolve(status)))
  if (code !== 0 || !existsSync(join(dir, 'cli', 'index.js'))) throw new Error('building the CLI bundle failed')
  writeFileSync(join(dir, 'package.json'), '{\n  "type": "module"\n}\n')
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string }
  writeFileSync(join(parent, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module' }))
  return { entry: join(dir, 'cli', 'index.js'), cleanup: () => rmSync(parent, { recursive: true, force: true }) }
}

/** The Node 24 that .ci/run installs (the action runs on node24), when it is there (bench/action.ts has the same). */
function ciNode24(): string | undefined {
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64'
  const node = join(ROOT, '.ci', '.node24', 'node_modules', `node-linux-${arch}`, 'bin', 'node')
  return process.platform === 'linux' && existsSync(node) ? node : undefined
}

/** Runs the benchmark and returns its markdown section. */
export async function main(): Promise<string> {
  const go = findGo()
  if (!go) throw new Error('bench toolchain: no go binary on PATH or at /usr/lib/go-1.23/bin/go')
  const reps = Number(process.env.BENCH_TOOLCHAIN_REPS ?? 3)
  const delays = (process.env.BENCH_TOOLCHAIN_DELAYS ?? '0,50').split(',').map(Number)
  const fixture = hostToolchainZip()
  const db = createSumdb({
    records: [
      {
        path: 'golang.org/toolchain',
        version: fixture.moduleVersion,
        h1: fixture.h1,
        goModH1: hash1([['go.mod', TOOLCHAIN_GO_MOD]])
      }
    ]
  })
  const server = await startInstallServer({
    served: [{ moduleVersion: fixture.moduleVersion, file: fixture.file }],
    db
  })
  const cli = await buildCli()
  // The node the action runs on (GitHub: node24), and its own peak RSS doing nothing, for scale.
  const node = process.env.BENCH_ACTION_NODE || ciNode24() || process.execPath
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
  const idle = await measured(node, ['-e', '0'], { PATH: process.env.PATH ?? '' }, os.tmpdir())
  const gosumdb = `${db.verifierKey} ${server.url}/sumdb/${db.name}`
  const rows: string[] = []
  try {
    for (const delay of delays) {
      server.delayMs = delay
      const loadBefore = os.loadavg()[0]
      const goSamples: Sample[] = []
      const ours: Sample[] = []
      let goRequests = 0
      let ourRequests = 0
      for (let rep = 0; rep < reps; rep++) {
        // Interleaved, so that a machine busy for a while slows both sides alike.
        const goRoot = tempDir('bench-toolchain-go')
        const before = server.requests.length
        goSamples.push(
          await measured(
            go,
            ['mod', 'download', '-json', `golang.org/toolchain@${fixture.moduleVersion}`],
            goTestEnv(goRoot, { GOPROXY: server.url, GOSUMDB: gosumdb }),
            goRoot
          )
        )
        goRequests = server.requests.length - before

        const root = tempDir('bench-toolchain-ours')
        const env = goTestEnv(root, { GOPROXY: undefined, GOSUMDB: undefined })
        // No go on PATH: the install needs none.
        env.PATH = (env.PATH ?? '')
          .split(delimiter)
          .filter(d => d !== dirname(go))
          .join(delimiter)
        const mark = server.requests.length
        ours.push(
          await measured(
            node,
            [cli.entry, 'install', '1.23', '--proxies', server.url, '--sumdb', gosumdb, '--no-probe'],
            env,
            root
          )
        )
        ourRequests = server.requests.length - mark
        await cleanupTempDirs()
        console.error(
          `bench toolchain: ${delay} ms, rep ${rep + 1}: go ${seconds(goSamples[rep].ms)} ${mib(goSamples[rep].rss)}, ours ${seconds(ours[rep].ms)} ${mib(ours[rep].rss)}`
        )
      }
      const ratio = median(ours.map(s => s.ms)) / median(goSamples.map(s => s.ms))
      rows.push(
        `| ${delay === 0 ? 'loopback' : `${delay} ms per answer`} | ${spread(
          goSamples.map(s => s.ms),
          seconds
        )}, ${goRequests} requests | ${spread(
          ours.map(s => s.ms),
          seconds
        )}, ${ourRequests} requests | ${ratio.toFixed(2)}× (${ratio <= GOAL_RATIO ? 'met' : 'missed'}) | ${mib(median(goSamples.map(s => s.rss)))} | ${mib(median(ours.map(s => s.rss)))} (${median(ours.map(s => s.rss)) <= GOAL_RSS ? 'met' : 'missed'}) | ${loadBefore.toFixed(1)} / ${os.loadavg()[0].toFixed(1)} |`
      )
    }
  } finally {
    await server.close()
    cli.cleanup()
    await cleanupTempDirs()
  }
  return [
    '## Installing Go: `setup-goproxy install` against `go mod download golang.org/toolchain@…`',
    '',
    `The real toolchain zip \`golang.org/toolchain@${fixture.moduleVersion}\` (${mib(fixture.bytes)}, ${fixture.files} files, built from the installed Go) served from 127.0.0.1 with the checksum database mounted at \`/sumdb/${db.name}/\` (both sides use the same GOSUMDB key and URL, so both verify). The anchor is the go command's own verified download and extraction into an empty module cache; ours is the CLI bundle built for this run, \`install 1.23\` with \`--no-probe\` (list, then the zip streamed to a file while the checksum-database lookup and tiles are checked, then extraction with the h1 checked over the bytes written: src/install/unzip.ts) into an empty \`~/sdk\`, no go on PATH. Median (min–max) of ${reps} interleaved runs; wall time and peak RSS from \`/usr/bin/time\`; goals (issue #18) ≤ ${GOAL_RATIO} × go's time and a peak RSS ≤ ${mib(GOAL_RSS)}. Ours runs on ${nodeVersion}, whose own peak RSS for \`node -e 0\` is ${mib(idle.rss)} here. The machine is shared: the 1-minute load average at the start and the end of each row is given (2 cores; go extracts serially, ours on both cores).`,
    '',
    `| proxy | go mod download (anchor) | setup-goproxy install | ratio (goal ≤ ${GOAL_RATIO}×) | go peak RSS | our peak RSS (goal ≤ ${mib(GOAL_RSS)}) | load (1 min), start / end |`,
    '|---|---|---|---|---|---|---|',
    ...rows
  ].join('\n')
}
