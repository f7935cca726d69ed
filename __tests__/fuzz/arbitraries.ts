/**
 * Generators for the input fuzz: for every input of action.yml, values a user would write, adversarial pieces
 * (control characters, separators only, injection attempts, Unicode, very long values), and mixtures of both; plus a
 * random job environment (the six Go variables and `go env GOPROXY`) and a grammar of proxy chains that are mostly
 * accepted, so round-trip properties see many exported values.
 */
import { readFileSync } from 'node:fs'
import { generateKeyPairSync } from 'node:crypto'
import fc from 'fast-check'
import YAML from 'yaml'
import type { Ambient } from '../../src/settings/compose.js'
import { verifierKeyFor } from '../support/sumdb-server.js'

/** Every input action.yml declares: a new input is fuzzed without anyone remembering to add it here. */
export const INPUT_NAMES: readonly string[] = Object.keys(
  (YAML.parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { inputs: object }).inputs
)

function freshKey(name: string): string {
  const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' })
  return verifierKeyFor(name, Buffer.from(jwk.x!, 'base64url'))
}

/** A valid verifier key of a private checksum database. */
export const PRIVATE_SUMDB_KEY = freshKey('sum.corp.example')

/** Pieces a user would write, per input. */
const VALID: Readonly<Record<string, readonly string[]>> = {
  proxies: [
    'https://proxy.example',
    'https://goproxy.cn',
    'goproxy.io',
    'proxy.golang.org',
    'aliyun',
    'tencent',
    'huawei',
    'http://127.0.0.1:8080/goproxy',
    'https://[::1]:8443/mirror/',
    'file:///srv/goproxy',
    'https://corp.example/goproxy?token=abc',
    'https://user:t0ken@corp.example/goproxy',
    'direct',
    'off'
  ],
  region: ['global', 'cn', 'auto'],
  private: ['example.com/private', '*.corp.example', 'github.com/acme', 'git.corp.example/*', 'rsc.io/[a-z]*'],
  'no-proxy': ['none', 'example.com/private', '*.corp.example'],
  'no-sumdb': ['example.com/private', 'github.com/acme/*'],
  sumdb: [
    'sum.golang.org',
    'sum.golang.google.cn',
    'off',
    PRIVATE_SUMDB_KEY,
    `${PRIVATE_SUMDB_KEY} https://sumdb.corp.example`,
    'sum.golang.org https://sum.example/db'
  ],
  insecure: ['git.corp.example', '*.lan.example'],
  fallback: ['on-error', 'not-found'],
  probe: ['true', 'false', 'True', 'FALSE'],
  'probe-timeout': ['100', '3000', '120000'],
  'probe-module': ['golang.org/x/mod', 'example.com/mod', 'github.com/a/b/v2'],
  order: ['latency', 'given'],
  'on-unreachable': ['fail', 'warn'],
  warm: ['true', 'false'],
  'working-directory': ['.', 'app', 'services/*', '**/go.mod'],
  'warm-timeout': ['1', '600', '21600'],
  'warm-concurrency': ['0', '64', '256'],
  retries: ['1', '3', '10'],
  'warm-vendored': ['true', 'false'],
  'go-version': ['1.23', '1.23.5', 'stable', '>=1.22'],
  'go-version-file': ['go.mod', '.go-version'],
  cache: ['true', 'false', 'modules', 'modules,build'],
  'cache-restore-only': ['true', 'false'],
  'cache-key-suffix': ['linux-race', 'v2'],
  'check-latest': ['true', 'false'],
  architecture: ['x64', 'x86', '386', 'arm64'],
  'job-status': ['success', 'failure', 'cancelled'],
  auth: [
    'proxy.example s3cret',
    'corp.example bot:s3cret',
    'git.corp.example/acme u:tok',
    'github.com/acme ghp_abc',
    '# a comment',
    '127.0.0.1:8443 x:y'
  ]
}

