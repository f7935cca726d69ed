import { renderInstallLine } from '../install/line.js'
import { restoreTable } from '../cache/report.js'
import type { RunRecord } from '../pipeline/record.js'
import { probeTableMarkdown, sumdbCheckMarkdown } from '../probe/table.js'
import { GO_VARIABLES, type GoVariable } from '../settings/compose.js'
import { renderWarmSection } from './warm-section.js'

/** The parts of the job summary; each section is optional markdown made by its own module. */
export interface SummaryParts {
  readonly effective: Readonly<Record<GoVariable, string>>
  readonly exported: ReadonlySet<string>
  readonly chainSource: string
  readonly probeTable?: string
  readonly sumdbVerdict?: string
  readonly warmSection?: string
  /** One line about the Go this action installed (go-version), from renderInstallLine. */
  readonly installLine?: string
  /** What the cache phase restored (src/cache/report.ts). */
  readonly cacheTable?: string
  readonly notes: readonly string[]
  readonly failure?: string
}

function cell(value: string): string {
  return value === '' ? '_(empty)_' : `\`${value.replace(/\|/g, '\\|').replace(/`/g, "'")}\``
}

/**
 * Renders the job summary as markdown. Pure: every value in it is already redacted;
 * the shell only writes it. Order follows what the action did: env, probe, warm.
 */
export function renderSummary(parts: SummaryParts): string {
  const lines: string[] = ['## setup-goproxy', '']
  if (parts.failure) lines.push(`> [!CAUTION]`, `> ${parts.failure.split('\n').join('\n> ')}`, '')
  lines.push('### Go module environment', '', '| variable | value | |', '|---|---|---|')
  for (const name of GO_VARIABLES) {
    const how = parts.exported.has(name)
      ? 'exported'
      : parts.failure && parts.exported.size === 0
        ? 'not exported (the step failed)'
        : 'unchanged (Go default or job environment)'
    lines.push(`| ${name} | ${cell(parts.effective[name])} | ${how} |`)
  }
  lines.push('', `GOPROXY came from: ${parts.chainSource}.`, '')
  if (parts.probeTable) lines.push('### Probe', '', parts.probeTable, '')
  if (parts.sumdbVerdict) lines.push(parts.sumdbVerdict, '')
  if (parts.installLine) lines.push('### Go', '', parts.installLine, '')
  if (parts.cacheTable) lines.push('### Caches restored', '', parts.cacheTable, '')
  if (parts.warmSection) lines.push('### Module cache', '', parts.warmSection, '')
  if (parts.notes.length > 0) lines.push('### Notes', '', ...parts.notes.map(note => `- ${note}`), '')
  return lines.join('\n')
}

/** The summary of one run, from its record: what each phase left. */
export function summaryOf(record: RunRecord): string {
  const { probe, warm, installedGo } = record
  return renderSummary({
    effective: record.environment.effective,
    exported: new Set(Object.keys(record.environment.exports)),
    chainSource: record.plan.chainSource,
    probeTable: probe
      ? probeTableMarkdown(probe.report)
      : record.settings.probe
        ? undefined
        : 'Probe turned off (`probe: false`): the chain is exported as composed.',
    sumdbVerdict: probe ? sumdbCheckMarkdown(probe.report) : undefined,
    warmSection: warm ? renderWarmSection(warm) : undefined,
    installLine: installedGo ? renderInstallLine(installedGo) : undefined,
    cacheTable: record.caches?.length ? restoreTable(record.caches) : undefined,
    notes: [...record.plan.warnings, ...(probe?.report.notes ?? []), ...(warm?.notes ?? [])],
    failure: record.failure
  })
}
