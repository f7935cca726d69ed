/**
 * A failed module explained with who answered it (src/warm/sources.ts), with the real go and loopback mirrors:
 * - a checksum mismatch names the proxy that served the altered bytes (of three mirrors), inertly quoted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseGosumdb } from '../../src/go/sumdb/config.js'
import { warmModules } from '../../src/warm/warm.js'
import { cleanupTempDirs, findGo } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule } from '../support/modules.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'
import { chainOf, warmProject } from './warm-helpers.js'

const go = findGo()
const lib = defineModule({ path: 'example.com/sources/lib', version: 'v1.0.0' })
const secret = defineModule({ path: 'corp.example/sources/secret', version: 'v1.0.0' })

let sumdb: SumdbServer
let empty: TestProxy
let tampered: TestProxy
let good: TestProxy

beforeAll(async () => {
  sumdb = await startSumdb({
    records: [lib, secret].map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
  })
  empty = await startProxy({ modules: [] })
  tampered = await startProxy({ modules: [lib], corruptZip: true })
  good = await startProxy({ modules: [lib] })
})
afterAll(async () => {
  await Promise.all([sumdb, empty, tampered, good].map(server => server?.close()))
  await cleanupTempDirs()
})

const DEFAULTS = { timeoutSeconds: 40, retries: 1, requestTimeoutMs: 2000 }

describe('a checksum mismatch names the proxy that served the bytes', () => {
  it.each([
    ['against go.sum', true, 'checksum-mismatch-gosum'],
    ['against the checksum database (no go.sum line)', false, 'checksum-mismatch-sumdb']
  ])('%s', async (_name, goSum, kind) => {
    // Three mirrors: the first has nothing (404, go goes on after ","), the second serves altered bytes.
    const chain = chainOf([[empty.url], [tampered.url], [good.url]])
    const { root, options } = warmProject('sources-mismatch-', go, chain, [lib], DEFAULTS, {
      sumdb: parseGosumdb('sumdb', sumdb.gosumdb)
    })
    if (!goSum) writeFileSync(join(root, 'app', 'go.sum'), '')
    const report = await warmModules({ ...options, env: { ...options.env, GOSUMDB: sumdb.gosumdb } })
    expect(report.ok).toBe(false)
    const failure = report.failed.find(f => f.path === lib.path)
    expect(failure?.diagnosis.kind).toBe(kind)
    expect(failure?.diagnosis.message).toMatch(new RegExp(`^Served by ${JSON.stringify(tampered.url)}: `))
    expect(failure?.diagnosis.message).not.toContain(good.url)
    expect(failure?.diagnosis.host).toBe(tampered.url)
  })
})
