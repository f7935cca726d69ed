/**
 * The prefetcher: fetches what `go mod download` is going to ask for ahead of it, `concurrency` requests at a
 * time, each one a full walk of the chain with the forwarder's semantics (`,` vs `|`, timeouts, retries for
 * transient faults, health), and puts the answers in the store (store.ts), where go's requests pick them up.
 *
 * A failed prefetch is not an error: nothing is stored and go's own request walks the chain again, so a failure
 * is diagnosed from what go saw. After `giveUpAfter` failures in a row with no success the prefetcher stops (the
 * chain is sick; go's own requests with the forwarder's timeouts are then the best use of it).
 */
import { setMaxListeners } from 'node:events'
import type { Logger } from '../../host/logger.js'
import type { FetchedAnswer, PrefetchStore } from './store.js'

export interface PrefetcherOptions {
  readonly store: PrefetchStore
  /** Prefetch requests in flight at most (go's own requests come on top, never queued behind these). */
  readonly concurrency: number
  /** One prefetch: the walk's answer to store, or undefined when it failed. Must not reject. */
  readonly fetch: (path: string, signal: AbortSignal) => Promise<FetchedAnswer | undefined>
  /** Failures in a row, without a success, after which the prefetcher stops. Default 16. */
  readonly giveUpAfter?: number
  readonly log: Logger
}

export interface Prefetcher {
  /** Starts workers for what the store has queued (call after enqueueing). */
  kick(): void
  /** Stops starting new prefetches and aborts those in flight. */
  stop(): void
  /** Settles when nothing is in flight (after the queue is done, or after stop). */
  idle(): Promise<void>
  /** Why it stopped early, if it did. */
  gaveUp(): string | undefined
}

/** Creates a prefetcher over `options.store`; it does nothing until `kick()`. */
export function createPrefetcher(options: PrefetcherOptions): Prefetcher {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
    throw new Error(`prefetch concurrency must be a whole number ≥ 1, got ${options.concurrency}`)
  const giveUpAfter = options.giveUpAfter ?? 16
  const controller = new AbortController()
  // Every prefetch in flight listens on this one signal (its requests, its backoff sleeps): not a leak.
  setMaxListeners(0, controller.signal)
  let workers = 0
  let failuresInARow = 0
  let stopped = false
  let reason: string | undefined
  let idleWaiters: Array<() => void> = []

  const settleIdle = () => {
    if (workers > 0) return
    const waiters = idleWaiters
    idleWaiters = []
    for (const w of waiters) w()
  }

  const work = async (): Promise<void> => {
    try {
      for (let path = options.store.next(); path !== undefined && !stopped; path = options.store.next()) {
        const current = path
        let ok = false
        await options.store.begin(current, async () => {
          const answer = await options.fetch(current, controller.signal).catch(() => undefined)
          ok = answer !== undefined
          return answer
        })
        if (ok) {
          failuresInARow = 0
        } else if (++failuresInARow >= giveUpAfter && !stopped) {
          reason = `${failuresInARow} prefetches in a row failed`
          options.log.info(`Warm phase: prefetching stopped (${reason}); go's own requests continue.`)
          stopped = true
        }
      }
    } finally {
      workers--
      settleIdle()
    }
  }

  return {
    kick() {
      while (!stopped && workers < options.concurrency && options.store.pending() > 0) {
        workers++
        void work()
      }
    },
    stop() {
      stopped = true
      controller.abort()
    },
    idle: () => (workers === 0 ? Promise.resolve() : new Promise(resolve => idleWaiters.push(resolve))),
    gaveUp: () => reason
  }
}
