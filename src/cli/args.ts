/**
 * The command line, parsed: a command, the action's inputs by name (flags are named like the inputs) and the
 * CLI's own options. One option table (OPTIONS) feeds node:util's parseArgs, the per-command checks and the help
 * text (help.ts). Pure: no I/O, so the parsing rules can be tested as a table.
 */
import { parseArgs as parseTokens } from 'node:util'

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

/**
 * What a flag is:
 * - `input`: sets the action input of the same name (`list`: may repeat, the values join with newlines);
 * - `switch`: the CLI's own true/false (`--json`, `--json=false`);
 * - `choice`: the CLI's own value from `values`;
 * - `probe` / `no-probe`: the boolean `probe` input (`--probe[=VALUE]`, `--no-probe`);
 * - `meta`: --help / --version, for every command.
 */
type OptionKind = 'input' | 'list' | 'switch' | 'choice' | 'probe' | 'no-probe' | 'meta'

/** One flag: how it parses, which commands take it, and its line in the help. */
export interface OptionSpec {
  readonly kind: OptionKind
  readonly commands: readonly Command[]
  readonly values?: readonly string[]
  readonly short?: string
  /** The help's left column (`--proxies LIST`). */
  readonly flag: string
  /** The help's description; `byCommand` where one command says it differently. */
  readonly text: string
  readonly byCommand?: Partial<Record<Command, string>>
}

/** Every flag the CLI knows, in help order: the action's inputs by their action.yml names, then its own options. */
export const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  proxies: {
    kind: 'list',
    commands: ALL,
    flag: '--proxies LIST',
    text: 'proxies in order of preference: URLs, presets (proxy.golang.org, goproxy.cn, goproxy.io, aliyun, tencent, huawei), direct, off; repeat the flag or use , and |'
  },
  region: {
    kind: 'input',
    commands: ALL,
    flag: '--region NAME',
    text: 'global, cn or auto: a preset chain appended after --proxies'
  },
  private: {
    kind: 'list',
    commands: ALL,
    flag: '--private PATTERNS',
    text: 'GOPRIVATE: module path globs fetched directly, never checked against the public checksum DB'
  },
  'no-proxy': {
    kind: 'list',
    commands: ALL,
    flag: '--no-proxy PATTERNS',
    text: 'GONOPROXY: globs fetched directly (defaults to GOPRIVATE; none keeps private modules on the proxy)'
  },
  'no-sumdb': {
    kind: 'list',
    commands: ALL,
    flag: '--no-sumdb PATTERNS',
    text: 'GONOSUMDB: globs not checked against the checksum DB (defaults to GOPRIVATE)'
  },
  sumdb: {
    kind: 'input',
    commands: ALL,
    flag: '--sumdb VALUE',
    text: 'GOSUMDB: sum.golang.org, sum.golang.google.cn, or a verifier key [URL]'
  },
  insecure: {
    kind: 'list',
    commands: ALL,
    flag: '--insecure PATTERNS',
    text: 'GOINSECURE: globs that direct fetches may get without TLS checks'
  },
  fallback: {
    kind: 'input',
    commands: ALL,
    flag: '--fallback MODE',
    text: 'how repeated/line-separated proxies join: on-error (|, default) or not-found (,)'
  },
  'no-probe': {
    kind: 'no-probe',
    commands: CONFIGURING,
    flag: '--no-probe',
    text: 'do not probe: use the chain as composed (same as --probe=false)'
  },
  probe: { kind: 'probe', commands: CONFIGURING, flag: '--probe[=BOOL]', text: 'probe (the default)' },
  'probe-timeout': {
    kind: 'input',
    commands: ALL,
    flag: '--probe-timeout MS',
    text: 'deadline for the whole probe in milliseconds (default 3000)'
  },
  'probe-module': {
    kind: 'input',
    commands: ALL,
    flag: '--probe-module PATH',
    text: 'public module asked for by the probe (default golang.org/x/mod)'
  },
  order: {
    kind: 'input',
    commands: ALL,
    flag: '--order MODE',
    text: 'latency (fastest first among |-joined proxies, default) or given'
  },
  'on-unreachable': {
    kind: 'input',
    commands: ALL,
    flag: '--on-unreachable MODE',
    text: 'fail (default: exit 1 when no proxy or the checksum DB works) or warn (use the chain as given)'
  },
  auth: {
    kind: 'list',
    commands: ALL,
    flag: '--auth LINE',
    text: 'HOST[:PORT][/PATH] [USER:]SECRET, repeatable: credentials for the probe and warm (the CLI writes no netrc or git config)'
  },
  'working-directory': {
    kind: 'list',
    commands: ['warm'],
    flag: '--working-directory DIR',
    text: 'module or workspace directories to warm (globs allowed); same as [dir...]'
  },
  'warm-timeout': {
    kind: 'input',
    commands: ['warm'],
    flag: '--warm-timeout SECONDS',
    text: 'deadline for the whole warm phase (default 600)'
  },
  'warm-concurrency': {
    kind: 'input',
    commands: ['warm'],
    flag: '--warm-concurrency N',
    text: 'requests fetched ahead of go at once (default 64; 0: no prefetch)'
  },
  'warm-vendored': {
    kind: 'input',
    commands: ['warm'],
    flag: '--warm-vendored true|false',
    text: 'warm a module go builds from vendor/ too (default false: skipped, go never reads the module cache for it)'
  },
  retries: {
    kind: 'input',
    commands: ['warm', 'install'],
    flag: '--retries N',
    text: 'attempts per request or module set on transient faults (default 3)'
  },
  'go-version': {
    kind: 'input',
    commands: ['install'],
    flag: '--go-version VERSION',
    text: 'the Go to install (same as the [version] argument)'
  },
  'go-version-file': {
    kind: 'input',
    commands: ['install'],
    flag: '--go-version-file FILE',
    text: 'read the version from go.mod / go.work (toolchain, else go line), .go-version or .tool-versions'
  },
  architecture: {
    kind: 'input',
    commands: ['install'],
    flag: '--architecture ARCH',
    text: "the Go's architecture when not this machine's: x64/amd64, x86/386, arm64, arm, ppc64le, s390x, riscv64, loong64"
  },
  'check-latest': {
    kind: 'input',
    commands: ['install'],
    flag: '--check-latest true|false',
    text: 'read the version list even when an installed Go matches (default false: an installed match is used offline)'
  },
  json: {
    kind: 'switch',
    commands: ['probe'],
    flag: '--json',
    text: 'print the probe report and the chain as JSON on stdout'
  },
  'dry-run': { kind: 'switch', commands: ['apply'], flag: '--dry-run', text: 'only print the commands; run nothing' },
  shell: {
    kind: 'choice',
    values: SHELLS,
    commands: ['env', 'apply', 'install'],
    flag: '--shell NAME',
    text: 'sh (default), bash or zsh (the same export lines), pwsh, fish or cmd (cmd refuses values with % or ", exit 2)',
    byCommand: {
      apply: 'quote the printed commands for sh (default; also bash, zsh), pwsh, fish or cmd',
      install: 'write the PATH line for sh (default; also bash, zsh), pwsh, fish or cmd'
    }
  },
  format: {
    kind: 'choice',
    values: FORMATS,
    commands: ['env'],
    flag: '--format NAME',
    text: 'export (default) or go-env-w (`go env -w NAME=value` lines, quoted for --shell)'
  },
  verbose: { kind: 'switch', commands: ALL, flag: '--verbose', text: 'debug messages on stderr' },
  help: {
    kind: 'meta',
    commands: ALL,
    short: 'h',
    flag: '-h, --help',
    text: 'help for the program or a command (also: setup-goproxy help <command>)'
  },
  version: { kind: 'meta', commands: ALL, flag: '--version', text: 'print the version' }
}

