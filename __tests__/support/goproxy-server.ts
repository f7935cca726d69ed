/**
 * A GOPROXY-protocol server on 127.0.0.1 for tests, with deterministic fault injection, plus helpers for a port that
 * refuses connections and a server that accepts and never answers.
 */
import http from 'node:http'
import https from 'node:https'
import { spawn } from 'node:child_process'
import net from 'node:net'
import type { TestModule } from './modules.js'
import { unescapeModulePath } from './modules.js'
import { auditServer, type ServerRole } from './audit-log.js'
import { testTls } from './tls.js'

/** How an injected failure shows up: an HTTP 502 with a text/plain body, or a connection destroyed without a reply. */
export type FailMode = '502' | 'reset'

/**
 * Fault injection, applied in this order: latencyMs, neverAnswer, failFirst, failRate, requireAuth, status/statusFor,
 * html, endlessBody, then normal serving with the zip faults. Every fault except requireAuth applies only to requests whose path
 * `only` accepts (all requests when `only` is absent). Randomness comes from a PRNG seeded by `seed`.
 */
export interface ProxyBehaviour {
  /** Delay before anything is answered. */
  latencyMs?: number
  /** Read the request and never write anything; the socket is destroyed by close(). */
  neverAnswer?: boolean
  /** Answer every request with this status and a text/plain body (e.g. 401, 410, 500, 502). */
  status?: number
  /** Per-path status (path as in `RequestLogEntry.path`); undefined or 200 means serve normally. Wins over `status`. */
  statusFor?: (path: string) => number | undefined
  /** Answer 200 with an HTML page (a captive portal or a misconfigured web server). */
  html?: boolean
  /** Answer 200 with a body that never ends (64 KiB chunks as fast as the peer reads); close() ends it. */
  endlessBody?: boolean
  /** The first N requests fail according to `failMode`. */
  failFirst?: number
  /** Fraction (0..1) of requests that fail according to `failMode`, decided by the seeded PRNG. */
  failRate?: number
  /** PRNG seed for `failRate`; defaults to 1. */
  seed?: number
  /** Defaults to '502'. */
  failMode?: FailMode
  /** .zip: send headers (full Content-Length) and half the body, then destroy the connection. */
  dropMidBody?: boolean
  /** .zip: send only the first half, with a matching Content-Length (a complete response holding a broken zip). */
  truncateZip?: boolean
  /** .zip: send a different but valid zip; go reports a checksum mismatch when go.sum or a checksum DB knows the real hash. */
  corruptZip?: boolean
  /** .zip: send headers and half the body, then never finish; close() destroys the socket. */
  stallMidBody?: boolean
  /** Require HTTP basic auth; otherwise 401 with `WWW-Authenticate: Basic`. Not restricted by `only`. */
  requireAuth?: { user: string; password: string }
  /** Restricts the faults above to matching paths, e.g. `(p) => p.endsWith('.zip')`. */
  only?: (path: string) => boolean
}

/** Options for `startProxy`. */
export interface StartProxyOptions extends ProxyBehaviour {
  /** Module versions to serve; several versions of one path form its `@v/list`. */
  modules?: readonly TestModule[]
  /** Serve https with the committed test certificate (see `TEST_CA_FILE`). */
  tls?: boolean
  /** URL path prefix such as `/goproxy` (like a mirror's path); requests outside it get 404. */
  basePath?: string
  /** Checksum DB names for which `/sumdb/<name>/supported` answers 200; all other names get 404. */
  sumdbSupported?: readonly string[]
  /** Base URL that other `/sumdb/<name>/...` requests of a supported name are forwarded to; otherwise 404. */
  sumdbTarget?: string
  /**
   * The server plays a public proxy: on close its request log is checked against `private` (the test's
   * GOPRIVATE/GONOPROXY/GONOSUMDB patterns) and recorded for the suite-wide privacy audit (audit-log.ts).
   */
  audit?: { role: ServerRole; private: string }
}

/** What a request asked for, as the GOPROXY protocol names it. */
export type RequestKind = 'list' | 'info' | 'mod' | 'zip' | 'latest' | 'sumdb' | 'other'

