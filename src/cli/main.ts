import { InputErrors, variableOfInput } from '../go/errors.js'
import { redactText } from '../go/proxy/url.js'
import { isInputFlag, parseArgs, UsageError, type Command, type ParsedArgs } from './args.js'
import { applyCommand, envCommand } from './commands/env.js'
import { probeCommand } from './commands/probe.js'
import { installCommand } from './commands/install.js'
import { warmCommand } from './commands/warm.js'
import { commandHelp, programHelp } from './help.js'
import { processIo, styles, useColour, type CliIo } from './io.js'
import { packageVersion } from '../host/version.js'
import { describeInputErrors } from '../host/wording.js'
import { CLI_WORDING } from './wording.js'

/** Exit codes, as the help documents them. */
export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

const RUN: Readonly<Record<Command, (args: ParsedArgs, io: CliIo) => Promise<number>>> = {
  probe: probeCommand,
  env: envCommand,
  apply: applyCommand,
  warm: warmCommand,
  install: installCommand
}

/**
 * The CLI: parses `argv` (without node and the script), runs the command against `io` and resolves to the exit
 * code. Never throws and never calls process.exit, so tests run it in-process.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const style = styles(useColour(io, io.stderr))
  const usage = (error: UsageError) => {
    const help = error.command ? `setup-goproxy ${error.command} --help` : 'setup-goproxy --help'
    io.stderr.write(`${style.red('error:')} ${error.message}\nRun ${help} for usage.\n`)
    return EXIT_USAGE
  }
  let args: ParsedArgs
  try {
    args = parseArgs(argv)
  } catch (error) {
    if (error instanceof UsageError) return usage(error)
    throw error
  }
  if (args.version) {
    io.stdout.write(`${packageVersion()}\n`)
    return EXIT_OK
  }
  if (args.help) {
    io.stdout.write(args.command ? commandHelp(args.command) : programHelp())
    return EXIT_OK
  }
  if (!args.command) {
    io.stderr.write(programHelp())
    return EXIT_USAGE
  }
  try {
    return await RUN[args.command](args, io)
  } catch (error) {
    // A usage error found while running (a value --shell cmd cannot hold) points to the running command's help.
    if (error instanceof UsageError) return usage(error.command ? error : new UsageError(error.message, args.command))
    if (error instanceof InputErrors) {
      io.stderr.write(
        `${style.red('error:')} invalid input; nothing was printed or written.\n${describeInputErrors(error, CLI_WORDING)}\n${inputHint(error, args.command)}\n`
      )
      return EXIT_USAGE
    }
    io.stderr.write(`${style.red('error:')} ${redactText(error instanceof Error ? error.message : String(error))}\n`)
    return EXIT_FAILURE
  }
}

/** Say which flags to fix, or which variables of the environment. */
function inputHint(error: InputErrors, command: Command): string {
  const flags = [...new Set(error.errors.map(e => e.input).filter(isInputFlag))]
  const variables = [...new Set(error.errors.map(e => variableOfInput(e.input)).filter(v => v !== undefined))]
  const parts: string[] = []
  if (flags.length > 0) parts.push(`Fix ${flags.map(f => `--${f}`).join(', ')} (see setup-goproxy ${command} --help).`)
  if (variables.length > 0)
    parts.push(`Fix or unset ${variables.join(', ')} in your environment or go env -w settings.`)
  return parts.join(' ')
}
