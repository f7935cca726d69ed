/**
 * Reading a run: one failure that repeats on every attempt (a proxy whose host does not resolve; under the tests' DNS guard it shows as refused) is described once;
 * the later attempts say it failed the same way, with the attempt count, instead of printing the diagnosis again.
 */
import { findGo } from '../support/go.js'
import { moduleSet } from '../support/modules.js'
import { warmModules } from '../../src/warm/warm.js'
import { chainOf, warmProject } from './warm-helpers.js'

const go = findGo()

afterAll(async () => (await import('../support/go.js')).cleanupTempDirs())

describe('warmModules retries of one unchanging failure', () => {
  it('names the failure of an unresolvable proxy once and then counts the attempts that failed the same way', async () => {
    const chain = chainOf([['http://nonexistent.invalid']])
    const { log, options } = warmProject('dns-once', go, chain, moduleSet(1, 'example.com/dnsonce'), {
      retries: 3,
      timeoutSeconds: 40
    })
    const report = await warmModules(options)
    expect(report.ok).toBe(false)
    const retries = log.lines.filter(line => line.includes('trying again (attempt'))
    expect(retries).toHaveLength(2)
    expect(retries[0]).toContain('nonexistent.invalid')
    expect(retries[1]).toMatch(/^info: app: 1 failed the same way \(\w+\); trying again \(attempt 3 of 3\)\.$/)
  })
})
