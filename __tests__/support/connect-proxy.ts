/**
 * A tiny corporate HTTP proxy on 127.0.0.1 for tests: `CONNECT host:port` tunnels (https through
 * HTTPS_PROXY) and absolute-form requests (plain http through HTTP_PROXY). Every target name is
 * connected on 127.0.0.1 (the port kept), so tests can use names the go command would proxy
 * (`goproxy.test`; never localhost or a loopback IP). It logs what it saw, Proxy-Authorization
 * included, and can demand credentials (407 without them). Close it in afterAll.
 */
import http from 'node:http'
import net from 'node:net'

/** One request the proxy received. */
export interface ProxyLogEntry {
  readonly method: string
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  readonly target: string
  readonly proxyAuthorization?: string
  /** An Authorization header on a request the proxy saw in the clear (never expected for CONNECT). */
  readonly authorization?: string
}

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  readonly port: number
  readonly log: ProxyLogEntry[]
  close(): Promise<void>
}

export interface ConnectProxyOptions {
  /** When set, requests without exactly this Proxy-Authorization value get 407. */
  readonly requireAuthorization?: string
}

/** Starts the proxy on 127.0.0.1 (random port). */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const log: ProxyLogEntry[] = []
  const sockets = new Set<net.Socket>()
  const track = (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const allowed = (header: string | undefined) =>
    options.requireAuthorization === undefined || header === options.requireAuthorization

  const server = http.createServer((req, res) => {
    const proxyAuthorization = req.headers['proxy-authorization']
    log.push({
      method: req.method ?? '',
      target: req.url ?? '',
      ...(proxyAuthorization ? { proxyAuthorization } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {})
    })
    if (!allowed(proxyAuthorization)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' })
      res.end()
      return
    }
    let target: URL
    try {
      target = new URL(req.url ?? '')
    } catch {
      res.writeHead(400)
      res.end('absolute-form request expected\n')
      return
    }
    const headers = { ...req.headers }
    delete headers['proxy-authorization']
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: Number(target.port || 80),
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connection', track)
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const proxyAuthorization = req.headers['proxy-authorization']
    log.push({
      method: 'CONNECT',
      target: req.url ?? '',
      ...(proxyAuthorization ? { proxyAuthorization } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {})
    })
    if (!allowed(proxyAuthorization)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n')
      return
    }
    const port = Number(/:(\d+)$/.exec(req.url ?? '')?.[1] ?? 443)
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    track(upstream)
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    close: () => {
      const closed = new Promise<void>(resolve => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      return closed
    }
  }
}
