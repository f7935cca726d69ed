import { assertNoControlCharacters, ErrorCollector, InputError, quote } from '../go/errors.js'
import { jobStatus, parseCacheSettings, type CacheSettings, type JobStatus } from '../cache/policy.js'
import { parseProxiesInput, type ParsedChain, type Separator } from '../go/proxy/chain.js'
import { checkModulePath } from '../go/module/path.js'
import { parsePatternInput } from '../go/env/patterns.js'
import { REGIONS, type Region } from '../go/proxy/presets.js'
import { parseGosumdb, type SumdbConfig } from '../go/sumdb/config.js'
import { parseArchitecture, type Architecture } from '../go/toolchain/list.js'
import { parseVersionRequest, type VersionRequest } from '../go/toolchain/version.js'
import { VERSION_FILE_INPUT } from '../go/toolchain/version-file.js'

/** Reads one input by its public name; '' when unset. The action passes core.getInput, the CLI its flags. */
export type InputReader = (name: string) => string

/** Every input, validated and typed: the one object the rest of the action reads. */
export interface Settings {
  /** The `proxies` input, parsed; undefined when empty. */
  readonly proxies?: ParsedChain
  readonly region?: Region
  /** Pattern inputs; undefined when the input was empty (the job's own value, if any, stays in force). */
  readonly private?: readonly string[]
  readonly noProxy?: readonly string[]
  readonly noSumdb?: readonly string[]
  readonly insecure?: readonly string[]
  readonly sumdb?: SumdbConfig
  readonly fallback: Separator
  readonly probe: boolean
  readonly probeTimeoutMs: number
  readonly probeModule: string
  readonly order: 'latency' | 'given'
  readonly onUnreachable: 'fail' | 'warn'
  readonly warm: boolean
  /** Warm modules that go builds from vendor/ too (skipped by default: go never reads the module cache for them). */
  readonly warmVendored: boolean
  readonly workingDirectories: readonly string[]
  readonly warmTimeoutSeconds: number
  /** Prefetch requests in flight ahead of go during the warm phase; 0: no prefetch. */
  readonly warmConcurrency: number
  readonly retries: number
  /** The raw `auth` input (parsed by the credentials module, which knows the chain). */
  readonly auth: string
  /**
   * Which Go to install through the chain (`go-version` or `go-version-file`); undefined: install none. The file is
   * only named here (reading it is I/O): src/install/version-file.ts reads it.
   */
  readonly goInstall?: GoInstallRequest
  /** `architecture`: install a Go for another GOARCH than the runner's (undefined: the runner's own). */
  readonly architecture?: Architecture
  /**
   * `check-latest`: resolve the newest release the request accepts from the version list (network) even when a Go
   * in the tool cache already satisfies it; false: an installed match is used with no network (setup-go's meaning).
   */
  readonly checkLatest: boolean
  /** `cache`, `cache-restore-only`, `cache-key-suffix`; undefined: no caching. */
  readonly cache?: CacheSettings
  /**
   * `job-status`: the job's status as the runner evaluates `${{ job.status }}` (for the post step's save); any other
   * value, or none (the CLI, a local run), is 'unknown'. Never refused: it is the runner's, not the user's.
   */
  readonly jobStatus: JobStatus
}

/** The Go to install: a `go-version` value, or the path of a `go-version-file`. */
export type GoInstallRequest =
  | { readonly from: 'go-version'; readonly request: VersionRequest }
  | { readonly from: 'go-version-file'; readonly file: string }

/** Input defaults, as in action.yml (the CLI has no action.yml to fill them in). */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  fallback: 'on-error',
  probe: 'true',
  'probe-timeout': '3000',
  'probe-module': 'golang.org/x/mod',
  order: 'latency',
  'on-unreachable': 'fail',
  warm: 'true',
  'warm-vendored': 'false',
  'working-directory': '.',
  'warm-timeout': '600',
  'warm-concurrency': '64',
  retries: '3',
  cache: 'false',
  'cache-restore-only': 'false',
  'check-latest': 'false'
}

function choice<T extends string>(input: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InputError(input, `${quote(value)} is not one of: ${allowed.join(', ')}.`)
}

function boolean(input: string, value: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(input, `${quote(value)} is not a boolean; write true or false.`)
}

function integer(input: string, value: string, min: number, max: number, unit: string): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InputError(input, `${quote(value)} is not a whole number of ${unit} from ${min} to ${max}.`)
  }
  return Number(value)
}

function list(value: string): string[] {
  return value
    .split('\n')
    .map(line => line.replace(/\r$/, '').trim())
    .filter(line => line !== '')
}

