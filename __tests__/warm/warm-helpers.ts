/** Small builders shared by the warm-phase tests: chains, plans and a capturing logger. */
import type { Chain, ProxyEntry, Separator } from '../../src/core/chain.js'
import type { ModulePlan } from '../../src/core/compose.js'
import type { Logger } from '../../src/core/logger.js'
import type { SumdbConfig } from '../../src/core/sumdb/config.js'

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
