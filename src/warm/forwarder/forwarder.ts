/**
 * The warm phase's loopback forwarder. The go command has no response timeout and retries
 * nothing, so during the warm phase it talks to this server (GOPROXY=http://127.0.0.1:PORT/TOKEN
 * plus the chain's terminal keyword) and the forwarder walks the verified chain for every
 * request the way Go would — `,` falls through on 404/410 only, `|` on any error — adding
 * what Go lacks: a deadline for the first byte and for every gap between chunks, retries
 * with backoff and jitter for transient faults, and a health record per proxy that drops a
 * stalling or failing `|` proxy for the rest of the phase.
 *
 * Bodies pass through unchanged and are never cached: the go command still checks every
 * byte against go.sum and the checksum database. A body is buffered before it is answered
 * (so a transfer that breaks off can be retried), except a 200 answer larger than
 * `bufferLimit`, which is streamed and, if it breaks off, cut off cleanly (go reports an
 * unexpected EOF, which the warm phase retries).
 *
 * Checksum database traffic (`/sumdb/<name>/...`): `supported` walks the chain like Go;
 * the first proxy answering 200 serves every later request for that database, and when
 * none does the forwarder forwards to the database itself (`sumdb.url`, where Go would have
 * gone) with the same timeouts and retries. Go verifies the signed tree either way.
 *
 * This module is the forwarder's public face and wires its parts together:
 *   types.ts   options, the running forwarder, per-proxy health, internal shapes
 *   server.ts  the loopback HTTP server, request routing, writing answers
 *   walk.ts    walking the chain with Go's `,`/`|` semantics, tries and backoff
 *   sumdb.ts   checksum database routing
 *   health.ts  upstreams, health bookkeeping, circuit breaker, dropping `|` proxies
 *   judgement.ts judging one answer and wording failures for the go command
 *   paths.ts   wire paths: joining, safety, module path decoding
 *   store.ts   prefetched answers keyed by request path, single flight with go's requests
 *   prefetch.ts fetching the plan ahead of go, bounded concurrency, through the same walk
 *
 * Prefetch (options.prefetch, then `prefetch(paths)`): the warm phase hands over the paths
 * `go mod download` will ask for; the prefetcher walks the chain for them ahead of go and the
 * request handler answers go from the store. Bodies still pass through unchanged: go verifies
 * each one as if it came from the proxy, and the module cache is written only by go.
 */
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { pipeline } from 'node:stream/promises'
import { credentialsFor } from '../../auth/secrets.js'
import { matchesPrefixPatterns } from '../../go/env/patterns.js'
import { escapeModulePath } from '../../go/module/path.js'
import { createHttpClient, type HttpClient } from '../../net/http.js'
import { trustedCertificates } from '../../net/trust.js'
import { makeUpstream } from './health.js'
import { handleRequest, listenLoopback, type RequestContext } from './server.js'
import { createSumdbHandler } from './sumdb.js'
import { LAYER_DIR_PREFIX, type Activity, type Forwarder, type ForwarderOptions, type Upstream } from './types.js'
import { repeatedDebug } from './repeats.js'
import { sourceLedger } from './sources.js'
import { walkChain, type WalkContext } from './walk.js'
import { decodeModule, safePath, wirePath } from './paths.js'
import { createPrefetcher } from './prefetch.js'
import { PrefetchStore, type FetchedAnswer, type StoreStats } from './store.js'
import { createSumCheck } from './verify.js'

export type { Forwarder, ForwarderOptions, PrefetchOptions, ProxyHealth } from './types.js'
export type { StoreStats } from './store.js'

const DEFAULT_BUFFER_LIMIT = 128 * 1024 * 1024
/** Prefetched bodies held in memory at most; the rest is spooled to disk. */
export const DEFAULT_PREFETCH_MEMORY_BUDGET = 256 * 1024 * 1024
/** A prefetched body above this goes to a spool file (a few big zips must not take the budget from many small ones). */
export const DEFAULT_SPOOL_THRESHOLD = 4 * 1024 * 1024
/** Connections per upstream origin beyond the prefetch's own, kept for go's requests (the client's own default). */
const CONNECTIONS_FOR_GO = 32

