/**
 * From inputs to the six Go variables: readSettings validates every input of action.yml
 * (reporting every bad one at once), composePlan decides the values with the job's own
 * environment, environmentFor says what is exported and what Go will effectively use.
 */
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { formatChain, parseGoproxy } from '../../src/go/proxy/chain.js'
import { composePlan, environmentFor, GO_VARIABLES, type Ambient, type GoVariable } from '../../src/settings/compose.js'
import { InputError, InputErrors } from '../../src/go/errors.js'
import { GO_DEFAULT_GOPROXY, REGION_PRESETS, REGIONS } from '../../src/go/proxy/presets.js'
import { INPUT_DEFAULTS, readSettings, type Settings } from '../../src/settings/settings.js'
import { parseGosumdb } from '../../src/go/sumdb/config.js'
import { CLI_WORDING } from '../../src/cli/wording.js'

const CN_CHAIN = 'https://goproxy.cn|https://mirrors.aliyun.com/goproxy/|https://goproxy.io,direct'
const AUTO_CHAIN =
  'https://proxy.golang.org|https://goproxy.cn|https://mirrors.aliyun.com/goproxy/|https://goproxy.io,direct'
const NO_AMBIENT: Ambient = { env: {} }

/** Settings as the action reads them from `with:` (everything not given is empty, as on a runner). */
function settingsOf(inputs: Record<string, string>): Settings {
  return readSettings(name => inputs[name] ?? '')
}

function exportsOf(inputs: Record<string, string>, ambient: Ambient = NO_AMBIENT) {
  return environmentFor(composePlan(settingsOf(inputs), ambient))
}

function errorsOf(fn: () => unknown): InputError[] {
  try {
    fn()
  } catch (error) {
    if (error instanceof InputErrors) return error.errors
    throw error
  }
  throw new Error('expected InputErrors')
}

