/**
 * The help text: the program's and each command's. The flags' rows come from the one option table (args.ts OPTIONS)
 * that also drives the parser, so the help cannot list a flag the parser does not take or miss one it does.
 */
import { COMMANDS, OPTIONS, type Command, type OptionSpec } from './args.js'

interface FlagHelp {
  readonly flag: string
  readonly text: string
}

interface CommandHelp {
  readonly usage: string
  readonly summary: string
  readonly description: string
  readonly examples: readonly string[]
}

const COMMAND_HELP: Readonly<Record<Command, CommandHelp>> = {
  probe: {
    usage: 'setup-goproxy probe [flags]',
    summary: 'probe every proxy and the checksum DB; print the table and the chain it would use',
    description:
      'Asks every proxy of the chain for a public module and the checksum database for its signed tree head, under one deadline, and prints what works from this machine: result, median latency and checksum-DB support per proxy, then the GOPROXY and GOSUMDB it would set. Writes nothing.',
    examples: [
      'setup-goproxy probe --region auto',
      'setup-goproxy probe --proxies goproxy.cn --proxies https://proxy.golang.org --json'
    ]
  },
  env: {
    usage: 'setup-goproxy env [flags]',
    summary: 'print the resulting variables as shell commands; writes nothing',
    description:
      'Probes (unless --no-probe) and prints the variables the action would export, as commands for your shell, on stdout. Messages go to stderr, so the output can be evaluated as is. Writes nothing itself.',
    examples: [
      'eval "$(setup-goproxy env --region cn)"',
      'setup-goproxy env --region auto --shell pwsh | Invoke-Expression',
      'setup-goproxy env --region auto --shell fish | source',
      'setup-goproxy env --proxies goproxy.cn --format go-env-w'
    ]
  },
  apply: {
    usage: 'setup-goproxy apply [flags]',
    summary: 'print the values, then write them with `go env -w`',
    description:
      "Probes (unless --no-probe), prints the `go env -w` commands it runs, then runs them: the values land in go's own env file (`go env GOENV`) and every later go command reads them. A variable also set in the environment still wins over the file; apply says which ones and how to unset them.",
    examples: ['setup-goproxy apply --region cn', 'setup-goproxy apply --proxies https://goproxy.example.com --dry-run']
  },
  warm: {
    usage: 'setup-goproxy warm [flags] [dir...]',
    summary: 'download the modules the build needs into the module cache',
    description:
      'Probes (unless --no-probe), then runs `go mod download` in each module or workspace directory (default .) through the verified chain, with a watchdog against proxies that stop answering and retries for transient faults. Shows a live progress line on a terminal and plain lines otherwise. The chain is used for this run only: nothing is written (use env or apply for that).',
    examples: ['setup-goproxy warm', 'setup-goproxy warm --region cn ./services/api ./tools']
  },
  install: {
    usage: 'setup-goproxy install [flags] <version>',
    summary: 'install Go through the verified chain into ~/sdk/go<version>; print the PATH line',
    description:
      'Resolves the version (1.23, 1.23.5, 1.23rc1, stable, oldstable, >=1.22) from the golang.org/toolchain list through the chain (probed unless --no-probe), looks it up in the checksum database (never with GOSUMDB=off), downloads the zip through the chain and installs it into ~/sdk/go<version>, where golang.org/dl puts it. An installed copy is used without a download. Prints the command that puts its bin first on PATH for --shell on stdout; everything else goes to stderr.',
    examples: [
      'eval "$(setup-goproxy install 1.23 --region cn)"',
      'setup-goproxy install --go-version-file go.mod --shell pwsh | Invoke-Expression'
    ]
  }
}

const WIDTH = 100

