/**
 * GitHub's Actions cache, on loopback, for the real `@actions/cache` library:
 *
 * - the blobs live in **Azurite** (Microsoft's Azure Storage emulator, the `azurite` devDependency), started here on a
 *   loopback port and stopped by `close()`: the library uploads with the real Azure SDK and downloads the signed URL
 *   exactly as it does on GitHub;
 * - the cache-service API in front of it (Twirp, `github.actions.results.api.v1.CacheService`, what @actions/cache 6
 *   speaks when the runner sets ACTIONS_CACHE_SERVICE_V2) exists **only on GitHub**: this file stands in for it with a
 *   small server that keeps GitHub's documented rules — an entry is a (key, version) pair written once; a lookup takes
 *   the exact key first, then each restore key as a prefix, newest entry first; a key that already exists cannot be
 *   reserved again.
 *
 * `hang` makes the service accept connections and never answer (what a stalled cache service does); `refuse` is a
 * closed port. Every request is logged for the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createNetServer, type Socket } from 'node:net'
import { join } from 'node:path'
import {
  BlobSASPermissions,
  BlobServiceClient,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential
} from '@azure/storage-blob'
import { tempDir } from './go.js'

/** Azurite's well-known development account (published in Azurite's README; it protects nothing). */
const ACCOUNT = 'devstoreaccount1'
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
const CONTAINER = 'actions-cache'
const SERVICE = 'github.actions.results.api.v1.CacheService'

/** A free loopback port (bound once, released): Azurite takes a port number, not 0. */
export async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

export interface Azurite {
  readonly url: string
  readonly blobs: BlobServiceClient
  close(): Promise<void>
}

/** Starts azurite-blob on a loopback port, its storage in a temp dir; resolves once it answers. */
export async function startAzurite(): Promise<Azurite> {
  const port = await freePort()
  const bin = join(process.cwd(), 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js')
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      tempDir('azurite-'),
      '--silent',
      '--skipApiVersionCheck',
      '--loose',
      '--disableTelemetry'
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://127.0.0.1:${port}/${ACCOUNT}`
  const blobs = new BlobServiceClient(url, new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY))
  const container = blobs.getContainerClient(CONTAINER)
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      await container.createIfNotExists()
      break
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL')
        throw new Error(`Azurite did not start on port ${port}: ${String(error)}\n${output}`, { cause: error })
      }
      await new Promise(resolve => setTimeout(resolve, 200))
    }
  }
  return {
    url,
    blobs,
    close: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise(resolve => child.once('exit', resolve))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5000))])
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }
}

export interface CacheEntry {
  readonly key: string
  readonly version: string
  readonly blob: string
  readonly created: number
  sizeBytes: number
  finalized: boolean
}

export interface CacheServiceRequest {
  readonly method: string
  readonly body: Record<string, unknown>
  /** How many (slow) downloads had been served when this request arrived: the order of requests and downloads. */
  readonly downloadsServedBefore: number
  /** How many lookups had been answered when this request arrived: the order of lookups. */
  readonly lookupsAnsweredBefore: number
  /** Date.now() when it arrived (to order it against other servers' requests). */
  readonly time: number
}

export interface CacheService {
  /** ACTIONS_RESULTS_URL for the action (with a trailing slash, as the runner gives it). */
  readonly url: string
  /**
   * When set, downloads go through this server, which holds each one this long before it streams the blob from
   * Azurite (a download slower than the restore deadline).
   */
  slowDownloadMs: number
  /** When set, each lookup (GetCacheEntryDownloadURL) is answered this long after it arrived. */
  slowLookupMs: number
  /** Downloads that reached the end of the blob (slow downloads only). */
  readonly downloadsServed: number
  readonly requests: CacheServiceRequest[]
  readonly entries: CacheEntry[]
  /** The environment a job on GitHub has for the cache: service v2, its URL and a runtime token. */
  env(): Record<string, string>
  close(): Promise<void>
}

export interface CacheServiceOptions {
  /** Accept connections, read the request, never answer. */
  readonly hang?: boolean
}

/** A URL to `blob` in Azurite's cache container, signed for `permissions` (`r`, `cw`) for an hour. */
export function signedBlobUrl(azurite: Azurite, blob: string, permissions: string): string {
  const sas = generateBlobSASQueryParameters(
    {
      containerName: CONTAINER,
      blobName: blob,
      permissions: BlobSASPermissions.parse(permissions),
      expiresOn: new Date(Date.now() + 3600_000)
    },
    new StorageSharedKeyCredential(ACCOUNT, ACCOUNT_KEY)
  ).toString()
  return `${azurite.url}/${CONTAINER}/${blob}?${sas}`
}

/**
 * Services started in this process so far: each names its blobs after its own number, so that several services on
 * one Azurite (the benchmark's action and setup-go sides) never write or read each other's blobs.
 */
