/**
 * `npm run bench [name...]`: runs the benchmark scenarios (bench/<name>.ts, each exporting
 * `main(): Promise<string>` that returns its markdown section) and writes bench/RESULTS.md
 * with the machine, Node and Go versions. Not part of CI: figures, not pass/fail.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { register } from 'node:module'
import os from 'node:os'

register('./support/ts-hooks.mjs', import.meta.url)

const ALL = ['probe', 'warm', 'action', 'toolchain']
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

const sections = []
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
  sections.push(await main())
  console.error(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

const header = [
  '# Benchmark results',
  '',
  'Produced by `npm run bench` (bench/run.js); every server is on loopback. Plain go and the action run side by side',
  'in the same run. Figures are medians over repetitions, with the spread (min–max).',
  '',
  `- Date: ${new Date().toISOString().slice(0, 10)}`,
  `- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
  `- Node: ${process.version}`,
  `- Go: ${goVersion()}`,
  ''
]
if (names.join() === ALL.join()) {
  writeFileSync(new URL('./RESULTS.md', import.meta.url), [...header, ...sections].join('\n\n') + '\n')
  console.error('bench: wrote bench/RESULTS.md')
} else {
  console.log([...header, ...sections].join('\n'))
}