/**
 * Reads and validates every input at once. Throws InputErrors listing every bad
 * input (each message names the input and the offending value), so a failed run
 * exports nothing and the user fixes everything in one go.
 */
export function readSettings(read: InputReader): Settings {
  const get = (name: string): string => {
    const value = read(name).trim()
    return value === '' ? (INPUT_DEFAULTS[name] ?? '') : value
  }
  const errors = new ErrorCollector()
  const fallback = errors.attempt(() => choice('fallback', get('fallback'), ['on-error', 'not-found']), 'on-error')
  const separator: Separator = fallback === 'not-found' ? ',' : '|'
  const patterns = (name: string) => errors.attempt(() => optionalPatterns(name, read(name)), undefined)
  const regionValue = get('region')
  const sumdbValue = read('sumdb').trim()
  const probeModule = errors.attempt(() => {
    const value = get('probe-module')
    assertNoControlCharacters('probe-module', value)
    checkModulePath('probe-module', value)
    return value
  }, '')
  const auth = read('auth')
  const settings: Settings = {
    proxies: errors.attempt(() => parseProxiesInput('proxies', read('proxies'), separator), undefined),
    region: regionValue === '' ? undefined : errors.attempt(() => choice('region', regionValue, REGIONS), undefined),
    private: patterns('private'),
    noProxy: patterns('no-proxy'),
    noSumdb: patterns('no-sumdb'),
    insecure: patterns('insecure'),
    sumdb: sumdbValue === '' ? undefined : errors.attempt(() => parseGosumdb('sumdb', sumdbValue), undefined),
    fallback: separator,
    probe: errors.attempt(() => boolean('probe', get('probe')), true),
    probeTimeoutMs: errors.attempt(
      () => integer('probe-timeout', get('probe-timeout'), 100, 120000, 'milliseconds'),
      3000
    ),
    probeModule,
    order: errors.attempt(() => choice('order', get('order'), ['latency', 'given']), 'latency'),
    onUnreachable: errors.attempt(() => choice('on-unreachable', get('on-unreachable'), ['fail', 'warn']), 'fail'),
    warm: errors.attempt(() => boolean('warm', get('warm')), true),
    warmVendored: errors.attempt(() => boolean('warm-vendored', get('warm-vendored')), false),
    workingDirectories: errors.attempt(() => {
      const dirs = list(get('working-directory'))
      dirs.forEach(dir => assertNoControlCharacters('working-directory', dir))
      return dirs.length > 0 ? dirs : ['.']
    }, []),
    warmTimeoutSeconds: errors.attempt(() => integer('warm-timeout', get('warm-timeout'), 1, 21600, 'seconds'), 600),
    warmConcurrency: errors.attempt(
      () => integer('warm-concurrency', get('warm-concurrency'), 0, 256, 'requests in flight'),
      64
    ),
    retries: errors.attempt(() => integer('retries', get('retries'), 1, 10, 'attempts'), 3),
    auth,
    goInstall: errors.attempt(() => goInstallRequest(read('go-version'), read('go-version-file')), undefined),
    architecture: errors.attempt(() => parseArchitecture(read('architecture')), undefined),
    checkLatest: errors.attempt(() => boolean('check-latest', get('check-latest')), false),
    cache: errors.attempt(
      () => parseCacheSettings(read('cache'), read('cache-restore-only'), read('cache-key-suffix')),
      undefined
    ),
    jobStatus: jobStatus(read('job-status'))
  }
  errors.throwIfAny()
  return settings
}

/**
 * `go-version` / `go-version-file`. Both set is an error (actions/setup-go warns and ignores the file; here the two
 * could name different versions, and a silent choice would install the one the user did not mean).
 */
function goInstallRequest(versionValue: string, fileValue: string): GoInstallRequest | undefined {
  const version = versionValue.trim()
  const file = fileValue.trim()
  if (version !== '' && file !== '') {
    throw new InputError(
      'go-version',
      `${quote(version)} and go-version-file ${quote(file)} are both set; set only one of them.`
    )
  }
  if (version !== '') {
    assertNoControlCharacters('go-version', version)
    return { from: 'go-version', request: parseVersionRequest(version, 'go-version') }
  }
  if (file !== '') {
    assertNoControlCharacters(VERSION_FILE_INPUT, file)
    return { from: 'go-version-file', file }
  }
  return undefined
}

function optionalPatterns(name: string, raw: string): string[] | undefined {
  return raw.trim() === '' ? undefined : parsePatternInput(name, raw)
}
