import { markdownCell as cell } from '../probe/table.js'
import type { WarmReport } from '../warm/warm.js'

/**
 * The warm phase for the job summary: the figures, then one row per failed module
 * with its diagnosis in plain words. Pure; every text in the report is already redacted.
 */
export function renderWarmSection(warm: WarmReport): string {
  const lines = [
    `| downloaded | already cached | failed | attempts | seconds |`,
    `|---|---|---|---|---|`,
    `| ${warm.downloaded} | ${warm.cached} | ${warm.failed.length} | ${warm.attempts} | ${warm.seconds.toFixed(1)} |`,
    '',
    `Directories: ${warm.directories.map(dir => `\`${dir}\``).join(', ') || '_(none)_'}.`
  ]
  const p = warm.prefetch
  if (p) {
    lines.push(
      '',
      `Prefetch (concurrency ${p.concurrency}): ${p.files} files (${mib(p.bytes)}) fetched ahead of go, ${p.served} used by go, ${p.unused} unused (${mib(p.unusedBytes)}); peak ${mib(p.peakMemoryBytes)} in memory, ${p.spooled} spooled to disk; ${p.cached} already cached.`
    )
  }
  if (warm.chainChanged) lines.push('', 'A proxy failed during warming and was dropped from the exported GOPROXY.')
  if (warm.failed.length > 0) {
    lines.push('', '| module | what went wrong | what to change |', '|---|---|---|')
    for (const failure of warm.failed) {
      const module = failure.version ? `${failure.path}@${failure.version}` : failure.path
      lines.push(
        `| \`${cell(module)}\` | ${cell(failure.diagnosis.message)} | ${cell(failure.diagnosis.suggestion ?? '')} |`
      )
    }
  }
  return lines.join('\n')
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}
