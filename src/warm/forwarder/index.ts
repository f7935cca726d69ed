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
 *   verdict.ts judging one answer and wording failures for the go command
 *   paths.ts   wire paths: joining, safety, module path decoding
 */
import { randomBytes } from 'node:crypto'
import { credentialsFor } from '../../core/auth/secrets.js'
import { createHttpClient } from '../../net/http.js'
import { trustedCertificates } from '../../net/trust.js'
import { makeUpstream } from './health.js'
import { handleRequest, listenLoopback, type RequestContext } from './server.js'
import { createSumdbHandler } from './sumdb.js'
import type { Activity, Forwarder, ForwarderOptions, Upstream } from './types.js'
import { walkChain, type WalkContext } from './walk.js'

export type { Forwarder, ForwarderOptions, ProxyHealth } from './types.js'

const DEFAULT_BUFFER_LIMIT = 128 * 1024 * 1024

/** Starts the forwarder on 127.0.0.1 (random port). Close it when the warm phase ends. */
export async function startForwarder(options: ForwarderOptions): Promise<Forwarder> {
  const token = randomBytes(12).toString('hex')
  const { chain, log } = options
  // The same trust as the probe (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS): behind a TLS-inspecting proxy the probe
  // would pass and every warm request fail otherwise.
  const ca = trustedCertificates(options.ca)
  // One client for every upstream: keep-alive pools per origin, the same trust for all https, and the
  // environment's HTTP proxy (HTTPS_PROXY, NO_PROXY) chosen per request as the go command chooses it.
  const client = createHttpClient({
    ...(ca ? { ca } : {}),
    env: options.env ?? {},
    connectTimeoutMs: options.requestTimeoutMs,
    userAgent: 'setup-goproxy (warm phase)'
  })
  const netrc = options.netrc ?? []
  // One lookup for the first request and for redirects, as the go command looks every URL up the same way.
  const lookup = (url: string) => options.credentialsFor?.(url) ?? credentialsFor(netrc, url)
  const upstreams: Upstream[] = chain.proxies.map((entry, i) => makeUpstream(entry, i, chain, lookup))
  const controllers = new Set<AbortController>()
  const activity: Activity = { inFlight: 0, lastActivity: Date.now(), zips: 0, current: undefined }
  const touch = () => {
    activity.lastActivity = Date.now()
  }

  const walk: WalkContext = {
    chain,
    upstreams,
    attempts: Math.max(1, options.attemptsPerRequest ?? 5),
    backoffMs: options.backoffMs ?? 50,
    bufferLimit: options.bufferLimit ?? DEFAULT_BUFFER_LIMIT,
    requestTimeoutMs: options.requestTimeoutMs,
    client,
    credentialsFor: lookup,
    touch,
    log
  }
  const requests: RequestContext = {
    token,
    gonoproxy: options.gonoproxy,
    log,
    activity,
    touch,
    controllers,
    walkChain: (path, kind, signal) => walkChain(walk, path, kind, signal),
    handleSumdb: createSumdbHandler(walk, { sumdb: options.sumdb, gonosumdb: options.gonosumdb, log })
  }
  const server = await listenLoopback((req, res) => handleRequest(requests, req, res), log)
  const url = `http://127.0.0.1:${server.port}/${token}`
  const lastEntry = chain.proxies[chain.proxies.length - 1]
  const goproxy = chain.terminal && lastEntry ? `${url}${lastEntry.separator}${chain.terminal}` : url

  return {
    url,
    goproxy,
    inFlight: () => activity.inFlight,
    lastActivity: () => activity.lastActivity,
    progress: () => ({ zips: activity.zips, ...(activity.current ? { current: activity.current } : {}) }),
    health: () => upstreams.map(u => u.health),
    chain: () => ({
      proxies: upstreams.filter(u => !u.health.dropped).map(u => u.entry),
      ...(chain.terminal ? { terminal: chain.terminal } : {})
    }),
    close: async () => {
      for (const c of controllers) c.abort()
      const closed = server.close()
      await client.close()
      await closed
    }
  }
}
