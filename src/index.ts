import { failIfExitingEarly } from './action/exit-guard.js'
import { run } from './main.js'

failIfExitingEarly(run())
