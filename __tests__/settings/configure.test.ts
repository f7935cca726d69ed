/**
 * The decisions the action and the CLI share: what the probe's outcome means for the
 * chain to export. Security first: with a problem (a dead "," gate, no working proxy)
 * the rebuilt chain is never exported; `warn` keeps the chain as composed.
 */
import { CLI_WORDING } from '../../src/cli/wording.js'
import { formatChain, parseGoproxy } from '../../src/go/proxy/chain.js'
import { ACTION_WORDING } from '../../src/host/wording.js'
import { decideAfterProbe, planEnvironment } from '../../src/settings/configure.js'
import { readSettings } from '../../src/settings/settings.js'

function planned(inputs: Record<string, string>) {
  return planEnvironment(
    readSettings(name => inputs[name] ?? ''),
    { env: {} }
  )
}

const composed = planned({ proxies: 'https://corp.example,\nhttps://proxy.golang.org\ndirect' }).plan
const rebuilt = parseGoproxy('test', 'https://proxy.golang.org,direct').chain

describe('decideAfterProbe applies on-unreachable', () => {
  test('no problem: the rebuilt chain and the verified checksum DB are exported', () => {
    const verdict = decideAfterProbe(
      composed,
      { chain: rebuilt, sumdb: composed.sumdb, problems: [] },
      'fail',
      ACTION_WORDING
    )
    expect(formatChain(verdict.chain)).toBe('https://proxy.golang.org,direct')
    expect(verdict.failure).toBeUndefined()
    expect(verdict.warning).toBeUndefined()
  })

  test('a problem with fail: the step fails with the problem and how to switch to warn', () => {
    const verdict = decideAfterProbe(
      composed,
      { chain: rebuilt, sumdb: composed.sumdb, problems: ['gate dead'] },
      'fail',
      ACTION_WORDING
    )
    expect(verdict.failure).toBe('gate dead\nSet `on-unreachable: warn` to use the chain anyway.')
    const cli = decideAfterProbe(
      composed,
      { chain: rebuilt, sumdb: composed.sumdb, problems: ['gate dead'] },
      'fail',
      CLI_WORDING
    )
    expect(cli.failure).toBe('gate dead\nSet `--on-unreachable warn` to use the chain anyway.')
  })

  test('a problem with warn: the chain as composed (the dead "," gate kept), never the rebuilt one', () => {
    const verdict = decideAfterProbe(
      composed,
      { chain: rebuilt, sumdb: composed.sumdb, problems: ['gate dead'] },
      'warn',
      ACTION_WORDING
    )
    expect(formatChain(verdict.chain)).toBe('https://corp.example,https://proxy.golang.org,direct')
    expect(verdict.warning).toMatch(/^gate dead\n`on-unreachable: warn`: using the chain as composed/)
    expect(verdict.failure).toBeUndefined()
  })
})

describe('planEnvironment', () => {
  test('credentials leave the proxy URL, and a private module host joins GOPRIVATE', () => {
    const { plan, credentials } = planned({
      proxies: 'https://bot:s3cret@corp.example/goproxy',
      auth: 'git.corp.example/team tok123'
    })
    expect(formatChain(plan.chain)).toBe('https://corp.example/goproxy')
    expect(plan.goprivate).toBe('git.corp.example/team')
    expect(credentials.secrets).toEqual(expect.arrayContaining(['s3cret', 'tok123']))
  })
})
