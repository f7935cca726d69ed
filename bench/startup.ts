/**
 * Benchmark (not a timed test) of the action's fixed cost (issue #11): the bundle's size, its cold start, and what
 * each piece of the start costs.
 *
 * - Phases, from V8 CPU profiles (`--cpu-prof` in NODE_OPTIONS) of the bundle spawned as the runner spawns it: module
 *   evaluation (from the start of the profile to the first sample inside `run`), then the wall span of each phase
 *   function (`readAmbient`, `probe`, `exportVariables`, `showGoEnv`, `writeSummary`, ...: first to last sample with
 *   it on the stack, awaits in between included). Names come from the unminified bundle; a phase that does not run
 *   shows "-".
 * - Dependencies: each package bundled alone with ncc (as the action bundles it), its size, and what importing that
 *   bundle costs over importing an empty one (median of spawns).
 * - go invocations per run, counted by a `go` wrapper first on PATH (a separate run, not timed).
 * - Size and cold start: bundleScenario of bench/action.ts.
 *
 * The bundle: actionBundle in bench/action.ts (BENCH_ACTION_DIST, BENCH_ACTION_TREE; default: this tree).
 * Environment: BENCH_STARTUP_PROFILES (profiles per scenario, default 5), BENCH_STARTUP_SPAWNS (spawns per
 * dependency, default 15), BENCH_ACTION_COLD_STARTS (default 20), BENCH_ACTION_NODE (as in action.ts),
 * BENCH_STARTUP_BEFORE (a directory holding an earlier build, e.g. main's: every table then has it beside the bundle
 * under test, run for run).
 */
import { spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cleanupTempDirs, findGo, goTestEnv, tempDir } from '../__tests__/support/go.js'
import { startProxy } from '../__tests__/support/goproxy-server.js'
import { moduleSet, writeProject } from '../__tests__/support/modules.js'
import { startSumdb } from '../__tests__/support/sumdb-server.js'
import {
  actionBundle,
  bundleSizeLines,
  coldStartLines,
  ciNode24,
  mb,
  numberFromEnv,
  runBundle,
  spreadMs,
  stats,
  timeSpawn,
  versionOf,
  type ActionOptions
} from './action.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The phase functions of src/main.ts and what they stand for, in the order a run reaches them. */
const PHASES: readonly [fn: string, label: string][] = [
  ['readSettings', 'inputs (readSettings)'],
  ['findGo', 'find go (PATH, tool cache)'],
  ['readAmbient', '`go env GOPROXY` when inputs do not give the chain (readAmbient)'],
  ['probe', 'probe (proxies and checksum DB)'],
  ['installCredentials', 'credential files'],
  ['exportVariables', 'export (GITHUB_ENV)'],
  ['showGoEnv', '`go env` shown in the log (showGoEnv)'],
  ['warmCache', 'warm phase'],
  ['writeSummary', 'job summary']
]

/** Packages the action bundles, each bundled alone to see what it costs. */
const DEPENDENCIES = [
  'undici',
  '@actions/core',
  '@actions/http-client',
  '@actions/exec',
  '@actions/io',
  '@actions/tool-cache',
  'tunnel',
  'semver',
  'yauzl'
]

/** A bundle the section measures. */
interface Bundle {
  label: string
  dir: string
  entry: string
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

/** Milliseconds from the profile's start to the first sample in `run`, and each phase's wall span. */
function phaseSpans(profile: CpuProfile): { evaluation: number; total: number; spans: Map<string, number> } {
  const byId = new Map(profile.nodes.map(n => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const names = new Set(['run', ...PHASES.map(([fn]) => fn)])
  const first = new Map<string, number>()
  const last = new Map<string, number>()
  let t = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id)?.callFrame.functionName ?? ''
      if (!names.has(name)) continue
      if (!first.has(name)) first.set(name, t)
      last.set(name, t)
    }
  }
  const spans = new Map<string, number>()
  for (const [fn] of PHASES) {
    const a = first.get(fn)
    const b = last.get(fn)
    if (a !== undefined && b !== undefined) spans.set(fn, (b - a) / 1000)
  }
  const runStart = first.get('run')
  return {
    evaluation: runStart === undefined ? NaN : (runStart - profile.startTime) / 1000,
    total: (profile.endTime - profile.startTime) / 1000,
    spans
  }
}

