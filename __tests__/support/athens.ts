/**
 * A loopback server that answers as Athens (github.com/gomods/athens) does, from its sources (read, not copied):
 * - pkg/download/handler.go `RegisterHandlers` (gorilla/mux routes): list (any method) and latest (GET) with
 *   `Cache-Control: no-cache, no-store, must-revalidate`; `.info` and `.mod` **GET only** and `.zip` GET and HEAD —
 *   another method on a route that exists is mux's 405 with an empty body; a path no route matches is net/http's
 *   404 "404 page not found".
 * - pkg/download/version_info.go, version_module.go, version_zip.go: an error is a bare status with an **empty
 *   body** (404, 400, 429, 500, 504 from pkg/errors' kinds); in the redirect download modes (pkg/download/mode) a
 *   module it does not hold answers **301** (errors.KindRedirect) to the upstream URL + the request path
 *   (`getRedirectURL`, `http.Redirect`). The zip carries Content-Length and no body for HEAD.
 * - pkg/download/list.go: an error is its status with the body `not found: <error>`.
 * - cmd/proxy/actions/app_proxy.go + sumdb.go: per configured checksum database, `/sumdb/<host>/supported` is 200
 *   with an empty body and `/sumdb/<host>/…` a reverse proxy to the database, except `/lookup/<path>@<version>`
 *   matching one of its NoSumPatterns (pkg/paths `MatchesPattern`: path.Match on as many leading elements as the
 *   pattern has), which is **403** with an empty body.
 */
import http from 'node:http'
import type net from 'node:net'
import type { TestModule } from './modules.js'
import { unescapeModulePath } from './modules.js'

export interface AthensOptions {
  /** What its storage holds (served directly). */
  readonly modules: readonly TestModule[]
  /**
   * For a module version it does not hold: `redirect` answers 301 to `downloadUrl` (the redirect download modes),
   * a number answers that bare status (404 by default, as after a failed `go mod download` upstream).
   */
  readonly missing?: 'redirect' | number
  /** The upstream of the redirect modes (DownloadURL), e.g. another loopback proxy. */
  readonly downloadUrl?: string
  /** A status (429, 500, 504…) for every download request, empty-bodied, as when its storage or upstream fails. */
  readonly failWith?: number
  /** Checksum databases it proxies: host → the database's base URL. */
  readonly sumdbs?: Readonly<Record<string, string>>
  /** NoSumPatterns: checksum lookups for matching modules answer 403. */
  readonly noSumPatterns?: readonly string[]
}

export interface Athens {
  readonly url: string
  readonly requests: { method: string; path: string; status: number }[]
  close(): Promise<void>
}

/** pkg/paths MatchesPattern: path.Match of `pattern` against as many leading elements of `target` as it has. */
export function athensMatchesPattern(pattern: string, target: string): boolean {
  const n = pattern.split('/').length
  const prefix = target.split('/').slice(0, n)
  if (prefix.length < n) return false
  const glob = new RegExp(
    `^${pattern
      .split('')
      .map(c => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`
  )
  return glob.test(prefix.join('/'))
}

const NO_CACHE = { 'Cache-Control': 'no-cache, no-store, must-revalidate' }

/** Starts the Athens emulator on 127.0.0.1. */
export async function startAthens(options: AthensOptions): Promise<Athens> {
  const requests: Athens['requests'] = []
  const handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]
    const entry = { method: req.method ?? 'GET', path, status: 0 }
    requests.push(entry)
    const send = (status: number, headers: http.OutgoingHttpHeaders = {}, body?: string | Uint8Array) => {
      entry.status = status
      res.writeHead(status, headers)
      res.end(req.method === 'HEAD' ? undefined : body)
    }

    const sumdb = /^\/sumdb\/([^/]+)(\/.*)$/.exec(path)
    if (sumdb && options.sumdbs?.[sumdb[1]]) {
      const sub = sumdb[2]
      if (sub === '/supported') return send(200)
      if (sub.startsWith('/lookup/')) {
        const target = decodeURIComponent(sub.slice('/lookup/'.length))
        if ((options.noSumPatterns ?? []).some(p => athensMatchesPattern(p, target))) return send(403)
      }
      return reverseProxy(`${options.sumdbs[sumdb[1]].replace(/\/+$/, '')}${sub}`, req, res, entry)
    }

    const route = /^\/(.+)\/@(?:(latest)|v\/(?:(list)|(.+)\.(info|mod|zip)))$/.exec(path)
    if (!route) return send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, '404 page not found\n')
    const [, escaped, latest, list, escapedVersion, ext] = route
    const allowed = list ? undefined : latest || ext !== 'zip' ? ['GET'] : ['GET', 'HEAD']
    if (allowed && !allowed.includes(req.method ?? 'GET')) return send(405)
    const module = unescapeModulePath(escaped)
    const versions = options.modules.filter(m => m.path === module)

    if (list) {
      if (options.failWith) return send(options.failWith, { ...NO_CACHE }, `not found: ${module}: unexpected error`)
      return send(
        200,
        { ...NO_CACHE, 'Content-Type': 'application/json; charset=utf-8' },
        versions.map(m => m.version).join('\n')
      )
    }
    if (latest) {
      if (options.failWith || versions.length === 0) return send(options.failWith ?? 404, NO_CACHE)
      return send(200, { ...NO_CACHE, 'Content-Type': 'text/plain; charset=utf-8' }, `${versions.at(-1)!.info}\n`)
    }
    const type =
      ext === 'info' ? 'application/json; charset=utf-8' : ext === 'mod' ? 'text/plain; charset=utf-8' : undefined
    const typed = type ? { 'Content-Type': type } : {}
    if (options.failWith) return send(options.failWith, typed)
    const version = unescapeModulePath(escapedVersion)
    const m = versions.find(x => x.version === version)
    if (!m) {
      if (options.missing === 'redirect' && options.downloadUrl) {
        const location = `${options.downloadUrl.replace(/\/+$/, '')}${path}`
        // http.Redirect: a short HTML body for GET.
        return send(301, { ...typed, Location: location }, `<a href="${location}">Moved Permanently</a>.\n\n`)
      }
      return send(typeof options.missing === 'number' ? options.missing : 404, typed)
    }
    if (ext === 'info') return send(200, typed, m.info)
    if (ext === 'mod') return send(200, typed, m.mod)
    return send(200, { 'Content-Type': 'application/zip', 'Content-Length': m.zip.length }, m.zip)
  }

  const sockets = new Set<net.Socket>()
  const server = http.createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500)
      res.end(String(error))
    })
  })
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

/** httputil.ReverseProxy, reduced to what a checksum database needs: method, status, type and body relayed. */
function reverseProxy(
  target: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  entry: { status: number }
): void {
  const out = http.request(target, { method: req.method, timeout: 10_000 }, up => {
    entry.status = up.statusCode ?? 502
    res.writeHead(entry.status, { 'Content-Type': up.headers['content-type'] ?? 'application/octet-stream' })
    up.pipe(res)
  })
  out.on('timeout', () => out.destroy(new Error('timeout')))
  // ReverseProxy's default ErrorHandler: 502 with an empty body.
  out.on('error', () => {
    if (res.headersSent) return void res.destroy()
    entry.status = 502
    res.writeHead(502)
    res.end()
  })
  out.end()
}
