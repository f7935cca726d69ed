/** Running the real go command from tests: finding it, an isolated environment, async runs with a hard timeout. */
import { execFileSync, spawn } from 'node:child_process'
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import os from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Preloaded into every node process a test spawns: no name lookup leaves the machine. */
const DNS_GUARD = fileURLToPath(new URL('./no-outside-dns.mjs', import.meta.url))

/** Where Debian's golang-1.23-go package installs go (not on PATH by default). */
export const DEBIAN_GO = '/usr/lib/go-1.23/bin/go'

/** One GOCACHE for all tests in all workers: an empty build cache costs seconds per build. */
export const SHARED_GOCACHE = join(os.tmpdir(), 'setup-goproxy-test-gocache')

/**
 * The environment variable that selects the go binary every go-comparing suite runs (`.ci/run` runs those suites
 * once with the newest Go on PATH and once more with the oldest Go the action supports, through this variable).
 */
export const TEST_GO_VARIABLE = 'SETUP_GOPROXY_TEST_GO'

/**
 * The go binary: `$SETUP_GOPROXY_TEST_GO` when set (it must be an executable file), else the first `go` on PATH,
 * else `DEBIAN_GO`. Throws when there is none: a suite that needs go fails with this message instead of skipping
 * itself (CI installs go; a missing go is a broken machine, not a pass).
 */
export function findGo(searchPath: string = process.env.PATH ?? '', fallback: string = DEBIAN_GO): string {
  const chosen = process.env[TEST_GO_VARIABLE]
  if (chosen) {
    if (!isExecutableFile(chosen)) {
      throw new Error(`${TEST_GO_VARIABLE}=${chosen} is not an executable file: point it at a go binary or unset it.`)
    }
    return chosen
  }
  const exe = process.platform === 'win32' ? 'go.exe' : 'go'
  const candidates = searchPath
    .split(delimiter)
    .filter(Boolean)
    .map(d => join(d, exe))
  candidates.push(fallback)
  const go = candidates.find(isExecutableFile)
  if (!go) {
    throw new Error(
      `This suite needs the go command and there is none on PATH or at ${fallback}. Install Go (.ci/run shows how: golang-1.23-go from bookworm-backports) or put go on PATH.`
    )
  }
  return go
}

/** The variable that points the suites needing a go older than the 2026 checksum-database fixes at one (ci.yml). */
export const TEST_OLD_GO_VARIABLE = 'SETUP_GOPROXY_TEST_OLD_GO'

/** Where Debian's backports put older Go releases on this machine (see .ci/run), oldest first. */
const DEBIAN_OLD_GOS = ['/usr/lib/go-1.21/bin/go', '/usr/lib/go-1.22/bin/go', '/usr/lib/go-1.23/bin/go']

/**
 * A go older than the 2026 checksum-database fixes (any go ≤ 1.24 predates them): `$SETUP_GOPROXY_TEST_OLD_GO` when
 * set (ci.yml points it at the oldest supported Go that actions/setup-go installed, on every OS), else one of
 * Debian's (.ci/run installs them), else the suite's own go (findGo) when it is that old (.ci/run's second pass).
 * Throws saying how to provide one: a suite that needs it never skips itself.
 */
export function findOldGo(): string {
  const chosen = process.env[TEST_OLD_GO_VARIABLE]
  if (chosen) {
    if (!isExecutableFile(chosen)) {
      throw new Error(
        `${TEST_OLD_GO_VARIABLE}=${chosen} is not an executable file: point it at a go ≤ 1.24 or unset it.`
      )
    }
    return chosen
  }
  const candidates = [...DEBIAN_OLD_GOS.filter(isExecutableFile), findGo()]
  const old = candidates.find(go => Number(/^go1\.(\d+)/.exec(goVersionOf(go))?.[1] ?? 99) <= 24)
  if (!old) {
    throw new Error(
      `This suite needs a go older than the 2026 checksum-database fixes (≤ 1.24) and found none: set ${TEST_OLD_GO_VARIABLE} to one (ci.yml installs Go 1.21 with actions/setup-go), or install golang-1.23-go as .ci/run does.`
    )
  }
  return old
}

/** `go1.26.8` for a go binary (its `go version`), or throws with go's own words. */
export function goVersionOf(go: string = findGo()): string {
  const out = execFileSync(go, ['version'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } })
  const match = /\bgo version (go\d+\.\d+(?:\.\d+)?(?:rc\d+)?)/.exec(out)
  if (!match) throw new Error(`${go} version printed ${JSON.stringify(out)}, not a go version`)
  return match[1]
}

