import { COMMANDS, INPUT_FLAGS, type Command } from './args.js'

interface FlagHelp {
  readonly flag: string
  readonly text: string
}

/** One line per input flag; the action's README has the full story of each input. */
const INPUT_HELP: Readonly<Record<string, FlagHelp>> = {
  proxies: {
    flag: '--proxies LIST',
    text: 'proxies in order of preference: URLs, presets (proxy.golang.org, goproxy.cn, goproxy.io, aliyun, tencent, huawei), direct, off; repeat the flag or use , and |'
  },
  region: { flag: '--region NAME', text: 'global, cn or auto: a preset chain appended after --proxies' },
  private: {
    flag: '--private PATTERNS',
    text: 'GOPRIVATE: module path globs fetched directly, never checked against the public checksum DB'
  },
  'no-proxy': {
    flag: '--no-proxy PATTERNS',
    text: 'GONOPROXY: globs fetched directly (defaults to GOPRIVATE; none keeps private modules on the proxy)'
  },
  'no-sumdb': {
    flag: '--no-sumdb PATTERNS',
    text: 'GONOSUMDB: globs not checked against the checksum DB (defaults to GOPRIVATE)'
  },
  sumdb: { flag: '--sumdb VALUE', text: 'GOSUMDB: sum.golang.org, sum.golang.google.cn, or a verifier key [URL]' },
  insecure: { flag: '--insecure PATTERNS', text: 'GOINSECURE: globs that direct fetches may get without TLS checks' },
  fallback: {
    flag: '--fallback MODE',
    text: 'how repeated/line-separated proxies join: on-error (|, default) or not-found (,)'
  },
  probe: { flag: '--no-probe', text: 'do not probe: use the chain as composed (same as --probe=false)' },
  'probe-timeout': { flag: '--probe-timeout MS', text: 'deadline for the whole probe in milliseconds (default 3000)' },
  'probe-module': {
    flag: '--probe-module PATH',
    text: 'public module asked for by the probe (default golang.org/x/mod)'
  },
  order: { flag: '--order MODE', text: 'latency (fastest first among |-joined proxies, default) or given' },
  'on-unreachable': {
    flag: '--on-unreachable MODE',
    text: 'fail (default: exit 1 when no proxy or the checksum DB works) or warn (use the chain as given)'
  },
  auth: {
    flag: '--auth LINE',
    text: 'HOST[:PORT][/PATH] [USER:]SECRET, repeatable: credentials for the probe and warm (the CLI writes no netrc or git config)'
  },
  'working-directory': {
    flag: '--working-directory DIR',
    text: 'module or workspace directories to warm (globs allowed); same as [dir...]'
  },
  'warm-timeout': { flag: '--warm-timeout SECONDS', text: 'deadline for the whole warm phase (default 600)' },
  'warm-concurrency': {
    flag: '--warm-concurrency N',
    text: 'requests fetched ahead of go at once (default 64; 0: no prefetch)'
  },
  'warm-vendored': {
    flag: '--warm-vendored true|false',
    text: 'warm a module go builds from vendor/ too (default false: skipped, go never reads the module cache for it)'
  },
  retries: { flag: '--retries N', text: 'attempts per request or module set on transient faults (default 3)' },
  'go-version': { flag: '--go-version VERSION', text: 'the Go to install (same as the [version] argument)' },
  'go-version-file': {
    flag: '--go-version-file FILE',
    text: 'read the version from go.mod / go.work (toolchain, else go line), .go-version or .tool-versions'
  },
  'check-latest': {
    flag: '--check-latest true|false',
    text: 'read the version list even when an installed Go matches (default false: an installed match is used offline)'
  }
}

interface CommandHelp {
  readonly usage: string
  readonly summary: string
  readonly description: string
  readonly options: readonly FlagHelp[]
  readonly examples: readonly string[]
}

