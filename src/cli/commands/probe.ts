import { formatChain } from '../../go/proxy/chain.js'
import { probeTableText } from '../../probe/table.js'
import type { ParsedArgs } from '../args.js'
import { decideHere } from '../host.js'
import { styles, useColour, type CliIo } from '../io.js'
import { terminalLogger } from '../logger.js'

/**
 * `probe`: the probe table and the environment the action would export from here. Writes nothing. With --json,
 * stdout holds one JSON document (the action's `probe-report` plus the chosen values), also when the probe failed:
 * then `ok` is false, `exports` is empty and `goproxy` null (a script applying `exports` must not apply a dead
 * chain), and the report shows no chain, as the action's summary does.
 */
export async function probeCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  // The table says what the probe's info lines would: keep stderr for warnings and errors (--verbose shows all).
  const log = terminalLogger(io, args.verbose, undefined, { quietInfo: true })
  const { decided: decision } = await decideHere(args.inputs, io, log, true)
  const outcome = decision.outcome
  if (!outcome) throw new Error('the probe did not run') // decide() always probes when asked to
  const { exports, effective } = decision.environment
  const ok = decision.failure === undefined
  // The report as decided (decide() shows it so): it names the chain exported, or none.
  const report = outcome.report
  if (args.json) {
    const document = {
      ok,
      goproxy: ok ? formatChain(decision.route.chain, true) : null,
      gosumdb: effective.GOSUMDB,
      exports: ok ? exports : {},
      effective,
      fastest: outcome.fastest ?? null,
      unreachable: outcome.unreachable,
      problems: outcome.problems,
      report
    }
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
  } else {
    const style = styles(useColour(io, io.stdout))
    const [header, ...rest] = probeTableText(report).split('\n')
    const values = decision.failure
      ? [
          'Would export: nothing (the action fails on these problems; --on-unreachable warn exports the chain as given).'
        ]
      : ['Would export:', ...Object.entries(exports).map(([name, value]) => `  ${name}=${value}`)]
    io.stdout.write(`${[style.bold(header), ...rest, '', ...values].join('\n')}\n`)
  }
  if (decision.failure) {
    log.error(decision.failure)
    return 1
  }
  return 0
}
