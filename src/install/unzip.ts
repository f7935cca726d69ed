/**
 * Writing the entries of a zip on disk into a directory, hashing every file's bytes as they are written (the shell
 * under the toolchain installer, src/install/extract.ts, which plans and verifies).
 *
 * API:
 * - `readZipEntries(zipFile)` → `Promise<ZipDirectoryEntry[]>`: the central directory, parsed by yauzl (names decoded and
 *   checked strictly, ZIP64, sizes) from a reader that reads the file synchronously in 64 KiB windows: yauzl asks
 *   for each entry's 46-byte header and its name separately, and through its default reader each of those 20,000
 *   reads for a Go toolchain was a trip through the thread pool (3 s of a loaded machine's time).
 * - `writeZipEntries({ zipFile, entries, files, dir, executable })` → `Promise<Map<entryIndex, sha256>>`: writes
 *   each planned file once (mode 0644, or 0755 when `executable(path)`), reading the zip by offset, and returns the
 *   SHA-256 of each file's bytes. Rejects with a `ToolchainZipError` naming the entry for a bad entry (a local
 *   header that does not match, a method other than store/deflate, encryption, bad deflate data, a size other
 *   than declared) and with the file system's error (ENOSPC, EACCES: it has a `code`) otherwise.
 *
 * Why not a zip reader's streams: a stream per entry costs several round trips through libuv's thread pool per
 * 16-64 KiB chunk (read, inflate, write each one a job): half a million futex calls and twice go's CPU time for
 * the 9,860 files of a Go toolchain. Here a small file (the most of them) is read with one pread, inflated and
 * hashed in one synchronous call and written with one write: a handful of system calls, no thread hand-offs, and
 * buffers no larger than `SMALL_FILE_BYTES`. The event loop is given back every few milliseconds, so timers (the
 * caller's deadlines, a progress line) still run. A large file is streamed in `LARGE_CHUNK_BYTES` chunks through
 * zlib on the thread pool, at most `LARGE_CONCURRENCY` at once, while the main thread goes on with small files:
 * the two cores both work, and memory stays bounded whatever the zip holds.
 */
import { createHash } from 'node:crypto'
import { closeSync, createReadStream, fchmodSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createInflateRaw, inflateRawSync } from 'node:zlib'
import yauzl from 'yauzl'
import { ToolchainZipError, type PlannedFile } from '../go/toolchain/zip-plan.js'

/** A file whose compressed and uncompressed sizes are both at most this is written in one synchronous step. */
export const SMALL_FILE_BYTES = 1 << 20
/** Chunk size for large files (read, inflate and write). */
const LARGE_CHUNK_BYTES = 256 * 1024
/** Large files streamed at once, beside the small ones on the main thread. */
const LARGE_CONCURRENCY = 2
/** How long the synchronous small-file loop runs before it lets the event loop turn. */
const SLICE_MS = 4

/** What the writer needs to know of one zip entry (yauzl's Entry has these fields). */
export interface ZipEntryData {
  readonly fileName: string
  readonly relativeOffsetOfLocalHeader: number
  readonly compressedSize: number
  readonly uncompressedSize: number
  readonly compressionMethod: number
  readonly generalPurposeBitFlag: number
}

/** One central-directory entry as {@link readZipEntries} keeps it: what the writer and the installer's plan read. */
export interface ZipDirectoryEntry extends ZipEntryData {
  /** "Version made by": its high byte is 3 when the zip was made on Unix. */
  readonly versionMadeBy: number
  /** Its high 16 bits hold the Unix mode on a Unix-made zip. */
  readonly externalFileAttributes: number
}

/** Options of {@link writeZipEntries}. */
export interface WriteZipEntriesOptions {
  readonly zipFile: string
  /** Every entry of the central directory (files[].entryIndex indexes this). */
  readonly entries: readonly ZipEntryData[]
  /** The files to write, paths relative to `dir`, '/'-separated, already checked (no `..`, no duplicates). */
  readonly files: readonly PlannedFile[]
  readonly dir: string
  /** Whether a path gets mode 0755 (set with fchmod, so the umask does not take the bits away). */
  readonly executable: (path: string) => boolean
  /** Names the zip in error messages. */
  readonly what: string
}

/** What the central directory reader reads at once. */
const DIRECTORY_WINDOW_BYTES = 64 * 1024

/**
 * yauzl's reader over a file descriptor, reading synchronously through a window (the central directory is read
 * front to back in small pieces). Callbacks are deferred with process.nextTick, as yauzl expects them asynchronous.
 */
class WindowedFileReader extends yauzl.RandomAccessReader {
  private window = Buffer.alloc(0)
  private windowStart = 0

  constructor(private readonly fd: number) {
    super()
  }