/**
 * The prefetch's parts, when options.prefetch asks for one: the file:// layer go reads prefetched files from without a
 * request (store.ts), made beside the spool directory (a spooled zip is renamed into it: the same file system), the
 * store of prefetched bodies, and the prefetcher that fills it on `walk`'s chain.
 */
async function startPrefetch(
  options: ForwarderOptions,
  walk: WalkContext
): Promise<{ layerDir?: string; store?: PrefetchStore; prefetcher?: ReturnType<typeof createPrefetcher> }> {
  const prefetch = options.prefetch
  if (!prefetch) return {}
  const layerDir =
    prefetch.fileLayer !== false ? await mkdtemp(join(prefetch.spoolParent ?? tmpdir(), LAYER_DIR_PREFIX)) : undefined
  const store = new PrefetchStore({
    memoryBudget: prefetch.memoryBudget ?? DEFAULT_PREFETCH_MEMORY_BUDGET,
    spoolThreshold: prefetch.spoolThreshold ?? DEFAULT_SPOOL_THRESHOLD,
    ...(prefetch.spoolParent ? { spoolParent: prefetch.spoolParent } : {}),
    ...(layerDir ? { layerDir } : {}),
    ...(prefetch.removeLayerLater ? { removeLayerLater: prefetch.removeLayerLater } : {})
  })
  // The prefetch walks like go's requests, but streams a body past the spool threshold into a file, and its traffic
  // is not go's progress: the watchdog must still see a go that hangs elsewhere (a silent checksum database).
  const prefetchWalk: WalkContext = {
    ...walk,
    bufferLimit: prefetch.spoolThreshold ?? DEFAULT_SPOOL_THRESHOLD,
    touch: () => undefined
  }
  const prefetcher = createPrefetcher({
    store,
    concurrency: prefetch.concurrency,
    fetch: (path, signal) => prefetchOne(prefetchWalk, store, path, signal),
    log: options.log
  })
  return { ...(layerDir ? { layerDir } : {}), store, prefetcher }
}

/**
 * One client for every upstream: keep-alive pools per origin, the same trust as the probe for all https
 * (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS: behind a TLS-inspecting proxy the probe would pass and every warm request fail
 * otherwise), and the environment's HTTP proxy (HTTPS_PROXY, NO_PROXY) chosen per request as the go command chooses it.
 */
function upstreamClient(options: ForwarderOptions): HttpClient {
  const ca = trustedCertificates(options.ca)
  return createHttpClient({
    ...(ca ? { ca } : {}),
    env: options.env ?? {},
    connectTimeoutMs: options.requestTimeoutMs,
    connectionsPerOrigin: (options.prefetch?.concurrency ?? 0) + CONNECTIONS_FOR_GO,
    userAgent: 'setup-goproxy (warm phase)'
  })
}

/**
 * The GOPROXY go is given: the forwarder at `url`, then the chain's terminal (`direct`/`off`) after the last proxy's
 * separator, behind the file:// layer when there is one — with `,`: only a missing file falls through to the
 * forwarder (as a 404 would); any other error reading it would stop go, as a proxy's error before `,` does.
 */
function goproxyThrough(url: string, chain: ForwarderOptions['chain'], layerUrl: string | undefined): string {
  const lastEntry = chain.proxies[chain.proxies.length - 1]
  const forwarded = chain.terminal && lastEntry ? `${url}${lastEntry.separator}${chain.terminal}` : url
  return layerUrl ? `${layerUrl},${forwarded}` : forwarded
}

/** What the forwarder has done so far, for the warm phase's progress line. */
function progressOf(activity: Activity): ReturnType<Forwarder['progress']> {
  return {
    zips: activity.zips,
    requests: activity.requests,
    ...(activity.current ? { current: activity.current } : {})
  }
}

