/**
 * The forwarder's HTTP side: the loopback server, routing each request from the go command
 * (path token, method, path safety, GONOPROXY, module request vs checksum database), and
 * writing the answer back — buffered when possible, streamed for large zips. The decisions
 * about upstreams live in walk.ts and sumdb.ts; this file only turns
 * their results into HTTP.
 */
import { createReadStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import http from 'node:http'
import type net from 'node:net'
import type { Logger } from '../../host/logger.js'
import { matchesPrefixPatterns } from '../../go/env/patterns.js'
import { decodeModule, decodeVersion, planPath, safePath } from './paths.js'
import type { PrefetchStore, StoredAnswer } from './store.js'
import type { Activity, Kind, Outcome } from './types.js'
import type { AttemptResult } from './upstream.js'

/** Everything request routing needs: the forwarder's token and state, and the two ways to answer. */
export interface RequestContext {
  /** Random path token: only requests under `/<token>/` are served, so nothing else on the machine can use the forwarder by accident. */
  readonly token: string
  /** Effective GONOPROXY: such modules are never sent to a proxy (the go command does not ask; asserted). */
  readonly gonoproxy: string
  readonly log: Logger
  readonly activity: Activity
  readonly touch: () => void
  /** Controllers of the requests in flight, so close() can abort them. */
  readonly controllers: Set<AbortController>
  readonly walkChain: (path: string, kind: Kind, signal: AbortSignal) => Promise<AttemptResult | Outcome>
  readonly handleSumdb: (rest: string, signal: AbortSignal) => Promise<AttemptResult | Outcome>
  /** Prefetched answers: a GET for a path in the store is answered from it (or joins its fetch). */
  readonly store?: PrefetchStore
}

/** Handles one request from the go command; a request it abandons (closed early) aborts its upstream tries. */
export async function handleRequest(
  ctx: RequestContext,
  req: http.IncomingMessage,
  res: http.ServerResponse
): Promise<void> {
  const { activity, touch } = ctx
  const raw = (req.url ?? '/').split('?')[0]
  const prefix = `/${ctx.token}/`
  if (!raw.startsWith(prefix)) return sendText(res, 404, 'not found')
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed')
  const path = raw.slice(prefix.length)
  if (!safePath(path)) return sendText(res, 400, 'setup-goproxy forwarder: malformed request path')
  const controller = new AbortController()
  ctx.controllers.add(controller)
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
    ctx.controllers.delete(controller)
  })
  activity.inFlight++
  touch()
  try {
    let answer: AttemptResult | Outcome
    if (path.startsWith('sumdb/')) {
      answer = await ctx.handleSumdb(path.slice('sumdb/'.length), controller.signal)
    } else {
      const module = decodeModule(path.replace(/\/@(?:v\/.*|latest)$/, ''))
      if (module !== undefined && matchesPrefixPatterns(ctx.gonoproxy, module)) {
        ctx.log.warning(
          `Warm phase: the go command asked for ${module}, which GONOPROXY keeps off the proxies; refused.`
        )
        return sendText(res, 403, `setup-goproxy forwarder: ${module} matches GONOPROXY; not sent to any proxy`)
      }
      const kind: Kind = path.endsWith('.zip') ? 'zip' : 'small'
      activity.requests++
      if (kind === 'zip') activity.current = module !== undefined ? `${module}@${decodeVersion(path)}` : undefined
      const key = req.method === 'GET' && ctx.store ? planPath(path) : undefined
      const claim = key !== undefined ? ctx.store?.claim(key) : undefined
      const stored = claim?.kind === 'hit' ? await claim.answer : undefined
      if (stored && ctx.store) {
        if (kind === 'zip') activity.zips++
        return await respondStored(res, stored, ctx.store, controller.signal, touch)
      }
      if (controller.signal.aborted) return
      answer = await ctx.walkChain(path, kind, controller.signal)
      if (kind === 'zip' && 'type' in answer && answer.type !== 'network') activity.zips++
    }
    if (controller.signal.aborted) return
    respond(res, answer, req.method === 'HEAD', touch)
  } finally {
    activity.inFlight--
    touch()
  }
}

/** A listening loopback server; close() stops it and cuts every open connection (keep-alive ones included). */
export interface LoopbackServer {
  readonly port: number
  close(): Promise<void>
}

/**
 * Starts an HTTP server on 127.0.0.1 (random port) that hands every request to `handle`.
 * A handler error becomes a 502 for the go command (or a cut connection, once the answer
 * has started), never an unhandled rejection.
 */
