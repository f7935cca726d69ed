import type { CredentialPlan } from '../auth/index.js'
import { formatChain, type Chain } from '../go/proxy/chain.js'
import { chainFromInputs, environmentFor, type ModulePlan } from '../settings/compose.js'
import { decideAfterProbe, planEnvironment } from '../settings/configure.js'
import type { Logger } from '../host/logger.js'
import { redactText } from '../go/proxy/url.js'
import { readSettings, type Settings } from '../settings/settings.js'
import type { SumdbConfig } from '../go/sumdb/config.js'
import { droppedWarnings } from '../probe/table.js'
import { probeChain, type ProbeOutcome } from '../probe/probe.js'
import { findGo } from '../warm/warm.js'
import { goEnvFailureWarning, readAmbient } from '../settings/ambient.js'
import type { CliIo } from './io.js'

/** Everything decided before the network is touched: the same steps 1 and 2 as the action's main.ts. */
export interface Prepared {
  readonly settings: Settings
  /** The go binary, when there is one (for `go env GOPROXY`, apply and warm). */
  readonly go?: string
  readonly plan: ModulePlan
  readonly credentials: CredentialPlan
}

/**
 * Validates the inputs and composes the plan, exactly as the action does: readSettings over the flags (defaults
 * from INPUT_DEFAULTS), the machine's GO* variables and `go env GOPROXY` as the ambient values, credentials moved
 * out of URLs and module hosts added to GOPRIVATE. Throws InputErrors for bad values.
 */
export async function prepare(inputs: Readonly<Record<string, string>>, io: CliIo, log: Logger): Promise<Prepared> {
  const settings = readSettings(name => inputs[name] ?? '')
  // The PATH of the environment the CLI was given, not the process's: the caller decides which go answers.
  const go = await findGo(undefined, io.env)
  const ambient = await readAmbient(go, !chainFromInputs(settings), io.env, io.cwd)
  if (ambient.goEnvFailure) log.warning(redactText(goEnvFailureWarning(ambient.goEnvFailure)))
  const { plan, credentials } = planEnvironment(settings, ambient)
  credentials.notes.forEach(note => log.info(cliNote(note)))
  if (credentials.netrc.length > 0 || credentials.git.length > 0) {
    const hosts = [...new Set([...credentials.netrc.map(e => e.machine), ...credentials.git.map(g => g.urlPrefix)])]
    log.warning(
      `Credentials are used for the probe and warm only: the CLI writes no netrc or git configuration. For go to use them later, put them in ~/.netrc (machine HOST login USER password SECRET) or git's credential helper for: ${hosts.join(', ')}.`
    )
  }
  plan.warnings.forEach(warning => log.warning(warning))
  log.info(`Composed GOPROXY (${plan.chainSource}): ${formatChain(plan.chain, true)}`)
  return { settings, ...(go ? { go } : {}), plan, credentials }
}

/** The chain and checksum DB to use, after the probe (or without it), as the action decides them. */
export interface Decision {
  readonly outcome?: ProbeOutcome
  readonly chain: Chain
  readonly sumdb: SumdbConfig
  /** The probe's problems with on-unreachable fail: the command fails with this message and exports nothing. */
  readonly failure?: string
  /** What to export and the effective values (as the action's outputs). */
  readonly environment: ReturnType<typeof environmentFor>
}

/**
 * Step 3 of the action: probe (when `probe` is on) and keep the rebuilt chain when it has no problem; with
 * problems, `on-unreachable: warn` keeps the chain as composed and `fail` fails.
 */
export async function decide(
  prepared: Prepared,
  log: Logger,
  probe: boolean = prepared.settings.probe
): Promise<Decision> {
  const { settings, plan, credentials } = prepared
  if (!probe) return { chain: plan.chain, sumdb: plan.sumdb, environment: environmentFor(plan) }
  const outcome = await probeChain(plan, {
    timeoutMs: settings.probeTimeoutMs,
    probeModule: settings.probeModule,
    order: settings.order,
    credentialsFor: credentials.credentialsFor,
    log
  })
  // As the action words it: every proxy left out of the chain, with the probe's reason.
  droppedWarnings(outcome.report).forEach(warning => log.warning(warning))
  // Notes are not failures: a switched checksum database, a "," gate that was dropped.
  outcome.report.notes.forEach(note => log.info(`note: ${note}`))
  const verdict = decideAfterProbe(plan, outcome, settings.onUnreachable, 'Set --on-unreachable warn')
  if (verdict.warning) log.warning(verdict.warning)
  return {
    outcome,
    chain: verdict.chain,
    sumdb: verdict.sumdb,
    environment: environmentFor(plan, verdict.chain, verdict.sumdb),
    ...(verdict.failure ? { failure: verdict.failure } : {})
  }
}

/**
 * A credential note as the CLI must word it: the action moves URL credentials into a netrc file of its own, the CLI
 * writes no file at all (it keeps them in memory for the probe and warm), so "moved to netrc" would be untrue here.
 */
export function cliNote(note: string): string {
  return note.replace(
    /credentials moved from the URL to netrc \(machine ([^)]+)\)\./,
    'credentials taken out of the URL and used for the probe and warm only (machine $1); the CLI writes no netrc file.'
  )
}
