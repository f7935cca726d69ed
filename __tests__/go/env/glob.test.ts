/**
 * pathMatch is Go's path.Match (Go 1.23): the first table is Go's own test table
 * ($GOROOT/src/path/match_test.go, matchTests), the second the cases that decide
 * whether a module is private. pattern-conformance.test.ts checks the same port
 * against the real Go on generated inputs.
 */
import { BadPatternError, isMalformedGlob, pathMatch } from '../../../src/go/env/glob.js'

type Expected = boolean | 'bad pattern'

function outcome(pattern: string, name: string): Expected {
  try {
    return pathMatch(pattern, name)
  } catch (error) {
    if (error instanceof BadPatternError) return 'bad pattern'
    throw error
  }
}

// Go's matchTests, verbatim: [pattern, name, match or ErrBadPattern].
const GO_MATCH_TESTS: Array<[string, string, Expected]> = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a[^a][^a][^a]b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['[]a]', ']', 'bad pattern'],
  ['[-]', '-', 'bad pattern'],
  ['[x-]', 'x', 'bad pattern'],
  ['[x-]', '-', 'bad pattern'],
  ['[x-]', 'z', 'bad pattern'],
  ['[-x]', 'x', 'bad pattern'],
  ['[-x]', '-', 'bad pattern'],
  ['[-x]', 'a', 'bad pattern'],
  ['\\', 'a', 'bad pattern'],
  ['[a-b-c]', 'a', 'bad pattern'],
  ['[', 'a', 'bad pattern'],
  ['[^', 'a', 'bad pattern'],
  ['[^bc', 'a', 'bad pattern'],
  ['a[', 'a', 'bad pattern'],
  ['a[', 'ab', 'bad pattern'],
  ['a[', 'x', 'bad pattern'],
  ['a/b[', 'x', 'bad pattern'],
  ['*x', 'xxx', true]
]

describe("pathMatch agrees with Go's own path.Match test table", () => {
  test.each(GO_MATCH_TESTS)('Match(%j, %j) is %j', (pattern, name, expected) => {
    expect(outcome(pattern, name)).toBe(expected)
  })
})

describe('pathMatch on module-path shapes', () => {
  test.each<[string, string, Expected, string]>([
    ['*', '', true, 'a lone star matches the empty string'],
    ['*', 'golang.org', true, 'a star matches one whole element'],
    ['*', 'golang.org/x', false, 'a star never crosses a slash'],
    ['*/*', 'golang.org/x', true, 'one star per element'],
    ['*.corp.com', 'git.corp.com', true, 'a star before a literal suffix'],
    ['*.corp.com', 'corp.com', false, 'the dot before the suffix is literal and required'],
    ['*.corp.com', 'evilcorp.com', false, 'the suffix is matched with its dot'],
    ['github.com/*', 'github.com', false, 'a second element needs a second element'],
    ['Example.com', 'example.com', false, 'matching is case-sensitive'],
    ['example.com', 'Example.com', false, 'matching is case-sensitive both ways'],
    ['[^a-c]*', 'd.example', true, '[^...] negates'],
    ['[^a-c]*', 'a.example', false, '[^...] negates'],
    ['[!a-c]*', 'a.example', true, '[!...] does not negate: ! is a member of the class'],
    ['[!a-c]*', '!x', true, '[!...] matches a literal !'],
    ['[!a-c]*', 'd.example', false, '[!...] is the class {!, a-c}'],
    ['\\*.com', '*.com', true, 'an escaped star is literal'],
    ['\\*.com', 'x.com', false, 'an escaped star is literal'],
    ['ex\\ample.com', 'example.com', true, 'escaping an ordinary character keeps it'],
    ['?', 'é', true, '? consumes one rune, not one byte'],
    ['??', 'é', false, '? consumes one rune, not one byte'],
    ['[é]', 'é', true, 'a class member may be a multi-byte rune'],
    ['日本.jp', '日本.jp', true, 'non-ASCII literals match byte for byte'],
    ['日*', '日本.jp', true, 'a star over multi-byte runes'],
    ['a*', 'a/', false, 'a trailing slash in the name is still a slash'],
    ['', '', true, 'the empty pattern matches only the empty name'],
    ['', 'a', false, 'the empty pattern matches only the empty name'],
    ['a**b', 'axxb', true, 'consecutive stars act as one'],
    ['*a', 'xaya', true, 'a star backtracks to the last literal']
  ])('Match(%j, %j) is %j: %s', (pattern, name, expected) => {
    expect(outcome(pattern, name)).toBe(expected)
  })

  test.each<[string, string]>([
    ['[', 'an unterminated class'],
    ['a[', 'an unterminated class after a literal'],
    ['[a-', 'a range without an upper bound'],
    ['\\', 'a trailing backslash'],
    ['a\\', 'a trailing backslash after a literal'],
    ['[]', 'an empty class'],
    ['[^]', 'an empty negated class'],
    ['*[', 'an unterminated class after a star'],
    ['ok/x[', 'a malformed class in a later element']
  ])('%j is malformed (%s) whatever the name', pattern => {
    expect(isMalformedGlob(pattern)).toBe(true)
    for (const name of ['', 'a', 'ok/x', '[', 'x[']) expect(() => pathMatch(pattern, name)).toThrow(BadPatternError)
  })

  test('a malformed chunk after a failed match is still reported, as in Go', () => {
    // Go checks the rest of the pattern before answering false.
    expect(() => pathMatch('x*[', 'y')).toThrow('syntax error in pattern')
  })

  test.each(['*', '?', '[a-c]', '[^a-c]', '[!a-c]', '\\*', '*.corp.com', 'a/b/*', '[\\]]', 'é'])(
    '%j is well-formed',
    pattern => {
      expect(isMalformedGlob(pattern)).toBe(false)
    }
  )
})