  override _readStreamForRange(): never {
    throw new Error('WindowedFileReader: streams are not used')
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null) => void
  ): void {
    const done = callback as (err: Error | null, bytesRead?: number) => void
    try {
      if (position < this.windowStart || position + length > this.windowStart + this.window.length) {
        const size = Math.max(length, DIRECTORY_WINDOW_BYTES)
        if (this.window.length < size) this.window = Buffer.allocUnsafe(size)
        let got = 0
        while (got < size) {
          const n = readSync(this.fd, this.window, got, size - got, position + got)
          if (n === 0) break
          got += n
        }
        this.window = this.window.subarray(0, got)
        this.windowStart = position
      }
      const available = Math.max(0, Math.min(length, this.windowStart + this.window.length - position))
      this.window.copy(buffer, offset, position - this.windowStart, position - this.windowStart + available)
      process.nextTick(done, null, available)
    } catch (error) {
      process.nextTick(done, error as Error)
    }
  }

  override close(callback: (err: Error | null) => void): void {
    try {
      closeSync(this.fd)
      process.nextTick(callback, null)
    } catch (error) {
      process.nextTick(callback, error as Error)
    }
  }
}

/**
 * Every entry of the zip's central directory, in order. Names are decoded and a backslash in one is an error
 * (strictFileNames); entry sizes are checked against the local headers where yauzl checks them.
 */
export async function readZipEntries(zipFile: string): Promise<ZipDirectoryEntry[]> {
  const fd = openSync(zipFile, 'r')
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new WindowedFileReader(fd), fstatSync(fd).size, {
      lazyEntries: true,
      autoClose: true,
      decodeStrings: true,
      strictFileNames: true,
      validateEntrySizes: true
    })
  } catch (error) {
    closeSync(fd)
    throw error
  }
  return new Promise((resolve, reject) => {
    const entries: ZipDirectoryEntry[] = []
    zip.on('entry', (entry: yauzl.Entry) => {
      // Only the fields used: yauzl's Entry also holds the raw name, extra fields and comment (buffers), several
      // hundred bytes each that 10,000 entries kept alive through the whole extraction.
      entries.push({
        fileName: entry.fileName,
        relativeOffsetOfLocalHeader: entry.relativeOffsetOfLocalHeader,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        compressionMethod: entry.compressionMethod,
        generalPurposeBitFlag: entry.generalPurposeBitFlag,
        versionMadeBy: entry.versionMadeBy,
        externalFileAttributes: entry.externalFileAttributes
      })
      zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', reject)
    zip.readEntry()
  })
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50
const LOCAL_HEADER_BYTES = 30

/**
 * Writes `files` from the zip into `dir` (which must exist) and returns each file's SHA-256 by entry index. On a
 * failure, files already written stay (the caller writes into a staging directory and removes it).
 */
export async function writeZipEntries(options: WriteZipEntriesOptions): Promise<Map<number, Uint8Array>> {
  const { entries, dir } = options
  const digests = new Map<number, Uint8Array>()
  const made = new Set<string>([dir])
  const ensureParent = (target: string) => {
    const parent = dirname(target)
    if (made.has(parent)) return
    mkdirSync(parent, { recursive: true })
    made.add(parent)
  }
  const fd = openSync(options.zipFile, 'r')
  const header = Buffer.alloc(LOCAL_HEADER_BYTES)
  const buffer = Buffer.allocUnsafe(SMALL_FILE_BYTES)
  const large = new Set<Promise<void>>()
  let failure: unknown
  const track = (task: Promise<void>) => {
    const settled = task.catch((error: unknown) => {
      failure ??= error
    })
    large.add(settled)
    void settled.finally(() => large.delete(settled))
  }
  try {
    let sliceStarted = performance.now()
    for (const file of options.files) {
      if (failure !== undefined) break
      const entry = entries[file.entryIndex]
      const target = join(dir, ...file.path.split('/'))
      const mode = options.executable(file.path) ? 0o755 : 0o644
      const start = dataStart(fd, header, entry, options.what)
      ensureParent(target)
      if (entry.compressedSize <= SMALL_FILE_BYTES && entry.uncompressedSize <= SMALL_FILE_BYTES) {
        digests.set(file.entryIndex, writeSmall(fd, buffer, start, entry, target, mode, options.what))
        if (performance.now() - sliceStarted >= SLICE_MS) {
          await turn()
          sliceStarted = performance.now()
        }
        continue
      }
      while (large.size >= LARGE_CONCURRENCY && failure === undefined) await Promise.race(large)
      if (failure !== undefined) break
      track(
        writeLarge(options.zipFile, start, entry, target, mode, options.what).then(digest => {
          digests.set(file.entryIndex, digest)
        })
      )
    }
    while (large.size > 0) await Promise.race(large)
    if (failure !== undefined) throw failure
    return digests
  } finally {
    // Every large write has settled here (or none was started): the descriptor is no longer read.
    closeSync(fd)
  }
}

/** Lets the event loop run (I/O callbacks of the large files, timers) before the next slice of small files. */
function turn(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve))
}

function entryError(what: string, entry: ZipEntryData, message: string): ToolchainZipError {
  return new ToolchainZipError(`${what} zip entry ${JSON.stringify(entry.fileName)}: ${message}`, entry.fileName)
}

/** Reads exactly `length` bytes at `position` into `into`, or throws for a file that ends early. */
function readFully(fd: number, into: Buffer, length: number, position: number): boolean {
  let done = 0
  while (done < length) {
    const n = readSync(fd, into, done, length - done, position + done)
    if (n === 0) return false
    done += n
  }
  return true
}

