/**
 * The warm phase: download every module the build needs, before the build, through the
 * verified chain — and when that fails, say in one sentence what is wrong and what to change.
 *
 * Per module set (a module, or a workspace) it runs `go mod download -json` under a watchdog,
 * with the go command pointed at a loopback forwarder that adds per-request timeouts, retries
 * and proxy health to the chain (see forwarder.ts). Transient faults are retried with
 * exponential backoff and jitter, up to `retries` attempts; a checksum mismatch, an invalid
 * path or version, an unknown revision or a module no proxy has fails at once. Verification is
 * never weakened and the module cache is never cleaned.
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { formatChain, type Chain } from '../core/chain.js'
import type { Credentials } from '../core/auth/types.js'
import type { ModulePlan } from '../core/compose.js'
import { deadlineMarker, diagnose, stallMarker, type Diagnosis } from '../core/diagnose.js'
import type { ModuleDownload } from '../core/download-json.js'
import type { Logger } from '../core/logger.js'
import { redactText } from '../core/proxy-url.js'
import type { SumdbConfig } from '../core/sumdb/config.js'
import { backoffDelay, sleep } from './backoff.js'
import { display, resolveDirectories, type ModuleSet } from './directories.js'
import { startForwarder, type Forwarder } from './forwarder.js'
import { readNetrc } from './netrc.js'
import { runWatched, type RunResult } from './run-go.js'
import { goEnv } from '../exec/go.js'

export { findGo, type GoLookup } from './find-go.js'

export interface WarmOptions {
  /** Path of the go binary. */
  go: string
  /** The working-directory input lines (globs like `**\/go.mod` or `dir/*` allowed), resolved against cwd. */
  directories: string[]
  cwd: string
  /** The full environment for go (process env plus the exported Go variables); not mutated. */
  env: Record<string, string>
  /** The verified chain (what GOPROXY will be). */
  chain: Chain
  /** For GONOPROXY / GONOSUMDB. */
  plan: ModulePlan
  sumdb: SumdbConfig
  /** The whole warm phase. */
  timeoutSeconds: number
  /** Attempts per module set on transient faults. */
  retries: number
  /** Credentials for upstream proxies. */
  credentialsFor?: (url: string) => Credentials | undefined
  /** Extra trusted CA PEM (tests). */
  ca?: string
  /** Watchdog window: no output, no proxy traffic and no module cache growth for this long kills go. Default 30. */
  stallSeconds?: number
  /** Per upstream request in the forwarder: time to first byte and between chunks. Default min(15 s, stall / 2). */
  requestTimeoutMs?: number
  /** Base delay between attempts of a module set (doubled each time, with jitter). Default 1000. */
  retryDelayMs?: number
  log: Logger
  /** For the CLI's live line. */
  onProgress?: (p: { done: number; total?: number; current?: string; elapsedMs: number }) => void
}

export interface WarmFailure {
  path: string
  version?: string
  /** The go command's message (credentials redacted, the forwarder's address replaced by `[forwarder]`). */
  error: string
  diagnosis: Diagnosis
  /** The module set's directory as shown (relative to cwd). */
  directory: string
  /** The go.mod (or go.work) that requires the module, relative to cwd: where the annotation goes. */
  goMod?: string
}

export interface WarmReport {
  ok: boolean
  downloaded: number
  cached: number
  failed: WarmFailure[]
  seconds: number
  /** The most attempts any module set needed. */
  attempts: number
  /** Resolved module/workspace directories (relative to cwd). */
  directories: string[]
  /** Final chain: a proxy found dead during warming is dropped. */
  chain: Chain
  chainChanged: boolean
  notes: string[]
}

const DEFAULT_STALL_SECONDS = 30
const RETRY_DELAY_CAP_MS = 15_000

