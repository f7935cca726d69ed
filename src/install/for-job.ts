/**
 * The install step as the action and the CLI run it: the request from `go-version` or `go-version-file`, the chain
 * and checksum database the probe verified, an HTTP client with the job's trust and proxies, then `installGo`.
 *
 * API:
 * - `installRequestedGo(job)` → `Promise<InstalledGo>` (rejects like installGo; a bad version file is an InputError
 *   for `go-version-file`).
 * - `findRequestedGo(job)`: the requested Go when a complete install of it is already at the destination (no network).
 * - `destinationFor(destination, architecture)`: the tool-cache arch directory of the `architecture` input.
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
import { TOOLCHAIN_MODULE, withArchitecture, type Architecture } from '../go/toolchain/list.js'
import { VERSION_FILE_INPUT } from '../go/toolchain/version-file.js'
import { createHttpClient } from '../net/http.js'
import { trustedCertificates } from '../net/trust.js'
import { findInstalledGo, installGo, type GoDestination, type InstalledGo } from './install.js'
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
  /** `architecture`: another GOARCH to install (undefined: the runner's). */
  readonly architecture?: Architecture
  /** `check-latest`: resolve the newest match from the list even when an installed Go satisfies the request. */
  readonly checkLatest?: boolean
}

/** The chain for golang.org/toolchain: the go command fetches a GONOPROXY-matching module direct. */
export function toolchainChain(chain: Chain, gonoproxy: string): Chain {
  return matchesPrefixPatterns(gonoproxy, TOOLCHAIN_MODULE) ? { proxies: [], terminal: 'direct' } : chain
}

/**
 * The destination for the requested architecture: in the tool cache, setup-go's arch directory for it
 * (`go/1.23.5/x86`), so a 386 Go never takes the runner's own Go's place.
 */
export function destinationFor(destination: GoDestination, architecture: Architecture | undefined): GoDestination {
  if (!architecture || destination.kind !== 'tool-cache') return destination
  return { ...destination, nodeArch: architecture.toolCacheArch }
}

/** The version request of `go-version`, or of the file `go-version-file` names (read and logged). */
async function requestOf(job: Pick<GoInstallJob, 'goInstall' | 'cwd' | 'log'>) {
  if (job.goInstall.from === 'go-version') return { request: job.goInstall.request, input: 'go-version' }
  const file = isAbsolute(job.goInstall.file) ? job.goInstall.file : resolve(job.cwd, job.goInstall.file)
  const found = await readVersionFile(file)
  job.log.info(`${job.goInstall.file} line ${found.line} asks for Go ${found.value}`)
  return { request: found.request, input: VERSION_FILE_INPUT }
}

/**
 * The complete install of the requested Go already at the destination, found with no network (undefined for
 * stable/oldstable, which need the list, and when none is there): what lets the CLI skip the probe and work offline.
 */
export async function findRequestedGo(
  job: Pick<GoInstallJob, 'goInstall' | 'cwd' | 'log' | 'destination' | 'architecture' | 'checkLatest'>
): Promise<{ version: string; goroot: string; goBinary: string } | undefined> {
  if (job.checkLatest) return undefined
  const { request } = await requestOf(job)
  return findInstalledGo(
    request,
    destinationFor(job.destination, job.architecture),
    withArchitecture(hostGoPlatform(), job.architecture)
  )
}

/** Installs the Go the job asked for (see module doc). */
export async function installRequestedGo(job: GoInstallJob): Promise<InstalledGo> {
  const { request, input } = await requestOf(job)
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
      platform: withArchitecture(hostGoPlatform(), job.architecture),
      destination: destinationFor(job.destination, job.architecture),
      checkLatest: job.checkLatest === true,
      tempDir: job.tempDir,
      log: job.log,
      ...(job.attempts !== undefined ? { attempts: job.attempts } : {}),
      ...(job.credentialsFor ? { credentialsFor: job.credentialsFor } : {})
    })
  } finally {
    await client.close()
  }
}