/** Aligned flag/description rows; long descriptions wrap under their column. */
function table(rows: readonly FlagHelp[]): string[] {
  const width = Math.min(28, Math.max(...rows.map(r => r.flag.length)))
  const indent = ' '.repeat(width + 4)
  return rows.flatMap(r => {
    const lines = wrap(r.text, WIDTH - indent.length)
    const first =
      r.flag.length > width ? [`  ${r.flag}`, `${indent}${lines[0]}`] : [`  ${r.flag.padEnd(width)}  ${lines[0]}`]
    return [...first, ...lines.slice(1).map(line => indent + line)]
  })
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  return [...lines, line]
}

const EXIT_CODES = [
  'Exit codes:',
  '  0  ok',
  '  1  failure: the probe found no working proxy or checksum DB (with --on-unreachable fail),',
  '     warming failed, go env -w failed, or Go could not be installed (or verified)',
  '  2  usage: unknown command or flag, an invalid value (the message names the input), or a value',
  '     that --shell cmd cannot hold safely (% or "; use --shell pwsh)',
  '  130, 143  cancelled (SIGINT, SIGTERM): go and what it started were ended, nothing half-installed left'
]

const ENVIRONMENT = [
  'Environment:',
  '  GOPROXY, GOSUMDB, GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE are read as the action reads the',
  '  job environment (empty counts as unset); without GOPROXY, `go env GOPROXY` is asked.',
  '  NO_COLOR turns colour off.'
]

/** A flag's help row, as `command` describes it. */
function row(spec: OptionSpec, command?: Command): FlagHelp {
  return { flag: spec.flag, text: (command && spec.byCommand?.[command]) ?? spec.text }
}

/** The rows of the flags that set action inputs (--probe itself is shown as --no-probe), in table order. */
function inputRows(fits: (spec: OptionSpec) => boolean): FlagHelp[] {
  return Object.values(OPTIONS)
    .filter(spec => ['input', 'list', 'no-probe'].includes(spec.kind) && fits(spec))
    .map(spec => row(spec))
}

/** The program's help: commands, flags shared by all, exit codes. */
export function programHelp(): string {
  const commands = (Object.keys(COMMAND_HELP) as Command[]).map(name => ({
    flag: name === 'warm' ? 'warm [dir...]' : name === 'install' ? 'install <version>' : name,
    text: COMMAND_HELP[name].summary
  }))
  return [
    'setup-goproxy: measure Go module proxies and the checksum database from this machine, and set up',
    'a Go module environment that works here. The command-line face of the GitHub Action of the same',
    'name: same inputs, same validation, same answer.',
    '',
    'Usage: setup-goproxy <command> [flags]',
    '',
    'Commands:',
    ...table(commands),
    '',
    'Flags (named like the action inputs; `--flag=value` or `--flag value`; list flags may repeat):',
    ...table([
      ...inputRows(spec => spec.commands.length === COMMANDS.length),
      row(OPTIONS.verbose),
      row(OPTIONS.help),
      row(OPTIONS.version)
    ]),
    '  --no-probe, --json, --shell, --format, --dry-run and the warm flags: see each command.',
    '',
    ...EXIT_CODES,
    '',
    ...ENVIRONMENT,
    ''
  ].join('\n')
}

/** One command's help: what it does, every flag it takes (its own first, then the inputs), examples. */
export function commandHelp(command: Command): string {
  const help = COMMAND_HELP[command]
  const own = Object.entries(OPTIONS)
    .filter(([name, spec]) => (spec.kind === 'switch' || spec.kind === 'choice') && name !== 'verbose')
    .filter(([, spec]) => spec.commands.includes(command))
    .map(([, spec]) => row(spec, command))
  return [
    `Usage: ${help.usage}`,
    '',
    ...wrap(help.description, WIDTH),
    '',
    'Flags:',
    ...table([...own, ...inputRows(spec => spec.commands.includes(command)), row(OPTIONS.verbose)]),
    '',
    'Examples:',
    ...help.examples.map(e => `  ${e}`),
    '',
    ...EXIT_CODES,
    ''
  ].join('\n')
}
