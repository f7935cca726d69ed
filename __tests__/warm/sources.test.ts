/**
 * A failed module explained with who answered it (src/warm/sources.ts), with the real go and loopback mirrors:
 * - a checksum mismatch names the proxy that served the altered bytes (of three mirrors), inertly quoted;
 * - a module every proxy answered 404 for gets no `private:` hint when the checksum database knows it (it is public:
 *   the proxy serves only private modules); it keeps the hint when the database does not know it, and a GONOSUMDB
 *   module is never sent to the database to find out.
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
import { chainOf, planOf, warmProject } from './warm-helpers.js'

const go = findGo()
const lib = defineModule({ path: 'example.com/sources/lib', version: 'v1.0.0' })
const unknown = defineModule({ path: 'example.com/sources/unpublished', version: 'v0.1.0' })
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

describe('a module a private-only proxy answered 404 for', () => {
  const warmThroughEmpty = async (module: typeof lib, gonosumdb = '') => {
    const chain = chainOf([[empty.url]])
    const { root, options } = warmProject('sources-404-', go, chain, [module], DEFAULTS, {
      sumdb: parseGosumdb('sumdb', sumdb.gosumdb),
      plan: planOf(chain, { gonosumdb })
    })
    writeFileSync(join(root, 'app', 'go.sum'), '')
    const env = { ...options.env, GOSUMDB: sumdb.gosumdb, ...(gonosumdb ? { GONOSUMDB: gonosumdb } : {}) }
    const report = await warmModules({ ...options, env })
    expect(report.ok).toBe(false)
    return report.failed.find(f => f.path === module.path)!.diagnosis
  }

  it('is public when the checksum database knows it: no private: hint, the proxy named', async () => {
    const diagnosis = await warmThroughEmpty(lib)
    expect(diagnosis.kind).toBe('not-found')
    expect(diagnosis.suggestion).toBeUndefined()
    expect(diagnosis.message).not.toContain('private: ')
    expect(diagnosis.message).toContain('the checksum database knows it: it is a public module')
    expect(diagnosis.message).toContain(JSON.stringify(empty.url))
  })

  it('keeps the private: hint when the checksum database does not know it', async () => {
    const diagnosis = await warmThroughEmpty(unknown)
    expect(diagnosis.kind).toBe('not-found')
    expect(diagnosis.suggestion).toMatch(/^private: example\.com/)
  })

  it('never asks the checksum database about a GONOSUMDB module (the hint stays)', async () => {
    const before = sumdb.requests.length
    const diagnosis = await warmThroughEmpty(secret, 'corp.example')
    expect(diagnosis.suggestion).toMatch(/^private: corp\.example/)
    expect(sumdb.requests.slice(before).filter(r => r.path.includes('corp.example'))).toEqual([])
  })
})
