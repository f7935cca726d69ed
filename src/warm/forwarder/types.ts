/**
 * Types shared by the forwarder's parts (see index.ts). The public ones — options, the
 * running forwarder and its per-proxy health — are re-exported by index.ts, the module
 * the rest of the action imports; the internal ones live here so the server, the chain walk,
 * the checksum-database routing and the health bookkeeping can share them without importing
 * each other in a circle.
 */
import type { Chain, ProxyEntry } from '../../go/proxy/chain.js'
import type { Logger } from '../../host/logger.js'
import type { SumdbConfig } from '../../go/sumdb/config.js'
import type { Credentials, NetrcEntry, CredentialsLookup } from '../../auth/index.js'
import type { SourceLedger } from './sources.js'
import type { RecordedSums } from '../../go/modfile/gosum.js'

export interface ForwarderOptions {
  readonly chain: Chain
  readonly sumdb: SumdbConfig
  /** Effective GONOPROXY / GONOSUMDB: such paths are never sent upstream (the go command does not ask; asserted). */
  readonly gonoproxy: string
  readonly gonosumdb: string
  readonly credentialsFor?: CredentialsLookup
  /** .netrc entries, used as the go command uses them (https only, host[:port] match), after credentialsFor. */
  readonly netrc?: readonly NetrcEntry[]
  /** The environment HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read from (the go command's); none when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Extra CA certificates (PEM), trusted as the probe does: with Node's roots, SSL_CERT_FILE, NODE_EXTRA_CA_CERTS. */
  readonly ca?: string
  /** Milliseconds for the first byte and for each gap between chunks of one upstream request. */
  readonly requestTimeoutMs: number
  /** Tries per proxy and request for transient faults (the last proxy, or one after a ","). Default 5. */
  readonly attemptsPerRequest?: number
  /** Base of the exponential backoff between tries. Default 50 ms (a Retry-After is honoured up to 10 s). */
  readonly backoffMs?: number
  /** Larger 200 bodies are streamed instead of buffered. Default 128 MiB. */
  readonly bufferLimit?: number
  /**
   * The h1 hashes the build's go.sum files record: a module file from a proxy with another `|` mirror after it is
   * compared with them before go gets it, and on a mismatch the next mirror is asked (verify.ts). Absent: no check.
   * A function is called once, on the first comparison: the warm phase parses go.sum after go has started.
   */
  readonly recorded?: RecordedSums | (() => RecordedSums)
  /** Fetch ahead of go (see prefetch.ts); absent: no prefetch, every request is go's own. */
  readonly prefetch?: PrefetchOptions
  readonly log: Logger
}

/** How the forwarder prefetches. */
export interface PrefetchOptions {
  /** Prefetch requests in flight at most (≥ 1). */
  readonly concurrency: number
  /** Bytes of prefetched bodies kept in memory at most. Default 256 MiB. */
  readonly memoryBudget?: number
  /** Bodies larger than this are spooled to a file. Default 4 MiB. */
  readonly spoolThreshold?: number
  /** Where the spool directory is made (RUNNER_TEMP in the action); the system temp directory when absent. */
  readonly spoolParent?: string
  /**
   * Place prefetched 200 bodies in a `file://` GOPROXY directory (made under spoolParent) that go's GOPROXY names
   * before the forwarder, so go reads them from disk without a request (store.ts). Default true.
   */
  readonly fileLayer?: boolean
  /**
   * Who removes the layer instead of the forwarder's close: called with its directory once go and the prefetch are
   * done, and the layer is left in place (the action's post step removes it, off the main step's critical path).
   * Absent: close removes it.
   */
  readonly removeLayerLater?: (dir: string) => void
}

/** The name prefix of the `file://` layer's directory (mkdtemp under spoolParent); the action's post step looks for it. */
export const LAYER_DIR_PREFIX = 'setup-goproxy-layer-'

/** What the forwarder learned about one proxy of the chain. */
export interface ProxyHealth {
  /** Redacted URL. */
  readonly url: string
  requests: number
  successes: number
  failures: number
  timeouts: number
  consecutiveFailures: number
  /** Dropped for the rest of the phase (only `|` entries, whose errors Go would fall through anyway). */
  dropped: boolean
  reason?: string
}

