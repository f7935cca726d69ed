/**
 * The `h1:` hash of go.sum, ported from golang.org/x/mod/sumdb/dirhash (Hash1): for each file, sorted by name as
 * bytes, the line `<sha256 hex>  <name>\n`; the hash is "h1:" + base64(SHA-256 of all lines).
 */
import { createHash } from 'node:crypto'

/** One file of a hashed tree: its name (for a zip, the entry name as stored) and the SHA-256 of its content. */
export interface HashedFile {
  readonly name: string
  readonly sha256: Uint8Array
}

const encoder = new TextEncoder()

/** Compares two names as Go compares strings: by their UTF-8 bytes (JS `<` compares UTF-16 units, which differs). */
export function compareNameBytes(a: string, b: string): number {
  return Buffer.compare(encoder.encode(a), encoder.encode(b))
}

/**
 * dirhash.Hash1 over already hashed files. Throws for a name with a newline, which would make the line format
 * ambiguous (Go: "dirhash: filenames with newlines are not supported"), and for a digest that is not 32 bytes.
 */
export function hash1(files: readonly HashedFile[]): string {
  const sorted = [...files].sort((a, b) => compareNameBytes(a.name, b.name))
  const h = createHash('sha256')
  for (const file of sorted) {
    if (file.name.includes('\n')) {
      throw new Error(`dirhash: file name ${JSON.stringify(file.name)} has a newline, which h1 cannot hash`)
    }
    if (file.sha256.length !== 32) {
      throw new Error(`dirhash: the digest of ${JSON.stringify(file.name)} has ${file.sha256.length} bytes, not 32`)
    }
    h.update(`${Buffer.from(file.sha256).toString('hex')}  ${file.name}\n`)
  }
  return `h1:${h.digest('base64')}`
}

/** The SHA-256 of some bytes, for {@link HashedFile}. */
export function sha256Of(content: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(content).digest())
}

/** The go.sum hash of a go.mod file: Hash1 over the single name `go.mod` (cmd/go modfetch goModSum). */
export function goModHash(content: Uint8Array | string): string {
  return hash1([{ name: 'go.mod', sha256: sha256Of(content) }])
}

/** True for a well-formed `h1:` hash: "h1:" and 44 characters of padded base64 holding 32 bytes. */
export function isH1(hash: string): boolean {
  return /^h1:[A-Za-z0-9+/]{43}=$/.test(hash)
}
