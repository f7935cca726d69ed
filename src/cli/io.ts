/**
 * What the CLI touches outside itself, passed in so that tests run it in-process: the two output streams, the
 * environment (GO* variables, PATH to find go, NO_COLOR) and the working directory.
 */
export interface CliStream {
  write(text: string): unknown
  /** True for a terminal: enables the live progress line (and colour, for stdout). */
  readonly isTTY?: boolean
  readonly columns?: number
}

export interface CliIo {
  readonly stdout: CliStream
  readonly stderr: CliStream
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/** The real process: what `src/cli/index.ts` passes. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }
}

/**
 * Colour only on a terminal, and never when NO_COLOR is set to anything but '' (https://no-color.org). stdout
 * decides for both streams, so `setup-goproxy env > file` does not colour the messages left on the terminal either.
 */
export function useColour(io: CliIo, stream: CliStream): boolean {
  const noColour = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== ''
  return !noColour && io.stdout.isTTY === true && stream.isTTY === true
}

/** ANSI styles that become the identity when colour is off. */
export interface Styles {
  readonly bold: (text: string) => string
  readonly dim: (text: string) => string
  readonly red: (text: string) => string
  readonly yellow: (text: string) => string
  readonly green: (text: string) => string
}

/** The styles for one stream. */
export function styles(enabled: boolean): Styles {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39) }
}
