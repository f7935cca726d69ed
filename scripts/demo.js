#!/usr/bin/env node
/**
 * `npm run demo`: see the action work without a GitHub runner, in a few seconds, without the internet.
 *
 * Starts four loopback proxies that behave like the ones a runner meets (one good, one slow, one that accepts
 * connections and never answers, one port that refuses them), serving a tiny module set built in memory; runs the
 * bundled action (dist/index.js, built first if missing) exactly as the runner does, with `proxies` listing all
 * four; prints what GitHub would show: the step log, the probe table, the exported environment, the outputs and
 * the job summary; runs the post step; stops the servers. With go on PATH (or at /usr/lib/go-1.23/bin/go) the
 * action also warms the sample application's module cache.
 *
 *   node scripts/demo.js                 (what `npm run demo` runs)
 *   node scripts/demo.js --action FILE   run another build of the action (e.g. one made with build.js --out)
 *   node scripts/demo.js --without-go    run as on a machine without Go (the warm phase is skipped)
 *
 * Nothing leaves 127.0.0.1: the checksum database is named with a loopback URL (see `sumdb` below), and the demo's
 * modules are in GONOSUMDB with a complete go.sum. Never GOSUMDB=off.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { MODULE_HOST, MODULES, writeSampleApp } from './demo/modules.js'
import { renderLog, renderMarkdown, renderProbeReport, styles } from './demo/render.js'
import { inputVariables, runStep } from './demo/runner.js'
import { refusingUrl, startBlackhole, startChecksumDatabase, startProxy } from './demo/servers.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DEBIAN_GO = '/usr/lib/go-1.23/bin/go'
const STEP_TIMEOUT_MS = 15_000
const DEMO_DEADLINE_MS = 30_000

const colour = process.stdout.isTTY === true && !process.env.NO_COLOR
const style = styles(colour)
const print = (...lines) => console.log(lines.join('\n'))

function section(title) {
  print('', style.bold(title), style.dim('─'.repeat(Math.min(100, title.length))))
}

function parseArgs(argv) {
  const usage = 'usage: node scripts/demo.js [--action FILE] [--without-go]'
  const options = { action: undefined, withoutGo: false }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--action' && argv[i + 1]) options.action = path.resolve(argv[++i])
    else if (argv[i] === '--without-go') options.withoutGo = true
    else if (argv[i] === '--help' || argv[i] === '-h') {
      print(usage)
      process.exit(0)
    } else {
      console.error(`demo: unknown argument ${argv[i]} (${usage})`)
      process.exit(2)
    }
  }
  return options
}

/** The bundle to run: the one asked for, or dist/index.js, built with scripts/build.js (npm run build) if missing. */
function ensureBundle(requested) {
  if (requested) {
    if (!fs.existsSync(requested)) throw new Error(`${requested} does not exist`)
    return requested
  }
  const bundle = path.join(root, 'dist', 'index.js')
  if (!fs.existsSync(bundle)) {
    print(style.dim('dist/index.js is missing: building the action first (npm run build)...'))
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], { cwd: root, stdio: 'inherit' })
    if (build.status !== 0 || !fs.existsSync(bundle)) throw new Error('npm run build failed; see above')
  }
  return bundle
}

const goExe = () => (process.platform === 'win32' ? 'go.exe' : 'go')

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/** go on PATH, else Debian's Go 1.23 package; undefined when neither is there. */
function findGo() {
  const candidates = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map(dir => path.join(dir, goExe()))
  candidates.push(DEBIAN_GO)
  return candidates.find(isExecutable)
}