const COMMAND_HELP: Readonly<Record<Command, CommandHelp>> = {
  probe: {
    usage: 'setup-goproxy probe [flags]',
    summary: 'probe every proxy and the checksum DB; print the table and the chain it would use',
    description:
      'Asks every proxy of the chain for a public module and the checksum database for its signed tree head, under one deadline, and prints what works from this machine: result, median latency and checksum-DB support per proxy, then the GOPROXY and GOSUMDB it would set. Writes nothing.',
    options: [{ flag: '--json', text: 'print the probe report and the chain as JSON on stdout' }],
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
    options: [
      {
        flag: '--shell NAME',
        text: 'sh (default), bash or zsh (the same export lines), pwsh, fish or cmd (cmd refuses values with % or ", exit 2)'
      },
      { flag: '--format NAME', text: 'export (default) or go-env-w (`go env -w NAME=value` lines, quoted for --shell)' }
    ],
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
    options: [
      { flag: '--dry-run', text: 'only print the commands; run nothing' },
      { flag: '--shell NAME', text: 'quote the printed commands for sh (default; also bash, zsh), pwsh, fish or cmd' }
    ],
    examples: ['setup-goproxy apply --region cn', 'setup-goproxy apply --proxies https://goproxy.example.com --dry-run']
  },
  warm: {
    usage: 'setup-goproxy warm [flags] [dir...]',
    summary: 'download the modules the build needs into the module cache',
    description:
      'Probes (unless --no-probe), then runs `go mod download` in each module or workspace directory (default .) through the verified chain, with a watchdog against proxies that stop answering and retries for transient faults. Shows a live progress line on a terminal and plain lines otherwise. The chain is used for this run only: nothing is written (use env or apply for that).',
    options: [],
    examples: ['setup-goproxy warm', 'setup-goproxy warm --region cn ./services/api ./tools']
  },
  install: {
    usage: 'setup-goproxy install [flags] <version>',
    summary: 'install Go through the verified chain into ~/sdk/go<version>; print the PATH line',
    description:
      'Resolves the version (1.23, 1.23.5, 1.23rc1, stable, oldstable, >=1.22) from the golang.org/toolchain list through the chain (probed unless --no-probe), looks it up in the checksum database (never with GOSUMDB=off), downloads the zip through the chain and installs it into ~/sdk/go<version>, where golang.org/dl puts it. An installed copy is used without a download. Prints the command that puts its bin first on PATH for --shell on stdout; everything else goes to stderr.',
    options: [
      { flag: '--shell NAME', text: 'write the PATH line for sh (default; also bash, zsh), pwsh, fish or cmd' }
    ],
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
  '     that --shell cmd cannot hold safely (% or "; use --shell pwsh)'
]

const ENVIRONMENT = [
  'Environment:',
  '  GOPROXY, GOSUMDB, GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE are read as the action reads the',
  '  job environment (empty counts as unset); without GOPROXY, `go env GOPROXY` is asked.',
  '  NO_COLOR turns colour off.'
]

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
      ...Object.keys(INPUT_FLAGS)
        .filter(name => INPUT_FLAGS[name].commands.length === COMMANDS.length)
        .map(name => INPUT_HELP[name]),
      { flag: '--verbose', text: 'debug messages on stderr' },
      { flag: '-h, --help', text: 'help for the program or a command (also: setup-goproxy help <command>)' },
      { flag: '--version', text: 'print the version' }
    ]),
    '  --no-probe, --json, --shell, --format, --dry-run and the warm flags: see each command.',
    '',
    ...EXIT_CODES,
    '',
    ...ENVIRONMENT,
    ''
  ].join('\n')
}

/** One command's help: what it does, every flag it takes, examples. */
export function commandHelp(command: Command): string {
  const help = COMMAND_HELP[command]
  const inputs = Object.keys(INPUT_FLAGS)
    .filter(name => INPUT_FLAGS[name].commands.includes(command))
    .map(name => INPUT_HELP[name])
  return [
    `Usage: ${help.usage}`,
    '',
    ...wrap(help.description, WIDTH),
    '',
    'Flags:',
    ...table([...help.options, ...inputs, { flag: '--verbose', text: 'debug messages on stderr' }]),
    '',
    'Examples:',
    ...help.examples.map(e => `  ${e}`),
    '',
    ...EXIT_CODES,
    ''
  ].join('\n')
}
