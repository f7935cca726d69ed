/**
 * The zip reader under the toolchain installer (src/install/unzip.ts): the central directory read through a windowed
 * synchronous reader, and every file written once — small ones in one synchronous step, large ones (past
 * SMALL_FILE_BYTES) streamed in bounded chunks — with the SHA-256 of the bytes written. Zips come from the tests' own
 * zip writer (deflate) and from fflate (stored entries); bad entries are made by patching real zips' headers.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { readZipEntries, releaseNow, SMALL_FILE_BYTES, writeZipEntries } from '../../src/install/unzip.js'
import { ToolchainZipError } from '../../src/go/toolchain/zip-plan.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'
import { writeZip } from '../support/toolchain-zip.js'

afterAll(cleanupTempDirs)

const posix = process.platform !== 'win32'
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')
const hex = (digest: Uint8Array | undefined) => Buffer.from(digest ?? []).toString('hex')

/** Content that deflates well, `size` bytes. */
function text(size: number): Buffer {
  const line = Buffer.from('package big // a line of Go that deflate shrinks a lot\n')
  return Buffer.concat(Array.from({ length: Math.ceil(size / line.length) }, () => line)).subarray(0, size)
}

/** Extracts every file entry of `zipFile` into a fresh directory; returns the directory and the digests. */
async function extractAll(zipFile: string, executable: (path: string) => boolean = () => false) {
  const entries = await readZipEntries(zipFile)
  const dir = join(tempDir('unzip-out'), 'out')
  mkdirSync(dir)
  const files = entries.flatMap((e, entryIndex) => (e.fileName.endsWith('/') ? [] : [{ entryIndex, path: e.fileName }]))
  const digests = await writeZipEntries({ zipFile, entries, files, dir, executable, what: 'test.zip' })
  return { dir, entries, digests }
}

/** Offsets of the central-directory header and the local header of the entry `name`. */
function headersOf(zip: Buffer, name: string): { central: number; local: number } {
  for (let at = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])); at >= 0;) {
    const count = zip.readUInt16LE(at + 10)
    let p = zip.readUInt32LE(at + 16)
    for (let i = 0; i < count; i++) {
      const nameLength = zip.readUInt16LE(p + 28)
      const next = p + 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32)
      if (zip.subarray(p + 46, p + 46 + nameLength).toString() === name)
        return { central: p, local: zip.readUInt32LE(p + 42) }
      p = next
    }
    break
  }
  throw new Error(`no entry ${name}`)
}

/** Rewrites bytes of the zip at `zipFile`: `patch(zip, headers of name)`. */
function patchZip(zipFile: string, name: string, patch: (zip: Buffer, at: { central: number; local: number }) => void) {
  const zip = readFileSync(zipFile)
  patch(zip, headersOf(zip, name))
  writeFileSync(zipFile, zip)
}

describe('writeZipEntries writes each file once with the SHA-256 of its bytes', () => {
  test('small and large, deflated and stored, compressible and not: bytes, digests and modes', async () => {
    const contents: Record<string, Buffer> = {
      'a/small.go': text(3000),
      'a/empty.txt': Buffer.alloc(0),
      'bin/tool': text(2 * SMALL_FILE_BYTES + 12345),
      'b/random.bin': randomBytes(SMALL_FILE_BYTES + 7),
      'b/deep/er/still/x.go': text(10)
    }
    const deflated = join(tempDir('unzip'), 'deflated.zip')
    writeZip(
      deflated,
      Object.entries(contents).map(([name, data]) => ({ name, data }))
    )
    const stored = join(tempDir('unzip'), 'stored.zip')
    writeFileSync(
      stored,
      zipSync(Object.fromEntries(Object.entries(contents).map(([name, data]) => [name, [data, { level: 0 }]])))
    )
    for (const zipFile of [deflated, stored]) {
      const { dir, entries, digests } = await extractAll(zipFile, path => path.startsWith('bin/'))
      for (const [name, data] of Object.entries(contents)) {
        const file = join(dir, ...name.split('/'))
        expect(sha256(readFileSync(file))).toBe(sha256(data))
        expect(hex(digests.get(entries.findIndex(e => e.fileName === name)))).toBe(sha256(data))
        if (posix) expect(statSync(file).mode & 0o777).toBe(name.startsWith('bin/') ? 0o755 : 0o644 & ~process.umask())
      }
      expect(digests.size).toBe(Object.keys(contents).length)
    }
  })

  test('the central directory of many entries is read in order, names decoded', async () => {
    const zipFile = join(tempDir('unzip'), 'many.zip')
    const names = Array.from({ length: 3000 }, (_, i) => `dir${i % 7}/file-${i}-${'é'.repeat(i % 5)}.go`)
    writeZip(
      zipFile,
      names.map(name => ({ name, data: name }))
    )
    expect((await readZipEntries(zipFile)).map(e => e.fileName)).toEqual(names)
  })
})

