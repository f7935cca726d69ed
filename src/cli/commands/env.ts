import type { GoVariable } from '../../settings/compose.js'
import type { ParsedArgs } from '../args.js'
import { decideHere } from '../host.js'
import { goEnv, runGo } from '../../exec/go.js'
import type { CliIo } from '../io.js'
import { terminalLogger } from '../logger.js'
import { renderExports, renderGoEnvW, renderUnset } from '../shell.js'

type Variables = Partial<Record<GoVariable, string>>

/** The variables the action would export here: probe (unless off), decide, keep only what the action sets. */
async function resolve(args: ParsedArgs, io: CliIo) {
  const log = terminalLogger(io, args.verbose)
  const { prepared, decided } = await decideHere(args.inputs, io, log)
  if (decided.failure) log.error(decided.failure)
  return { log, prepared, decision: decided }
}

/**
 * `env`: the variables as commands for a shell, on stdout and nowhere else. On a failed probe stdout stays empty,
 * so `eval "$(setup-goproxy env)"` changes nothing.
 */
export async function envCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const { decision } = await resolve(args, io)
  if (decision.failure) return 1
  const variables = decision.environment.exports as Variables
  const lines = args.format === 'go-env-w' ? renderGoEnvW(variables, args.shell) : renderExports(variables, args.shell)
  io.stdout.write(`${lines.join('\n')}\n`)
  return 0
}

/**
 * Variables that the environment sets to something else: `go env -w` writes them anyway (with a warning) but the
 * environment wins for every go command run from this session, so the user must unset them to see the new value.
 */
export function environmentConflicts(variables: Variables, env: CliIo['env']): string[] {
  return Object.entries(variables)
    .filter(([name, value]) => {
      const current = env[name]
      return current !== undefined && current !== '' && current !== value
    })
    .map(([name]) => name)
}

/** `apply`: prints the `go env -w` commands, then runs them (one go call, so all are written or none). */
export async function applyCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const { log, prepared, decision } = await resolve(args, io)
  if (decision.failure) return 1
  const variables = decision.environment.exports as Variables
  io.stdout.write(`${renderGoEnvW(variables, args.shell).join('\n')}\n`)

  const conflicts = environmentConflicts(variables, io.env)
  if (conflicts.length > 0) {
    log.warning(
      `${conflicts.join(', ')} ${conflicts.length === 1 ? 'is' : 'are'} also set in the environment, with another value. go env -w writes the file anyway, but the environment wins for every go command started from it: run ${renderUnset(conflicts, args.shell).join('; ')} (and remove the setting from your shell profile), or use \`setup-goproxy env\` to set the environment instead.`
    )
  }
  if (args.dryRun) {
    log.info('--dry-run: nothing was written.')
    return 0
  }
  if (!prepared.go) {
    log.error(
      'go was not found on PATH, and apply runs `go env -w`. Install Go, or run the printed commands where go is, or use `setup-goproxy env` instead.'
    )
    return 1
  }
  const pairs = Object.entries(variables).map(([name, value]) => `${name}=${value}`)
  const result = await runGo(prepared.go, ['env', '-w', ...pairs], { env: io.env, cwd: io.cwd, timeoutMs: 30_000 })
  // go warns about each conflicting variable itself; that was explained above in more words.
  const goSaid = result.stderr
    .split('\n')
    .filter(line => line.trim() !== '' && !/does not override conflicting OS environment variable/.test(line))
  if (result.code !== 0) {
    log.error(
      `go env -w failed${result.timedOut ? ' (timed out)' : result.spawnError !== undefined ? ` (could not start ${prepared.go}: ${result.spawnError})` : ` (exit ${result.code})`}: ${goSaid.join('\n') || 'no message'}`
    )
    return 1
  }
  goSaid.forEach(line => log.warning(line))
  const file = await goEnv(prepared.go, ['GOENV'], { env: io.env, cwd: io.cwd, timeoutMs: 15_000 })
  const where = file.ok && file.values.GOENV.trim() !== '' ? ` to ${file.values.GOENV.trim()}` : ''
  log.info(`Written${where}: ${Object.keys(variables).join(', ')}.`)
  return 0
}
