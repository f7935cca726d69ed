/**
 * A real Go checksum database (sumdb) for tests, served on loopback.
 *
 * It speaks the protocol of golang.org/x/mod/sumdb (server.go): `/latest`, `/lookup/<path>@<version>` and
 * `/tile/<H>/<L>/<N>[.p/<W>]`, backed by a tamper-evident log ported from golang.org/x/mod/sumdb/tlog and tree heads
 * signed with an ed25519 key in the note format of golang.org/x/mod/sumdb/note. The real go command verifies the
 * signature, the inclusion proof of every record and the consistency of the tree across runs, so everything here
 * has to be byte-exact.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { auditServer } from './audit-log.js'

/** The go.sum lines of one module version, as the database stores them. */
export interface SumdbRecord {
  path: string
  version: string
  /** `h1:` hash of the module zip. */
  h1: string
  /** `h1:` hash of the module's go.mod. */
  goModH1: string
}

/**
 * Answers a lookup for a module the log does not hold yet; the answer is appended to the log (as sum.golang.org
 * does on first request). `undefined` means the module does not exist (404).
 */
export type SumdbResolver = (
  path: string,
  version: string
) => Pick<SumdbRecord, 'h1' | 'goModH1'> | undefined | Promise<Pick<SumdbRecord, 'h1' | 'goModH1'> | undefined>

export interface SumdbOptions {
  /** Database name, the first field of the verifier key (default `sum.test.local`). */
  name?: string
  /** Records to put in the log up front, or a resolver that fills the log on demand. */
  records?: SumdbRecord[] | SumdbResolver
  /** Accept every request and never answer it. */
  hang?: boolean
  /** Answer every request with this HTTP status and a text/plain body. */
  status?: number
  /**
   * The database plays the public checksum database: on close its request log is checked against `private` (the
   * test's GONOSUMDB/GOPRIVATE patterns) and recorded for the suite-wide privacy audit (audit-log.ts).
   */
  audit?: { private: string }
}

/** One request the database saw. `status` stays undefined while a request is left hanging. */
export interface SumdbRequestLog {
  method: string
  path: string
  status?: number
}

/** A checksum database without a listener, to mount in another server (see {@link SumdbDatabase.handle}). */
export interface SumdbDatabase {
  readonly name: string
  /** `name+hash+key`, the first field of GOSUMDB. */
  readonly verifierKey: string
  /** Number of records in the log. */
  readonly size: number
  /** Every request handled so far, in arrival order. */
  readonly requests: SumdbRequestLog[]
  /** Switched on or off at any time; see {@link SumdbOptions}. */
  hang: boolean
  status: number | undefined
  /** Appends a record to the log and returns its id (the existing id if the same record is already there). */
  add(record: SumdbRecord): number
  /**
   * Signs `text` (which must end in "\n") with the database's key, as a note: text, blank line, signature line.
   * For tests that forge answers only a holder of the key could make (a tree head with a wrong size).
   */
  signNote(text: string): string
  /**
   * Serves one request. `subpath` is the path below the database root, such as `/latest` or `/lookup/x@v1.0.0`,
   * so a GOPROXY test server can mount the database at `/sumdb/<name>/` by passing what follows that prefix.
   * `/supported` answers 200 for that reason. With `hang` on, `res` is left open: the caller must destroy its sockets.
   */
  handle(subpath: string, res: ServerResponse, method?: string): Promise<void>
}

export interface SumdbServer extends SumdbDatabase {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string
  /** `${verifierKey} ${url}`, ready for GOSUMDB. */
  readonly gosumdb: string
  /** Stops listening and destroys open connections (hanging ones too). Safe to call twice. */
  close(): Promise<void>
}

const ED25519_ALGORITHM = 0x01

/**
 * Builds a note verifier key the way note.NewEd25519VerifierKey does: `name+<8 hex digits>+base64(0x01 || key)`,
 * where the hex digits are the first 4 bytes of sha256(name + "\n" + 0x01 || key).
 */
