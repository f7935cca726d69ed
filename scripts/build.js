#!/usr/bin/env node
/**
 * Bundles the action and the CLI into dist/ with ncc.
 *
 *   node scripts/build.js            rebuild dist/ from src/
 *   node scripts/build.js --check    rebuild, then fail if dist/ differs from what git has committed
 *   node scripts/build.js --out DIR  bundle into DIR instead of dist/ (to try the build without touching dist/)
 *   node scripts/build.js --root TREE --out DIR
 *                                    bundle another source tree (a worktree) with this script, e.g. for a benchmark
 *
 * The runner executes the committed dist/index.js as is (main and post), so dist/ must be exactly what src/ builds to;
 * --check is how CI proves it. Each bundle's directory gets a licenses.txt naming every package the bundle holds code
 * from, with its licence text (scripts/licenses.js, from the module list ncc reports); the build fails for a package
 * with no licence file.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeLicenses } from './licenses.js'

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ncc = path.join(here, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
const SHEBANG = '#!/usr/bin/env node'

/** What goes into dist/: the action bundle (main and post share it) and the CLI bundle. */
const bundles = [
  {
    name: 'action',
    entry: 'src/index.ts',
    dir: '.',
    required: true,
    what: 'the action (dist/index.js and its chunks)'
  },
  { name: 'cli', entry: 'src/cli/index.ts', dir: 'cli', required: false, shebang: true, what: 'the CLI (dist/cli/)' }
]

function fail(message) {
  console.error(`build: ${message}`)
  process.exit(1)
}

function parseArgs(argv) {
  const options = { check: false, root: here, out: undefined }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') options.check = true
    else if (argv[i] === '--out' && argv[i + 1]) options.out = path.resolve(argv[++i])
    else if (argv[i] === '--root' && argv[i + 1]) options.root = path.resolve(argv[++i])
    else fail(`unknown argument ${argv[i]} (usage: node scripts/build.js [--check] [--root TREE] [--out DIR])`)
  }
  if (!fs.existsSync(path.join(options.root, 'src'))) fail(`--root ${options.root} holds no src/`)
  if (options.root !== here && !options.out) fail('--root bundles another tree: give --out DIR too')
  options.out ??= path.join(options.root, 'dist')
  if (options.check && options.out !== path.join(here, 'dist')) fail('--check compares dist/ itself; drop --out')
  return options
}

const options = parseArgs(process.argv.slice(2))
/** The source tree to bundle: this checkout, or --root. */
const root = options.root

/**
 * Runs ncc for one entry, with webpack's stats (the module list) written to statsFile. Not minified: the committed
 * bundle should stay readable in diffs.
 */
function runNcc(entry, outDir, statsFile) {
  const args = [ncc, 'build', entry, '--out', outDir, '--target', 'es2022', '--quiet', '--no-source-map-register']
  args.push('--stats-out', statsFile)
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (result.error) fail(`could not start ncc: ${result.error.message}`)
  if (result.status !== 0) fail(`ncc failed for ${entry} (exit ${result.status ?? result.signal})`)
}

/** Lists every file under dir, recursively, as absolute paths. */
function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full) : [full]
  })
}

/** Removes what ncc may emit but the runner never needs: declarations and source maps. */
function pruneExtras(outDir) {
  for (const file of walk(outDir)) {
    if (/\.d\.[cm]?ts$/.test(file) || /\.map$/.test(file)) fs.rmSync(file)
  }
}

/**
 * Without a {"type":"module"} package.json next to the bundle, a package.json higher up could make Node read the
 * ESM bundle as CommonJS.
 */
function ensureModulePackageJson(outDir) {
  const file = path.join(outDir, 'package.json')
  let type
  try {
    type = JSON.parse(fs.readFileSync(file, 'utf8')).type
  } catch {
    type = undefined
  }
  if (type !== 'module') fs.writeFileSync(file, '{"type":"module"}\n')
}

/** The CLI is run as `setup-goproxy` through npm's bin link, which needs the shebang and (on POSIX) the x bit. */
function ensureShebang(file) {
  const code = fs.readFileSync(file, 'utf8')
  if (!code.startsWith('#!')) fs.writeFileSync(file, `${SHEBANG}\n${code}`)
  fs.chmodSync(file, 0o755)
}

function build(outDir) {
  // webpack derives module ids from paths: through a symlinked node_modules the bundle differs from a clean checkout's.
  // That matters only for the committed dist/; a bundle built elsewhere (--out, for a benchmark or a try) runs the same.
  if (fs.lstatSync(path.join(root, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()) {
    if (outDir === path.join(root, 'dist')) {
      fail('node_modules is a symlink, which changes the bundle: run `npm ci` to get a real node_modules')
    }
    console.log('build: node_modules is a symlink: module ids differ from a clean checkout, the code is the same')
  }
  fs.rmSync(outDir, { recursive: true, force: true })
  const statsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-goproxy-build-'))
  for (const bundle of bundles) {
    const entry = path.join(root, bundle.entry)
    if (!fs.existsSync(entry)) {
      if (bundle.required) fail(`${bundle.entry} does not exist`)
      console.log(`build: ${bundle.entry} does not exist yet, skipping the ${bundle.name} bundle`)
      continue
    }
    const bundleDir = path.join(outDir, bundle.dir)
    const started = Date.now()
    const statsFile = path.join(statsDir, `${bundle.name}.json`)
    runNcc(bundle.entry, bundleDir, statsFile)
    const output = path.join(bundleDir, 'index.js')
    if (!fs.existsSync(output)) fail(`ncc did not write ${path.relative(root, output)}`)
    if (bundle.shebang) ensureShebang(output)
    let packages
    try {
      packages = writeLicenses(statsFile, bundleDir, bundle.what)
    } catch (error) {
      fail(`licences of the ${bundle.name} bundle: ${error.message}`)
    }
    console.log(`build: ${bundle.entry} -> ${path.relative(root, output)} (${Date.now() - started} ms)`)
    console.log(`build: ${path.relative(root, path.join(bundleDir, 'licenses.txt'))}: ${packages.join(', ')}`)
  }
  fs.rmSync(statsDir, { recursive: true, force: true })
  pruneExtras(outDir)
  ensureModulePackageJson(outDir)
}

function git(args) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' })
  if (result.error) fail(`could not run git: ${result.error.message}`)
  return result
}

/** Fails when the rebuilt dist/ differs from the committed one: changed, deleted or new files. */
function checkCommitted() {
  const diff = git(['diff', '--exit-code', '--stat', '--', 'dist'])
  if (diff.status !== 0 && diff.status !== 1) fail(`git diff failed: ${diff.stderr.trim()}`)
  const untracked = git(['ls-files', '--others', '--exclude-standard', '--', 'dist']).stdout.trim()
  if (diff.status === 0 && untracked === '') {
    console.log('check:dist: dist/ matches what src/ builds to')
    return
  }
  if (diff.status !== 0) {
    console.error(diff.stdout)
    const full = git(['diff', '--', 'dist']).stdout
    console.error(full.length > 20000 ? `${full.slice(0, 20000)}\n[... diff cut at 20000 characters]` : full)
  }
  if (untracked) console.error(`files in dist/ that git does not track:\n${untracked}`)
  fail('dist/ is out of date with src/: run `npm run build` and commit dist/')
}

build(options.out)
if (options.check) checkCommitted()
