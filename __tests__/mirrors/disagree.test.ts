/**
 * Defect 5: mirrors can disagree (a force-pushed tag: one mirror serves other bytes under the same version). In a
 * `|` run the forwarder compares a zip's h1 with go.sum before handing it to go and asks the next `|` mirror instead
 * on a mismatch, saying so in the log. go still verifies every byte; a `,` entry keeps go's meaning (no fall-through).
 *
 * NOT FIXED YET (issue 16, item 5): the `|` cases are `test.failing` — they describe the behaviour the fix must bring
 * and fail today (go gets the stale mirror's zip and reports a checksum mismatch). Turn them into `test` with the fix.
 */
import { warmModules } from '../../src/warm/warm.js'
import { cleanupTempDirs, findGo, goVersionOf } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule } from '../support/modules.js'
import { chainOf, warmProject } from '../warm/warm-helpers.js'

const go = findGo()
const mod = defineModule({ path: 'example.com/forcepushed/lib', version: 'v1.4.0' })
const proxies: TestProxy[] = []
afterAll(async () => {
  await Promise.all(proxies.map(p => p.close()))
  await cleanupTempDirs()
})
async function proxy(corrupt: boolean) {
  const p = await startProxy({ modules: [mod], corruptZip: corrupt })
  proxies.push(p)
  return p
}

describe(`mirrors that disagree on a zip (real ${goVersionOf()})`, () => {
  test.failing.each([0, 64])(
    'in a "|" run the zip whose h1 differs from go.sum is not handed to go (prefetch concurrency %i)',
    async concurrency => {
      const stale = await proxy(true)
      const right = await proxy(false)
      const chain = chainOf([[stale.url, '|'], [right.url]])
      const { options, log } = warmProject('disagree', go, chain, [mod], {}, { prefetchConcurrency: concurrency })
      const report = await warmModules(options)
      expect(report.failed.map(f => f.error)).toEqual([])
      expect(report.ok).toBe(true)
      expect(right.requests.some(r => r.kind === 'zip' && r.status === 200)).toBe(true)
      expect(log.lines.join('\n')).toMatch(
        new RegExp(
          `${mod.path}@${mod.version}.*h1.*go\\.sum.*${stale.url.replace(/[.:/]/g, '\\$&')}|${stale.url.replace(/[.:/]/g, '\\$&')}.*${mod.path}@${mod.version}.*go\\.sum`
        )
      )
    }
  )

  test('after "," go\'s meaning stays: the mismatching zip reaches go, which refuses it (checksum mismatch)', async () => {
    const stale = await proxy(true)
    const right = await proxy(false)
    const chain = chainOf([[stale.url, ','], [right.url]])
    const { options } = warmProject('disagree-comma', go, chain, [mod], {}, { prefetchConcurrency: 0, retries: 1 })
    const report = await warmModules(options)
    expect(report.ok).toBe(false)
    expect(report.failed[0].error).toMatch(/checksum mismatch/)
    expect(right.requests.filter(r => r.kind === 'zip')).toHaveLength(0)
  })
})