let servicesStarted = 0

/** A blob name no other service on the same Azurite uses: `<prefix><service number>-<entry number>`. */
export function serviceBlobNamer(prefix: string): () => string {
  const service = ++servicesStarted
  let serial = 0
  return () => `${prefix}${service}-${++serial}`
}

/** The loopback stand-in for GitHub's cache service (Twirp JSON), storing blobs in `azurite`. */
export async function startCacheService(azurite: Azurite, options: CacheServiceOptions = {}): Promise<CacheService> {
  const entries: CacheEntry[] = []
  const requests: CacheServiceRequest[] = []
  const signed = (blob: string, permissions: string): string => signedBlobUrl(azurite, blob, permissions)
  let serial = 0
  const blobName = serviceBlobNamer('entry-')
  const served = { count: 0 }
  const lookups = { answered: 0 }
  const sockets = new Set<Socket>()
  const service: CacheService & { url: string } = {
    url: '',
    slowDownloadMs: 0,
    slowLookupMs: 0,
    get downloadsServed() {
      return served.count
    },
    requests,
    entries,
    env: () => cacheEnv(service.url),
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }

  const handlers: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
    CreateCacheEntry: body => {
      const key = String(body.key)
      const version = String(body.version)
      if (entries.some(e => e.key === key && e.version === version)) {
        return { ok: false, message: `cache entry with key ${key} already exists` }
      }
      const blob = blobName()
      entries.push({ key, version, blob, created: ++serial, sizeBytes: 0, finalized: false })
      return { ok: true, signed_upload_url: signed(blob, 'cw') }
    },
    FinalizeCacheEntryUpload: body => {
      const entry = entries.find(e => e.key === body.key && e.version === body.version && !e.finalized)
      if (!entry) return { ok: false, message: 'no reserved entry to finalize' }
      entry.finalized = true
      entry.sizeBytes = Number(body.size_bytes)
      return { ok: true, entry_id: String(entry.created) }
    },
    GetCacheEntryDownloadURL: body => {
      const version = String(body.version)
      const usable = entries.filter(e => e.finalized && e.version === version).sort((a, b) => b.created - a.created)
      const exact = usable.find(e => e.key === body.key)
      const restoreKeys = (body.restore_keys as string[] | undefined) ?? []
      const match = exact ?? restoreKeys.map(prefix => usable.find(e => e.key.startsWith(prefix))).find(e => e)
      if (!match) return { ok: false }
      const url = service.slowDownloadMs > 0 ? `${service.url}slow-blob/${match.blob}` : signed(match.blob, 'r')
      return { ok: true, signed_download_url: url, matched_key: match.key }
    }
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url?.startsWith('/slow-blob/')) {
      const blob = azurite.blobs.getContainerClient(CONTAINER).getBlobClient(req.url.slice('/slow-blob/'.length))
      setTimeout(() => {
        blob.downloadToBuffer().then(
          bytes => {
            res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length })
            res.end(bytes, () => (served.count += 1))
          },
          () => {
            res.writeHead(404)
            res.end()
          }
        )
      }, service.slowDownloadMs)
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const method = (req.url ?? '').replace(`/twirp/${SERVICE}/`, '')
      let body: Record<string, unknown> = {}
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
      } catch {
        // An unreadable body is answered below as a bad request.
      }
      requests.push({
        method,
        body,
        downloadsServedBefore: served.count,
        lookupsAnsweredBefore: lookups.answered,
        time: Date.now()
      })
      if (options.hang) return
      const handler = handlers[method]
      if (!handler || req.method !== 'POST' || !String(req.headers.authorization).startsWith('Bearer ')) {
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ code: 'bad_route', msg: `no such method ${method}` }))
        return
      }
      const answer = () => {
        if (method === 'GetCacheEntryDownloadURL') lookups.answered += 1
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(handler(body)))
      }
      if (method === 'GetCacheEntryDownloadURL' && service.slowLookupMs > 0) setTimeout(answer, service.slowLookupMs)
      else answer()
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const url = `http://127.0.0.1:${port}/`
  service.url = url
  return service
}

/**
 * What the runner gives a job for the cache (service v2): the results URL and a runtime token. NO_PROXY keeps the
 * loopback blob and service requests off the dead HTTP(S)_PROXY that goTestEnv sets to stop go reaching outside (go
 * never proxies loopback; Azure's SDK and @actions/http-client do unless told).
 */
export function cacheEnv(resultsUrl: string): Record<string, string> {
  return {
    ACTIONS_CACHE_SERVICE_V2: 'true',
    ACTIONS_RESULTS_URL: resultsUrl,
    ACTIONS_RUNTIME_TOKEN: 'test-runtime-token',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost'
  }
}
