/**
 * The runner's side of the action: inputs, state, outputs, exported variables, PATH, masks, log groups,
 * annotations and the job summary, written the way the GitHub Actions runner reads them (its file commands
 * `GITHUB_ENV`/`GITHUB_OUTPUT`/`GITHUB_STATE`/`GITHUB_PATH`/`GITHUB_STEP_SUMMARY`, and `::command::` lines on
 * stdout) — the same text @actions/core writes.
 *
 * Why not @actions/core: its entry imports its OIDC client, which imports @actions/http-client, undici and tunnel
 * (with node:https and node:tls): about a megabyte of bundle evaluated by every run before the first input is read,
 * most of the action's cold start, for a token this action never asks for. The commands below are the part of it
 * the action uses. (The cache phase's @actions/cache still brings @actions/core, in its own lazily loaded chunk.)
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'
import { delimiter } from 'node:path'

/** A workflow command's text: what the runner reads as data ('%', CR and LF escaped). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A workflow command's property value: its data escaping, plus ':' and ','. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** Writes `::name key=value,...::message` on stdout, the form the runner acts on. */
function issueCommand(name: string, message: string, properties: Readonly<Record<string, string>> = {}): void {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

/** Appends one entry to the file a runner file command names (`GITHUB_<command>`). */
function issueFileCommand(command: 'ENV' | 'OUTPUT' | 'STATE' | 'PATH', entry: string): void {
  const file = process.env[`GITHUB_${command}`]
  if (!file) throw new Error(`Unable to find environment variable for file command ${command}`)
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, `${entry}${EOL}`, { encoding: 'utf8' })
}

/**
 * `name<<delimiter`, the value, `delimiter`: the heredoc form a file command reads, with a random delimiter that
 * neither the name nor the value may contain (so no value can end its entry early and add another).
 */
export function keyValueEntry(name: string, value: string): string {
  const fence = `ghadelimiter_${randomUUID()}`
  if (name.includes(fence)) throw new Error(`Unexpected input: name should not contain the delimiter "${fence}"`)
  if (value.includes(fence)) throw new Error(`Unexpected input: value should not contain the delimiter "${fence}"`)
  return `${name}<<${fence}${EOL}${value}${EOL}${fence}`
}

/** An input as the runner passes it (`INPUT_<NAME>`, spaces as '_', upper-cased), trimmed; '' when absent. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** A value the main step saved for the post step (`STATE_<name>`); '' when absent. */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? ''
}

/** Saves a value for the post step. */
export function saveState(name: string, value: string): void {
  if (process.env.GITHUB_STATE) issueFileCommand('STATE', keyValueEntry(name, value))
  else issueCommand('save-state', value, { name })
}

/** Sets a step output. */
export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) issueFileCommand('OUTPUT', keyValueEntry(name, value))
  else {
    process.stdout.write(EOL)
    issueCommand('set-output', value, { name })
  }
}

/** Exports a variable to the job's later steps (and to this process). */
export function exportVariable(name: string, value: string): void {
  process.env[name] = value
  if (process.env.GITHUB_ENV) issueFileCommand('ENV', keyValueEntry(name, value))
  else issueCommand('set-env', value, { name })
}

/** Puts a directory first on PATH for the job's later steps (and for this process). */
export function addPath(dir: string): void {
  if (process.env.GITHUB_PATH) issueFileCommand('PATH', dir)
  else issueCommand('add-path', dir)
  process.env.PATH = `${dir}${delimiter}${process.env.PATH}`
}

/** Masks a value in the rest of the job's log. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', secret)
}

/** Where an annotation points. */
export interface AnnotationProperties {
  readonly file?: string
}

/** A plain log line (the caller keeps it inert: src/action/logger.ts). */
export function info(message: string): void {
  process.stdout.write(message + EOL)
}

/** A debug line (shown when the job runs with debug logging). */
export function debug(message: string): void {
  issueCommand('debug', message)
}

/** A warning annotation. */
export function warning(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('warning', message, properties.file ? { file: properties.file } : {})
}

/** An error annotation. */
export function error(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('error', message, properties.file ? { file: properties.file } : {})
}

/** A notice annotation. */
export function notice(message: string, properties: AnnotationProperties = {}): void {
  issueCommand('notice', message, properties.file ? { file: properties.file } : {})
}

/** Fails the step: exit code 1 once the process ends, and the message as an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/** Starts a foldable group of log lines. */
export function startGroup(name: string): void {
  issueCommand('group', name)
}

/** Ends the group `startGroup` started. */
export function endGroup(): void {
  issueCommand('endgroup', '')
}

/** Runs `work` inside a foldable group of log lines. */
export async function group<T>(name: string, work: () => Promise<T>): Promise<T> {
  startGroup(name)
  try {
    return await work()
  } finally {
    endGroup()
  }
}

/** Appends Markdown (and a line end) to the job summary; a no-op when the runner gives no summary file. */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return
  await appendFile(file, markdown + EOL, { encoding: 'utf8' })
}
