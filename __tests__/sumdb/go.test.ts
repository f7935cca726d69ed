/**
 * Cross-checks with the real go command: the h1 hashes it records for a module served from a loopback proxy are
 * the ones hashZip and goModHash compute, and a record the go command accepts from the loopback checksum database
 * is one verifyModule accepts too (and a corrupt zip that go refuses is a mismatch for us).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Zip, ZipPassThrough, zipSync } from 'fflate'
import { goModHash } from '../../src/go/sumdb/dirhash.js'
import { verifyModule, type SumdbFetch } from '../../src/sumdb/client.js'
import { hashZip } from '../../src/sumdb/hash-zip.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startProxy, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, hash1, type TestModule } from '../support/modules.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

// Letters that sort differently as UTF-8 bytes (U+FF76 first) and as UTF-16 units (U+10400 first).
const plain = defineModule({ path: 'example.test/Cross', version: 'v1.2.3' })
const unicode = defineModule({
  path: 'example.test/unicode',
  version: 'v0.1.0',
  files: { 'a/\uff76.txt': 'halfwidth ka\n', 'a/\u{10400}.txt': 'deseret\n', 'a/b.txt': 'b\n' }
})
const modules = [plain, unicode]

let proxy: TestProxy
let corruptProxy: TestProxy
let db: SumdbServer

beforeAll(async () => {
  // A suite that needs go fails without it: verification parity is not optional.
  if (!findGo()) throw new Error('go not found on PATH or at /usr/lib/go-1.23/bin/go')
  proxy = await startProxy({ modules })
  corruptProxy = await startProxy({ modules, corruptZip: true })
  const byKey = new Map(modules.map(m => [`${m.path}@${m.version}`, m]))
  db = await startSumdb({
    records: (path, version) => {
      const m = byKey.get(`${path}@${version}`)
      return m && { h1: m.sum, goModH1: m.goModSum }
    }
  })
})

afterAll(async () => {
  await Promise.all([proxy?.close(), corruptProxy?.close(), db?.close()])
  await cleanupTempDirs()
})

interface Download {
  Path: string
  Version: string
  Error?: string
  Zip?: string
  GoMod?: string
  Sum?: string
  GoModSum?: string
}

async function download(
  m: TestModule,
  env: Record<string, string>
): Promise<{ code: number | null; json?: Download; stderr: string }> {
  const root = tempDir('sumdb-go')
  const run = await runGo(['mod', 'download', '-json', `${m.path}@${m.version}`], {
    cwd: root,
    env: goTestEnv(root, env),
    timeoutMs: 60_000
  })
  const json = run.stdout.trim() === '' ? undefined : (JSON.parse(run.stdout) as Download)
  return { code: run.code, json, stderr: run.stderr }
}

const dbFetch: SumdbFetch = async sub => {
  try {
    const res = await fetch(`${db.url}${sub}`)
    return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) }
  } catch (error) {
    return { error: String(error) }
  }
}

describe('hashes agree with the go command', () => {
  test.each(modules.map(m => [`${m.path}@${m.version}`, m] as const))(
    '%s: Sum and GoModSum of go mod download equal hashZip and goModHash',
    async (_, m) => {
      const { code, json, stderr } = await download(m, { GOPROXY: proxy.url, GOSUMDB: 'off' })
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
      expect(json?.Sum).toMatch(/^h1:/)
      expect(await hashZip(json!.Zip!)).toBe(json!.Sum)
      expect(goModHash(await readFile(json!.GoMod!))).toBe(json!.GoModSum)
      // The zip bytes the proxy served, hashed from our own copy.
      const copy = join(tempDir('sumdb-zip'), 'm.zip')
      await writeFile(copy, m.zip)
      expect(await hashZip(copy)).toBe(json!.Sum)
      expect(goModHash(m.mod)).toBe(json!.GoModSum)
    }
  )

  test('the unicode names are sorted as bytes: a UTF-16 sort would give another hash', async () => {
    const prefix = `${unicode.path}@${unicode.version}/`
    const names = Object.keys(unicode.files).map(n => prefix + n)
    const utf16 = [...names].sort()
    const bytes = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    expect(utf16).not.toEqual(bytes)
  })
})

describe('verification agrees with the go command', () => {
  test.each(modules.map(m => [`${m.path}@${m.version}`, m] as const))(
    '%s: go verifies it against the loopback database, and so does verifyModule',
    async (_, m) => {
      const { code, json, stderr } = await download(m, { GOPROXY: proxy.url, GOSUMDB: db.gosumdb })
      expect({ code, error: json?.Error, stderr }).toEqual({ code: 0, error: undefined, stderr: '' })
      // go really asked the database (no go.sum, no GONOSUMDB): the record and tiles came from it.
      const lookup = `/lookup/${m.path.replace(/[A-Z]/g, c => `!${c.toLowerCase()}`)}@${m.version}`
      expect(db.requests.map(r => decodeURIComponent(r.path))).toContain(lookup)
      const result = await verifyModule({
        fetch: dbFetch,
        key: db.verifierKey,
        path: m.path,
        version: m.version,
        zipH1: await hashZip(json!.Zip!),
        goModH1: goModHash(await readFile(json!.GoMod!))
      })
      expect(result).toMatchObject({ ok: true, h1: json!.Sum, goModH1: json!.GoModSum })
    }
  )

  test('a corrupt zip: go refuses it with a SECURITY ERROR, verifyModule reports a mismatch', async () => {
    const { code, json } = await download(plain, { GOPROXY: corruptProxy.url, GOSUMDB: db.gosumdb })
    expect(code).toBe(1)
    expect(json?.Error).toMatch(/SECURITY ERROR/)
    const file = join(tempDir('sumdb-corrupt'), 'corrupt.zip')
    await writeFile(file, plain.corruptZip)
    const result = await verifyModule({
      fetch: dbFetch,
      key: db.verifierKey,
      path: plain.path,
      version: plain.version,
      zipH1: await hashZip(file)
    })
    expect(result).toMatchObject({ ok: false, reason: 'mismatch' })
  })
})

describe('hashZip', () => {
  test('a zip with two entries of one name is refused', async () => {
    const chunks: Uint8Array[] = []
    const zip = new Zip((error, chunk) => {
      if (error) throw error
      chunks.push(chunk)
    })
    for (const content of ['one\n', 'two\n']) {
      const entry = new ZipPassThrough('m@v1.0.0/a.txt')
      zip.add(entry)
      entry.push(new TextEncoder().encode(content), true)
    }
    zip.end()
    const file = join(tempDir('sumdb-dup'), 'dup.zip')
    await writeFile(file, Buffer.concat(chunks))
    await expect(hashZip(file)).rejects.toThrow(/"m@v1.0.0\/a.txt" appears more than once/)
  })

  test('directory entries are hashed under their names, as Go HashZip lists them', async () => {
    const file = join(tempDir('sumdb-dir'), 'dir.zip')
    await writeFile(
      file,
      zipSync({ 'm@v1.0.0/d/': new Uint8Array(0), 'm@v1.0.0/d/f': new TextEncoder().encode('f\n') })
    )
    expect(await hashZip(file)).toBe(
      hash1([
        ['m@v1.0.0/d/', ''],
        ['m@v1.0.0/d/f', 'f\n']
      ])
    )
  })

  test('a file that is not a zip is an error naming the file', async () => {
    const file = join(tempDir('sumdb-bad'), 'bad.zip')
    await writeFile(file, 'not a zip')
    await expect(hashZip(file)).rejects.toThrow(
      new RegExp(`cannot read zip ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
    )
  })
})
