/**
 * The restored module zips this job's go.sum does not vouch for, removed before go sees them. go hashes each restored
 * zip and checks it against go.sum when it first uses it (the entry holds no .ziphash: see MODULE_ENTRY_SUFFIXES), but
 * a zip go.sum does not record is checked against the checksum database only where one applies: for a private module
 * (GONOSUMDB, GOPRIVATE) go would take the cached bytes on trust. Such zips are an earlier go.sum's modules (a partial
 * hit), which this build does not read; removing them keeps the rule simple (a restored zip reaches go only when go.sum
 * names its hash) and keeps an entry from carrying versions no job uses any more into the next.
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { recordedKey, type RecordedSums } from '../go/modfile/gosum.js'
import { parseModuleFilePath } from '../go/module/path.js'
import type { TimedEntry } from './policy.js'

/** What the check did: the restored zips go.sum records (kept) and the others (removed). */
export interface UnrecordedZips {
  readonly kept: number
  readonly removed: number
}

/**
 * Removes every `.zip` among `files` (relative to `download`, what the restore wrote) for which `sums` (this job's
 * go.sum files) record no hash. Never throws (the files were written moments ago by this step's own tar, as this user).
 */
export async function removeUnrecordedZips(
  download: string,
  files: readonly TimedEntry[],
  sums: RecordedSums
): Promise<UnrecordedZips> {
  const zips = files.filter(file => file.path.endsWith('.zip')).map(file => file.path)
  const unrecorded = zips.filter(rel => {
    const file = parseModuleFilePath(rel)
    return !file || (sums.get(recordedKey(file.path, file.version, false))?.size ?? 0) === 0
  })
  await Promise.all(unrecorded.map(rel => rm(join(download, rel), { force: true }).catch(() => undefined)))
  return { kept: zips.length - unrecorded.length, removed: unrecorded.length }
}