describe('composePlan and environmentFor: what is exported', () => {
  test.each<
    [title: string, inputs: Record<string, string>, ambient: Ambient, exports: Partial<Record<GoVariable, string>>]
  >([
    [
      'region cn: the cn chain and the reachable sum.golang.org',
      { region: 'cn' },
      NO_AMBIENT,
      { GOPROXY: CN_CHAIN, GOSUMDB: 'sum.golang.google.cn' }
    ],
    [
      'region cn with sumdb given: the given sumdb',
      { region: 'cn', sumdb: 'sum.golang.org' },
      NO_AMBIENT,
      { GOPROXY: CN_CHAIN, GOSUMDB: 'sum.golang.org' }
    ],
    [
      'region global: proxy.golang.org then direct, GOSUMDB left to Go',
      { region: 'global' },
      NO_AMBIENT,
      { GOPROXY: 'https://proxy.golang.org,direct' }
    ],
    ['region auto: every public mirror', { region: 'auto' }, NO_AMBIENT, { GOPROXY: AUTO_CHAIN }],
    [
      'a corporate proxy before region cn, joined by | (fallback on-error)',
      { proxies: 'https://corp.example/go', region: 'cn' },
      NO_AMBIENT,
      { GOPROXY: `https://corp.example/go|${CN_CHAIN}`, GOSUMDB: 'sum.golang.google.cn' }
    ],
    [
      'a corporate proxy before region cn, joined by , (fallback not-found)',
      { proxies: 'https://corp.example/go', region: 'cn', fallback: 'not-found' },
      NO_AMBIENT,
      { GOPROXY: `https://corp.example/go,${CN_CHAIN}`, GOSUMDB: 'sum.golang.google.cn' }
    ],
    [
      'a proxy of the region written by the user is listed once, where the user put it',
      { proxies: 'https://corp.example/go\nhttps://goproxy.cn/', region: 'cn' },
      NO_AMBIENT,
      {
        GOPROXY:
          'https://corp.example/go|https://goproxy.cn/|https://mirrors.aliyun.com/goproxy/|https://goproxy.io,direct',
        GOSUMDB: 'sum.golang.google.cn'
      }
    ],
    [
      "one terminal: the user's off wins over the region's direct",
      { proxies: 'https://corp.example/go\noff', region: 'global' },
      NO_AMBIENT,
      { GOPROXY: 'https://corp.example/go,https://proxy.golang.org,off' }
    ],
    [
      'proxies alone, as written',
      { proxies: 'aliyun\ndirect' },
      NO_AMBIENT,
      { GOPROXY: 'https://mirrors.aliyun.com/goproxy/,direct' }
    ],
    [
      'bare: the GOPROXY of the job environment is kept',
      {},
      { env: { GOPROXY: 'https://corp.example|direct' }, goEnvGoproxy: 'https://goproxy.io,direct' },
      { GOPROXY: 'https://corp.example|direct' }
    ],
    [
      'bare: else go env GOPROXY',
      {},
      { env: {}, goEnvGoproxy: 'https://goproxy.io,direct' },
      { GOPROXY: 'https://goproxy.io,direct' }
    ],
    [
      'bare: an empty GOPROXY counts as unset, as in Go',
      {},
      { env: { GOPROXY: '' }, goEnvGoproxy: 'off' },
      { GOPROXY: 'off' }
    ],
    ["bare: else Go's default", {}, NO_AMBIENT, { GOPROXY: GO_DEFAULT_GOPROXY }],
    [
      'private only: GOPRIVATE, which GONOPROXY and GONOSUMDB follow in Go',
      { region: 'global', private: 'corp.example' },
      NO_AMBIENT,
      { GOPROXY: 'https://proxy.golang.org,direct', GOPRIVATE: 'corp.example' }
    ],
    [
      'every pattern input, exported as Go reads them',
      {
        region: 'global',
        private: 'corp.example, *.corp.example\ngit.corp.example/x/',
        'no-proxy': 'none',
        'no-sumdb': 'corp.example',
        insecure: 'git.corp.example'
      },
      NO_AMBIENT,
      {
        GOPROXY: 'https://proxy.golang.org,direct',
        GOPRIVATE: 'corp.example,*.corp.example,git.corp.example/x/',
        GONOPROXY: 'none',
        GONOSUMDB: 'corp.example',
        GOINSECURE: 'git.corp.example'
      }
    ],
    [
      'sumdb given alone',
      { sumdb: 'sum.golang.google.cn' },
      NO_AMBIENT,
      { GOPROXY: GO_DEFAULT_GOPROXY, GOSUMDB: 'sum.golang.google.cn' }
    ],
    [
      "region cn keeps the job's own GOSUMDB (not exported again)",
      { region: 'cn' },
      { env: { GOSUMDB: 'sum.golang.org' } },
      { GOPROXY: CN_CHAIN }
    ]
  ])('%s', (_title, inputs, ambient, exports) => {
    expect(exportsOf(inputs, ambient).exports).toEqual(exports)
  })

  // The region's chain ends `goproxy.io,direct`: only 404/410 reach direct. Dropping its
  // duplicate goproxy.io must not leave `aliyun|direct` (any error goes direct).
  test("after duplicates are dropped, the terminal keeps the region's , gate", () => {
    const { exports } = exportsOf({ proxies: 'goproxy.io\ngoproxy.cn', region: 'cn' })
    expect(exports.GOPROXY).toBe('https://goproxy.io|https://goproxy.cn|https://mirrors.aliyun.com/goproxy/,direct')
  })

  test('the effective values follow Go: GONOPROXY and GONOSUMDB default to GOPRIVATE', () => {
    const { effective } = exportsOf({ region: 'global', private: 'corp.example', 'no-proxy': 'none' })
    expect(effective).toEqual({
      GOPROXY: 'https://proxy.golang.org,direct',
      GOSUMDB: 'sum.golang.org',
      GOPRIVATE: 'corp.example',
      GONOPROXY: 'none',
      GONOSUMDB: 'corp.example',
      GOINSECURE: ''
    })
  })

  test("the job's own pattern variables stay in force and are not exported again", () => {
    const ambient: Ambient = { env: { GOPRIVATE: 'corp.example', GONOSUMDB: 'other.example', GOINSECURE: '' } }
    const { exports, effective } = exportsOf({ region: 'global' }, ambient)
    expect(Object.keys(exports)).toEqual(['GOPROXY'])
    expect(effective).toMatchObject({
      GOPRIVATE: 'corp.example',
      GONOPROXY: 'corp.example',
      GONOSUMDB: 'other.example',
      GOINSECURE: ''
    })
  })

  test('an input wins over the same variable in the job environment', () => {
    const { exports, effective } = exportsOf(
      { region: 'global', 'no-sumdb': 'a.example' },
      { env: { GONOSUMDB: 'b.example' } }
    )
    expect(exports.GONOSUMDB).toBe('a.example')
    expect(effective.GONOSUMDB).toBe('a.example')
  })

  test('the chain source says where GOPROXY came from', () => {
    const source = (inputs: Record<string, string>, ambient: Ambient) =>
      composePlan(settingsOf(inputs), ambient).chainSource
    expect(source({ region: 'cn' }, { env: { GOPROXY: 'off' } })).toBe('inputs')
    expect(source({}, { env: { GOPROXY: 'off' } })).toBe('environment')
    expect(source({}, { env: {}, goEnvGoproxy: 'off' })).toBe('go env')
    expect(source({}, NO_AMBIENT)).toBe('go default')
  })

  test('sumdbChosen: the user (input or job environment) chose GOSUMDB, so the probe may not switch it', () => {
    const chosen = (inputs: Record<string, string>, ambient: Ambient) =>
      composePlan(settingsOf(inputs), ambient).sumdbChosen
    expect(chosen({ sumdb: 'sum.golang.org' }, NO_AMBIENT)).toBe(true)
    expect(chosen({}, { env: { GOSUMDB: 'sum.golang.org' } })).toBe(true)
    expect(chosen({}, NO_AMBIENT)).toBe(false)
  })

  test.each(REGIONS)('region %s never weakens verification', region => {
    const plan = composePlan(settingsOf({ region }), NO_AMBIENT)
    const { exports } = environmentFor(plan)
    expect(Object.keys(exports).sort()).toEqual(REGION_PRESETS[region].sumdb ? ['GOPROXY', 'GOSUMDB'] : ['GOPROXY'])
    expect(exports.GOSUMDB).not.toBe('off')
    expect(plan.warnings).toEqual([])
    expect(plan.chain.terminal).toBe('direct')
  })

  test('the exported GOPROXY parses back to the planned chain', () => {
    for (const region of REGIONS) {
      const plan = composePlan(settingsOf({ region, proxies: 'https://corp.example/go\nhuawei' }), NO_AMBIENT)
      const reparsed = parseGoproxy('GOPROXY', environmentFor(plan).exports.GOPROXY!).chain
      expect(reparsed.proxies.map(p => [p.url, p.separator])).toEqual(plan.chain.proxies.map(p => [p.url, p.separator]))
      expect(reparsed.terminal).toBe(plan.chain.terminal)
    }
  })
})

