/**
 * A loopback server that answers exactly as github.com/goproxy/goproxy v0.14.0 does — the engine goproxy.cn runs
 * (github.com/goproxy/goproxy.cn's go.mod pins v0.14.0) — in front of an upstream the test controls, plus goproxy.cn's
 * own front (handler/goproxy.go there): zips of `auto_redirect_min_size` (10485760 bytes in its config.toml) and more
 * that are in its object storage are redirected to a presigned URL on another host.
 *
 * Written from the engine's sources, not copied (paths are in goproxy/goproxy at tag v0.14.0):
 * - goproxy.go `ServeHTTP`: GET and HEAD only (else 405 "method not allowed", max-age 86400); an empty path, a
 *   trailing slash or `..` is 404 "not found" (86400); `/sumdb/` goes to `serveSUMDB`, the rest to `serveFetch`.
 * - goproxy.go `serveFetch`: with `Disable-Module-Fetch: true` only the cache answers, a miss is
 *   404 "not found: temporarily unavailable" with max-age 60; .info/.mod/.zip are served from the cache first
 *   (max-age 604800), else fetched (`serveFetchDownload`); list and latest are fetched every time (max-age 60) and
 *   fall back to the cache when the fetch fails.
 * - http.go `httpGet`: up to 10 tries of the upstream; 400/404/410 end at once as "not found" carrying the upstream's
 *   body; 429/500/502/503 are retried and end as `errBadUpstream`, 504 as `errFetchTimedOut`; any other status is a
 *   plain error (an internal server error for the client).
 * - response.go `responseError`: a not-found error is 404 `not found: <upstream text>` with max-age 600 for
 *   downloads and 60 for list/latest (`cacheSensitive`), except when its text holds "bad upstream" or "fetch timed
 *   out": then 404 `not found: bad upstream` / `not found: fetch timed out` with `must-revalidate, no-cache,
 *   no-store`; a timeout is 404 `not found: fetch timed out` (no-store); anything else 500 "internal server error"
 *   without Cache-Control. `responseNotFound` strips "bad request: " and "gone: " and prefixes "not found: ".
 *   Every text answer is `text/plain; charset=utf-8` and has no body for HEAD. The engine never answers 410.
 * - response.go `responseSuccess` → net/http's ServeContent: Range and If-Range are honoured (206), HEAD has no body.
 * - goproxy.go `serveSUMDB`: only the proxied databases (sum.golang.org by default) are known, others 404
 *   "not found" (86400); `/supported` is 200 with an empty body; `/latest`, `/lookup/…`, `/tile/…` are fetched from
 *   the database (same error mapping, cache-sensitive); any other path 404.
 */
import http from 'node:http'
import type net from 'node:net'
import type { TestModule } from './modules.js'
import { unescapeModulePath } from './modules.js'

/** What the engine's upstream (another proxy, or the checksum database) answered for one GET. */
export type UpstreamAnswer =
  | { readonly status: number; readonly body?: string | Uint8Array; readonly contentType?: string }
  /** No answer before the engine's fetch timeout: context.DeadlineExceeded. */
  | 'timeout'

/** The engine's upstream: what it answers for a path below the proxy (`example.com/m/@v/list`). */
export type Upstream = (path: string) => UpstreamAnswer | Promise<UpstreamAnswer>

/** An upstream that serves `modules` the way a healthy proxy does (404 with a text for anything else). */
export function modulesUpstream(modules: readonly TestModule[]): Upstream {
  return path => {
    const latest = /^(.+)\/@latest$/.exec(path)
    const v = /^(.+)\/@v\/(?:(list)|(.+)\.(info|mod|zip))$/.exec(path)
    const module = unescapeModulePath((latest ?? v)?.[1] ?? '')
    const versions = modules.filter(m => m.path === module)
    if (!module || versions.length === 0)
      return { status: 404, body: `not found: module ${module ?? path}: no such module` }
    if (latest) return { status: 200, body: versions.at(-1)!.info, contentType: 'application/json' }
    if (v?.[2]) return { status: 200, body: versions.map(m => `${m.version}\n`).join('') }
    const m = versions.find(x => x.version === unescapeModulePath(v![3]))
    if (!m) return { status: 404, body: `not found: ${module}@${v![3]}: invalid version: unknown revision ${v![3]}` }
    if (v![4] === 'info') return { status: 200, body: m.info, contentType: 'application/json' }
    if (v![4] === 'mod') return { status: 200, body: m.mod }
    return { status: 200, body: m.zip, contentType: 'application/zip' }
  }
}

