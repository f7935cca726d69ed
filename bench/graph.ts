/**
 * Module-graph fixtures for the warm benchmarks (the plain-go baseline here, the prefetcher later): a layered graph
 * like a real project's, where each module requires a few modules of the next layer and imports their packages, so
 * the go.mod files really require each other, plus optionally one multi-MB module of incompressible data. Everything
 * is built in memory and deterministic for a given spec (same bytes, same hashes), and comes with the consuming
 * project (go.mod, a complete go.sum, main.go) and the records for a loopback checksum database.
 *
 * The dependency modules default to `go 1.16`: their graphs are not pruned, so go 1.23 reads the go.mod files layer
 * by layer (each layer's requirements are known only once the previous layer's go.mod files are in), as it does for
 * the many older modules of real graphs. With `moduleGo: '1.21'` the graph is pruned and loaded in one level.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import { defineModule, goSumLines, hash1, type TestModule } from '../__tests__/support/modules.js'
import type { SumdbRecord } from '../__tests__/support/sumdb-server.js'

/** Options for `layeredGraph`. */
export interface GraphSpec {
  /** Number of modules in the layers (the big module is extra). */
  count: number
  /** Module path prefix; default `example.com/graph`. */
  prefix?: string
  /** Number of layers; default 5. Layer 0 is what the project imports. */
  layers?: number
  /** How many modules of the next layer each module requires; default 3. */
  fanout?: number
  /** go directive of the dependency modules; default '1.16' (unpruned, loaded layer by layer). */
  moduleGo?: string
  /** Adds `<prefix>/big` with a file of this many pseudo-random (incompressible) bytes, required by the project. */
  bigModuleBytes?: number
}

/** A generated graph and its consuming project. */
export interface ModuleGraph {
  /** Every module version to serve, big module included. */
  readonly modules: readonly TestModule[]
  /** The modules by layer (without the big module). */
  readonly layers: readonly (readonly TestModule[])[]
  readonly big?: TestModule
  /** The project's go.mod: go 1.21, layer 0 and the big module direct, every other module `// indirect`. */
  readonly goMod: string
  /** A complete go.sum (zip and go.mod hashes of every module), as `go mod tidy` would write it. */
  readonly goSum: string
  /** main.go importing every layer-0 package and the big module's. */
  readonly mainGo: string
  /** The go.sum lines as checksum-database records, for `startSumdb({ records })`. */
  readonly sumdbRecords: SumdbRecord[]
  /** Writes go.mod, go.sum and main.go into `dir` (created if needed). */
  writeProject(dir: string): void
}

const VERSION = 'v1.0.0'

/**
 * Builds a layered module graph of `spec.count` modules. Module `<prefix>/l<layer>m<index>` requires and imports
 * `fanout` modules of the next layer, chosen so that every module of a layer is required by the one above.
 */
