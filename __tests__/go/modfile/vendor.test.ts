/** When go builds a module from vendor/ (src/go/modfile/vendor.ts); the real go agrees in warm/vendored.test.ts. */
import { buildsFromVendor, modFlag } from '../../../src/go/modfile/vendor.js'

const GO_MOD = 'module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n'
const MODULES_TXT = '# example.com/dep v1.0.0\n## explicit; go 1.21\nexample.com/dep\n'

describe('buildsFromVendor', () => {
  test.each<[string, string, string | undefined, string | undefined, boolean]>([
    ['a consistent modules.txt', GO_MOD, MODULES_TXT, undefined, true],
    ['no vendor/modules.txt', GO_MOD, undefined, undefined, false],
    ['a requirement at another version', GO_MOD, MODULES_TXT.replace('v1.0.0', 'v0.9.0'), undefined, false],
    ['a requirement not marked explicit', GO_MOD, '# example.com/dep v1.0.0\nexample.com/dep\n', undefined, false],
    ['GOFLAGS=-mod=mod reads the module cache', GO_MOD, MODULES_TXT, '-mod=mod', false],
    ['GOFLAGS=-mod=readonly too', GO_MOD, MODULES_TXT, '-trimpath -mod=readonly', false],
    ['GOFLAGS=-mod=vendor', GO_MOD, MODULES_TXT, '-mod=vendor', true],
    ['go 1.13 does not use vendor/ by default', GO_MOD.replace('go 1.21', 'go 1.13'), MODULES_TXT, undefined, false],
    ['no requirements and an empty modules.txt', 'module example.com/app\n\ngo 1.22\n', '', undefined, true]
  ])('%s → %s', (_name, goMod, modulesTxt, goflags, vendored) => {
    expect(buildsFromVendor(goMod, modulesTxt, goflags)).toBe(vendored)
  })

  test('modFlag reads -mod and --mod from GOFLAGS', () => {
    expect(modFlag('-x --mod=vendor')).toBe('vendor')
    expect(modFlag('-modcacherw')).toBeUndefined()
  })
})
