/**
 * A faithful port of Go's path.Match (Go 1.23), byte for byte, so that the action
 * decides "is this module private?" exactly as the go command does. Works on UTF-8
 * bytes like Go: `?` and `[...]` consume one rune, other characters one byte.
 * `[^...]` negates; `[!...]` does not (Go treats `!` as a literal).
 */

const encoder = new TextEncoder()
const SLASH = 0x2f
const STAR = 0x2a
const QUESTION = 0x3f
const BACKSLASH = 0x5c
const OPEN = 0x5b
const CLOSE = 0x5d
const DASH = 0x2d
const CARET = 0x5e
const RUNE_ERROR = 0xfffd

/** Thrown for a malformed pattern, like Go's path.ErrBadPattern. */
export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern')
  }
}

type Bytes = Uint8Array

function decodeRune(s: Bytes, at: number): [rune: number, size: number] {
  if (at >= s.length) return [RUNE_ERROR, 0]
  const b0 = s[at]
  if (b0 < 0x80) return [b0, 1]
  const need = b0 >= 0xc2 && b0 <= 0xdf ? 1 : b0 >= 0xe0 && b0 <= 0xef ? 2 : b0 >= 0xf0 && b0 <= 0xf4 ? 3 : -1
  if (need < 0 || at + need > s.length - 1) return [RUNE_ERROR, 1]
  let rune = b0 & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07)
  for (let i = 1; i <= need; i++) {
    const b = s[at + i]
    if ((b & 0xc0) !== 0x80) return [RUNE_ERROR, 1]
    rune = (rune << 6) | (b & 0x3f)
  }
  const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000
  if (rune < min || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff)) return [RUNE_ERROR, 1]
  return [rune, need + 1]
}

function scanChunk(pattern: Bytes): [star: boolean, chunk: Bytes, rest: Bytes] {
  let star = false
  while (pattern.length > 0 && pattern[0] === STAR) {
    pattern = pattern.subarray(1)
    star = true
  }
  let inRange = false
  let i = 0
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case BACKSLASH:
        if (i + 1 < pattern.length) i++
        break
      case OPEN:
        inRange = true
        break
      case CLOSE:
        inRange = false
        break
      case STAR:
        if (!inRange) break scan
        break
    }
  }
  return [star, pattern.subarray(0, i), pattern.subarray(i)]
}

function getEsc(chunk: Bytes): [rune: number, rest: Bytes] {
  if (chunk.length === 0 || chunk[0] === DASH || chunk[0] === CLOSE) throw new BadPatternError()
  if (chunk[0] === BACKSLASH) {
    chunk = chunk.subarray(1)
    if (chunk.length === 0) throw new BadPatternError()
  }
  const [rune, size] = decodeRune(chunk, 0)
  if (rune === RUNE_ERROR && size === 1) throw new BadPatternError()
  const rest = chunk.subarray(size)
  if (rest.length === 0) throw new BadPatternError()
  return [rune, rest]
}

/** Returns the rest of `s` after `chunk` matched its start, or undefined. Throws on a malformed chunk. */
function matchChunk(chunk: Bytes, s: Bytes): Bytes | undefined {
  let failed = false
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true
    switch (chunk[0]) {
      case OPEN: {
        let r = -1
        if (!failed) {
          const [rune, size] = decodeRune(s, 0)
          r = rune
          s = s.subarray(size)
        }
        chunk = chunk.subarray(1)
        let negated = false
        if (chunk.length > 0 && chunk[0] === CARET) {
          negated = true
          chunk = chunk.subarray(1)
        }
        let match = false
        let ranges = 0
        for (;;) {
          if (chunk.length > 0 && chunk[0] === CLOSE && ranges > 0) {
            chunk = chunk.subarray(1)
            break
          }
          let lo: number
          let hi: number
          ;[lo, chunk] = getEsc(chunk)
          hi = lo
          if (chunk[0] === DASH) [hi, chunk] = getEsc(chunk.subarray(1))
          if (lo <= r && r <= hi) match = true
          ranges++
        }
        if (match === negated) failed = true
        break
      }
      case QUESTION:
        if (!failed) {
          if (s[0] === SLASH) failed = true
          s = s.subarray(decodeRune(s, 0)[1])
        }
        chunk = chunk.subarray(1)
        break
      default:
        if (chunk[0] === BACKSLASH) {
          // An escaped byte is compared literally.
          chunk = chunk.subarray(1)
          if (chunk.length === 0) throw new BadPatternError()
        }
        if (!failed) {
          if (chunk[0] !== s[0]) failed = true
          s = s.subarray(1)
        }
        chunk = chunk.subarray(1)
    }
  }
  return failed ? undefined : s
}

function matchBytes(pattern: Bytes, name: Bytes): boolean {
  patternLoop: while (pattern.length > 0) {
    let star: boolean
    let chunk: Bytes
    ;[star, chunk, pattern] = scanChunk(pattern)
    if (star && chunk.length === 0) return !name.includes(SLASH)
    const t = matchChunk(chunk, name)
    if (t !== undefined && (t.length === 0 || pattern.length > 0)) {
      name = t
      continue
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== SLASH; i++) {
        const rest = matchChunk(chunk, name.subarray(i + 1))
        if (rest !== undefined) {
          if (pattern.length === 0 && rest.length > 0) continue
          name = rest
          continue patternLoop
        }
      }
    }
    while (pattern.length > 0) {
      ;[, chunk, pattern] = scanChunk(pattern)
      matchChunk(chunk, new Uint8Array(0))
    }
    return false
  }
  return name.length === 0
}

/**
 * Go's path.Match: reports whether `name` matches the shell pattern. Throws
 * BadPatternError for a malformed pattern where Go returns ErrBadPattern.
 */
export function pathMatch(pattern: string, name: string): boolean {
  return matchBytes(encoder.encode(pattern), encoder.encode(name))
}

/** True when Go's path.Match would report ErrBadPattern for this pattern (whatever the name). */
export function isMalformedGlob(pattern: string): boolean {
  try {
    pathMatch(pattern, '')
    return false
  } catch (error) {
    if (error instanceof BadPatternError) return true
    throw error
  }
}
