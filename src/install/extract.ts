/**
 * Installing a golang.org/toolchain module zip from a file on disk into a GOROOT directory (the shell around
 * src/go/toolchain/zip-plan.ts).
 *
 * API:
 * - `installToolchainZip({ zipFile, moduleVersion, goroot })` → `Promise<InstalledToolchain>`: checks every entry
 *   first (nothing is written for a bad zip), streams the files into a staging directory beside `goroot` (the zip is
 *   never held in memory), sets the exec bits and restores the go.mod files as the go command does, checks VERSION,
 *   then renames the staging directory to `goroot`, so a half-extracted tree is never found at `goroot`.
 *
 * The caller looks the module's h1: up in the checksum database and passes it as `expectedH1`: the installer hashes
 * the bytes it writes and installs nothing on a mismatch.
 */
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { chmod, copyFile, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import {
  goModRestorations,
  isExecutablePath,
  planToolchainExtraction,
  ToolchainZipError,
  type PlannedFile,
  type ZipEntryInfo
} from '../go/toolchain/zip-plan.js'
import { TOOLCHAIN_MODULE } from '../go/toolchain/list.js'
import { hash1 } from '../go/sumdb/dirhash.js'

/** How many zip entries are extracted at once. */
const WRITE_CONCURRENCY = 8

/** Options for `installToolchainZip`. */
export interface InstallToolchainZipOptions {
  /** The module zip on disk. */
  zipFile: string
  /** The golang.org/toolchain version the zip holds: `v0.0.1-go1.23.5.linux-amd64`. */
  moduleVersion: string
  /** The directory to create; it must not exist yet. Its parent is created when missing. */
  goroot: string
  /**
   * The module's `h1:` as the checksum database (or go.sum) holds it. When given, the installer hashes every entry's
   * bytes as it writes them and installs nothing unless they hash to this: what lands on disk is exactly what was
   * verified, whatever a zip parser might disagree about.
   */
  expectedH1?: string
  /** Defaults to `process.platform`; exec bits are set everywhere but on win32. */
  hostPlatform?: NodeJS.Platform
}

/** What `installToolchainZip` installed. */
export interface InstalledToolchain {
  /** The GOROOT: `goroot` as given. */
  goroot: string
  /** `<goroot>/bin/go` (`go.exe` for a windows toolchain). */
  goBinary: string
  /** The Go version from the installed VERSION file: `go1.23.5`. */
  goVersion: string
  /** Number of files written (go.mod restorations not counted). */
  files: number
  /** The `h1:` of the entries as written (equal to `expectedH1` when that was given). */
  h1: string
}

/**
 * Installs the toolchain zip `zipFile` at `goroot`. Rejects with a `ToolchainZipError` (bad entries, VERSION not
 * matching `moduleVersion`) or an I/O error; in every failure `goroot` is left absent and the staging directory is
 * removed.
 */
export async function installToolchainZip(options: InstallToolchainZipOptions): Promise<InstalledToolchain> {
  const { zipFile, moduleVersion, goroot } = options
  const m = /^v0\.0\.1-go(.+)\.([a-z0-9]+)-([a-z0-9]+)$/.exec(moduleVersion)
  if (!m) throw new Error(`not a ${TOOLCHAIN_MODULE} version: ${JSON.stringify(moduleVersion)}`)
  const expectedVersion = `go${m[1]}`
  const windowsToolchain = m[2] === 'windows'
  if (await exists(goroot)) throw new Error(`cannot install ${expectedVersion} at ${goroot}: it already exists`)

  const unreadable = (error: unknown) =>
    new ToolchainZipError(
      `${TOOLCHAIN_MODULE}@${moduleVersion} zip ${zipFile}: ${error instanceof Error ? error.message : String(error)}`
    )
  const zip = await yauzl
    .openPromise(zipFile, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      // A backslash is an error, not silently turned into a separator.
      strictFileNames: true,
      validateEntrySizes: true
    })
    .catch((error: unknown) => {
      throw unreadable(error)
    })
  let staging: string | undefined
  try {
    const entries = await readEntries(zip).catch((error: unknown) => {
      throw unreadable(error)
    })
    const plan = planToolchainExtraction(entries.map(entryInfo), moduleVersion)

    await mkdir(dirname(goroot), { recursive: true })
    const stagingDir = await mkdtemp(join(dirname(goroot), `.${basename(goroot)}.partial-`))
    staging = stagingDir
    const made = new Set<string>()
    const digests = new Map<number, Uint8Array>()
    const writeFile = async (file: PlannedFile): Promise<void> => {
      const target = join(stagingDir, ...file.path.split('/'))
      const parent = dirname(target)
      if (!made.has(parent)) {
        await mkdir(parent, { recursive: true })
        made.add(parent)
      }
      const entry = entries[file.entryIndex]
      const source = await zip.openReadStreamPromise(entry)
      const hash = createHash('sha256')
      // Modes from the zip are not trusted (as in the go command): 0644, exec bits below for bin and pkg/tool.
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            hash.update(chunk)
            yield chunk
          }
        },
        createWriteStream(target, { flags: 'wx', mode: 0o644 })
      ).catch((error: unknown) => {
        // File system errors carry a code (ENOSPC, EACCES); the zip reader's (bad sizes, bad deflate data) do not.
        if ((error as NodeJS.ErrnoException).code !== undefined) throw error
        throw new ToolchainZipError(
          `${TOOLCHAIN_MODULE}@${moduleVersion} zip entry ${JSON.stringify(entry.fileName)}: ${(error as Error).message}`,
          entry.fileName
        )
      })
      digests.set(file.entryIndex, new Uint8Array(hash.digest()))
    }
    // A few files at a time: most are small, and one at a time leaves the disk idle between them.
    // On a failure the other writers stop taking files and are waited for, so that nothing writes into the staging
    // directory while it is being removed.
    let next = 0
    let failed = false
    const writers = await Promise.allSettled(
      Array.from({ length: Math.min(WRITE_CONCURRENCY, plan.length) }, async () => {
        try {
          while (!failed && next < plan.length) await writeFile(plan[next++])
        } catch (error) {
          failed = true
          throw error
        }
      })
    )
    for (const writer of writers) if (writer.status === 'rejected') throw writer.reason
    const emptyDigest = new Uint8Array(createHash('sha256').digest())
    let h1: string
    try {
      h1 = hash1(entries.map((entry, i) => ({ name: entry.fileName, sha256: digests.get(i) ?? emptyDigest })))
    } catch (error) {
      throw new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip: ${(error as Error).message}`)
    }
    if (options.expectedH1 !== undefined && h1 !== options.expectedH1) {
      throw new ToolchainZipError(
        `${TOOLCHAIN_MODULE}@${moduleVersion} zip: checksum mismatch: its files hash to ${h1}, expected ${options.expectedH1}`
      )
    }

    if ((options.hostPlatform ?? process.platform) !== 'win32') {
      for (const file of plan) {
        if (isExecutablePath(file.path)) await chmod(join(staging, ...file.path.split('/')), 0o755)
      }
    }
    for (const copy of goModRestorations(plan)) {
      await copyFile(join(staging, ...copy.from.split('/')), join(staging, ...copy.to.split('/')))
    }

    const goVersion = (await readFile(join(staging, 'VERSION'), 'utf8').catch(() => '')).split('\n')[0].trim()
    if (goVersion !== expectedVersion) {
      throw new ToolchainZipError(
        `${TOOLCHAIN_MODULE}@${moduleVersion} zip holds ${goVersion ? JSON.stringify(goVersion) : 'no VERSION file'}, expected ${expectedVersion}`
      )
    }

    try {
      await rename(staging, goroot)
    } catch (error) {
      // Another install of the same toolchain finished first (rename onto a non-empty directory fails): theirs is
      // as complete as ours would be, but the caller asked for a fresh install and must know it did not happen.
      if (await exists(goroot)) {
        throw new Error(`cannot install ${expectedVersion} at ${goroot}: another install created it meanwhile`, {
          cause: error
        })
      }
      throw error
    }
    staging = undefined
    return {
      goroot,
      goBinary: join(goroot, 'bin', windowsToolchain ? 'go.exe' : 'go'),
      goVersion,
      files: plan.length,
      h1
    }
  } finally {
    zip.close()
    if (staging !== undefined) await rm(staging, { recursive: true, force: true, maxRetries: 3 })
  }
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = []
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry)
      zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', reject)
    zip.readEntry()
  })
}

function entryInfo(entry: yauzl.Entry): ZipEntryInfo {
  // The high 16 bits hold a Unix mode only when the zip was made on Unix (version made by, high byte 3).
  const unix = entry.versionMadeBy >> 8 === 3
  return {
    name: entry.fileName,
    unixMode: unix ? (entry.externalFileAttributes >>> 16) & 0xffff : 0,
    uncompressedSize: entry.uncompressedSize
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
