import { formatChain, type Chain } from '../go/proxy/chain.js'
import { redactUrl } from '../go/proxy/url.js'
import type { ProbeReport } from './report.js'

/**
 * The probe report as every reader sees it — the log table, the summary table, the dropped-proxy warnings, the
 * `probe-report` output and the CLI's `probe --json` — once the run has decided what it exports. The probe proposes a
 * chain; the decision may export another (on-unreachable warn: the chain as composed) or nothing (the step fails).
 * The report then names the chain actually exported (redacted), or '' when nothing is, and each proxy's position in
 * it, so that no reader says `direct` where another says `(none)`. When the step fails, every proxy that failed its
 * probe is shown as dropped. Pure.
 *
 * @param exported the chain the run exports; undefined when the step fails and exports nothing
 */
export function probeReportAsShown(report: ProbeReport, exported: Chain | undefined): ProbeReport {
  if (!exported) {
    return {
      ...report,
      chain: '',
      proxies: report.proxies.map(proxy => (proxy.status === 'ok' ? proxy : { ...proxy, position: null }))
    }
  }
  const position = new Map(exported.proxies.map((entry, i) => [redactUrl(entry.url), i + 1]))
  return {
    ...report,
    chain: formatChain(exported, true),
    proxies: report.proxies.map(proxy => ({ ...proxy, position: position.get(proxy.url) ?? null }))
  }
}

/** The chain as the log and the summary write it: `(none)` when nothing is exported. */
export function chainWord(report: ProbeReport): string {
  return report.chain || '(none)'
}