/** An upstream reached over HTTP (a loopback checksum database, say): `base` + `/` + path. */
export function httpUpstream(base: string): Upstream {
  return path =>
    new Promise(resolve => {
      const req = http.get(`${base.replace(/\/+$/, '')}/${path}`, { timeout: 10_000 }, res => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            body: Buffer.concat(chunks),
            contentType: res.headers['content-type']
          })
        )
        res.on('error', () => resolve('timeout'))
      })
      req.on('timeout', () => req.destroy())
      req.on('error', () => resolve('timeout'))
    })
}

export interface GoproxyEngineOptions {
  /** The upstream the engine fetches from (its GOPROXY). */
  readonly upstream: Upstream
  /** Checksum databases it proxies, by name (host) → upstream for paths below the database root (`latest`). */
  readonly sumdbs?: Readonly<Record<string, Upstream>>
  /** Files already in its cache, by name (`example.com/m/@v/v1.0.0.zip`), as if fetched earlier. */
  readonly cached?: ReadonlyMap<string, Uint8Array>
  /**
   * goproxy.cn's front: zips in its object storage of at least `minSize` bytes (default 10485760, its
   * auto_redirect_min_size) are redirected (302) to `${base}/${name}` — the presigned URL on its CDN's host.
   */
  readonly autoRedirect?: { readonly base: string; readonly minSize?: number }
}

export interface GoproxyEngine {
  readonly url: string
  /** Every request as it arrived: method, path (below the root), status sent. */
  readonly requests: { method: string; path: string; status: number; headers: http.IncomingHttpHeaders }[]
  /** The engine's cache (what a later cache-only request or a failed list/latest falls back to). */
  readonly cache: Map<string, Uint8Array>
  /** How many times the upstream was asked, by path (the engine itself tries up to 10 times). */
  readonly upstreamTries: Map<string, number>
  close(): Promise<void>
}

const NO_STORE = -1
/** `setResponseCacheControlHeader`: -1 no-store, below -1 nothing, else public max-age. */
function cacheControl(maxAge: number): Record<string, string> {
  if (maxAge < -1) return {}
  return { 'Cache-Control': maxAge === NO_STORE ? 'must-revalidate, no-cache, no-store' : `public, max-age=${maxAge}` }
}

/** The errors of http.go, as the engine tells them apart in responseError. */
type FetchError =
  | { kind: 'not-found'; text: string }
  | { kind: 'bad-upstream' }
  | { kind: 'timed-out' }
  | { kind: 'other'; text: string }

const TRIES = 10

