/**
 * go.sum / go.work.sum parser over text. The go command's own reader (modfetch.readGoSum) splits each
 * non-blank line into fields and requires exactly three (`path version hash`); lines with another count
 * are a fatal "malformed go.sum" in go, but here they are reported and skipped, so that one bad line does
 * not cost the whole prefetch.
 */

/** One go.sum entry. */
export interface GoSumEntry {
  readonly path: string
  /** The version without the `/go.mod` suffix. */
  readonly version: string
  /** True for the `version/go.mod` line (the hash of the go.mod file alone); false for the zip's hash. */
  readonly goModOnly: boolean
  /** `h1:...` (or a future hash scheme, kept as written). */
  readonly hash: string
}

/** A line that is not three fields. */
export interface GoSumError {
  readonly line: number
  readonly text: string
  readonly message: string
}

/** Result of `parseGoSum`. */
export interface GoSum {
  readonly entries: readonly GoSumEntry[]
  readonly errors: readonly GoSumError[]
}

/** Parses go.sum text. Never throws. Blank lines are skipped, as by the go command. */
export function parseGoSum(text: string): GoSum {
  const entries: GoSumEntry[] = []
  const errors: GoSumError[] = []
  text.split('\n').forEach((raw, index) => {
    // strings.Fields: any Unicode white space separates, CR included.
    const fields = raw.split(/\s+/u).filter(f => f !== '')
    if (fields.length === 0) return
    if (fields.length !== 3) {
      errors.push({ line: index + 1, text: raw, message: `malformed go.sum line: ${fields.length} fields, want 3` })
      return
    }
    const [path, versionField, hash] = fields
    const goModOnly = versionField.endsWith('/go.mod')
    const version = goModOnly ? versionField.slice(0, -'/go.mod'.length) : versionField
    if (!version.startsWith('v') || !hash.includes(':')) {
      errors.push({ line: index + 1, text: raw, message: 'malformed go.sum line: want "path version h1:hash"' })
      return
    }
    entries.push({ path, version, goModOnly, hash })
  })
  return { entries, errors }
}

/** What go.sum files record for module files: `path@version` (the zip) and `path@version/go.mod` → their h1 hashes. */
export type RecordedSums = ReadonlyMap<string, ReadonlySet<string>>

/**
 * The `h1:` hashes the go.sum files of a build record, keyed as go checks them (modfetch.checkModSum): the zip of
 * `path@version` under `path@version`, its go.mod under `path@version/go.mod`. Several files may name the same module
 * (a workspace's members and go.work.sum): every hash any of them records is kept, as go would accept bytes that
 * match the go.sum it reads. Hash schemes other than `h1:` are left out (nothing here can compute them).
 */
export function recordedSums(sums: readonly GoSum[]): RecordedSums {
  const recorded = new Map<string, Set<string>>()
  for (const entry of sums.flatMap(s => s.entries)) {
    if (!entry.hash.startsWith('h1:')) continue
    const key = recordedKey(entry.path, entry.version, entry.goModOnly)
    const hashes = recorded.get(key) ?? new Set<string>()
    hashes.add(entry.hash)
    recorded.set(key, hashes)
  }
  return recorded
}

/** The key of {@link RecordedSums} for the zip (or, `goModOnly`, the go.mod) of `path@version`. */
export function recordedKey(path: string, version: string, goModOnly: boolean): string {
  return `${path}@${version}${goModOnly ? '/go.mod' : ''}`
}
