/**
 * The command line, parsed: a command, the action's inputs by name (flags are named like the inputs) and the
 * CLI's own options. Pure: no I/O, so the parsing rules can be tested as a table.
 */

export const COMMANDS = ['probe', 'env', 'apply', 'warm', 'install'] as const
export type Command = (typeof COMMANDS)[number]

/** bash and zsh read sh's export lines as sh does: they are named so that a user can say what they run. */
export const SHELLS = ['sh', 'bash', 'zsh', 'pwsh', 'fish', 'cmd'] as const
export type Shell = (typeof SHELLS)[number]

export const FORMATS = ['export', 'go-env-w'] as const
export type Format = (typeof FORMATS)[number]

/** A wrong command line: printed with a hint to --help, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help the hint should point to. */
    readonly command?: Command
  ) {
    super(message)
    this.name = 'UsageError'
  }
}

const ALL: readonly Command[] = COMMANDS
const CONFIGURING: readonly Command[] = ['env', 'apply', 'warm', 'install']

/** A flag that sets an action input of the same name. `list` flags may repeat: their values join with newlines. */
interface InputFlag {
  readonly list?: boolean
  readonly commands: readonly Command[]
}

/** The action's inputs the CLI accepts, by name. `probe` is the boolean input behind --no-probe. */
export const INPUT_FLAGS: Readonly<Record<string, InputFlag>> = {
  proxies: { list: true, commands: ALL },
  region: { commands: ALL },
  private: { list: true, commands: ALL },
  'no-proxy': { list: true, commands: ALL },
  'no-sumdb': { list: true, commands: ALL },
  sumdb: { commands: ALL },
  insecure: { list: true, commands: ALL },
  fallback: { commands: ALL },
  probe: { commands: CONFIGURING },
  'probe-timeout': { commands: ALL },
  'probe-module': { commands: ALL },
  order: { commands: ALL },
  'on-unreachable': { commands: ALL },
  auth: { list: true, commands: ALL },
  'working-directory': { list: true, commands: ['warm'] },
  'warm-timeout': { commands: ['warm'] },
  'warm-concurrency': { commands: ['warm'] },
  'warm-vendored': { commands: ['warm'] },
  retries: { commands: ['warm', 'install'] },
  'go-version': { commands: ['install'] },
  'go-version-file': { commands: ['install'] },
  'check-latest': { commands: ['install'] }
}

/** The CLI's own switches (true/false) and choices. */
const SWITCHES: Readonly<Record<string, readonly Command[]>> = {
  json: ['probe'],
  'dry-run': ['apply'],
  verbose: ALL
}
const CHOICES: Readonly<Record<string, { values: readonly string[]; commands: readonly Command[] }>> = {
  shell: { values: SHELLS, commands: ['env', 'apply', 'install'] },
  format: { values: FORMATS, commands: ['env'] }
}

export interface ParsedArgs {
  /** Undefined for the bare program (`--help`, `--version`, or nothing at all). */
  readonly command?: Command
  readonly help: boolean
  readonly version: boolean
  /** Input values by input name, as the action's `with:` would hold them (lists joined by newlines). */
  readonly inputs: Readonly<Record<string, string>>
  readonly json: boolean
  readonly dryRun: boolean
  readonly verbose: boolean
  readonly shell: Shell
  readonly format: Format
  /** Arguments after the command (directories for warm, the Go version for install). */
  readonly positionals: readonly string[]
}

/** Every flag name the CLI knows, for "did you mean" hints and the help text. */
export const FLAG_NAMES: readonly string[] = [
  ...Object.keys(INPUT_FLAGS),
  'no-probe',
  ...Object.keys(SWITCHES),
  ...Object.keys(CHOICES),
  'help',
  'version'
]