/** Starts the engine on 127.0.0.1. */
export async function startGoproxyEngine(options: GoproxyEngineOptions): Promise<GoproxyEngine> {
  const cache = new Map(options.cached ?? [])
  const upstreamTries = new Map<string, number>()
  const requests: GoproxyEngine['requests'] = []
  const sumdbs = options.sumdbs ?? {}

  /** http.go httpGet: the upstream's answer after up to 10 tries, or the error responseError will judge. */
  const fetchUpstream = async (upstream: Upstream, path: string): Promise<Uint8Array | FetchError> => {
    let last: FetchError = { kind: 'bad-upstream' }
    for (let attempt = 0; attempt < TRIES; attempt++) {
      upstreamTries.set(path, (upstreamTries.get(path) ?? 0) + 1)
      const answer = await upstream(path)
      // A deadline ends the whole fetch (the request context is done): no more tries.
      if (answer === 'timeout') return { kind: 'timed-out' }
      const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : Buffer.from(answer.body ?? [])
      if (answer.status === 200) return body
      if (answer.status === 400 || answer.status === 404 || answer.status === 410)
        return { kind: 'not-found', text: body.toString('utf8') }
      if ([429, 500, 502, 503].includes(answer.status)) last = { kind: 'bad-upstream' }
      else if (answer.status === 504) last = { kind: 'timed-out' }
      else return { kind: 'other', text: `GET ${path}: ${answer.status}: ${body.toString('utf8')}` }
    }
    return last
  }

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const entry = { method: req.method ?? 'GET', path: '', status: 0, headers: req.headers }
    requests.push(entry)
    const head = req.method === 'HEAD'
    const text = (status: number, maxAge: number, body: string) => {
      entry.status = status
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...cacheControl(maxAge) })
      res.end(head ? undefined : body)
    }
    /** response.go responseNotFound */
    const notFound = (maxAge: number, message = '') => {
      let msg = message.replace(/^bad request: /, '').replace(/^gone: /, '')
      if (msg !== '' && msg !== 'not found' && !msg.startsWith('not found: ')) msg = `not found: ${msg}`
      text(404, maxAge, msg || 'not found')
    }
    /** response.go responseError */
    const fail = (error: FetchError, cacheSensitive: boolean) => {
      if (error.kind === 'not-found') {
        if (error.text.includes('bad upstream')) return notFound(NO_STORE, 'bad upstream')
        if (error.text.includes('fetch timed out')) return notFound(NO_STORE, 'fetch timed out')
        return notFound(cacheSensitive ? 60 : 600, error.text)
      }
      if (error.kind === 'bad-upstream') return notFound(NO_STORE, 'bad upstream')
      if (error.kind === 'timed-out') return notFound(NO_STORE, 'fetch timed out')
      return text(500, -2, 'internal server error')
    }
    /** responseSuccess → http.ServeContent: ranges honoured, no validators (the fetch result has none). */
    const success = (body: Uint8Array, contentType: string, maxAge: number) => {
      const headers = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes', ...cacheControl(maxAge) }
      const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''))
      if (range && !req.headers['if-range']) {
        const start = Number(range[1])
        const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1
        if (start >= body.length) {
          entry.status = 416
          res.writeHead(416, { 'Content-Range': `bytes */${body.length}` })
          return void res.end()
        }
        entry.status = 206
        res.writeHead(206, {
          ...headers,
          'Content-Range': `bytes ${start}-${end}/${body.length}`,
          'Content-Length': end - start + 1
        })
        return void res.end(head ? undefined : body.subarray(start, end + 1))
      }
      entry.status = 200
      res.writeHead(200, { ...headers, 'Content-Length': body.length })
      res.end(head ? undefined : body)
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 86400, 'method not allowed')
    let name: string
    try {
      name = decodeURIComponent((req.url ?? '/').split('?')[0])
    } catch {
      name = ''
    }
    if (name === '' || !name.startsWith('/') || name.endsWith('/') || name.includes('..')) return notFound(86400)
    name = name.replace(/\/+/g, '/').slice(1)
    entry.path = name

    if (name.startsWith('sumdb/')) {
      const [, db, ...rest] = name.split('/')
      const sub = `/${rest.join('/')}`
      const upstream = sumdbs[db]
      if (!upstream) return notFound(86400)
      if (sub === '/supported') {
        entry.status = 200
        res.writeHead(200, cacheControl(86400))
        return void res.end()
      }
      let type: string
      let maxAge: number
      if (sub === '/latest') [type, maxAge] = ['text/plain; charset=utf-8', 3600]
      else if (sub.startsWith('/lookup/')) [type, maxAge] = ['text/plain; charset=utf-8', 86400]
      else if (sub.startsWith('/tile/')) [type, maxAge] = ['application/octet-stream', 86400]
      else return notFound(86400)
      const got = await fetchUpstream(upstream, sub.slice(1))
      if (got instanceof Uint8Array) {
        cache.set(name, got)
        return success(got, type, maxAge)
      }
      const hit = cache.get(name)
      return hit ? success(hit, type, maxAge) : fail(got, true)
    }

    const op = /^(.+)\/@(?:latest|v\/(?:list|.+\.(info|mod|zip)))$/.exec(name)
    if (!op || unescapeModulePath(op[1]) === undefined) return notFound(86400, `invalid request: ${name}`)
    const ext = op[2]
    const type =
      ext === 'zip'
        ? 'application/zip'
        : ext === 'mod' || !ext
          ? 'text/plain; charset=utf-8'
          : 'application/json; charset=utf-8'
    const listType = name.endsWith('/@latest') ? 'application/json; charset=utf-8' : type

    if (req.headers['disable-module-fetch'] === 'true') {
      const hit = cache.get(name)
      return hit ? success(hit, listType, ext ? 604800 : 60) : notFound(60, 'temporarily unavailable')
    }

    if (ext) {
      // goproxy.cn's front: big zips it holds go to the CDN's object storage.
      const hit = cache.get(name)
      const redirect = options.autoRedirect
      if (hit && ext === 'zip' && redirect && hit.length >= (redirect.minSize ?? 10485760)) {
        entry.status = 302
        res.writeHead(302, { Location: `${redirect.base.replace(/\/+$/, '')}/${name}` })
        return void res.end()
      }
      if (hit) return success(hit, type, 604800)
      const got = await fetchUpstream(options.upstream, name)
      if (!(got instanceof Uint8Array)) return fail(got, false)
      cache.set(name, got)
      return success(got, type, 604800)
    }
    const got = await fetchUpstream(options.upstream, name)
    if (got instanceof Uint8Array) {
      cache.set(name, got)
      return success(got, listType, 60)
    }
    const hit = cache.get(name)
    return hit ? success(hit, listType, 60) : fail(got, true)
  }

  const sockets = new Set<net.Socket>()
  const server = http.createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(`emulator error: ${String(error)}`)
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`
  return {
    url,
    requests,
    cache,
    upstreamTries,
    close: () => {
      const closed = new Promise<void>(resolve => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      return closed
    }
  }
}
