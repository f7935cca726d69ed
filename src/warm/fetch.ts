/**
 * The warm phase's fetch step: the loopback forwarder on the one HTTP client (per-request timeouts, retries,
 * health, see forwarder/forwarder.ts), and the prefetch of the plan through it. The forwarder listens first, go is
 * started on it, and only then is the plan handed over (`queue`): it is queued as soon as the module cache's location
 * is known and what it holds is left out; go is never made to wait for any of this.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { WarmOptions } from './options.js'
import type { PrefetchFile } from './plan.js'
import { formatChain } from '../go/proxy/chain.js'
import type { RecordedSums } from '../go/modfile/gosum.js'
import { redactText } from '../go/proxy/url.js'
import { MODULE_DOWNLOAD_DIR } from '../go/module/path.js'
import { startForwarder, type Forwarder } from './forwarder/forwarder.js'
import { notInCache } from './module-sets.js'
import { readNetrc } from '../auth/netrc.js'

/** The prefetch's figures for the report. Bytes are body bytes. */
export interface PrefetchReport {
  concurrency: number
  /** Files of the plan to fetch (the module cache holds the rest: `cached`). */
  planned: number
  cached: number
  /** Module requests go sent to the forwarder (answered from the store or walked upstream). */
  goRequests: number
  /** Answers fetched ahead of go, and their bytes. */
  files: number
  bytes: number
  /** Of the prefetched answers, those go asked for or read from the `file://` layer. */
  served: number
  servedBytes: number
  /** Of those, the files go read from the layer on disk without a request to the forwarder. */
  fromDisk: number
  /** Prefetched but never asked for by go (stale go.sum lines, modules go did not need). */
  unused: number
  unusedBytes: number
  /** Peak bytes the store held in memory, and in memory plus spool files. */
  peakMemoryBytes: number
  peakBytes: number
  /** Bodies spooled to disk. */
  spooled: number
  /** Planned files go asked for before the prefetcher reached them. */
  overtaken: number
  /** Prefetches that failed (go's own request then walked the chain). */
  failed: number
  /** Milliseconds from the start of the phase until the plan was queued (go was already running). */
  planMs: number
}

/** The running fetch step. */
export interface FetchStage {
  /** The forwarder; undefined when the chain has no proxy (go then uses the chain as it is). */
  readonly forwarder: Forwarder | undefined
  /** The GOPROXY go is given. */
  readonly goproxy: string
  /** Redacts a text of go's: credentials, and the forwarder's address as `[forwarder]`. */
  clean(text: string): string
  /**
   * Hands the plan's files over to the prefetch (once; a no-op without the forwarder or with concurrency 0). Called
   * after go has been started: go needs its own start-up time before its first request, and the plan is made in it.
   */
  queue(files: readonly PrefetchFile[]): void
  /** Closes the forwarder (stopping the prefetch) and returns the prefetch's figures, if it ran. */
  close(): Promise<PrefetchReport | undefined>
}

/**
 * Starts the forwarder (unless the chain has no proxy); when `concurrency` > 0, `queue` later hands it the plan's
 * files, which it fetches once `modcache` is known. `recorded` (go.sum's hashes, computed on first use) lets it
 * compare module files where mirrors may disagree. Returns at once after the forwarder listens: go can start.
 */