/** Whether `name` is a flag that sets an action input (the names error messages and hints use). */
export function isInputFlag(name: string): boolean {
  const kind = OPTIONS[name]?.kind
  return kind === 'input' || kind === 'list' || kind === 'probe'
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

/** parseArgs' option config from the table: switches and --probe are booleans (a value only after `=`). */
const PARSE_OPTIONS = Object.fromEntries(
  Object.entries(OPTIONS).map(([name, spec]) => [
    name,
    {
      type: spec.kind === 'input' || spec.kind === 'list' || spec.kind === 'choice' ? 'string' : 'boolean',
      ...(spec.kind === 'list' ? { multiple: true } : {}),
      ...(spec.short ? { short: spec.short } : {})
    } as const
  ])
)

/** One option as parseArgs tokenised it. */
interface OptionToken {
  readonly name: string
  readonly rawName: string
  readonly value?: string
  readonly inlineValue?: boolean
}

/**
 * Parses argv (without node and the script) with node:util parseArgs. Accepts `--flag=value` and `--flag value`,
 * flags before or after the command, `--` to end the flags, `-h`. Throws UsageError for an unknown command or flag
 * (with the nearest known flags), a missing value, a non-list flag given twice, or a flag the command does not take.
 * Input values are not validated here: that is readSettings' job, so the CLI and the action reject the same values
 * with the same messages. A negative number is a value (readSettings calls it a bad number), never a missing one.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const { tokens } = parseTokens({
    args: [...argv],
    options: PARSE_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  const state = new ParseState()
  for (const token of tokens) {
    if (token.kind === 'option-terminator') state.terminated = true
    else if (token.kind === 'positional') state.positional(token.value)
    else state.option(token)
  }
  return state.result()
}

/** What the tokens said so far; each method applies one token. */
class ParseState {
  command: Command | undefined
  terminated = false
  private help = false
  private helpCommand = false
  private version = false
  private readonly inputs: Record<string, string> = {}
  private readonly lists: Record<string, string[]> = {}
  private readonly switches: Record<string, boolean> = {}
  private readonly choices: Record<string, string> = {}
  /** option name → the flag as written, without its value (a value may be a secret: never echoed). */
  private readonly seen = new Map<string, string>()
  private readonly positionals: string[] = []

  positional(arg: string): void {
    if (this.terminated) {
      this.positionals.push(arg)
    } else if (this.command === undefined && !this.helpCommand && this.positionals.length === 0) {
      if (arg === 'help') {
        this.helpCommand = true
        this.help = true
      } else {
        this.command = commandNamed(
          arg,
          `unknown command ${JSON.stringify(arg)}; the commands are ${COMMANDS.join(', ')}.`
        )
      }
    } else if (this.helpCommand && this.command === undefined) {
      this.command = commandNamed(arg, `no help for ${JSON.stringify(arg)}.`)
    } else {
      this.positionals.push(arg)
    }
  }

  option(token: OptionToken): void {
    const spec = OPTIONS[token.name] as OptionSpec | undefined
    const flag = token.rawName
    if (!spec || (flag.startsWith('-') && !flag.startsWith('--') && spec.short !== flag.slice(1))) {
      const hint = flag.startsWith('--') ? closest(token.name) : undefined
      throw new UsageError(`unknown flag ${flag}.${hint ? ` Did you mean ${hint}?` : ''}`, this.command)
    }
    const inline = token.inlineValue ? token.value : undefined
    switch (spec.kind) {
      case 'meta':
        if (inline !== undefined) throw new UsageError(`${flag} takes no value.`, this.command)
        if (token.name === 'help') this.help = true
        else this.version = true
        return
      case 'no-probe':
        if (inline !== undefined)
          throw new UsageError('--no-probe takes no value; write --probe=false or --no-probe.', this.command)
        this.once('probe', flag)
        this.inputs.probe = 'false'
        return
      case 'probe':
        // A bare --probe means true; a value only with `=`, since `probe` is also a command name.
        this.once('probe', flag)
        this.inputs.probe = inline ?? 'true'
        return
      case 'switch':
        this.once(token.name, flag)
        if (inline === undefined || inline === 'true') this.switches[token.name] = true
        else if (inline === 'false') this.switches[token.name] = false
        else throw new UsageError(`${flag} is a switch: write ${flag} or ${flag}=false.`, this.command)
        return
      default:
        this.once(token.name, flag)
        this.value(token, spec, flag)
    }
  }

  private value(token: OptionToken, spec: OptionSpec, flag: string): void {
    const value = token.value
    // parseArgs takes the next argument as the value whatever it looks like; a flag there means the value is
    // missing — except a negative number, which is a (bad) value that readSettings names.
    if (value === undefined || (!token.inlineValue && value.startsWith('-') && value !== '-' && !/^-\d/.test(value))) {
      throw new UsageError(`${flag} needs a value: ${flag}=VALUE or ${flag} VALUE.`, this.command)
    }
    if (spec.kind === 'choice') {
      if (!spec.values?.includes(value)) {
        throw new UsageError(
          `${flag} ${JSON.stringify(value)} is not one of: ${(spec.values ?? []).join(', ')}.`,
          this.command
        )
      }
      this.choices[token.name] = value
    } else if (spec.kind === 'list') {
      ;(this.lists[token.name] ??= []).push(value)
    } else {
      this.inputs[token.name] = value
    }
  }

  private once(name: string, flag: string): void {
    if (this.seen.has(name) && OPTIONS[name]?.kind !== 'list') {
      throw new UsageError(`${flag} was given more than once.`, this.command)
    }
    this.seen.set(name, flag)
  }

  result(): ParsedArgs {
    for (const [name, values] of Object.entries(this.lists)) this.inputs[name] = values.join('\n')
    if (!this.help && this.command !== undefined) checkFlagsFit(this.command, this.seen, this.positionals)
    return {
      command: this.command,
      help: this.help,
      version: this.version,
      inputs: this.inputs,
      json: this.switches.json ?? false,
      dryRun: this.switches['dry-run'] ?? false,
      verbose: this.switches.verbose ?? false,
      shell: (this.choices.shell as Shell | undefined) ?? 'sh',
      format: (this.choices.format as Format | undefined) ?? 'export',
      positionals: this.positionals
    }
  }
}

/** The command `arg` names, or a UsageError with `otherwise`. */
function commandNamed(arg: string, otherwise: string): Command {
  if (!(COMMANDS as readonly string[]).includes(arg)) throw new UsageError(otherwise)
  return arg as Command
}

/** Rejects flags and arguments that the command would silently ignore. */
function checkFlagsFit(command: Command, seen: ReadonlyMap<string, string>, positionals: readonly string[]): void {
  for (const [name, flag] of seen) {
    const commands = OPTIONS[name]?.commands ?? ALL
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
  const near = Object.keys(OPTIONS)
    .map(candidate => ({
      candidate,
      d: candidate.startsWith(name) && name.length >= 3 ? 0 : distance(name, candidate)
    }))
    .filter(c => c.d <= (name.length >= 5 ? 3 : 2))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(c => `--${c.candidate}`)
  return near.length > 0 ? near.join(' or ') : undefined
}

/** Levenshtein distance: node has no "did you mean" of its own. */
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
