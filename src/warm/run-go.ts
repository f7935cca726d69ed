/**
 * Runs one `go mod download -json` under a watchdog. The go command can hang forever on a
 * proxy that accepts and never answers, so the watchdog kills the whole process tree when
 * there is no progress — no output, no proxy traffic through the forwarder, no growth of
 * the module cache — for the stall window, or when the phase's deadline passes.
 */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { DownloadJsonParser, type ModuleDownload } from './download-json.js'
import { runGo } from '../exec/go.js'

export interface RunOptions {
  readonly go: string
  readonly args: readonly string[]
  readonly cwd: string
  readonly env: Readonly<Record<string, string>>
  /** Milliseconds without progress before the process tree is killed. */
  readonly stallMs: number
  /** Date.now() after which the process tree is killed. */
  readonly deadline: number
  /** Directories whose growth counts as progress ($GOMODCACHE/cache/download, .../cache/vcs). */
  readonly watchDirs: readonly string[]
  /** Extra progress signals: the forwarder's last activity, and whether it is busy (its own timeouts bound it). */
  readonly lastActivity?: () => number
  readonly busy?: () => boolean
  readonly onTick?: () => void
}

export interface RunResult {
  /** Exit code; null when killed. */
  readonly code: number | null
  readonly objects: ModuleDownload[]
  readonly stderr: string
  readonly killed?: 'stall' | 'deadline'
  readonly ms: number
  /** The process could not be started (ENOENT, EACCES). */
  readonly spawnError?: string
}

const STDERR_LIMIT = 256 * 1024

/**
 * Runs the command on the one go runner (exec/go.ts); never rejects. go keeps the job's GOTOOLCHAIN here: warming
 * does what the build will do, and a toolchain the build switches to is fetched through the same verified chain.
 */
export async function runWatched(options: RunOptions): Promise<RunResult> {
  const parser = new DownloadJsonParser()
  const objects: ModuleDownload[] = []
  let lastProgress = Date.now()
  let probing = false
  let signature: string | undefined
  let lastWalkEnd = 0
  let lastWalkMs = 0
  const watchdog = new AbortController()
  const kill = (why: 'stall' | 'deadline') => {
    if (!watchdog.signal.aborted) watchdog.abort(why)
  }
  const tick = setInterval(
    () => {
      const now = Date.now()
      options.onTick?.()
      if (now >= options.deadline) return kill('deadline')
      if (options.busy?.()) lastProgress = now
      lastProgress = Math.max(lastProgress, options.lastActivity?.() ?? 0)
      const idle = now - lastProgress
      // Walking the cache is not free: only when everything else has been quiet for half the window, and never
      // back to back (a slow walk on a huge cache would otherwise take a core). The first walk is the baseline;
      // any later change counts as progress.
      const walkDue = now >= lastWalkEnd + Math.max(options.stallMs / 4, 2 * lastWalkMs)
      if (idle >= options.stallMs / 2 && !probing && walkDue) {
        probing = true
        const walkStart = Date.now()
        void cacheSignature(options.watchDirs).then(next => {
          probing = false
          lastWalkEnd = Date.now()
          lastWalkMs = lastWalkEnd - walkStart
          if (signature !== undefined && next !== signature) lastProgress = Date.now()
          signature = next
        })
      }
      if (idle >= options.stallMs) kill('stall')
    },
    Math.max(50, Math.min(1000, options.stallMs / 4))
  )
  try {
    const run = await runGo(options.go, options.args, {
      cwd: options.cwd,
      env: options.env,
      toolchainSwitch: true,
      // The tick kills at the deadline; the runner's own timeout is only a backstop a little after it.
      timeoutMs: Math.max(1, options.deadline - Date.now()) + 5_000,
      signal: watchdog.signal,
      // Objects are parsed as they arrive; stdout itself need not be kept.
      stdoutLimit: 0,
      stderrLimit: STDERR_LIMIT,
      onStdout: chunk => {
        lastProgress = Date.now()
        objects.push(...parser.push(chunk))
      },
      onStderr: () => {
        lastProgress = Date.now()
      }
    })
    objects.push(...parser.end())
    const killed: RunResult['killed'] = run.aborted
      ? (run.abortReason as 'stall' | 'deadline')
      : run.timedOut
        ? 'deadline'
        : undefined
    return {
      code: run.code,
      objects,
      stderr: run.stderr,
      ...(killed ? { killed } : {}),
      ms: run.ms,
      ...(run.spawnError !== undefined ? { spawnError: run.spawnError } : {})
    }
  } finally {
    clearInterval(tick)
  }
}

/** Entries looked at below each watched directory: a huge cache/download must not starve cache/vcs of its walk. */
const ENTRY_BUDGET_PER_DIR = 200_000

/** Files, bytes and newest mtime below the directories: changes when anything is written there. */
async function cacheSignature(dirs: readonly string[]): Promise<string> {
  let files = 0
  let bytes = 0
  let newest = 0
  let budget = 0
  const walk = async (dir: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      if (--budget < 0) return
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        await walk(path)
      } else {
        try {
          const info = await stat(path)
          files++
          bytes += info.size
          newest = Math.max(newest, info.mtimeMs)
        } catch {
          // Renamed away meanwhile: a change the next walk sees.
        }
      }
    }
  }
  for (const dir of dirs) {
    budget = ENTRY_BUDGET_PER_DIR
    await walk(dir)
  }
  return `${files}/${bytes}/${newest}`
}
