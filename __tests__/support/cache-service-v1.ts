/**
 * GitHub's older cache protocol (v1: the REST `_apis/artifactcache` API), on loopback, for the real `@actions/cache`
 * library when the runner does not set ACTIONS_CACHE_SERVICE_V2 (GitHub Enterprise Server, older runners). The API
 * exists **only on GitHub**: this stands in for it, keeping the rules the library relies on —
 *
 * - `GET cache?keys=k1,k2&version=V`: 200 `{cacheKey, archiveLocation}` for the exact first key, else the newest
 *   entry under each further key as a prefix; 204 for none;
 * - `POST caches {key, version, cacheSize}`: 201 `{cacheId}`; a (key, version) already taken is 409 (the library's
 *   "another job may be creating this cache");
 * - `PATCH caches/<id>` with `Content-Range: bytes a-b/*`: one chunk of the archive; `POST caches/<id> {size}`
 *   commits it once every byte arrived and the size matches.
 *
 * A committed archive is put into **Azurite** (the real blob store the other tests use), and `archiveLocation` is a
 * signed URL to it, as on GitHub, where it points at Azure storage.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Azurite, CacheEntry } from './cache-service.js'
import { serviceBlobNamer, signedBlobUrl } from './cache-service.js'

export interface CacheServiceV1 {
  /** ACTIONS_CACHE_URL (with a trailing slash, as the runner gives it). */
  readonly url: string
  /** Each request as `METHOD resource` (`GET cache`, `POST caches`, `PATCH caches/1`). */
  readonly requests: string[]
  readonly entries: CacheEntry[]
  /** The environment a job with the v1 cache service has: its URL and a runtime token, no v2 switch. */
  env(): Record<string, string>
  close(): Promise<void>
}

interface Reserved {
  readonly id: number
  readonly key: string
  readonly version: string
  readonly chunks: Map<number, Buffer>
  committed: boolean
}

export async function startCacheServiceV1(azurite: Azurite): Promise<CacheServiceV1> {
  const entries: CacheEntry[] = []
  const requests: string[] = []
  const reserved = new Map<number, Reserved>()
  let serial = 0
  const blobName = serviceBlobNamer('v1-entry-')

  const json = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(body === undefined ? '' : JSON.stringify(body))
  }

  function lookup(res: ServerResponse, query: URLSearchParams): void {
    const keys = (query.get('keys') ?? '').split(',')
    const version = query.get('version') ?? ''
    const usable = entries.filter(e => e.finalized && e.version === version).sort((a, b) => b.created - a.created)
    const match =
      usable.find(e => e.key === keys[0]) ?? keys.map(prefix => usable.find(e => e.key.startsWith(prefix))).find(e => e)
    if (!match) return json(res, 204)
    json(res, 200, {
      cacheKey: match.key,
      scope: 'refs/heads/main',
      creationTime: new Date().toISOString(),
      archiveLocation: signedBlobUrl(azurite, match.blob, 'r')
    })
  }

  function reserve(res: ServerResponse, body: Record<string, unknown>): void {
    const key = String(body.key)
    const version = String(body.version)
    const taken = entries.some(e => e.key === key && e.version === version)
    const pending = [...reserved.values()].some(r => r.key === key && r.version === version && !r.committed)
    if (taken || pending) {
      return json(res, 409, {
        message: `Cache already exists. Scope: refs/heads/main, Key: ${key}, Version: ${version}`
      })
    }
    const id = ++serial
    reserved.set(id, { id, key, version, chunks: new Map(), committed: false })
    json(res, 201, { cacheId: id })
  }

  function chunk(res: ServerResponse, id: number, range: string | undefined, bytes: Buffer): void {
    const entry = reserved.get(id)
    const m = /^bytes (\d+)-(\d+)\/\*$/.exec(range ?? '')
    if (!entry || entry.committed || !m || Number(m[2]) - Number(m[1]) + 1 !== bytes.length) return json(res, 400)
    entry.chunks.set(Number(m[1]), bytes)
    json(res, 204)
  }

  async function commit(res: ServerResponse, id: number, body: Record<string, unknown>): Promise<void> {
    const entry = reserved.get(id)
    if (!entry || entry.committed) return json(res, 400, { message: 'no reserved cache to commit' })
    const parts = [...entry.chunks.entries()].sort((a, b) => a[0] - b[0])
    let offset = 0
    for (const [start, bytes] of parts) {
      if (start !== offset) return json(res, 400, { message: `a chunk is missing at byte ${offset}` })
      offset += bytes.length
    }
    if (offset !== Number(body.size)) return json(res, 400, { message: `size ${String(body.size)}, got ${offset}` })
    const blob = blobName()
    const archive = Buffer.concat(parts.map(p => p[1]))
    await azurite.blobs.getContainerClient('actions-cache').getBlockBlobClient(blob).uploadData(archive)
    entry.committed = true
    entries.push({ key: entry.key, version: entry.version, blob, created: id, sizeBytes: offset, finalized: true })
    json(res, 204)
  }

  const sockets = new Set<Socket>()
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in')
      const resource = url.pathname.replace(/^\/_apis\/artifactcache\//, '')
      requests.push(`${req.method} ${resource}`)
      if (!String(req.headers.authorization).startsWith('Bearer ')) return json(res, 401)
      const bytes = Buffer.concat(chunks)
      const body = (): Record<string, unknown> => JSON.parse(bytes.toString('utf8') || '{}') as Record<string, unknown>
      const id = /^caches\/(\d+)$/.exec(resource)
      try {
        if (req.method === 'GET' && resource === 'cache') return lookup(res, url.searchParams)
        if (req.method === 'POST' && resource === 'caches') return reserve(res, body())
        if (req.method === 'PATCH' && id) return chunk(res, Number(id[1]), req.headers['content-range'], bytes)
        if (req.method === 'POST' && id) {
          commit(res, Number(id[1]), body()).catch(() => json(res, 500))
          return
        }
        json(res, 404, { message: `no such resource ${req.method} ${resource}` })
      } catch {
        json(res, 400)
      }
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const url = `http://127.0.0.1:${port}/`
  return {
    url,
    requests,
    entries,
    env: () => cacheEnvV1(url),
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

/**
 * What a runner with the v1 cache service gives a job: ACTIONS_CACHE_URL and a runtime token, and no
 * ACTIONS_CACHE_SERVICE_V2 / ACTIONS_RESULTS_URL (set empty here, so a value from the test's own environment cannot
 * switch the library to v2). NO_PROXY as in cacheEnv.
 */
export function cacheEnvV1(cacheUrl: string): Record<string, string> {
  return {
    ACTIONS_CACHE_SERVICE_V2: '',
    ACTIONS_RESULTS_URL: '',
    ACTIONS_CACHE_URL: cacheUrl,
    ACTIONS_RUNTIME_TOKEN: 'test-runtime-token',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost'
  }
}