describe('a bad entry is refused with an error naming it', () => {
  const big = text(SMALL_FILE_BYTES * 2)
  const cases: Array<[string, string, (zip: Buffer, at: { central: number; local: number }) => void, RegExp]> = [
    [
      'a large entry declaring fewer bytes than it holds',
      'big.go',
      (zip, at) => zip.writeUInt32LE(big.length - 100, at.central + 24),
      /more data than its declared size/
    ],
    [
      'a large entry declaring more bytes than it holds',
      'big.go',
      (zip, at) => zip.writeUInt32LE(big.length + 100, at.central + 24),
      /bytes, \d+ declared/
    ],
    [
      'a small entry declaring more bytes than it holds',
      'small.go',
      (zip, at) => zip.writeUInt32LE(5000, at.central + 24),
      /bytes, 5000 declared/
    ],
    [
      'an unknown compression method',
      'small.go',
      (zip, at) => zip.writeUInt16LE(99, at.central + 10),
      /unsupported compression method 99/
    ],
    ['an encrypted entry', 'small.go', (zip, at) => zip.writeUInt16LE(1, at.central + 8), /encrypted/],
    [
      'a local header without its signature',
      'big.go',
      (zip, at) => zip.writeUInt32LE(0x12345678, at.local),
      /invalid local file header signature/
    ],
    [
      'deflate data that is not deflate',
      'small.go',
      (zip, at) => zip.fill(0xff, at.local + 30 + 'small.go'.length, at.local + 30 + 'small.go'.length + 8),
      /zip entry "small\.go"/
    ],
    [
      'a large entry whose data runs past the end of the zip',
      'big.go',
      (zip, at) => zip.writeUInt32LE(zip.readUInt32LE(at.central + 20) + 10 * SMALL_FILE_BYTES, at.central + 20),
      /zip entry "big\.go"/
    ]
  ]
  test.each(cases)('%s', async (_what, name, patch, message) => {
    const zipFile = join(tempDir('unzip-bad'), 'bad.zip')
    writeZip(zipFile, [
      { name: 'first.go', data: text(100) },
      { name: 'small.go', data: text(2000) },
      { name: 'big.go', data: big }
    ])
    patchZip(zipFile, name, patch)
    const error = await extractAll(zipFile).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ToolchainZipError)
    expect((error as Error).message).toMatch(message)
    expect((error as ToolchainZipError).entry).toBe(name)
  })
})

describe('releaseNow (an inflated buffer freed at once, not at the next collection)', () => {
  const hasTransfer = typeof (new ArrayBuffer(0) as { transfer?: unknown }).transfer === 'function'

  test('a buffer that owns its whole memory is freed (Node 22+), or left alone where Node cannot', () => {
    const own = Buffer.alloc(Buffer.poolSize * 4, 7)
    releaseNow(own)
    expect(own.buffer.byteLength).toBe(hasTransfer ? 0 : Buffer.poolSize * 4)
  })

  test.each<[what: string, make: () => { data: Buffer; neighbour: Buffer }]>([
    [
      "a slice of Node's shared pool",
      () => ({ data: Buffer.from('small file'), neighbour: Buffer.from('another small file') })
    ],
    [
      'a slice of a larger buffer',
      () => {
        const whole = Buffer.alloc(Buffer.poolSize * 4, 1)
        return { data: whole.subarray(0, Buffer.poolSize * 2), neighbour: whole.subarray(Buffer.poolSize * 2) }
      }
    ]
  ])('%s is left alone: the bytes beside it stay readable', (_what, make) => {
    const { data, neighbour } = make()
    const before = Buffer.from(neighbour)
    releaseNow(data)
    expect(data.buffer.byteLength).toBeGreaterThan(0)
    expect(neighbour.equals(before)).toBe(true)
  })
})
