/**
 * GOPRIVATE-style pattern lists: matchesPrefixPatterns is Go's module.MatchPrefixPatterns
 * (what the go command does with the value), parsePatternInput is what the action
 * accepts from a user (stricter and friendlier, but never different in meaning).
 */
import { InputError } from '../../../src/go/errors.js'
import {
  formatPatterns,
  matchesEverything,
  matchesPrefixPatterns,
  parsePatternInput
} from '../../../src/go/env/patterns.js'
import { inputError } from '../../support/input-error.js'

describe('matchesPrefixPatterns (Go module.MatchPrefixPatterns)', () => {
  test.each<[globs: string, target: string, expected: boolean, rule: string]>([
    // Element counting: a glob of N elements is matched against the first N elements.
    ['rsc.io/private', 'rsc.io/private', true, 'a glob matches the path it names'],
    ['rsc.io/private', 'rsc.io/private/x', true, 'a glob matches every path below it'],
    ['rsc.io/private', 'rsc.io/private/x/y/z', true, 'a glob matches every path below it, however deep'],
    ['rsc.io/private', 'rsc.io/privateer', false, 'prefixes are whole elements, not strings'],
    ['rsc.io/private', 'rsc.io', false, 'a path with fewer elements than the glob never matches'],
    ['rsc.io', 'rsc.io/private', true, 'a host matches everything on it'],
    ['*.corp.com', 'git.corp.com/x', true, 'a star matches the first element'],
    ['*.corp.com', 'git.corp.com', true, 'a star matches the first element'],
    ['*.corp.com', 'corp.com/x', false, 'the dot of *.corp.com is required'],
    ['*.corp.com', 'a.b.corp.com/x', true, 'a star matches dots too'],
    ['github.com/*', 'github.com', false, 'github.com/* needs a second element'],
    ['github.com/*', 'github.com/org', true, 'github.com/* matches each org'],
    ['github.com/*', 'github.com/org/repo', true, 'and everything below each org'],
    ['github.com/org/*', 'github.com/org', false, 'a third element is needed'],
    ['*', 'golang.org/x/mod', true, 'a lone star matches every module path'],
    ['*/*', 'golang.org', false, 'a glob of two elements needs two'],
    // No trimming, split on commas only.
    ['a.com, b.com', 'b.com', false, 'entries are not trimmed: " b.com" never matches'],
    ['a.com, b.com', ' b.com', true, 'the blank is part of the glob'],
    ['a.com,b.com', 'b.com/x', true, 'the second entry of a list'],
    ['a.com\nb.com', 'b.com', false, 'a newline does not separate entries'],
    ['a.com,,b.com', 'b.com', true, 'empty entries are skipped'],
    [',', 'a.com', false, 'a list of empty entries matches nothing'],
    ['', 'a.com', false, 'the empty list matches nothing'],
    // One trailing slash is dropped.
    ['rsc.io/private/', 'rsc.io/private/x', true, 'one trailing slash is dropped'],
    ['rsc.io/', 'rsc.io', true, 'one trailing slash is dropped'],
    ['rsc.io//', 'rsc.io', false, 'only one trailing slash is dropped'],
    ['rsc.io//', 'rsc.io//x', true, 'the second slash counts as an element'],
    ['/', 'a.com', false, 'a lone slash becomes empty and is skipped'],
    // Case and classes.
    ['github.com/Org', 'github.com/org', false, 'matching is case-sensitive'],
    ['GitHub.com', 'github.com/x', false, 'matching is case-sensitive in the host too'],
    ['[^a-c]*.com', 'd.com/x', true, '[^...] negates'],
    ['[^a-c]*.com', 'a.com/x', false, '[^...] negates'],
    ['[!a-c]*.com', 'a.com/x', true, '[!...] does not negate in Go'],
    ['[!a-c]*.com', 'd.com/x', false, '[!...] does not negate in Go'],
    // Malformed globs are ignored, the rest of the list still applies.
    ['[', 'a.com', false, 'a malformed glob matches nothing'],
    ['a[,b.com', 'b.com', true, 'a malformed glob does not spoil the others'],
    ['\\', '\\', false, 'a lone backslash is malformed'],
    // Escapes count slashes like Go (a slash is a slash, even escaped).
    ['a\\/b', 'a/b', true, 'an escaped slash is still an element separator'],
    ['example.com/\\*', 'example.com/*', true, 'an escaped star matches a literal star']
  ])('MatchPrefixPatterns(%j, %j) is %j: %s', (globs, target, expected) => {
    expect(matchesPrefixPatterns(globs, target)).toBe(expected)
  })
})

