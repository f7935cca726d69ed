import type { CredentialsLookup } from '../auth/types.js'
import type { Chain } from '../go/proxy/chain.js'
import type { SumdbConfig } from '../go/sumdb/config.js'
import type { ModulePlan } from '../settings/compose.js'

/**
 * The verified route: what the probe's decision leaves for every later phase — the chain to walk, the checksum
 * database, the private patterns no request may leave the machine for, and the credentials go would send. The
 * install and the warm phase take this one value instead of the plan, chain, sumdb and lookup apart.
 */
export interface VerifiedRoute {
  /** The chain as exported (the probe's rebuilt one, or as composed). */
  readonly chain: Chain
  readonly sumdb: SumdbConfig
  /** The composed plan: GOPRIVATE / GONOPROXY / GONOSUMDB / GOINSECURE and where the chain came from. */
  readonly plan: ModulePlan
  readonly credentialsFor: CredentialsLookup
}