/**
 * Parses argv (without node and the script). Accepts `--flag=value` and `--flag value`, flags before or after the
 * command, `--` to end the flags, `-h`. Throws UsageError for an unknown command or flag, a missing value, a
 * non-list flag given twice, or a flag the command does not take. Input values are not validated here: that is
 * readSettings' job, so the CLI and the action reject the same values with the same messages.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  let command: Command | undefined
  let help = false
  let version = false
  let helpCommand = false
  const inputs: Record<string, string> = {}
  const lists: Record<string, string[]> = {}
  const switches: Record<string, boolean> = {}
  const choices: Record<string, string> = {}
  const seen = new Map<string, string>() // input or option name → the flag as written, without its value
  const positionals: string[] = []

  const once = (name: string, flag: string) => {
    if (seen.has(name) && !INPUT_FLAGS[name]?.list) throw new UsageError(`${flag} was given more than once.`, command)
    seen.set(name, flag)
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (arg === '-h') {
      help = true
      continue
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown flag ${arg}.`, command)
      if (command === undefined && !helpCommand && positionals.length === 0) {
        if (arg === 'help') {
          helpCommand = true
          help = true
          continue
        }
        if (!(COMMANDS as readonly string[]).includes(arg)) {
          throw new UsageError(`unknown command ${JSON.stringify(arg)}; the commands are ${COMMANDS.join(', ')}.`)
        }
        command = arg as Command
        continue
      }
      if (helpCommand && command === undefined) {
        if (!(COMMANDS as readonly string[]).includes(arg)) throw new UsageError(`no help for ${JSON.stringify(arg)}.`)
        command = arg as Command
        continue
      }
      positionals.push(arg)
      continue
    }

    const eq = arg.indexOf('=')
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq)
    const inline = eq < 0 ? undefined : arg.slice(eq + 1)
    const takeValue = (): string => {
      if (inline !== undefined) return inline
      const next = argv[i + 1]
      // A negative number is a value (a bad one, which readSettings names), not the next flag.
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) {
        throw new UsageError(`--${name} needs a value: --${name}=VALUE or --${name} VALUE.`, command)
      }
      i++
      return next
    }

    if (name === 'help' || name === 'version') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value.`, command)
      if (name === 'help') help = true
      else version = true
      continue
    }
    if (name === 'no-probe') {
      if (inline !== undefined)
        throw new UsageError('--no-probe takes no value; write --probe=false or --no-probe.', command)
      once('probe', `--${name}`)
      inputs.probe = 'false'
      continue
    }
    if (name === 'probe') {
      // A bare --probe means true; a value only with `=`, since `probe` is also a command name.
      once('probe', `--${name}`)
      inputs.probe = inline ?? 'true'
      continue
    }
    if (name in SWITCHES) {
      once(name, `--${name}`)
      if (inline === undefined || inline === 'true') switches[name] = true
      else if (inline === 'false') switches[name] = false
      else throw new UsageError(`--${name} is a switch: write --${name} or --${name}=false.`, command)
      continue
    }
    if (name in CHOICES) {
      once(name, `--${name}`)
      const value = takeValue()
      if (!CHOICES[name].values.includes(value)) {
        throw new UsageError(
          `--${name} ${JSON.stringify(value)} is not one of: ${CHOICES[name].values.join(', ')}.`,
          command
        )
      }
      choices[name] = value
      continue
    }
    if (name in INPUT_FLAGS) {
      once(name, `--${name}`)
      const value = takeValue()
      if (INPUT_FLAGS[name].list) (lists[name] ??= []).push(value)
      else inputs[name] = value
      continue
    }
    const hint = closest(name)
    throw new UsageError(`unknown flag --${name}.${hint ? ` Did you mean ${hint}?` : ''}`, command)
  }

  for (const [name, values] of Object.entries(lists)) inputs[name] = values.join('\n')
  if (!help && command !== undefined) checkFlagsFit(command, seen, positionals)
  return {
    command,
    help,
    version,
    inputs,
    json: switches.json ?? false,
    dryRun: switches['dry-run'] ?? false,
    verbose: switches.verbose ?? false,
    shell: (choices.shell as Shell | undefined) ?? 'sh',
    format: (choices.format as Format | undefined) ?? 'export',
    positionals
  }
}

/** Rejects flags and arguments that the command would silently ignore. */
function checkFlagsFit(command: Command, seen: ReadonlyMap<string, string>, positionals: readonly string[]): void {
  for (const [name, flag] of seen) {
    const commands = INPUT_FLAGS[name]?.commands ?? SWITCHES[name] ?? CHOICES[name]?.commands ?? ALL
    if (!commands.includes(command)) {
      throw new UsageError(`${flag} does not apply to ${command}; it is for: ${commands.join(', ')}.`, command)
    }
  }
  if (command === 'install' && positionals.length > 1) {
    throw new UsageError(`install takes one Go version (got ${positionals.length} arguments).`, command)
  }
  if (positionals.length > 0 && command !== 'warm' && command !== 'install') {
    throw new UsageError(`${command} takes no arguments (got ${JSON.stringify(positionals[0])}).`, command)
  }
}

/** The known flags near a typo (one it begins, or a few edits away), nearest first: "--probe or --proxies". */
function closest(name: string): string | undefined {
  const near = FLAG_NAMES.map(candidate => ({
    candidate,
    d: candidate.startsWith(name) && name.length >= 3 ? 0 : distance(name, candidate)
  }))
    .filter(c => c.d <= (name.length >= 5 ? 3 : 2))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(c => `--${c.candidate}`)
  return near.length > 0 ? near.join(' or ') : undefined
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]
}
