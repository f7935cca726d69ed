/**
 * Static object storage on 127.0.0.1, as the hosts module proxies hand their files to really behave:
 * - a static GOPROXY site on object storage (a bucket of `@v/` files) whose objects were uploaded gzip-compressed
 *   with `Content-Encoding: gzip` metadata: every answer is gzip-encoded whatever the client asked (`gzip: true`);
 * - the CDN / signed-URL host that proxy.golang.org (302) and goproxy.cn (302, zips of 10 MiB and more) redirect zips
 *   to; such hosts send strong validators (`ETag`, `Last-Modified`) and honour `Range` / `If-Range` like
 *   net/http's ServeContent (`validators: true`);
 * - the non-standard statuses CDN storage answers during incidents (478, 573, 579, 599: `statusFor`).
 */
import http from 'node:http'
import type net from 'node:net'
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'

export interface ObjectStorageOptions {
  /** Objects by key (the path without its leading `/`). */
  readonly objects: Map<string, Uint8Array>
  /** Store and serve every object gzip-compressed with `Content-Encoding: gzip`, whatever Accept-Encoding says. */
  readonly gzip?: boolean
  /** Send a strong ETag and Last-Modified and honour Range / If-Range. */
  readonly validators?: boolean
  /** A status to answer instead (with a short text body), by key; undefined serves the object. */
  readonly statusFor?: (key: string, nth: number) => number | undefined
  /** Cut the connection after this many body bytes of a full (200) answer, once per key. */
  readonly dropAfterBytes?: number
}

export interface ObjectStorage {
  readonly url: string
  readonly requests: { method: string; key: string; status: number; headers: http.IncomingHttpHeaders }[]
  close(): Promise<void>
}

const LAST_MODIFIED = new Date('2026-01-02T03:04:05Z').toUTCString()

/** Starts the storage host. */
export async function startObjectStorage(options: ObjectStorageOptions): Promise<ObjectStorage> {
  const requests: ObjectStorage['requests'] = []
  const dropped = new Set<string>()
  const seen = new Map<string, number>()
  const server = http.createServer((req, res) => {
    const key = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '')
    const entry = { method: req.method ?? 'GET', key, status: 0, headers: req.headers }
    requests.push(entry)
    const nth = (seen.get(key) ?? 0) + 1
    seen.set(key, nth)
    const injected = options.statusFor?.(key, nth)
    if (injected !== undefined) {
      entry.status = injected
      res.writeHead(injected, { 'Content-Type': 'text/plain' })
      return void res.end(`storage status ${injected}\n`)
    }
    const object = options.objects.get(key)
    if (!object) {
      entry.status = 404
      res.writeHead(404, { 'Content-Type': 'application/xml' })
      return void res.end('<Error><Code>NoSuchKey</Code></Error>')
    }
    const body = options.gzip ? gzipSync(object) : Buffer.from(object)
    const etag = `"${createHash('md5').update(body).digest('hex')}"`
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': key.endsWith('.zip')
        ? 'application/zip'
        : key.endsWith('.info')
          ? 'application/json'
          : 'text/plain',
      ...(options.gzip ? { 'Content-Encoding': 'gzip' } : {}),
      ...(options.validators ? { ETag: etag, 'Last-Modified': LAST_MODIFIED, 'Accept-Ranges': 'bytes' } : {})
    }
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''))
    const ifRange = req.headers['if-range']
    if (options.validators && range && (!ifRange || ifRange === etag || ifRange === LAST_MODIFIED)) {
      const start = Number(range[1])
      entry.status = 206
      res.writeHead(206, {
        ...headers,
        'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'Content-Length': body.length - start
      })
      return void res.end(req.method === 'HEAD' ? undefined : body.subarray(start))
    }
    entry.status = 200
    res.writeHead(200, { ...headers, 'Content-Length': body.length })
    if (req.method === 'HEAD') return void res.end()
    if (options.dropAfterBytes !== undefined && !dropped.has(key) && body.length > options.dropAfterBytes) {
      dropped.add(key)
      res.write(body.subarray(0, options.dropAfterBytes), () => req.socket.destroy())
      return
    }
    res.end(body)
  })
  const sockets = new Set<net.Socket>()
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    requests,
    close: () => {
      const closed = new Promise<void>(resolve => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      return closed
    }
  }
}

/** The objects of a static GOPROXY site for `modules`: `<escaped path>/@v/list`, `.info`, `.mod`, `.zip`. */
export function proxyObjects(
  modules: readonly { path: string; version: string; info: string; mod: string; zip: Uint8Array }[],
  escape: (path: string) => string
): Map<string, Uint8Array> {
  const objects = new Map<string, Uint8Array>()
  const lists = new Map<string, string[]>()
  for (const m of modules) {
    const base = `${escape(m.path)}/@v/${escape(m.version)}`
    objects.set(`${base}.info`, Buffer.from(m.info))
    objects.set(`${base}.mod`, Buffer.from(m.mod))
    objects.set(`${base}.zip`, m.zip)
    lists.set(m.path, [...(lists.get(m.path) ?? []), m.version])
  }
  for (const [path, versions] of lists) objects.set(`${escape(path)}/@v/list`, Buffer.from(versions.join('\n') + '\n'))
  return objects
}
