import type { Logger } from '../../host/logger.js'

/**
 * Debug lines that the same fault repeats for every request: one proxy host that does not resolve fails each of
 * go's requests (and each prefetch) the same way, and a line per request buried the log. Lines are grouped by what
 * they say (the host and the error, never the request): the first of a group is logged when it happens, the others
 * are counted, and `flush` (when the warm phase's forwarder closes) logs one line per group that repeated, with its
 * count.
 */
export interface RepeatedDebug {
  /** Logs `line` the first time `group` is seen; counts it afterwards. */
  note(group: string, line: string): void
  /** Logs one line per group seen more than once, with how many times in all; then starts afresh. */
  flush(): void
}

/** A RepeatedDebug over `log`. */
export function repeatedDebug(log: Logger): RepeatedDebug {
  const counts = new Map<string, number>()
  return {
    note(group, line) {
      const seen = counts.get(group) ?? 0
      counts.set(group, seen + 1)
      if (seen === 0) log.debug(`${line} (the same failure again is counted, not repeated)`)
    },
    flush() {
      for (const [group, count] of counts) {
        if (count > 1) log.debug(`${group}: ${count} times in all during the warm phase`)
      }
      counts.clear()
    }
  }
}
