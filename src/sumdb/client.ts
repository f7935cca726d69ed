/**
 * A checksum-database client that verifies one module version the way the go command does (golang.org/x/mod/sumdb
 * client.go), without a go binary: it looks the module up, checks the signed tree head, proves the record under it
 * through the database's tiles and reads the hashes from the proven record text only.
 */
import { escapeModulePath, moduleRequestPath } from '../go/module/path.js'
import { parseLookup, recordHashes } from '../go/sumdb/lookup.js'
import { openNote, parseVerifierKey, type Ed25519Verify } from '../go/sumdb/note.js'
import {
  HASH_SIZE,
  TILE_HEIGHT,
  TlogError,
  checkTree,
  decodeBase64,
  parseTree,
  proveTree,
  recordHash,
  sameHash,
  storedHashIndex,
  tileHashReader,
  tilePath,
  type Tile,
  type Tree
} from '../go/sumdb/tlog.js'

/** An HTTP GET below the database root (`/lookup/...`, `/tile/...`), provided by the caller's HTTP client. */
export type SumdbFetch = (pathUnderDb: string) => Promise<{ status: number; body: Uint8Array } | { error: string }>

/**
 * Why a verification failed:
 * - `signature`: the verifier key is malformed, or the tree head note is malformed, signed only by unknown keys
 *   (another key, or the right name with another key hash) or its signature does not verify;
 * - `tree`: the signed tree head is malformed, does not hold the record's id, claims records the database serves no
 *   tiles for, or is not consistent with `knownTree`;
 * - `tile`: a tile has the wrong length, does not match its parent tile, or the tiles do not rebuild the signed root;
 * - `record`: the lookup answer is malformed, its record text is not the one the tree holds, or the proven text lacks
 *   exactly one h1 line and one go.mod h1 line for the requested path and version (or names anything else);
 * - `not-found`: the database answered 404/410 to the lookup;
 * - `mismatch`: the proven hashes differ from `zipH1` / `goModH1`;
 * - `network`: a transport error, another HTTP status, or the request cap was reached.
 */
export type SumdbFailure = 'signature' | 'tree' | 'tile' | 'record' | 'not-found' | 'mismatch' | 'network'

/** The outcome of {@link verifyModule}. */
export type SumdbVerification =
  | {
      readonly ok: true
      /** `h1:` of the module zip, as the database's proven record holds it. */
      readonly h1: string
      /** `h1:` of the module's go.mod. */
      readonly goModH1: string
      /** Size of the signed tree the record was proven in. */
      readonly treeSize: number
      /** That tree's root hash (base64), to keep as `knownTree` for later verifications. */
      readonly treeHash: string
    }
  | { readonly ok: false; readonly reason: SumdbFailure; readonly message: string }

/** What {@link verifyModule} needs. */
export interface VerifyModuleOptions {
  readonly fetch: SumdbFetch
  /** The verifier key `name+hash+base64key` (GOSUMDB's first field). */
  readonly key: string
  /** Module path and version, unescaped (`golang.org/toolchain`, `v0.0.1-go1.23.5.linux-amd64`). */
  readonly path: string
  readonly version: string
  /** When given, the database's zip hash must equal it (`mismatch` otherwise). */
  readonly zipH1?: string
  /** When given, the database's go.mod hash must equal it. */
  readonly goModH1?: string
  /**
   * A tree head verified earlier (size and base64 root). The lookup's tree must be consistent with it (one must be
   * a prefix of the other), or the database has forked its history: `tree`.
   */
  readonly knownTree?: { readonly size: number; readonly hash: string }
  /** Cap on HTTP requests (lookup and tiles, fallbacks included); default 40. */
  readonly maxRequests?: number
  /** Ed25519 verification; node:crypto by default. */
  readonly verify?: Ed25519Verify
}

class Failure extends Error {
  constructor(
    readonly reason: SumdbFailure,
    message: string
  ) {
    super(message)
  }
}

const DEFAULT_MAX_REQUESTS = 40

/**
 * Verifies `path@version` against the checksum database behind `fetch`. Never throws: every failure is a result
 * with a reason and a message that says what failed.
 */
