/**
 * The demo's tiny module world, built in memory: two modules as a GOPROXY serves them (.info, .mod, .zip), the
 * go.sum hashes the go command computes for them, and a sample application that requires both.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { zipSync } from 'fflate'

const encoder = new TextEncoder()
const TIME = '2024-01-01T00:00:00Z'

/** Where the sample application's dependencies live: also the GONOSUMDB pattern the demo sets. */
export const MODULE_HOST = 'example.test'

/**
 * Go's dirhash.Hash1, the `h1:` hash in go.sum: base64(sha256 of the sorted lines `sha256hex(content)  name\n`).
 * @param {Array<[string, string]>} files name and content
 */
function hash1(files) {
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])))
  const h = createHash('sha256')
  for (const [name, content] of sorted) h.update(`${createHash('sha256').update(content).digest('hex')}  ${name}\n`)
  return `h1:${h.digest('base64')}`
}

/**
 * One module version: go.mod plus one Go file at its root.
 * @param {string} modulePath
 * @param {string} version
 * @param {string} source the package's Go source
 */
function defineModule(modulePath, version, source) {
  const name = modulePath.split('/').at(-1)
  const mod = `module ${modulePath}\n\ngo 1.21\n`
  const files = { 'go.mod': mod, [`${name}.go`]: source }
  const prefix = `${modulePath}@${version}/`
  const entries = Object.fromEntries(
    Object.entries(files).map(([file, content]) => [prefix + file, encoder.encode(content)])
  )
  return {
    path: modulePath,
    version,
    name,
    info: JSON.stringify({ Version: version, Time: TIME }),
    mod,
    // A fixed mtime keeps the bytes the same on every run (the h1 hash depends on names and contents only).
    zip: zipSync(entries, { mtime: new Date(TIME) }),
    sum: hash1(Object.entries(files).map(([file, content]) => [prefix + file, content])),
    goModSum: hash1([['go.mod', mod]])
  }
}

/** The modules every working demo proxy serves. */
export const MODULES = [
  defineModule(
    `${MODULE_HOST}/greeting`,
    'v1.0.0',
    'package greeting\n\n// Hello greets s.\nfunc Hello(s string) string { return "hello, " + s }\n'
  ),
  defineModule(
    `${MODULE_HOST}/shout`,
    'v1.2.0',
    'package shout\n\nimport "strings"\n\n// Upper shouts s.\nfunc Upper(s string) string { return strings.ToUpper(s) + "!" }\n'
  )
]

/**
 * The versions a proxy lists for the probe's module (the action's default probe-module, golang.org/x/mod): the
 * probe only asks for the list, as it would from a real mirror.
 */
export const PROBE_MODULE = { path: 'golang.org/x/mod', versions: ['v0.20.0', 'v0.21.0'] }

/**
 * Writes the sample application: go.mod requiring both modules, a complete go.sum (so the go command never needs
 * the checksum database for them), main.go using both.
 * @param {string} dir
 */
export function writeSampleApp(dir) {
  fs.mkdirSync(dir, { recursive: true })
  const requires = MODULES.map(m => `\t${m.path} ${m.version}\n`).join('')
  fs.writeFileSync(path.join(dir, 'go.mod'), `module ${MODULE_HOST}/demo-app\n\ngo 1.21\n\nrequire (\n${requires})\n`)
  const sums = MODULES.flatMap(m => [`${m.path} ${m.version} ${m.sum}`, `${m.path} ${m.version}/go.mod ${m.goModSum}`])
  fs.writeFileSync(path.join(dir, 'go.sum'), `${sums.sort().join('\n')}\n`)
  fs.writeFileSync(
    path.join(dir, 'main.go'),
    `package main\n\nimport (\n\t"fmt"\n\n\t"${MODULE_HOST}/greeting"\n\t"${MODULE_HOST}/shout"\n)\n\nfunc main() { fmt.Println(shout.Upper(greeting.Hello("gopher"))) }\n`
  )
}
