import type { ProbeReport } from './report.js'

/**
 * The probe report as the log table, the summary table and the dropped-proxy warnings show it. The probe proposes a
 * chain (when no proxy works, the composed one, for on-unreachable: warn to keep); when the step fails nothing is
 * exported, so showing that chain as "exported" and a dead proxy at position 1 would contradict the failure: then
 * the chain is empty and every proxy that failed its probe is shown as dropped. Pure.
 */
export function probeReportAsShown(report: ProbeReport, stepFailed: boolean): ProbeReport {
  if (!stepFailed) return report
  return {
    ...report,
    chain: '',
    proxies: report.proxies.map(proxy => (proxy.status === 'ok' ? proxy : { ...proxy, position: null }))
  }
}
