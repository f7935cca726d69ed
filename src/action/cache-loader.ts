import type { CachePhase } from '../pipeline/pipeline.js'

let cacheLoading: Promise<CachePhase> | undefined

/**
 * The cache phase (it brings @actions/cache and the Azure SDK), loaded on first use: only the action imports it, and
 * hands it to the pipeline through `CachePlace.load`, so the CLI's module graph never reaches src/cache/phase.ts.
 */
export const loadCache = (): Promise<CachePhase> => (cacheLoading ??= import('../cache/phase.js'))

/** Whether the cache phase was loaded at all (the action's exit checks it for abandoned requests). */
export const cacheLoaded = (): boolean => cacheLoading !== undefined

/**
 * Starts the cache restore worker early (src/cache/restore-worker.ts: a child that loads the cache library while the
 * step probes and installs Go), unless the runner gave this job no cache service.
 */
export function standbyRestoreWorker(): void {
  void import('../cache/restore-worker.js').then(worker => worker.standbyRestoreWorker())
}
