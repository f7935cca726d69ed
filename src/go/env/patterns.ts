import { assertNoControlCharacters, InputError, quote } from '../errors.js'
import { isMalformedGlob, pathMatch } from './glob.js'

/**
 * Go's module.MatchPrefixPatterns: `globs` is a comma-separated list (split on `,`
 * only and never trimmed, exactly as Go does); each glob, less one trailing `/`, is
 * matched with path.Match against as many leading path elements of `target` as the
 * glob has. Malformed globs never match, as in Go.
 */
export function matchesPrefixPatterns(globs: string, target: string): boolean {
  for (let glob of globs.split(',')) {
    if (glob.endsWith('/')) glob = glob.slice(0, -1)
    if (glob === '') continue
    let slashes = glob.split('/').length - 1
    let prefix = target
    for (let i = 0; i < target.length; i++) {
      if (target[i] === '/') {
        if (slashes === 0) {
          prefix = target.slice(0, i)
          break
        }
        slashes--
      }
    }
    if (slashes > 0) continue
    try {
      if (pathMatch(glob, prefix)) return true
    } catch {
      // A malformed glob matches nothing in Go; validation reports it up front.
    }
  }
  return false
}

/**
 * Parses a pattern-list input (GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE) written
 * by a user: entries separated by commas or newlines, surrounding blanks removed
 * (YAML indentation and `a, b` are what people write; Go itself would never match
 * ` b`), then checked: no blank inside a pattern, no control character, no malformed
 * glob (Go silently ignores one, which hides mistakes). Returns the patterns in order,
 * duplicates dropped; [] for an empty input.
 */
export function parsePatternInput(input: string, raw: string): string[] {
  const entries = raw
    .split(/[\n,]/)
    .map(entry => entry.replace(/\r$/, '').trim())
    .filter(entry => entry !== '')
  if (entries.length === 0 && raw.trim() !== '') {
    throw new InputError(input, `${quote(raw)} contains separators but no pattern; leave it empty or list patterns.`)
  }
  const patterns: string[] = []
  for (const entry of entries) {
    assertNoControlCharacters(input, entry)
    if (/\s/.test(entry)) {
      throw new InputError(
        input,
        `pattern ${quote(entry)} contains a blank; module paths never do. Separate patterns with commas or newlines.`
      )
    }
    // Go drops one trailing slash before matching: `a\/` is matched as `a\`, which is malformed.
    if (isMalformedGlob(entry.endsWith('/') ? entry.slice(0, -1) : entry)) {
      throw new InputError(
        input,
        `pattern ${quote(entry)} is not a valid glob (Go would silently ignore it). Use * ? [a-z] [^a-z] and \\ escapes as in Go's path.Match.`
      )
    }
    if (!patterns.includes(entry)) patterns.push(entry)
  }
  return patterns
}

/**
 * True for a glob that matches every module path (a star in every element): in GOPRIVATE or
 * GONOSUMDB it turns checksum verification off for everything, so it is exported
 * only when the user wrote it, and then with a warning.
 */
export function matchesEverything(glob: string): boolean {
  // Judged by behaviour, not spelling: `*`, `**` and `?*` all cover every first path element.
  return EVERYTHING_PROBES.every(path => matchesPrefixPatterns(glob, path))
}

/**
 * Module paths unlike each other in every way a glob could tell apart: length, characters, case, depth. Depth
 * starts at two elements; one-element module paths are too rare to let a two-star glob pass as harmless.
 */
const EVERYTHING_PROBES = [
  'a.b/c',
  'github.com/acme/x',
  'golang.org/x/mod',
  'x-y.z/Upper_case~/v2',
  '0.9/ü/é/a/b/c/d/e',
  'very-long-host-name.example.internal/one/two/three/four/five/six/seven'
]

/** Joins patterns into the comma-separated form Go reads. */
export function formatPatterns(patterns: readonly string[]): string {
  return patterns.join(',')
}
