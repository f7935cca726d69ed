/**
 * golang.org/toolchain module zips for tests: a real one built from the Go installed here (as cmd/distpack builds
 * the published ones), and tiny hand-made ones (fake toolchains for other versions/platforms, malformed zips).
 *
 * The real zip is large (~85 MB from the ~230 MB Debian GOROOT) and takes seconds to build, so it is built once per
 * machine and Go version: cached under os.tmpdir() keyed by the Go version, platform and `FIXTURE_REVISION`, written
 * to a temporary name and renamed, so parallel test workers never see a half-written zip.
 */
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'
import { DEBIAN_GO } from './go.js'
import { hash1 } from './modules.js'

/** Bump when the fixture's content rules change, so stale cached zips are not reused. */
export const FIXTURE_REVISION = 1

/** The variable naming the GOROOT of the Go 1.23.5 the real toolchain zip is built from (ci.yml sets it). */
export const FIXTURE_GOROOT_VARIABLE = 'SETUP_GOPROXY_TEST_FIXTURE_GOROOT'

/**
 * The GOROOT the real toolchain zip is built from, a Go 1.23.5 installed here: `$SETUP_GOPROXY_TEST_FIXTURE_GOROOT`
 * (ci.yml points it at the 1.23.5 actions/setup-go installs, on every OS), else Debian's golang-1.23-go (.ci/run; parts
 * of it are symlinks into /usr/share).
 */
export const HOST_GOROOT = process.env[FIXTURE_GOROOT_VARIABLE] || join(DEBIAN_GO, '..', '..')

/** One entry to write with `writeZip`. */
export interface ZipSourceEntry {
  name: string
  /** File content; ignored for directories. */
  data?: string | Uint8Array
  /** Unix mode including the type bits; defaults to a regular file 0644 (a directory when the name ends in '/'). */
  mode?: number
  /** An uncompressed size to declare instead of the real one (a lying zip). */
  declaredSize?: number
}

/** The real toolchain zip built from `HOST_GOROOT`. */
export interface ToolchainZipFixture {
  file: string
  /** `v0.0.1-go1.23.5.linux-amd64` */
  moduleVersion: string
  /** `1.23.5` */
  goVersion: string
  goos: string
  goarch: string
  /** The module's `h1:` hash (dirhash Hash1 over the entries), as go.sum and the checksum database hold it. */
  h1: string
  /** Size of the zip in bytes. */
  bytes: number
  /** Number of file entries. */
  files: number
  /** How long building took (0 when a cached zip was reused). */
  buildMs: number
}

/**
 * The real toolchain zip for the Go at `goroot` (default `HOST_GOROOT`): the binary distribution minus api/, doc/,
 * misc/, test/ and every pkg/ directory but pkg/include and pkg/tool/<goos>_<goarch> (without the api, dist,
 * distpack and metadata helpers); bin/ holds go and gofmt; nested go.mod files are renamed _go.mod; every entry is
 * prefixed `golang.org/toolchain@v0.0.1-go<version>.<goos>-<goarch>/`. Symlinks are followed (Debian's layout).
 */
export function hostToolchainZip(goroot = HOST_GOROOT): ToolchainZipFixture {
  const goVersion = readFileSync(join(goroot, 'VERSION'), 'utf8').split('\n')[0].trim().replace(/^go/, '')
  const toolDirs = readdirSync(join(goroot, 'pkg', 'tool')).filter(d => /^[a-z0-9]+_[a-z0-9]+$/.test(d))
  if (toolDirs.length !== 1) throw new Error(`expected one pkg/tool/<goos>_<goarch> in ${goroot}, found ${toolDirs}`)
  const [goos, goarch] = toolDirs[0].split('_')
  const moduleVersion = `v0.0.1-go${goVersion}.${goos}-${goarch}`
  const cacheDir = join(os.tmpdir(), 'setup-goproxy-toolchain-zip')
  const file = join(cacheDir, `${moduleVersion}.r${FIXTURE_REVISION}.zip`)
  const metaFile = `${file}.json`
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as ToolchainZipFixture
    if (meta.bytes === statSync(file).size) return { ...meta, file, buildMs: 0 }
  }
  const start = performance.now()
  mkdirSync(cacheDir, { recursive: true })
  const prefix = `golang.org/toolchain@${moduleVersion}/`
  const entries = distributionFiles(goroot, toolDirs[0]).map(rel => ({
    name: prefix + (rel.endsWith('/go.mod') ? rel.slice(0, -'go.mod'.length) + '_go.mod' : rel),
    source: join(goroot, ...rel.split('/')),
    mode: rel.startsWith('bin/') || rel.startsWith('pkg/tool/') || /\.(bash|sh|pl|rc)$/.test(rel) ? 0o755 : 0o644
  }))
  entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)))
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  const written = writeZipStreaming(
    temp,
    entries.map(e => ({ name: e.name, mode: 0o100000 | e.mode, read: () => readFileSync(e.source) }))
  )
  const fixture: ToolchainZipFixture = {
    file,
    moduleVersion,
    goVersion,
    goos,
    goarch,
    h1: written.h1,
    bytes: statSync(temp).size,
    files: entries.length,
    buildMs: Math.round(performance.now() - start)
  }
  const metaTemp = `${metaFile}.${randomBytes(6).toString('hex')}.tmp`
  writeFileSync(metaTemp, JSON.stringify(fixture))
  renameSync(temp, file)
  renameSync(metaTemp, metaFile)
  return fixture
}

