/**
 * The demo's tiny module world, built in memory: two modules as a GOPROXY serves them (.info, .mod, .zip), the
 * go.sum hashes the go command computes for them, and a sample application that requires both.
 */
import fs from 'node:fs'
import { register } from 'node:module'
import path from 'node:path'

register('../../bench/support/ts-hooks.mjs', import.meta.url)
/** The tests' module builder (zip, .info, .mod and the go.sum hashes go computes), not a copy of it. */
const { defineModule } = await import('../../__tests__/support/modules.ts')

/** Where the sample application's dependencies live: also the GONOSUMDB pattern the demo sets. */
export const MODULE_HOST = 'example.test'

/** The modules every working demo proxy serves. */
export const MODULES = [
  defineModule({
    path: `${MODULE_HOST}/greeting`,
    version: 'v1.0.0',
    files: {
      'greeting.go': 'package greeting\n\n// Hello greets s.\nfunc Hello(s string) string { return "hello, " + s }\n'
    }
  }),
  defineModule({
    path: `${MODULE_HOST}/shout`,
    version: 'v1.2.0',
    files: {
      'shout.go':
        'package shout\n\nimport "strings"\n\n// Upper shouts s.\nfunc Upper(s string) string { return strings.ToUpper(s) + "!" }\n'
    }
  })
]

/**
 * The versions a proxy lists for the probe's module (the action's default probe-module, golang.org/x/mod): the
 * probe only asks for the list, as it would from a real mirror.
 */
export const PROBE_MODULE = {
  path: 'golang.org/x/mod',
  modules: ['v0.20.0', 'v0.21.0'].map(version => defineModule({ path: 'golang.org/x/mod', version }))
}

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
