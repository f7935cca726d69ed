/**
 * Processes as `ps` sees them, read from /proc (Linux only: the suites that need it fail elsewhere rather than
 * skipping): which processes descend from a pid, and whether one is still alive — for the cancel tests, which check
 * that no go outlives the action or the CLI.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** pid → parent pid and command name, for every process now. */
export function processTable(): Map<number, { ppid: number; comm: string }> {
  const table = new Map<number, { ppid: number; comm: string }>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      table.set(Number(name), { ppid, comm })
    } catch {
      // Gone meanwhile.
    }
  }
  return table
}

/** Every process descending from `root`. */
export function descendants(root: number): number[] {
  const table = processTable()
  const found: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    const parent = queue.shift()!
    for (const [pid, entry] of table) {
      if (entry.ppid === parent && !found.includes(pid)) {
        found.push(pid)
        queue.push(pid)
      }
    }
  }
  return found
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}
