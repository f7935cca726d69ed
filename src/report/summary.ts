import { renderInstallLine } from '../install/line.js'
import type { RunRecord } from '../pipeline/record.js'
import { probeTableMarkdown, sumdbCheckMarkdown } from '../probe/table.js'
import { GO_VARIABLES, type GoVariable } from '../settings/compose.js'
import { inertMarkdown } from './markdown.js'
import { renderWarmSection } from './warm-section.js'

/** The parts of the job summary; each section is optional markdown made by its own module. */
export interface SummaryParts {
  /** The package version that ran (the heading says it, so a job's summary tells which release it used). */
  readonly version?: string
  /** The one-line answer to "is my job ready, and how fast was it" (verdictLine). */
  readonly verdict?: string
  readonly effective: Readonly<Record<GoVariable, string>>
  readonly exported: ReadonlySet<string>
  readonly chainSource: string
  readonly probeTable?: string
  readonly sumdbVerdict?: string
  readonly warmSection?: string
  /** One line about the Go this action installed (go-version), from renderInstallLine. */
  readonly installLine?: string
  readonly notes: readonly string[]
  readonly failure?: string
}

function cell(value: string): string {
  return value === '' ? '_(empty)_' : `\`${value.replace(/\|/g, '\\|').replace(/`/g, "'")}\``
}

function heading(version: string | undefined): string {
  return version ? `## setup-goproxy ${version}` : '## setup-goproxy'
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

/**
 * The summary's first line: whether the job is ready and how long the step took, then what it got (the chain, the
 * fastest proxy, the Go installed, the module cache). Pure.
 */
export function verdictLine(record: RunRecord, elapsedMs: number | undefined): string {
  const took = elapsedMs === undefined ? '' : ` in ${seconds(elapsedMs)}`
  if (record.failure) {
    const why = inertMarkdown(record.failure.split('\n')[0] ?? '')
    return `**Not ready**${elapsedMs === undefined ? '' : ` after ${seconds(elapsedMs)}`}: ${why}`
  }
  const parts = [`GOPROXY ${cell(record.environment.effective.GOPROXY)}`]
  const fastest = record.probe?.fastest
  const median = record.probe?.report.proxies.find(p => p.url === fastest)?.medianMs
  if (fastest) parts.push(`fastest ${cell(fastest)}${median === null || median === undefined ? '' : ` (${median} ms)`}`)
  const go = record.installedGo
  if (go) parts.push(go.cacheHit ? `Go ${go.version} (already installed)` : `Go ${go.version} installed`)
  const warm = record.warm
  if (warm)
    parts.push(`module cache warm: ${warm.downloaded} downloaded, ${warm.cached} cached, ${warm.seconds.toFixed(1)} s`)
  return `**Ready**${took}: ${parts.join('; ')}.`
}

/** The environment section: a row for each variable this step set, one line for the rest. */
function environmentLines(parts: SummaryParts): string[] {
  if (parts.failure && parts.exported.size === 0) {
    return ["Nothing was exported: the step failed. Later steps see the job's own Go environment.", '']
  }
  const lines: string[] = []
  const set = GO_VARIABLES.filter(name => parts.exported.has(name))
  if (set.length > 0) {
    lines.push(
      '| variable | value |',
      '|---|---|',
      ...set.map(name => `| ${name} | ${cell(parts.effective[name])} |`),
      ''
    )
  }
  const kept = GO_VARIABLES.filter(name => !parts.exported.has(name))
  if (kept.length > 0) {
    const named = kept.map(name => (parts.effective[name] === '' ? name : `${name}=${cell(parts.effective[name])}`))
    lines.push(`Not changed by this step (Go's default or the job's environment): ${named.join(', ')}.`, '')
  }
  lines.push(`GOPROXY came from: ${parts.chainSource}.`, '')
  return lines
}

/**
 * Renders the job summary as markdown. Pure: every value in it is already redacted, and text from outside (notes,
 * the failure, table cells) is made inert here; the shell only writes it. It opens with the verdict, then follows what the action did: env, probe, warm.
 */
export function renderSummary(parts: SummaryParts): string {
  const lines: string[] = [heading(parts.version), '']
  if (parts.verdict) lines.push(parts.verdict, '')
  // The failure quotes go and the proxies: inert (no link, image, HTML or comment of theirs).
  if (parts.failure)
    lines.push(`> [!CAUTION]`, ...parts.failure.split('\n').map(line => `> ${inertMarkdown(line)}`), '')
  lines.push('### Go module environment', '', ...environmentLines(parts))
  if (parts.probeTable) lines.push('### Probe', '', parts.probeTable, '')
  if (parts.sumdbVerdict) lines.push(parts.sumdbVerdict, '')
  if (parts.installLine) lines.push('### Go', '', parts.installLine, '')
  if (parts.warmSection) lines.push('### Module cache', '', parts.warmSection, '')
  if (parts.notes.length > 0) lines.push('### Notes', '', ...parts.notes.map(note => `- ${inertMarkdown(note)}`), '')
  return lines.join('\n')
}

/**
 * The summary of a run that ended before it had a record (invalid input): the verdict, what failed, and that nothing
 * was exported. Pure.
 */
export function failedSummary(failure: string, meta: { version?: string; elapsedMs?: number } = {}): string {
  const took = meta.elapsedMs === undefined ? '' : ` after ${seconds(meta.elapsedMs)}`
  return [
    heading(meta.version),
    '',
    `**Not ready**${took}: ${failure.split('\n')[0]}`,
    '',
    '> [!CAUTION]',
    `> ${failure.split('\n').join('\n> ')}`,
    '',
    "Nothing was exported: the step failed before the probe. Later steps see the job's own Go environment.",
    ''
  ].join('\n')
}

/** The summary of one run, from its record: what each phase left. */
export function summaryOf(record: RunRecord, meta: { version?: string; elapsedMs?: number } = {}): string {
  const { probe, warm, installedGo } = record
  return renderSummary({
    ...(meta.version ? { version: meta.version } : {}),
    verdict: verdictLine(record, meta.elapsedMs),
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
    notes: [...record.plan.warnings, ...(probe?.report.notes ?? []), ...(warm?.notes ?? [])],
    failure: record.failure
  })
}