/** The offset of the entry's data, after checking its local header (as yauzl's openReadStream does). */
function dataStart(fd: number, header: Buffer, entry: ZipEntryData, what: string): number {
  if (entry.generalPurposeBitFlag & 0x1) throw entryError(what, entry, 'encrypted entries are not supported')
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw entryError(what, entry, `unsupported compression method ${entry.compressionMethod}`)
  if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize)
    throw entryError(what, entry, 'a stored entry whose compressed and uncompressed sizes differ')
  if (!readFully(fd, header, LOCAL_HEADER_BYTES, entry.relativeOffsetOfLocalHeader))
    throw entryError(what, entry, 'its local header lies past the end of the zip')
  if (header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE)
    throw entryError(what, entry, 'invalid local file header signature')
  return entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28)
}

/** One small file: one read, one synchronous inflate, one hash, one write. */
function writeSmall(
  fd: number,
  buffer: Buffer,
  start: number,
  entry: ZipEntryData,
  target: string,
  mode: number,
  what: string
): Uint8Array {
  if (!readFully(fd, buffer, entry.compressedSize, start))
    throw entryError(what, entry, 'its data lies past the end of the zip')
  const compressed = buffer.subarray(0, entry.compressedSize)
  let data: Buffer
  if (entry.compressionMethod === 0) {
    data = compressed
  } else {
    try {
      // One byte more than declared is enough to tell a lying size, without inflating a bomb.
      data = inflateRawSync(compressed, { maxOutputLength: entry.uncompressedSize + 1 })
    } catch (error) {
      throw entryError(what, entry, error instanceof RangeError ? 'more data than its declared size' : String(error))
    }
  }
  if (data.length !== entry.uncompressedSize)
    throw entryError(what, entry, `${data.length} bytes, ${entry.uncompressedSize} declared`)
  const digest = new Uint8Array(createHash('sha256').update(data).digest())
  const out = openSync(target, 'wx', mode)
  try {
    for (let written = 0; written < data.length;) written += writeSync(out, data, written, data.length - written)
    if (mode !== 0o644) fchmodSync(out, mode)
  } finally {
    closeSync(out)
    if (data !== compressed) releaseNow(data)
  }
  return digest
}

/**
 * Frees an inflated buffer's memory now instead of at the next garbage collection. Each small file inflates into a
 * fresh buffer outside V8's heap (up to `SMALL_FILE_BYTES`); V8 collects them only after tens of MiB of such
 * garbage have piled up, which was most of the install's peak RSS. Detaching the buffer's ArrayBuffer
 * (`transfer(0)`, ES2024: Node 22 and later) releases its memory at once. Only a buffer that owns its whole
 * ArrayBuffer (not a slice of Node's shared pool, nor of a zlib engine's output chunk) is detached; `data` is not
 * used after this.
 */
export function releaseNow(data: Buffer): void {
  const owner = data.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer }
  if (typeof owner.transfer !== 'function') return
  if (data.byteOffset !== 0 || owner.byteLength !== data.length || data.length <= Buffer.poolSize) return
  owner.transfer(0)
}

/** One large file, streamed in bounded chunks: read, inflate (on the thread pool), hash, write. */
async function writeLarge(
  zipFile: string,
  start: number,
  entry: ZipEntryData,
  target: string,
  mode: number,
  what: string
): Promise<Uint8Array> {
  const hash = createHash('sha256')
  let size = 0
  const count = new Transform({
    highWaterMark: LARGE_CHUNK_BYTES,
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      if (size > entry.uncompressedSize) return done(entryError(what, entry, 'more data than its declared size'))
      hash.update(chunk)
      done(null, chunk)
    },
    flush(done) {
      done(
        size === entry.uncompressedSize
          ? null
          : entryError(what, entry, `${size} bytes, ${entry.uncompressedSize} declared`)
      )
    }
  })
  const source = createReadStream(zipFile, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: LARGE_CHUNK_BYTES
  })
  const steps =
    entry.compressionMethod === 0
      ? [source, count]
      : [source, createInflateRaw({ chunkSize: LARGE_CHUNK_BYTES }), count]
  const out = await open(target, 'wx', mode)
  try {
    if (mode !== 0o644) await out.chmod(mode)
  } catch (error) {
    await out.close()
    throw error
  }
  try {
    // The write stream owns the handle from here: it closes it when it finishes or fails.
    await pipeline([...steps, out.createWriteStream({ highWaterMark: LARGE_CHUNK_BYTES })] as const)
  } catch (error) {
    throw isFileSystemError(error)
      ? error
      : error instanceof ToolchainZipError
        ? error
        : entryError(what, entry, error instanceof Error ? error.message : String(error))
  }
  if (source.bytesRead !== entry.compressedSize) throw entryError(what, entry, 'its data lies past the end of the zip')
  return new Uint8Array(hash.digest())
}

/** An error of the file system (ENOSPC, EACCES, ...), as opposed to zlib's (Z_DATA_ERROR) or Node's (ERR_...). */
function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
}
