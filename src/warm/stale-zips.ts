/**
 * A zip already in the module cache before the warm phase (restored from the Actions cache, or left by an earlier job on
 * a self-hosted runner) that go rejects with a checksum mismatch: go hashed it when it first used it (a restored zip
 * comes without its .ziphash, src/cache/policy.ts MODULE_ENTRY_SUFFIXES) and it is not what go.sum records. go never
 * fetches such a zip again by itself; removed, it is fetched from the proxy on the set's next run and verified as any
 * download. A mismatch on a zip this phase downloaded is the proxy's (or go.sum's) and stays a failure.
 */
import { rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { moduleFilePath } from '../go/module/path.js'
import type { WarmFailure } from './judge.js'

/** Whether go refused the module's bytes for not matching go.sum or the checksum database. */
export function isChecksumMismatch(failure: WarmFailure): boolean {
  return failure.diagnosis.kind === 'checksum-mismatch-gosum' || failure.diagnosis.kind === 'checksum-mismatch-sumdb'
}

/**
 * Removes, for each checksum-mismatch failure among `failures`, the module's zip (and any .ziphash go wrote) when the
 * zip was in `gomodcache` before `startedMs`; returns the failures whose zip it removed.
 */
export async function removeStaleZips(
  failures: readonly WarmFailure[],
  gomodcache: string | undefined,
  startedMs: number
): Promise<WarmFailure[]> {
  if (!gomodcache) return []
  const removed: WarmFailure[] = []
  for (const failure of failures.filter(isChecksumMismatch)) {
    if (!failure.version) continue
    const zip = join(
      gomodcache,
      'cache',
      'download',
      ...moduleFilePath(failure.path, failure.version, 'zip').split('/')
    )
    const written = await stat(zip).then(
      s => s.mtimeMs,
      () => undefined
    )
    if (written === undefined || written >= startedMs) continue
    await Promise.all([rm(zip, { force: true }), rm(`${zip}hash`, { force: true })])
    removed.push(failure)
  }
  return removed
}
