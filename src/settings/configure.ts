/**
 * The decisions the action and the CLI share, so that a laptop gets the same answer as
 * a runner: compose the plan and move credentials out of it (steps 1–2), then decide
 * what the probe's outcome means for the chain to export (step 3). Pure: the callers
 * gather the inputs and do the I/O.
 */
import { parseAuth, planCredentials, planSumdbCredentials, type CredentialPlan } from '../auth/index.js'
import type { Chain } from '../go/proxy/chain.js'
import { addPrivatePatterns, composePlan, withChain, type Ambient, type ModulePlan } from './compose.js'
import type { Settings } from './settings.js'
import type { SumdbConfig } from '../go/sumdb/config.js'
import type { Wording } from '../host/wording.js'

export interface PlannedEnvironment {
  /** The plan with credentials moved out of proxy and checksum-DB URLs and private module hosts in GOPRIVATE. */
  readonly plan: ModulePlan
  readonly credentials: CredentialPlan
}

/**
 * Composes the Go module environment and plans the credentials for it (`words`: how the host names its settings in
 * warnings). Throws InputErrors for any bad input, before anything is written or exported.
 */
export function planEnvironment(settings: Settings, ambient: Ambient, words?: Wording): PlannedEnvironment {
  const composed = composePlan(settings, ambient, words)
  const planned = planSumdbCredentials(
    planCredentials(parseAuth(settings.auth), composed.chain, composed),
    composed.sumdb
  )
  const plan = addPrivatePatterns(
    withChain({ ...composed, sumdb: planned.sumdb }, planned.plan.chain),
    planned.plan.privateAdditions
  )
  return { plan, credentials: planned.plan }
}

/** What the probe proposes: its rebuilt chain, the checksum DB it verified, and its problems. */
export interface ProbeProposal {
  readonly chain: Chain
  readonly sumdb: SumdbConfig
  readonly problems: readonly string[]
}

/** What the action or the CLI exports after the probe, once on-unreachable is applied. */
export interface ExportDecision {
  /** The chain and checksum DB to export. */
  readonly chain: Chain
  readonly sumdb: SumdbConfig
  /** Problems with on-unreachable: warn: the chain is exported as composed, with this warning. */
  readonly warning?: string
  /** Problems with on-unreachable: fail: nothing is exported, the step fails with this message. */
  readonly failure?: string
}

/**
 * Applies `on-unreachable` to the probe's outcome: no problem → the rebuilt chain; a
 * problem → the chain as composed with a warning (`warn`) or a failure (`fail`).
 * `words` names the switch as the host does (an input or a flag).
 */
export function decideAfterProbe(
  plan: ModulePlan,
  proposal: ProbeProposal,
  onUnreachable: Settings['onUnreachable'],
  words: Wording
): ExportDecision {
  if (proposal.problems.length === 0) return { chain: proposal.chain, sumdb: proposal.sumdb }
  const problems = proposal.problems.join('\n')
  const asComposed = { chain: plan.chain, sumdb: plan.sumdb }
  const warn = words.input('on-unreachable', 'warn')
  return onUnreachable === 'warn'
    ? { ...asComposed, warning: `${problems}\n${warn}: using the chain as composed.` }
    : { ...asComposed, failure: `${problems}\nSet ${warn} to use the chain anyway.` }
}
