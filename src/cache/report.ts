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
  return `${what}: ${part.kind} hit ${part.matchedKey} (${size(part.files, part.bytes)} on disk)`
}

/** One log line per saved (or not saved) part. */
export function saveLine(part: SavedPart): string {
  const what = part.part === 'modules' ? 'Module cache' : 'Build cache'
  const trimmed = part.trimmed ? `; ${size(part.trimmed.files, part.trimmed.bytes)} unused by this job left out` : ''
  if (part.saved) return `${what}: saved ${part.key} (${size(part.files, part.bytes)}${trimmed})`
  return `${what}: not saved: ${part.reason ?? 'the cache service did not take it'}${trimmed}`
}

/** The summary table of the main step: what each part restored. */
export function restoreTable(parts: readonly RestoredPart[]): string {
  const rows = parts.map(
    p =>
      `| ${LABEL[p.part]} | ${p.problem ? `none (${p.problem.replace(/\|/g, '\\|')})` : p.kind} | ${p.matchedKey ? code(p.matchedKey) : code(p.key)} | ${size(p.files, p.bytes)} |`
  )
  return ['| cache | restored | key | on disk after restore |', '|---|---|---|---|', ...rows].join('\n')
}

/** The summary table of the post step: what each part saved. */
export function saveTable(parts: readonly SavedPart[]): string {
  const rows = parts.map(
    p =>
      `| ${LABEL[p.part]} | ${p.saved ? 'saved' : `not saved: ${(p.reason ?? 'refused by the cache service').replace(/\|/g, '\\|')}`} | ${p.key ? code(p.key) : ''} | ${size(p.files, p.bytes)} | ${p.trimmed ? size(p.trimmed.files, p.trimmed.bytes) : ''} |`
  )
  return [
    '| cache | saved | key | size (uncompressed) | left out (unused this job) |',
    '|---|---|---|---|---|',
    ...rows
  ].join('\n')
}
