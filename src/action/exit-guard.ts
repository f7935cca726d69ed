import * as core from './workflow.js'

/** What the guard needs of the process: its `beforeExit` event. */
export interface ExitEvents {
  once(event: 'beforeExit', listener: () => void): unknown
}

/** The error a step gets when its process runs out of work before the step is done. */
export const EXITED_EARLY =
  'The action stopped before it finished: nothing was left to keep it running while a step was still pending (an internal error, please report it). What was not reached (export, warm phase, summary) was not done.'

/**
 * Fails the step when the process is about to exit while `work` (the whole run) has not settled. Node exits with
 * code 0 as soon as nothing keeps its event loop alive (an unref'd timer, a socket let go), even while an async
 * function still awaits: without this guard such a run ends "successfully" having exported nothing. `beforeExit`
 * is emitted exactly then, and not on an explicit exit or a crash.
 */
export function failIfExitingEarly(
  work: Promise<unknown>,
  events: ExitEvents = process,
  fail: (message: string) => void = core.setFailed
): void {
  let settled = false
  work.then(
    () => (settled = true),
    () => (settled = true)
  )
  events.once('beforeExit', () => {
    if (!settled) fail(EXITED_EARLY)
  })
}