/** Runs a program asynchronously (the demo's servers live in this process) with a hard timeout. */
function run(file, args, options) {
  return new Promise(resolve => {
    const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', chunk => (output += chunk))
    child.stderr.on('data', chunk => (output += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.on('error', error => resolve({ code: null, output: error.message }))
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

/**
 * The environment a runner gives the step, built from this one minus anything that would make the demo depend on
 * this machine's Go setup or a surrounding CI job: GO* variables, proxies, GitHub's own variables.
 */
function runnerEnvironment(work, workspace, go) {
  const env = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(GO|CGO_|GITHUB_|INPUT_|STATE_|RUNNER_|ACTIONS_)/.test(name)) continue
    if (/^(https?|all|no)_proxy$/i.test(name)) continue
    env[name] = value
  }
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean)
  // Without go, no directory that holds one stays on PATH, so the action cannot find it either.
  env.PATH = (go ? [path.dirname(go), ...dirs] : dirs.filter(dir => !isExecutable(path.join(dir, goExe())))).join(
    path.delimiter
  )
  const toolCache = path.join(work, 'toolcache')
  fs.mkdirSync(toolCache, { recursive: true })
  return {
    ...env,
    GOPATH: path.join(work, 'gopath'),
    GOMODCACHE: path.join(work, 'gopath', 'pkg', 'mod'),
    GOCACHE: path.join(work, 'gocache'),
    // Writable module cache so the temp dir can be removed; no toolchain switch; ignore this machine's go env -w.
    GOFLAGS: '-modcacherw',
    GOTOOLCHAIN: 'local',
    GOENV: 'off',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_RUN_ID: '1',
    GITHUB_ACTION: 'goproxy',
    RUNNER_TEMP: path.join(work, 'runner-temp'),
    RUNNER_TOOL_CACHE: toolCache,
    RUNNER_OS: process.platform === 'win32' ? 'Windows' : process.platform === 'darwin' ? 'macOS' : 'Linux'
  }
}

function showStep(step) {
  const log = renderLog(step.stdout, style)
  print(...log.lines.map(line => `  ${line}`))
  if (log.hiddenDebug > 0) {
    print(style.dim(`  (${log.hiddenDebug} debug line(s) hidden, as GitHub hides them unless debug logging is on)`))
  }
  const stderr = step.stderr.trimEnd()
  if (stderr !== '') print(style.dim('  stderr:'), ...stderr.split('\n').map(line => `  ${line}`))
  const verdict = step.killed
    ? style.red(`killed after ${STEP_TIMEOUT_MS} ms`)
    : step.code === 0
      ? style.green('succeeded')
      : style.red(`failed (exit ${step.code})`)
  print(style.dim(`  → the step ${verdict} in ${step.ms} ms`))
}

async function main() {
  const started = Date.now()
  const options = parseArgs(process.argv.slice(2))
  const bundle = ensureBundle(options.action)
  const go = options.withoutGo ? undefined : findGo()
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-goproxy-demo-'))
  const workspace = path.join(work, 'workspace')
  writeSampleApp(path.join(workspace, 'app'))

  const db = await startChecksumDatabase()
  const good = await startProxy({ sumdb: db })
  const slow = await startProxy({ latencyMs: 300 })
  const hole = await startBlackhole()
  const refused = await refusingUrl()
  let ok
  let requests
  try {
    section('The setup: four proxies on 127.0.0.1, as a runner may meet them')
    print(
      `  ${slow.url}  slow: answers correctly after ~300 ms (does not serve the checksum database)`,
      `  ${hole.url}  never answers: accepts the connection, then silence (over http this hangs go mod download forever)`,
      `  ${refused}  refuses connections (nothing listens there)`,
      `  ${good.url}  good: answers at once and serves the checksum database, like goproxy.cn`,
      '',
      `  They serve ${MODULES.map(m => `${m.path}@${m.version}`).join(' and ')}, which the sample application`,
      `  ${path.join(workspace, 'app')} requires (with a complete go.sum), and the probe module's version list.`
    )
    const inputs = {
      proxies: [slow.url, hole.url, refused, good.url].join('\n'),
      // The checksum database named with a URL (the good proxy's /sumdb/ path), so that the probe checks only that
      // and nothing leaves this machine. On a real runner, leave sumdb empty.
      sumdb: `${db.verifierKey} ${good.url}/sumdb/${db.name}`,
      // The sample modules are verified by go.sum alone, never by a checksum database.
      'no-sumdb': MODULE_HOST,
      'probe-timeout': '1500',
      'working-directory': 'app'
    }
    section('The workflow step')
    print(
      '  - uses: ./  # this repository: the action in dist/',
      '    with:',
      '      proxies: |',
      ...inputs.proxies.split('\n').map(line => `        ${line}`),
      `      sumdb: ${inputs.sumdb}`,
      `      no-sumdb: ${inputs['no-sumdb']}`,
      `      probe-timeout: ${inputs['probe-timeout']}`,
      `      working-directory: ${inputs['working-directory']}`,
      '',
      style.dim(
        `  no-sumdb: ${MODULE_HOST} is a GONOSUMDB pattern the demo sets itself: the demo's modules are not in the`
      ),
      style.dim(
        '  public checksum database, so go verifies them against go.sum only. sumdb points the checksum database at'
      ),
      style.dim(
        "  the good proxy, which serves the tests' own checksum database (a fresh key) under /sumdb/, as goproxy.cn serves sum.golang.org."
      ),
      style.dim('  Verification stays on: never GOSUMDB=off.')
    )

    const env = { ...runnerEnvironment(work, workspace, go), ...inputVariables(path.join(root, 'action.yml'), inputs) }
    fs.mkdirSync(env.RUNNER_TEMP, { recursive: true })
    const shown = bundle.startsWith(root + path.sep) ? path.relative(root, bundle) : bundle
    section(`The step's log (node ${shown}, as the runner starts it)`)
    const step = await runStep({ bundle, env, cwd: workspace, runnerTemp: env.RUNNER_TEMP, timeoutMs: STEP_TIMEOUT_MS })
    showStep(step)

    if (step.outputs['probe-report']) {
      section('The probe table (from the probe-report output)')
      print(...renderProbeReport(step.outputs['probe-report'], style).map(line => `  ${line}`.trimEnd()))
    }

    section('Exported environment (GITHUB_ENV: what every later step of the job sees)')
    const exported = Object.entries(step.env)
    print(
      ...(exported.length > 0
        ? exported.map(([name, value]) => `  ${name}=${value}`)
        : ['  (nothing: the step failed before exporting)'])
    )

    section('Outputs (GITHUB_OUTPUT: steps.<id>.outputs.<name>)')
    print(
      ...Object.entries(step.outputs).map(([name, value]) =>
        name === 'probe-report'
          ? `  ${name}: (JSON, ${value.length} characters: the probe table above)`
          : `  ${name}: ${value === '' ? style.dim('(empty)') : value}`
      )
    )

    section('Job summary (GITHUB_STEP_SUMMARY, as GitHub renders it on the run page)')
    print(...renderMarkdown(step.summary, style).map(line => `  ${line}`.trimEnd()))

    section('The module cache')
    if (!go) {
      const why = options.withoutGo ? 'run with --without-go' : `no go on PATH or at ${DEBIAN_GO}`
      print(
        `  Skipped: ${why}. The action found no Go either, so it exported the environment and`,
        '  left the module cache alone (its notice in the log above says so). Install Go and run the demo again to see',
        '  the warm phase download the sample modules through the chain it verified.'
      )
    } else {
      print(
        `  The action warmed ${inputs['working-directory']}/ with ${go}: modules=${step.outputs.modules ?? '?'}, cached=${step.outputs.cached ?? '?'}, warm-seconds=${step.outputs['warm-seconds'] ?? '?'}.`
      )
      // Offline check: with every proxy off, the cache alone must hold both modules and match go.sum.
      const verify = await run(go, ['mod', 'verify'], {
        cwd: path.join(workspace, 'app'),
        env: { ...env, GOPROXY: 'off', GOFLAGS: '-modcacherw -mod=mod' }
      })
      print(
        `  go mod verify with GOPROXY=off: ${verify.output.trim() || '(no output)'} ${style.dim(`(exit ${verify.code})`)}`
      )
    }

    section('The post step (the runner runs it after the job, with the saved state)')
    const post = await runStep({
      bundle,
      env,
      cwd: workspace,
      runnerTemp: env.RUNNER_TEMP,
      state: step.state,
      timeoutMs: STEP_TIMEOUT_MS
    })
    showStep(post)
    ok = step.code === 0 && post.code === 0
  } finally {
    requests = `good ${good.requests()}, slow ${slow.requests()}, never-answers: ${hole.requests()} connection(s) accepted and never answered`
    await Promise.all([good.close(), slow.close(), hole.close(), db.close()])
    fs.rmSync(work, { recursive: true, force: true, maxRetries: 3 })
  }
  section('Done')
  print(
    `  Requests served: ${requests}.`,
    `  Servers stopped, temp files removed, ${((Date.now() - started) / 1000).toFixed(1)} s in all.`,
    ok
      ? style.green('  The step and its post step succeeded.')
      : style.red('  The step or its post step failed: see its log above.')
  )
  return ok ? 0 : 1
}

// The demo must end by itself, whatever a child or a server does.
const deadline = setTimeout(() => {
  console.error(`demo: still running after ${DEMO_DEADLINE_MS / 1000} s; stopping.`)
  process.exit(1)
}, DEMO_DEADLINE_MS)
deadline.unref()

main().then(
  code => {
    process.exitCode = code
  },
  error => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
)
