/** The go.sum `h1:` hash of a module zip on disk (dirhash.HashZip), streamed entry by entry. */
import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { hash1, type HashedFile } from '../go/sumdb/dirhash.js'

/**
 * Hashes the zip at `file` as the go command does: every entry (directory entries too, as Go's HashZip lists
 * them), under its name exactly as stored in the central directory (not an Info-ZIP Unicode path field), with
 * the content streamed through SHA-256 so that a 100 MB toolchain zip is never held in memory. Rejects a name
 * that is not UTF-8 or that appears twice (two entries would make the hash depend on which one a reader
 * extracts; Go's module zip checks refuse them too). Throws an Error naming the file on any problem.
 */
export async function hashZip(file: string): Promise<string> {
  return hashOpened(file, done => yauzl.open(file, ZIP_OPTIONS, done))
}

/**
 * {@link hashZip} for a zip held in memory (a module zip a proxy answered, before it is handed on); `name` is what
 * an error calls it.
 */
export async function hashZipBuffer(zip: Buffer, name: string): Promise<string> {
  return hashOpened(name, done => yauzl.fromBuffer(zip, ZIP_OPTIONS, done))
}

const ZIP_OPTIONS = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true } as const

async function hashOpened(
  file: string,
  open: (done: (error: Error | null, zipfile: yauzl.ZipFile) => void) => void
): Promise<string> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    open((error, zipfile) => (error ? reject(error) : resolve(zipfile)))
  }).catch((error: unknown) => {
    throw new Error(`cannot read zip ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error
    })
  })
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  const files: HashedFile[] = []
  const seen = new Set<string>()
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown): void =>
        reject(new Error(`cannot hash zip ${file}: ${error instanceof Error ? error.message : String(error)}`))
      zip.on('error', fail)
      zip.on('end', () => resolve())
      zip.on('entry', (entry: yauzl.Entry) => {
        let name: string
        try {
          name = decoder.decode(entry.fileNameRaw)
        } catch {
          return fail(`entry name ${JSON.stringify(entry.fileNameRaw.toString('latin1'))} is not UTF-8`)
        }
        if (seen.has(name)) return fail(`entry ${JSON.stringify(name)} appears more than once`)
        seen.add(name)
        zip.openReadStream(entry, (error, stream: Readable) => {
          if (error) return fail(`entry ${JSON.stringify(name)}: ${error.message}`)
          const sha = createHash('sha256')
          stream.on('data', (chunk: Buffer) => sha.update(chunk))
          stream.on('error', e => fail(`entry ${JSON.stringify(name)}: ${e.message}`))
          stream.on('end', () => {
            files.push({ name, sha256: new Uint8Array(sha.digest()) })
            zip.readEntry()
          })
        })
      })
      zip.readEntry()
    })
  } finally {
    zip.close()
  }
  try {
    return hash1(files)
  } catch (error) {
    throw new Error(`cannot hash zip ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error
    })
  }
}
