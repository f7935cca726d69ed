import type { Logger } from '../host/logger.js'
import { redactText } from '../go/proxy/url.js'
import { styles, useColour, type CliIo } from './io.js'

/** Lets the progress line step aside while a message is written, and come back after it. */
export interface MessageGuard {
  before(): void
  after(): void
}

/**
 * The core's Logger over the terminal: everything goes to stderr, so stdout holds only what a command prints for
 * machines and shells (`eval "$(setup-goproxy env)"`). Debug lines only with --verbose, and so info lines when the
 * command's own output already says the same (`quietInfo`, for probe's table). Text is redacted as in the action's
 * log (the CLI has no masking). The messages are in the CLI's words where they were written (the host's Wording).
 */
export function terminalLogger(
  io: CliIo,
  verbose: boolean,
  guard?: MessageGuard,
  options: { quietInfo?: boolean } = {}
): Logger {
  const style = styles(useColour(io, io.stderr))
  const write = (prefix: string, message: string) => {
    guard?.before()
    const text = redactText(message)
    io.stderr.write(`${prefix}${text.split('\n').join(`\n${' '.repeat(visibleLength(prefix))}`)}\n`)
    guard?.after()
  }
  return {
    info: message => {
      if (!options.quietInfo) write('', message)
      else if (verbose) write(style.dim('info: '), message)
    },
    warning: (message, file) => write(style.yellow('warning: '), file ? `${file}: ${message}` : message),
    error: (message, file) => write(style.red('error: '), file ? `${file}: ${message}` : message),
    debug: message => {
      if (verbose) write(style.dim('debug: '), message)
    }
  }
}

function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length
}
