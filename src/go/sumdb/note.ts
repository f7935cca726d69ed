/**
 * Signed notes and verifier keys, ported from golang.org/x/mod/sumdb/note (note.go). A checksum database signs
 * its tree heads as notes; a client trusts a tree head only through a verified signature of a key it knows.
 */
import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto'
import { decodeBase64 } from './tlog.js'

/** Verifies an Ed25519 signature of `message` by the raw 32-byte `publicKey`. */
export type Ed25519Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean

/** A verifier key, parsed: the name and key hash that a signature line must carry, and the Ed25519 key. */
export interface Verifier {
  readonly name: string
  /** First 4 bytes (big-endian) of SHA-256(name ‖ "\n" ‖ 0x01 ‖ key). */
  readonly keyHash: number
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array
}

/** A note whose text is covered by at least one verified signature of a known key. */
export interface VerifiedNote {
  /** The signed text, ending in "\n". */
  readonly text: string
  /** Names and key hashes of the known keys that verified the note. */
  readonly signers: ReadonlyArray<{ readonly name: string; readonly keyHash: number }>
  /** Signatures by keys this client does not know: never trusted, reported for diagnosis. */
  readonly unverified: ReadonlyArray<{ readonly name: string; readonly keyHash: number }>
}

const ALG_ED25519 = 1

/** Computes a note key hash: the first 4 bytes (big-endian) of SHA-256(name ‖ "\n" ‖ key), key with its algorithm byte. */
export function noteKeyHash(name: string, key: Uint8Array): number {
  return createHash('sha256').update(`${name}\n`).update(key).digest().readUInt32BE(0)
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** A valid note or key name (note.isValidName): not empty, valid UTF-8, no Unicode space (Go's unicode.IsSpace), no `+`. */
function isValidName(name: string): boolean {
  return name !== '' && !LONE_SURROGATE.test(name) && !/\p{White_Space}/u.test(name) && !name.includes('+')
}

/**
 * Parses a verifier key `name+hash8hex+base64(0x01 ‖ 32-byte Ed25519 key)` as note.NewVerifier does. Returns the
 * verifier, or a message naming what is wrong (Go's words in parentheses).
 */
export function parseVerifierKey(vkey: string): Verifier | string {
  const [name, rest = ''] = cut(vkey, '+')
  const [hash16, key64 = ''] = cut(rest, '+')
  const key = decodeBase64(key64)
  if (!/^[0-9a-fA-F]{8}$/.test(hash16) || key === undefined || key.length === 0 || !isValidName(name)) {
    return `verifier key ${JSON.stringify(vkey)} is not name+hash+key ("malformed verifier id")`
  }
  const keyHash = parseInt(hash16, 16)
  if (keyHash !== noteKeyHash(name, key)) {
    return `verifier key ${JSON.stringify(vkey)} has a hash that does not match its key ("invalid verifier hash")`
  }
  if (key[0] !== ALG_ED25519) {
    return `verifier key ${JSON.stringify(vkey)} is not an Ed25519 key ("unknown verifier algorithm")`
  }
  if (key.length !== 33) {
    return `verifier key ${JSON.stringify(vkey)} holds ${key.length - 1} key bytes, not 32 ("malformed verifier id")`
  }
  return { name, keyHash, publicKey: key.subarray(1) }
}

function cut(s: string, sep: string): [string, string?] {
  const i = s.indexOf(sep)
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)]
}

/** Ed25519 verification with node:crypto (pure computation, no I/O). */
export const nodeEd25519Verify: Ed25519Verify = (publicKey, message, signature) => {
  if (publicKey.length !== 32 || signature.length !== 64) return false
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk'
    })
    return cryptoVerify(null, message, key, signature)
  } catch {
    return false
  }
}

const SIGNATURE_PREFIX = '— '
const MAX_SIGNATURES = 100

/**
 * Opens a signed note as note.Open does, with one difference that only narrows: the result is a note or a message.
 * The message must be UTF-8 without control characters other than "\n"; the text is everything up to and
 * including the "\n" before the last blank line; each signature line is `— <name> <base64(keyhash4 ‖ sig)>`.
 * Signatures by unknown keys are ignored (listed as unverified); a signature by a known key that does not verify
 * fails the note; at least one verified signature of a known key is required.
 */
export function openNote(
  message: Uint8Array,
  known: readonly Verifier[],
  verify: Ed25519Verify = nodeEd25519Verify
): VerifiedNote | string {
  let decoded: string
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(message)
  } catch {
    return 'malformed note: not UTF-8'
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(decoded)) return 'malformed note: control character'
  const split = decoded.lastIndexOf('\n\n')
  if (split < 0) return 'malformed note: no blank line before the signatures'
  const text = decoded.slice(0, split + 1)
  let sigs = decoded.slice(split + 2)
  if (sigs === '' || !sigs.endsWith('\n')) return 'malformed note: the signature block does not end in a newline'
  const textBytes = new TextEncoder().encode(text)

  const signers: Array<{ name: string; keyHash: number }> = []
  const unverified: Array<{ name: string; keyHash: number }> = []
  const seen = new Set<string>()
  const seenUnverified = new Set<string>()
  let count = 0
  while (sigs !== '') {
    const i = sigs.indexOf('\n')
    const line = sigs.slice(0, i)
    sigs = sigs.slice(i + 1)
    if (!line.startsWith(SIGNATURE_PREFIX)) return `malformed note: ${JSON.stringify(line)} is not a signature line`
    const [name, b64 = ''] = cut(line.slice(SIGNATURE_PREFIX.length), ' ')
    const sig = decodeBase64(b64)
    if (sig === undefined || !isValidName(name) || b64 === '' || sig.length < 5) {
      return `malformed note: bad signature line ${JSON.stringify(line)}`
    }
    if (++count > MAX_SIGNATURES) return `malformed note: more than ${MAX_SIGNATURES} signatures`
    const keyHash = Buffer.from(sig.subarray(0, 4)).readUInt32BE(0)
    const matches = known.filter(v => v.name === name && v.keyHash === keyHash)
    if (matches.length > 1) return `ambiguous key ${name}+${hex8(keyHash)}`
    if (matches.length === 0) {
      if (!seenUnverified.has(line)) unverified.push({ name, keyHash })
      seenUnverified.add(line)
      continue
    }
    const id = `${name}+${keyHash}`
    if (seen.has(id)) continue
    seen.add(id)
    if (!verify(matches[0].publicKey, textBytes, sig.subarray(4))) {
      return `invalid signature for key ${name}+${hex8(keyHash)}`
    }
    signers.push({ name, keyHash })
  }
  if (signers.length === 0) {
    const by = unverified.map(s => `${s.name}+${hex8(s.keyHash)}`).join(', ')
    return `note has no verifiable signatures (signed only by unknown keys: ${by})`
  }
  return { text, signers, unverified }
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0')
}