/** One logged request. Credentials are never recorded, only whether an Authorization header was present. */
export interface RequestLogEntry {
  method: string
  /** URL-decoded path without query string and basePath, still `!`-escaped as on the wire: `/example.com/!a/@v/list`. */
  path: string
  /** Raw query string without `?` ('' when absent). */
  query: string
  kind: RequestKind
  /** Unescaped module path for protocol requests (`example.com/A`). */
  module?: string
  /** Unescaped version for .info/.mod/.zip requests. */
  version?: string
  /** Date.now() when the request arrived. */
  time: number
  /** HTTP status sent; 0 while nothing was sent (never answered, connection reset). */
  status: number
  /** Name of the injected fault, if any (`latency` is not recorded). */
  fault?: string
  auth: boolean
}

/** A running test proxy. */
export interface TestProxy {
  /** Base URL to put in GOPROXY, e.g. `http://127.0.0.1:40123` (with basePath, without trailing slash). */
  url: string
  port: number
  /** Every request in arrival order. */
  requests: RequestLogEntry[]
  /** Replaces all fault options (pass `{}` for a healthy server) and resets the failFirst counter and PRNG. */
  setBehaviour(behaviour: ProxyBehaviour): void
  /** Stops listening and destroys every open connection, including stalled ones. */
  close(): Promise<void>
}

const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Please sign in.</p></body></html>\n'

