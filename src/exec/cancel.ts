/**
 * What must be undone when the runner cancels the step (SIGINT, then SIGTERM ~7.5 s later): go's process groups
 * (go runs in a group of its own, so the runner's signal never reaches it), a half-extracted tree, the tool-cache
 * lock, a partly downloaded zip.
 *
 * API:
 * - `onCancel(undo)` → a function that unregisters `undo`. Register around the work that needs undoing; unregister
 *   when it is done. `undo` must be synchronous: on a cancel it runs with the process about to exit, and no other
 *   callback may run between the undo steps and the exit (a writer could otherwise add a file after the removal).
 * - `undoForCancel()`: runs every registered undo, newest first, each at most once; a throwing undo does not stop the
 *   others. The host (src/main.ts) calls it from its signal handler, then reports the failure and exits.
 */

const registered = new Set<() => void>()

/** Registers `undo` to run if the step is cancelled; returns the function that unregisters it. */
export function onCancel(undo: () => void): () => void {
  registered.add(undo)
  return () => {
    registered.delete(undo)
  }
}

/** Runs every registered undo, newest first, once; errors are swallowed (the process is ending). */
export function undoForCancel(): void {
  const undos = [...registered].reverse()
  registered.clear()
  for (const undo of undos) {
    try {
      undo()
    } catch {
      // Best effort: the others still run.
    }
  }
}