/** Separators and blanks, as users (and attackers) put them between pieces. */
const JOINERS = [',', '|', '\n', ', ', ' | ', '\r\n', '\n\n', ' ', '\t']

/** Pieces no input should let through unchanged: each is a way to smuggle something past validation. */
export const ADVERSARIAL: readonly string[] = [
  'https://x\nGOFLAGS=-insecure',
  'https://proxy.example\r\nGOPRIVATE=*',
  'a\u0000b',
  '\n',
  '\r\n',
  ',',
  '|',
  ',|\n',
  '|,|',
  ' , | ',
  '${{ secrets.GITHUB_TOKEN }}',
  '$(touch /tmp/pwned)',
  '`id`',
  '; rm -rf ~',
  '&& curl evil.example',
  `'"`,
  '\\',
  '%0AGOFLAGS=-insecure',
  '%00',
  '::add-mask::x',
  '::set-env name=GOFLAGS::-insecure',
  '::stop-commands::pwned',
  'GOFLAGS=-insecure',
  'GOPROXY<<EOF\nx\nEOF',
  'DIRECT',
  'Off',
  '*',
  '[',
  '[^',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u007f',
  '\u001b[31m',
  '\u200b',
  '\ufeff',
  'é',
  '日本',
  '👍🏽',
  '\ud800',
  'https://user:p%40ss@proxy.example',
  'https://tok@proxy.example',
  'https://:tok@proxy.example',
  'https://user:p\u0001ss@proxy.example',
  'http://user:pw@proxy.example',
  'file://localhost/x',
  'ftp://x',
  'https://',
  'https://[::1]:99999',
  'https://a b',
  'off https://x',
  'sum.golang.org https://x extra',
  '-1',
  '1e3',
  '99999999999999999999',
  '0x10',
  ' 12 '
]

const randomText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(',', '|', '\n', '\r', ' ', '\t', '\u0000', '\u0085', '\u2028'), maxLength: 8 })
)

function piecesFor(name: string): readonly string[] {
  return VALID[name] ?? ['x']
}

/** How each list input separates its entries; an input not listed holds one value. */
const LIST_JOINERS: Readonly<Record<string, readonly string[]>> = {
  proxies: JOINERS,
  private: [',', '\n', ', '],
  'no-proxy': [',', '\n', ', '],
  'no-sumdb': [',', '\n', ', '],
  insecure: [',', '\n', ', '],
  'working-directory': ['\n', '\r\n'],
  auth: ['\n', '\r\n', '\n\n']
}

/** What a user would write: one valid piece, or for a list input one to four joined the way that list is joined. */
export function validValue(name: string): fc.Arbitrary<string> {
  const pieces = piecesFor(name)
  const joiners = LIST_JOINERS[name]
  if (!joiners) return fc.constantFrom(...pieces)
  return fc
    .tuple(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }), fc.constantFrom(...joiners))
    .map(([parts, joiner]) => parts.join(joiner))
}

/** Valid pieces, adversarial pieces and random text, glued together. */
export function mixedValue(name: string, adversarial: readonly string[] = ADVERSARIAL): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...piecesFor(name)) },
    { weight: 3, arbitrary: fc.constantFrom(...adversarial) },
    { weight: 2, arbitrary: randomText },
    { weight: 2, arbitrary: fc.constantFrom(...JOINERS) }
  )
  return fc.array(piece, { minLength: 1, maxLength: 6 }).map(parts => parts.join(''))
}

/** Very long values: random text, or a valid piece repeated into a list thousands of characters long. */
export function longValue(name: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', minLength: 2000, maxLength: 5000 }),
    fc
      .tuple(fc.constantFrom(...piecesFor(name)), fc.integer({ min: 200, max: 800 }), fc.constantFrom(...JOINERS))
      .map(([piece, n, joiner]) => Array.from({ length: n }, () => piece).join(joiner))
  )
}