/** Starts a GOPROXY server on 127.0.0.1 (random port) for `options.modules`. Close it in afterAll. */
export async function startProxy(options: StartProxyOptions = {}): Promise<TestProxy> {
  const byPath = new Map<string, Map<string, TestModule>>()
  for (const m of options.modules ?? []) {
    if (!byPath.has(m.path)) byPath.set(m.path, new Map())
    byPath.get(m.path)!.set(m.version, m)
  }
  const basePath = (options.basePath ?? '').replace(/\/+$/, '')
  const sumdbSupported = new Set(options.sumdbSupported ?? [])
  const requests: RequestLogEntry[] = []
  const sockets = new Set<net.Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let closed = false

  let behaviour: ProxyBehaviour = {}
  let served = 0
  let random = mulberry32(1)
  const setBehaviour = (b: ProxyBehaviour): void => {
    behaviour = { ...b }
    served = 0
    random = mulberry32(b.seed ?? 1)
  }
  setBehaviour(options)

  const sleep = (ms: number): Promise<void> =>
    new Promise(resolve => {
      const t = setTimeout(() => {
        timers.delete(t)
        resolve()
      }, ms)
      timers.add(t)
    })

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const b = behaviour
    const rawUrl = req.url ?? '/'
    const q = rawUrl.indexOf('?')
    let path: string
    try {
      path = decodeURIComponent(q < 0 ? rawUrl : rawUrl.slice(0, q))
    } catch {
      path = rawUrl
    }
    const inBase = !basePath || path === basePath || path.startsWith(`${basePath}/`)
    if (basePath && inBase) path = path.slice(basePath.length) || '/'
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path,
      query: q < 0 ? '' : rawUrl.slice(q + 1),
      ...parseProtocolPath(path),
      time: Date.now(),
      status: 0,
      auth: req.headers.authorization !== undefined
    }
    requests.push(entry)

    const send = (status: number, body: string | Uint8Array, type: string, headers: http.OutgoingHttpHeaders = {}) => {
      entry.status = status
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers })
      res.end(body)
    }
    const text = (status: number, message: string) => send(status, `${message}\n`, 'text/plain; charset=utf-8')
    const fail = (fault: string) => {
      entry.fault = fault
      if ((b.failMode ?? '502') === 'reset') req.socket.destroy()
      else text(502, 'bad gateway (injected by test proxy)')
    }

    const faulty = !b.only || b.only(path)
    if (faulty && b.latencyMs) {
      await sleep(b.latencyMs)
      if (closed) return
    }
    if (faulty && b.neverAnswer) {
      entry.fault = 'neverAnswer'
      return
    }
    if (faulty && (b.failFirst || b.failRate)) {
      const n = served++
      if (n < (b.failFirst ?? 0)) return fail('failFirst')
      if (b.failRate && random() < b.failRate) return fail('failRate')
    }
    if (b.requireAuth) {
      const expected = `Basic ${Buffer.from(`${b.requireAuth.user}:${b.requireAuth.password}`).toString('base64')}`
      if (req.headers.authorization !== expected) {
        entry.fault = 'auth'
        return send(401, 'authentication required\n', 'text/plain; charset=utf-8', {
          'WWW-Authenticate': 'Basic realm="goproxy-test"'
        })
      }
    }
    if (faulty) {
      const status = b.statusFor?.(path) ?? b.status
      if (status !== undefined && status !== 200) {
        entry.fault = 'status'
        return text(status, `${status} (injected by test proxy)`)
      }
      if (b.html) {
        entry.fault = 'html'
        return send(200, HTML_PAGE, 'text/html; charset=utf-8')
      }
      if (b.endlessBody) {
        entry.fault = 'endlessBody'
        entry.status = 200
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' })
        const chunk = Buffer.alloc(64 << 10, '// endless\n')
        const pump = (): void => {
          while (!res.destroyed && !closed && res.write(chunk));
          if (!res.destroyed && !closed) res.once('drain', pump)
          else res.destroy()
        }
        return pump()
      }
    }
    if (!inBase) return text(404, 'not found')

    if (entry.kind === 'sumdb') {
      const [, , name, ...rest] = path.split('/')
      if (!sumdbSupported.has(name)) return text(404, `checksum database ${name} not proxied`)
      if (rest.join('/') === 'supported') return send(200, '', 'text/plain; charset=utf-8')
      if (!options.sumdbTarget) return text(404, 'not found')
      return forward(`${options.sumdbTarget.replace(/\/+$/, '')}/${rest.join('/')}`, entry, res)
    }

    const versions = entry.module === undefined ? undefined : byPath.get(entry.module)
    if (!versions) return text(404, `not found: ${path}`)
    if (entry.kind === 'list') return send(200, [...versions.keys()].map(v => `${v}\n`).join(''), 'text/plain')
    if (entry.kind === 'latest') {
      const latest = [...versions.values()].sort((x, y) => compareSemver(x.version, y.version)).at(-1)!
      return send(200, latest.info, 'application/json')
    }
    const m = entry.version === undefined ? undefined : versions.get(entry.version)
    if (!m) return text(404, `not found: ${entry.module}@${entry.version}: invalid version: unknown revision`)
    if (entry.kind === 'info') return send(200, m.info, 'application/json')
    if (entry.kind === 'mod') return send(200, m.mod, 'text/plain; charset=utf-8')

    const zip = faulty && b.corruptZip ? m.corruptZip : m.zip
    const half = zip.subarray(0, Math.floor(zip.length / 2))
    if (faulty && b.truncateZip) {
      entry.fault = 'truncateZip'
      return send(200, half, 'application/zip')
    }
    if (faulty && (b.dropMidBody || b.stallMidBody)) {
      entry.fault = b.dropMidBody ? 'dropMidBody' : 'stallMidBody'
      entry.status = 200
      res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': zip.length })
      res.write(half, () => {
        if (b.dropMidBody) req.socket.destroy()
      })
      return
    }
    if (faulty && b.corruptZip) entry.fault = 'corruptZip'
    return send(200, zip, 'application/zip')
  }

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handler(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' })
      res.end(`test proxy error: ${String(err)}\n`)
    })
  }
  const server = options.tls ? https.createServer({ ...testTls() }, onRequest) : http.createServer(onRequest)
  // Raw TCP sockets (also under TLS): destroying them is what lets close() finish while requests are stalled.
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listen(server)
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${basePath}`

  return {
    url,
    port,
    requests,
    setBehaviour,
    close: () => {
      if (!closed && options.audit) auditServer(options.audit.role, url, options.audit.private, requests)
      closed = true
      for (const t of timers) clearTimeout(t)
      timers.clear()
      const done = new Promise<void>(resolve => server.close(() => resolve()))
      for (const s of sockets) s.destroy()
      return done
    }
  }
}

/** A free port on 127.0.0.1 that nothing listens on (bound, then released), so connecting is refused at once. */
export async function startRefusingPort(): Promise<number> {
  const server = net.createServer()
  const port = await listen(server)
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

/** A TCP server that accepts connections and never reads or writes: "the proxy never answers". */
export interface Blackhole {
  /** `http://127.0.0.1:<port>`; use `https://` with the same port to stall in the TLS handshake. */
  url: string
  port: number
  /** Number of connections accepted so far. */
  readonly accepted: number
  /** Stops listening and destroys every accepted connection. */
  close(): Promise<void>
}

