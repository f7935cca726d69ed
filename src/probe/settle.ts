/**
 * When the probe may end before its deadline. Pure: the probe loop asks `settleProbe`
 * each time an observation arrives (and when the grace window it was given expires).
 */
import type { Chain } from '../go/proxy/chain.js'
import { dropEntries } from './reorder.js'
import { isGate } from './decide.js'

/**
 * A pending proxy is cut once it has had GRACE_FACTOR times the slowest working member
 * of its run's median, and never less than GRACE_FLOOR_MS from the start of the probe.
 * Why 4×: a proxy four times slower than the slowest working peer would be sorted behind
 * it anyway, so waiting longer can only confirm what the chain already is (the samples of
 * a proxy share one kept-alive connection, so the median is mostly request time; the
 * connection set-up of a pending proxy's first answer is what the floor covers). Why a 1000 ms floor: a proxy's first answer
 * costs DNS, TCP, TLS and the request itself, about four round trips; a mirror in another
 * region (a GitHub-hosted runner reaching goproxy.cn, ~200 ms away) needs ~800 ms for it
 * and is a working fallback worth keeping, and a loaded runner adds jitter on top. A proxy
 * that has not answered after a second is almost always one that never will, and cutting it
 * then still saves most of the default 3 s probe-timeout.
 */
export const GRACE_FACTOR = 4
export const GRACE_FLOOR_MS = 1000

/** What the probe knows about one proxy of the chain so far. */
export type EntryProgress =
  /** Its version-list probe has not finished; `answered`: it has answered something (being retried or sampled). */
  | { readonly state: 'pending'; readonly answered?: boolean }
  /**
   * Finished. `served`: it served the version list (status ok), with its median. A
   * not-found proxy stays in the chain but did not serve: it cannot stand in for the
   * others of its run, so it never makes them cuttable.
   */
  | { readonly state: 'done'; readonly served: boolean; readonly medianMs?: number }

export interface SettleInput {
  /** The chain as given (composed), before anything was dropped. */
  readonly chain: Chain
  readonly progress: (url: string) => EntryProgress
  /** ms since the probe started. */
  readonly elapsedMs: number
  /**
   * Whether the checksum-database path the go command would take on this chain (the
   * given one minus the entries about to be cut) is verified already.
   */
  readonly sumdbVerified: (chain: Chain) => boolean
}

/** A pending proxy dropped as too slow, with the reason for its row. */
export interface CutEntry {
  readonly url: string
  readonly graceMs: number
  readonly message: string
}

export interface SettleDecision {
  /** Pending proxies to stop waiting for now: they are dropped as `too-slow`. */
  readonly cut: readonly CutEntry[]
  /** Nothing is pending once `cut` is applied: the probe can end. */
  readonly settled: boolean
  /** When to ask again if no observation arrives before (ms from now); undefined: only a new observation can change the answer. */
  readonly recheckInMs?: number
}

/** The maximal runs of entries joined by `|`, as index ranges [start, end]. */
function runsOf(chain: Chain): Array<[number, number]> {
  const runs: Array<[number, number]> = []
  let start = 0
  while (start < chain.proxies.length) {
    let end = start
    while (end < chain.proxies.length - 1 && chain.proxies[end].separator === '|') end++
    runs.push([start, end])
    start = end + 1
  }
  return runs
}

/**
 * Decides whether the probe's outcome is settled and which pending proxies it cuts.
 * A pending proxy that has not answered yet may be cut only when (1) every `|` run has a member that served the version list or has
 * finished, (2) its own run has such a member (so a run's only member, or a run
 * whose members are all still pending, keeps the whole deadline), (3) it is not a `,`
 * gate (dropping a gate changes where private paths go: it keeps the whole deadline),
 * (4) the grace window of its run has passed, and (5) the checksum-database path on
 * the chain without the cut entries is verified. The probe deadline stays the hard cap.
 */
export function settleProbe(input: SettleInput): SettleDecision {
  const { chain, progress, elapsedMs } = input
  const pending = chain.proxies.filter(entry => progress(entry.url).state === 'pending')
  if (pending.length === 0) return { cut: [], settled: true }
  const runs = runsOf(chain)
  const runFacts = runs.map(([start, end]) => {
    const members = chain.proxies.slice(start, end + 1).map(entry => progress(entry.url))
    const working = members.filter(
      (p): p is Extract<EntryProgress, { state: 'done' }> => p.state === 'done' && p.served
    )
    const medians = working.map(p => p.medianMs).filter((ms): ms is number => ms !== undefined)
    const graceMs = Math.max(GRACE_FLOOR_MS, GRACE_FACTOR * Math.max(0, ...medians))
    return { working: working.length > 0, finished: members.every(p => p.state === 'done'), graceMs }
  })
  if (!runFacts.every(run => run.working || run.finished)) return { cut: [], settled: false }

  const candidates: CutEntry[] = []
  let recheckInMs: number | undefined
  runs.forEach(([start, end], r) => {
    const run = runFacts[r]
    if (!run.working || start === end) return
    for (let i = start; i <= end; i++) {
      const entry = chain.proxies[i]
      const state = progress(entry.url)
      // A proxy that answered is not too slow: it is being retried or sampled, within the deadline.
      if (state.state !== 'pending' || state.answered || isGate(chain, i)) continue
      if (elapsedMs < run.graceMs) {
        recheckInMs = Math.min(recheckInMs ?? Infinity, run.graceMs - elapsedMs)
        continue
      }
      candidates.push({
        url: entry.url,
        graceMs: run.graceMs,
        message: `too slow: no answer within ${Math.round(elapsedMs)} ms, while another proxy of its "|" run works (grace ${run.graceMs} ms: ${GRACE_FACTOR}x the slowest working median, at least ${GRACE_FLOOR_MS} ms); dropped without waiting for the probe timeout`
      })
    }
  })
  if (candidates.length === 0) return { cut: [], settled: false, ...(recheckInMs ? { recheckInMs } : {}) }
  const cutUrls = new Set(candidates.map(c => c.url))
  const remaining = dropEntries(chain, entry => !cutUrls.has(entry.url))
  if (!input.sumdbVerified(remaining)) return { cut: [], settled: false }
  return {
    cut: candidates,
    settled: pending.every(entry => cutUrls.has(entry.url)),
    ...(recheckInMs ? { recheckInMs } : {})
  }
}
