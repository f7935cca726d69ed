/**
 * GOSUMDB in every form the go command's dbDial accepts, and every way it rejects one.
 * Keys are built here from first principles (note.NewEd25519VerifierKey): a fresh ed25519
 * key from node:crypto, `name+hash+base64(0x01 || public key)` where hash is the first 4
 * bytes of SHA-256(name + "\n" + 0x01 || public key).
 */
import { createHash, generateKeyPairSync } from 'node:crypto'
import { InputError } from '../../../src/go/errors.js'
import { CHINA_SUMDB_ALIAS, checkVerifierKey, KNOWN_SUMDB_KEYS, parseGosumdb } from '../../../src/go/sumdb/config.js'
import { inputError } from '../../support/input-error.js'

const SUM_GOLANG_ORG_KEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'

function publicKeyBytes(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519')
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')
}

/** A verifier key for `name` over `keyBytes` (algorithm byte included); `hash` overrides the computed one. */
function verifierKey(name: string, keyBytes: Buffer, hash?: string): string {
  const digest = createHash('sha256').update(`${name}\n`).update(keyBytes).digest()
  return `${name}+${hash ?? digest.subarray(0, 4).toString('hex')}+${keyBytes.toString('base64')}`
}

const ed25519 = (name: string) => verifierKey(name, Buffer.concat([Buffer.from([1]), publicKeyBytes()]))

/** Splits a verifier key into name, hash and base64 key (which may itself hold `+`). */
function fieldsOf(key: string): [name: string, hash: string, key64: string] {
  const first = key.indexOf('+')
  const second = key.indexOf('+', first + 1)
  return [key.slice(0, first), key.slice(first + 1, second), key.slice(second + 1)]
}

describe('parseGosumdb accepts every form Go accepts', () => {
  test('off turns verification off', () => {
    expect(parseGosumdb('sumdb', 'off')).toEqual({ kind: 'off', value: 'off' })
  })

  test('sum.golang.org is the built-in key, reached directly or through a proxy', () => {
    expect(parseGosumdb('sumdb', 'sum.golang.org')).toEqual({
      kind: 'db',
      value: 'sum.golang.org',
      name: 'sum.golang.org',
      key: SUM_GOLANG_ORG_KEY,
      url: 'https://sum.golang.org',
      explicitUrl: false
    })
    expect(KNOWN_SUMDB_KEYS['sum.golang.org']).toBe(SUM_GOLANG_ORG_KEY)
  })

  test('sum.golang.google.cn is sum.golang.org (same name and key) at an explicit URL', () => {
    expect(CHINA_SUMDB_ALIAS).toBe('sum.golang.google.cn')
    expect(parseGosumdb('sumdb', 'sum.golang.google.cn')).toEqual({
      kind: 'db',
      value: 'sum.golang.google.cn',
      name: 'sum.golang.org',
      key: SUM_GOLANG_ORG_KEY,
      url: 'https://sum.golang.google.cn',
      explicitUrl: true
    })
  })

  test('a known name followed by a URL bypasses the proxies', () => {
    expect(parseGosumdb('sumdb', 'sum.golang.org https://sum.golang.google.cn')).toMatchObject({
      value: 'sum.golang.org https://sum.golang.google.cn',
      name: 'sum.golang.org',
      url: 'https://sum.golang.google.cn',
      explicitUrl: true
    })
  })

  test("the built-in key written out in full is sum.golang.org's", () => {
    expect(parseGosumdb('sumdb', SUM_GOLANG_ORG_KEY)).toMatchObject({ name: 'sum.golang.org', key: SUM_GOLANG_ORG_KEY })
  })

  test.each<[name: string, url: string]>([
    ['sum.example.com', 'https://sum.example.com'],
    ['sum.example.com:8443', 'https://sum.example.com:8443'],
    ['corp.example.com/sumdb', 'https://corp.example.com/sumdb'],
    ['Sum.Example.COM', 'https://Sum.Example.COM']
  ])('a verifier key for %j is served at %j', (name, url) => {
    const key = ed25519(name)
    expect(checkVerifierKey('sumdb', key)).toBe(name)
    expect(parseGosumdb('sumdb', key)).toEqual({ kind: 'db', value: key, name, key, url, explicitUrl: false })
  })

  test('a verifier key followed by a URL', () => {
    const key = ed25519('sum.corp.example')
    expect(parseGosumdb('sumdb', `${key}   http://127.0.0.1:8080/sumdb`)).toEqual({
      kind: 'db',
      value: `${key} http://127.0.0.1:8080/sumdb`,
      name: 'sum.corp.example',
      key,
      url: 'http://127.0.0.1:8080/sumdb',
      explicitUrl: true
    })
  })

  test('blanks around the value are trimmed (YAML block scalars end with a newline)', () => {
    expect(parseGosumdb('sumdb', '  sum.golang.org  ')).toMatchObject({ value: 'sum.golang.org' })
  })

  // Go checks the name with url.Parse("https://" + name), which takes `_` in a host (go-env-conformance.test.ts).
  test('a name with an underscore, which Go accepts', () => {
    const key = ed25519('sum_db.example.com')
    expect(parseGosumdb('sumdb', key)).toMatchObject({ name: 'sum_db.example.com', url: 'https://sum_db.example.com' })
  })

  test('the hash is hexadecimal in either case', () => {
    const [name, hash, b64] = fieldsOf(ed25519('sum.example.com'))
    expect(checkVerifierKey('sumdb', `${name}+${hash.toUpperCase()}+${b64}`)).toBe(name)
  })
})

