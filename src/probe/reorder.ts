import type { Chain, ProxyEntry, Separator } from '../go/proxy/chain.js'

/** What the probe learnt about one entry, as far as the chain is concerned: its standing. */
export interface EntryStanding {
  /** Keep the entry (it answered a version list, or 404/410). */
  readonly working: boolean
  /** Median latency of a proxy that served the list; undefined for a not-found entry, which keeps its place. */
  readonly medianMs?: number
}

/** The stricter of two separators: `,` (fall through on 404/410 only) wins over `|`. */
function stricter(a: Separator, b: Separator): Separator {
  return a === ',' || b === ',' ? ',' : '|'
}

/**
 * Drops the entries `keep` rejects. The rule for separators: when an entry goes, the
 * entry before it takes the STRICTER of its own separator and the removed entry's
 * (`,` wins over `|`). So `A,B|C` without B is `A,C` and `A|B,C` without B is also
 * `A,C`: a `,` the user wrote is a gate (nothing but a 404/410 passes it, so a private
 * path asked of a corporate proxy never reaches the next one) and is never weakened
 * into `|`. Only `A|B|C` without B becomes `A|C`. Removing the first entry drops its
 * separator with it (nothing came before). The terminal keyword stays last.
 */
export function dropEntries(chain: Chain, keep: (entry: ProxyEntry) => boolean): Chain {
  const kept: ProxyEntry[] = []
  for (const entry of chain.proxies) {
    if (keep(entry)) {
      kept.push(entry)
    } else if (kept.length > 0) {
      // The removed entry's separator now sits after the last kept one: keep the stricter of the two.
      const last = kept.length - 1
      kept[last] = { ...kept[last], separator: stricter(kept[last].separator, entry.separator) }
    }
  }
  return { proxies: kept, ...(chain.terminal ? { terminal: chain.terminal } : {}) }
}

/**
 * Sorts by latency inside each maximal run of entries joined by `|` (the user, the
 * region preset or `fallback` declared them interchangeable), fastest first; equal
 * latencies keep their given order. Separators belong to positions, not entries, so
 * the `,` that closes a run stays where it was: no entry ever crosses a `,`. An entry
 * without a latency (a not-found proxy) keeps its exact position; the measured ones
 * are sorted among the remaining positions of the run.
 */
export function sortRuns(chain: Chain, latency: (entry: ProxyEntry) => number | undefined): Chain {
  const proxies = [...chain.proxies]
  let start = 0
  while (start < proxies.length) {
    let end = start
    while (end < proxies.length - 1 && proxies[end].separator === '|') end++
    const slots: number[] = []
    for (let i = start; i <= end; i++) if (latency(proxies[i]) !== undefined) slots.push(i)
    const sorted = slots
      .map(i => proxies[i])
      .map((entry, order) => ({ entry, order, ms: latency(entry) as number }))
      .sort((a, b) => a.ms - b.ms || a.order - b.order)
    slots.forEach((slot, k) => {
      proxies[slot] = { ...sorted[k].entry, separator: chain.proxies[slot].separator }
    })
    start = end + 1
  }
  return { proxies, ...(chain.terminal ? { terminal: chain.terminal } : {}) }
}

/**
 * The chain to export: entries that do not work dropped (see dropEntries for the
 * separator rule), then with `order: latency` each `|` run sorted by median
 * (see sortRuns). `direct`/`off` stay last. An entry with no standing is kept in place.
 */
export function rebuildChain(
  chain: Chain,
  standingOf: (entry: ProxyEntry) => EntryStanding | undefined,
  order: 'latency' | 'given'
): Chain {
  const kept = dropEntries(chain, entry => standingOf(entry)?.working ?? true)
  return order === 'latency' ? sortRuns(kept, entry => standingOf(entry)?.medianMs) : kept
}