/** The chain without the proxies found dead while warming (their health says dropped). */
function chainLeft(chain: ForwarderOptions['chain'], upstreams: readonly Upstream[]): ReturnType<Forwarder['chain']> {
  return {
    proxies: upstreams.filter(u => !u.health.dropped).map(u => u.entry),
    ...(chain.terminal ? { terminal: chain.terminal } : {})
  }
}

/** The walk's settings from the options, with their defaults. */
function walkSettings(
  options: ForwarderOptions
): Pick<WalkContext, 'attempts' | 'backoffMs' | 'bufferLimit' | 'requestTimeoutMs'> {
  return {
    attempts: Math.max(1, options.attemptsPerRequest ?? 5),
    backoffMs: options.backoffMs ?? 50,
    bufferLimit: options.bufferLimit ?? DEFAULT_BUFFER_LIMIT,
    requestTimeoutMs: options.requestTimeoutMs
  }
}

/**
 * Whether a path the plan gave may be prefetched. The plan leaves GONOPROXY modules out already; this keeps a private
 * path off the proxies whatever it is given, and a path that could leave a proxy's directory (`..`) off the wire, as
 * for go's own requests.
 */
function mayPrefetch(path: string, gonoproxy: ForwarderOptions['gonoproxy']): boolean {
  const module = decodeModule(path.replace(/\/@(?:v\/.*|latest)$/, ''))
  return module !== undefined && safePath(wirePath(path)) && !matchesPrefixPatterns(gonoproxy, module)
}

/** Starts the forwarder on 127.0.0.1 (random port). Close it when the warm phase ends. */
export async function startForwarder(options: ForwarderOptions): Promise<Forwarder> {
  const token = randomBytes(12).toString('hex')
  const { chain, log } = options
  const client = upstreamClient(options)
  const netrc = options.netrc ?? []
  // One lookup for the first request and for redirects, as the go command looks every URL up the same way.
  const lookup = (url: string) => options.credentialsFor?.(url) ?? credentialsFor(netrc, url)
  const upstreams: Upstream[] = chain.proxies.map((entry, i) => makeUpstream(entry, i, chain, lookup))
  const controllers = new Set<AbortController>()
  const activity: Activity = { inFlight: 0, lastActivity: Date.now(), zips: 0, requests: 0, current: undefined }
  const touch = () => {
    activity.lastActivity = Date.now()
  }

  // Mirrors that disagree: a module file from a `|` proxy is compared with go.sum before go gets it (verify.ts).
  const sums = options.recorded ? createSumCheck(options.recorded, log, options.prefetch?.spoolParent) : undefined
  const walk: WalkContext = {
    ...(sums ? { sums } : {}),
    ...walkSettings(options),
    chain,
    upstreams,
    client,
    credentialsFor: lookup,
    touch,
    log,
    retryLines: repeatedDebug(log),
    sources: sourceLedger()
  }
  const { layerDir, store, prefetcher } = await startPrefetch(options, walk)
  let storeStats: StoreStats | undefined

  const requests: RequestContext = {
    ...(store ? { store } : {}),
    token,
    gonoproxy: options.gonoproxy,
    log,
    activity,
    touch,
    controllers,
    walkChain: (path, kind, signal) => walkChain(walk, path, kind, signal),
    handleSumdb: createSumdbHandler(walk, { sumdb: options.sumdb, gonosumdb: options.gonosumdb, log })
  }
  const server = await listenLoopback((req, res) => handleRequest(requests, req, res), log).catch(
    async (error: unknown) => {
      if (layerDir) await rm(layerDir, { recursive: true, force: true })
      throw error
    }
  )
  const url = `http://127.0.0.1:${server.port}/${token}`
  const layerUrl = layerDir ? pathToFileURL(layerDir).href : undefined
  const goproxy = goproxyThrough(url, chain, layerUrl)

  return {
    url,
    goproxy,
    ...(layerUrl ? { layerUrl } : {}),
    inFlight: () => activity.inFlight,
    lastActivity: () => activity.lastActivity,
    progress: () => progressOf(activity),
    health: () => upstreams.map(u => u.health),
    sources: walk.sources,
    sumdbKnows: (module, version) => sumdbKnows(requests, options.sumdb, module, version),
    prefetch: paths => {
      if (!store || !prefetcher) return
      store.enqueue(paths.filter(path => mayPrefetch(path, options.gonoproxy)))
      prefetcher.kick()
    },
    prefetchStats: () => storeStats ?? store?.stats,
    chain: () => chainLeft(chain, upstreams),
    close: async usedByGo => {
      prefetcher?.stop()
      for (const c of controllers) c.abort()
      await prefetcher?.idle()
      if (store) storeStats = await store.close(usedByGo)
      const closed = server.close()
      await client.close()
      await closed
      walk.retryLines.flush()
      await sums?.close()
    }
  }
}

