/**
 * The store of prefetched answers, keyed by the request path (`<escaped module>/@v/<escaped version>.<kind>`),
 * shared by the prefetcher and the forwarder's request handler. It is where the two meet, single-flight:
 *
 * - go asks for a path that is prefetched: answered from the store, and the entry is dropped (go asks for each
 *   file once per run: it writes what it got to the module cache; a retry run asks only for what failed, and that
 *   goes upstream again, which is what a retry is for);
 * - go asks for a path being prefetched: it joins that fetch;
 * - go asks for a path still queued: the path is taken out of the queue and go's own request walks the chain at
 *   once (go's requests never wait behind the prefetch queue);
 * - a prefetch that failed leaves nothing: go's request walks the chain itself, with the forwarder's timeouts,
 *   retries and health, so the diagnoses stay go's.
 *
 * Bodies are kept in memory up to a budget; a body above the spool threshold, or one that would exceed the
 * budget, is written to a file in a directory of its own (under RUNNER_TEMP when set), removed at close.
 *
 * With a layer directory (`layerDir`), every prefetched 200 body is instead written there in the layout of a
 * `file://` GOPROXY (`<escaped module>/@v/<escaped version>.<kind>`, renamed into place whole), and go is given
 * `file://<layerDir>,<forwarder>`: go reads what is prefetched from disk without a request, and only a file that is
 * not there yet (a miss falls through `,` like a 404) reaches the forwarder, where the single flight above applies.
 * go verifies a file from disk exactly as one from a proxy; a file go read from disk is known only afterwards, by
 * its copy in go's module cache (`close(usedByGo)`).
 *
 * The store never judges a body: go verifies every byte it is served against go.sum and the checksum database.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Outcome, StoreStats } from './types.js'

export type { StoreStats } from './types.js'

/** A prefetched answer, ready to be served to the go command. */
export type StoredAnswer =
  /** A 200 body held in memory. */
  | { readonly kind: 'memory'; readonly contentType: string; readonly body: Buffer }
  /** A 200 body spooled to `file` (removed by the store once served or at close). */
  | { readonly kind: 'file'; readonly contentType: string; readonly file: string; readonly bytes: number }
  /** A 200 body placed in the `file://` layer at `file`, where go may read it without asking (removed once served). */
  | { readonly kind: 'layer'; readonly contentType: string; readonly file: string; readonly bytes: number }
  /** The chain walk's final not-found (404/410): what go's own walk would have answered. */
  | { readonly kind: 'not-found'; readonly outcome: Outcome }

export interface StoreOptions {
  /** Bytes of bodies kept in memory at most; past it bodies are spooled. */
  readonly memoryBudget: number
  /** A body larger than this is always spooled. */
  readonly spoolThreshold: number
  /** Parent of the spool directory (e.g. RUNNER_TEMP); the system temp directory when absent. */
  readonly spoolParent?: string
  /**
   * An existing, empty directory go sees as a `file://` GOPROXY before the forwarder: every prefetched 200 body is
   * placed there (see the file's comment). Removed, with what it holds, at close (or handed to removeLayerLater).
   */
  readonly layerDir?: string
  /** Called at close with layerDir instead of removing it (PrefetchOptions.removeLayerLater). */
  readonly removeLayerLater?: (dir: string) => void
}

type Slot =
  | { readonly state: 'queued' }
  | { readonly state: 'fetching'; readonly answer: Promise<StoredAnswer | undefined> }
  | { readonly state: 'ready'; readonly answer: StoredAnswer }

/** What `claim` tells the request handler. */
export type Claim =
  /** Not prefetched (not planned, already served, or overtaken now): walk the chain. */
  | { readonly kind: 'miss' }
  /** Prefetched or being prefetched: the answer, or undefined when the prefetch failed (then walk the chain). */
  | { readonly kind: 'hit'; readonly answer: Promise<StoredAnswer | undefined> }

/** Size of a stored answer's body. */
export function answerBytes(answer: StoredAnswer): number {
  if (answer.kind === 'memory') return answer.body.length
  if (answer.kind === 'file' || answer.kind === 'layer') return answer.bytes
  return 0
}

