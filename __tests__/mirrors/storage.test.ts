/**
 * What the hosts behind real mirrors send (support/object-storage.ts): gzip-encoded static GOPROXY sites (defect 2:
 * go decodes them, so must every reader of the action), redirects of zips to another host (proxy.golang.org 302s to
 * signed storage URLs, goproxy.cn to its CDN) and strong validators that let newer go resume with Range/If-Range.
 */
import { join } from 'node:path'
import http from 'node:http'
import { goTestEnv, goVersionOf, runGo, tempDir } from '../support/go.js'
import { writeProject } from '../support/modules.js'
import { mod, MOD, objects, ZIP, storageBed } from './storage-bed.js'

const { storage, forwarder, get, probe, toolchainList, track } = storageBed()

describe('defect 2: a proxy that answers Content-Encoding: gzip', () => {
  test('the probe reads the gzip-encoded version list: the proxy works', async () => {
    const s = await storage({ gzip: true })
    const outcome = await probe({ proxies: s.url, sumdb: 'off' })
    expect(outcome.report.proxies[0]).toMatchObject({ status: 'ok' })
  })

  test('the forwarder hands go the decoded bytes (or says honestly that they are encoded)', async () => {
    const s = await storage({ gzip: true })
    const f = await forwarder(s.url)
    for (const [path, expected] of [
      [MOD, Buffer.from(mod.mod)],
      [ZIP, Buffer.from(mod.zip)]
    ] as const) {
      const got = await get(`${f.url}/${path}`)
      expect(got.status).toBe(200)
      const body =
        got.headers['content-encoding'] === 'gzip' ? (await import('node:zlib')).gunzipSync(got.body) : got.body
      expect(Buffer.compare(body, expected)).toBe(0)
    }
  })

  test(`the real go (${goVersionOf()}) downloads through the forwarder from a gzip site and verifies go.sum`, async () => {
    const s = await storage({ gzip: true })
    const f = await forwarder(s.url)
    const root = tempDir('gzip-go')
    writeProject(join(root, 'app'), { requires: [mod] })
    const run = await runGo(['mod', 'download', '-json'], {
      cwd: join(root, 'app'),
      env: goTestEnv(root, { GOPROXY: f.goproxy, GOSUMDB: 'off' }),
      timeoutMs: 60_000
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ Path: mod.path, Sum: mod.sum })
  })

  test('a zip streamed past the buffer limit is decoded too; a broken gzip encoding is an error, not bytes', async () => {
    const s = await storage({ gzip: true })
    const f = await forwarder(s.url, 64)
    const got = await get(`${f.url}/${ZIP}`)
    expect(Buffer.compare(got.body, Buffer.from(mod.zip))).toBe(0)

    const broken = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' })
      res.end('this is not gzip')
    })
    await new Promise<void>(resolve => broken.listen(0, '127.0.0.1', resolve))
    track({ close: () => new Promise<void>(resolve => broken.close(() => resolve())) })
    const f2 = await forwarder(`http://127.0.0.1:${(broken.address() as { port: number }).port}`)
    const reply = await get(`${f2.url}/${MOD}`)
    expect(reply.status).toBe(502)
    expect(reply.body.toString('utf8')).toContain('gzip encoding is broken')
  })

  test('the Go install reads a gzip-encoded answer decoded', async () => {
    const s = await storage({ gzip: true })
    const result = await toolchainList(s.url)
    expect(result.ok).toBe(true)
    if (result.ok && result.answer.body.kind === 'buffered')
      expect(result.answer.body.bytes.toString('utf8')).toBe(`${mod.version}\n`)
  })
})

describe('defect 4: redirects to another host and resumable answers', () => {
  test('proxy.golang.org-style 302 of a zip to a signed storage URL on another host: go gets the zip', async () => {
    const s = await storage({ validators: true })
    const front = http.createServer((req, res) => {
      const path = (req.url ?? '/').slice(1)
      if (path.endsWith('.zip')) {
        res.writeHead(302, { Location: `${s.url}/${path}?X-Goog-Signature=abc&X-Goog-Expires=600` })
        return void res.end()
      }
      const object = objects.get(path)
      res.writeHead(object ? 200 : 404, { 'Content-Type': 'text/plain' })
      res.end(object ?? 'not found')
    })
    await new Promise<void>(resolve => front.listen(0, '127.0.0.1', resolve))
    track({ close: () => new Promise<void>(resolve => front.close(() => resolve())) })
    const frontUrl = `http://127.0.0.1:${(front.address() as { port: number }).port}`
    const f = await forwarder(frontUrl)
    const got = await get(`${f.url}/${ZIP}`)
    expect(got.status).toBe(200)
    expect(Buffer.compare(got.body, Buffer.from(mod.zip))).toBe(0)
  })

  test('newer go resumes with Range/If-Range only after a strong validator: the forwarder honours it or sends none', async () => {
    const s = await storage({ validators: true })
    const f = await forwarder(s.url)
    const full = await get(`${f.url}/${ZIP}`)
    expect(full.status).toBe(200)
    const validator = full.headers.etag ?? full.headers['last-modified']
    if (validator === undefined) return // nothing advertised: go never sends a Range to the forwarder
    const resumed = await get(`${f.url}/${ZIP}`, { Range: 'bytes=100-', 'If-Range': validator })
    expect(resumed.status).toBe(206)
    expect(resumed.headers['content-range']).toBe(`bytes 100-${mod.zip.length - 1}/${mod.zip.length}`)
    expect(Buffer.compare(resumed.body, Buffer.from(mod.zip).subarray(100))).toBe(0)
  })

  test('the forwarder advertises no validator of its own upstream (a 200 go cannot resume from it would mislead)', async () => {
    const s = await storage({ validators: true })
    const f = await forwarder(s.url)
    const full = await get(`${f.url}/${ZIP}`)
    expect(full.headers.etag).toBeUndefined()
    expect(full.headers['last-modified']).toBeUndefined()
  })
})
