/**
 * Preloaded (`--import`) into a node process the benchmarks spawn: at exit, writes the process's peak resident set
 * size in bytes (getrusage ru_maxrss, which Node reports in KiB) to BENCH_MAX_RSS_FILE. The node process's own peak,
 * not its children's.
 */
import { writeFileSync } from 'node:fs'

const file = process.env.BENCH_MAX_RSS_FILE
if (file) {
  process.on('exit', () => {
    try {
      writeFileSync(file, String(process.resourceUsage().maxRSS * 1024))
    } catch {
      // The benchmark reports the figure as missing.
    }
  })
}