/** Runs the warm phase. Never throws for download problems: they are in the report. */
export async function warmModules(options: WarmOptions): Promise<WarmReport> {
  const started = Date.now()
  const deadline = started + options.timeoutSeconds * 1000
  const stallSeconds = options.stallSeconds ?? DEFAULT_STALL_SECONDS
  const stallMs = stallSeconds * 1000
  const { log } = options
  const notes: string[] = []
  const resolved = await resolveDirectories(options.directories, options.cwd, options.env.GOWORK)
  notes.push(...resolved.notes)
  for (const note of resolved.notes) log.info(note)
  const directories = resolved.sets.map(set => display(set.dir, options.cwd))

  const modules = new Map<string, 'downloaded' | 'cached'>()
  const failures = new Map<ModuleSet, WarmFailure[]>()
  let attempts = 0
  const finish = (forwarder?: Forwarder): WarmReport => {
    const chain = forwarder ? forwarder.chain() : options.chain
    const failed = [...failures.values()].flat()
    const values = [...modules.values()]
    return {
      ok: failed.length === 0,
      downloaded: values.filter(v => v === 'downloaded').length,
      cached: values.filter(v => v === 'cached').length,
      failed,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      attempts,
      directories,
      chain,
      chainChanged: chain.proxies.length !== options.chain.proxies.length,
      notes
    }
  }
  if (resolved.sets.length === 0) return finish()

  const modcache = await goModCache(options)
  const watchDirs = modcache ? [join(modcache, 'cache', 'download'), join(modcache, 'cache', 'vcs')] : []

  const forwarder = await maybeStartForwarder(options, stallMs)
  const env: Record<string, string> = {
    ...options.env,
    GOPROXY: forwarder ? forwarder.goproxy : formatChain(options.chain)
  }
  const clean = (text: string) => {
    const redacted = redactText(text)
    return forwarder ? redacted.split(forwarder.url).join('[forwarder]') : redacted
  }
  log.info(
    `Warming the module cache for ${directories.join(', ')} through ${formatChain(options.chain, true) || 'the default chain'}${forwarder ? ' (per-request timeouts and retries by the warm-phase forwarder)' : ''}.`
  )

  let lastProgress = 0
  const progress = (force = false) => {
    if (!options.onProgress) return
    const now = Date.now()
    if (!force && now - lastProgress < 250) return
    lastProgress = now
    const p = forwarder?.progress()
    options.onProgress({
      done: Math.max(modules.size, p?.zips ?? 0),
      ...(p?.current ? { current: p.current } : {}),
      elapsedMs: now - started
    })
  }

  try {
    let pending = resolved.sets
    const maxAttempts = Math.max(1, options.retries)
    for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
      if (attempt > 1) {
        const delay = backoffDelay(attempt - 1, options.retryDelayMs ?? 1000, RETRY_DELAY_CAP_MS)
        if (Date.now() + delay >= deadline) break
        await sleep(delay)
      }
      attempts = attempt
      const again: ModuleSet[] = []
      for (const set of pending) {
        const shown = display(set.dir, options.cwd)
        if (Date.now() >= deadline) {
          failures.set(set, [await failureFor(set, shown, deadlineMarker(options.timeoutSeconds), options.cwd)])
          continue
        }
        const run = await runWatched({
          go: options.go,
          args: ['mod', 'download', '-json'],
          cwd: set.dir,
          env,
          stallMs,
          deadline,
          watchDirs,
          ...(forwarder ? { lastActivity: forwarder.lastActivity, busy: () => forwarder.inFlight() > 0 } : {}),
          onTick: () => progress()
        })
        const found = await judgeRun(run, set, shown, started, modules, options, stallSeconds, clean)
        failures.set(set, found)
        progress(true)
        const counts = `${run.objects.length} modules checked in ${(run.ms / 1000).toFixed(1)} s`
        if (found.length === 0) {
          log.info(`${shown}: ${counts}${attempt > 1 ? ` (attempt ${attempt})` : ''}.`)
        } else if (found.every(f => f.diagnosis.transient) && attempt < maxAttempts && Date.now() < deadline) {
          // Only when every failure may pass: a checksum mismatch or a missing module would fail the build anyway.
          log.info(
            `${shown}: ${found.length} failed (${found[0].diagnosis.kind}: ${found[0].diagnosis.message}); trying again (attempt ${attempt + 1} of ${maxAttempts}).`
          )
          again.push(set)
        }
      }
      pending = again
    }
  } finally {
    await forwarder?.close()
  }

  for (const health of forwarder?.health() ?? []) {
    if (health.dropped) notes.push(`Dropped ${health.url} from GOPROXY: ${health.reason}.`)
  }
  const report = finish(forwarder)
  for (const failure of report.failed) {
    log.info(failure.error)
    log.error(failure.diagnosis.message, failure.goMod)
  }
  const summary = `Warm phase: ${report.downloaded} downloaded, ${report.cached} already cached, ${report.failed.length} failed in ${report.seconds} s (${report.attempts} attempt${report.attempts === 1 ? '' : 's'}).`
  log.info(summary)
  options.onProgress?.({
    done: report.downloaded + report.cached,
    total: report.downloaded + report.cached + report.failed.length,
    elapsedMs: Date.now() - started
  })
  return report
}

/** Starts the forwarder unless the chain has no proxy. */
async function maybeStartForwarder(options: WarmOptions, stallMs: number): Promise<Forwarder | undefined> {
  const { chain, sumdb } = options
  if (chain.proxies.length === 0) return undefined
  // The forwarder's client goes through the environment's HTTP proxy (HTTPS_PROXY, NO_PROXY) as the go command would.
  return startForwarder({
    chain,
    sumdb,
    env: options.env,
    gonoproxy: options.plan.gonoproxy,
    gonosumdb: options.plan.gonosumdb,
    ...(options.credentialsFor ? { credentialsFor: options.credentialsFor } : {}),
    netrc: readNetrc(options.env),
    ...(options.ca ? { ca: options.ca } : {}),
    requestTimeoutMs: options.requestTimeoutMs ?? Math.min(15_000, stallMs / 2),
    log: options.log
  })
}

