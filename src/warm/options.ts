import type { CredentialsLookup } from '../auth/types.js'
import type { Chain } from '../go/proxy/chain.js'
import type { SumdbConfig } from '../go/sumdb/config.js'
import type { Logger } from '../host/logger.js'
import type { Wording } from '../host/wording.js'
import type { ModulePlan } from '../settings/compose.js'

/** What the warm phase is given (src/warm/warm.ts warmModules). */
export interface WarmOptions {
  /** Path of the go binary. */
  go: string
  /** The working-directory input lines (globs like `**\/go.mod` or `dir/*` allowed), resolved against cwd. */
  directories: string[]
  cwd: string
  /** The full environment for go (process env plus the exported Go variables); not mutated. */
  env: Record<string, string>
  /** The verified chain (what GOPROXY will be). */
  chain: Chain
  /** For GONOPROXY / GONOSUMDB. */
  plan: ModulePlan
  sumdb: SumdbConfig
  /** The whole warm phase. */
  timeoutSeconds: number
  /** Attempts per module set on transient faults. */
  retries: number
  /** Credentials for upstream proxies. */
  credentialsFor?: CredentialsLookup
  /** Extra trusted CA PEM (tests). */
  ca?: string
  /** Watchdog window: no output, no proxy traffic and no module cache growth for this long kills go. Default 30. */
  stallSeconds?: number
  /** Per upstream request in the forwarder: time to first byte and between chunks. Default min(15 s, stall / 2). */
  requestTimeoutMs?: number
  /** Base delay between attempts of a module set (doubled each time, with jitter). Default 1000. */
  retryDelayMs?: number
  /** Prefetch requests in flight at most, ahead of go (the warm-concurrency input); 0: no prefetch. Default 64. */
  prefetchConcurrency?: number
  /** Warm a module that go builds from vendor/ too (the warm-vendored input); default false: it is skipped. */
  warmVendored?: boolean
  log: Logger
  /** The host's words for the diagnoses (inputs or flags, runner or machine); the action's when not given. */
  words?: Wording
  /**
   * Takes over removing the prefetch's `file://` layer (the action: its post step removes it, so the main step does
   * not wait for a thousand unlinks); absent, the phase removes it before it returns.
   */
  removeLater?: (dir: string) => void
  /** For the CLI's live line. */
  onProgress?: (p: { done: number; total?: number; current?: string; elapsedMs: number }) => void
}
