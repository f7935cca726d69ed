/** An in-memory CliIo for running the CLI in-process: captured stdout/stderr, a given environment. */
import type { CliIo } from '../../src/cli/io.js'

export interface MemoryIo {
  readonly io: CliIo
  stdout(): string
  stderr(): string
}

/** `tty` makes both streams claim to be terminals (for the colour and progress rules). */
export function memoryIo(
  env: Record<string, string | undefined>,
  options: { cwd?: string; tty?: boolean } = {}
): MemoryIo {
  const out: string[] = []
  const err: string[] = []
  const tty = options.tty ?? false
  return {
    io: {
      stdout: { write: (text: string) => out.push(text), isTTY: tty, columns: 100 },
      stderr: { write: (text: string) => err.push(text), isTTY: tty, columns: 100 },
      env,
      cwd: options.cwd ?? process.cwd()
    },
    stdout: () => out.join(''),
    stderr: () => err.join('')
  }
}