describe('parseGosumdb rejects what Go rejects, in its words', () => {
  const good = ed25519('sum.example.com')
  const [goodName, goodHash, goodKey64] = fieldsOf(good)
  const rawKey = Buffer.from(goodKey64, 'base64')
  const flipped = ((parseInt(goodHash, 16) ^ 1) >>> 0).toString(16).padStart(8, '0')

  test.each<[value: string, message: RegExp, rule: string]>([
    ['sum.golang.org https://a.example https://b.example', /3 fields.*too many fields/, 'a name, then at most one URL'],
    ['sum.example.com', /malformed verifier id/, 'an unknown bare name'],
    ['gosum.io', /malformed verifier id/, 'a different checksum database is not known by name'],
    ['sum.golang.google.cn https://sum.golang.google.cn', /malformed verifier id/, 'the alias is not a name Go knows'],
    ['sum.golang.org+033de0ae', /malformed verifier id/, 'a key without the key'],
    [`${goodName}+${goodHash}+`, /malformed verifier id/, 'an empty key'],
    [`${goodName}+${goodHash.slice(1)}+${goodKey64}`, /malformed verifier id/, 'a hash of 7 digits'],
    [`${goodName}+0${goodHash}+${goodKey64}`, /malformed verifier id/, 'a hash of 9 digits'],
    [`${goodName}+zzzzzzzz+${goodKey64}`, /malformed verifier id/, 'a hash that is not hexadecimal'],
    [`${goodName}+${goodHash}+${goodKey64.slice(1)}`, /malformed verifier id/, 'a key that is not base64'],
    [`${goodName}+${goodHash}+${goodKey64}=`, /malformed verifier id/, 'base64 with a stray padding character'],
    [`${goodName}+${goodHash}+${goodKey64.slice(0, 40)}-_AA`, /malformed verifier id/, 'the URL-safe base64 alphabet'],
    [`+${goodHash}+${goodKey64}`, /malformed verifier id/, 'an empty name'],
    [`${goodName}+${flipped}+${goodKey64}`, /invalid verifier hash/, 'a hash that does not match the key'],
    [
      verifierKey('sum.example.com', Buffer.concat([Buffer.from([2]), rawKey.subarray(1)])),
      /unknown verifier algorithm/,
      'algorithm byte 2'
    ],
    [ed25519('sum.example.com/'), /invalid sumdb name/, 'a name ending in a slash'],
    [ed25519('sum.example.com?x=1'), /invalid sumdb name/, 'a name with a query'],
    [ed25519('user@sum.example.com'), /invalid sumdb name/, 'a name with userinfo'],
    [ed25519('sum.example.com#x'), /invalid sumdb name/, 'a name with a fragment'],
    ['OFF', /write exactly off/, 'off is lower case'],
    ['off https://a.example', /write exactly off/, 'off takes no URL'],
    ['sum.golang.org ftp://a.example', /must be an http\(s\) URL/, 'the URL is http or https'],
    ['sum.golang.org a.example', /must be an http\(s\) URL/, 'the URL has a scheme'],
    ['   ', /empty/, 'blanks only'],
    ['sum.golang.org\n', /control character U\+000A/, 'a newline'],
    ['sum.golang.org\u0000', /control character U\+0000/, 'NUL'],
    ['sum.golang.org https://u:p\u0001w@sum.example', /U\+0001 in its hidden credentials/, 'inside a password']
  ])('rejects %j (%s)', (value, message) => {
    const error = inputError(() => parseGosumdb('sumdb', value))
    expect(error.input).toBe('sumdb')
    expect(error.message).toMatch(/^Input 'sumdb': /)
    expect(error.message).toMatch(message)
  })

  test('an ed25519 key of the wrong length is rejected', () => {
    expect(() => parseGosumdb('sumdb', verifierKey('sum.example.com', rawKey.subarray(0, 32)))).toThrow(InputError)
    expect(() =>
      parseGosumdb('sumdb', verifierKey('sum.example.com', Buffer.concat([rawKey, Buffer.from([0])])))
    ).toThrow(InputError)
  })

  // The message quotes the whole value through redactUrl, which only looks at the start of the string.
  test('a password in a rejected GOSUMDB URL is not shown', () => {
    const error = inputError(() => parseGosumdb('sumdb', 'sum.golang.org https://u:S3cret@a.example https://b.example'))
    expect(error.message).not.toContain('S3cret')
  })

  test('checkVerifierKey names the input it checks', () => {
    expect(inputError(() => checkVerifierKey('GOSUMDB (job environment)', 'nope')).input).toBe(
      'GOSUMDB (job environment)'
    )
  })
})
