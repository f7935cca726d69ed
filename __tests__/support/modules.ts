/**
 * In-memory Go modules for tests: everything a GOPROXY serves for one module version (.info, .mod, .zip) plus
 * the h1 hashes the go command writes to go.sum, and helpers that write a consuming project to disk.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync } from 'fflate'

/** One module version, ready to be served by `startProxy` or written to a `file://` proxy directory. */
export interface TestModule {
  /** Module path, unescaped (`example.com/BurntSushi/toml`). */
  readonly path: string
  /** Semantic version with leading `v`. */
  readonly version: string
  /** Body of `@v/<version>.info`: `{"Version","Time"}` JSON. */
  readonly info: string
  /** Body of `@v/<version>.mod`; identical to the go.mod inside the zip. */
  readonly mod: string
  /** Body of `@v/<version>.zip`; every entry is `<path>@<version>/<file>`, no directory entries. */
  readonly zip: Uint8Array
  /** A different but valid zip for the same module (one extra file): go rejects it with a checksum mismatch. */
  readonly corruptZip: Uint8Array
  /** go.sum hash of the zip contents (`h1:...`). */
  readonly sum: string
  /** go.sum hash of the go.mod file (`h1:...`), the `<version>/go.mod` line. */
  readonly goModSum: string
  /** Files inside the module, relative to the module root (go.mod included). */
  readonly files: Readonly<Record<string, string>>
  /** The package that `writeProject` imports, when the module has the default package. */
  readonly goPackage?: { readonly importPath: string; readonly name: string; readonly func: string }
}

/** Options for `defineModule`. */
export interface ModuleSpec {
  path: string
  version: string
  /** Files relative to the module root. Replaces the default package (go.mod is still added from `goMod`). */
  files?: Record<string, string>
  /** go.mod text; defaults to `module <path>\n\ngo 1.21\n`. */
  goMod?: string
  /** RFC 3339 time for `.info`; defaults to 2024-01-01T00:00:00Z. */
  time?: string
}

const ZIP_MTIME = new Date('2024-01-01T00:00:00Z')
const encoder = new TextEncoder()

/**
 * Builds a module version in memory. By default it holds go.mod and one package at the module root whose exported
 * func `Hello()` returns `<path>@<version>`, so that a project importing it needs the module to build.
 */
export function defineModule(spec: ModuleSpec): TestModule {
  const { path, version } = spec
  const mod = spec.goMod ?? `module ${path}\n\ngo 1.21\n`
  let goPackage: TestModule['goPackage']
  let files: Record<string, string>
  if (spec.files) {
    files = { ...spec.files, 'go.mod': mod }
  } else {
    const name = packageName(path)
    goPackage = { importPath: path, name, func: 'Hello' }
    files = {
      'go.mod': mod,
      [`${name}.go`]: `// Package ${name} is a test module.\npackage ${name}\n\n// Hello identifies the module version that was built.\nfunc Hello() string { return ${JSON.stringify(`${path}@${version}`)} }\n`
    }
  }
  const prefix = `${path}@${version}/`
  const zip = buildZip(prefix, files)
  let corrupt: Uint8Array | undefined
  return {
    path,
    version,
    info: JSON.stringify({ Version: version, Time: spec.time ?? '2024-01-01T00:00:00Z' }),
    mod,
    zip,
    // Lazy: most tests never serve a corrupt zip.
    get corruptZip(): Uint8Array {
      corrupt ??= buildZip(prefix, { ...files, 'tampered.txt': 'not the published content\n' })
      return corrupt
    },
    sum: hash1(Object.entries(files).map(([name, content]) => [prefix + name, content])),
    // The go command hashes the go.mod file under the bare name "go.mod" (modfetch.goModSum), not under the prefix.
    goModSum: hash1([['go.mod', mod]]),
    files,
    goPackage
  }
}

/**
 * Go's dirhash.Hash1: base64(sha256 of the sorted lines `sha256hex(content)  name\n`) with an `h1:` prefix.
 * Exported for tests that need the hash of an arbitrary file set.
 */
export function hash1(files: Array<[name: string, content: string | Uint8Array]>): string {
  // Go sorts names bytewise; Buffer.compare matches that for any UTF-8 name.
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])))
  const h = createHash('sha256')
  for (const [name, content] of sorted) {
    h.update(`${createHash('sha256').update(content).digest('hex')}  ${name}\n`)
  }
  return `h1:${h.digest('base64')}`
}

/**
 * Makes `n` small modules `<prefix>/m000`, `<prefix>/m001`, ... at v1.0.0, each with the default package.
 * Cheap enough for 40+ module benchmarks.
 */
