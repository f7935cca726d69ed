/**
 * The public module proxies the action knows by name, and the region chains built
 * from them. Data only, in one place, so a change of operator or URL is one edit.
 * Sources: each operator's own pages at the URLs below (who runs the mirror), and for checksum-DB support a request
 * to `<url>/sumdb/sum.golang.org/supported`, as the go command sends it (cmd/go/internal/modfetch/sumdb.go); the
 * probe re-checks that on every run, so a recorded value is never trusted over a measurement.
 */
export interface ProxyPreset {
  /** Name usable in the `proxies` input. */
  readonly name: string
  readonly url: string
  readonly operator: string
  /** Whether the mirror serves /sumdb/sum.golang.org/ (as recorded; the probe measures it). */
  readonly proxiesSumdb: boolean | 'unknown'
  /** Where it is known to be unreachable, for the docs. */
  readonly note?: string
  readonly verified: string
}

export const PROXY_PRESETS: readonly ProxyPreset[] = [
  {
    name: 'proxy.golang.org',
    url: 'https://proxy.golang.org',
    operator: 'Google (Go team)',
    proxiesSumdb: false,
    note: 'unreachable from mainland China',
    verified: '2026-11-23'
  },
  {
    name: 'goproxy.cn',
    url: 'https://goproxy.cn',
    operator: 'Goproxy.cn project, sponsored by Qiniu Cloud',
    proxiesSumdb: true,
    verified: '2026-11-23'
  },
  {
    name: 'goproxy.io',
    url: 'https://goproxy.io',
    operator: 'goproxy.io community team',
    proxiesSumdb: true,
    verified: '2026-11-23'
  },
  {
    name: 'aliyun',
    url: 'https://mirrors.aliyun.com/goproxy/',
    operator: 'Alibaba Cloud',
    proxiesSumdb: 'unknown',
    verified: '2026-11-23'
  },
  {
    name: 'tencent',
    url: 'https://mirrors.tencent.com/go/',
    operator: 'Tencent Cloud',
    proxiesSumdb: 'unknown',
    verified: '2026-11-23'
  },
  {
    name: 'huawei',
    url: 'https://mirrors.huaweicloud.com/repository/goproxy/',
    operator: 'Huawei Cloud',
    proxiesSumdb: false,
    verified: '2026-11-23'
  }
]

export type Region = 'global' | 'cn' | 'auto'

export interface RegionPreset {
  readonly region: Region
  /** Preset names, joined by `|`: public mirrors of the same content are interchangeable. */
  readonly proxies: readonly string[]
  /** The keyword that ends the chain. */
  readonly terminal: 'direct'
  /** GOSUMDB implied when the user sets none. */
  readonly sumdb?: string
}

export const REGION_PRESETS: Readonly<Record<Region, RegionPreset>> = {
  global: { region: 'global', proxies: ['proxy.golang.org'], terminal: 'direct' },
  // sum.golang.google.cn is sum.golang.org (same key) served where mainland runners reach it.
  cn: {
    region: 'cn',
    proxies: ['goproxy.cn', 'aliyun', 'goproxy.io'],
    terminal: 'direct',
    sumdb: 'sum.golang.google.cn'
  },
  // Every public mirror of both regions: the probe keeps the ones this runner reaches, fastest first.
  auto: { region: 'auto', proxies: ['proxy.golang.org', 'goproxy.cn', 'aliyun', 'goproxy.io'], terminal: 'direct' }
}

export const REGIONS = Object.keys(REGION_PRESETS) as Region[]

/** Go's built-in defaults (from $GOROOT/go.env). */
export const GO_DEFAULT_GOPROXY = 'https://proxy.golang.org,direct'
export const GO_DEFAULT_GOSUMDB = 'sum.golang.org'

/** Looks a preset up by its name (exact, lower case). */
export function findPreset(name: string): ProxyPreset | undefined {
  return PROXY_PRESETS.find(preset => preset.name === name)
}

/** Looks a preset up by URL, ignoring one trailing slash, to name its operator in reports. */
export function presetForUrl(url: string): ProxyPreset | undefined {
  const strip = (u: string): string => u.replace(/\/$/, '')
  return PROXY_PRESETS.find(preset => strip(preset.url) === strip(url))
}
