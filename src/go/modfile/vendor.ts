/**
 * Whether go builds a module from its vendor directory, as cmd/go/internal/modload decides it (pure: the shell reads
 * the files): with no -mod flag, a main module at go 1.14 or later with a vendor/modules.txt builds with -mod=vendor,
 * and then never reads the module cache — provided modules.txt agrees with go.mod (every requirement listed as
 * `# path version` and marked `## explicit`), else go stops with "inconsistent vendoring" and the user must run
 * `go mod vendor` or build with -mod=mod (which does read the module cache).
 */
import { parseGoMod } from './modfile.js'

/** The -mod value of a GOFLAGS string, if any. */
export function modFlag(goflags: string | undefined): string | undefined {
  for (const field of (goflags ?? '').split(/\s+/)) {
    const match = /^--?mod=(.*)$/.exec(field)
    if (match) return match[1]
  }
  return undefined
}

/** The `# path version` entries of vendor/modules.txt marked `## explicit`. */
function explicitEntries(modulesTxt: string): Set<string> {
  const explicit = new Set<string>()
  let current: string | undefined
  for (const line of modulesTxt.split(/\r?\n/)) {
    const header = /^# (\S+) (\S+)(?: => .*)?$/.exec(line)
    if (header) {
      current = `${header[1]} ${header[2]}`
      continue
    }
    if (current && /^## explicit(;|$)/.test(line)) explicit.add(current)
  }
  return explicit
}

/**
 * True when go (with `goflags`) builds the module of `goModText` from vendor/ whose modules.txt is `modulesTxt`:
 * go ≥ 1.14 in go.mod, no -mod flag other than vendor, and every requirement of go.mod explicit in modules.txt.
 */
export function buildsFromVendor(goModText: string, modulesTxt: string | undefined, goflags?: string): boolean {
  if (modulesTxt === undefined) return false
  const flag = modFlag(goflags)
  if (flag !== undefined && flag !== 'vendor') return false
  const goMod = parseGoMod(goModText)
  const [major, minor] = (goMod.go ?? '').split('.').map(Number)
  if (flag !== 'vendor' && !(major > 1 || (major === 1 && minor >= 14))) return false
  const explicit = explicitEntries(modulesTxt)
  return goMod.require.every(r => explicit.has(`${r.path} ${r.version}`))
}
