/**
 * Defect 7: go fixed checksum-database verification flaws in 2026 (CVE-2026-42501 in 1.26.3; CVE-2026-56865 and
 * CVE-2026-56864 in 1.25.13 / 1.26.6). When the go on PATH predates them and checksum traffic can go through a
 * third-party proxy (GOSUMDB without an explicit URL), the action warns with the two ways out: upgrade go, or a
 * GOSUMDB with an explicit URL. The action's own checksum-database client has the fixes already.
 */
import { delimiter, dirname } from 'node:path'
import { cleanupTempDirs, findOldGo, goTestEnv, goVersionOf, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { runAction } from '../support/run-action.js'
import { toolchainGo } from '../support/toolchain-go.js'

/** A go that predates the fixes, found on every OS CI runs (findOldGo: ci.yml's oldest Go, or Debian's here). */
const OLD_GO = findOldGo()
const NEW_GO = toolchainGo('go1.27.3')

let proxy: TestProxy
beforeAll(async () => {
  proxy = await startProxy({ modules: [] })
})
afterAll(async () => {
  await proxy?.close()
  await cleanupTempDirs()
})

/** The action with `go` first on PATH, the proxy as the chain, no probe, no warm. */
function act(go: string, inputs: Record<string, string> = {}) {
  const root = tempDir('unpatched')
  const env = goTestEnv(root, { GOPROXY: undefined, GOSUMDB: undefined })
  env.PATH = `${dirname(go)}${delimiter}${env.PATH}`
  return runAction({
    inputs: { proxies: `${proxy.url},direct`, probe: 'false', warm: 'false', ...inputs },
    env,
    cwd: root,
    timeoutMs: 60_000
  })
}

const warningLines = (stdout: string) => stdout.split('\n').filter(line => line.includes('CVE-2026-'))

describe('the go on PATH and the 2026 checksum-database fixes', () => {
  test(`${goVersionOf(OLD_GO)} with checksum traffic free to go through a third-party proxy: one warning, both ways out`, async () => {
    const run = await act(OLD_GO)
    expect(run.code).toBe(0)
    const lines = warningLines(run.stdout)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^::warning::/)
    expect(lines[0]).toContain(goVersionOf(OLD_GO))
    expect(lines[0]).toMatch(/CVE-2026-42501.*CVE-2026-56865.*CVE-2026-56864/)
    expect(lines[0]).toMatch(/upgrade go to 1\.26\.6 or later/i)
    expect(lines[0]).toMatch(/GOSUMDB with an explicit URL/)
    expect(lines[0]).toContain('sum.golang.org https://sum.golang.org')
  })

  test(`${goVersionOf(NEW_GO)} has the fixes: no warning`, async () => {
    const run = await act(NEW_GO)
    expect(run.code).toBe(0)
    expect(warningLines(run.stdout)).toEqual([])
  })

  test(`${goVersionOf(OLD_GO)} with a GOSUMDB that names its URL (checksum traffic never reaches a proxy): no warning`, async () => {
    const run = await act(OLD_GO, { sumdb: 'sum.golang.org https://sum.golang.org' })
    expect(run.code).toBe(0)
    expect(warningLines(run.stdout)).toEqual([])
  })

  test(`${goVersionOf(OLD_GO)} with no proxy in the chain (GOPROXY=direct): no warning`, async () => {
    const run = await act(OLD_GO, { proxies: 'direct' })
    expect(run.code).toBe(0)
    expect(warningLines(run.stdout)).toEqual([])
  })
})
