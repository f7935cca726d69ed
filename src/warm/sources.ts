/**
 * A failed module, explained with who answered it: the warm phase's forwarder saw every request go (and the
 * prefetch) made, so a checksum mismatch names the proxy that served the bytes, and a module every proxy answered
 * 404 for is called public (no `private:` hint) when the checksum database knows it. `explainFailure` is pure;
 * `explainFailures` asks the forwarder.
 */
import { matchesPrefixPatterns } from '../go/env/patterns.js'
import { quote } from '../go/errors.js'
import { escapeModulePath } from '../go/module/path.js'
import { ACTION_WORDING, type Wording } from '../host/wording.js'
import type { Diagnosis } from './diagnose.js'
import type { Forwarder } from './forwarder/types.js'
import type { WarmFailure } from './judge.js'

/** What the forwarder knows about one failed module. */
export interface FailureSources {
  /** Who served the bytes go found altered (the zip, or the go.mod for a go.mod mismatch). */
  readonly servedBy?: string
  /** The proxies that answered 404/410 for the module's files. */
  readonly notFoundBy: readonly string[]
  /** Whether the checksum database knows the module@version (undefined: not asked, or no clear answer). */
  readonly sumdbKnows?: boolean
}

const MISMATCH = new Set(['checksum-mismatch-gosum', 'checksum-mismatch-sumdb'])
const NOT_FOUND = new Set(['not-found', 'gone'])

/**
 * The diagnosis with what the sources add. A checksum mismatch: the proxy that served the bytes, first thing in the
 * sentence, quoted inertly (it is a URL from the configuration, shown as a value, never as markup). A module no proxy
 * had while the checksum database knows it: it is public, so the `private:` hint would be wrong; the proxies that
 * answered 404 serve only private modules (or are misconfigured), and a public source belongs after them.
 */
export function explainFailure(
  diagnosis: Diagnosis,
  sources: FailureSources,
  words: Wording = ACTION_WORDING
): Diagnosis {
  if (MISMATCH.has(diagnosis.kind) && sources.servedBy) {
    return {
      ...diagnosis,
      message: `Served by ${quote(sources.servedBy)}: ${diagnosis.message}`,
      host: sources.servedBy
    }
  }
  if (NOT_FOUND.has(diagnosis.kind) && sources.sumdbKnows === true && sources.notFoundBy.length > 0) {
    const subject = diagnosis.version ? `${diagnosis.module}@${diagnosis.version}` : (diagnosis.module ?? 'a module')
    const proxies = sources.notFoundBy.map(quote).join(', ')
    const { suggestion: _private, ...rest } = diagnosis
    return {
      ...rest,
      message: `No proxy in the chain has ${subject}, yet the checksum database knows it: it is a public module, not a private one. ${proxies} answered 404 for it: a proxy that serves only private modules (or a misconfigured mirror); put a public proxy after it in ${words.input('proxies')} (after "," so private modules still come from it first), or end the chain with direct.`
    }
  }
  return diagnosis
}

/** The request paths of a module's files, as the forwarder's ledger keys them. */
function filePaths(module: string, version: string): { mod: string; zip: string; info: string } {
  const base = `${escapeModulePath(module)}/@v/${escapeModulePath(version)}`
  return { mod: `${base}.mod`, zip: `${base}.zip`, info: `${base}.info` }
}

/**
 * Explains each failure with the forwarder's sources (before it closes). The checksum database is asked only about
 * a module every proxy answered 404 for, and never about one GONOSUMDB exempts (a private path stays here).
 */
export async function explainFailures(
  failures: WarmFailure[],
  forwarder: Pick<Forwarder, 'sources' | 'sumdbKnows'>,
  gonosumdb: string,
  words?: Wording
): Promise<void> {
  await Promise.all(
    failures.map(async failure => {
      const { diagnosis } = failure
      const module = diagnosis.module ?? failure.path
      const version = diagnosis.version ?? failure.version
      if (!module || !version) return
      const paths = filePaths(module, version)
      const goModOnly = /go\.mod: checksum mismatch|verifying go\.mod/.test(failure.error)
      const servedBy = forwarder.sources.servedBy(goModOnly ? paths.mod : paths.zip)
      const notFoundBy = [
        ...new Set([paths.info, paths.mod, paths.zip].flatMap(path => forwarder.sources.notFoundBy(path)))
      ]
      const ask = NOT_FOUND.has(diagnosis.kind) && notFoundBy.length > 0 && !matchesPrefixPatterns(gonosumdb, module)
      const sumdbKnows = ask ? await forwarder.sumdbKnows(module, version) : undefined
      failure.diagnosis = explainFailure(
        diagnosis,
        {
          ...(servedBy ? { servedBy } : {}),
          notFoundBy,
          ...(sumdbKnows !== undefined ? { sumdbKnows } : {})
        },
        words
      )
    })
  )
}
