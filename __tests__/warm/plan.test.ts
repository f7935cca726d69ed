/**
 * planPrefetch rules, one table row each: what is planned, what is left to go, and the notes that say why.
 * The real-go check of the same rules is plan-go.test.ts.
 */
import { planPrefetch, type ModuleSetTexts } from '../../src/warm/plan.js'
import { compareSemver } from '../../src/go/module/semver.js'
import { isDirectoryPath } from '../../src/go/modfile/modfile.js'

const sum = (path: string, version: string, zip = true): string =>
  `${zip ? `${path} ${version} h1:zip=\n` : ''}${path} ${version}/go.mod h1:mod=\n`

const module = (goMod: string, ...goSums: string[]): ModuleSetTexts => ({ label: './m', goMods: [goMod], goSums })
const MOD = (extra = '', go = '1.21') => `module example.com/app\n\ngo ${go}\n\nrequire example.com/a v1.0.0\n${extra}`
const BARE = (extra = '') => `module example.com/app\n\ngo 1.21\n${extra}`
const open = { goprivate: '', gonoproxy: '' }

const paths = (sets: ModuleSetTexts[], privacy = open) => planPrefetch(sets, privacy).files.map(f => f.path)

describe('planPrefetch', () => {
  it.each<[string, ModuleSetTexts[], string[]]>([
    [
      'a required module: .mod, then .info and .zip; a go.mod-only line: .mod only',
      [module(MOD(), sum('example.com/a', 'v1.0.0') + sum('example.com/b', 'v1.1.0', false))],
      [
        'example.com/a/@v/v1.0.0.mod',
        'example.com/b/@v/v1.1.0.mod',
        'example.com/a/@v/v1.0.0.info',
        'example.com/a/@v/v1.0.0.zip'
      ]
    ],
    [
      'go >= 1.17: a zip line of a module the go.mod does not require is not downloaded',
      [module(MOD(), sum('example.com/a', 'v1.0.0') + sum('example.com/z', 'v1.0.0'))],
      [
        'example.com/a/@v/v1.0.0.mod',
        'example.com/z/@v/v1.0.0.mod',
        'example.com/a/@v/v1.0.0.info',
        'example.com/a/@v/v1.0.0.zip'
      ]
    ],
    [
      'go >= 1.17: a required module is downloaded even when go.sum has only its go.mod line',
      [module(MOD(), sum('example.com/a', 'v1.0.0', false))],
      ['example.com/a/@v/v1.0.0.mod', 'example.com/a/@v/v1.0.0.info', 'example.com/a/@v/v1.0.0.zip']
    ],
    [
      'go < 1.17 downloads all: every zip line, highest version per path',
      [
        module(
          MOD('', '1.16'),
          sum('example.com/a', 'v1.0.0') + sum('example.com/z', 'v1.0.0') + sum('example.com/z', 'v1.10.0')
        )
      ],
      [
        'example.com/a/@v/v1.0.0.mod',
        'example.com/z/@v/v1.0.0.mod',
        'example.com/z/@v/v1.10.0.mod',
        'example.com/a/@v/v1.0.0.info',
        'example.com/a/@v/v1.0.0.zip',
        'example.com/z/@v/v1.10.0.info',
        'example.com/z/@v/v1.10.0.zip'
      ]
    ],
    [
      'case encoding of paths and versions',
      [
        module(
          'module example.com/app\ngo 1.21\nrequire example.com/Big v1.0.0-RC1\n',
          sum('example.com/Big', 'v1.0.0-RC1')
        )
      ],
      [
        'example.com/!big/@v/v1.0.0-!r!c1.mod',
        'example.com/!big/@v/v1.0.0-!r!c1.info',
        'example.com/!big/@v/v1.0.0-!r!c1.zip'
      ]
    ],
    [
      'a local replacement is not fetched',
      [module(MOD('replace example.com/a => ../a\n'), sum('example.com/a', 'v1.0.0'))],
      []
    ],
    [
      'a version replacement fetches the replacement',
      [module(MOD('replace example.com/a v1.0.0 => example.com/fork v1.0.1\n'), sum('example.com/a', 'v1.0.0'))],
      ['example.com/fork/@v/v1.0.1.mod', 'example.com/fork/@v/v1.0.1.info', 'example.com/fork/@v/v1.0.1.zip']
    ],
    [
      'a replacement of another version does not apply',
      [module(MOD('replace example.com/a v0.9.0 => ../a\n'), sum('example.com/a', 'v1.0.0', false))],
      ['example.com/a/@v/v1.0.0.mod', 'example.com/a/@v/v1.0.0.info', 'example.com/a/@v/v1.0.0.zip']
    ],
    [
      'an excluded version is skipped',
      [
        module(
          BARE('exclude example.com/b v1.0.0\n'),
          sum('example.com/b', 'v1.0.0', false) + sum('example.com/b', 'v1.1.0', false)
        )
      ],
      ['example.com/b/@v/v1.1.0.mod']
    ],
    ['the main module itself is never fetched', [module(BARE(), sum('example.com/app', 'v1.0.0'))], []],
    [
      'deduplicated across module sets',
      [module(MOD(), sum('example.com/a', 'v1.0.0')), module(MOD(), sum('example.com/a', 'v1.0.0'))],
      ['example.com/a/@v/v1.0.0.mod', 'example.com/a/@v/v1.0.0.info', 'example.com/a/@v/v1.0.0.zip']
    ],
    [
      'workspace: go.work replacements win, all of the build list is downloaded',
      [
        {
          label: '.',
          goWork: 'go 1.21\nuse ./m\nreplace example.com/z => example.com/zz v2.0.0\n',
          goMods: [MOD('replace example.com/z => ../z\n')],
          goSums: [sum('example.com/zz', 'v2.0.0') + sum('example.com/z', 'v1.0.0')]
        }
      ],
      ['example.com/zz/@v/v2.0.0.mod', 'example.com/zz/@v/v2.0.0.info', 'example.com/zz/@v/v2.0.0.zip']
    ]
  ])('%s', (_name, sets, want) => {
    expect(paths(sets)).toEqual(want)
  })

  it.each([
    ['GONOPROXY', { goprivate: '', gonoproxy: 'example.com/a' }],
    ['GOPRIVATE when GONOPROXY is empty', { goprivate: 'example.com/a', gonoproxy: '' }],
    ['GONOPROXY glob', { goprivate: '', gonoproxy: 'example.*' }]
  ])('never lists a module matching %s, and says so', (_name, privacy) => {
    const plan = planPrefetch([module(MOD(), sum('example.com/a', 'v1.0.0'))], privacy)
    expect(plan.files).toEqual([])
    expect(plan.notes.join('\n')).toMatch(/1 module\(s\) matching GONOPROXY\/GOPRIVATE left to go.*example\.com\/a/)
  })

  it('GONOPROXY=none keeps a GOPRIVATE module on the proxy (private only for the checksum DB)', () => {
    expect(
      paths([module(MOD(), sum('example.com/a', 'v1.0.0'))], { goprivate: 'example.com', gonoproxy: 'none' })
    ).toHaveLength(3)
  })

  it.each([
    ['no go.sum', []],
    ['an empty go.sum', ['\n']]
  ])('%s: no plan, and a note says why', (_name, goSums) => {
    const plan = planPrefetch([module(MOD(), ...goSums)], open)
    expect(plan.files).toEqual([])
    expect(plan.notes).toEqual([expect.stringMatching(/^\.\/m: no go\.sum entries, so no prefetch plan/)])
  })

  it('reports malformed go.sum and go.mod lines and plans the rest', () => {
    const plan = planPrefetch([module(MOD('require broken\n'), 'bad line\n' + sum('example.com/a', 'v1.0.0'))], open)
    expect(plan.files).toHaveLength(3)
    expect(plan.notes).toEqual([
      expect.stringMatching(/go\.mod example\.com\/app line 6 skipped: usage: require/),
      expect.stringMatching(/go\.sum line 1 skipped: malformed/)
    ])
  })
})

