/**
 * Runs one `go mod download -json` under a watchdog. The go command can hang forever on a
 * proxy that accepts and never answers, so the watchdog kills the whole process tree when
 * there is no progress — no output, no proxy traffic through the forwarder, no growth of
 * the module cache — for the stall window, or when the phase's deadline passes.
 */
import { spawn } from 'node:child_process'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { DownloadJsonParser, type ModuleDownload } from '../core/download-json.js'

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

/** Runs the command; never rejects. */
export function runWatched(options: RunOptions): Promise<RunResult> {
  const started = Date.now()
  const posix = process.platform !== 'win32'
  return new Promise(resolve => {
    const parser = new DownloadJsonParser()
    const objects: ModuleDownload[] = []
    let stderr = ''
    let lastProgress = Date.now()
    let killed: RunResult['killed']
    let settled = false
    let probing = false
    let signature: string | undefined
    let lastWalkEnd = 0
    let lastWalkMs = 0
    const child = spawn(options.go, [...options.args], {
      cwd: options.cwd,
      env: options.env,
      // Its own process group on POSIX, so that a kill reaches git and every other child.
      detached: posix,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true
    })
    const take = (list: ModuleDownload[]) => {
      objects.push(...list)
    }
    child.stdout.on('data', (chunk: Buffer) => {
      lastProgress = Date.now()
      take(parser.push(chunk))
    })
    child.stderr.on('data', (chunk: Buffer) => {
      lastProgress = Date.now()
      if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8')
    })
    const kill = (why: 'stall' | 'deadline') => {
      if (killed) return
      killed = why
      killTree(child.pid, posix)
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
    let grace: NodeJS.Timeout | undefined
    const finish = (code: number | null, spawnError?: string) => {
      if (settled) return
      settled = true
      clearInterval(tick)
      clearTimeout(grace)
      take(parser.end())
      resolve({
        code: killed ? null : code,
        objects,
        stderr,
        ...(killed ? { killed } : {}),
        ms: Date.now() - started,
        ...(spawnError ? { spawnError } : {})
      })
    }
    child.on('error', error => finish(null, error.message))
    // 'close' waits for the pipes; an orphaned grandchild could hold them, so settle soon after 'exit' regardless.
    child.on('exit', code => {
      grace = setTimeout(() => {
        child.stdout.destroy()
        child.stderr.destroy()
        finish(code)
      }, 2000)
    })
    child.on('close', code => finish(code))
  })
}

/** Kills a process and everything it started. */
function killTree(pid: number | undefined, posix = process.platform !== 'win32'): void {
  if (!pid) return
  try {
    if (posix) process.kill(-pid, 'SIGKILL')
    else
      spawn('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true }).on(
        'error',
        () => undefined
      )
  } catch {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
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
