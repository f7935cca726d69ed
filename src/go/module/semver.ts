/**
 * Go's golang.org/x/mod/semver.Compare for canonical module versions: `vMAJOR.MINOR.PATCH[-prerelease][+build]`,
 * numeric fields compared as numbers, a prerelease sorts before its release, prerelease identifiers compared
 * numerically when both are numeric (a numeric one sorts first), build metadata (`+incompatible`) ignored.
 * Missing minor/patch count as 0 (`v1` = `v1.0.0`), as in Go. An invalid version sorts before every valid one.
 */
export function compareSemver(a: string, b: string): number {
  const pa = parse(a)
  const pb = parse(b)
  if (!pa || !pb) return pa ? 1 : pb ? -1 : 0
  for (let i = 0; i < 3; i++) {
    const d = compareNumeric(pa.core[i], pb.core[i])
    if (d !== 0) return d
  }
  if (pa.pre === pb.pre) return 0
  if (pa.pre === '') return 1
  if (pb.pre === '') return -1
  const xa = pa.pre.split('.')
  const xb = pb.pre.split('.')
  for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
    const na = /^\d+$/.test(xa[i])
    const nb = /^\d+$/.test(xb[i])
    const d = na && nb ? compareNumeric(xa[i], xb[i]) : na ? -1 : nb ? 1 : xa[i] < xb[i] ? -1 : xa[i] > xb[i] ? 1 : 0
    if (d !== 0) return d
  }
  return Math.sign(xa.length - xb.length)
}

function parse(v: string): { core: [string, string, string]; pre: string } | undefined {
  const m = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?)?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v)
  if (!m) return undefined
  return { core: [m[1], m[2] ?? '0', m[3] ?? '0'], pre: m[4] ?? '' }
}

/** Compares decimal strings without leading zeros by length, then by digits (no precision loss). */
function compareNumeric(a: string, b: string): number {
  if (a.length !== b.length) return Math.sign(a.length - b.length)
  return a < b ? -1 : a > b ? 1 : 0
}
