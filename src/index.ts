import { failIfExitingEarly } from './action/exit-guard.js'
import { RESTORE_WORKER_ARG } from './cache/child-arg.js'
import { run } from './main.js'

// The same bundle runs the cache restores in a child process their deadlines can kill (src/cache/restore-worker.ts).
if (process.argv[2] === RESTORE_WORKER_ARG)
  void import('./cache/restore-worker.js').then(worker => worker.runRestoreWorker())
else failIfExitingEarly(run())
