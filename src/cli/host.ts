import { decide, prepare, type Decided, type Prepared } from '../pipeline/pipeline.js'
import type { Logger } from '../host/logger.js'
import type { Host } from '../host/host.js'
import { droppedWarnings } from '../probe/table.js'
import type { CliIo } from './io.js'
import { CLI_WORDING } from './wording.js'

/**
 * The CLI host: the environment and directory the CLI was given, its terminal logger, and its wording. The steps
 * themselves are the pipeline's (src/pipeline/pipeline.ts), as the action runs them.
 */
export function cliHost(io: CliIo, log: Logger): Host {
  return {
    log,
    // The PATH of the environment the CLI was given, not the process's: the caller decides which go answers.
    env: io.env,
    cwd: io.cwd,
    group: (_title, work) => work(),
    wording: CLI_WORDING,
    credentialsPlanned: credentials => {
      // The CLI writes no netrc file: the credentials stay in memory for the probe and warm.
      credentials.moved.forEach(({ from, machine }) =>
        log.info(
          `${from}: credentials taken out of the URL and used for the probe and warm only (machine ${machine}); the CLI writes no netrc file.`
        )
      )
      credentials.notes.forEach(note => log.info(note))
      if (credentials.netrc.length > 0 || credentials.git.length > 0) {
        const hosts = [...new Set([...credentials.netrc.map(e => e.machine), ...credentials.git.map(g => g.urlPrefix)])]
        log.warning(
          `Credentials are used for the probe and warm only: the CLI writes no netrc or git configuration. For go to use them later, put them in ~/.netrc (machine HOST login USER password SECRET) or git's credential helper for: ${hosts.join(', ')}.`
        )
      }
    },
    showProbe: shown => {
      // As the action words it: every proxy left out of the chain, with the probe's reason.
      droppedWarnings(shown.report).forEach(warning => log.warning(warning))
      // Notes are not failures: a switched checksum database, a "," gate that was dropped.
      shown.report.notes.forEach(note => log.info(`note: ${note}`))
    }
  }
}

/**
 * prepare, as the action does, with the CLI's flags as inputs: everything decided before the network is touched
 * (a command checks what it needs, such as go, here, before a probe could take its whole deadline).
 */
export async function prepareHere(
  inputs: Readonly<Record<string, string>>,
  io: CliIo,
  log: Logger
): Promise<{ host: Host; prepared: Prepared }> {
  const host = cliHost(io, log)
  return { host, prepared: await prepare(name => inputs[name] ?? '', host) }
}

/** prepare and decide (probing unless `probe` says otherwise), as the action does, with the CLI's flags as inputs. */
export async function decideHere(
  inputs: Readonly<Record<string, string>>,
  io: CliIo,
  log: Logger,
  probe?: boolean
): Promise<{ host: Host; prepared: Prepared; decided: Decided }> {
  const { host, prepared } = await prepareHere(inputs, io, log)
  const decided = await decide(prepared, host, probe ?? prepared.settings.probe)
  return { host, prepared, decided }
}

/**
 * The message for a command that needs go when there is none on PATH: why it needs go, how to get one with this CLI
 * (`install` puts a verified Go into ~/sdk and prints the line that puts it on PATH), and any other way out.
 */
export function goMissing(why: string, alternative?: string): string {
  const install = 'eval "$(setup-goproxy install stable)" (or a version: setup-goproxy install 1.23)'
  return `go was not found on PATH: ${why}. Get a verified Go with this CLI: ${install}, then run this again${alternative ? `; or ${alternative}` : ''}.`
}
