/** What go.sum records for module files, keyed as go checks a zip and a go.mod (modfetch.checkModSum). */
import { parseGoSum, recordedKey, recordedSums } from '../../../src/go/modfile/gosum.js'

const A = 'h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
const B = 'h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB='
const C = 'h1:CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC='

describe('recordedSums', () => {
  const sums = recordedSums([
    parseGoSum(`example.com/a v1.0.0 ${A}\nexample.com/a v1.0.0/go.mod ${B}\nexample.com/x v2.0.0 h2:future\n`),
    // A workspace member, or go.work.sum, recording another hash for the same zip.
    parseGoSum(`example.com/a v1.0.0 ${C}\n`)
  ])

  test.each<[string, string, boolean, string[] | undefined]>([
    ['the zip of a module version: every hash a go.sum records for it', 'example.com/a', false, [A, C]],
    ['its go.mod: the `/go.mod` line', 'example.com/a', true, [B]],
    ['a hash scheme other than h1 is left out (nothing here computes it)', 'example.com/x', false, undefined],
    ['a module no go.sum names: nothing to compare', 'example.com/none', false, undefined]
  ])('%s', (_name, path, goMod, want) => {
    const version = path === 'example.com/x' ? 'v2.0.0' : 'v1.0.0'
    const got = sums.get(recordedKey(path, version, goMod))
    expect(got ? [...got].sort() : undefined).toEqual(want)
  })
})
