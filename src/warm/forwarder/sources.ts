import { planPath } from './paths.js'

/**
 * Which upstream answered each module request of the warm phase (go's own and the prefetch's), so that a failure go
 * reports afterwards can name it: a checksum mismatch names the proxy that served the bytes (what a user with three
 * mirrors needs first), a "not found" says which proxies answered 404. Paths are kept in the plan's form
 * (`!`-case-encoded, not percent-encoded), whatever form the request used.
 */
export interface SourceLedger {
  /** Records that `by` (a redacted proxy URL, or the checksum database's origin) answered `path` with its body. */
  served(path: string, by: string): void
  /** Records the proxies that answered 404/410 for `path` on a walk that found it nowhere. */
  notFound(path: string, by: readonly string[]): void
  /** Who answered `path` with a body last; undefined when no upstream did. */
  servedBy(path: string): string | undefined
  /** The proxies that answered `path` with 404/410 (none when it was served after all). */
  notFoundBy(path: string): readonly string[]
}

/** An empty ledger. */
export function sourceLedger(): SourceLedger {
  const served = new Map<string, string>()
  const missing = new Map<string, Set<string>>()
  const key = (path: string) => planPath(path.replace(/^\/+/, '')) ?? path
  return {
    served(path, by) {
      served.set(key(path), by)
      missing.delete(key(path))
    },
    notFound(path, by) {
      if (by.length === 0 || served.has(key(path))) return
      const set = missing.get(key(path)) ?? new Set<string>()
      by.forEach(who => set.add(who))
      missing.set(key(path), set)
    },
    servedBy: path => served.get(key(path)),
    notFoundBy: path => [...(missing.get(key(path)) ?? [])]
  }
}
