/**
 * jest globalSetup: the suite-wide audit directory (audit-global-setup.js), then a fresh bundle of the action and of
 * the CLI built from the current src/ with ncc, into a new temp directory, so that the action and CLI tests run what
 * src/ says and never the committed dist/ (which is rebuilt only when branches are merged) nor an earlier build.
 * Both run before the workers start, so they inherit SETUP_GOPROXY_TEST_DIST.
 *
 * ncc is run directly, the way scripts/build.js runs it (same flags, no minify): build.js refuses a symlinked
 * node_modules because it changes module ids in the committed bundle, which does not matter for a test bundle.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import auditGlobalSetup from './audit-global-setup.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')

/** The bundles the tests run: the action (main and post) and the CLI, as scripts/build.js lays them out. */
const BUNDLES = [
  { entry: 'src/index.ts', dir: '.' },
  { entry: 'src/cli/index.ts', dir: 'cli' }
]

function runNcc(entry, outDir) {
  const args = [ncc, 'build', entry, '--out', outDir, '--target', 'es2022', '--quiet', '--no-source-map-register']
  // The module list, for the licence test (scripts/build.js writes each bundle's licenses.txt from it).
  args.push('--stats-out', join(outDir, 'stats.json'))
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', error => fail(new Error(`test bundle: could not start ncc for ${entry}: ${error.message}`)))
    child.on('close', code =>
      code === 0 ? done() : fail(new Error(`test bundle: ncc failed for ${entry} (exit ${code}); see its output above`))
    )
  })
}

/**
 * Says which go the go-comparing suites run (support/go.ts's findGo: $SETUP_GOPROXY_TEST_GO, else the first go on
 * PATH), so that every run's output names the Go version it compared with.
 */
function announceGo() {
  const go = process.env.SETUP_GOPROXY_TEST_GO || 'go'
  const run = spawnSync(go, ['version'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } })
  const version = run.status === 0 ? run.stdout.trim() : `no usable go (${run.error?.message ?? run.stderr.trim()})`
  console.log(`\nsetup-goproxy tests: the go-comparing suites run ${version} (${go})`)
}

export default async function globalSetup() {
  auditGlobalSetup()
  announceGo()
  const packageRoot = mkdtempSync(join(os.tmpdir(), 'setup-goproxy-test-dist-'))
  const dist = join(packageRoot, 'dist')
  // Both at once: each ncc run is mostly single-threaded.
  await Promise.all(BUNDLES.map(bundle => runNcc(bundle.entry, join(dist, bundle.dir))))
  for (const bundle of BUNDLES) {
    const output = join(dist, bundle.dir, 'index.js')
    if (!existsSync(output)) throw new Error(`test bundle: ncc wrote no ${output}`)
  }
  // As in dist/: without it a package.json higher up could make Node read the ESM bundle as CommonJS.
  writeFileSync(join(dist, 'package.json'), '{\n  "type": "module"\n}\n')
  // Laid out as an installed package: package.json at the root, dist/ below it (the CLI reads its version there).
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  writeFileSync(
    join(packageRoot, 'package.json'),
    `${JSON.stringify({ name: pkg.name, version: pkg.version, type: pkg.type }, null, 2)}\n`
  )
  process.env.SETUP_GOPROXY_TEST_DIST = dist
}
