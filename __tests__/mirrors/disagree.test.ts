/**
 * Defect 5: mirrors can disagree (a force-pushed tag: one mirror serves other bytes under the same version). In a
 * `|` run the forwarder compares a zip's h1 (and a go.mod's `/go.mod` h1) with go.sum before handing it to go and
 * asks the next `|` mirror instead on a mismatch, saying so in the log. go still verifies every byte; a `,` entry keeps
 * go's meaning (no fall-through), and where go.sum has no line there is nothing to compare.
 */
import { readdirSync, rmSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { parseGoSum, recordedSums } from '../../src/go/modfile/gosum.js'
import { startForwarder } from '../../src/warm/forwarder/forwarder.js'
import { warmModules } from '../../src/warm/warm.js'
import { cleanupTempDirs, findGo, goVersionOf, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, goSumLines, type TestModule } from '../support/modules.js'
import { captureLogger, chainOf, SUMDB_OFF, warmProject } from '../warm/warm-helpers.js'

const go = findGo()
const mod = defineModule({ path: 'example.com/forcepushed/lib', version: 'v1.4.0' })
const proxies: TestProxy[] = []
afterAll(async () => {
  await Promise.all(proxies.map(p => p.close()))
  await cleanupTempDirs()
})
async function proxy(corrupt: boolean, modules: readonly TestModule[] = [mod]) {
  const p = await startProxy({ modules, corruptZip: corrupt })
  proxies.push(p)
  return p
}
/** The log line that names the stale mirror, the module file and go.sum. */
const mismatchLine = (stale: TestProxy, file: string) =>
  new RegExp(
    `${stale.url.replace(/[.:/]/g, '\\$&')} served ${file.replace(/[.:/@]/g, '\\$&')} with h1:.*differs from go\\.sum`
  )

describe(`mirrors that disagree on a zip (real ${goVersionOf()})`, () => {
  test.each([0, 64])(
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

  test('a go.mod that differs from go.sum\'s `/go.mod` line is not handed to go either: the next "|" mirror serves both', async () => {
    // The force-pushed tag changed go.mod too: the stale mirror's .mod and .zip both differ from go.sum.
    const pushed = defineModule({ path: mod.path, version: mod.version, goMod: `module ${mod.path}\n\ngo 1.22\n` })
    const stale = await proxy(false, [pushed])
    const right = await proxy(false)
    const chain = chainOf([[stale.url, '|'], [right.url]])
    const { options, log } = warmProject('disagree-mod', go, chain, [mod], {}, { prefetchConcurrency: 0 })
    const report = await warmModules(options)
    expect(report.failed.map(f => f.error)).toEqual([])
    expect(right.requests.filter(r => r.kind === 'mod' && r.status === 200)).not.toHaveLength(0)
    expect(log.lines.join('\n')).toMatch(mismatchLine(stale, `${mod.path}@${mod.version}.mod`))
  })

  test("where go.sum has no line there is nothing to compare: the first mirror's bytes reach go (the checksum database decides)", async () => {
    const stale = await proxy(true)
    const right = await proxy(false)
    const chain = chainOf([[stale.url, '|'], [right.url]])
    const { options, log, app } = warmProject('disagree-nosum', go, chain, [mod], {}, { prefetchConcurrency: 0 })
    // The project requires the module but records no hash for it (GOSUMDB is off in these tests).
    rmSync(join(app, 'go.sum'))
    const report = await warmModules(options)
    expect(report.failed.map(f => f.error)).toEqual([])
    expect(stale.requests.some(r => r.kind === 'zip' && r.status === 200)).toBe(true)
    expect(right.requests.filter(r => r.kind === 'zip')).toHaveLength(0)
    expect(log.lines.join('\n')).not.toMatch(/differs from go\.sum/)
  })

  test("when no later mirror serves the bytes go.sum records, go gets the first mirror's and reports the mismatch itself", async () => {
    const stale = await proxy(true)
    const missing = await proxy(false, [])
    const chain = chainOf([[stale.url, '|'], [missing.url]])
    const { options } = warmProject('disagree-none', go, chain, [mod], {}, { prefetchConcurrency: 64, retries: 1 })
    const report = await warmModules(options)
    expect(report.ok).toBe(false)
    expect(report.failed[0].error).toMatch(/checksum mismatch/)
    expect(missing.requests.some(r => r.kind === 'zip')).toBe(true)
  })
})

describe('the comparison keeps memory bounded', () => {
  test("a zip too large to buffer is spooled to disk, hashed there, and the next mirror's bytes reach go; the spool is removed", async () => {
    const stale = await proxy(true)
    const right = await proxy(false)
    const spoolParent = tempDir('disagree-spool')
    const log = captureLogger()
    const forwarder = await startForwarder({
      chain: chainOf([[stale.url, '|'], [right.url]]),
      sumdb: SUMDB_OFF,
      gonoproxy: '',
      gonosumdb: '',
      requestTimeoutMs: 2000,
      // Every zip is larger than this: each one is streamed, so the comparison must spool it.
      bufferLimit: 64,
      recorded: recordedSums([parseGoSum(goSumLines([mod]).join('\n'))]),
      // The prefetch is never asked for anything here; it only places the spool directory.
      prefetch: { concurrency: 1, spoolParent, fileLayer: false },
      log
    })
    try {
      const { status, body } = await get(`${forwarder.url}/${mod.path}/@v/${mod.version}.zip`)
      expect(status).toBe(200)
      expect(Buffer.compare(body, Buffer.from(mod.zip))).toBe(0)
      expect(log.lines.join('\n')).toMatch(mismatchLine(stale, `${mod.path}@${mod.version}.zip`))
    } finally {
      await forwarder.close()
    }
    expect(readdirSync(spoolParent)).toEqual([])
  })
})

/** A GET as go sends it, with a hard deadline. */
function get(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.setTimeout(20_000, () => req.destroy(new Error('test client timeout')))
    req.on('error', reject)
  })
}
