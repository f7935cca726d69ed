/** The 2026 checksum-database fixes and who is exposed (src/go/sumdb/exposure.ts; the action's warning: action/unpatched-go.test.ts). */
import { parseGoproxy } from '../../../src/go/proxy/chain.js'
import { parseGosumdb } from '../../../src/go/sumdb/config.js'
import { checksumThroughThirdParty, missingChecksumFixes, unpatchedGoWarning } from '../../../src/go/sumdb/exposure.js'

const ALL = ['CVE-2026-42501', 'CVE-2026-56865', 'CVE-2026-56864']

describe('missingChecksumFixes', () => {
  test.each<[string, string[]]>([
    ['go1.21.13', ALL],
    ['go1.23.5', ALL],
    ['go1.25.12', ALL],
    ['go1.25.13', ['CVE-2026-42501']],
    ['go1.26.2', ALL],
    ['go1.26.3', ['CVE-2026-56865', 'CVE-2026-56864']],
    ['go1.26.5', ['CVE-2026-56865', 'CVE-2026-56864']],
    ['go1.26.6', []],
    ['go1.26.8', []],
    ['go1.27rc1', []],
    ['go1.27.3', []],
    ['devel go1.28-abcdef', []]
  ])('%s lacks %j', (version, missing) => {
    expect(missingChecksumFixes(version)).toEqual(missing)
  })
})

describe('checksumThroughThirdParty', () => {
  const chain = (goproxy: string) => parseGoproxy('GOPROXY', goproxy).chain
  test.each<[string, string, string, boolean]>([
    ['a third-party proxy, GOSUMDB without URL', 'https://goproxy.cn,direct', 'sum.golang.org', true],
    ['the database operator’s own proxy only', 'https://proxy.golang.org,direct', 'sum.golang.org', false],
    ['a GOSUMDB with an explicit URL', 'https://goproxy.cn,direct', 'sum.golang.org https://sum.golang.org', false],
    ['no proxy at all', 'direct', 'sum.golang.org', false],
    ['GOSUMDB off', 'https://goproxy.cn', 'off', false]
  ])('%s: %s / %s → %s', (_name, goproxy, gosumdb, exposed) => {
    expect(checksumThroughThirdParty(parseGosumdb('sumdb', gosumdb), chain(goproxy))).toBe(exposed)
  })

  test('the warning names the version, the CVEs and both ways out', () => {
    const warning = unpatchedGoWarning(
      'go1.23.5',
      parseGosumdb('sumdb', 'sum.golang.org'),
      chain('https://goproxy.cn,direct')
    )
    expect(warning).toMatch(/^go1\.23\.5 predates .*CVE-2026-42501, CVE-2026-56865, CVE-2026-56864/)
    expect(warning).toContain('upgrade go to 1.26.6 or later')
    expect(warning).toContain('sumdb: sum.golang.org https://sum.golang.org')
  })
})
