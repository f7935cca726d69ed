/**
 * Verification audit: checksum verification is turned off only when the inputs say so, and then the step says what
 * is off. Every action run in this suite's audit files goes through runAudited, which checks that no GITHUB_ENV holds
 * GOSUMDB=off or a GOPRIVATE/GONOSUMDB/GOINSECURE glob matching every module unless the inputs wrote it; here the
 * inputs write exactly that, through the bundle as the runner runs it.
 */
import { verificationViolations } from '../support/audit-log.js'
import { runAudited } from './run-audited.js'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'

/** The runner's form of a workflow command's message (the toolkit escapes %, CR and LF). */
function warnings(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter(line => line.startsWith('::warning'))
    .map(line =>
      line
        .replace(/^::warning[^:]*::/, '')
        .replace(/%0A/g, '\n')
        .replace(/%0D/g, '\r')
        .replace(/%25/g, '%')
    )
}

describe('verification is turned off only when the inputs say so, and then loudly', () => {
  afterAll(cleanupTempDirs)

  const run = (inputs: Record<string, string>) => {
    const root = tempDir('audit-verification')
    return runAudited({
      inputs: { ...inputs, probe: 'false', warm: 'false' },
      env: goTestEnv(root, { GOPROXY: 'https://proxy.golang.org,direct', GOSUMDB: undefined }),
      cwd: root,
      timeoutMs: 30_000
    })
  }

  it.each([
    [{ sumdb: 'off' }, 'GOSUMDB', 'off', /Input 'sumdb': off turns checksum verification off/],
    [{ private: '*' }, 'GOPRIVATE', '*', /Input 'private': "\*" matches every module path: no module is verified/],
    [{ private: '*/*' }, 'GOPRIVATE', '*/*', /Input 'private': "\*\/\*" matches every module path/],
    [{ 'no-sumdb': '*' }, 'GONOSUMDB', '*', /Input 'no-sumdb': "\*" matches every module path: no module is verified/],
    [{ 'no-sumdb': '?*' }, 'GONOSUMDB', '?*', /Input 'no-sumdb': "\?\*" matches every module path/],
    [
      { insecure: '*' },
      'GOINSECURE',
      '*',
      /Input 'insecure': "\*" matches every module path: every direct fetch may use/
    ]
  ])('%j exports %s=%s and warns what it turns off', async (inputs, variable, value, warning) => {
    const result = await run(inputs)
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' })
    expect(result.env[variable]).toBe(value)
    expect(warnings(result.stdout)).toEqual(expect.arrayContaining([expect.stringMatching(warning)]))
    // Written by the inputs, so allowed; the same export without those inputs is what the audit flags.
    expect(result.verification).toEqual([])
    expect(verificationViolations({}, result.env)).toHaveLength(1)
  })

  it.each<Record<string, string>>([
    { region: 'cn' },
    { private: 'example.com/private', 'no-sumdb': 'example.com/*/x' },
    { sumdb: 'sum.golang.org' }
  ])('%j keeps verification on and warns about nothing', async inputs => {
    const result = await run(inputs)
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' })
    expect(result.verification).toEqual([])
    expect(verificationViolations({}, result.env)).toEqual([])
    expect(warnings(result.stdout)).toEqual([])
  })
})

describe('verificationViolations, the rule every audited run is held to', () => {
  it.each([
    [{}, { GOSUMDB: 'off' }, 1],
    [{ sumdb: ' off ' }, { GOSUMDB: 'off' }, 0],
    [{}, { GOSUMDB: 'sum.golang.google.cn' }, 0],
    [{}, { GOPRIVATE: 'example.com/x,*' }, 1],
    [{ private: 'example.com/x\n*' }, { GOPRIVATE: 'example.com/x,*' }, 0],
    [{ private: '*' }, { GONOSUMDB: '*' }, 1],
    [{}, { GONOPROXY: '*' }, 0],
    [{}, { GOINSECURE: '*.corp.example' }, 0],
    [{}, { GONOSUMDB: '?*' }, 1],
    // Go counts the / inside the class as a path separator: this glob only ever matches one-element paths.
    [{}, { GONOSUMDB: '[^/]*' }, 0]
  ])('inputs %j, exported %j: %i violation(s)', (inputs, exported, count) => {
    expect(verificationViolations(inputs, exported)).toHaveLength(count)
  })
})