export async function listenLoopback(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
  log: Logger
): Promise<LoopbackServer> {
  const sockets = new Set<net.Socket>()
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.debug(`Warm phase forwarder: ${String(error)}`)
      if (!res.headersSent) sendText(res, 502, `setup-goproxy forwarder: ${String(error)}`)
      else res.destroy()
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))
  })
  return {
    port,
    close: () => {
      const closed = new Promise<void>(resolve => server.close(() => resolve()))
      // server.close() waits for idle keep-alive connections; the go command may hold some open.
      for (const s of sockets) s.destroy()
      return closed
    }
  }
}

/** A plain-text answer, which the go command quotes after `server response:` (blank lines squeezed out). */
function sendText(res: http.ServerResponse, status: number, text: string): void {
  const body = `${text.replace(/\n\s*\n/g, '\n')}\n`
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

/** Sends an upstream answer (or the walk's verdict) to the go command. */
function respond(res: http.ServerResponse, answer: AttemptResult | Outcome, head: boolean, touch: () => void): void {
  if (!('type' in answer)) return sendText(res, answer.status, answer.text)
  if (answer.type === 'network') return sendText(res, answer.fault === 'timeout' ? 504 : 502, answer.message)
  if (answer.type === 'file') return respondFile(res, answer, head, touch)
  if (answer.type === 'complete') {
    res.writeHead(answer.status, {
      'Content-Type': answer.contentType || 'application/octet-stream',
      'Content-Length': answer.body.length
    })
    res.end(head ? undefined : answer.body)
    return
  }
  // Streaming a large body: once bytes went out nothing can be retried, so a failure cuts the connection.
  res.writeHead(answer.status, {
    'Content-Type': answer.contentType || 'application/octet-stream',
    ...(answer.contentLength !== undefined ? { 'Content-Length': answer.contentLength } : {})
  })
  for (const chunk of answer.head) res.write(chunk)
  const rest = answer.rest
  rest.on('data', (chunk: Buffer) => {
    touch()
    if (!res.write(chunk)) rest.pause()
  })
  res.on('drain', () => rest.resume())
  // The client ends `rest` only when the whole body arrived; a stall or a break is an error.
  rest.on('end', () => res.end())
  rest.on('error', () => res.destroy())
  rest.on('close', () => {
    if (!res.writableEnded) res.destroy()
  })
  res.on('close', () => {
    if (!rest.readableEnded) rest.destroy()
  })
  rest.resume()
}

/** Sends a body spooled while it was compared with go.sum (verify.ts), then removes its file. */
function respondFile(
  res: http.ServerResponse,
  answer: Extract<AttemptResult, { type: 'file' }>,
  head: boolean,
  touch: () => void
): void {
  const remove = () => void rm(answer.file, { force: true }).catch(() => undefined)
  res.writeHead(answer.status, {
    'Content-Type': answer.contentType || 'application/octet-stream',
    'Content-Length': answer.bytes
  })
  if (head) {
    res.end()
    return remove()
  }
  const file = createReadStream(answer.file)
  file.on('data', () => touch())
  file.on('error', () => res.destroy())
  file.on('close', remove)
  res.on('close', () => file.destroy())
  file.pipe(res)
}

/** Sends a prefetched answer to the go command, then frees it (memory, or its spool file). */
async function respondStored(
  res: http.ServerResponse,
  answer: StoredAnswer,
  store: PrefetchStore,
  signal: AbortSignal,
  touch: () => void
): Promise<void> {
  try {
    if (signal.aborted) return
    if (answer.kind === 'not-found') return sendText(res, answer.outcome.status, answer.outcome.text)
    if (answer.kind === 'memory') {
      res.writeHead(200, {
        'Content-Type': answer.contentType || 'application/octet-stream',
        'Content-Length': answer.body.length
      })
      res.end(answer.body)
      return
    }
    res.writeHead(200, {
      'Content-Type': answer.contentType || 'application/octet-stream',
      'Content-Length': answer.bytes
    })
    await new Promise<void>(resolve => {
      const file = createReadStream(answer.file)
      file.on('data', () => touch())
      file.on('error', () => {
        res.destroy()
        resolve()
      })
      res.on('close', () => {
        file.destroy()
        resolve()
      })
      file.pipe(res)
    })
  } finally {
    await store.release(answer)
  }
}