export function verifierKeyFor(name: string, publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new Error(`ed25519 public key must be 32 bytes, got ${publicKey.length}`)
  const key = Buffer.concat([Buffer.from([ED25519_ALGORITHM]), publicKey])
  return `${name}+${keyHash(name, key).toString('hex')}+${key.toString('base64')}`
}

/** First 4 bytes of sha256(name "\n" key): the key hash that prefixes every signature. */
function keyHash(name: string, key: Buffer): Buffer {
  return sha256(Buffer.from(`${name}\n`), key).subarray(0, 4)
}

function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest()
}

// ---- tlog (golang.org/x/mod/sumdb/tlog/tlog.go), with numbers below 2^30 so JS bit operators are exact ----

/** RFC 6962 leaf hash: SHA256(0x00 || data). */
function recordHash(data: Buffer): Buffer {
  return sha256(Buffer.from([0x00]), data)
}

/** RFC 6962 interior node hash: SHA256(0x01 || left || right). */
function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(Buffer.from([0x01]), left, right)
}

/** Position of hash (level, n) in the dense storage order of Crosby and Wallach, as tlog stores and tiles it. */
function storedHashIndex(level: number, n: number): number {
  for (let l = level; l > 0; l--) n = 2 * n + 1
  let i = 0
  for (; n > 0; n >>= 1) i += n
  return i + level
}

/** Largest power of two strictly below n, and its log2. */
function maxpow2(n: number): [number, number] {
  let l = 0
  while (2 ** (l + 1) < n) l++
  return [2 ** l, l]
}

function trailingZeros(n: number): number {
  let count = 0
  while (n > 0 && (n & 1) === 0) {
    n >>= 1
    count++
  }
  return count
}

/** Storage indexes of the complete subtrees covering records [lo, hi), left to right. */
function subTreeIndex(lo: number, hi: number): number[] {
  const need: number[] = []
  while (lo < hi) {
    const [k, level] = maxpow2(hi - lo + 1)
    need.push(storedHashIndex(level, lo >> level))
    lo += k
  }
  return need
}

const EMPTY_TREE_HASH = sha256()

/** The in-memory log: record texts plus every stored hash, appended in storage order. */
class Log {
  readonly records: Buffer[] = []
  readonly hashes: Buffer[] = []

  append(text: Buffer): number {
    const n = this.records.length
    let h = recordHash(text)
    this.hashes.push(h)
    // Each trailing 1 bit of n completes a subtree whose left half is already stored.
    for (let i = 0; i < trailingZeros(n + 1); i++) {
      h = nodeHash(this.hashes[storedHashIndex(i, (n >> i) - 1)], h)
      this.hashes.push(h)
    }
    this.records.push(text)
    return n
  }

  treeHash(): Buffer {
    const hashes = subTreeIndex(0, this.records.length).map(index => this.hashes[index])
    if (hashes.length === 0) return EMPTY_TREE_HASH
    return hashes.reduceRight((right, left) => nodeHash(left, right))
  }
}

// ---- tiles (golang.org/x/mod/sumdb/tlog/tile.go) ----

interface Tile {
  /** Height: each tile covers 2^H hashes. */
  H: number
  /** Level in the tiling; -1 for record data. */
  L: number
  N: number
  W: number
}

/** Tile path as Tile.Path formats it, e.g. `tile/8/1/x001/234.p/5`. */
function tilePath(t: Tile): string {
  let n = t.N
  let nStr = String(n % 1000).padStart(3, '0')
  while (n >= 1000) {
    n = Math.floor(n / 1000)
    nStr = `x${String(n % 1000).padStart(3, '0')}/${nStr}`
  }
  const partial = t.W !== 2 ** t.H ? `.p/${t.W}` : ''
  return `tile/${t.H}/${t.L === -1 ? 'data' : t.L}/${nStr}${partial}`
}

/** ParseTilePath: accepts only canonical paths, as the Go server does. */
function parseTilePath(path: string): Tile | undefined {
  const match = /^tile\/(\d{1,2})\/(data|\d{1,2})\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d+))?$/.exec(path)
  if (!match) return undefined
  const H = Number(match[1])
  const L = match[2] === 'data' ? -1 : Number(match[2])
  const N = match[3].split('/').reduce((n, part) => n * 1000 + Number(part.replace('x', '')), 0)
  const W = match[4] === undefined ? 2 ** H : Number(match[4])
  if (H < 1 || H > 30 || L > 63 || W < 1 || W > 2 ** H) return undefined
  const tile = { H, L, N, W }
  return tilePath(tile) === path ? tile : undefined
}

