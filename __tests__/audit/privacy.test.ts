/**
 * Privacy audit: private module paths never reach a public server. A "corporate" proxy serves the private modules, a
 * "public" proxy and the "public" checksum database serve the rest; `private` names the corporate paths and
 * `no-proxy: none` keeps them on the proxy chain (fetched through the corporate proxy, never checked against the
 * public checksum database). The action runs as the runner runs it, probe and warm on, with the real go command, on
 * a project needing both kinds of module. The public servers' request logs must hold no path matching the private
 * patterns (decoded the way Go encodes them), while every server did the work it is there for.
 */
import { join } from 'node:path'
import { auditServer, privacyViolations, requestedModule } from '../support/audit-log.js'
import { runAudited } from './run-audited.js'
import { cleanupTempDirs, goTestEnv, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

const PRIVATE = 'corp.example,git.internal.example/*'
const PROBE = defineModule({ path: 'example.com/public/probe', version: 'v1.0.0' })
const PUBLIC = defineModule({ path: 'example.com/public/lib', version: 'v1.1.0' })
/** Private modules, one with upper case (`!`-escaped on the wire) and one under a glob. */
const SECRET = [
  defineModule({ path: 'corp.example/Team/Secret', version: 'v0.4.0' }),
  defineModule({ path: 'git.internal.example/billing/ledger', version: 'v1.0.1' })
]
const record = (m: typeof PUBLIC) => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum })

describe('privacy: the public proxy and the public checksum database never see a private path', () => {
  let corporate: TestProxy
  let publicProxy: TestProxy
  let publicSumdb: SumdbServer
  beforeAll(async () => {
    corporate = await startProxy({ modules: SECRET })
    publicProxy = await startProxy({ modules: [PROBE, PUBLIC] })
    publicSumdb = await startSumdb({ name: 'sum.public.test', records: [record(PROBE), record(PUBLIC)] })
  })
  afterAll(async () => {
    await Promise.all([corporate, publicProxy, publicSumdb].map(s => s?.close()))
    await cleanupTempDirs()
  })

  it('probe and warm through "corporate,public": private modules come only from the corporate proxy', async () => {
    const root = tempDir('audit-privacy')
    const app = join(root, 'app')
    writeProject(app, { requires: [PUBLIC, ...SECRET], goSum: false })
    const run = await runAudited({
      inputs: {
        proxies: `${corporate.url},${publicProxy.url}`,
        private: PRIVATE,
        'no-proxy': 'none',
        sumdb: publicSumdb.gosumdb,
        'probe-module': PROBE.path,
        'probe-timeout': '2000',
        'warm-timeout': '60'
      },
      env: goTestEnv(root, { GOPROXY: undefined, GOSUMDB: undefined }),
      cwd: app,
      timeoutMs: 60_000
    })
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' })
    expect(run.verification).toEqual([])
    expect(run.env).toMatchObject({ GOPRIVATE: PRIVATE, GONOPROXY: 'none' })
    expect(run.outputs).toMatchObject({ modules: '3', gonosumdb: PRIVATE })

    // The rule, on every request the public servers received (main step: probe and warm).
    expect(auditServer('public proxy', publicProxy.url, PRIVATE, publicProxy.requests)).toEqual([])
    expect(auditServer('public checksum database', publicSumdb.url, PRIVATE, publicSumdb.requests)).toEqual([])

    // And the audit looked at real traffic: each server did its part, and the matcher knows the private paths.
    const served = (proxy: TestProxy) =>
      proxy.requests.filter(r => r.kind === 'zip' && r.status === 200).map(r => r.module)
    expect(served(corporate).sort()).toEqual(SECRET.map(m => m.path).sort())
    expect(served(publicProxy)).toEqual([PUBLIC.path])
    expect(publicSumdb.requests.map(r => requestedModule(r.path))).toContain(PUBLIC.path)
    // Positive control: the same audit on the corporate proxy's log flags every private download it served.
    const flagged = privacyViolations(PRIVATE, corporate.requests)
    for (const m of SECRET) expect(flagged.filter(line => line.endsWith(`(${m.path})`)).length).toBeGreaterThan(0)
  }, 90_000)
})

describe('requestedModule reads module paths the way the servers receive them', () => {
  it.each([
    ['/corp.example/!team/!secret/@v/v0.4.0.zip', 'corp.example/Team/Secret'],
    ['/corp.example/%21team/%21secret/@v/list', 'corp.example/Team/Secret'],
    ['/corp.example/x/@latest', 'corp.example/x'],
    ['/lookup/corp.example/!team/!secret@v0.4.0', 'corp.example/Team/Secret'],
    ['/sumdb/sum.golang.org/lookup/corp.example/x@v1.0.0', 'corp.example/x'],
    ['/corp.example/x', 'corp.example/x'],
    ['/tile/8/0/000', undefined],
    ['/sumdb/sum.golang.org/supported', undefined],
    ['/latest', undefined]
  ])('%s → %s', (path, module) => {
    expect(requestedModule(path)).toBe(module)
  })
})
