/**
 * The argument that makes the action's bundle (dist/index.js) run as the cache restore worker instead of a step
 * (src/cache/restore-worker.ts). Its own module, free of imports, so the entry can check it cheaply.
 */
export const RESTORE_WORKER_ARG = '--setup-goproxy-cache-restore-worker'