export function layeredGraph(spec: GraphSpec): ModuleGraph {
  const prefix = spec.prefix ?? 'example.com/graph'
  const layerCount = spec.layers ?? 5
  const fanout = spec.fanout ?? 3
  const moduleGo = spec.moduleGo ?? '1.16'
  if (!Number.isInteger(spec.count) || spec.count < layerCount) {
    throw new Error(`layeredGraph: count ${spec.count} must be an integer of at least layers (${layerCount})`)
  }
  const sizes = Array.from(
    { length: layerCount },
    (_, l) => Math.floor(spec.count / layerCount) + (l < spec.count % layerCount ? 1 : 0)
  )
  const pathOf = (layer: number, index: number) => `${prefix}/l${layer}m${String(index).padStart(4, '0')}`
  const nameOf = (layer: number, index: number) => `l${layer}m${String(index).padStart(4, '0')}`

  // Build from the deepest layer up, so a module's go.mod can name its requirements.
  const layers: TestModule[][] = []
  for (let layer = layerCount - 1; layer >= 0; layer--) {
    const modules: TestModule[] = []
    for (let index = 0; index < sizes[layer]; index++) {
      const deps =
        layer === layerCount - 1
          ? []
          : [...new Set(Array.from({ length: fanout }, (_, k) => (index * fanout + k) % sizes[layer + 1]))].map(i => ({
              path: pathOf(layer + 1, i),
              name: nameOf(layer + 1, i)
            }))
      const name = nameOf(layer, index)
      const requireBlock = deps.length ? `\nrequire (\n${deps.map(d => `\t${d.path} ${VERSION}\n`).join('')})\n` : ''
      modules.push(
        defineModule({
          path: pathOf(layer, index),
          version: VERSION,
          goMod: `module ${pathOf(layer, index)}\n\ngo ${moduleGo}\n${requireBlock}`,
          files: {
            [`${name}.go`]: `// Package ${name} is a generated benchmark module.\npackage ${name}\n\n${deps
              .map(d => `import "${d.path}"\n`)
              .join(
                ''
              )}\n// Hello names this module and the ones it uses.\nfunc Hello() string {\n\treturn "${name}"${deps
              .map(d => ` + ${d.name}.Hello()`)
              .join('')}\n}\n`
          }
        })
      )
    }
    layers.unshift(modules)
  }
  const big = spec.bigModuleBytes ? bigModule(`${prefix}/big`, spec.bigModuleBytes) : undefined
  const all = [...layers.flat(), ...(big ? [big] : [])]
  const direct = [...layers[0], ...(big ? [big] : [])]
  const directPaths = new Set(direct.map(m => m.path))
  const requires = [...all].sort((a, b) => (a.path < b.path ? -1 : 1))
  const goMod = `module example.com/benchapp\n\ngo 1.21\n\nrequire (\n${requires
    .map(m => `\t${m.path} ${m.version}${directPaths.has(m.path) ? '' : ' // indirect'}\n`)
    .join('')})\n`
  const goSum = `${goSumLines(all).join('\n')}\n`
  const mainGo = `package main\n\nimport (\n${direct.map(m => `\t"${m.path}"\n`).join('')})\n\nfunc main() {\n${direct
    .map(m => `\tprintln(${m.path.split('/').pop()}.Hello())\n`)
    .join('')}}\n`
  return {
    modules: all,
    layers,
    big,
    goMod,
    goSum,
    mainGo,
    sumdbRecords: all.map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum })),
    writeProject(dir: string) {
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, 'go.mod'), goMod)
      writeFileSync(join(dir, 'go.sum'), goSum)
      writeFileSync(join(dir, 'main.go'), mainGo)
    }
  }
}

/** xorshift32: deterministic bytes that no compressor can shrink. */
function pseudoRandomBytes(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n)
  let x = seed >>> 0
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = x & 0xff
  }
  return out
}

/**
 * A module whose zip holds `bytes` of incompressible data (stored, not deflated) besides a small package: the
 * case where one large zip, not the number of requests, sets the time.
 */
export function bigModule(path: string, bytes: number): TestModule {
  const name = path.split('/').pop() ?? 'big'
  const mod = `module ${path}\n\ngo 1.21\n`
  const files: Record<string, string> = {
    'go.mod': mod,
    [`${name}.go`]: `// Package ${name} carries a large data file.\npackage ${name}\n\n// Hello names the module.\nfunc Hello() string { return "${name}" }\n`
  }
  const data = pseudoRandomBytes(bytes)
  const prefix = `${path}@${VERSION}/`
  const entries: Zippable = {}
  for (const [file, text] of Object.entries(files)) entries[prefix + file] = new TextEncoder().encode(text)
  entries[`${prefix}data.bin`] = [data, { level: 0 }]
  const mtime = new Date('2024-01-01T00:00:00Z')
  const zip = zipSync(entries, { mtime })
  return {
    path,
    version: VERSION,
    info: JSON.stringify({ Version: VERSION, Time: '2024-01-01T00:00:00Z' }),
    mod,
    zip,
    get corruptZip(): Uint8Array {
      return zipSync({ ...entries, [`${prefix}tampered.txt`]: new TextEncoder().encode('x\n') }, { mtime })
    },
    sum: hash1([
      ...Object.entries(files).map(([f, t]): [string, string] => [prefix + f, t]),
      [`${prefix}data.bin`, data]
    ]),
    goModSum: hash1([['go.mod', mod]]),
    files,
    goPackage: { importPath: path, name, func: 'Hello' }
  }
}