/** Starts a blackhole server on 127.0.0.1 (random port). Close it in afterAll. */
export async function startBlackhole(): Promise<Blackhole> {
  const sockets = new Set<net.Socket>()
  let accepted = 0
  // pauseOnConnect: the socket is never read, so the peer's request sits unanswered in the kernel buffer.
  const server = net.createServer({ pauseOnConnect: true }, socket => {
    accepted++
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listen(server)
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get accepted() {
      return accepted
    },
    close: () => {
      const done = new Promise<void>(resolve => server.close(() => resolve()))
      for (const s of sockets) s.destroy()
      return done
    }
  }
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as net.AddressInfo).port)
    })
  })
}

/** Classifies a decoded, `!`-escaped request path; module and version come back unescaped. */
function parseProtocolPath(path: string): Pick<RequestLogEntry, 'kind' | 'module' | 'version'> {
  if (path.startsWith('/sumdb/')) return { kind: 'sumdb' }
  const latest = /^\/(.+)\/@latest$/.exec(path)
  if (latest) {
    const module = unescapeModulePath(latest[1])
    return module === undefined ? { kind: 'other' } : { kind: 'latest', module }
  }
  const v = /^\/(.+)\/@v\/(?:(list)|(.+)\.(info|mod|zip))$/.exec(path)
  if (!v) return { kind: 'other' }
  const module = unescapeModulePath(v[1])
  if (module === undefined) return { kind: 'other' }
  if (v[2]) return { kind: 'list', module }
  const version = unescapeModulePath(v[3])
  if (version === undefined) return { kind: 'other' }
  return { kind: v[4] as 'info' | 'mod' | 'zip', module, version }
}

/** Forwards a GET to the real (test) checksum DB and relays status, content type and body. */
function forward(target: string, entry: RequestLogEntry, res: http.ServerResponse): void {
  const secure = target.startsWith('https:')
  const get = secure ? https.get : http.get
  const upstream = get(target, { ...(secure ? { ca: testTls().ca } : {}), timeout: 10_000 }, up => {
    entry.status = up.statusCode ?? 502
    res.writeHead(entry.status, { 'Content-Type': up.headers['content-type'] ?? 'application/octet-stream' })
    up.pipe(res)
  })
  upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')))
  upstream.on('error', err => {
    if (res.headersSent) return void res.destroy()
    entry.status = 502
    res.writeHead(502, { 'Content-Type': 'text/plain' })
    res.end(`sumdb forward failed: ${err.message}\n`)
  })
}

/** Orders `vMAJOR.MINOR.PATCH[-pre]`; a release sorts after its pre-releases. Enough for @latest in tests. */
function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?/.exec(v)
    return m ? { nums: [+m[1], +m[2], +m[3]], pre: m[4] } : { nums: [0, 0, 0], pre: v }
  }
  const x = parse(a)
  const y = parse(b)
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] - y.nums[i]
  if (x.pre === y.pre) return 0
  if (x.pre === undefined) return 1
  if (y.pre === undefined) return -1
  return x.pre < y.pre ? -1 : 1
}

/** Small seeded PRNG (mulberry32): the same seed gives the same failure pattern. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A port whose accept queue is full, so the kernel drops further SYNs: the loopback equivalent of a firewalled
 * host. A child node listens with backlog 1 and blocks its event loop (it never accepts, for at most `holdMs`);
 * two connections fill the queue. Linux only: elsewhere the kernel may refuse instead.
 */
export async function startSynDrop(holdMs = 60_000): Promise<{ url: string; port: number; close(): void }> {
  const script = `const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>{process.stdout.write(s.address().port+'\\n');Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,${holdMs})})`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] })
  const port = await new Promise<number>(resolve =>
    child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())))
  )
  const fillers: net.Socket[] = []
  for (let i = 0; i < 2; i++) {
    const socket = net.connect(port, '127.0.0.1')
    socket.on('error', () => undefined)
    fillers.push(socket)
    await new Promise(resolve => socket.once('connect', resolve))
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => {
      fillers.forEach(s => s.destroy())
      child.kill('SIGKILL')
    }
  }
}
