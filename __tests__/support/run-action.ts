/**
 * Runs the bundled action exactly as the GitHub runner does: a node
 * process with INPUT_* variables and GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE /
 * GITHUB_STEP_SUMMARY / GITHUB_PATH files, then reads those files back the way the
 * runner would. `runPost` runs the post step with the saved state as STATE_*.
 */
import { spawn } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { auditRun } from './audit-log.js'
import { tempDir } from './go.js'

/**
 * The test bundle that jest's global setup (global-setup.js) built from the current src/: its directory, laid out
 * like dist/ (index.js for the action, cli/index.js for the CLI). Never the committed dist/, which lags src/ until
 * branches are merged. Fails loudly when the suite was started without that setup.
 */
export function testDist(): string {
  const dist = process.env.SETUP_GOPROXY_TEST_DIST
  if (!dist || !existsSync(join(dist, 'index.js'))) {
    throw new Error(
      'No test bundle: SETUP_GOPROXY_TEST_DIST is not set or holds no index.js. Run the tests through jest.config.js, whose globalSetup builds it from src/.'
    )
  }
  return dist
}

/** The action's entry in the test bundle (main and post). */
export const DIST_ENTRY = join(testDist(), 'index.js')
/** The CLI's entry in the test bundle. */
export const CLI_ENTRY = join(testDist(), 'cli', 'index.js')

export interface ActionRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** Variables written to GITHUB_ENV. */
  readonly env: Record<string, string>
  readonly outputs: Record<string, string>
  readonly state: Record<string, string>
  readonly summary: string
  /** True when the run was killed at `timeoutMs`. */
  readonly killed: boolean
  /** The files the runner gave the step, to search them for secrets. */
  readonly files: { env: string; output: string; state: string; summary: string; path: string }
  readonly runnerTemp: string
  readonly ms: number
  /** Verification audit of GITHUB_ENV against the inputs (audit-log.ts), recorded suite-wide: expected empty. */
  readonly verification: string[]
}

export interface RunActionOptions {
  /** Inputs by their action.yml names (`probe-timeout`), as a workflow's `with:` gives them. */
  readonly inputs?: Record<string, string>
  /** The process environment (go's isolated env from goTestEnv, usually). */
  readonly env: Record<string, string>
  readonly cwd?: string
  readonly timeoutMs?: number
  /** Reuse the runner's temp dir (post step after main). */
  readonly runnerTemp?: string
  readonly state?: Record<string, string>
  /** Variables the runner would set that this run goes without (GITHUB_ACTION on a local runner). */
  readonly unset?: readonly string[]
  /** The node binary and bundle to run; default: this node and the test bundle's index.js. */
  readonly node?: string
  readonly entry?: string
  /** Called with the action's pid once it started (to signal it as the runner does on a cancel). */
  readonly onStart?: (pid: number) => void
  /** Run as this non-root user (uid = gid), as GitHub's runners do; the tests start as root to switch. */
  readonly uid?: number
  /** Called with the stdout read so far each time more arrives, and the ms since the spawn (for moments in a step). */
  readonly onStdout?: (stdoutSoFar: string, ms: number) => void
}

/** Parses the runner's file-command format: `NAME<<delimiter\nvalue\ndelimiter` or `NAME=value` lines. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const body: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i])
      values[name] = body.join('\n')
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return values
}

function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value])
  )
}

/** Runs one step (main, or post when `state` holds isPost) of the bundle and collects what it wrote. */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const runnerTemp = options.runnerTemp ?? tempDir('runner-temp-')
  const commands = join(runnerTemp, '_runner_file_commands')
  mkdirSync(commands, { recursive: true })
  const stamp = `${Date.now()}-${Math.random().toString(16).slice(2)}`
  const files = {
    env: join(commands, `set_env_${stamp}`),
    output: join(commands, `set_output_${stamp}`),
    state: join(commands, `save_state_${stamp}`),
    summary: join(commands, `step_summary_${stamp}`),
    path: join(commands, `add_path_${stamp}`)
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  if (options.uid !== undefined) {
    for (const path of [runnerTemp, commands, ...Object.values(files)]) chownSync(path, options.uid, options.uid)
  }
  const stateEnv = Object.fromEntries(Object.entries(options.state ?? {}).map(([k, v]) => [`STATE_${k}`, v]))
  const env: Record<string, string> = {
    ...options.env,
    ...inputEnv(options.inputs ?? {}),
    ...stateEnv,
    GITHUB_ENV: files.env,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_PATH: files.path,
    GITHUB_ACTIONS: 'true',
    GITHUB_RUN_ID: '4242',
    GITHUB_ACTION: 'goproxy',
    GITHUB_WORKSPACE: options.cwd ?? process.cwd(),
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: options.env.RUNNER_TOOL_CACHE ?? join(runnerTemp, 'toolcache')
  }
  for (const name of options.unset ?? []) delete env[name]
  // Its own process group, so a kill at the timeout also ends the go command the action started.
  const posix = process.platform !== 'win32'
  const started = performance.now()
  const child = spawn(options.node ?? process.execPath, [options.entry ?? DIST_ENTRY], {
    cwd: options.cwd ?? process.cwd(),
    env,
    detached: posix,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {})
  })
  if (child.pid) options.onStart?.(child.pid)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    options.onStdout?.(stdout, performance.now() - started)
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  let killed = false
  const timer = setTimeout(() => {
    killed = true
    try {
      if (posix && child.pid) process.kill(-child.pid, 'SIGKILL')
      else child.kill('SIGKILL')
    } catch {
      // Already gone.
    }
  }, options.timeoutMs ?? 60_000)
  const code = await new Promise<number | null>(done => {
    child.on('error', () => done(null))
    child.on('close', status => done(status))
  })
  const ms = performance.now() - started
  clearTimeout(timer)
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '')
  const exported = parseFileCommands(read(files.env))
  return {
    code,
    stdout,
    stderr,
    env: exported,
    // A post step exports nothing; its state is not an input.
    verification: options.state ? [] : auditRun(options.inputs ?? {}, exported),
    outputs: parseFileCommands(read(files.output)),
    state: parseFileCommands(read(files.state)),
    summary: read(files.summary),
    files,
    runnerTemp,
    killed,
    ms
  }
}

/** Runs the post step the way the runner does after the job: same RUNNER_TEMP, the main step's state as STATE_*. */
export function runPost(
  main: ActionRun,
  env: Record<string, string>,
  options: Pick<RunActionOptions, 'unset' | 'inputs' | 'uid' | 'cwd'> = {}
): Promise<ActionRun> {
  return runAction({ env, runnerTemp: main.runnerTemp, state: main.state, ...options })
}