/**
 * Whether the checksum database knows `module@version`: a lookup through the forwarder's own database route (the
 * one go's lookups take), aborted with the forwarder. Undefined when GOSUMDB is off or the answer is not clear.
 */
async function sumdbKnows(
  requests: RequestContext,
  sumdb: ForwarderOptions['sumdb'],
  module: string,
  version: string
): Promise<boolean | undefined> {
  if (sumdb.kind !== 'db') return undefined
  const request = `${sumdb.name}/lookup/${escapeModulePath(module)}@${escapeModulePath(version)}`
  const controller = new AbortController()
  requests.controllers.add(controller)
  try {
    const answer = await requests.handleSumdb(request, controller.signal)
    if ('type' in answer) {
      if (answer.type === 'stream') answer.rest.destroy()
      return answer.type === 'network' ? undefined : answer.status === 200
    }
    return answer.notFound ? false : undefined
  } catch {
    return undefined
  } finally {
    requests.controllers.delete(controller)
  }
}

/**
 * One prefetch: the chain walk for `path` (given as the plan names it, `!`-encoded), turned into something to
 * store: a 200 body (in memory, or streamed into a spool file past the threshold), or the walk's final
 * not-found. Anything else — a proxy error, a timeout, a cut transfer — is a failed prefetch: undefined.
 */
async function prefetchOne(
  walk: WalkContext,
  store: PrefetchStore,
  path: string,
  signal: AbortSignal
): Promise<FetchedAnswer | undefined> {
  const kind = path.endsWith('.zip') ? 'zip' : 'small'
  const answer = await walkChain(walk, wirePath(path), kind, signal, true)
  if (signal.aborted) {
    if ('type' in answer && answer.type === 'file') await rm(answer.file, { force: true })
    return undefined
  }
  if (!('type' in answer)) return answer.notFound ? { kind: 'not-found', outcome: answer } : undefined
  if (answer.type === 'network') return undefined
  // Spooled while it was compared with go.sum (verify.ts): the store takes the file over.
  if (answer.type === 'file') {
    if (answer.status === 200)
      return { kind: 'file', contentType: answer.contentType, file: answer.file, bytes: answer.bytes }
    await rm(answer.file, { force: true })
    return undefined
  }
  if (answer.type === 'complete') {
    return answer.status === 200 ? { kind: 'memory', contentType: answer.contentType, body: answer.body } : undefined
  }
  const file = await store.spoolFile(path)
  let bytes = 0
  const count = async function* (source: AsyncIterable<Buffer>) {
    for (const chunk of answer.head) {
      bytes += chunk.length
      yield chunk
    }
    for await (const chunk of source) {
      bytes += chunk.length
      yield chunk
    }
  }
  try {
    await pipeline(answer.rest, count, createWriteStream(file), { signal })
  } catch {
    answer.rest.destroy()
    await rm(file, { force: true })
    return undefined
  }
  if (answer.contentLength !== undefined && bytes !== answer.contentLength) {
    await rm(file, { force: true })
    return undefined
  }
  return { kind: 'file', contentType: answer.contentType, file, bytes }
}
