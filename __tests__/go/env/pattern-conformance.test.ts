/**
 * The action decides "is this module private?" exactly as the go command does: pathMatch
 * and matchesPrefixPatterns are compared with the real Go (path.Match and Go's own
 * MatchPrefixPatterns source, built at test time) on a generated set of patterns × module
 * paths, then on random patterns and paths from fast-check.
 */
import fc from 'fast-check'
import { BadPatternError, pathMatch } from '../../../src/go/env/glob.js'
import { matchesPrefixPatterns } from '../../../src/go/env/patterns.js'
import { cleanupTempDirs, findGo } from '../../support/go.js'
import { GoMatchOracle, type GoAnswer, type GoQuery } from './go-match-oracle.js'

/** Element-level pieces: literals, every glob operator, unicode, malformed classes and escapes. */
const ELEMENTS = [
  'golang.org',
  'example.com',
  'rsc.io',
  'private',
  'x',
  'Org',
  '日本.jp',
  'é',
  '*',
  '**',
  '?',
  '*.corp.com',
  'git.*',
  'go?ang.org',
  '[a-c]*',
  '[^a-c]*',
  '[!a-c]*',
  '[é-ü]*',
  '[^/]*',
  '\\*',
  '\\x*',
  'ex\\ample.com',
  '*[',
  '[',
  'a[',
  '[a-',
  '[]a]',
  '[-]',
  '[x-]',
  '[^',
  '\\'
]

/** A deterministic PRNG (mulberry32), so the generated set is the same on every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function generatePatterns(): string[] {
  const random = prng(20261123)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const patterns = new Set<string>(['', '/', '//', ',', ' ', 'a.com, b.com', 'a.com,,b.com', ',*,'])
  for (const first of ELEMENTS) {
    patterns.add(first)
    patterns.add(`${first}/`)
    patterns.add(`${first}/${pick(ELEMENTS)}`)
    patterns.add(`${first}/${pick(ELEMENTS)}/`)
    patterns.add(`${pick(ELEMENTS)}/${first}/${pick(ELEMENTS)}`)
  }
  while (patterns.size < 260) {
    const elements = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(ELEMENTS))
    patterns.add(elements.join('/') + (random() < 0.2 ? '/' : ''))
  }
  // Comma-separated lists: entries of the generated set, with and without blanks.
  const singles = [...patterns]
  for (let i = 0; i < 80; i++) {
    patterns.add(
      [pick(singles), pick(singles), ...(random() < 0.3 ? [pick(singles)] : [])].join(random() < 0.2 ? ', ' : ',')
    )
  }
  return [...patterns]
}

const PATHS = [
  '',
  '/',
  'golang.org',
  'golang.org/x',
  'golang.org/x/mod',
  'golang.org/x/mod/sumdb/note',
  'example.com',
  'example.com/',
  'example.com//x',
  'example.com/private',
  'example.com/private/x',
  'example.com/privateer',
  'rsc.io/private',
  'rsc.io/private/x',
  'rsc.io/privateer',
  'rsc.io/x',
  'git.corp.com',
  'git.corp.com/x',
  'git.corp.com/x/y',
  'corp.com/x',
  'evilcorp.com/x',
  'a.b.corp.com/c',
  'github.com',
  'github.com/Org',
  'github.com/org',
  'github.com/Org/repo',
  'github.com/org/repo/v2',
  'GitHub.com/org',
  'b.com',
  ' b.com',
  'a.com',
  'd.example/x',
  '!x.com/y',
  '*',
  '*.corp.com',
  '*/x',
  '[',
  'a[',
  '\\',
  'x',
  'x/y/z/w',
  'Org/private',
  '日本.jp',
  '日本.jp/パッケージ',
  'é',
  'é/é',
  'ü.example/x',
  'go.ang.org/x',
  'goXang.org',
  'git.example.com/x'
]

type Outcome = boolean | 'bad pattern'

function tsMatch(pattern: string, name: string): Outcome {
  try {
    return pathMatch(pattern, name)
  } catch (error) {
    if (error instanceof BadPatternError) return 'bad pattern'
    throw error
  }
}

const goMatch = (answer: GoAnswer): Outcome => (answer.badPattern ? 'bad pattern' : answer.match)

// Needs the real go: without one this suite fails here, with the message saying how to get it.
findGo()

describe('pattern matching agrees with the real go command', () => {
  let oracle: GoMatchOracle
  beforeAll(async () => {
    oracle = await GoMatchOracle.start()
  }, 120_000)
  afterAll(async () => {
    await oracle?.stop()
    await cleanupTempDirs()
  })

  const patterns = generatePatterns()

  test('the generated set covers a few hundred patterns and every operator', () => {
    expect(patterns.length).toBeGreaterThanOrEqual(300)
    for (const piece of ['*', '?', '[a-c]', '[^a-c]', '[!a-c]', '\\*', '*.corp.com', '日本', '[', ', ', '/']) {
      expect(patterns.some(p => p.includes(piece))).toBe(true)
    }
  })

  test('path.Match: same answer and the same syntax errors on every pattern × path', async () => {
    const queries: GoQuery[] = patterns.flatMap(p => PATHS.map((t): GoQuery => ['match', p, t]))
    const answers = await oracle.ask(queries)
    const differences = queries
      .map(([, p, t], i) => ({ pattern: p, path: t, go: goMatch(answers[i]), action: tsMatch(p, t) }))
      .filter(d => d.go !== d.action)
    expect(differences).toEqual([])
    // The set is useful only if it exercises every outcome.
    const outcomes = new Set(answers.map(goMatch))
    expect(outcomes).toEqual(new Set([true, false, 'bad pattern']))
  })

  test('MatchPrefixPatterns: same answer on every pattern list × path', async () => {
    const queries: GoQuery[] = patterns.flatMap(p => PATHS.map((t): GoQuery => ['prefix', p, t]))
    const answers = await oracle.ask(queries)
    const differences = queries
      .map(([, p, t], i) => ({ globs: p, path: t, go: answers[i].match, action: matchesPrefixPatterns(p, t) }))
      .filter(d => d.go !== d.action)
    expect(differences).toEqual([])
    expect(answers.filter(a => a.match).length).toBeGreaterThan(queries.length / 20)
  })

  // Small alphabets make collisions between pattern and path likely, so matches are common.
  const patternChar = fc.constantFrom('a', 'b', 'é', '日', '.', '/', '*', '?', '[', ']', '^', '!', '-', '\\', ',')
  const pathChar = fc.constantFrom('a', 'b', 'é', '日', '.', '/', '*', '-', '[', '!')
  const pattern = fc.array(patternChar, { maxLength: 9 }).map(cs => cs.join(''))
  const path = fc.array(pathChar, { maxLength: 9 }).map(cs => cs.join(''))

  test('random patterns and paths (fast-check): path.Match', async () => {
    await fc.assert(
      fc.asyncProperty(pattern, path, async (p, t) => {
        const [answer] = await oracle.ask([['match', p, t]])
        expect(tsMatch(p, t)).toBe(goMatch(answer))
      }),
      { numRuns: 400 }
    )
  })

  test('random pattern lists and paths (fast-check): MatchPrefixPatterns', async () => {
    await fc.assert(
      fc.asyncProperty(pattern, path, async (p, t) => {
        const [answer] = await oracle.ask([['prefix', p, t]])
        expect(matchesPrefixPatterns(p, t)).toBe(answer.match)
      }),
      { numRuns: 400 }
    )
  })
})