/** The store of one warm phase. Not thread-safe across processes; one per forwarder. */
export class PrefetchStore {
  private readonly slots = new Map<string, Slot>()
  /** Paths go asked for (served, joined or overtaken): never prefetched again in this phase. */
  private readonly claimed = new Set<string>()
  /** Queued paths in plan order; `slots` says whether each is still queued. */
  private readonly queue: string[] = []
  private queueHead = 0
  private memoryBytes = 0
  private spoolBytes = 0
  private spoolDir: Promise<string> | undefined
  /** Directories made in the layer. */
  private readonly layerDirs = new Set<string>()
  private closed = false
  readonly stats: StoreStats = {
    planned: 0,
    prefetchedFiles: 0,
    prefetchedBytes: 0,
    servedFiles: 0,
    servedBytes: 0,
    servedFromDisk: 0,
    overtaken: 0,
    failed: 0,
    spooledFiles: 0,
    peakMemoryBytes: 0,
    peakBytes: 0,
    unusedFiles: 0,
    unusedBytes: 0
  }

  constructor(private readonly options: StoreOptions) {
    if (!(options.memoryBudget >= 0)) throw new Error(`store memoryBudget must be ≥ 0, got ${options.memoryBudget}`)
    if (!(options.spoolThreshold >= 0))
      throw new Error(`store spoolThreshold must be ≥ 0, got ${options.spoolThreshold}`)
  }

  /** Queues paths to prefetch, in order; a path already known (queued, fetched, served or claimed) is skipped. */
  enqueue(paths: Iterable<string>): void {
    for (const path of paths) {
      if (this.closed || this.slots.has(path) || this.claimed.has(path)) continue
      this.slots.set(path, { state: 'queued' })
      this.queue.push(path)
      this.stats.planned++
    }
  }

  /** The next queued path for the prefetcher, or undefined when the queue is empty. */
  next(): string | undefined {
    while (this.queueHead < this.queue.length) {
      const path = this.queue[this.queueHead++]
      if (this.slots.get(path)?.state === 'queued') return path
    }
    return undefined
  }

  /** Paths still waiting in the queue. */
  pending(): number {
    let n = 0
    for (let i = this.queueHead; i < this.queue.length; i++) if (this.slots.get(this.queue[i])?.state === 'queued') n++
    return n
  }

  /**
   * The prefetcher starts `path`: `fetch` runs now and its result is stored (a 200 body in memory or spooled, a
   * final not-found as it is); undefined means the prefetch failed and nothing is stored.
   */
  begin(path: string, fetch: () => Promise<FetchedAnswer | undefined>): Promise<void> {
    const answer = fetch().then(
      fetched => this.keep(path, fetched),
      () => this.keep(path, undefined)
    )
    this.slots.set(path, { state: 'fetching', answer })
    return answer.then(() => undefined)
  }

  /**
   * go's request for `path`: a hit (stored, or in flight: single flight) or a miss. Either way go owns the path
   * from now on: the entry leaves the store and the path is never prefetched again in this phase.
   */
  claim(path: string): Claim {
    const slot = this.slots.get(path)
    this.claimed.add(path)
    if (!slot) return { kind: 'miss' }
    this.slots.delete(path)
    if (slot.state === 'queued') {
      this.stats.overtaken++
      return { kind: 'miss' }
    }
    if (slot.state === 'ready') return { kind: 'hit', answer: Promise.resolve(this.served(slot.answer)) }
    return { kind: 'hit', answer: slot.answer.then(a => (a ? this.served(a) : undefined)) }
  }

  /** Called when a served answer has been written to go: frees its memory or removes its spool file. */
  async release(answer: StoredAnswer): Promise<void> {
    if (answer.kind === 'memory') this.memoryBytes -= answer.body.length
    if (answer.kind === 'file' || answer.kind === 'layer') {
      this.spoolBytes -= answer.bytes
      await rm(answer.file, { force: true })
    }
  }

  /** A spool file path for a body that is too large to hold in memory (the directory is made on first use). */
  async spoolFile(path: string): Promise<string> {
    this.spoolDir ??= mkdtemp(join(this.options.spoolParent ?? tmpdir(), 'setup-goproxy-prefetch-'))
    const dir = await this.spoolDir
    return join(dir, `${this.stats.spooledFiles++}-${path.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80)}`)
  }

  /** Whether a body of `bytes` fits in memory now. */
  fitsInMemory(bytes: number): boolean {
    return bytes <= this.options.spoolThreshold && this.memoryBytes + bytes <= this.options.memoryBudget
  }

