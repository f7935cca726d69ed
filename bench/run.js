/**
 * `npm run bench [name...]`: runs the benchmark scenarios (bench/<name>.ts, each exporting
 * `main(): Promise<string>` that returns its markdown section) and writes their sections into
 * bench/RESULTS.md, each between `<!-- bench:<name> -->` markers and stamped with its date and
 * the machine, Node and Go versions; sections not run this time are kept as they are. A name
 * outside ALL (baseline) is printed only. BENCH_SECTION_TAG=<tag> keeps this run's sections as variants
 * (`<name>:<tag>`, "(<tag>)" after the heading) beside the untagged ones, e.g. a baseline before a change. Not part
 * of CI: figures, not pass/fail.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { register } from 'node:module'
import os from 'node:os'

register('./support/ts-hooks.mjs', import.meta.url)

const ALL = ['probe', 'warm', 'action', 'warm-graph', 'startup', 'toolchain', 'realworld', 'cache']
/** BENCH_SECTION_TAG=<tag>: the sections of this run are kept as variants `<name>:<tag>` (e.g. a baseline). */
const tag = process.env.BENCH_SECTION_TAG ?? ''
if (!/^[\w.-]*$/.test(tag)) throw new Error(`BENCH_SECTION_TAG=${tag}: use letters, digits, '.', '_' or '-'`)
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ALL

function goVersion() {
  for (const go of ['go', '/usr/lib/go-1.23/bin/go']) {
    try {
      return execFileSync(go, ['version'], { encoding: 'utf8' }).trim()
    } catch {
      // try the next candidate
    }
  }
  return 'go not found'
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`
const stamp = `_Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; ${process.version} runs the bench; ${goVersion()}._`

/** Scenarios that spawn the bundled action (through __tests__/support/run-action.ts). */
const NEED_BUNDLE = ['action', 'warm-graph', 'startup', 'realworld', 'cache']
if (names.some(name => NEED_BUNDLE.includes(name))) {
  // run-action.ts wants a bundle directory when it is first imported; every scenario gets the same bundle.
  const { actionBundle } = await import(new URL('./support/bundle.ts', import.meta.url).href)
  console.error('bench: bundling the action…')
  process.env.SETUP_GOPROXY_TEST_DIST = (await actionBundle()).dir
}

const header = [
  '# Benchmark results',
  '',
  'Produced by `npm run bench [name...]` (bench/run.js); every server is on loopback. Plain go and the action run',
  'side by side in the same run. Figures are medians over repetitions, with the spread (min–max). Each section',
  'says when and where it was run; `npm run bench <name>` re-runs one section and keeps the others.'
].join('\n')

const resultsFile = new URL('./RESULTS.md', import.meta.url)
/** The sections of the current RESULTS.md by name, in file order. */
function readSections() {
  const kept = new Map()
  if (!existsSync(resultsFile)) return kept
  const text = readFileSync(resultsFile, 'utf8')
  for (const match of text.matchAll(/<!-- bench:([\w.:-]+) -->\n([\s\S]*?)\n<!-- \/bench:\1 -->/g)) {
    kept.set(match[1], match[2])
  }
  return kept
}

const baseName = key => key.split(':')[0]
/**
 * Writes the sections run so far into RESULTS.md (after each one, so a later section that fails loses only itself).
 */
function writeResults() {
  const toWrite = [...sections].filter(([key]) => ALL.includes(baseName(key)))
  if (toWrite.length === 0) return
  const merged = readSections()
  for (const [name, markdown] of toWrite) merged.set(name, markdown)
  const keys = [...merged.keys()]
  const order = [
    ...ALL.flatMap(name => [name, ...keys.filter(key => key.startsWith(`${name}:`)).sort()]),
    ...keys.filter(key => !ALL.includes(baseName(key)))
  ]
  const blocks = order
    .filter(name => merged.has(name))
    .map(key => `<!-- bench:${key} -->\n${merged.get(key)}\n<!-- /bench:${key} -->`)
  writeFileSync(resultsFile, [header, ...blocks].join('\n\n') + '\n')
  console.error(`bench: wrote ${toWrite.map(([name]) => name).join(', ')} into bench/RESULTS.md`)
}

const sections = new Map()
for (const name of names) {
  const file = new URL(`./${name}.ts`, import.meta.url)
  if (!existsSync(file)) {
    console.error(`bench: no bench/${name}.ts`)
    process.exitCode = 2
    continue
  }
  console.error(`bench: ${name}…`)
  const started = Date.now()
  const { main } = await import(file.href)
  const markdown = (await main()).trim()
  // The stamp goes under the section's heading; a tag names a variant kept beside the untagged section.
  const [heading, ...rest] = markdown.split('\n')
  sections.set(tag ? `${name}:${tag}` : name, [tag ? `${heading} (${tag})` : heading, '', stamp, ...rest].join('\n'))
  console.error(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  writeResults()
}

const printed = [...sections].filter(([key]) => !ALL.includes(baseName(key)))
if (printed.length > 0) console.log(printed.map(([, markdown]) => markdown).join('\n\n'))
