/** runAction with the verification audit of what the step exported (see audit-log.ts). */
import { auditRun } from '../support/audit-log.js'
import { runAction, type ActionRun, type RunActionOptions } from '../support/run-action.js'

type AuditedRun = ActionRun & { readonly verification: string[] }

/** Runs the bundle like runAction and returns the run with its verification violations (expected: none). */
export async function runAudited(options: RunActionOptions): Promise<AuditedRun> {
  const run = await runAction(options)
  // Once runAction audits every run itself (suite-wide), its result is used as is: one record per run.
  const audited: ActionRun & Partial<AuditedRun> = run
  if (Array.isArray(audited.verification)) return audited as AuditedRun
  return { ...run, verification: auditRun(options.inputs ?? {}, run.env) }
}