/** GOROOT-relative paths ('/' separated) of the files cmd/distpack puts into the module zip. */
function distributionFiles(goroot: string, toolDir: string): string[] {
  const out: string[] = []
  const skip = (rel: string, name: string): boolean =>
    name === '.DS_Store' ||
    name === '.git' ||
    name.startsWith('.git') ||
    name.endsWith('.exe~') ||
    rel === 'VERSION.cache' ||
    rel === 'src/cmd/dist/dist'
  const walk = (rel: string): void => {
    const abs = join(goroot, ...rel.split('/').filter(Boolean))
    for (const name of readdirSync(abs).sort()) {
      const child = rel ? `${rel}/${name}` : name
      if (skip(child, name)) continue
      if (rel === '' && ['api', 'doc', 'misc', 'test', 'bin', 'pkg'].includes(name)) continue
      // statSync follows symlinks, as Debian's GOROOT needs.
      const st = statSync(join(abs, name))
      if (st.isDirectory()) walk(child)
      else if (st.isFile()) out.push(child)
    }
  }
  walk('')
  const suffix = toolDir.startsWith('windows_') ? '.exe' : ''
  for (const exe of ['go', 'gofmt']) out.push(`bin/${exe}${suffix}`)
  walk('pkg/include')
  for (const name of readdirSync(join(goroot, 'pkg', 'tool', toolDir)).sort()) {
    if (['api', 'dist', 'distpack', 'metadata'].includes(name.replace(/\.exe$/, ''))) continue
    out.push(`pkg/tool/${toolDir}/${name}`)
  }
  return out
}

/** Writes a small zip (all entries in memory) with Unix modes; returns its h1:. */
export function writeZip(file: string, entries: readonly ZipSourceEntry[]): string {
  return writeZipStreaming(
    file,
    entries.map(e => ({
      name: e.name,
      mode: e.mode ?? (e.name.endsWith('/') ? 0o040755 : 0o100644),
      declaredSize: e.declaredSize,
      read: () => (typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data ?? []))
    }))
  ).h1
}

/**
 * A tiny fake toolchain zip (never run): VERSION, bin/go[.exe], src/_go.mod, a nested _go.mod and a file in
 * pkg/tool, for `moduleVersion` (`v0.0.1-go1.22.0.windows-amd64`). `extra` entries are appended (relative names are
 * prefixed; names starting with '@' are written as given, without the '@').
 */
export function fakeToolchainZip(file: string, moduleVersion: string, extra: readonly ZipSourceEntry[] = []): string {
  const m = /^v0\.0\.1-go(.+)\.([a-z0-9]+)-([a-z0-9]+)$/.exec(moduleVersion)
  if (!m) throw new Error(`not a toolchain version: ${moduleVersion}`)
  const exe = m[2] === 'windows' ? '.exe' : ''
  const prefix = `golang.org/toolchain@${moduleVersion}/`
  const entries: ZipSourceEntry[] = [
    { name: 'VERSION', data: `go${m[1]}\ntime 2024-01-01T00:00:00Z\n` },
    { name: `bin/go${exe}`, data: '#!/bin/sh\necho fake\n' },
    { name: `bin/gofmt${exe}`, data: '#!/bin/sh\n' },
    { name: `pkg/tool/${m[2]}_${m[3]}/compile${exe}`, data: 'fake compiler' },
    { name: 'src/_go.mod', data: 'module std\n\ngo 1.22\n' },
    { name: 'src/cmd/_go.mod', data: 'module cmd\n\ngo 1.22\n' },
    { name: 'src/fmt/print.go', data: 'package fmt\n' },
    ...extra
  ]
  return writeZip(
    file,
    entries.map(e => ({ ...e, name: e.name.startsWith('@') ? e.name.slice(1) : prefix + e.name }))
  )
}