/** Concatenated hashes of a hash tile, or undefined when the tree does not hold all of them yet. */
function readTileData(log: Log, t: Tile): Buffer | undefined {
  const start = t.N * 2 ** t.H
  const hashes: Buffer[] = []
  for (let i = 0; i < t.W; i++) {
    // Storage is dense and in order, so an index below the count is a hash that exists.
    const hash = log.hashes[storedHashIndex(t.H * t.L, start + i)]
    if (hash === undefined) return undefined
    hashes.push(hash)
  }
  return Buffer.concat(hashes)
}

// ---- module path escaping (golang.org/x/mod/module) ----

/** Undoes the `!`-escaping of upper-case letters; undefined for text that is not a valid escaped form. */
function unescapeCase(escaped: string): string | undefined {
  let out = ''
  let bang = false
  for (const c of escaped) {
    if (bang) {
      if (c < 'a' || c > 'z') return undefined
      out += c.toUpperCase()
      bang = false
    } else if (c === '!') {
      bang = true
    } else if (c >= 'A' && c <= 'Z') {
      return undefined
    } else {
      out += c
    }
  }
  return bang ? undefined : out
}

const MOD_VER = /^[^@]+@v[0-9]+\.[0-9]+\.[0-9]+(-[^@]*)?(\+incompatible)?$/

function formatRecord(record: SumdbRecord): Buffer {
  for (const field of [record.path, record.version, record.h1, record.goModH1]) {
    if (field === '' || /\s/.test(field)) throw new Error(`invalid sumdb record field ${JSON.stringify(field)}`)
  }
  const { path, version } = record
  return Buffer.from(`${path} ${version} ${record.h1}\n${path} ${version}/go.mod ${record.goModH1}\n`)
}

/**
 * Creates a checksum database with a fresh ed25519 key, without a listener.
 * Mount it in a test GOPROXY server with {@link SumdbDatabase.handle}, or use {@link startSumdb}.
 */