/** Records what one run downloaded and returns its failures. */
async function judgeRun(
  run: RunResult,
  set: ModuleSet,
  shown: string,
  started: number,
  modules: Map<string, 'downloaded' | 'cached'>,
  options: WarmOptions,
  stallSeconds: number,
  clean: (text: string) => string
): Promise<WarmFailure[]> {
  const failed: WarmFailure[] = []
  for (const object of run.objects) {
    const key = `${object.Path}@${object.Version ?? ''}`
    if (object.Error) {
      const error = clean(object.Error)
      failed.push({
        path: object.Path,
        ...(object.Version ? { version: object.Version } : {}),
        error,
        diagnosis: diagnose(error, { module: object.Path, ...(object.Version ? { version: object.Version } : {}) }),
        directory: shown,
        ...(await requiringGoMod(set, object.Path, options.cwd))
      })
      continue
    }
    modules.set(key, (await fetchedSince(object, started)) ? 'downloaded' : (modules.get(key) ?? 'cached'))
  }
  if (run.spawnError) {
    failed.push(await failureFor(set, shown, `could not start ${options.go}: ${run.spawnError}`, options.cwd))
  } else if (run.killed) {
    const marker = run.killed === 'stall' ? stallMarker(stallSeconds) : deadlineMarker(options.timeoutSeconds)
    failed.push(
      await failureFor(set, shown, `${marker}${run.stderr.trim() ? `\n${clean(run.stderr.trim())}` : ''}`, options.cwd)
    )
  } else if (run.code !== 0 && failed.length === 0) {
    failed.push(
      ...(await stderrFailures(
        set,
        shown,
        clean(run.stderr.trim() || `go mod download exited with ${run.code}`),
        options.cwd
      ))
    )
  }
  return failed
}

/** True when the module's files were written after the warm phase began (else they were already cached). */
async function fetchedSince(object: ModuleDownload, started: number): Promise<boolean> {
  const file = object.Zip ?? object.GoMod
  if (!file) return false
  try {
    return (await stat(file)).mtimeMs >= started
  } catch {
    return false
  }
}

/** Failures from a fatal stderr (no JSON): one per `go: path@version: ...` block, else one for the whole text. */
async function stderrFailures(set: ModuleSet, shown: string, stderr: string, cwd: string): Promise<WarmFailure[]> {
  const blocks = stderr.split(/\n(?=go: )/).filter(b => /^go: [^\s@]+@[^\s:]+: /.test(b))
  if (blocks.length === 0) return [await failureFor(set, shown, stderr, cwd)]
  return Promise.all(blocks.map(block => failureFor(set, shown, block, cwd)))
}

async function failureFor(set: ModuleSet, shown: string, text: string, cwd: string): Promise<WarmFailure> {
  const diagnosis = diagnose(text)
  const path = diagnosis.module ?? (await mainModule(set)) ?? shown
  return {
    path,
    ...(diagnosis.version ? { version: diagnosis.version } : {}),
    error: text,
    diagnosis,
    directory: shown,
    ...(diagnosis.module ? await requiringGoMod(set, diagnosis.module, cwd) : fallbackGoMod(set, cwd))
  }
}

async function mainModule(set: ModuleSet): Promise<string | undefined> {
  if (set.goWork || set.goMods.length === 0) return undefined
  try {
    return /^\s*module\s+"?([^\s"]+)"?/m.exec(await readFile(set.goMods[0], 'utf8'))?.[1]
  } catch {
    return undefined
  }
}

/** The go.mod of the set that names the module in a require (or replace) line; else the set's own file. */
async function requiringGoMod(set: ModuleSet, modulePath: string, cwd: string): Promise<{ goMod?: string }> {
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const line = new RegExp(`(^|[\\s(])"?${escaped}"?\\s+v`, 'm')
  for (const goMod of set.goMods) {
    try {
      if (line.test(await readFile(goMod, 'utf8'))) return { goMod: display(goMod, cwd) }
    } catch {
      // Unreadable: try the next one.
    }
  }
  return fallbackGoMod(set, cwd)
}

function fallbackGoMod(set: ModuleSet, cwd: string): { goMod?: string } {
  const file = set.goWork ?? set.goMods[0]
  return file ? { goMod: display(file, cwd) } : {}
}

/** $GOMODCACHE as the go command sees it (the runner keeps GOTOOLCHAIN=local: asking must not download a toolchain). */
async function goModCache(options: WarmOptions): Promise<string | undefined> {
  const result = await goEnv(options.go, ['GOMODCACHE'], { cwd: options.cwd, env: options.env })
  return result.ok ? result.values.GOMODCACHE.trim() || undefined : undefined
}
