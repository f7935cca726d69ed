/** The cache phase's lines for the log and its table for the job summary (pure). */
import { formatBytes, type CachePart, type RestoreKind } from './policy.js'

export interface RestoredPart {
  readonly part: CachePart
  readonly kind: RestoreKind
  /** The key asked for (the build entry has only a prefix). */
  readonly key: string
  readonly matchedKey?: string
  /** What the tree holds after the restore. */
  readonly files: number
  readonly bytes: number
  /** Why nothing was restored when the service failed or was given up on. */
  readonly problem?: string
  /** The delta of the matched base restored after it (its key and the files it added), if any. */
  readonly delta?: { readonly key: string; readonly files: number; readonly bytes: number }
  /** Why no delta was applied although the base matched (a failed or given-up restore). */
  readonly deltaProblem?: string
  /** Module cache: the restored zips this job's go.sum records, and those it does not (removed: src/cache/unrecorded-zips.ts). */
  readonly zips?: { readonly kept: number; readonly removed: number }
}

export interface SavedPart {
  readonly part: CachePart
  readonly saved: boolean
  readonly key?: string
  readonly files: number
  readonly bytes: number
  /** Why it was not saved. */
  readonly reason?: string
  /** Build cache: entries left out because this job did not use them. */
  readonly trimmed?: { readonly files: number; readonly bytes: number }
  /** The entry saved is a delta of this base (it holds only what the job kept beyond it). */
  readonly deltaOf?: string
  /** Why a full entry was saved although a base was restored (the delta would have been too large). */
  readonly fullBecause?: string
  /** The reason asks the user to act (an exact hit's entries hold files go refused): logged as a warning. */
  readonly warn?: boolean
}

const LABEL: Record<CachePart, string> = {
  modules: 'modules (`GOMODCACHE/cache/download`)',
  build: 'build (`GOCACHE`)'
}

function code(value: string): string {
  return `\`${value.replace(/[`|\\<>]/g, ch => `\\${ch}`)}\``
}

const size = (files: number, bytes: number) => `${files} files, ${formatBytes(bytes)}`

/** One log line per restored part. */
export function restoreLine(part: RestoredPart): string {
  const what = part.part === 'modules' ? 'Module cache' : 'Build cache'
  if (part.problem) return `${what}: nothing restored (${part.problem})`
  if (part.kind === 'none') return `${what}: no entry for ${part.key} (cold: ${size(part.files, part.bytes)} on disk)`
  const delta = part.delta
    ? ` + delta ${part.delta.key} (${size(part.delta.files, part.delta.bytes)})`
    : part.deltaProblem
      ? ` (its delta not restored: ${part.deltaProblem})`
      : ''
  return `${what}: ${part.kind} hit ${part.matchedKey}${delta} (${size(part.files, part.bytes)} on disk)${checkedZips(part)}`
}

/** `; 3 restored zip(s) not in this job's go.sum removed`, when there were any. */
function checkedZips(part: RestoredPart): string {
  const removed = part.zips?.removed ?? 0
  return removed ? `; ${removed} restored zip(s) not in this job's go.sum removed` : ''
}

/** One log line per saved (or not saved) part. */
export function saveLine(part: SavedPart): string {
  const what = part.part === 'modules' ? 'Module cache' : 'Build cache'
  const trimmed = part.trimmed ? `; ${size(part.trimmed.files, part.trimmed.bytes)} unused by this job left out` : ''
  if (part.saved && part.deltaOf) {
    return `${what}: saved delta ${part.key} (${size(part.files, part.bytes)}) of base ${part.deltaOf}`
  }
  const full = part.fullBecause ? `; a full entry: ${part.fullBecause}` : ''
  if (part.saved) return `${what}: saved ${part.key} (${size(part.files, part.bytes)}${trimmed}${full})`
  return `${what}: not saved: ${part.reason ?? 'the cache service did not take it'}${trimmed}`
}

/** The summary table of the main step: what each part restored. */
export function restoreTable(parts: readonly RestoredPart[]): string {
  const rows = parts.map(
    p =>
      `| ${LABEL[p.part]} | ${p.problem ? `none (${p.problem.replace(/\|/g, '\\|')})` : p.delta ? `${p.kind} + delta` : p.kind}${p.zips?.removed ? `; ${p.zips.removed} zip(s) not in go.sum removed` : ''} | ${p.matchedKey ? code(p.matchedKey) : code(p.key)}${p.delta ? ` + ${code(p.delta.key)}` : ''} | ${size(p.files, p.bytes)} |`
  )
  return ['| cache | restored | key | on disk after restore |', '|---|---|---|---|', ...rows].join('\n')
}

/** The summary table of the post step: what each part saved. */
export function saveTable(parts: readonly SavedPart[]): string {
  const rows = parts.map(
    p =>
      `| ${LABEL[p.part]} | ${p.saved ? (p.deltaOf ? `saved delta of ${code(p.deltaOf)}` : 'saved') : `not saved: ${(p.reason ?? 'refused by the cache service').replace(/\|/g, '\\|')}`} | ${p.key ? code(p.key) : ''} | ${size(p.files, p.bytes)} | ${p.trimmed ? size(p.trimmed.files, p.trimmed.bytes) : ''} |`
  )
  return [
    '| cache | saved | key | size (uncompressed) | left out (unused this job) |',
    '|---|---|---|---|---|',
    ...rows
  ].join('\n')
}