describe('parsePatternInput (the private, no-proxy, no-sumdb and insecure inputs)', () => {
  test.each<[raw: string, patterns: string[]]>([
    ['', []],
    ['example.com', ['example.com']],
    ['a.com, b.com', ['a.com', 'b.com']],
    ['a.com ,b.com', ['a.com', 'b.com']],
    ['  a.com\n  b.com/x\n', ['a.com', 'b.com/x']],
    ['a.com\r\nb.com\r\n', ['a.com', 'b.com']],
    ['a.com,\nb.com,', ['a.com', 'b.com']],
    ['a.com,,b.com', ['a.com', 'b.com']],
    ['a.com\n\n\nb.com', ['a.com', 'b.com']],
    ['a.com,b.com,a.com', ['a.com', 'b.com']],
    ['*.corp.com,github.com/org/*', ['*.corp.com', 'github.com/org/*']],
    ['[^a-c]*.com,[!a-c]*.com', ['[^a-c]*.com', '[!a-c]*.com']],
    ['rsc.io/private/', ['rsc.io/private/']],
    ['none', ['none']],
    ['日本.jp', ['日本.jp']]
  ])('%j gives %j (trimmed around commas and line breaks)', (raw, patterns) => {
    expect(parsePatternInput('private', raw)).toEqual(patterns)
  })

  test('every parsed pattern means for Go what the user wrote: joined, it matches what each entry matches', () => {
    const patterns = parsePatternInput('private', ' a.com ,\n  *.corp.com/x \n b.com/ ')
    const joined = formatPatterns(patterns)
    expect(joined).toBe('a.com,*.corp.com/x,b.com/')
    for (const target of ['a.com/y', 'git.corp.com/x/y', 'b.com', 'c.com', 'git.corp.com/z']) {
      expect(matchesPrefixPatterns(joined, target)).toBe(patterns.some(p => matchesPrefixPatterns(p, target)))
    }
  })

  test.each<[raw: string, rule: string]>([
    ['[', 'an unterminated class'],
    ['a[', 'an unterminated class after text'],
    ['[a-', 'a range without an end'],
    ['\\', 'a trailing backslash'],
    ['example.com/[]', 'an empty class'],
    ['ok.com,bad[.com', 'one malformed entry among good ones'],
    ['ok.com\n[-x]', 'a malformed entry on its own line']
  ])('rejects the malformed glob in %j (%s), naming the input and the pattern', raw => {
    const bad = raw
      .split(/[\n,]/)
      .map(s => s.trim())
      .find(s => s !== 'ok.com')!
    const error = inputError(() => parsePatternInput('no-sumdb', raw))
    expect(error.input).toBe('no-sumdb')
    expect(error.message).toContain("Input 'no-sumdb'")
    expect(error.message).toContain(JSON.stringify(bad))
    expect(error.message).toMatch(/not a valid glob/)
  })

  // Go drops one trailing slash before matching: `a\/` is matched as `a\`, which is malformed and silently ignored.
  test.each(['example.com\\/', '\\/'])('rejects %j, whose glob is malformed once Go drops the trailing slash', raw => {
    expect(() => parsePatternInput('private', raw)).toThrow(InputError)
  })

  test.each<[raw: string, rule: string]>([
    ['a.com b.com', 'a blank between two patterns'],
    ['a.com\tb.com', 'a tab between two patterns'],
    ['example .com', 'a blank inside a host']
  ])('rejects %j (%s): a blank never belongs to a module path', raw => {
    const error = inputError(() => parsePatternInput('private', raw))
    expect(error.input).toBe('private')
    expect(error.message).toContain("Input 'private'")
    expect(error.message).toContain(JSON.stringify(raw))
  })

  test.each<[raw: string, rule: string]>([
    [',', 'only a comma'],
    [' , ,\n ', 'only separators and blanks']
  ])('rejects %j (%s): separators without a pattern', raw => {
    expect(() => parsePatternInput('insecure', raw)).toThrow("Input 'insecure'")
  })

  test.each(['a.com\u0000', 'a.com\u001b[31m', 'a.com\u2028b.com', 'a.com\u0085'])(
    'rejects the control character in %j',
    raw => {
      expect(() => parsePatternInput('private', raw)).toThrow(/control character U\+/)
    }
  )
})

describe('matchesEverything: globs that switch verification off for every module', () => {
  test.each<[glob: string, expected: boolean]>([
    ['*', true],
    ['**', true],
    ['*/', true],
    ['*/*', true],
    ['?*', true],
    ['*/*/*', false],
    ['*.com', false],
    ['example.com', false],
    ['github.com/*', false],
    ['none', false],
    ['\\*', false]
  ])('%j → %j', (glob, expected) => {
    expect(matchesEverything(glob)).toBe(expected)
  })

  test('every glob it flags matches at least every module path with as many elements', () => {
    for (const glob of ['*', '**', '*/', '*/*']) {
      for (const target of ['golang.org/x/mod', 'example.com/a/b/c', 'a.b/c/d']) {
        expect(matchesPrefixPatterns(glob, target)).toBe(true)
      }
    }
  })
})