export async function startFetch(
  options: WarmOptions,
  modcache: Promise<string | undefined>,
  concurrency: number,
  started: number,
  recorded?: () => RecordedSums
): Promise<FetchStage> {
  // The module cache's location once known (GOMODCACHE from the environment is known by the time the forwarder
  // listens): then `queue` can hand an empty cache's whole plan over at once, without a round trip to the disk.
  let known: { dir: string | undefined } | undefined
  void modcache.then(
    dir => (known = { dir }),
    () => undefined
  )
  const forwarder = await maybeStartForwarder(options, concurrency, recorded)
  let queued: Promise<QueuedPlan> | undefined
  return {
    forwarder,
    goproxy: forwarder ? forwarder.goproxy : formatChain(options.chain),
    clean: text => {
      const redacted = redactText(text)
      if (!forwarder) return redacted
      const named = redacted.split(forwarder.url).join('[forwarder]')
      return forwarder.layerUrl ? named.split(forwarder.layerUrl).join('[prefetched files]') : named
    },
    queue: files => {
      if (!forwarder || concurrency === 0 || queued) return
      queued =
        known && noDownloadCache(known.dir)
          ? Promise.resolve(queueAll(forwarder, files, options, started))
          : queuePlan(forwarder, files, modcache, options, started)
    },
    close: async () => {
      if (!forwarder) return undefined
      // A layer file go read from disk left its copy in go's module cache (the plan holds only what was not there).
      const cacheDir = await modcache.catch(() => undefined)
      await forwarder.close(
        cacheDir ? path => existsSync(join(cacheDir, ...MODULE_DOWNLOAD_DIR, ...path.split('/'))) : undefined
      )
      const stats = forwarder.prefetchStats()
      const plan = await queued
      if (!stats || !plan) return undefined
      return {
        concurrency,
        planned: plan.planned,
        cached: plan.cached,
        goRequests: forwarder.progress().requests,
        files: stats.prefetchedFiles,
        bytes: stats.prefetchedBytes,
        served: stats.servedFiles,
        servedBytes: stats.servedBytes,
        fromDisk: stats.servedFromDisk,
        unused: stats.unusedFiles,
        unusedBytes: stats.unusedBytes,
        peakMemoryBytes: stats.peakMemoryBytes,
        peakBytes: stats.peakBytes,
        spooled: stats.spooledFiles,
        overtaken: stats.overtaken,
        failed: stats.failed,
        planMs: plan.planMs
      }
    }
  }
}

interface QueuedPlan {
  readonly planned: number
  readonly cached: number
  readonly planMs: number
}

/** Whether the module cache holds no downloads at all (a fresh cache, or none): then nothing of the plan is there. */
function noDownloadCache(dir: string | undefined): boolean {
  return dir === undefined || !existsSync(join(dir, ...MODULE_DOWNLOAD_DIR))
}

/** Queues every file of the plan (the module cache holds none of them). Never throws. */
function queueAll(forwarder: Forwarder, files: readonly PrefetchFile[], options: WarmOptions, started: number) {
  try {
    return queued(forwarder, files, 0, started)
  } catch (error) {
    return noPlan(error, options, started)
  }
}

/** Leaves out what the module cache holds and queues the rest. Never rejects. */
async function queuePlan(
  forwarder: Forwarder,
  files: readonly PrefetchFile[],
  modcache: Promise<string | undefined>,
  options: WarmOptions,
  started: number
): Promise<QueuedPlan> {
  try {
    const { missing, cached } = await notInCache(files, await modcache)
    return queued(forwarder, missing, cached, started)
  } catch (error) {
    return noPlan(error, options, started)
  }
}

function queued(forwarder: Forwarder, missing: readonly PrefetchFile[], cached: number, started: number): QueuedPlan {
  forwarder.prefetch(missing.map(f => f.path))
  return { planned: missing.length, cached, planMs: Date.now() - started }
}

/** Without a plan go asks for everything itself: the plan only saves time. */
function noPlan(error: unknown, options: WarmOptions, started: number): QueuedPlan {
  options.log.debug(`Prefetch: no plan (${String(error)}); go asks for everything itself.`)
  return { planned: 0, cached: 0, planMs: Date.now() - started }
}

/**
 * Starts the forwarder unless the chain has no proxy; it prefetches when `concurrency` > 0 and compares module files
 * with `recorded` (go.sum's hashes) where mirrors may disagree.
 */
function maybeStartForwarder(
  options: WarmOptions,
  concurrency: number,
  recorded: (() => RecordedSums) | undefined
): Promise<Forwarder | undefined> {
  const { chain, sumdb } = options
  if (chain.proxies.length === 0) return Promise.resolve(undefined)
  const stallMs = (options.stallSeconds ?? DEFAULT_STALL_SECONDS) * 1000
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
    ...(recorded ? { recorded } : {}),
    ...(concurrency > 0
      ? {
          prefetch: {
            concurrency,
            ...(options.env.RUNNER_TEMP ? { spoolParent: options.env.RUNNER_TEMP } : {}),
            ...(options.removeLater ? { removeLayerLater: options.removeLater } : {})
          }
        }
      : {}),
    log: options.log
  })
}

/** The watchdog's default window (WarmOptions.stallSeconds). */
export const DEFAULT_STALL_SECONDS = 30