/** Runs the benchmark; prints the markdown and returns it. */
export async function main(): Promise<string> {
  const go = findGo()
  if (!go) throw new Error('bench startup: no go binary on PATH or at /usr/lib/go-1.23/bin/go')
  const node = process.env.BENCH_ACTION_NODE || ciNode24() || process.execPath
  const nodeVersion = await versionOf(node)
  const profiles = numberFromEnv('BENCH_STARTUP_PROFILES', 5)
  const spawns = numberFromEnv('BENCH_STARTUP_SPAWNS', 15)
  const coldStarts = numberFromEnv('BENCH_ACTION_COLD_STARTS', 20)
  const bundle = await actionBundle()
  const before = process.env.BENCH_STARTUP_BEFORE
  if (before && !existsSync(join(before, 'index.js')))
    throw new Error(`BENCH_STARTUP_BEFORE=${before} holds no index.js`)
  const bundles: Bundle[] = [
    ...(before ? [{ label: 'before', dir: before, entry: join(before, 'index.js') }] : []),
    { label: before ? 'after' : 'this bundle', dir: bundle.dir, entry: join(bundle.dir, 'index.js') }
  ]
  const [startLoad] = os.loadavg()
  /** Per bundle: ms from spawn until `go mod download` started, in the default run. */
  const goStarts = new Map<string, number[]>(bundles.map(b => [b.label, []]))

  const modules = moduleSet(20, 'example.com/startup')
  const proxy = await startProxy({ modules })
  const sumdb = await startSumdb({
    records: modules.map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
  })
  const lines = [
    '## Fixed cost: cold start, bundle size, and what each piece of the start costs',
    '',
    `The action is the ncc bundle ${bundle.source}, run with ${nodeVersion}.`,
    ''
  ]
  try {
    const scenarios: { label: string; inputs: Record<string, string>; chainFromEnv?: boolean }[] = [
      { label: 'configure only (`probe: false`, `warm: false`)', inputs: { probe: 'false', warm: 'false' } },
      {
        label: 'probe and export (`warm: false`)',
        inputs: { proxies: proxy.url, sumdb: sumdb.gosumdb, 'probe-module': modules[0].path, warm: 'false' }
      },
      {
        label: 'default run: probe, export, warm (20 modules, loopback)',
        inputs: { proxies: proxy.url, sumdb: sumdb.gosumdb, 'probe-module': modules[0].path }
      },
      {
        label: 'default run, chain from the environment (no `proxies` input: GOPROXY is read from go)',
        inputs: { sumdb: sumdb.gosumdb, 'probe-module': modules[0].path },
        chainFromEnv: true
      }
    ]
    const options = (
      entry: string,
      inputs: Record<string, string>,
      extraEnv: Record<string, string>,
      chainFromEnv = false
    ) => {
      const root = tempDir('bench-startup')
      const app = join(root, 'app')
      writeProject(app, { requires: modules })
      // The chain from the environment: unset GOPROXY, and go env -w-like state through GOENV naming a file.
      const goenv = join(root, 'goenv')
      writeFileSync(goenv, `GOPROXY=${proxy.url}\n`)
      const env = goTestEnv(root, {
        GOSUMDB: sumdb.gosumdb,
        GOPROXY: chainFromEnv ? undefined : 'off',
        GOENV: chainFromEnv ? goenv : 'off'
      })
      const merged: Record<string, string> = { ...env, ...extraEnv }
      merged.NODE_OPTIONS = [env.NODE_OPTIONS, extraEnv.NODE_OPTIONS].filter(Boolean).join(' ')
      const result: ActionOptions = { node, entry, cwd: app, timeoutMs: 60_000, inputs, env: merged }
      return result
    }

    // go invocations per scenario and bundle.
    const wrapperDir = tempDir('bench-go-wrapper')
    const goLog = join(wrapperDir, 'calls.log')
    const wrapper = join(wrapperDir, 'go')
    // Each call is logged with the wall clock (ns) at which the wrapper ran: the time from spawn until go started.
    writeFileSync(wrapper, `#!/bin/sh\necho "$(date +%s%N) go $*" >> '${goLog}'\nexec '${go}' "$@"\n`)
    chmodSync(wrapper, 0o755)
    const goCalls = new Map<string, string[]>()
    for (const s of scenarios) {
      for (const b of bundles) {
        writeFileSync(goLog, '')
        const o = options(b.entry, s.inputs, {}, s.chainFromEnv)
        const run = await runBundle({ ...o, env: { ...o.env, PATH: [wrapperDir, o.env.PATH].join(delimiter) } })
        if (run.code !== 0) throw new Error(`${s.label} (${b.label}) failed: ${run.stdout.slice(-1500)}`)
        goCalls.set(
          `${s.label}\0${b.label}`,
          readFileSync(goLog, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map(line => line.replace(/^\d+ /, ''))
        )
      }
    }

    // Spawn until `go mod download` starts (issue #18 asks for it): the default run, several times per bundle.
    const defaultRun = scenarios[2]
    for (let rep = 0; rep < profiles; rep++) {
      for (const b of bundles) {
        writeFileSync(goLog, '')
        const o = options(b.entry, defaultRun.inputs, {})
        const spawned = Date.now()
        const run = await runBundle({ ...o, env: { ...o.env, PATH: [wrapperDir, o.env.PATH].join(delimiter) } })
        if (run.code !== 0) throw new Error(`${defaultRun.label} (${b.label}) failed: ${run.stdout.slice(-1500)}`)
        const started = readFileSync(goLog, 'utf8')
          .split('\n')
          .find(line => / go mod download/.test(line))
        if (started) goStarts.get(b.label)!.push(Number(started.split(' ')[0]) / 1e6 - spawned)
      }
      // No cleanupTempDirs() here: it would remove the go wrapper's directory too (the profiles below clean up).
    }

    // Profiles, the bundles interleaved run by run.
    const median = (values: number[]) => (values.length ? stats(values).median : NaN)
    const cell = (values: number[]) => {
      const known = values.filter(Number.isFinite)
      return known.length ? `${median(known).toFixed(0)} ms` : '-'
    }
    lines.push(
      '### Where the start goes, by phase',
      '',
      `Median of ${profiles} runs per cell, each with \`--cpu-prof\` (which slows the process a little)${bundles.length > 1 ? `; the bundles alternate run by run. "${bundles[0].label}" is the bundle in ${bundles[0].dir} (BENCH_STARTUP_BEFORE), "${bundles[1].label}" the one under test` : ''}. "Module evaluation" runs from the start of the profile (after Node's own bootstrap) to the first sample inside \`run\`: parsing and evaluating what the bundle imports up front. A phase's figure is its wall span (first to last sample with its function on the stack; what it awaits, go processes and network, included), so phases that overlap are counted in each. "-": the phase does not run, or too briefly to be sampled. Loopback proxy and checksum DB; go ${go}.`,
      ''
    )
    for (const s of scenarios) {
      const samples = new Map(bundles.map(b => [b.label, [] as ReturnType<typeof phaseSpans>[]]))
      const walls = new Map(bundles.map(b => [b.label, [] as number[]]))
      for (let i = 0; i < profiles; i++) {
        for (const b of bundles) {
          const dir = tempDir('bench-cpu-prof')
          const run = await runBundle(
            options(b.entry, s.inputs, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` }, s.chainFromEnv)
          )
          if (run.code !== 0) throw new Error(`${s.label} (${b.label}) failed: ${run.stdout.slice(-1500)}`)
          const file = readdirSync(dir).find(f => f.endsWith('.cpuprofile'))
          if (!file) throw new Error(`no .cpuprofile written in ${dir}`)
          samples.get(b.label)!.push(phaseSpans(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile))
          walls.get(b.label)!.push(run.ms)
        }
      }
      await cleanupTempDirs()
      const row = (label: string, pick: (b: Bundle) => string) => `| ${label} | ${bundles.map(pick).join(' | ')} |`
      lines.push(
        `**${s.label}**`,
        '',
        `| phase | ${bundles.map(b => b.label).join(' | ')} |`,
        `|---|${bundles.map(() => '---|').join('')}`,
        row('spawn to exit (wall, with the profiler)', b => cell(walls.get(b.label)!)),
        row('profile length', b => cell(samples.get(b.label)!.map(x => x.total))),
        row('module evaluation', b => cell(samples.get(b.label)!.map(x => x.evaluation))),
        ...PHASES.map(([fn, label]) => row(label, b => cell(samples.get(b.label)!.map(x => x.spans.get(fn) ?? NaN)))),
        row('go invocations (a separate, unprofiled run)', b => {
          const calls = goCalls.get(`${s.label}\0${b.label}`) ?? []
          return `${calls.length}${calls.length ? `: ${calls.map(describeCall).join(', ')}` : ''}`
        }),
        ''
      )
    }
  } finally {
    await Promise.all([proxy.close(), sumdb.close()])
    await cleanupTempDirs()
  }

  lines.push(
    '### From spawn until go starts',
    '',
    `The default run (probe, export, warm; 20 modules on loopback), ${profiles} runs per bundle without the profiler: the time from spawning node until \`go mod download\` is started (the go wrapper on PATH logs the wall clock when it runs): node start, bundle evaluation, inputs, the probe, the export and the warm phase's plan and forwarder.`,
    '',
    `| | ${bundles.map(b => b.label).join(' | ')} |`,
    `|---|${bundles.map(() => '---|').join('')}`,
    `| spawn until \`go mod download\` starts, median (min–max) | ${bundles
      .map(b => {
        const values = goStarts.get(b.label)!
        return values.length ? spreadMs(stats(values)) : '-'
      })
      .join(' | ')} |`,
    ''
  )
  lines.push(...(await dependencyCosts(node, spawns)), '')
  lines.push('### Bundle size and cold start', '')
  for (const b of bundles) {
    if (bundles.length > 1) lines.push(`**${b.label}** (${b.dir})`, '')
    lines.push(...bundleSizeLines(b.dir), '')
  }
  lines.push(...(await coldStartLines(bundles, node, coldStarts)))
  const [endLoad] = os.loadavg()
  lines.push(
    '',
    `Load average (1 min) at the start and the end of this section: ${startLoad.toFixed(1)} and ${endLoad.toFixed(1)} on ${os.cpus().length} cores; every figure here grows with it.`
  )
  const markdown = lines.join('\n') + '\n'
  console.log(markdown)
  return markdown
}

/** A go command line for the table: `go env GOPROXY`, `go env (6 variables)`, `go mod download -json`. */
function describeCall(call: string): string {
  const args = call.split(' ')
  if (args[1] === 'env' && args.length > 3) return `\`go env\` (${args.length - 2} variables)`
  return `\`${call}\``
}

/** Each dependency bundled alone with ncc; its size and the median cost of importing it over an empty bundle. */
async function dependencyCosts(node: string, spawns: number): Promise<string[]> {
  const work = tempDir('bench-deps')
  symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'junction')
  writeFileSync(join(work, 'package.json'), '{"type":"module"}\n')
  const ncc = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  const entries = [{ name: '(empty bundle)', source: 'export {}\n' }].concat(
    DEPENDENCIES.map(name => ({ name, source: `import * as m from '${name}'\nglobalThis.kept = m\n` }))
  )
  const built: { name: string; file: string }[] = []
  for (const [i, e] of entries.entries()) {
    const src = join(work, `entry${i}.js`)
    writeFileSync(src, e.source)
    const out = join(work, `out${i}`)
    const code = await new Promise<number | null>(resolve => {
      const child = spawn(
        process.execPath,
        [ncc, 'build', src, '--out', out, '--target', 'es2022', '--quiet', '--no-source-map-register'],
        { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] }
      )
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
      child.on('exit', status => {
        clearTimeout(timer)
        resolve(status)
      })
    })
    if (code !== 0) throw new Error(`ncc failed to bundle ${e.name}`)
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'package.json'), '{"type":"module"}\n')
    built.push({ name: e.name, file: join(out, 'index.js') })
  }
  const times = new Map(built.map(b => [b.name, [] as number[]]))
  for (let i = 0; i < spawns; i++) {
    for (const b of built) times.get(b.name)!.push(await timeSpawn(node, [b.file], { PATH: process.env.PATH ?? '' }))
  }
  const empty = stats(times.get('(empty bundle)')!).median
  const lines = [
    '### What each dependency costs',
    '',
    `Each package bundled alone with ncc (\`import * as m from '<package>'\`, the namespace kept), as the action bundles it; median of ${spawns} spawns each, interleaved, minus the median of an empty bundle (${empty.toFixed(0)} ms: Node's start). A package's figure includes what it imports (@actions/core imports @actions/http-client, which imports undici and tunnel), so the rows overlap; node built-ins a package loads (http, https, tls, zlib, ...) count for the first package that loads them.`,
    '',
    '| package | bundled alone | import cost over an empty bundle |',
    '|---|---|---|'
  ]
  for (const b of built.slice(1)) {
    lines.push(
      `| ${b.name} | ${mb(statSync(b.file).size)} | ${(stats(times.get(b.name)!).median - empty).toFixed(0)} ms |`
    )
  }
  if (!existsSync(join(work, 'node_modules'))) throw new Error('lost the node_modules link')
  await cleanupTempDirs()
  return lines
}
