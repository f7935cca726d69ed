/**
 * Installing a golang.org/toolchain module zip from a file on disk into a GOROOT directory (the shell around
 * src/go/toolchain/zip-plan.ts).
 *
 * API:
 * - `installToolchainZip({ zipFile, moduleVersion, goroot })` → `Promise<InstalledToolchain>`: checks every entry
 *   first (nothing is written for a bad zip), writes each file once into a staging directory beside `goroot`
 *   (unzip.ts: hashed as written, exec bits set as created, bounded buffers, the zip never held in memory), restores
 *   the go.mod files as the go command does, checks the h1: and VERSION, then renames the staging directory to
 *   `goroot`, so a half-extracted or unverified tree is never found at `goroot`.
 *
 * The caller looks the module's h1: up in the checksum database and passes it as `expectedH1`: the installer hashes
 * the bytes it writes and installs nothing on a mismatch.
 */
import { createHash } from 'node:crypto'
import { rmSync } from 'node:fs'
import { chmod, copyFile, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import {
  goModRestorations,
  isExecutablePath,
  planToolchainExtraction,
  ToolchainZipError,
  type ZipEntryInfo
} from '../go/toolchain/zip-plan.js'
import { TOOLCHAIN_MODULE } from '../go/toolchain/list.js'
import { hash1 } from '../go/sumdb/dirhash.js'
import { onCancel } from '../exec/cancel.js'
import { readZipEntries, writeZipEntries, type ZipDirectoryEntry } from './unzip.js'

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
  const windowsHost = (options.hostPlatform ?? process.platform) === 'win32'
  if (await exists(goroot)) throw new Error(`cannot install ${expectedVersion} at ${goroot}: it already exists`)

  const unreadable = (error: unknown) =>
    new ToolchainZipError(
      `${TOOLCHAIN_MODULE}@${moduleVersion} zip ${zipFile}: ${error instanceof Error ? error.message : String(error)}`
    )
  let staging: string | undefined
  let forgetStaging: (() => void) | undefined
  try {
    const entries = await readZipEntries(zipFile).catch((error: unknown) => {
      throw unreadable(error)
    })
    const plan = planToolchainExtraction(entries.map(entryInfo), moduleVersion)

    await mkdir(dirname(goroot), { recursive: true })
    const stagingDir = await mkdtemp(join(dirname(goroot), `.${basename(goroot)}.partial-`))
    staging = stagingDir
    // A cancel in the middle of the extraction removes the ~200 MB written so far (synchronously: no writer runs
    // between the removal and the exit).
    forgetStaging = onCancel(() => rmSync(stagingDir, { recursive: true, force: true, maxRetries: 3 }))
    const what = `${TOOLCHAIN_MODULE}@${moduleVersion}`
    // Each file once, hashed as it is written, exec bits set as it is created (no second pass over the tree).
    const digests = await writeZipEntries({
      zipFile,
      entries,
      files: plan,
      dir: stagingDir,
      executable: path => windowsHost === false && isExecutablePath(path),
      what
    })
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

    for (const copy of goModRestorations(plan)) {
      await copyFile(join(staging, ...copy.from.split('/')), join(staging, ...copy.to.split('/')))
    }

    const goVersion = (await readFile(join(staging, 'VERSION'), 'utf8').catch(() => '')).split('\n')[0].trim()
    if (goVersion !== expectedVersion) {
      throw new ToolchainZipError(
        `${TOOLCHAIN_MODULE}@${moduleVersion} zip holds ${goVersion ? JSON.stringify(goVersion) : 'no VERSION file'}, expected ${expectedVersion}`
      )
    }

    // mkdtemp made the staging directory 0700: the installed GOROOT is 0755, as setup-go's installs, so that other
    // users (container jobs with --user, multi-user hosts) can run it.
    if ((options.hostPlatform ?? process.platform) !== 'win32') await chmod(staging, 0o755)
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
    forgetStaging?.()
    if (staging !== undefined) await rm(staging, { recursive: true, force: true, maxRetries: 3 })
  }
}

function entryInfo(entry: ZipDirectoryEntry): ZipEntryInfo {
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
