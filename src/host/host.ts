import type { CredentialPlan } from '../auth/index.js'
import type { GoLookup } from '../exec/find-go.js'
import type { ProbeOutcome } from '../probe/probe.js'
import type { Logger } from './logger.js'
import type { Wording } from './wording.js'

/**
 * What a host (the action, the CLI) hands the pipeline: where to log, the environment and directory it runs in, and
 * its own wording and reactions at the points where the two differ. The pipeline (src/pipeline/pipeline.ts) does
 * the same steps for both; a host never repeats them.
 */
export interface Host {
  readonly log: Logger
  /** The environment go and the HTTP client see (the process's for the action, the one the CLI was given). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The directory `go env` and relative paths resolve against. */
  readonly cwd: string
  /** Where go is looked for when PATH has none (the action: the runner's tool cache). */
  readonly goFallback?: GoLookup
  /** Runs `work` as one named part of the log (a collapsed group on a runner). */
  group<T>(title: string, work: () => Promise<T>): Promise<T>
  /** How this host names its settings and its place in the pipeline's messages (inputs on a runner, flags here). */
  readonly wording: Wording
  /** Reacts to the credential plan: masks its secrets, shows its notes in the host's words. */
  credentialsPlanned(credentials: CredentialPlan): void
  /**
   * Takes a temporary directory to remove after the main work (the action: in its post step, at the end of the
   * job); a host without it removes such directories where they are made.
   */
  removeLater?(dir: string): void
  /** Reacts to the probe as decided (outputs, notices), just before it is shown: the same report `showProbe` gets. */
  probed?(outcome: ProbeOutcome): void
  /** Shows the probe's result once decided (`shown` says no chain when the run fails). */
  showProbe(shown: ProbeOutcome): void
}
