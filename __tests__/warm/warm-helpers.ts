/** Small builders shared by the warm-phase tests: chains, plans, a capturing logger and a project to warm. */
import { join } from 'node:path'
import type { Chain, ProxyEntry, Separator } from '../../src/go/proxy/chain.js'
import type { ModulePlan } from '../../src/settings/compose.js'
import type { Logger } from '../../src/host/logger.js'
import type { SumdbConfig } from '../../src/go/sumdb/config.js'
import type { WarmOptions } from '../../src/warm/warm.js'
import { goTestEnv, tempDir } from '../support/go.js'
import { writeProject, type TestModule } from '../support/modules.js'

/** A chain from `[url, separator]` pairs and an optional terminal keyword. */
export function chainOf(entries: Array<[string, Separator?]>, terminal?: 'direct' | 'off'): Chain {
  const proxies = entries.map(([url, separator]): ProxyEntry => ({
    url,
    separator: separator ?? ',',
    origin: 'proxies'
  }))
  return { proxies, ...(terminal ? { terminal } : {}) }
}

export const SUMDB_OFF: SumdbConfig = { kind: 'off', value: 'off' }

/** A plan with the given private patterns; everything else is irrelevant to the warm phase. */
export function planOf(
  chain: Chain,
  patterns: { gonoproxy?: string; gonosumdb?: string } = {},
  sumdb: SumdbConfig = SUMDB_OFF
): ModulePlan {
  return {
    chain,
    chainSource: 'inputs',
    sumdb,
    sumdbChosen: true,
    goprivate: '',
    gonoproxy: patterns.gonoproxy ?? '',
    gonosumdb: patterns.gonosumdb ?? '',
    goinsecure: '',
    noProxyFollowsPrivate: false,
    noSumdbFollowsPrivate: false,
    exported: new Set(['GOPROXY']),
    warnings: []
  }
}

/** A logger that keeps every line, tagged with its level and annotation file. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    info: m => lines.push(`info: ${m}`),
    warning: (m, f) => lines.push(`warning${f ? `(${f})` : ''}: ${m}`),
    error: (m, f) => lines.push(`error${f ? `(${f})` : ''}: ${m}`),
    debug: m => lines.push(`debug: ${m}`)
  }
}

/**
 * A fresh root (module cache included) with a project `app` requiring `requires`, and warmModules options for it:
 * the chain's plan, no checksum database, `defaults` (each suite's timeouts), then `extra` for the one test.
 */
export function warmProject(
  prefix: string,
  go: string,
  chain: Chain,
  requires: readonly TestModule[],
  defaults: Partial<WarmOptions>,
  extra: Partial<WarmOptions> = {}
) {
  const root = tempDir(prefix)
  const app = join(root, 'app')
  writeProject(app, { requires: [...requires] })
  const env = goTestEnv(root)
  const log = captureLogger()
  const options: WarmOptions = {
    go,
    directories: ['app'],
    cwd: root,
    env,
    chain,
    plan: planOf(chain),
    sumdb: SUMDB_OFF,
    timeoutSeconds: 25,
    retries: 3,
    stallSeconds: 5,
    requestTimeoutMs: 1000,
    retryDelayMs: 100,
    log,
    ...defaults,
    ...extra
  }
  return { root, app, env, log, options }
}
