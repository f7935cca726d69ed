import type { InstalledGo } from '../install/install.js'
import type { ProbeOutcome } from '../probe/probe.js'
import type { Environment, ModulePlan } from '../settings/compose.js'
import type { Settings } from '../settings/settings.js'
import type { WarmReport } from '../warm/warm.js'
import type { RestoredPart } from '../cache/report.js'

/**
 * One run as each phase leaves it: the job summary (src/report/summary.ts `summaryOf`) and the CLI's report read
 * this, not the phases' values one by one.
 */
export interface RunRecord {
  readonly settings: Settings
  readonly plan: ModulePlan
  /** The probe as shown (no chain when the run failed); absent when it did not run. */
  probe?: ProbeOutcome
  /** The six variables: their effective values and what was exported. */
  environment: Environment
  installedGo?: InstalledGo
  warm?: WarmReport
  /** What the cache phase restored (module cache, build cache). */
  caches?: RestoredPart[]
  /** Why the run failed; nothing was exported when it failed before the export. */
  failure?: string
}
