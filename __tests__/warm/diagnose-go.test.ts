/**
 * diagnose() against error texts the real go command writes right now, produced by running `go mod download -json`
 * (without the forwarder) against loopback proxies and a loopback checksum database with faults.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { diagnose, type DiagnosisKind } from '../../src/warm/diagnose.js'
import { parseDownloadJson } from '../../src/warm/download-json.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startProxy, startRefusingPort, type ProxyBehaviour, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject, type TestModule } from '../support/modules.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

// Needs the real go: without one this suite fails here, with the message saying how to get it.
findGo()

const good = defineModule({ path: 'example.com/diag/good', version: 'v1.0.0' })
const missing = defineModule({ path: 'example.com/diag/missing', version: 'v1.0.0' })
const retagged = defineModule({ path: 'example.com/diag/good', version: 'v1.0.0', files: { 'x.go': 'package good\n' } })

/** Runs `go mod download -json` in a fresh project and returns every error text (the -json Errors, else stderr). */
async function goErrors(
  requires: TestModule[],
  env: Record<string, string | undefined>,
  options: { goSum?: boolean; goMod?: string } = {}
) {
  const root = tempDir('diag')
  const app = join(root, 'app')
  writeProject(app, { requires, goSum: options.goSum ?? true })
  if (options.goMod !== undefined) {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(app, 'go.mod'), options.goMod)
    rmSync(join(app, 'go.sum'), { force: true })
  }
  const run = await runGo(['mod', 'download', '-json'], { cwd: app, env: goTestEnv(root, env), timeoutMs: 30_000 })
  const errors = parseDownloadJson(run.stdout)
    .map(o => o.Error)
    .filter((e): e is string => e !== undefined)
  return { code: run.code, texts: errors.length > 0 ? errors : [run.stderr] }
}

describe('diagnose() on errors the real go command writes', () => {
  const servers: Array<{ close(): Promise<void> }> = []
  let sumdb: SumdbServer
  const proxy = async (behaviour: ProxyBehaviour & { modules?: TestModule[] } = {}): Promise<TestProxy> => {
    const p = await startProxy({ modules: [good], ...behaviour })
    servers.push(p)
    return p
  }
  beforeAll(async () => {
    // The database knows `good` with the hashes of a different zip: any download of `good` mismatches it.
    sumdb = await startSumdb({
      name: 'sum.diag.test',
      records: [{ path: good.path, version: good.version, h1: retagged.sum, goModH1: good.goModSum }]
    })
    servers.push(sumdb)
  })
  afterAll(async () => {
    await Promise.all(servers.map(s => s.close()))
    await cleanupTempDirs()
  })

  const cases: Array<[string, () => Promise<{ texts: string[] }>, DiagnosisKind, boolean, string?]> = [
    [
      'a module no proxy has (404)',
      async () => goErrors([missing], { GOPROXY: (await proxy()).url }),
      'not-found',
      false,
      'private: example.com'
    ],
    [
      'a version the proxy does not have (unknown revision)',
      async () => goErrors([{ ...good, version: 'v1.9.9' }], { GOPROXY: (await proxy()).url }),
      'unknown-revision',
      false
    ],
    [
      '401 from the proxy',
      async () => goErrors([good], { GOPROXY: (await proxy({ requireAuth: { user: 'u', password: 'p' } })).url }),
      'unauthorized',
      false,
      'auth: HOST USER:TOKEN'
    ],
    [
      '502 from the proxy',
      async () => goErrors([good], { GOPROXY: (await proxy({ status: 502 })).url }),
      'server-error',
      true
    ],
    [
      'a dropped connection',
      async () => goErrors([good], { GOPROXY: (await proxy({ failRate: 1, failMode: 'reset' })).url }),
      'reset',
      true
    ],
    [
      'a zip cut off mid-body',
      async () => goErrors([good], { GOPROXY: (await proxy({ dropMidBody: true })).url }),
      'reset',
      true
    ],
    [
      'a refused connection',
      async () => goErrors([good], { GOPROXY: `http://127.0.0.1:${await startRefusingPort()}` }),
      'refused',
      true
    ],
    [
      'a zip that differs from go.sum',
      async () => goErrors([good], { GOPROXY: (await proxy({ corruptZip: true })).url }),
      'checksum-mismatch-gosum',
      false
    ],
    ['GOPROXY=off', () => goErrors([good], { GOPROXY: 'off' }), 'lookup-disabled', false],
    [
      'a download that differs from the checksum database',
      async () => goErrors([good], { GOPROXY: (await proxy()).url, GOSUMDB: sumdb.gosumdb }, { goSum: false }),
      'checksum-mismatch-sumdb',
      false
    ],
    [
      'a private module the checksum database does not know',
      async () =>
        goErrors(
          [missing],
          { GOPROXY: (await proxy({ modules: [missing] })).url, GOSUMDB: sumdb.gosumdb },
          { goSum: false }
        ),
      'not-found',
      false,
      'private: example.com'
    ],
    [
      'a checksum database that refuses connections (verifying go.mod)',
      async () =>
        goErrors(
          [good],
          {
            GOPROXY: (await proxy()).url,
            GOSUMDB: `${sumdb.verifierKey} http://127.0.0.1:${await startRefusingPort()}`
          },
          { goSum: false }
        ),
      'verifying-gomod-unreachable',
      false,
      'sumdb: sum.golang.google.cn'
    ],
    [
      'an invalid module path in go.mod',
      async () =>
        goErrors(
          [],
          { GOPROXY: (await proxy()).url },
          { goMod: 'module example.com/app\n\ngo 1.21\n\nrequire Example.com/a v1.0.0\n' }
        ),
      'invalid-path',
      false
    ]
  ]

  // Rows are passed whole: jest would take a missing fifth argument for a done callback.
  it.each(cases.map(row => [row[0], row] as const))('%s', async (_name, [, produce, kind, transient, suggestion]) => {
    const { texts } = await produce()
    expect(texts.join('')).not.toBe('')
    const d = diagnose(texts[0])
    expect({ kind: d.kind, transient: d.transient, text: texts[0] }).toEqual({ kind, transient, text: texts[0] })
    if (suggestion) expect(d.suggestion).toBe(suggestion)
  })
})
