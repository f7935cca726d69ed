/**
 * A loopback GOPROXY for golang.org/toolchain with the checksum database mounted at `/sumdb/<name>/` (as goproxy.cn
 * serves it), for the install tests: zips streamed from disk, per-request faults (status with headers, reset, hang),
 * a redirect of zips to another server (object storage), and a hook that may forge any database answer.
 */
import { createReadStream, statSync } from 'node:fs'
import http, { type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { SumdbDatabase } from '../support/sumdb-server.js'
import type { ServedToolchain } from '../support/toolchain-zip.js'
import { TOOLCHAIN_GO_MOD } from '../support/toolchain-zip.js'

/** A database answer as the forge hook sees it. */
export interface DbAnswer {
  status: number
  body: Buffer
}

/** What to do with one request instead of answering it normally. */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'redirect'; location: string }

export interface InstallServer {
  readonly url: string
  /** Request paths (decoded) in arrival order. */
  readonly requests: string[]
  /** Request targets as received (path and query, not decoded). */
  readonly urls: string[]
  served: ServedToolchain[]
  listed: string[]
  /** Called for every request; a Fault replaces the answer. */
  fault: (path: string, nth: number) => Fault | undefined
  /** The database mounted at /sumdb/<db.name>/, or none (then /sumdb/... is 404). */
  db: SumdbDatabase | undefined
  /** Milliseconds to wait before answering each request (a proxy far away); 0 by default. */
  delayMs: number
  /** May replace any answer of the database (`sub` is the path below its root). */
  forge: (sub: string, answer: DbAnswer) => DbAnswer | Promise<DbAnswer>
  close(): Promise<void>
}

/** Runs `db.handle` into a buffer instead of a socket, so its answer can be forged. */
export async function capture(db: SumdbDatabase, sub: string): Promise<DbAnswer> {
  let status = 0
  const chunks: Buffer[] = []
  const fake = {
    writeHead(code: number) {
      status = code
      return fake
    },
    end(body?: string | Buffer) {
      if (body !== undefined) chunks.push(Buffer.from(body))
      return fake
    }
  }
  await db.handle(sub, fake as unknown as ServerResponse)
  return { status, body: Buffer.concat(chunks) }
}

/** Starts the server on 127.0.0.1. Close it in afterAll. */
export async function startInstallServer(
  options: { served?: ServedToolchain[]; listed?: string[]; db?: SumdbDatabase } = {}
): Promise<InstallServer> {
  const sockets = new Set<Socket>()
  const counts = new Map<string, number>()
  const state: Omit<InstallServer, 'url' | 'close'> = {
    requests: [],
    urls: [],
    served: options.served ?? [],
    listed: options.listed ?? (options.served ?? []).map(s => s.moduleVersion),
    fault: () => undefined,
    delayMs: 0,
    db: options.db,
    forge: (_sub, answer) => answer
  }
  const base = '/golang.org/toolchain/@v/'
  const server = http.createServer((req, res) => {
    if (state.delayMs > 0) setTimeout(() => answer(req, res), state.delayMs)
    else answer(req, res)
  })
  const answer = (req: http.IncomingMessage, res: ServerResponse): unknown => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0])
    state.requests.push(path)
    state.urls.push(req.url ?? '')
    const nth = (counts.get(path) ?? 0) + 1
    counts.set(path, nth)
    const fault = state.fault(path, nth)
    if (fault?.kind === 'hang') return
    if (fault?.kind === 'reset') return req.socket.destroy()
    if (fault?.kind === 'status') {
      return res.writeHead(fault.status, { 'Content-Type': 'text/plain', ...fault.headers }).end(fault.body ?? '')
    }
    if (fault?.kind === 'redirect') return res.writeHead(302, { Location: fault.location }).end()
    const notFound = (): void => void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n')
    const db = state.db
    const mount = db ? `/sumdb/${db.name}` : undefined
    if (db && mount && path.startsWith(`${mount}/`)) {
      const sub = (req.url ?? '').split('?')[0].slice(mount.length)
      void capture(db, sub)
        .then(answer => state.forge(decodeURIComponent(sub), answer))
        .then(answer => res.writeHead(answer.status, { 'Content-Type': 'text/plain' }).end(answer.body))
        .catch((error: unknown) => res.destroy(error as Error))
      return
    }
    if (!path.startsWith(base)) return notFound()
    const rest = path.slice(base.length)
    if (rest === 'list') {
      return res.writeHead(200, { 'Content-Type': 'text/plain' }).end(state.listed.map(v => `${v}\n`).join(''))
    }
    const m = /^(.+)\.(info|mod|zip)$/.exec(rest)
    const found = m && state.served.find(s => s.moduleVersion === m[1])
    if (!m || !found) return notFound()
    if (m[2] === 'info') {
      return res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ Version: found.moduleVersion, Time: '2025-01-10T16:44:59Z' }))
    }
    if (m[2] === 'mod') return res.writeHead(200, { 'Content-Type': 'text/plain' }).end(TOOLCHAIN_GO_MOD)
    res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': statSync(found.file).size })
    createReadStream(found.file).pipe(res)
  }
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | undefined
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      (closing ??= new Promise<void>(resolve => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }))
  })
}