/** Any value for one input: empty (the default), valid, mixed or long. */
export function inputValue(name: string, adversarial: readonly string[] = ADVERSARIAL): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 4, arbitrary: validValue(name) },
    { weight: 4, arbitrary: mixedValue(name, adversarial) },
    { weight: 1, arbitrary: longValue(name) }
  )
}

/** Every input of action.yml at once. */
export function allInputs(adversarial: readonly string[] = ADVERSARIAL): fc.Arbitrary<Record<string, string>> {
  return fc.record(Object.fromEntries(INPUT_NAMES.map(name => [name, inputValue(name, adversarial)])))
}

/** Plausible inputs (empty or valid) with, half the time, one input replaced by any value: both outcomes are common. */
export function mostlyValidInputs(adversarial: readonly string[] = ADVERSARIAL): fc.Arbitrary<Record<string, string>> {
  const plausible = fc.record(
    Object.fromEntries(
      INPUT_NAMES.map(name => [
        name,
        fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: validValue(name) })
      ])
    )
  )
  const odd = fc.option(
    fc.constantFrom(...INPUT_NAMES).chain(name => fc.tuple(fc.constant(name), inputValue(name, adversarial)))
  )
  return fc.tuple(plausible, odd).map(([inputs, one]) => (one ? { ...inputs, [one[0]]: one[1] } : inputs))
}

const AMBIENT_SOURCE: Readonly<Record<string, string>> = {
  GOPROXY: 'proxies',
  GOSUMDB: 'sumdb',
  GOPRIVATE: 'private',
  GONOPROXY: 'no-proxy',
  GONOSUMDB: 'no-sumdb',
  GOINSECURE: 'insecure'
}

function jobEnvironment(value: (input: string) => fc.Arbitrary<string>): fc.Arbitrary<Ambient> {
  return fc
    .record(
      {
        env: fc.record(
          Object.fromEntries(Object.entries(AMBIENT_SOURCE).map(([variable, input]) => [variable, value(input)])),
          { requiredKeys: [] }
        ),
        goEnvGoproxy: fc.oneof(fc.constant('https://proxy.golang.org,direct'), value('proxies'))
      },
      { requiredKeys: ['env'] }
    )
    .map(job => job as Ambient)
}

/** What the job may already have: any of the six Go variables (valid, mixed or odd) and `go env GOPROXY`. */
export const ambient = jobEnvironment(input => inputValue(input))

/** A job environment someone set up on purpose: each variable absent or valid (list variables joined by commas). */
export const plausibleAmbient = jobEnvironment(input =>
  input === 'proxies'
    ? validValue(input).filter(v => !v.includes('\n') && !/[a-z]+:\/\/[^/]*@/.test(v))
    : validValue(input).map(v => v.replace(/\r?\n|, /g, ','))
)

/** Inputs that shape the chain, written the way users write them: mostly accepted. */
export const chainInputs: fc.Arbitrary<Record<string, string>> = fc.record({
  proxies: fc.oneof({ weight: 6, arbitrary: validValue('proxies') }, { weight: 1, arbitrary: fc.constant('') }),
  region: fc.constantFrom('', '', 'global', 'cn', 'auto'),
  fallback: fc.constantFrom('', 'on-error', 'not-found'),
  private: fc.constantFrom('', 'example.com/private', 'example.com/private,*.corp.example'),
  'no-proxy': fc.constantFrom('', 'none'),
  'no-sumdb': fc.constantFrom('', 'github.com/acme'),
  sumdb: fc.constantFrom(
    '',
    'sum.golang.google.cn',
    PRIVATE_SUMDB_KEY,
    `${PRIVATE_SUMDB_KEY} https://sumdb.corp.example`
  ),
  insecure: fc.constantFrom('', 'git.corp.example'),
  auth: fc.constantFrom('', 'corp.example bot:s3cret', 'git.corp.example/acme u:tok')
})
