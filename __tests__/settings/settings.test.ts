/** The go-version / go-version-file inputs in readSettings: parsed up front, with errors naming the input. */
import { InputErrors } from '../../src/go/errors.js'
import { readSettings } from '../../src/settings/settings.js'

const settings = (inputs: Record<string, string>) => readSettings(name => inputs[name] ?? '')

test.each([
  ['1.23', { kind: 'line', line: '1.23' }],
  ['1.23.5', { kind: 'exact', version: '1.23.5' }],
  ['go1.23.5', { kind: 'exact', version: '1.23.5' }],
  ['1.23rc1', { kind: 'exact', version: '1.23rc1' }],
  ['stable', { kind: 'stable' }],
  ['oldstable', { kind: 'oldstable' }],
  ['>=1.22', { kind: 'range', range: '>=1.22' }],
  [' 1.23 ', { kind: 'line', line: '1.23' }]
])('go-version %j', (value, request) => {
  expect(settings({ 'go-version': value }).goInstall).toEqual({ from: 'go-version', request })
})

test('go-version-file is kept as a path (read later)', () => {
  expect(settings({ 'go-version-file': 'sub/go.mod' }).goInstall).toEqual({
    from: 'go-version-file',
    file: 'sub/go.mod'
  })
})

test('neither: nothing to install', () => {
  expect(settings({}).goInstall).toBeUndefined()
})

test.each<[Record<string, string>, RegExp]>([
  [
    { 'go-version': '1.23', 'go-version-file': 'go.mod' },
    /Input 'go-version'.*"1\.23" and go-version-file "go\.mod" are both set/
  ],
  [{ 'go-version': 'latest' }, /Input 'go-version'.*"latest"/],
  [{ 'go-version': '1.23beta' }, /Input 'go-version'.*prereleases are written like 1\.23rc1/],
  [{ 'go-version-file': 'go.mod\u0007' }, /Input 'go-version-file'/]
])('bad input %j is an error naming the input and the value', (inputs, message) => {
  let error: unknown
  try {
    settings(inputs)
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(InputErrors)
  expect((error as Error).message).toMatch(message)
})