export function createSumdb(options: SumdbOptions = {}): SumdbDatabase {
  const name = options.name ?? 'sum.test.local'
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const rawKey = rawPublicKey(publicKey)
  const verifierKey = verifierKeyFor(name, rawKey)
  const signatureKeyHash = keyHash(name, Buffer.concat([Buffer.from([ED25519_ALGORITHM]), rawKey]))
  const log = new Log()
  const ids = new Map<string, number>()
  const pending = new Map<string, Promise<number | undefined>>()
  const resolver = typeof options.records === 'function' ? options.records : undefined
  const requests: SumdbRequestLog[] = []

  const add = (record: SumdbRecord): number => {
    const key = `${record.path}@${record.version}`
    const text = formatRecord(record)
    const existing = ids.get(key)
    if (existing !== undefined) {
      // A checksum database never rewrites history: a second, different record would be a fork.
      if (!log.records[existing].equals(text)) throw new Error(`sumdb already holds a different record for ${key}`)
      return existing
    }
    const id = log.append(text)
    ids.set(key, id)
    return id
  }

  const signNote = (text: string): string => {
    if (!text.endsWith('\n')) throw new Error('a note text must end in a newline')
    const signature = sign(null, Buffer.from(text), privateKey)
    return `${text}\n— ${name} ${Buffer.concat([signatureKeyHash, signature]).toString('base64')}\n`
  }

  /** The signed tree head: "go.sum database tree\nN\nhash\n", a blank line, then "— name base64(keyhash || sig)". */
  const signedTree = (): string =>
    signNote(`go.sum database tree\n${log.records.length}\n${log.treeHash().toString('base64')}\n`)

  const lookup = async (path: string, version: string): Promise<number | undefined> => {
    const key = `${path}@${version}`
    const known = ids.get(key)
    if (known !== undefined || resolver === undefined) return known
    // Concurrent lookups of one module must append it once.
    let promise = pending.get(key)
    if (promise === undefined) {
      promise = Promise.resolve(resolver(path, version)).then(hashes =>
        hashes === undefined ? undefined : add({ path, version, ...hashes })
      )
      pending.set(key, promise)
      void promise.finally(() => pending.delete(key)).catch(() => undefined)
    }
    return promise
  }

  const db: SumdbDatabase = {
    name,
    verifierKey,
    get size() {
      return log.records.length
    },
    requests,
    hang: options.hang ?? false,
    status: options.status,
    add,
    signNote,
    async handle(subpath, res, method = 'GET') {
      const entry: SumdbRequestLog = { method, path: subpath }
      requests.push(entry)
      if (db.hang) return
      const reply = (status: number, body: string | Buffer, type = 'text/plain; charset=UTF-8'): void => {
        entry.status = status
        res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) })
        res.end(method === 'HEAD' ? undefined : body)
      }
      if (db.status !== undefined) return reply(db.status, `sumdb test server: status ${db.status}\n`)
      if (method !== 'GET' && method !== 'HEAD') return reply(405, 'method not allowed\n')
      let path: string
      try {
        path = decodeURIComponent(subpath.split('?')[0])
      } catch {
        return reply(400, 'malformed URL escape\n')
      }
      if (path === '/latest') return reply(200, signedTree())
      if (path === '/supported') return reply(200, '')
      if (path.startsWith('/lookup/')) {
        const modVer = path.slice('/lookup/'.length)
        if (!MOD_VER.test(modVer)) return reply(400, 'invalid module@version syntax\n')
        const at = modVer.indexOf('@')
        const modPath = unescapeCase(modVer.slice(0, at))
        const version = unescapeCase(modVer.slice(at + 1))
        if (modPath === undefined || version === undefined) return reply(400, 'invalid escaped module path\n')
        let id: number | undefined
        try {
          id = await lookup(modPath, version)
        } catch (error) {
          return reply(500, `${error instanceof Error ? error.message : String(error)}\n`)
        }
        if (id === undefined) return reply(404, 'not found\n')
        return reply(200, `${id}\n${log.records[id]}\n${signedTree()}`)
      }
      if (path.startsWith('/tile/')) {
        const tile = parseTilePath(path.slice(1))
        if (tile === undefined) return reply(400, 'invalid tile syntax\n')
        if (tile.L === -1) {
          const start = tile.N * 2 ** tile.H
          if (start + tile.W > log.records.length) return reply(404, 'tile not found\n')
          const records = log.records.slice(start, start + tile.W).map((text, i) => `${start + i}\n${text}\n`)
          return reply(200, records.join(''))
        }
        const data = readTileData(log, tile)
        if (data === undefined) return reply(404, 'tile not found\n')
        return reply(200, data, 'application/octet-stream')
      }
      return reply(404, 'not found\n')
    }
  }
  if (Array.isArray(options.records)) options.records.forEach(add)
  return db
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' })
  if (jwk.x === undefined) throw new Error('ed25519 public key has no x coordinate')
  return Buffer.from(jwk.x, 'base64url')
}

/**
 * Starts a checksum database on 127.0.0.1 with a fresh key. Pass `gosumdb` as GOSUMDB to make the go command
 * verify every download against it, bypassing GOPROXY for checksum traffic.
 */
export async function startSumdb(options: SumdbOptions = {}): Promise<SumdbServer> {
  const db = createSumdb(options)
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    void db.handle(req.url ?? '/', res, req.method ?? 'GET').catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)))
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  let closing: Promise<void> | undefined
  return Object.defineProperties(db as SumdbServer, {
    url: { value: url, enumerable: true },
    gosumdb: { value: `${db.verifierKey} ${url}`, enumerable: true },
    close: {
      value: (): Promise<void> => {
        if (!closing && options.audit) auditServer('public checksum database', url, options.audit.private, db.requests)
        closing ??= new Promise<void>(resolve => {
          server.close(() => resolve())
          for (const socket of sockets) socket.destroy()
        })
        return closing
      }
    }
  })
}
