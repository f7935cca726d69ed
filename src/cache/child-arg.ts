/**
 * The argument that makes the action's bundle (dist/index.js) run a cache restore in a child process instead of a
 * step (src/cache/restore-child.ts). Its own module, free of imports, so the entry can check it cheaply.
 */
export const RESTORE_CHILD_ARG = '--setup-goproxy-cache-restore-child'