interface StreamedEntry {
  name: string
  mode: number
  declaredSize?: number
  read: () => Buffer
}

/**
 * A minimal zip writer (deflate, Unix "version made by" so modes survive, no zip64: fine below 4 GiB and 65535
 * entries). Entries are read and compressed one at a time and written straight to the file. Also computes h1:
 * (dirhash HashZip: every entry's name as stored and content, sorted by name bytes).
 */
function writeZipStreaming(file: string, entries: readonly StreamedEntry[]): { h1: string } {
  const fd = openSync(file, 'w')
  const central: Buffer[] = []
  const sums: Array<{ name: Buffer; line: string }> = []
  let offset = 0
  // 2024-01-01 00:00 in DOS format: a fixed time keeps the zip deterministic.
  const dosTime = 0
  const dosDate = ((2024 - 1980) << 9) | (1 << 5) | 1
  try {
    for (const entry of entries) {
      const name = Buffer.from(entry.name, 'utf8')
      const isDir = entry.name.endsWith('/') || (entry.mode & 0o170000) === 0o040000
      const data = isDir ? Buffer.alloc(0) : entry.read()
      // Go's dirhash.HashZip hashes every entry, directories too (with no content).
      sums.push({ name, line: `${createHash('sha256').update(data).digest('hex')}  ${entry.name}\n` })
      const compressed = data.length > 0 ? deflateRawSync(data, { level: 6 }) : data
      const method = data.length > 0 ? 8 : 0
      const crc = crc32(data)
      const local = Buffer.alloc(30)
      local.writeUInt32LE(0x04034b50, 0)
      local.writeUInt16LE(20, 4)
      local.writeUInt16LE(0x0800, 6) // UTF-8 names
      local.writeUInt16LE(method, 8)
      local.writeUInt16LE(dosTime, 10)
      local.writeUInt16LE(dosDate, 12)
      local.writeUInt32LE(crc, 14)
      local.writeUInt32LE(compressed.length, 18)
      local.writeUInt32LE(entry.declaredSize ?? data.length, 22)
      local.writeUInt16LE(name.length, 26)
      local.writeUInt16LE(0, 28)
      const header = Buffer.alloc(46)
      header.writeUInt32LE(0x02014b50, 0)
      header.writeUInt16LE((3 << 8) | 20, 4) // made by Unix
      header.writeUInt16LE(20, 6)
      header.writeUInt16LE(0x0800, 8)
      header.writeUInt16LE(method, 10)
      header.writeUInt16LE(dosTime, 12)
      header.writeUInt16LE(dosDate, 14)
      header.writeUInt32LE(crc, 16)
      header.writeUInt32LE(compressed.length, 20)
      header.writeUInt32LE(entry.declaredSize ?? data.length, 24)
      header.writeUInt16LE(name.length, 28)
      header.writeUInt32LE(((entry.mode & 0xffff) << 16) >>> 0, 38)
      header.writeUInt32LE(offset, 42)
      central.push(header, name)
      for (const part of [local, name, compressed]) offset += writeAll(fd, part)
    }
    const centralBytes = Buffer.concat(central)
    writeAll(fd, centralBytes)
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(entries.length, 8)
    end.writeUInt16LE(entries.length, 10)
    end.writeUInt32LE(centralBytes.length, 12)
    end.writeUInt32LE(offset, 16)
    writeAll(fd, end)
  } finally {
    closeSync(fd)
  }
  sums.sort((a, b) => Buffer.compare(a.name, b.name))
  const summary = createHash('sha256')
  for (const s of sums) summary.update(s.line)
  return { h1: `h1:${summary.digest('base64')}` }
}

/** writeSync until every byte is written (a single call may write less); returns the length. */
function writeAll(fd: number, data: Buffer): number {
  for (let done = 0; done < data.length;) done += writeSync(fd, data, done, data.length - done)
  return data.length
}

/** A golang.org/toolchain version a `ToolchainProxy` serves: its zip on disk. */
export interface ServedToolchain {
  moduleVersion: string
  file: string
}

/** A loopback GOPROXY serving only golang.org/toolchain, zips streamed from disk. */
export interface ToolchainProxy {
  /** `http://127.0.0.1:<port>` */
  url: string
  /** Request paths in arrival order. */
  requests: string[]
  close(): Promise<void>
}

/** The go.mod of every golang.org/toolchain version (what `.mod` serves; its h1: goes into the checksum DB). */
export const TOOLCHAIN_GO_MOD = 'module golang.org/toolchain\n'

