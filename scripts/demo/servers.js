/**
 * Loopback servers that behave like the proxies a runner meets: one that works and also serves the checksum
 * database (as goproxy.cn does), one that works but answers slowly and does not serve the checksum database (as
 * some mirrors), one that accepts connections and never answers, and a port that refuses connections. All listen
 * on 127.0.0.1 only; close() destroys every open socket, so nothing outlives the demo.
 */
import http from 'node:http'
import net from 'node:net'
import { MODULES, PROBE_MODULE } from './modules.js'

const SUMDB = 'sum.golang.org'

/**
 * A stand-in for the signed tree head a proxy relays from sum.golang.org. The probe checks its shape only (the go
 * command checks the signature, and never needs it in this demo: the sample modules are in GONOSUMDB and go.sum).
 */
const STAND_IN_TREE_HEAD = `go.sum database tree\n1\n${Buffer.alloc(32).toString('base64')}\n\n— ${SUMDB} ${Buffer.alloc(68).toString('base64')}\n`

/** `github.com/!burnt!sushi` → `github.com/BurntSushi`, as the GOPROXY protocol escapes upper case. */
function unescape(text) {
  return text.replace(/!([a-z])/g, (_all, c) => c.toUpperCase())
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve(server.address().port)
    })
  })
}

function closer(server, sockets, timers = new Set()) {
  return () => {
    for (const t of timers) clearTimeout(t)
    const done = new Promise(resolve => server.close(() => resolve()))
    for (const s of sockets) s.destroy()
    return done
  }
}

function track(server, sockets) {
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
}

/**
 * A GOPROXY server for the demo modules (and the probe module's version list).
 * @param {{ latencyMs?: number, servesSumdb?: boolean }} options
 */
export async function startProxy(options = {}) {
  const byPath = new Map(MODULES.map(m => [m.path, m]))
  const sockets = new Set()
  const timers = new Set()
  let requests = 0
  const server = http.createServer((req, res) => {
    requests++
    const send = (status, body, type) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) })
      res.end(body)
    }
    const answer = () => {
      let urlPath
      try {
        urlPath = decodeURIComponent((req.url ?? '/').split('?')[0])
      } catch {
        return send(400, 'bad request\n', 'text/plain')
      }
      if (urlPath.startsWith(`/sumdb/${SUMDB}/`)) {
        if (!options.servesSumdb) return send(404, 'checksum database not proxied here\n', 'text/plain')
        if (urlPath.endsWith('/supported')) return send(200, '', 'text/plain')
        if (urlPath.endsWith('/latest')) return send(200, STAND_IN_TREE_HEAD, 'text/plain')
        return send(404, 'not found\n', 'text/plain')
      }
      const match = /^\/(.+)\/@v\/(?:(list)|(.+)\.(info|mod|zip))$/.exec(urlPath)
      const modulePath = match ? unescape(match[1]) : ''
      if (match && match[2] && modulePath === PROBE_MODULE.path) {
        return send(200, PROBE_MODULE.versions.map(v => `${v}\n`).join(''), 'text/plain')
      }
      const m = byPath.get(modulePath)
      if (!match || !m) return send(404, `not found: ${urlPath}\n`, 'text/plain')
      if (match[2]) return send(200, `${m.version}\n`, 'text/plain')
      if (unescape(match[3]) !== m.version)
        return send(404, `not found: ${m.path}@${match[3]}: unknown revision\n`, 'text/plain')
      if (match[4] === 'info') return send(200, m.info, 'application/json')
      if (match[4] === 'mod') return send(200, m.mod, 'text/plain')
      return send(200, Buffer.from(m.zip), 'application/zip')
    }
    if (!options.latencyMs) return answer()
    const t = setTimeout(() => {
      timers.delete(t)
      answer()
    }, options.latencyMs)
    timers.add(t)
  })
  track(server, sockets)
  const port = await listen(server)
  return { url: `http://127.0.0.1:${port}`, requests: () => requests, close: closer(server, sockets, timers) }
}

/** Accepts TCP connections and never reads or writes: the proxy that hangs go mod download forever over http. */
export async function startBlackhole() {
  const sockets = new Set()
  let accepted = 0
  const server = net.createServer({ pauseOnConnect: true }, socket => {
    accepted++
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listen(server)
  return { url: `http://127.0.0.1:${port}`, requests: () => accepted, close: closer(server, sockets) }
}

/** A loopback port nothing listens on (bound, then released): connecting is refused at once. */
export async function refusingUrl() {
  const server = net.createServer()
  const port = await listen(server)
  await new Promise(resolve => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