/**
 * An environment for go that shares nothing with the machine: the inherited variables minus every GO* (and CGO_*,
 * proxy) variable, then its own HOME, GOPATH and GOMODCACHE under `tmpRoot`, `SHARED_GOCACHE`, GOFLAGS=-modcacherw
 * (so temp dirs can be deleted), GOTOOLCHAIN=local, GOENV=off, CGO_ENABLED=0, GOSUMDB=off and GOPROXY=off. `extra`
 * is applied last: set GOPROXY/GOSUMDB/... there; an `undefined` value removes the variable. The go binary's directory
 * is put first on PATH, so code under test that runs plain `go` finds the same one.
 */
export function goTestEnv(tmpRoot: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(GO|CGO_)/.test(k) || /^(https?|all|no)_proxy$/i.test(k)) continue
    env[k] = v
  }
  const home = join(tmpRoot, 'home')
  mkdirSync(home, { recursive: true })
  env.PATH = [dirname(findGo()), env.PATH].filter(Boolean).join(delimiter)
  Object.assign(env, {
    HOME: home,
    GOPATH: join(tmpRoot, 'gopath'),
    GOMODCACHE: join(tmpRoot, 'gopath', 'pkg', 'mod'),
    GOCACHE: SHARED_GOCACHE,
    GOFLAGS: '-modcacherw',
    GOTOOLCHAIN: 'local',
    GOENV: 'off',
    CGO_ENABLED: '0',
    GOSUMDB: 'off',
    GOPROXY: 'off'
  })
  if (process.platform === 'win32') env.USERPROFILE = home
  // Nothing a test starts may reach outside the machine: node processes get the lookup guard, and go's own HTTP
  // client (which resolves names itself) is pointed at a dead loopback proxy for any non-loopback host.
  env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--import=${pathToFileURL(DNS_GUARD).href}`].filter(Boolean).join(' ')
  env.HTTPS_PROXY = env.HTTP_PROXY = 'http://127.0.0.1:9'
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  return env
}

/** Result of `runGo`. */
export interface GoRun {
  /** Exit code; null when killed by a signal (always so when timedOut). */
  code: number | null
  stdout: string
  stderr: string
  /** True when runGo killed the process at `timeoutMs`. */
  timedOut: boolean
  /** Wall time in milliseconds. */
  ms: number
}

/** Options for `runGo`. */
export interface RunGoOptions {
  cwd: string
  /** Usually from `goTestEnv`; used as the complete environment. */
  env: Record<string, string>
  /** Hard limit; the process group is killed with SIGKILL when it passes. Defaults to 120 s. */
  timeoutMs?: number
  /** go binary; defaults to `findGo()`. */
  go?: string
}

/**
 * Runs go asynchronously (a synchronous spawn would block test servers in this process). On POSIX go runs in its own
 * process group, so the timeout kills its children (compilers, git) too. Never rejects for a non-zero exit.
 */
export function runGo(args: readonly string[], options: RunGoOptions): Promise<GoRun> {
  const go = options.go ?? findGo()
  const posix = process.platform !== 'win32'
  const start = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, {
      cwd: options.cwd,
      env: options.env,
      detached: posix,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    let timedOut = false
    let settled = false
    const finish = (code: number | null) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(grace)
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        ms: Math.round(performance.now() - start)
      })
    }
    let grace: NodeJS.Timeout | undefined
    const timer = setTimeout(() => {
      timedOut = true
      try {
        if (posix && child.pid) process.kill(-child.pid, 'SIGKILL')
        else child.kill('SIGKILL')
      } catch {
        // Already gone.
      }
    }, options.timeoutMs ?? 120_000)
    child.on('error', e => {
      clearTimeout(timer)
      settled = true
      reject(e)
    })
    // 'close' waits for stdio to end; if an orphan still holds the pipes, settle shortly after 'exit' anyway.
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

const tempDirs: string[] = []

/** A fresh directory under os.tmpdir(), registered for `cleanupTempDirs()`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(os.tmpdir(), `setup-goproxy-${prefix}-`))
  tempDirs.push(dir)
  return dir
}

/** Removes every directory made by `tempDir` (call it in afterAll), even read-only module cache trees. */
export async function cleanupTempDirs(): Promise<void> {
  const dirs = tempDirs.splice(0)
  await Promise.all(
    dirs.map(async dir => {
      try {
        await rm(dir, { recursive: true, force: true, maxRetries: 3 })
      } catch {
        makeWritable(dir)
        await rm(dir, { recursive: true, force: true, maxRetries: 3 })
      }
    })
  )
}

function makeWritable(dir: string): void {
  try {
    chmodSync(dir, 0o755)
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) makeWritable(join(dir, e.name))
  } catch {
    // Best effort: rm reports what is left.
  }
}

function isExecutableFile(p: string): boolean {
  try {
    accessSync(p, constants.X_OK)
    return statSync(p).isFile()
  } catch {
    return false
  }
}
