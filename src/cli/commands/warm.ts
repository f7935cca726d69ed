import { environmentFor } from '../../settings/compose.js'
import { warmCache } from '../../pipeline/pipeline.js'
import type { ParsedArgs } from '../args.js'
import { decideHere } from '../host.js'
import type { CliIo } from '../io.js'
import { terminalLogger } from '../logger.js'
import { progressDisplay } from '../progress.js'

/**
 * `warm [dir...]`: the action's warm phase on this machine, through the chain the probe verified. The chain holds
 * for this run only; nothing is written. Everything goes to stderr, progress as a live line on a terminal; the exit
 * code says whether every module was downloaded.
 */
export async function warmCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const directories = [args.inputs['working-directory'] ?? '', ...args.positionals].filter(d => d !== '').join('\n')
  const inputs = { ...args.inputs, 'working-directory': directories }
  const progress = progressDisplay(io.stderr)
  const log = terminalLogger(io, args.verbose, progress.guard)
  const { host, prepared, decided } = await decideHere(inputs, io, log)
  if (decided.failure) {
    log.error(decided.failure)
    return 1
  }
  if (!prepared.go) {
    log.error('go was not found on PATH: warm runs `go mod download`. Install Go (https://go.dev/dl/) and try again.')
    return 1
  }
  let report
  try {
    report = await warmCache(decided.route, prepared.settings, host, {
      go: prepared.go,
      cwd: io.cwd,
      // What go would see after `eval "$(setup-goproxy env)"`: this environment plus the exported variables.
      env: { ...io.env, ...decided.environment.exports },
      onProgress: p => progress.update(p)
    })
  } finally {
    progress.finish()
  }
  if (report.chainChanged) {
    const goproxy = environmentFor(prepared.plan, report.chain, decided.route.sumdb).effective.GOPROXY
    log.warning(`A proxy failed during warming; the rest of the run used GOPROXY=${goproxy}`)
  }
  if (!report.ok) {
    log.error(`Warming the module cache failed: ${report.failed.length} module(s); see the diagnoses above.`)
    return 1
  }
  return 0
}
