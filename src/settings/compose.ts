import { formatChain, parseGoproxy, type Chain, type ProxyEntry } from '../go/proxy/chain.js'
import { assertNoControlCharacters, environmentInput, ErrorCollector, InputError, quote } from '../go/errors.js'
import { formatPatterns, matchesEverything, matchesPrefixPatterns } from '../go/env/patterns.js'
import { findPreset, GO_DEFAULT_GOPROXY, GO_DEFAULT_GOSUMDB, REGION_PRESETS } from '../go/proxy/presets.js'
import type { Settings } from './settings.js'
import { ACTION_WORDING, type Wording } from '../host/wording.js'
import { proxyKey } from '../go/proxy/url.js'
import { parseGosumdb, type SumdbConfig } from '../go/sumdb/config.js'

/** The six variables this action manages, in the order they are reported. */
export const GO_VARIABLES = ['GOPROXY', 'GOSUMDB', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'] as const
export type GoVariable = (typeof GO_VARIABLES)[number]

/**
 * What the job already has before this action runs: values from the environment
 * (empty counts as unset, as in Go) and, for GOPROXY, `go env` when go is present.
 */
export interface Ambient {
  readonly env: Partial<Record<GoVariable, string>>
  /** `go env GOPROXY` when go is on PATH (covers `go env -w` and GOROOT/go.env). */
  readonly goEnvGoproxy?: string
}

/** True when `proxies` or `region` decides the chain; otherwise the job's own GOPROXY is kept. */
export function chainFromInputs(settings: Pick<Settings, 'proxies' | 'region'>): boolean {
  return settings.proxies !== undefined || settings.region !== undefined
}

/** The six variables as the job's environment holds them; empty counts as unset, as in Go. */
export function goVariablesFrom(
  env: Readonly<Record<string, string | undefined>>
): Partial<Record<GoVariable, string>> {
  const values: Partial<Record<GoVariable, string>> = {}
  for (const name of GO_VARIABLES) {
    const value = env[name]
    if (value !== undefined && value !== '') values[name] = value
  }
  return values
}

export type ChainSource = 'inputs' | 'environment' | 'go env' | 'go default'

/** The composed module environment, before probing. Pure data. */
export interface ModulePlan {
  readonly chain: Chain
  readonly chainSource: ChainSource
  readonly sumdb: SumdbConfig
  /** Whether the user chose GOSUMDB (input or job environment): the probe may then not switch it. */
  readonly sumdbChosen: boolean
  /** Effective comma-separated pattern lists after Go's defaulting (GONOPROXY/GONOSUMDB fall back to GOPRIVATE). */
  readonly goprivate: string
  readonly gonoproxy: string
  readonly gonosumdb: string
  readonly goinsecure: string
  /** True where GONOPROXY / GONOSUMDB were not set and so follow GOPRIVATE, as Go does. */
  readonly noProxyFollowsPrivate: boolean
  readonly noSumdbFollowsPrivate: boolean
  /** Variables this action sets because an input or preset asked for them (GOPROXY always). */
  readonly exported: ReadonlySet<GoVariable>
  /** Notes for the log: ignored entries, verification turned off by the user's own choice. */
  readonly warnings: readonly string[]
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

/**
 * `proxies` entries first, then the region's; a URL already listed is not repeated;
 * one terminal keyword last (the user's, else the region's). The separators the
 * user wrote stay, so a `,` gate after a corporate proxy still guards what follows.
 */
function mergeChains(first: Chain | undefined, second: Chain | undefined): Chain {
  const proxies: ProxyEntry[] = []
  const seen = new Set<string>()
  const add = (entries: readonly ProxyEntry[]) => {
    for (const entry of entries) {
      const key = proxyKey(entry.url)
      if (!seen.has(key)) {
        seen.add(key)
        proxies.push(entry)
      }
    }
  }
  add(first?.proxies ?? [])
  add(second?.proxies ?? [])
  const terminal = first?.terminal ?? second?.terminal
  // The proxy before the keyword keeps the gate its chain put there (`goproxy.io,direct`), even when that
  // proxy was dropped as a duplicate: otherwise `aliyun|direct` would send every error direct.
  if (terminal && proxies.length > 0) {
    const gate = (first?.terminal ? first : second)?.proxies.at(-1)?.separator ?? ','
    proxies[proxies.length - 1] = { ...proxies[proxies.length - 1], separator: gate }
  }
  return { proxies, ...(terminal ? { terminal } : {}) }
}

function regionChain(settings: Settings): Chain | undefined {
  if (!settings.region) return undefined
  const preset = REGION_PRESETS[settings.region]
  const proxies = preset.proxies.map((name, i): ProxyEntry => {
    const url = findPreset(name)?.url ?? name
    const last = i === preset.proxies.length - 1
    return { url, separator: last ? ',' : '|', origin: 'region', preset: name }
  })
  return { proxies, terminal: preset.terminal }
}

/**
 * The chain: from the inputs (proxies, region), else the job's GOPROXY, else `go env GOPROXY`, else Go's default.
 * An inherited value Go would reject is an error in `errors`; entries after direct/off go to `ignored`.
 */
function composeChain(
  settings: Settings,
  ambient: Ambient,
  errors: ErrorCollector,
  ignored: (input: string, entry: string) => void
): { chain: Chain; chainSource: ChainSource } {
  if (chainFromInputs(settings)) {
    return { chain: mergeChains(settings.proxies?.chain, regionChain(settings)), chainSource: 'inputs' }
  }
  const fromEnv = nonEmpty(ambient.env.GOPROXY)
  const fromGo = nonEmpty(ambient.goEnvGoproxy)
  const [value, source, input]: [string, ChainSource, string] = fromEnv
    ? [fromEnv, 'environment', environmentInput('GOPROXY')]
    : fromGo
      ? [fromGo, 'go env', 'GOPROXY (go env)']
      : [GO_DEFAULT_GOPROXY, 'go default', 'GOPROXY']
  const parsed = errors.attempt(() => parseGoproxy(input, value), undefined)
  for (const entry of parsed?.ignored ?? []) ignored(input, entry)
  return { chain: parsed?.chain ?? { proxies: [] }, chainSource: source }
}

/**
 * GOSUMDB: the input, else the job's, else the region's, else Go's default, which alone counts as not chosen (the
 * probe may then switch it). What the action sets itself is added to `exported`.
 */
function composeSumdb(
  settings: Settings,
  ambient: Ambient,
  errors: ErrorCollector,
  exported: Set<GoVariable>
): { sumdb: SumdbConfig; sumdbChosen: boolean } {
  const regionSumdb = settings.region ? REGION_PRESETS[settings.region].sumdb : undefined
  const ambientSumdb = nonEmpty(ambient.env.GOSUMDB)
  if (settings.sumdb) {
    exported.add('GOSUMDB')
    return { sumdb: settings.sumdb, sumdbChosen: true }
  }
  if (ambientSumdb) {
    const sumdb = errors.attempt(
      () => parseGosumdb(environmentInput('GOSUMDB'), ambientSumdb),
      parseGosumdb('GOSUMDB', GO_DEFAULT_GOSUMDB)
    )
    return { sumdb, sumdbChosen: true }
  }
  if (regionSumdb) {
    exported.add('GOSUMDB')
    return { sumdb: parseGosumdb('region', regionSumdb), sumdbChosen: true }
  }
  return { sumdb: parseGosumdb('GOSUMDB', GO_DEFAULT_GOSUMDB), sumdbChosen: false }
}

/**
 * Composes the Go module environment from validated settings and what the job
 * already has. Pure: the shell gathers `ambient`, this decides. Throws InputErrors
 * for problems that only show once inputs meet each other or the job's environment
 * (a private probe module, an invalid GOPROXY inherited from the job). `words` names the settings and variables
 * in the warnings as the host does (`proxies:` / `--proxies`, the job's / your environment).
 */
export function composePlan(settings: Settings, ambient: Ambient, words: Wording = ACTION_WORDING): ModulePlan {
  const errors = new ErrorCollector()
  // Each warning opens as the host's input errors do: "Input 'proxies': …" / "--proxies: …".
  const ignoredAfterTerminal = (input: string, entry: string) =>
    `${words.subject(input)}: ${quote(entry)} comes after direct/off; Go ignores it.`
  const warnings: string[] = (settings.proxies?.ignored ?? []).map(e => ignoredAfterTerminal('proxies', e))
  const exported = new Set<GoVariable>(['GOPROXY'])

  const { chain, chainSource } = composeChain(settings, ambient, errors, (input, entry) =>
    warnings.push(ignoredAfterTerminal(input, entry))
  )
  const { sumdb, sumdbChosen } = composeSumdb(settings, ambient, errors, exported)
  if (settings.sumdb?.kind === 'off') {
    warnings.push(
      `${words.subject('sumdb')}: off turns checksum verification off for every module not in go.sum; a tampered ` +
        'module would go unnoticed.'
    )
  }

  const pick = (input: readonly string[] | undefined, variable: GoVariable): string | undefined => {
    if (input) {
      exported.add(variable)
      return formatPatterns(input)
    }
    const inherited = nonEmpty(ambient.env[variable])
    // Passed on in the outputs (and in GOPRIVATE when auth adds to it): a line break would end the value early.
    if (inherited !== undefined) {
      errors.attempt(() => assertNoControlCharacters(environmentInput(variable), inherited), undefined)
    }
    return inherited
  }
  const goprivate = pick(settings.private, 'GOPRIVATE') ?? ''
  const ownNoProxy = pick(settings.noProxy, 'GONOPROXY')
  const ownNoSumdb = pick(settings.noSumdb, 'GONOSUMDB')
  const gonoproxy = ownNoProxy ?? goprivate
  const gonosumdb = ownNoSumdb ?? goprivate
  const goinsecure = pick(settings.insecure, 'GOINSECURE') ?? ''
  const everything = (name: string, patterns: readonly string[] | undefined, what: string) => {
    for (const glob of patterns ?? []) {
      if (matchesEverything(glob))
        warnings.push(`${words.subject(name)}: ${quote(glob)} matches every module path: ${what}`)
    }
  }
  everything(
    'private',
    settings.private,
    'no module is verified against the checksum database or fetched through a proxy.'
  )
  everything('no-sumdb', settings.noSumdb, 'no module is verified against the checksum database.')
  everything('insecure', settings.insecure, 'every direct fetch may use plain HTTP or skip certificate checks.')

  if (
    settings.probe &&
    (matchesPrefixPatterns(gonoproxy, settings.probeModule) || matchesPrefixPatterns(gonosumdb, settings.probeModule))
  ) {
    errors.attempt(() => {
      throw new InputError(
        'probe-module',
        `${quote(settings.probeModule)} matches the private patterns (GONOPROXY ${quote(gonoproxy)}, GONOSUMDB ${quote(gonosumdb)}); the probe sends it to every proxy, so it must be a public module.`
      )
    }, undefined)
  }
  errors.throwIfAny()
  return {
    chain,
    chainSource,
    sumdb,
    sumdbChosen,
    goprivate,
    gonoproxy,
    gonosumdb,
    goinsecure,
    noProxyFollowsPrivate: ownNoProxy === undefined,
    noSumdbFollowsPrivate: ownNoSumdb === undefined,
    exported,
    warnings
  }
}

/**
 * Adds patterns to GOPRIVATE (private module hosts named by `auth` lines) and
 * re-applies Go's defaulting: GONOPROXY / GONOSUMDB follow unless the user set them.
 */
export function addPrivatePatterns(plan: ModulePlan, patterns: readonly string[]): ModulePlan {
  const present = new Set(plan.goprivate.split(','))
  const added = patterns.filter(pattern => !present.has(pattern))
  if (added.length === 0) return plan
  const goprivate = [plan.goprivate, ...added].filter(p => p !== '').join(',')
  return {
    ...plan,
    goprivate,
    gonoproxy: plan.noProxyFollowsPrivate ? goprivate : plan.gonoproxy,
    gonosumdb: plan.noSumdbFollowsPrivate ? goprivate : plan.gonosumdb,
    exported: new Set([...plan.exported, 'GOPRIVATE'])
  }
}

/** The same plan with another chain (credentials moved out of URLs, or the probe's rebuilt chain). */
export function withChain(plan: ModulePlan, chain: Chain): ModulePlan {
  return { ...plan, chain }
}

/** The six variables for one run: what to export, and every effective value (after Go's defaulting). */
export interface Environment {
  readonly exports: Partial<Record<GoVariable, string>>
  readonly effective: Readonly<Record<GoVariable, string>>
}

/**
 * The values to export and the effective values (after Go's defaulting) for the
 * outputs, for a plan and the chain finally chosen (the probe may have reordered it).
 */
export function environmentFor(
  plan: ModulePlan,
  chain: Chain = plan.chain,
  sumdb: SumdbConfig = plan.sumdb
): Environment {
  const effective: Record<GoVariable, string> = {
    GOPROXY: formatChain(chain),
    GOSUMDB: sumdb.value,
    GOPRIVATE: plan.goprivate,
    GONOPROXY: plan.gonoproxy,
    GONOSUMDB: plan.gonosumdb,
    GOINSECURE: plan.goinsecure
  }
  const exports: Partial<Record<GoVariable, string>> = {}
  for (const name of GO_VARIABLES) {
    if (plan.exported.has(name) || (name === 'GOSUMDB' && sumdb !== plan.sumdb)) exports[name] = effective[name]
  }
  return { exports, effective }
}