export async function verifyModule(options: VerifyModuleOptions): Promise<SumdbVerification> {
  try {
    return await verify(options)
  } catch (error) {
    if (error instanceof Failure) return { ok: false, reason: error.reason, message: error.message }
    if (error instanceof TlogError) {
      return { ok: false, reason: error.kind, message: `${options.path}@${options.version}: ${error.message}` }
    }
    // Not a verdict about the database: still a failure (never a pass), said as unexpected.
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: 'network', message: `${options.path}@${options.version}: unexpected error: ${message}` }
  }
}

async function verify(options: VerifyModuleOptions): Promise<SumdbVerification> {
  const { path, version } = options
  const verifier = parseVerifierKey(options.key)
  if (typeof verifier === 'string') throw new Failure('signature', verifier)
  if (!/^[^\s@]+$/.test(path) || !/^v[^\s@/]*$/.test(version)) {
    throw new Failure('record', `${JSON.stringify(`${path}@${version}`)} is not a module path and version`)
  }
  const where = `${verifier.name}: ${path}@${version}`
  const maxRequests = options.maxRequests ?? DEFAULT_MAX_REQUESTS
  let requests = 0
  const get = async (sub: string): Promise<{ status: number; body: Uint8Array }> => {
    if (++requests > maxRequests) {
      throw new Failure('network', `${where}: verification needs more than ${maxRequests} requests (at ${sub})`)
    }
    let answer: Awaited<ReturnType<SumdbFetch>>
    try {
      answer = await options.fetch(sub)
    } catch (error) {
      answer = { error: error instanceof Error ? error.message : String(error) }
    }
    if ('error' in answer) throw new Failure('network', `${where}: GET ${sub}: ${answer.error}`)
    return answer
  }

  const lookupPath = `/lookup/${moduleRequestPath(path)}@${versionRequestPath(version)}`
  const lookup = await get(lookupPath)
  if (lookup.status === 404 || lookup.status === 410) {
    throw new Failure('not-found', `${where}: the database does not know it (${lookup.status}${snippet(lookup.body)})`)
  }
  if (lookup.status !== 200) {
    throw new Failure('network', `${where}: GET ${lookupPath} answered ${lookup.status}${snippet(lookup.body)}`)
  }
  const answer = parseLookup(lookup.body)
  if (typeof answer === 'string') throw new Failure('record', `${where}: ${answer}`)

  const note = openNote(answer.treeNote, [verifier], options.verify)
  if (typeof note === 'string') throw new Failure('signature', `${where}: the tree head note: ${note}`)
  const tree = parseTree(note.text)
  if (typeof tree === 'string') throw new Failure('tree', `${where}: the signed tree head: ${tree}`)
  if (answer.id >= tree.size) {
    throw new Failure('tree', `${where}: record ${answer.id} is not in the signed tree of ${tree.size} records`)
  }

  const fetchTiles = tileFetcher(get, where)
  const [leaf] = await tileHashReader(tree, TILE_HEIGHT, fetchTiles)([storedHashIndex(0, answer.id)])
  if (!sameHash(leaf, recordHash(answer.text))) {
    throw new Failure('record', `${where}: the record text is not what the signed tree holds as record ${answer.id}`)
  }
  if (options.knownTree) await checkConsistent(options.knownTree, tree, fetchTiles, where)

  // Only now is the text authenticated; the hashes come from it alone (never from the id or note around it).
  const hashes = recordHashes(answer.text, path, version)
  if (typeof hashes === 'string') throw new Failure('record', `${where}: ${hashes}`)
  if (options.zipH1 !== undefined && options.zipH1 !== hashes.h1) {
    throw new Failure(
      'mismatch',
      `${where}: the zip hashes to ${options.zipH1}, the checksum database has ${hashes.h1}`
    )
  }
  if (options.goModH1 !== undefined && options.goModH1 !== hashes.goModH1) {
    throw new Failure(
      'mismatch',
      `${where}: go.mod hashes to ${options.goModH1}, the checksum database has ${hashes.goModH1}`
    )
  }
  return {
    ok: true,
    h1: hashes.h1,
    goModH1: hashes.goModH1,
    treeSize: tree.size,
    treeHash: Buffer.from(tree.hash).toString('base64')
  }
}

