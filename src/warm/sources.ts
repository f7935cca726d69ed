/**
 * A failed module, explained with who answered it: the warm phase's forwarder saw every request go (and the
 * prefetch) made, so a checksum mismatch names the proxy that served the bytes. `explainFailure` is pure;
 * `explainFailures` asks the forwarder.
 */
import { quote } from '../go/errors.js'
import { escapeModulePath } from '../go/module/path.js'
import type { Diagnosis } from './diagnose.js'
import type { Forwarder } from './forwarder/types.js'
import type { WarmFailure } from './judge.js'

/** What the forwarder knows about one failed module. */
export interface FailureSources {
  /** Who served the bytes go found altered (the zip, or the go.mod for a go.mod mismatch). */
  readonly servedBy?: string
}

const MISMATCH = new Set(['checksum-mismatch-gosum', 'checksum-mismatch-sumdb'])

/**
 * The diagnosis with what the sources add. A checksum mismatch: the proxy that served the bytes, first thing in the
 * sentence, quoted inertly (it is a URL from the configuration, shown as a value, never as markup).
 */
export function explainFailure(diagnosis: Diagnosis, sources: FailureSources): Diagnosis {
  if (MISMATCH.has(diagnosis.kind) && sources.servedBy) {
    return {
      ...diagnosis,
      message: `Served by ${quote(sources.servedBy)}: ${diagnosis.message}`,
      host: sources.servedBy
    }
  }
  return diagnosis
}

/** The request paths of a module's files, as the forwarder's ledger keys them. */
function filePaths(module: string, version: string): { mod: string; zip: string } {
  const base = `${escapeModulePath(module)}/@v/${escapeModulePath(version)}`
  return { mod: `${base}.mod`, zip: `${base}.zip` }
}

/** Explains each failure with the forwarder's sources (before it closes). */
export function explainFailures(failures: WarmFailure[], forwarder: Pick<Forwarder, 'sources'>): void {
  failures.forEach(failure => {
    const { diagnosis } = failure
    const module = diagnosis.module ?? failure.path
    const version = diagnosis.version ?? failure.version
    if (!module || !version) return
    const paths = filePaths(module, version)
    const goModOnly = /go\.mod: checksum mismatch|verifying go\.mod/.test(failure.error)
    const servedBy = forwarder.sources.servedBy(goModOnly ? paths.mod : paths.zip)
    failure.diagnosis = explainFailure(diagnosis, servedBy ? { servedBy } : {})
  })
}
