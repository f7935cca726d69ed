/**
 * Suite-wide audits. Tests record what their loopback servers saw and what their action runs exported; the rules are
 * checked at once (so each test can assert them) and the records are written to the directory named by
 * SETUP_GOPROXY_AUDIT_DIR, when jest's globalSetup created one, for globalTeardown to report across every test file:
 * - privacy: a server playing a public proxy or the public checksum database never saw a module path matching the
 *   private patterns (GOPRIVATE/GONOPROXY/GONOSUMDB) of the test that used it;
 * - verification: no run exports GOSUMDB=off, or a GOPRIVATE/GONOSUMDB/GOINSECURE glob matching every module,
 *   unless the test's own inputs wrote it.
 * Violations are computed here, in the worker (which has the core's Go pattern matcher), and only stored for the
 * teardown, which is plain JavaScript and just reads them.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { matchesEverything, matchesPrefixPatterns } from '../../src/go/env/patterns.js'

/** Set by the globalSetup for the workers; absent when jest runs without it (records are then not kept). */
export const AUDIT_DIR_VARIABLE = 'SETUP_GOPROXY_AUDIT_DIR'

export type ServerRole = 'public proxy' | 'public checksum database'

/** The part of a request log the privacy audit reads (goproxy-server and sumdb-server entries both fit). */
export interface LoggedRequest {
  readonly path: string
}

/** Go's case encoding undone (`!a` → `A`), after URL decoding; undefined for text that is not a valid encoding. */
function unescapePath(text: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(text)
  } catch {
    return undefined
  }
  if (/[A-Z]/.test(decoded) || /![^a-z]|!$/.test(decoded)) return undefined
  return decoded.replace(/!([a-z])/g, (_m, c: string) => c.toUpperCase())
}

/**
 * The module path a request names: `/<module>/@v/...`, `/<module>/@latest`, or a checksum database
 * `/lookup/<module>@<version>` (also behind a proxy's `/sumdb/<name>/`). For any other path, the path itself (a
 * private path could leak in a request the protocol does not know); undefined for tiles and `/latest`.
 */
export function requestedModule(path: string): string | undefined {
  const rest = path
    .split('?')[0]
    .replace(/^\/sumdb\/[^/]+/, '')
    .replace(/^\/+/, '')
  if (/^(tile\/|latest$|supported$)/.test(rest) || rest === '') return undefined
  const lookup = /^lookup\/(.+)@[^@/]+$/.exec(rest)
  if (lookup) return unescapePath(lookup[1]) ?? lookup[1]
  const protocol = /^(.+?)\/@(?:v\/|latest$)/.exec(rest)
  if (protocol) return unescapePath(protocol[1]) ?? protocol[1]
  return unescapePath(rest) ?? rest
}

/** Requests to a public server that name a private module, as `path (module)` lines. */
export function privacyViolations(patterns: string, requests: readonly LoggedRequest[]): string[] {
  const globs = patterns
    .split(',')
    .filter(glob => glob !== '' && glob !== 'off')
    .join(',')
  if (globs === '') return []
  return requests.flatMap(request => {
    const module = requestedModule(request.path)
    return module !== undefined && matchesPrefixPatterns(globs, module) ? [`${request.path} (${module})`] : []
  })
}

/** Inputs whose text may legitimately put a weakening value into the environment, per variable. */
const WRITTEN_BY: Readonly<Record<string, string>> = {
  GOPRIVATE: 'private',
  GONOSUMDB: 'no-sumdb',
  GOINSECURE: 'insecure'
}

/** Globs an input wrote, split the way the action splits pattern inputs. */
function writtenGlobs(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\n,]/)
    .map(glob => glob.replace(/\r$/, '').trim())
    .filter(glob => glob !== '')
}

/**
 * Ways an exported environment turns verification off that the inputs did not ask for: GOSUMDB=off without
 * `sumdb: off`, and a GOPRIVATE/GONOSUMDB/GOINSECURE glob matching every module path that the corresponding input
 * does not contain.
 */
export function verificationViolations(
  inputs: Readonly<Record<string, string>>,
  exported: Readonly<Record<string, string>>
): string[] {
  const found: string[] = []
  if (exported.GOSUMDB !== undefined && exported.GOSUMDB.trim() === 'off' && inputs.sumdb?.trim() !== 'off') {
    found.push(`GOSUMDB=${exported.GOSUMDB} exported, but the sumdb input is ${JSON.stringify(inputs.sumdb ?? '')}`)
  }
  for (const [variable, input] of Object.entries(WRITTEN_BY)) {
    const value = exported[variable]
    if (value === undefined) continue
    const allowed = new Set(writtenGlobs(inputs[input]))
    for (const glob of value.split(',')) {
      if (glob !== '' && matchesEverything(glob) && !allowed.has(glob)) {
        found.push(
          `${variable}=${value} exported: ${JSON.stringify(glob)} matches every module, and ${input} did not write it`
        )
      }
    }
  }
  return found
}

let sequence = 0

function record(kind: 'server' | 'run', data: object): void {
  const dir = process.env[AUDIT_DIR_VARIABLE]
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${kind}-${process.pid}-${Date.now()}-${sequence++}.json`)
  writeFileSync(file, JSON.stringify({ kind, test: expect.getState().testPath ?? '', ...data }))
}

/**
 * Checks a public server's request log against the private patterns of the test that used it, records the result for
 * the suite-wide report, and returns the violations (the test asserts they are none).
 */
export function auditServer(
  role: ServerRole,
  label: string,
  patterns: string,
  requests: readonly LoggedRequest[]
): string[] {
  const violations = privacyViolations(patterns, requests)
  record('server', { role, label, patterns, requests: requests.length, violations })
  return violations
}

/**
 * The verification audit of one action run: checks what the step exported against its inputs, records the result
 * for the suite-wide report, and returns the violations (the test asserts there are none).
 */
export function auditRun(
  inputs: Readonly<Record<string, string>>,
  exported: Readonly<Record<string, string>>
): string[] {
  const violations = verificationViolations(inputs, exported)
  record('run', { inputs: Object.keys(inputs), exported: Object.keys(exported), violations })
  return violations
}