/** The checksum database's record of a golang.org/toolchain version: its zip's h1 and TOOLCHAIN_GO_MOD's. */
export function toolchainRecord(
  moduleVersion: string,
  h1: string
): { path: string; version: string; h1: string; goModH1: string } {
  return { path: 'golang.org/toolchain', version: moduleVersion, h1, goModH1: hash1([['go.mod', TOOLCHAIN_GO_MOD]]) }
}

/**
 * Starts a GOPROXY on 127.0.0.1 for golang.org/toolchain: `@v/list` lists `listed` (default: the served versions),
 * `.info`/`.mod`/`.zip` answer for served versions (the zip streamed from its file), everything else is 404.
 * Close it in afterAll.
 */
export async function startToolchainProxy(
  served: readonly ServedToolchain[],
  listed: readonly string[] = served.map(s => s.moduleVersion)
): Promise<ToolchainProxy> {
  const requests: string[] = []
  const base = '/golang.org/toolchain/@v/'
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0])
    requests.push(path)
    const notFound = () => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n')
    if (req.method !== 'GET' || !path.startsWith(base)) return notFound()
    const rest = path.slice(base.length)
    if (rest === 'list')
      return res.writeHead(200, { 'Content-Type': 'text/plain' }).end(listed.map(v => `${v}\n`).join(''))
    const m = /^(.+)\.(info|mod|zip)$/.exec(rest)
    const found = m && served.find(s => s.moduleVersion === m[1])
    if (!m || !found) return notFound()
    if (m[2] === 'info') {
      return res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ Version: found.moduleVersion, Time: '2025-01-10T16:44:59Z' }))
    }
    if (m[2] === 'mod') return res.writeHead(200, { 'Content-Type': 'text/plain' }).end(TOOLCHAIN_GO_MOD)
    res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': statSync(found.file).size })
    createReadStream(found.file).pipe(res)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/**
 * A GOROOT for linux/`goarch` made from `HOST_GOROOT` (Debian's Go, amd64): its sources, `VERSION` and `go.env`
 * linked, and `bin/go` and `bin/gofmt` built for that GOARCH (386 runs on amd64 Linux where the kernel runs 32-bit
 * programs, arm64 under qemu-aarch64). Of the tools only `pkg/tool/linux_<goarch>/buildid` is built (a trimmed go finds
 * its GOROOT by that directory; the compiler tools take minutes to build here), so the installed Go answers
 * `go version` and `go env` but does not build. Built once per machine, Go version and GOARCH (like the zip), into a
 * temporary name then renamed; `hostToolchainZip(crossGoroot(goarch))` then makes its real-format module zip.
 */
export async function crossGoroot(goarch: '386' | 'arm64'): Promise<string> {
  const version = readFileSync(join(HOST_GOROOT, 'VERSION'), 'utf8').split('\n')[0].trim()
  const tools = join('pkg', 'tool', `linux_${goarch}`)
  const dir = join(os.tmpdir(), `setup-goproxy-goroot-${version}-linux-${goarch}-r${FIXTURE_REVISION}.2`)
  if (existsSync(join(dir, tools, 'buildid'))) return dir
  const temp = `${dir}.${randomBytes(6).toString('hex')}.tmp`
  mkdirSync(join(temp, 'bin'), { recursive: true })
  mkdirSync(join(temp, tools), { recursive: true })
  for (const name of ['src', 'VERSION', 'go.env', 'lib']) {
    if (existsSync(join(HOST_GOROOT, name))) symlinkSync(join(HOST_GOROOT, name), join(temp, name))
  }
  symlinkSync(join(HOST_GOROOT, 'pkg', 'include'), join(temp, 'pkg', 'include'))
  for (const [command, out] of [
    ['go', join(temp, 'bin', 'go')],
    ['gofmt', join(temp, 'bin', 'gofmt')],
    ['buildid', join(temp, tools, 'buildid')]
  ]) {
    const env = { ...process.env, GOARCH: goarch, GOOS: 'linux', CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOFLAGS: '' }
    await new Promise<void>((resolve, reject) => {
      const child = spawn(DEBIAN_GO, ['build', '-trimpath', '-o', out, `cmd/${command}`], {
        env,
        stdio: ['ignore', 'ignore', 'pipe']
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('error', reject)
      child.on('close', code =>
        code === 0 ? resolve() : reject(new Error(`building cmd/${command} for linux/${goarch} failed: ${stderr}`))
      )
    })
  }
  renameSync(temp, dir)
  return dir
}
