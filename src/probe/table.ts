import { inertMarkdown } from '../report/markdown.js'
import type { ProbeReport, ProxyResult, SumdbCheck } from './report.js'
import { chainWord } from './shown.js'

/** The probe table in two forms: markdown for the job summary, aligned text for the log. Pure. */

const HEADERS = ['proxy', 'result', 'median', 'checksum DB', 'position'] as const

function resultText(proxy: ProxyResult): string {
  if (proxy.status !== 'ok') return proxy.message
  const failed = proxy.attempts - proxy.samplesMs.length
  const samples = `${proxy.samplesMs.length} sample${proxy.samplesMs.length === 1 ? '' : 's'}`
  return failed > 0 ? `${proxy.message} (${samples}; ${failed} more failed)` : `${proxy.message} (${samples})`
}

function medianText(proxy: ProxyResult): string {
  return proxy.medianMs === null ? '-' : `${proxy.medianMs} ms`
}

function sumdbText(proxy: ProxyResult): string {
  switch (proxy.sumdbSupport) {
    case 'yes':
      return 'proxied'
    case 'no':
      return 'not proxied'
    case 'error':
      return `error: ${proxy.sumdbMessage ?? 'unknown'}`
    case 'unknown':
    case 'not asked':
      return '-'
  }
}

function positionText(proxy: ProxyResult): string {
  return proxy.position === null ? 'dropped' : String(proxy.position)
}

function rows(report: ProbeReport): string[][] {
  return report.proxies.map(p => [p.url, resultText(p), medianText(p), sumdbText(p), positionText(p)])
}

/** Text made safe for one markdown table cell: inert (src/core/markdown.ts), one line, `|` escaped. */
export function markdownCell(text: string): string {
  return inertMarkdown(text)
}

/** One warning per proxy the probe left out of the chain, with its reason (the action and the CLI say the same). */
export function droppedWarnings(report: ProbeReport): string[] {
  return report.proxies.filter(proxy => proxy.position === null).map(proxy => `Dropped ${proxy.url}: ${proxy.message}`)
}

/** The checksum-DB check as one sentence. */
export function sumdbCheckText(check: SumdbCheck): string {
  if (check.status === 'off') return `Checksum database: ${check.message}`
  const timing = check.ms === undefined ? '' : ` (${check.ms} ms)`
  const state = check.status === 'failed' ? 'FAILED' : check.status === 'switched' ? 'switched' : 'ok'
  return `Checksum database ${check.name}: ${state}: ${check.message}${timing}`
}

/** The probe table as GitHub markdown, for the job summary (every URL already redacted). */
export function probeTableMarkdown(report: ProbeReport): string {
  const lines = [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`]
  for (const row of rows(report)) lines.push(`| ${row.map(markdownCell).join(' | ')} |`)
  lines.push(
    '',
    `Probe module \`${report.module}\`, ${report.elapsedMs} ms of ${report.timeoutMs} ms, order: ${report.order}. Exported chain: \`${chainWord(report)}\`.`
  )
  return lines.join('\n')
}

/** The checksum-DB check as markdown, for the job summary. */
export function sumdbCheckMarkdown(report: ProbeReport): string {
  return markdownCell(sumdbCheckText(report.sumdb))
}

/**
 * The probe table as aligned text for the log. The result comes last (it is the
 * longest column), so the short columns line up.
 */
export function probeTableText(report: ProbeReport): string {
  const order = [0, 4, 2, 3, 1]
  const table = [[...HEADERS], ...rows(report)].map(row => order.map(i => row[i]))
  const widths = order.map((_, c) => Math.max(...table.map(row => row[c].length)))
  const lines = table.map(row =>
    row
      .map((text, c) => (c === row.length - 1 ? text : text.padEnd(widths[c])))
      .join('  ')
      .trimEnd()
  )
  lines.push(
    `probe: ${report.elapsedMs} ms of ${report.timeoutMs} ms; module ${report.module}; order ${report.order}`,
    `chain: ${chainWord(report)}`,
    sumdbCheckText(report.sumdb)
  )
  return lines.join('\n')
}
