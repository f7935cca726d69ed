/**
 * The action bundle the benchmarks run, built once per `npm run bench` (see actionBundle). Kept apart from the
 * scenarios: bench/run.js builds it before importing them, because __tests__/support/run-action.ts needs
 * SETUP_GOPROXY_TEST_DIST (a bundle directory) when it is first imported.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The bundle under test: where it is, whether this run built it, and how long that took. */
export interface Bundle {
  dir: string
  built: boolean
  buildMs: number
  /** Where it comes from, completing "the ncc bundle …": `of this tree at <commit>`, `of <tree> …`, `in <dir>`. */
  source: string
}

let bundleOnce: Promise<Bundle> | undefined

/**
 * The bundle under test, built once per `npm run bench` and shared by every scenario: BENCH_ACTION_DIST names a
 * directory holding a built one (index.js); else BENCH_ACTION_TREE names a source tree (another worktree, e.g. one
 * with a prefetcher in progress) that this tree's scripts/build.js bundles with `--root <tree> --out <tmp>`; else
 * this tree is bundled into a temp dir. dist/ is never touched; a built bundle is removed when the process exits.
 */
export function actionBundle(): Promise<Bundle> {
  bundleOnce ??= buildBundle()
  return bundleOnce
}

async function buildBundle(): Promise<Bundle> {
  const given = process.env.BENCH_ACTION_DIST
  if (given) {
    if (!existsSync(join(given, 'index.js'))) throw new Error(`BENCH_ACTION_DIST=${given} holds no index.js`)
    return { dir: given, built: false, buildMs: 0, source: `in ${given}` }
  }
  const tree = process.env.BENCH_ACTION_TREE || ROOT
  if (!existsSync(join(tree, 'src', 'index.ts'))) throw new Error(`BENCH_ACTION_TREE=${tree} holds no src/index.ts`)
  // Not a tempDir(): cleanupTempDirs() runs between repetitions, and the bundle must outlive them.
  const parent = mkdtempSync(join(os.tmpdir(), 'setup-goproxy-bench-dist-'))
  process.on('exit', () => rmSync(parent, { recursive: true, force: true }))
  const dir = join(parent, 'dist')
  const started = performance.now()
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--root', tree, '--out', dir], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 300_000)
  const code = await new Promise<number | null>(resolve => child.on('exit', status => resolve(status)))
  clearTimeout(timer)
  if (code !== 0 || !existsSync(join(dir, 'index.js'))) {
    throw new Error(`node scripts/build.js --root ${tree} --out ${dir} failed`)
  }
  const head = await gitHead(tree)
  const source = `of ${tree === ROOT ? 'this tree' : tree}${head ? ` at ${head}` : ''}`
  return { dir, built: true, buildMs: performance.now() - started, source }
}

/** The tree's commit (short), with "+ changes" when its work tree differs; undefined without git. */
async function gitHead(tree: string): Promise<string | undefined> {
  const git = (args: string[]) =>
    new Promise<string | undefined>(resolve => {
      let out = ''
      const child = spawn('git', args, { cwd: tree, stdio: ['ignore', 'pipe', 'ignore'] })
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.on('error', () => resolve(undefined))
      child.on('exit', code => resolve(code === 0 ? out.trim() : undefined))
    })
  const head = await git(['rev-parse', '--short', 'HEAD'])
  if (!head) return undefined
  const dirty = await git(['status', '--porcelain', '--', 'src'])
  return dirty ? `${head} + uncommitted changes in src/` : head
}