export function moduleSet(n: number, prefix: string, version = 'v1.0.0'): TestModule[] {
  const width = Math.max(3, String(n - 1).length)
  return Array.from({ length: n }, (_, i) =>
    defineModule({ path: `${prefix}/m${String(i).padStart(width, '0')}`, version })
  )
}

/** go.sum lines (zip hash and go.mod hash per module), sorted the way the go command writes them. */
export function goSumLines(modules: readonly TestModule[]): string[] {
  const lines = modules.flatMap(m => [`${m.path} ${m.version} ${m.sum}`, `${m.path} ${m.version}/go.mod ${m.goModSum}`])
  return [...new Set(lines)].sort()
}

/** Options for `writeProject`. */
export interface ProjectSpec {
  /** Module path of the project; defaults to `example.com/app`. */
  module?: string
  requires: readonly TestModule[]
  /** Write a complete go.sum (default true); false writes none, so go must fetch hashes itself. */
  goSum?: boolean
  /** main.go text; defaults to a main package that calls the default package of every required module. */
  mainGo?: string
  /** go directive; defaults to 1.21. */
  go?: string
}

/**
 * Writes go.mod (go directive and one require block), go.sum and main.go into `dir` (created if needed).
 * The default main.go imports every required module's default package, so `go build` needs every module.
 */
export function writeProject(dir: string, spec: ProjectSpec): void {
  mkdirSync(dir, { recursive: true })
  const requires = spec.requires
  const requireBlock = requires.length
    ? `\nrequire (\n${requires.map(m => `\t${m.path} ${m.version}\n`).join('')})\n`
    : ''
  writeFileSync(
    join(dir, 'go.mod'),
    `module ${spec.module ?? 'example.com/app'}\n\ngo ${spec.go ?? '1.21'}\n${requireBlock}`
  )
  if (spec.goSum ?? true) {
    const lines = goSumLines(requires)
    writeFileSync(join(dir, 'go.sum'), lines.length ? `${lines.join('\n')}\n` : '')
  }
  writeFileSync(join(dir, 'main.go'), spec.mainGo ?? defaultMain(requires))
}

/** One member of a workspace written by `writeWorkspace`. */
export interface WorkspaceMember extends ProjectSpec {
  /** Directory relative to the workspace root, e.g. `app`. */
  dir: string
}

/**
 * Writes a go.work (go 1.21, `use` of every member) and each member project via `writeProject`. A go.sum is
 * written per member; go also accepts workspace sums there.
 */
export function writeWorkspace(root: string, members: readonly WorkspaceMember[]): void {
  mkdirSync(root, { recursive: true })
  for (const m of members) writeProject(join(root, m.dir), m)
  writeFileSync(join(root, 'go.work'), `go 1.21\n\nuse (\n${members.map(m => `\t./${m.dir}\n`).join('')})\n`)
}

/**
 * Go's module path case-encoding: every upper-case ASCII letter becomes `!` + its lower-case form.
 * Applies to module paths and versions in proxy URLs and module cache directories.
 */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, c => `!${c.toLowerCase()}`)
}

/** Inverse of `escapeModulePath`; undefined for an invalid encoding (a bare upper-case letter or a stray `!`). */
export function unescapeModulePath(escaped: string): string | undefined {
  if (/[A-Z]/.test(escaped) || /![^a-z]|!$/.test(escaped)) return undefined
  return escaped.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase())
}

function buildZip(prefix: string, files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {}
  for (const [name, content] of Object.entries(files)) entries[prefix + name] = encoder.encode(content)
  // A fixed mtime keeps the bytes deterministic; the h1 hash only depends on names and contents anyway.
  return zipSync(entries, { mtime: ZIP_MTIME })
}

/** A valid Go package name for the module: its last element, skipping a /vN major-version suffix. */
function packageName(path: string): string {
  const parts = path.split('/')
  let last = parts[parts.length - 1]
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]
  let name = last.toLowerCase().replace(/[^a-z0-9_]/g, '_')
  if (!/^[a-z_]/.test(name)) name = `p${name}`
  return name
}

function defaultMain(requires: readonly TestModule[]): string {
  const pkgs = requires.filter(m => m.goPackage)
  const imports = pkgs.map((m, i) => `\tm${i} ${JSON.stringify(m.goPackage!.importPath)}\n`).join('')
  const calls = pkgs.map((m, i) => `\tprintln(m${i}.${m.goPackage!.func}())\n`).join('')
  return `package main\n\n${imports ? `import (\n${imports})\n\n` : ''}func main() {\n${calls}}\n`
}
