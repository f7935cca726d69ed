import { failIfExitingEarly } from './action/exit-guard.js'
import { RESTORE_CHILD_ARG } from './cache/child-arg.js'
import { run } from './main.js'

// The same bundle runs a cache restore in a child process the restore deadline can kill (src/cache/restore-child.ts).
if (process.argv[2] === RESTORE_CHILD_ARG)
  void import('./cache/restore-child.js').then(child => child.runRestoreChild())
else failIfExitingEarly(run())
