/**
 * Runs the bundled action the way the GitHub runner does: `node dist/index.js` with every input as INPUT_<NAME>
 * (defaults from action.yml filled in, as the runner does), fresh GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE /
 * GITHUB_STEP_SUMMARY / GITHUB_PATH files, RUNNER_TEMP; the post step gets the saved state as STATE_<name>. Then
 * reads the files back as the runner would.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import YAML from 'yaml'

/**
 * Parses the runner's file-command format: `NAME<<delimiter` heredocs (what @actions/core writes) and `NAME=value`.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseFileCommands(text) {
  const values = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const body = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i])
      values[heredoc[1]] = body.join('\n')
    } else if (lines[i].includes('=')) {
      values[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1)
    }
  }
  return values
}

/**
 * The runner passes every input declared in action.yml, with its default when the workflow does not set it.
 * @param {string} actionYml path to action.yml
 * @param {Record<string, string>} inputs the workflow's `with:`
 */
export function inputVariables(actionYml, inputs) {
  const declared = YAML.parse(fs.readFileSync(actionYml, 'utf8')).inputs ?? {}
  const env = {}
  for (const [name, spec] of Object.entries(declared)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? String(spec.default ?? '')
  }
  return env
}

/**
 * Runs one step of the action and collects what it wrote.
 * @param {{ bundle: string, env: Record<string, string>, cwd: string, runnerTemp: string, state?: Record<string, string>, timeoutMs: number }} options
 */
export async function runStep(options) {
  const commands = path.join(options.runnerTemp, '_runner_file_commands')
  fs.mkdirSync(commands, { recursive: true })
  const id = randomUUID()
  const files = {
    env: path.join(commands, `set_env_${id}`),
    output: path.join(commands, `set_output_${id}`),
    state: path.join(commands, `save_state_${id}`),
    summary: path.join(commands, `step_summary_${id}`),
    path: path.join(commands, `add_path_${id}`)
  }
  for (const file of Object.values(files)) fs.writeFileSync(file, '')
  const state = Object.fromEntries(Object.entries(options.state ?? {}).map(([k, v]) => [`STATE_${k}`, v]))
  const env = {
    ...options.env,
    ...state,
    GITHUB_ENV: files.env,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_PATH: files.path
  }
  const started = Date.now()
  const child = spawn(process.execPath, [options.bundle], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  let killed = false
  const timer = setTimeout(() => {
    killed = true
    child.kill('SIGKILL')
  }, options.timeoutMs)
  const code = await new Promise(resolve => {
    child.on('error', () => resolve(null))
    child.on('close', status => resolve(status))
  })
  clearTimeout(timer)
  const read = file => fs.readFileSync(file, 'utf8')
  return {
    code,
    killed,
    ms: Date.now() - started,
    stdout,
    stderr,
    env: parseFileCommands(read(files.env)),
    outputs: parseFileCommands(read(files.output)),
    state: parseFileCommands(read(files.state)),
    summary: read(files.summary)
  }
}