describe('verification is weakened only when the user wrote it, and then with a warning', () => {
  test.each<[inputs: Record<string, string>, variable: GoVariable, value: string, warning: RegExp]>([
    [{ private: '*' }, 'GOPRIVATE', '*', /^Input 'private': "\*" matches every module path: no module is verified/],
    [
      { private: 'corp.example\n*/' },
      'GOPRIVATE',
      'corp.example,*/',
      /^Input 'private': "\*\/" matches every module path/
    ],
    [
      { 'no-sumdb': '*' },
      'GONOSUMDB',
      '*',
      /^Input 'no-sumdb': "\*" matches every module path: no module is verified against the checksum database/
    ],
    [{ insecure: '*' }, 'GOINSECURE', '*', /^Input 'insecure': "\*" matches every module path/],
    [{ sumdb: 'off' }, 'GOSUMDB', 'off', /^Input 'sumdb': off turns checksum verification off/]
  ])('%j exports %s=%j and warns', (inputs, variable, value, warning) => {
    const plan = composePlan(settingsOf({ probe: 'false', ...inputs }), NO_AMBIENT)
    expect(environmentFor(plan).exports[variable]).toBe(value)
    expect(plan.warnings).toHaveLength(1)
    expect(plan.warnings[0]).toMatch(warning)
  })

  test('entries ignored after direct are reported', () => {
    expect(composePlan(settingsOf({ proxies: 'direct\nhttps://a.example' }), NO_AMBIENT).warnings).toEqual([
      `Input 'proxies': "https://a.example" comes after direct/off; Go ignores it.`
    ])
    expect(composePlan(settingsOf({}), { env: { GOPROXY: 'off,https://b.example' } }).warnings).toEqual([
      'GOPROXY (job environment): "https://b.example" comes after direct/off; Go ignores it.'
    ])
  })

  test('the CLI names its flags and "your environment" in the same warnings (the action names inputs)', () => {
    const cli = (inputs: Record<string, string>, ambient: Ambient = NO_AMBIENT) =>
      composePlan(settingsOf(inputs), ambient, CLI_WORDING).warnings
    expect(cli({ proxies: 'direct\nhttps://a.example' })).toEqual([
      '--proxies: "https://a.example" comes after direct/off; Go ignores it.'
    ])
    expect(cli({}, { env: { GOPROXY: 'off,https://b.example' } })).toEqual([
      'GOPROXY (your environment): "https://b.example" comes after direct/off; Go ignores it.'
    ])
    expect(cli({ probe: 'false', sumdb: 'off' })).toEqual([expect.stringMatching(/^--sumdb: off turns checksum/)])
    expect(cli({ probe: 'false', private: '*' })).toEqual([
      expect.stringMatching(/^--private: "\*" matches every module path/)
    ])
    for (const warning of cli({ probe: 'false', insecure: '*', sumdb: 'off' })) {
      expect(warning).not.toMatch(/\binput\b|runner|^[a-z][a-z-]*:/i)
    }
  })

  test('without such inputs nothing is switched off', () => {
    const { effective } = exportsOf({ region: 'cn', private: 'corp.example' })
    expect(effective.GOSUMDB).not.toBe('off')
    for (const name of ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'] as const)
      expect(effective[name]).not.toContain('*')
  })
})

describe('composePlan rejects what only shows once inputs meet the environment', () => {
  test.each<[inputs: Record<string, string>, rule: string]>([
    [{ private: 'golang.org' }, 'private covers the default probe module'],
    [{ private: 'golang.org/x/mod' }, 'private names the probe module'],
    [{ 'no-proxy': 'golang.org/x' }, 'no-proxy covers it'],
    [{ 'no-sumdb': '*.org' }, 'no-sumdb covers it'],
    [{ private: 'corp.example', 'probe-module': 'corp.example/tools' }, 'the chosen probe module is private']
  ])('a private probe module is rejected (%j: %s)', inputs => {
    const errors = errorsOf(() => composePlan(settingsOf(inputs), NO_AMBIENT))
    expect(errors.map(e => e.input)).toEqual(['probe-module'])
    expect(errors[0].message).toMatch(/must be a public module/)
  })

  test('a private probe module is fine when probing is off, or when no-proxy keeps it on the proxy and no-sumdb is set', () => {
    expect(() => composePlan(settingsOf({ private: 'golang.org', probe: 'false' }), NO_AMBIENT)).not.toThrow()
    expect(() =>
      composePlan(settingsOf({ private: 'golang.org', 'no-proxy': 'none', 'no-sumdb': 'none' }), NO_AMBIENT)
    ).not.toThrow()
  })

  test('the private patterns of the job environment count too', () => {
    const errors = errorsOf(() => composePlan(settingsOf({}), { env: { GONOSUMDB: 'golang.org' } }))
    expect(errors.map(e => e.input)).toEqual(['probe-module'])
  })

  test('every problem with the job environment is reported at once', () => {
    const errors = errorsOf(() =>
      composePlan(settingsOf({}), { env: { GOPROXY: 'ftp://a.example', GOSUMDB: 'gosum.io', GOPRIVATE: 'golang.org' } })
    )
    expect(errors.map(e => e.input)).toEqual(['GOPROXY (job environment)', 'GOSUMDB (job environment)', 'probe-module'])
  })

  // Go compares GOSUMDB with "off" and the alias before it splits fields, so it rejects these (see
  // go-env-conformance.test.ts). The job's value is not exported again: it must be checked as Go reads it.
  test.each([' off', 'sum.golang.google.cn '])('a job GOSUMDB of %j, which go rejects, is rejected', value => {
    const errors = errorsOf(() => composePlan(settingsOf({}), { env: { GOSUMDB: value } }))
    expect(errors.map(e => e.input)).toEqual(['GOSUMDB (job environment)'])
  })

  test.each<[goproxy: string, input: string]>([
    ['DIRECT', 'GOPROXY (job environment)'],
    [',', 'GOPROXY (job environment)']
  ])('an invalid GOPROXY %j of the job is named as such', (goproxy, input) => {
    expect(errorsOf(() => composePlan(settingsOf({}), { env: { GOPROXY: goproxy } })).map(e => e.input)).toEqual([
      input
    ])
  })

  test('an invalid go env GOPROXY is named as such', () => {
    const errors = errorsOf(() => composePlan(settingsOf({}), { env: {}, goEnvGoproxy: 'ftp://a.example' }))
    expect(errors.map(e => e.input)).toEqual(['GOPROXY (go env)'])
  })
})

describe('environmentFor after the probe', () => {
  test('a reordered chain is exported as such', () => {
    const plan = composePlan(settingsOf({ region: 'cn' }), NO_AMBIENT)
    const reordered = { ...plan.chain, proxies: [...plan.chain.proxies].reverse() }
    expect(environmentFor(plan, reordered).exports.GOPROXY).toBe(formatChain(reordered))
  })

  test('a GOSUMDB switched by the probe is exported even when the user did not set one', () => {
    const plan = composePlan(settingsOf({ region: 'global' }), NO_AMBIENT)
    expect(environmentFor(plan).exports.GOSUMDB).toBeUndefined()
    const switched = parseGosumdb('probe', 'sum.golang.google.cn')
    const { exports, effective } = environmentFor(plan, plan.chain, switched)
    expect(exports.GOSUMDB).toBe('sum.golang.google.cn')
    expect(effective.GOSUMDB).toBe('sum.golang.google.cn')
  })

  test('exports are always a subset of the six variables, in their order', () => {
    const { exports } = exportsOf({ region: 'cn', private: 'a.example', insecure: 'b.example', 'no-proxy': 'none' })
    const names = Object.keys(exports)
    expect(names).toEqual(GO_VARIABLES.filter(v => names.includes(v)))
  })
})

describe('readSettings: every input of action.yml', () => {
  const actionYml = parseYaml(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
  const inputNames = Object.keys(actionYml.inputs)

  test("the defaults are action.yml's (the CLI has no action.yml to fill them in)", () => {
    // A default that is a runner expression (job-status: `${{ job.status }}`) exists only where the runner evaluates
    // it: the CLI reads no value there.
    const plain = (value: string | undefined) => (value === undefined || /^\$\{\{.*\}\}$/.test(value) ? '' : value)
    for (const name of inputNames)
      expect([name, INPUT_DEFAULTS[name] ?? '']).toEqual([name, plain(actionYml.inputs[name].default)])
  })

  test('every input is read, and nothing else', () => {
    const read = new Set<string>()
    readSettings(name => {
      read.add(name)
      return ''
    })
    expect([...read].sort()).toEqual([...inputNames].sort())
  })

  test('empty inputs give the defaults', () => {
    expect(readSettings(() => '')).toMatchObject({
      proxies: undefined,
      region: undefined,
      private: undefined,
      noProxy: undefined,
      noSumdb: undefined,
      insecure: undefined,
      sumdb: undefined,
      fallback: '|',
      probe: true,
      probeTimeoutMs: 3000,
      probeModule: 'golang.org/x/mod',
      order: 'latency',
      onUnreachable: 'fail',
      warm: true,
      workingDirectories: ['.'],
      warmTimeoutSeconds: 600,
      warmConcurrency: 64,
      retries: 3,
      auth: ''
    })
  })

  test('good values of every kind', () => {
    const settings = settingsOf({
      proxies: 'goproxy.cn\ndirect',
      region: 'auto',
      private: 'a.example',
      'no-proxy': 'none',
      'no-sumdb': 'b.example',
      insecure: 'c.example',
      sumdb: 'sum.golang.google.cn',
      fallback: 'not-found',
      probe: 'False',
      'probe-timeout': '120000',
      'probe-module': 'example.com/Public/Mod',
      order: 'given',
      'on-unreachable': 'warn',
      warm: 'TRUE',
      'working-directory': ' services/a \n\n services/b\r\n',
      'warm-timeout': '21600',
      retries: '10',
      auth: 'corp.example tok'
    })
    expect(settings).toMatchObject({
      region: 'auto',
      private: ['a.example'],
      noProxy: ['none'],
      noSumdb: ['b.example'],
      insecure: ['c.example'],
      fallback: ',',
      probe: false,
      probeTimeoutMs: 120000,
      probeModule: 'example.com/Public/Mod',
      order: 'given',
      onUnreachable: 'warn',
      warm: true,
      workingDirectories: ['services/a', 'services/b'],
      warmTimeoutSeconds: 21600,
      retries: 10,
      auth: 'corp.example tok'
    })
    expect(formatChain(settings.proxies!.chain)).toBe('https://goproxy.cn,direct')
    expect(settings.sumdb).toMatchObject({ value: 'sum.golang.google.cn' })
  })

  test.each<[input: string, value: string, message: RegExp]>([
    ['proxies', 'ftp://a.example', /scheme "ftp"/],
    ['proxies', 'DIRECT', /lower case/],
    ['region', 'eu', /"eu" is not one of: global, cn, auto/],
    ['region', 'CN', /is not one of/],
    ['private', '[', /not a valid glob/],
    ['no-proxy', 'a.example b.example', /contains a blank/],
    ['no-sumdb', 'x[', /not a valid glob/],
    ['insecure', '\\', /not a valid glob/],
    ['sumdb', 'gosum.io', /malformed verifier id/],
    ['sumdb', 'sum.golang.org a b', /too many fields/],
    ['fallback', 'any', /"any" is not one of: on-error, not-found/],
    ['probe', 'yes', /"yes" is not a boolean/],
    ['probe', '1', /is not a boolean/],
    ['probe-timeout', '99', /"99" is not a whole number of milliseconds from 100 to 120000/],
    ['probe-timeout', '120001', /not a whole number/],
    ['probe-timeout', '3s', /not a whole number/],
    ['probe-timeout', '-1', /not a whole number/],
    ['probe-timeout', '1.5', /not a whole number/],
    ['probe-timeout', '1e3', /not a whole number/],
    ['probe-module', 'mod', /not a valid module path/],
    ['probe-module', 'golang.org//x', /empty path element/],
    ['probe-module', 'Golang.org/x', /first element/],
    ['probe-module', 'golang.org/x mod', /not a valid module path/],
    ['order', 'fastest', /"fastest" is not one of: latency, given/],
    ['on-unreachable', 'ignore', /"ignore" is not one of: fail, warn/],
    ['warm', 'on', /"on" is not a boolean/],
    ['warm-vendored', 'yes', /"yes" is not a boolean/],
    ['working-directory', 'a\u0000b', /control character U\+0000/],
    ['warm-timeout', '0', /"0" is not a whole number of seconds from 1 to 21600/],
    ['warm-timeout', '21601', /not a whole number/],
    ['warm-concurrency', '-1', /"-1" is not a whole number of requests in flight from 0 to 256/],
    ['warm-concurrency', '257', /not a whole number/],
    ['warm-concurrency', '8.5', /not a whole number/],
    ['retries', '0', /"0" is not a whole number of attempts from 1 to 10/],
    ['retries', '11', /not a whole number/],
    ['retries', 'three', /not a whole number/],
    ['cache', 'yes', /must be true, false or a list of modules, build; got "yes"/],
    ['cache', 'modules,tests', /must be true, false or a list/],
    ['cache-restore-only', 'maybe', /must be true or false, got "maybe"/],
    ['cache-restore-only', 'x\u2028', /must be true or false, got "x\\u2028"/],
    ['cache-key-suffix', 'a b', /must be at most 100 characters without commas, spaces/],
    ['cache-key-suffix', 'x'.repeat(101), /must be at most 100 characters/],
    ['check-latest', 'yes', /"yes" is not a boolean/],
    ['architecture', 'x86_64', /"x86_64" is not one of: x64, amd64, x86, ia32, 386, arm64/],
    ['architecture', 'X64', /"X64" is not one of/],
    ['architecture', 'arm64\u0085', /"arm64\\u0085" is not one of/]
  ])('%s: %j is rejected with a message naming the input', (input, value, message) => {
    const errors = errorsOf(() => settingsOf({ [input]: value }))
    expect(errors).toHaveLength(1)
    expect(errors[0].input).toBe(input)
    expect(errors[0].message).toMatch(new RegExp(`^Input '${input}': `))
    expect(errors[0].message).toMatch(message)
  })

  test('the inputs checked above are every validated input of action.yml', () => {
    // auth: parsed by the credentials module, which knows the chain; job-status: the runner's value, never refused
    const unvalidated = new Set(['auth', 'job-status'])
    const checked = new Set(['proxies', 'region', 'private', 'no-proxy', 'no-sumdb', 'insecure', 'sumdb', 'fallback'])
    for (const name of [
      'probe',
      'probe-timeout',
      'probe-module',
      'order',
      'on-unreachable',
      'warm',
      'working-directory'
    ])
      checked.add(name)
    for (const name of ['warm-timeout', 'retries']) checked.add(name)
    checked.add('warm-concurrency')
    checked.add('warm-vendored')
    // go-version and go-version-file: __tests__/toolchain/settings.test.ts
    for (const name of ['go-version', 'go-version-file']) checked.add(name)
    for (const name of ['cache', 'cache-restore-only', 'cache-key-suffix']) checked.add(name)
    for (const name of ['check-latest', 'architecture']) checked.add(name)
    expect(inputNames.filter(n => !checked.has(n) && !unvalidated.has(n))).toEqual([])
  })

  test('several bad inputs are reported together, each named', () => {
    const errors = errorsOf(() =>
      settingsOf({ probe: 'yes', retries: '0', region: 'eu', sumdb: 'nope', private: 'a[', proxies: 'ftp://x.example' })
    )
    expect(errors.map(e => e.input).sort()).toEqual(['private', 'probe', 'proxies', 'region', 'retries', 'sumdb'])
    const message = new InputErrors(errors).message
    for (const input of ['probe', 'retries', 'region', 'sumdb', 'private', 'proxies'])
      expect(message).toContain(`Input '${input}'`)
  })

  test('surrounding blanks and line breaks are trimmed from single-value inputs', () => {
    expect(settingsOf({ probe: ' false\n', region: ' cn\n', 'probe-timeout': '  500 ' })).toMatchObject({
      probe: false,
      region: 'cn',
      probeTimeoutMs: 500
    })
  })
})
