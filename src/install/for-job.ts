/**
 * The install step as the action and the CLI run it: the request from `go-version` or `go-version-file`, the chain
 * and checksum database the probe verified, an HTTP client with the job's trust and proxies, then `installGo`.
 *
 * API:
 * - `installRequestedGo(job)` → `Promise<InstalledGo>` (rejects like installGo; a bad version file is an InputError
 *   for `go-version-file`).
 * - `toolchainChain(chain, gonoproxy)`: the chain the go command uses for golang.org/toolchain (direct when
 *   GONOPROXY matches it).
 */
import { isAbsolute, resolve } from 'node:path'
import type { CredentialsLookup } from '../auth/types.js'
import type { Chain } from '../go/proxy/chain.js'
import type { Logger } from '../host/logger.js'
import { matchesPrefixPatterns } from '../go/env/patterns.js'
import type { GoInstallRequest } from '../settings/settings.js'
import type { SumdbConfig } from '../go/sumdb/config.js'
import { TOOLCHAIN_MODULE } from '../go/toolchain/list.js'
import { VERSION_FILE_INPUT } from '../go/toolchain/version-file.js'
import { createHttpClient } from '../net/http.js'
import { trustedCertificates } from '../net/trust.js'
import { installGo, type GoDestination, type InstalledGo } from './install.js'
import { hostGoPlatform, readVersionFile } from './version-file.js'

/** Everything the install step needs from the job. */
export interface GoInstallJob {
  readonly goInstall: GoInstallRequest
  /** The chain the probe verified (GOPROXY as exported). */
  readonly chain: Chain
  readonly sumdb: SumdbConfig
  /** Effective GONOPROXY (after GOPRIVATE defaulting). */
  readonly gonoproxy: string
  readonly credentialsFor?: CredentialsLookup
  readonly destination: GoDestination
  /** Where the zip is downloaded (RUNNER_TEMP or the OS temp dir). */
  readonly tempDir: string
  /** For a relative go-version-file. */
  readonly cwd: string
  /** The environment the HTTP client reads proxies (HTTPS_PROXY, NO_PROXY) and extra CAs from. */
  readonly env: NodeJS.ProcessEnv
  readonly log: Logger
  /** Tries per proxy for transient faults (the `retries` input). */
  readonly attempts?: number
}

/** The chain for golang.org/toolchain: the go command fetches a GONOPROXY-matching module direct. */
export function toolchainChain(chain: Chain, gonoproxy: string): Chain {
  return matchesPrefixPatterns(gonoproxy, TOOLCHAIN_MODULE) ? { proxies: [], terminal: 'direct' } : chain
}

/** Installs the Go the job asked for (see module doc). */
export async function installRequestedGo(job: GoInstallJob): Promise<InstalledGo> {
  let request
  let input: string
  if (job.goInstall.from === 'go-version') {
    request = job.goInstall.request
    input = 'go-version'
  } else {
    const file = isAbsolute(job.goInstall.file) ? job.goInstall.file : resolve(job.cwd, job.goInstall.file)
    const found = await readVersionFile(file)
    job.log.info(`${job.goInstall.file} line ${found.line} asks for Go ${found.value}`)
    request = found.request
    input = VERSION_FILE_INPUT
  }
  const client = createHttpClient({
    ca: trustedCertificates(undefined, job.env),
    env: job.env,
    userAgent: 'setup-goproxy-toolchain'
  })
  try {
    return await installGo({
      request,
      input,
      chain: toolchainChain(job.chain, job.gonoproxy),
      sumdb: job.sumdb,
      client,
      platform: hostGoPlatform(),
      destination: job.destination,
      tempDir: job.tempDir,
      log: job.log,
      ...(job.attempts !== undefined ? { attempts: job.attempts } : {}),
      ...(job.credentialsFor ? { credentialsFor: job.credentialsFor } : {})
    })
  } finally {
    await client.close()
  }
}