describe('compareSemver', () => {
  it.each([
    ['v1.0.0', 'v1.0.0', 0],
    ['v1.0.0', 'v1.0.1', -1],
    ['v1.10.0', 'v1.9.0', 1],
    ['v1', 'v1.0.0', 0],
    ['v1.0.0-rc.1', 'v1.0.0', -1],
    ['v1.0.0-rc.2', 'v1.0.0-rc.10', -1],
    ['v1.0.0-1', 'v1.0.0-alpha', -1],
    ['v1.0.0-alpha', 'v1.0.0-alpha.1', -1],
    ['v0.0.0-20240101000000-abcdefabcdef', 'v0.0.0-20230101000000-abcdefabcdef', 1],
    ['v2.0.0+incompatible', 'v2.0.0', 0],
    ['v100000000000000000001.0.0', 'v100000000000000000000.0.0', 1],
    ['bad', 'v0.0.1', -1]
  ])('%s vs %s = %d', (a, b, want) => {
    expect(compareSemver(a, b)).toBe(want)
    expect(compareSemver(b, a)).toBe(-want || 0)
  })
})

describe('isDirectoryPath (modfile.IsDirectoryPath: Unix and Windows syntaxes on every OS)', () => {
  it.each([
    ['.', true],
    ['..', true],
    ['./x', true],
    ['../x', true],
    ['.\\x', true],
    ['..\\x', true],
    ['/abs', true],
    ['\\abs', true],
    ['C:\\src\\x', true],
    ['c:/src/x', true],
    ['example.com/x', false],
    ['.x', false],
    ['x/..', false]
  ])('%s → %s', (path, want) => {
    expect(isDirectoryPath(path)).toBe(want)
  })

  it('a Windows-path replacement is local, so nothing is planned for it', () => {
    const set = module(MOD('replace example.com/a => C:\\src\\a\n'), sum('example.com/a', 'v1.0.0'))
    expect(paths([set])).toEqual([])
  })

  it('in a workspace GONOPROXY modules are left to go too', () => {
    const set: ModuleSetTexts = {
      label: '.',
      goWork: 'go 1.21\nuse ./m\n',
      goMods: [MOD()],
      goSums: [sum('example.com/a', 'v1.0.0') + sum('corp.example/p', 'v1.0.0')]
    }
    expect(paths([set], { goprivate: 'corp.example', gonoproxy: '' }).some(p => p.startsWith('corp.example'))).toBe(
      false
    )
  })
})
