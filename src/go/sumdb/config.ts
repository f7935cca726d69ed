import { createHash } from 'node:crypto'
import { assertNoControlCharacters, InputError, quote } from '../errors.js'
import { redactText, redactUrl } from '../proxy/url.js'

/** The go command's built-in verifier keys (cmd/go/internal/modfetch/key.go). */
export const KNOWN_SUMDB_KEYS: Readonly<Record<string, string>> = {
  'sum.golang.org': 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'
}

/** The one alias Go knows: sum.golang.org, served where mainland China reaches it. */
export const CHINA_SUMDB_ALIAS = 'sum.golang.google.cn'
const CHINA_SUMDB_URL = 'https://sum.golang.google.cn'

/** A GOSUMDB value, understood the way the go command's dbDial understands it. */
export type SumdbConfig =
  | { readonly kind: 'off'; readonly value: 'off' }
  | {
      readonly kind: 'db'
      /** The value to export, as the user wrote it (fields joined by one space). */
      readonly value: string
      /** The database name signed into its notes (`sum.golang.org` also for the alias). */
      readonly name: string
      /** The full verifier key. */
      readonly key: string
      /** Where Go sends requests when no proxy serves the database; `explicit` means proxies are bypassed. */
      readonly url: string
      readonly explicitUrl: boolean
    }

function keyHash(name: string, key: Buffer): number {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), key]))
    .digest()
    .readUInt32BE(0)
}

/**
 * Checks a verifier key `name+hash+base64key` as golang.org/x/mod/sumdb/note.NewVerifier
 * does: 8 hex digits that equal the first 4 bytes of SHA-256(name + "\n" + key), a
 * base64 Ed25519 key (algorithm byte 1 and 32 bytes), and a name without blanks or `+`.
 * Returns the name.
 */
export function checkVerifierKey(input: string, verifier: string): string {
  const [name, hash16 = '', key64 = ''] = splitTwice(verifier, '+')
  const key = /^[A-Za-z0-9+/]*={0,2}$/.test(key64) && key64.length % 4 === 0 ? Buffer.from(key64, 'base64') : undefined
  if (name === '' || /\s/.test(name) || !/^[0-9a-fA-F]{8}$/.test(hash16) || !key || key.length === 0) {
    throw new InputError(
      input,
      `${quote(verifier)} is neither a known checksum database (sum.golang.org, sum.golang.google.cn, off) nor a verifier key name+hash+key (Go: "malformed verifier id").`
    )
  }
  if (parseInt(hash16, 16) !== keyHash(name, key)) {
    throw new InputError(
      input,
      `the verifier key for ${quote(name)} has a hash that does not match its key (Go: "invalid verifier hash").`
    )
  }
  if (key[0] !== 1 || key.length !== 33) {
    throw new InputError(
      input,
      `the verifier key for ${quote(name)} is not an Ed25519 key (Go: "unknown verifier algorithm").`
    )
  }
  if (name.endsWith('/') || !/^[A-Za-z0-9._~-]+(:\d+)?(\/[A-Za-z0-9._~/-]*)?$/.test(name)) {
    throw new InputError(
      input,
      `the checksum database name ${quote(name)} must be host[/path] (Go: "invalid sumdb name").`
    )
  }
  return name
}

function splitTwice(s: string, sep: string): [string, string?, string?] {
  const i = s.indexOf(sep)
  if (i < 0) return [s]
  const j = s.indexOf(sep, i + 1)
  return j < 0 ? [s.slice(0, i), s.slice(i + 1)] : [s.slice(0, i), s.slice(i + 1, j), s.slice(j + 1)]
}

/**
 * Parses GOSUMDB in every form Go accepts: `off`, a known name, the alias
 * `sum.golang.google.cn`, a verifier key, each optionally followed by one URL
 * (which bypasses the proxies). Rejects what Go would reject, with its words.
 */
export function parseGosumdb(input: string, raw: string): SumdbConfig {
  assertNoControlCharacters(input, raw, redactText)
  // Exact, as in Go's dbDial: " off" is not off (readSettings trims the input; the job's GOSUMDB reaches go as is).
  const value = raw
  if (value === 'off') return { kind: 'off', value: 'off' }
  if (value === CHINA_SUMDB_ALIAS) {
    return {
      kind: 'db',
      value,
      name: 'sum.golang.org',
      key: KNOWN_SUMDB_KEYS['sum.golang.org'],
      url: CHINA_SUMDB_URL,
      explicitUrl: true
    }
  }
  const fields = value.split(/\s+/).filter(f => f !== '')
  if (fields.length === 0) throw new InputError(input, 'is empty after trimming.')
  if (fields.length > 2) {
    throw new InputError(
      input,
      `${quote(redactText(value))} has ${fields.length} fields; Go accepts a name or key, then at most one URL ("too many fields").`
    )
  }
  const [first, url] = fields
  if (first === 'off' || first.toLowerCase() === 'off') {
    throw new InputError(
      input,
      `${quote(redactText(value))}: write exactly off to disable verification (not recommended).`
    )
  }
  const key = KNOWN_SUMDB_KEYS[first] ?? first
  const name = checkVerifierKey(input, key)
  if (url !== undefined && !/^https?:\/\/[^/?#\s]+/i.test(url)) {
    throw new InputError(input, `the checksum database URL ${quote(redactUrl(url))} must be an http(s) URL.`)
  }
  return {
    kind: 'db',
    value: fields.join(' '),
    name,
    key,
    url: url ?? `https://${name}`,
    explicitUrl: url !== undefined
  }
}