export interface Forwarder {
  /** Base URL the go command is pointed at (holds a random path token). */
  readonly url: string
  /**
   * The GOPROXY value for the go command: the prefetch's `file://` layer when there is one (`,` after it: a file
   * not there yet falls through as a 404 does), the forwarder, then the chain's terminal keyword.
   */
  readonly goproxy: string
  /** The `file://` URL of the prefetch's layer, when there is one (for redacting go's messages). */
  readonly layerUrl?: string
  /** Requests from the go command being handled right now (each bounded by timeouts and retries). */
  inFlight(): number
  /** Date.now() of the last request, chunk or answer. */
  lastActivity(): number
  /** Zips answered so far, and the module of the latest zip request, for a progress line. */
  progress(): { zips: number; requests: number; current?: string }
  health(): readonly ProxyHealth[]
  /** Who answered each module request so far (go's and the prefetch's). */
  readonly sources: SourceLedger
  /**
   * Whether the checksum database knows `module@version` (asked through the route go's own lookups take): true,
   * false (it answered not found), or undefined (GOSUMDB off, or no clear answer). Only for wording a failure: go
   * verifies what it downloads itself.
   */
  sumdbKnows(module: string, version: string): Promise<boolean | undefined>
  /**
   * Queues request paths (`<!-encoded module>/@v/<!-encoded version>.<info|mod|zip>`, as the prefetch plan names
   * them) to fetch ahead of go, in order. Paths matching GONOPROXY are dropped. A no-op without options.prefetch.
   */
  prefetch(paths: readonly string[]): void
  /** The prefetch store's figures (final, with the unused ones, after close); undefined without prefetch. */
  prefetchStats(): StoreStats | undefined
  /** The chain without the dropped proxies. */
  chain(): Chain
  /**
   * Stops the prefetch, aborts what is in flight, removes the spool files and the layer, and closes the server.
   * `usedByGo(path)` tells whether go read a layer file from disk (for the prefetch figures).
   */
  close(usedByGo?: (path: string) => boolean): Promise<void>
}

/** One proxy of the chain as the forwarder uses it: credentials resolved once, health kept per phase. */
export interface Upstream {
  readonly entry: ProxyEntry
  /** The proxy's URL without userinfo (credentials travel in `credentials`). */
  readonly base: URL
  readonly credentials?: Credentials
  /** Redacted URL, for messages. */
  readonly shown: string
  /** A `|` entry with something after it: dropping it keeps Go's semantics (its errors fall through anyway). */
  readonly droppable: boolean
  readonly health: ProxyHealth
}

/** One proxy's last word on a request. */
export interface Outcome {
  readonly upstream?: Upstream
  readonly status: number
  readonly notFound: boolean
  /** Text for the go command's `server response:` (first line decisive). */
  readonly text: string
  readonly contentType?: string
}

/** What a request fetches: zips may be large (streamed past `bufferLimit`), database answers are never HTML-checked. */
export type Kind = 'zip' | 'small' | 'sumdb'

/** The forwarder's mutable counters, read by the warm phase's watchdog and progress line. */
export interface Activity {
  /** Requests from the go command being handled right now. */
  inFlight: number
  /** Date.now() of the last request, chunk or answer. */
  lastActivity: number
  /** Zips answered so far. */
  zips: number
  /** Module requests (not checksum database ones) the go command made so far. */
  requests: number
  /** The module@version of the latest zip request. */
  current: string | undefined
}

/** The store's figures for the report. */
export interface StoreStats {
  /** Paths the plan put in the queue. */
  planned: number
  /** Answers the prefetcher stored (200 bodies and final not-founds). */
  prefetchedFiles: number
  /** Bytes of those answers' bodies. */
  prefetchedBytes: number
  /** Prefetched answers go asked for (served from the store, or joined while in flight), or read from the layer. */
  servedFiles: number
  servedBytes: number
  /** Of those, the files go read from the `file://` layer without a request (found in its module cache at close). */
  servedFromDisk: number
  /** Planned paths go asked for before the prefetcher started them (go's request went first). */
  overtaken: number
  /** Prefetches that failed (go's own request then walked the chain). */
  failed: number
  /** Bodies written to spool files (larger than the threshold, or past the memory budget). */
  spooledFiles: number
  /** Peak bytes held in memory by the store at any one time. */
  peakMemoryBytes: number
  /** Peak bytes in memory and in spool files at any one time. */
  peakBytes: number
  /** Prefetched but never asked for by go when the store closed: files and bytes. */
  unusedFiles: number
  unusedBytes: number
}
