/**
 * The runner's workflow commands, the few the action uses: inputs and state from the environment, outputs, state,
 * exported variables and the job summary through the runner's files (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV,
 * GITHUB_STEP_SUMMARY), log lines, annotations, masks and groups on stdout.
 *
 * Why not @actions/core: it imports @actions/http-client for OIDC tokens, and that imports undici and tunnel at
 * load, so every run paid for evaluating an HTTP stack before reading its first input (the cold start measured in
 * bench/RESULTS.md, "Fixed cost"). The formats here are the runner's, as @actions/core 3 writes them, and a test
 * compares the two byte for byte (__tests__/action/workflow.test.ts).
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'
import { delimiter } from 'node:path'

/** Where an annotation points, as the runner's `file`, `line`, `col`, ... properties. */
export interface AnnotationProperties {
  readonly title?: string
  readonly file?: string
  readonly startLine?: number
  readonly endLine?: number
  readonly startColumn?: number
  readonly endColumn?: number
}

type CommandProperties = Readonly<Record<string, string | number | undefined>>

/** Message text of a command: `%`, CR and LF escaped, so a message cannot end the command or start another. */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A property value: also `:` and `,`, which separate the properties. */
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** Writes `::command prop=value,...::message` on stdout; properties without a value are left out. */
function issueCommand(command: string, properties: CommandProperties, message: string): void {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '' && entry[1] !== 0)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
  process.stdout.write(`::${command}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(message)}${EOL}`)
}

/**
 * Appends `name<<delimiter`, the value, `delimiter` to the runner's file for `fileVariable` (GITHUB_OUTPUT, ...):
 * the heredoc form, so a value may hold newlines. The delimiter is random; a name or value that contains it is
 * refused rather than allowed to smuggle in a second entry.
 */
function appendKeyValue(fileVariable: string, name: string, value: string): void {
  const file = process.env[fileVariable] ?? ''
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file} (${fileVariable})`)
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter))
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  if (value.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  }
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' })
}

/** The input `name` as the runner passes it (`INPUT_<NAME>`, spaces as `_`), trimmed; '' when not given. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** A value the main step saved (`saveState`), as the post step sees it; '' when none. */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? ''
}

/** Saves a value for the post step (GITHUB_STATE; the `save-state` command without it). */
export function saveState(name: string, value: string): void {
  if (process.env.GITHUB_STATE) appendKeyValue('GITHUB_STATE', name, value)
  else issueCommand('save-state', { name }, value)
}

/** Sets a step output (GITHUB_OUTPUT; the `set-output` command without it). */
export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) appendKeyValue('GITHUB_OUTPUT', name, value)
  else {
    process.stdout.write(EOL)
    issueCommand('set-output', { name }, value)
  }
}

/** Exports a variable to later steps (GITHUB_ENV; `set-env` without it) and to this process (process.env). */
export function exportVariable(name: string, value: string): void {
  process.env[name] = value
  if (process.env.GITHUB_ENV) appendKeyValue('GITHUB_ENV', name, value)
  else issueCommand('set-env', { name }, value)
}

/** Masks `secret` in the rest of the job's log. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

/** A plain log line. */
export function info(message: string): void {
  process.stdout.write(message + EOL)
}

/** A debug line, shown when the job runs with debug logging (RUNNER_DEBUG=1). */
export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

/** Whether the job runs with debug logging. */
export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

function annotation(kind: 'error' | 'warning' | 'notice', message: string, where: AnnotationProperties): void {
  issueCommand(
    kind,
    {
      title: where.title,
      file: where.file,
      line: where.startLine,
      endLine: where.endLine,
      col: where.startColumn,
      endColumn: where.endColumn
    },
    message
  )
}

/** An error annotation (on a file when `where.file` is given). */
export function error(message: string, where: AnnotationProperties = {}): void {
  annotation('error', message, where)
}

/** A warning annotation. */
export function warning(message: string, where: AnnotationProperties = {}): void {
  annotation('warning', message, where)
}

/** A notice annotation. */
export function notice(message: string, where: AnnotationProperties = {}): void {
  annotation('notice', message, where)
}

/** Fails the step: exit code 1 once the process ends, and the message as an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/** Starts a collapsed group of log lines (close it with endGroup; `group` does both around a function). */
export function startGroup(name: string): void {
  issueCommand('group', {}, name)
}

/** Ends the group startGroup began. */
export function endGroup(): void {
  issueCommand('endgroup', {}, '')
}

/** Runs `fn` with its log lines in a collapsed group; the group is closed however `fn` ends. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  startGroup(name)
  try {
    return await fn()
  } finally {
    endGroup()
  }
}

/** Appends markdown (and a newline) to the job summary (GITHUB_STEP_SUMMARY), when the runner gives one. */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return
  await appendFile(file, markdown + EOL, { encoding: 'utf8' })
}

/** Puts `dir` first on PATH for later steps (GITHUB_PATH; `add-path` without it) and for this process. */
export function addPath(dir: string): void {
  if (process.env.GITHUB_PATH) {
    const file = process.env.GITHUB_PATH
    if (!existsSync(file)) throw new Error(`Missing file at path: ${file} (GITHUB_PATH)`)
    appendFileSync(file, dir + EOL, { encoding: 'utf8' })
  } else issueCommand('add-path', {}, dir)
  process.env.PATH = `${dir}${delimiter}${process.env.PATH ?? ''}`
}
