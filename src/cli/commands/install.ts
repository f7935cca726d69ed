import os from 'node:os'
import { join } from 'node:path'
import { InputError, InputErrors } from '../../go/errors.js'
import { UsageError, type ParsedArgs } from '../args.js'
import { prepareHere } from '../host.js'
import { decide, installGo } from '../../pipeline/pipeline.js'
import { findRequestedGo } from '../../install/for-job.js'
import type { CliIo } from '../io.js'
import { terminalLogger } from '../logger.js'
import { renderPathPrepend } from '../shell.js'
import { renderInstallLine } from '../../install/line.js'

/**
 * `install <version>`: installs Go through the verified chain into `~/sdk/go<version>` (golang.org/dl's place, on
 * Windows under %USERPROFILE%), with the same resolution and checksum-database verification as the action. Prints
 * only the PATH line on stdout, so `eval "$(setup-goproxy install 1.23)"` puts the installed go first on PATH.
 */
export async function installCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const started = performance.now()
  const [version] = args.positionals
  if (version !== undefined && args.inputs['go-version'] !== undefined) {
    throw new UsageError('give the version once: as the argument or as --go-version.', 'install')
  }
  const inputs: Record<string, string> = { ...args.inputs, ...(version !== undefined ? { 'go-version': version } : {}) }
  if (!inputs['go-version'] && !inputs['go-version-file']) {
    throw new UsageError(
      'install needs a Go version: setup-goproxy install 1.23 (or --go-version-file go.mod).',
      'install'
    )
  }
  const log = terminalLogger(io, args.verbose)
  const { host, prepared } = await prepareHere(inputs, io, log)
  const goInstall = prepared.settings.goInstall
  if (!goInstall) throw new UsageError('install needs a Go version.', 'install')
  // Where golang.org/dl puts it: os.UserHomeDir, i.e. %USERPROFILE% on Windows (even when a shell sets HOME), else $HOME.
  const home = (process.platform === 'win32' ? io.env.USERPROFILE : io.env.HOME) || os.homedir()
  const destination = { kind: 'sdk', root: join(home, 'sdk') } as const
  // A version file that is missing or says nothing usable, or a version no proxy lists: invalid input (exit 2).
  const asInputError = (error: unknown) => {
    throw error instanceof InputError ? new InputErrors([error]) : error
  }

  // Already installed: no probe and no request, so it works offline (stable and oldstable need the list, and
  // --check-latest asks for it).
  const present = await findRequestedGo({
    goInstall,
    cwd: io.cwd,
    log,
    destination,
    checkLatest: prepared.settings.checkLatest
  }).catch(asInputError)
  if (present) {
    const ms = Math.round(performance.now() - started)
    log.info(
      `${renderInstallLine({ ...present, cacheHit: true, bytes: 0, ms })}; no probe, nothing asked of the network`
    )
    io.stdout.write(`${renderPathPrepend(join(present.goroot, 'bin'), args.shell)}\n`)
    return 0
  }

  const decided = await decide(prepared, host, prepared.settings.probe)
  if (decided.failure) {
    log.error(decided.failure)
    return 1
  }
  const installed = await installGo(decided.route, prepared.settings, host, {
    destination,
    tempDir: os.tmpdir()
  }).catch(asInputError)
  log.info(renderInstallLine(installed))
  io.stdout.write(`${renderPathPrepend(join(installed.goroot, 'bin'), args.shell)}\n`)
  return 0
}
