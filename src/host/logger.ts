/**
 * Where the shell-free parts of the action report progress. The action passes an
 * adapter over the runner's workflow commands (annotations, groups: src/action/workflow.ts); the CLI one over the terminal.
 * Keeping this an interface keeps @actions/core (and its 1 MB of dependencies) out
 * of the core and the CLI bundle.
 */
export interface Logger {
  info(message: string): void
  /** A problem the user should see; `file` makes it an annotation on that file when the host supports it. */
  warning(message: string, file?: string): void
  error(message: string, file?: string): void
  debug(message: string): void
}

/** A logger that drops everything, for tests and quiet callers. */
export const silentLogger: Logger = {
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  debug: () => undefined
}
