/**
 * The real world: the action bundle against the machine's real Go module proxy and checksum database (read from
 * `go env GOPROXY GOSUMDB` by global-setup.js, never written down), download-only as go itself uses them, bounded
 * in bytes (asserted) and time (jest's bounds):
 * (a) two real, popular projects' module graphs — their real go.mod/go.sum are the fixtures in
 *     __tests__/fixtures/realworld/ (cobra: small, 6 zips; gin: large, 29 zips, ~56 MB) — warmed by the action, then
 *     the project's real code (its module zip, fetched as go fetches it) built offline (GOFLAGS=-mod=mod GOPROXY=off);
 * (b) a Go toolchain installed with `go-version`, verified by the action's own checksum-database client against the
 *     real database and its real key, then run;
 * (c) `region: auto` / `global` / `cn` on this machine, which reaches no public mirror but its own proxy: a clear
 *     failure or a fallback within probe-timeout.
 */
import { cpSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PROXY_PRESETS, REGION_PRESETS, type Region } from '../../src/go/proxy/presets.js'
import { cleanupTempDirs, findGo, goTestEnv, goVersionOf, runGo, tempDir } from '../support/go.js'
import { runAction } from '../support/run-action.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/realworld/', import.meta.url))
const GOPROXY = process.env.SETUP_GOPROXY_REAL_GOPROXY ?? ''
const GOSUMDB = process.env.SETUP_GOPROXY_REAL_GOSUMDB ?? ''
const REAL_HOST = process.env.SETUP_GOPROXY_TEST_ALLOW_HOSTS ?? ''
/** The most the suite may download for one project's graph (it measures the module cache's download directory). */
const GRAPH_BYTES_LIMIT = 150 * 1024 * 1024
const go = findGo()

afterAll(cleanupTempDirs)

/** go's environment for the real proxy: isolated caches under `root`, the machine's GOPROXY/GOSUMDB, no dead proxy. */
function realEnv(root: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  return goTestEnv(root, {
    GOPROXY,
    GOSUMDB,
    HTTPS_PROXY: undefined,
    HTTP_PROXY: undefined,
    GOFLAGS: '-modcacherw',
    ...extra
  })
}

function bytesUnder(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size
  }
  return total
}

test('the machine offers a module proxy and a checksum database (global-setup.js read them)', () => {
  expect(GOPROXY).toMatch(/https?:\/\//)
  expect(GOSUMDB).not.toBe('')
  expect(REAL_HOST).not.toBe('')
})

describe.each([
  ['cobra (small graph)', 'github.com/spf13/cobra', 'v1.10.1', 'cobra'],
  ['gin (large graph)', 'github.com/gin-gonic/gin', 'v1.10.1', 'gin']
])(
  `(a) %s warmed by the action through the real proxy, then built offline with ${goVersionOf()}`,
  (_name, module, version, fixture) => {
    test('warm, then go build offline', async () => {
      // The project's real code, fetched as go fetches it (verified against the real checksum database).
      const scratch = tempDir('realworld-src')
      const fetched = await runGo(['mod', 'download', '-json', `${module}@${version}`], {
        cwd: scratch,
        env: realEnv(scratch),
        timeoutMs: 300_000
      })
      expect(fetched.stderr).toBe('')
      expect(fetched.code).toBe(0)
      const project = join(tempDir('realworld-project'), 'src')
      cpSync(JSON.parse(fetched.stdout).Dir, project, { recursive: true })
      // The committed fixtures are the project's real go.mod and go.sum at that version.
      for (const file of ['go.mod', 'go.sum']) {
        expect(readFileSync(join(project, file), 'utf8')).toBe(readFileSync(join(FIXTURES, fixture, file), 'utf8'))
      }

      const root = tempDir('realworld-warm')
      const env = realEnv(root)
      const run = await runAction({
        inputs: { 'working-directory': project, 'probe-timeout': '10000' },
        env,
        cwd: project,
        timeoutMs: 600_000
      })
      expect(run.stdout).not.toContain('::error::')
      expect(run.code).toBe(0)
      expect(Number(run.outputs.modules)).toBeGreaterThan(0)
      const downloaded = bytesUnder(join(env.GOMODCACHE, 'cache', 'download'))
      expect(downloaded).toBeLessThan(GRAPH_BYTES_LIMIT)

      const build = await runGo(['build', '.'], {
        cwd: project,
        env: { ...env, GOFLAGS: '-mod=mod -modcacherw', GOPROXY: 'off' },
        timeoutMs: 600_000
      })
      expect(build.stderr).toBe('')
      expect(build.code).toBe(0)
    })
  }
)

test(`(b) go-version installs a Go the real proxy serves, verified against the real checksum database, and it runs`, async () => {
  const version = goVersionOf(go).replace(/^go/, '')
  const root = tempDir('realworld-install')
  const env = realEnv(root, { RUNNER_TOOL_CACHE: join(root, 'toolcache') })
  const run = await runAction({
    inputs: { 'go-version': version, warm: 'false', 'probe-timeout': '10000' },
    env,
    cwd: root,
    timeoutMs: 600_000
  })
  expect(run.stdout).not.toContain('::error::')
  expect(run.code).toBe(0)
  expect(run.outputs['go-version']).toBe(version)
  // The action's own client checked the zip's h1 against the database named by GOSUMDB, with its real key.
  expect(run.stdout).toMatch(new RegExp(`Verifying golang\\.org/toolchain@\\S+ with the checksum database`))
  expect(run.stdout).toMatch(/Installed Go \S+ at .* \(\d+ files, h1:[A-Za-z0-9+/]+=*\)/)
  const installed = await runGo(['version'], {
    cwd: root,
    env: { ...env, GOTOOLCHAIN: 'local' },
    go: join(run.outputs['go-root'], 'bin', process.platform === 'win32' ? 'go.exe' : 'go')
  })
  expect(installed.stdout).toContain(`go version go${version} `)
})

describe('(c) the region presets on a machine that reaches no public mirror but its own proxy', () => {
  const PROBE_TIMEOUT_MS = 3000
  const hostOf = (preset: string) => new URL(PROXY_PRESETS.find(p => p.name === preset)!.url).hostname
  test.each<Region>(['global', 'cn', 'auto'])(
    'region: %s ends within probe-timeout, exported or failed clearly',
    async region => {
      const reachable = REGION_PRESETS[region].proxies.filter(name => hostOf(name) === REAL_HOST)
      const root = tempDir('realworld-region')
      const run = await runAction({
        inputs: { region, warm: 'false', 'probe-timeout': String(PROBE_TIMEOUT_MS) },
        env: realEnv(root, { GOPROXY: undefined, GOSUMDB: undefined }),
        cwd: root,
        timeoutMs: 120_000
      })
      // The probe phase is bounded by probe-timeout; what is left is the process itself (a loaded machine: generous).
      expect(run.ms).toBeLessThan(PROBE_TIMEOUT_MS + 30_000)
      if (reachable.length > 0) {
        expect(run.code).toBe(0)
        expect(run.outputs.goproxy.split(/[,|]/)[0]).toContain(REAL_HOST)
        for (const name of REGION_PRESETS[region].proxies.filter(n => !reachable.includes(n)))
          expect(run.outputs.unreachable).toContain(hostOf(name))
      } else {
        // Nothing reachable: the step fails and says which mirrors it could not reach (on-unreachable: fail).
        expect(run.code).not.toBe(0)
        expect(run.stdout).toMatch(/::error::.*(no proxy|unreachable|could not)/i)
        expect(run.env.GOPROXY).toBeUndefined()
      }
    }
  )
})
