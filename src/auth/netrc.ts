/**
 * The go command sends credentials from $NETRC (else ~/.netrc, %USERPROFILE%\_netrc on
 * Windows) to every https URL whose host[:port] is a `machine` there
 * (cmd/go/internal/auth). The forwarder talks to the proxies instead of the go command,
 * so it must do the same, with the same parser, or a proxy that works for go would
 * answer 401 during the warm phase. The lookup itself is credentialsFor in
 * src/auth/secrets.ts, the one the probe uses.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { NetrcEntry } from './index.js'

/** Go's parseNetrc: machine/login/password triples; `macdef` bodies skipped; nothing after `default`. */
export function parseNetrc(data: string): NetrcEntry[] {
  const entries: NetrcEntry[] = []
  let current: { machine: string; login: string; password: string } = { machine: '', login: '', password: '' }
  let inMacro = false
  for (const line of data.split('\n')) {
    if (inMacro) {
      if (line === '') inMacro = false
      continue
    }
    const f = line.split(/\s+/).filter(Boolean)
    let i = 0
    for (; i < f.length - 1; i += 2) {
      switch (f[i]) {
        case 'machine':
          current = { machine: f[i + 1], login: '', password: '' }
          break
        case 'login':
          current.login = f[i + 1]
          break
        case 'password':
          current.password = f[i + 1]
          break
        case 'macdef':
          inMacro = true
          break
      }
      if (current.machine && current.login && current.password) {
        entries.push(current)
        current = { machine: '', login: '', password: '' }
      }
    }
    if (i < f.length && f[i] === 'default') break
  }
  return entries
}

/** The netrc entries the go command would read with this environment ([] when there is no file). */
export function readNetrc(env: Readonly<Record<string, string | undefined>>): NetrcEntry[] {
  const windows = process.platform === 'win32'
  const home = windows ? (env.USERPROFILE ?? env.HOME) : env.HOME
  const path = env.NETRC || (home ? join(home, windows ? '_netrc' : '.netrc') : undefined)
  if (!path) return []
  try {
    return parseNetrc(readFileSync(path, 'utf8'))
  } catch {
    return []
  }
}