/** Proves that the older of two trees is a prefix of the newer one (client.go checkTrees). */
async function checkConsistent(
  known: { size: number; hash: string },
  tree: Tree,
  fetchTiles: ReturnType<typeof tileFetcher>,
  where: string
): Promise<void> {
  const knownHash = decodeBase64(known.hash)
  if (!Number.isSafeInteger(known.size) || known.size < 0 || knownHash?.length !== HASH_SIZE) {
    throw new Failure('tree', `${where}: the known tree head (${known.size}, ${known.hash}) is malformed`)
  }
  const old: Tree = { size: known.size, hash: knownHash }
  if (old.size === tree.size) {
    if (!sameHash(old.hash, tree.hash)) {
      throw new Failure('tree', `${where}: the database signed two different trees of ${tree.size} records (a fork)`)
    }
    return
  }
  if (old.size === 0) return
  const [small, large] = old.size < tree.size ? [old, tree] : [tree, old]
  try {
    const proof = await proveTree(large.size, small.size, tileHashReader(large, TILE_HEIGHT, fetchTiles))
    checkTree(proof, large.size, large.hash, small.size, small.hash)
  } catch (error) {
    if (error instanceof TlogError) {
      throw new Failure(
        'tree',
        `${where}: the signed tree of ${tree.size} records is not consistent with the known tree of ${old.size}: ${error.message}`
      )
    }
    throw error
  }
}

/**
 * Fetches tiles in parallel, each once. A partial tile the server no longer has falls back to the full tile
 * (the tile was completed since), cut to the width asked for, as client.go readTile does.
 */
function tileFetcher(
  get: (sub: string) => Promise<{ status: number; body: Uint8Array }>,
  where: string
): (tiles: readonly Tile[]) => Promise<Uint8Array[]> {
  const cache = new Map<string, Promise<Uint8Array>>()
  const fetchOne = async (tile: Tile): Promise<Uint8Array> => {
    const path = `/${tilePath(tile)}`
    const first = await get(path)
    if (first.status === 200) return first.body
    const fullWidth = 2 ** tile.H
    if (tile.W !== fullWidth && (first.status === 404 || first.status === 410)) {
      const full = { ...tile, W: fullWidth }
      const second = await get(`/${tilePath(full)}`)
      if (second.status === 200) {
        if (second.body.length !== fullWidth * HASH_SIZE) {
          throw new Failure(
            'tile',
            `${where}: tile ${tilePath(full)} has ${second.body.length} bytes, want ${fullWidth * HASH_SIZE}`
          )
        }
        return second.body.subarray(0, tile.W * HASH_SIZE)
      }
    }
    if (first.status === 404 || first.status === 410) {
      // An honest database serves every tile of every tree it signs: the signed size claims records it lacks.
      throw new Failure(
        'tree',
        `${where}: the database has no ${tilePath(tile)} (${first.status}), which its signed tree head needs`
      )
    }
    throw new Failure('network', `${where}: GET ${path} answered ${first.status}${snippet(first.body)}`)
  }
  return async tiles =>
    Promise.all(
      tiles.map(tile => {
        const key = tilePath(tile)
        let pending = cache.get(key)
        if (pending === undefined) {
          pending = fetchOne(tile)
          cache.set(key, pending)
        }
        return pending
      })
    )
}

/** A version on the wire: case-encoded, percent-encoded, `!` as `%21`, but `+` literal as the go command sends it. */
function versionRequestPath(version: string): string {
  return encodeURIComponent(escapeModulePath(version)).replace(/!/g, '%21').replace(/%2B/g, '+')
}

/** A short, printable quote of an error body. */
function snippet(body: Uint8Array): string {
  const text = Buffer.from(body.subarray(0, 200))
    .toString('utf8')
    .replace(/[^\x20-\x7e]+/g, ' ')
    .trim()
  return text === '' ? '' : `: ${text}`
}