  /**
   * Counts unused answers, drops everything and removes the spool directory and the layer. Waits for fetches in
   * flight to settle. `usedByGo(path)` tells whether go read a layer file from disk (it holds a copy in its module
   * cache; asked synchronously: hundreds of stat calls are cheaper than as many thread-pool round trips); without
   * it, layer files left are counted unused.
   */
  async close(usedByGo?: (path: string) => boolean): Promise<StoreStats> {
    this.closed = true
    const inFlight = [...this.slots.values()].flatMap(s => (s.state === 'fetching' ? [s.answer] : []))
    await Promise.all(inFlight)
    for (const [path, slot] of this.slots) {
      if (slot.state !== 'ready') continue
      const answer = slot.answer
      if (answer.kind === 'layer' && usedByGo?.(path)) {
        this.stats.servedFromDisk++
        this.served(answer)
      } else {
        this.stats.unusedFiles++
        this.stats.unusedBytes += answerBytes(answer)
      }
      // The layer goes as a whole below: one call instead of a trip through the thread pool per file.
      if (answer.kind !== 'layer') await this.release(answer)
    }
    this.slots.clear()
    if (this.spoolDir) {
      const dir = await this.spoolDir.catch(() => undefined)
      if (dir) await rm(dir, { recursive: true, force: true })
    }
    // The promise form removes entries on the thread pool's four threads at once: for the ~1000 entries of a
    // 200-module layer, 465 ms on the loaded test machine where rmSync took 1246 ms and rm -rf 769 ms.
    const { layerDir, removeLayerLater } = this.options
    if (layerDir && removeLayerLater) removeLayerLater(layerDir)
    else if (layerDir) await rm(layerDir, { recursive: true, force: true, maxRetries: 3 })
    return this.stats
  }

  /** Stores a fetched answer (spooling a body that does not fit in memory) and returns what go would be served. */
  private async keep(path: string, fetched: FetchedAnswer | undefined): Promise<StoredAnswer | undefined> {
    let answer: StoredAnswer | undefined
    try {
      answer = fetched ? await this.place(path, fetched) : undefined
    } catch {
      answer = undefined
    }
    if (!answer) {
      this.stats.failed++
      if (this.slots.get(path)?.state === 'fetching') this.slots.delete(path)
      return undefined
    }
    this.stats.prefetchedFiles++
    this.stats.prefetchedBytes += answerBytes(answer)
    this.stats.peakMemoryBytes = Math.max(this.stats.peakMemoryBytes, this.memoryBytes)
    this.stats.peakBytes = Math.max(this.stats.peakBytes, this.memoryBytes + this.spoolBytes)
    // Still ours (go has not claimed it meanwhile, the store is open): keep it for go.
    if (this.slots.get(path)?.state === 'fetching' && !this.closed) this.slots.set(path, { state: 'ready', answer })
    return answer
  }

  private async place(path: string, fetched: FetchedAnswer): Promise<StoredAnswer> {
    if (fetched.kind === 'not-found' || fetched.kind === 'layer') return fetched
    if (this.options.layerDir) return this.placeInLayer(this.options.layerDir, path, fetched)
    if (fetched.kind === 'file') {
      this.spoolBytes += fetched.bytes
      return fetched
    }
    if (this.fitsInMemory(fetched.body.length)) {
      this.memoryBytes += fetched.body.length
      return fetched
    }
    const file = await this.spoolFile(path)
    await writeFile(file, fetched.body)
    this.spoolBytes += fetched.body.length
    return { kind: 'file', contentType: fetched.contentType, file, bytes: fetched.body.length }
  }

  /**
   * Puts a 200 body where go's `file://` proxy looks for it: written (or a spool file moved) beside its final name
   * and renamed into place, so go finds the whole file or none. `path` is the plan's `!`-escaped request path,
   * checked by the forwarder (no `..`, no absolute path) before it was queued.
   */
  private async placeInLayer(
    layerDir: string,
    path: string,
    fetched: Extract<StoredAnswer, { kind: 'memory' | 'file' }>
  ): Promise<StoredAnswer> {
    const target = join(layerDir, ...path.split('/'))
    const parent = dirname(target)
    if (!this.layerDirs.has(parent)) {
      await mkdir(parent, { recursive: true })
      this.layerDirs.add(parent)
    }
    const partial = `${target}.partial`
    try {
      if (fetched.kind === 'file') await rename(fetched.file, partial)
      else await writeFile(partial, fetched.body)
      await rename(partial, target)
    } catch (error) {
      await rm(partial, { force: true })
      if (fetched.kind === 'file') await rm(fetched.file, { force: true })
      throw error
    }
    const bytes = fetched.kind === 'file' ? fetched.bytes : fetched.body.length
    this.spoolBytes += bytes
    return { kind: 'layer', contentType: fetched.contentType, file: target, bytes }
  }

  private served(answer: StoredAnswer): StoredAnswer {
    this.stats.servedFiles++
    this.stats.servedBytes += answerBytes(answer)
    return answer
  }
}

/** What a prefetch hands the store: the same shapes as a stored answer (a memory body may still be spooled). */
export type FetchedAnswer = StoredAnswer
