import type { CliStream } from './io.js'
import type { MessageGuard } from './logger.js'

/** What the warm phase reports as it goes (the shape of WarmOptions.onProgress). */
export interface WarmProgress {
  readonly done: number
  readonly total?: number
  readonly current?: string
  readonly elapsedMs: number
}

export interface ProgressDisplay {
  update(progress: WarmProgress): void
  /** Removes the live line (TTY) so the summary starts on a clean line. Idempotent. */
  finish(): void
  /** For the logger: messages are written between a cleared line and a redrawn one. */
  readonly guard: MessageGuard
}

/** One line of progress text: `warm: 12/40 modules · golang.org/x/mod@v0.20.0 · 3.2 s`. */
export function progressText(progress: WarmProgress): string {
  const count = progress.total === undefined ? `${progress.done} modules` : `${progress.done}/${progress.total} modules`
  const parts = [`warm: ${count}`]
  if (progress.current) parts.push(progress.current)
  parts.push(`${(progress.elapsedMs / 1000).toFixed(1)} s`)
  return parts.join(' · ')
}

const CLEAR_LINE = '\r\u001b[K'

/**
 * On a terminal, one line rewritten in place (`\r`, erase to end of line), cut to the terminal width, with the
 * elapsed time ticking once a second even while go is quiet; cleared at the end. Elsewhere (CI logs, pipes) plain
 * lines, at most one every `plainEveryMs` plus the last, so a log of 500 modules stays readable.
 */
export function progressDisplay(
  stream: CliStream,
  options: { now?: () => number; plainEveryMs?: number } = {}
): ProgressDisplay {
  const now = options.now ?? Date.now
  if (stream.isTTY !== true) {
    let lastLine = -Infinity
    let lastDone = -1
    return {
      update: progress => {
        const complete = progress.total !== undefined && progress.done >= progress.total
        if (progress.done === lastDone) return
        if (!complete && now() - lastLine < (options.plainEveryMs ?? 2000)) return
        lastDone = progress.done
        lastLine = now()
        stream.write(`${progressText(progress)}\n`)
      },
      finish: () => undefined,
      guard: { before: () => undefined, after: () => undefined }
    }
  }

  let last: { progress: WarmProgress; at: number } | undefined
  let shown = false
  let timer: NodeJS.Timeout | undefined
  const draw = () => {
    if (!last) return
    const elapsedMs = last.progress.elapsedMs + (now() - last.at)
    // A pty without a size (script, some CI terminals) reports 0 columns.
    const width = Math.max(20, (stream.columns || 80) - 1)
    const text = progressText({ ...last.progress, elapsedMs })
    stream.write(CLEAR_LINE + (text.length > width ? `${text.slice(0, width - 1)}…` : text))
    shown = true
  }
  const clear = () => {
    if (shown) stream.write(CLEAR_LINE)
    shown = false
  }
  return {
    update: progress => {
      last = { progress, at: now() }
      if (!timer) {
        timer = setInterval(draw, 1000)
        timer.unref()
      }
      draw()
    },
    finish: () => {
      if (timer) clearInterval(timer)
      timer = undefined
      last = undefined
      clear()
    },
    guard: { before: clear, after: draw }
  }
}
