import { describe, expect, it } from '@jest/globals'
import { parseArgs, UsageError } from '../../src/cli/args.js'

describe('parseArgs: flags are named like the action inputs', () => {
  it.each([
    ['--flag=value', ['env', '--region=cn'], { region: 'cn' }],
    ['--flag value', ['env', '--region', 'cn'], { region: 'cn' }],
    ['flags may come before the command', ['--region', 'cn', 'env'], { region: 'cn' }],
    [
      'repeated list flags join with newlines',
      ['env', '--proxies', 'goproxy.cn', '--proxies=direct'],
      { proxies: 'goproxy.cn\ndirect' }
    ],
    ['--no-probe sets the probe input to false', ['env', '--no-probe'], { probe: 'false' }],
    ['--probe=VALUE passes the value on for validation', ['env', '--probe=maybe'], { probe: 'maybe' }],
    ['--no-proxy is the GONOPROXY input, not a negation', ['env', '--no-proxy', 'none'], { 'no-proxy': 'none' }],
    ['--no-sumdb is the GONOSUMDB input', ['env', '--no-sumdb=example.test'], { 'no-sumdb': 'example.test' }],
    [
      'an empty value is kept (readSettings then uses the default)',
      ['probe', '--probe-timeout='],
      { 'probe-timeout': '' }
    ],
    [
      'values are passed raw, validation is readSettings’ job',
      ['probe', '--probe-timeout', 'soon'],
      { 'probe-timeout': 'soon' }
    ],
    [
      'install flags on install, as the action names its inputs',
      ['install', '1.23', '--architecture', '386', '--check-latest=true'],
      { architecture: '386', 'check-latest': 'true' }
    ],
    ['warm flags on warm', ['warm', '--retries', '5', '--warm-timeout=60'], { retries: '5', 'warm-timeout': '60' }],
    [
      'a negative number is a value (readSettings calls it a bad number), not a missing one',
      ['warm', '--retries', '-1', '--warm-timeout', '-2.5'],
      { retries: '-1', 'warm-timeout': '-2.5' }
    ]
  ])('%s', (_name, argv, inputs) => {
    expect(parseArgs(argv).inputs).toEqual(inputs)
  })

  it('collects the CLI options and positionals', () => {
    const args = parseArgs(['warm', 'a', '--verbose', 'b', '--', '--not-a-flag'])
    expect(args).toMatchObject({ command: 'warm', verbose: true, positionals: ['a', 'b', '--not-a-flag'] })
    expect(parseArgs(['env', '--shell', 'fish', '--format=go-env-w'])).toMatchObject({
      shell: 'fish',
      format: 'go-env-w'
    })
    expect(parseArgs(['apply', '--dry-run'])).toMatchObject({ dryRun: true, shell: 'sh' })
    expect(parseArgs(['probe', '--json'])).toMatchObject({ json: true })
  })

  it.each([
    [['-h'], { help: true, command: undefined }],
    [['env', '--help'], { help: true, command: 'env' }],
    [['help', 'warm'], { help: true, command: 'warm' }],
    [['--version'], { version: true }],
    // Help wins over a flag the command would not take: the user is asking what it takes.
    [['env', '--json', '-h'], { help: true, command: 'env' }]
  ])('%j asks for help or the version', (argv, expected) => {
    expect(parseArgs(argv)).toMatchObject(expected)
  })
})

describe('parseArgs: a wrong command line is a usage error', () => {
  it.each([
    [['deploy'], /unknown command "deploy"/],
    [['env', '--proxy', 'x'], /unknown flag --proxy\. Did you mean --probe or --proxies or --no-proxy\?/],
    [['env', '-x'], /unknown flag -x/],
    [['env', '--region'], /--region needs a value/],
    [['env', '--region', '--no-probe'], /--region needs a value/],
    [['env', '--region', 'cn', '--region=global'], /--region was given more than once/],
    [['env', '--no-probe', '--probe=true'], /--probe was given more than once/],
    [['env', '--no-probe=1'], /--no-probe takes no value/],
    [['env', '--shell', 'tcsh'], /--shell "tcsh" is not one of: sh, bash, zsh, pwsh, fish, cmd/],
    [['env', '--json'], /--json does not apply to env; it is for: probe/],
    [['probe', '--no-probe'], /--no-probe does not apply to probe/],
    [['env', '--retries', '2'], /--retries does not apply to env; it is for: warm/],
    [['apply', '--format', 'go-env-w'], /--format does not apply to apply/],
    [['env', 'extra'], /env takes no arguments/],
    [['probe', '--json=yes'], /--json is a switch/]
  ])('%j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError)
    expect(() => parseArgs(argv)).toThrow(message)
  })

  it('never echoes a value in a usage message (a flag may carry a secret)', () => {
    expect(() => parseArgs(['env', '--sumdb=key https://u:hunter2@h', '--sumdb=x'])).toThrow(
      /^--sumdb was given more than once\.$/
    )
  })
})
