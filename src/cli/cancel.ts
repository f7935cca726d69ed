import { undoForCancel } from '../exec/cancel.js'
import type { CliStream } from './io.js'

/** The exit code of a process ended by `signal`, as a shell reports it (128 + the signal's number). */
const EXIT_FOR: Readonly<Partial<Record<NodeJS.Signals, number>>> = { SIGINT: 130, SIGTERM: 143 }

/**
 * Ctrl-C (SIGINT) or a CI system's SIGTERM while a command runs: as the action does on a cancel (src/main.ts), end
 * go's process groups (go runs in a group of its own, so neither a terminal's Ctrl-C nor a `kill` of the CLI
 * reaches it), remove a half-extracted Go and the install lock (src/exec/cancel.ts holds what is registered), say so
 * on stderr and exit with the shell's code for the signal. Registered by the bin entry only: main() runs in-process
 * in tests.
 */
export function endOnCancel(stderr: CliStream, exit: (code: number) => void = code => process.exit(code)): void {
  const cancel = (signal: NodeJS.Signals): void => {
    undoForCancel()
    stderr.write(`error: cancelled (${signal}): go and what it started were ended; nothing half-installed was left.\n`)
    exit(EXIT_FOR[signal] ?? 1)
  }
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
}
