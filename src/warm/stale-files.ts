/**
 * A file already in the module cache before the warm phase (restored from the Actions cache, or left by an earlier job
 * on a self-hosted runner) that go rejects with a checksum mismatch: a zip go hashed when it first used it (a restored
 * zip comes without its .ziphash, src/cache/policy.ts MODULE_ENTRY_SUFFIXES), or a go.mod, which go checks against
 * go.sum each time it reads it. go never fetches such a file again by itself; removed, it is fetched from the proxy on
 * the set's next run and verified as any download. A mismatch on a file this phase downloaded is the proxy's (or
 * go.sum's) and stays a failure.
 */
import { rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { MODULE_DOWNLOAD_DIR, moduleFilePath } from '../go/module/path.js'
import type { WarmFailure } from './judge.js'

/** Whether go refused the module's bytes for not matching go.sum or the checksum database. */
export function isChecksumMismatch(failure: WarmFailure): boolean {
  return failure.diagnosis.kind === 'checksum-mismatch-gosum' || failure.diagnosis.kind === 'checksum-mismatch-sumdb'
}

/** Which of the module's files go refused: its go.mod (the diagnosis read `m@v/go.mod: checksum mismatch`), else its zip. */
export function refusedFile(failure: WarmFailure): 'mod' | 'zip' {
  return failure.diagnosis.goMod ? 'mod' : 'zip'
}

/**
 * Removes, for each checksum-mismatch failure among `failures`, the module's refused file (a zip with any .ziphash go
 * wrote, or a .mod) when it was in `gomodcache` before `startedMs`; returns the failures whose file it removed.
 */
export async function removeStaleFiles(
  failures: readonly WarmFailure[],
  gomodcache: string | undefined,
  startedMs: number
): Promise<WarmFailure[]> {
  if (!gomodcache) return []
  const removed: WarmFailure[] = []
  for (const failure of failures.filter(isChecksumMismatch)) {
    if (!failure.version) continue
    const kind = refusedFile(failure)
    const file = join(
      gomodcache,
      ...MODULE_DOWNLOAD_DIR,
      ...moduleFilePath(failure.path, failure.version, kind).split('/')
    )
    const written = await stat(file).then(
      s => s.mtimeMs,
      () => undefined
    )
    if (written === undefined || written >= startedMs) continue
    await Promise.all([rm(file, { force: true }), kind === 'zip' ? rm(`${file}hash`, { force: true }) : undefined])
    removed.push(failure)
  }
  return removed
}
