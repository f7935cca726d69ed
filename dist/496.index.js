export const id = 496;
export const ids = [496];
export const modules = {

/***/ 4661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ sumdbRoute)
/* harmony export */ });
/**
 * Decides which path the go command takes to the checksum database, exactly as its
 * dbClient.initBase walks TryProxies: each proxy in order is asked `/sumdb/<name>/supported`;
 * 200 → through that proxy; 404/410 → the next entry whatever the separator; another
 * error → the next entry only after `|`, and it is remembered: reaching `direct` then
 * goes direct, but reaching `off` or the end of the list fails with that error (Go
 * ranks a proxy error above the not-found of `off`). `supported` gives the answer of
 * a proxy URL, undefined while unknown.
 */
function sumdbRoute(chain, sumdb, supported) {
    if (sumdb.kind === 'off')
        return { kind: 'off' };
    if (sumdb.explicitUrl)
        return { kind: 'explicit', base: sumdb.url };
    let error;
    for (const entry of chain.proxies) {
        const answer = supported(entry.url);
        if (answer === undefined)
            return { kind: 'pending', proxy: entry.url };
        if (answer.support === 'yes')
            return { kind: 'proxy', proxy: entry.url };
        if (answer.support === 'no')
            continue;
        error = { proxy: entry.url, message: answer.message };
        if (entry.separator === ',')
            return { kind: 'fails', ...error };
    }
    if (chain.terminal === 'direct' || !error)
        return { kind: 'direct', base: sumdb.url };
    return { kind: 'fails', ...error };
}


/***/ }),

/***/ 724:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RX: () => (/* binding */ checkTree),
/* harmony export */   Ts: () => (/* binding */ HASH_SIZE),
/* harmony export */   VM: () => (/* binding */ TILE_HEIGHT),
/* harmony export */   cZ: () => (/* binding */ parseTree),
/* harmony export */   df: () => (/* binding */ sameHash),
/* harmony export */   oj: () => (/* binding */ recordHash),
/* harmony export */   pe: () => (/* binding */ proveTree),
/* harmony export */   qd: () => (/* binding */ storedHashIndex),
/* harmony export */   u1: () => (/* binding */ tileHashReader),
/* harmony export */   uB: () => (/* binding */ tilePath),
/* harmony export */   vc: () => (/* binding */ TlogError),
/* harmony export */   y4: () => (/* binding */ decodeBase64)
/* harmony export */ });
/* unused harmony exports nodeHash, EMPTY_TREE_HASH, splitStoredHashIndex, storedHashCount, treeHash, proveRecord, checkRecord, formatTree, tileForIndex, hashFromTile, parseTilePath */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The tamper-evident log of a Go checksum database, ported from golang.org/x/mod/sumdb/tlog (tlog.go, tile.go,
 * note.go). Numbers are JS numbers: exact below 2^53, far beyond any real log (sum.golang.org holds ~10^8 records),
 * so every bit operation of the Go code is written as arithmetic on powers of two.
 */

/** Size of a SHA-256 hash in bytes. */
const HASH_SIZE = 32;
/** The tile height the Go checksum database serves (sumdb client.go: tileHeight = 8). */
const TILE_HEIGHT = 8;
/** A failure of the log's proofs; `kind` says whether the tree head or a tile is to blame. */
class TlogError extends Error {
    kind;
    constructor(kind, message) {
        super(message);
        this.kind = kind;
        this.name = 'TlogError';
    }
}
function sha256(...parts) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for (const part of parts)
        hash.update(part);
    return new Uint8Array(hash.digest());
}
/** True when two hashes hold the same bytes. */
function sameHash(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
/** RFC 6962 leaf hash of a record: SHA-256(0x00 ‖ data). */
function recordHash(data) {
    return sha256(Uint8Array.of(0x00), data);
}
/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
function nodeHash(left, right) {
    return sha256(Uint8Array.of(0x01), left, right);
}
/** The hash of an empty tree: SHA-256 of nothing. */
const EMPTY_TREE_HASH = sha256();
const pow2 = (k) => 2 ** k;
const shr = (n, k) => Math.floor(n / 2 ** k);
function trailingZeros(n) {
    let count = 0;
    while (n > 0 && n % 2 === 0) {
        n /= 2;
        count++;
    }
    return count;
}
/** The largest power of two strictly below n (n > 1), and its log2: tlog's maxpow2. */
function maxpow2(n) {
    let l = 0;
    while (pow2(l + 1) < n)
        l++;
    return [pow2(l), l];
}
/** Position of hash (level, n) in the log's dense storage order (tlog.StoredHashIndex). */
function storedHashIndex(level, n) {
    for (let l = level; l > 0; l--)
        n = 2 * n + 1;
    let i = 0;
    for (; n > 0; n = shr(n, 1))
        i += n;
    return i + level;
}
/** The inverse of {@link storedHashIndex}: the level and number of a storage index. */
function splitStoredHashIndex(index) {
    // Determine the level 0 hash just before index, then walk forward.
    let n = Math.floor(index / 2);
    let indexN = storedHashIndex(0, n);
    for (;;) {
        const x = indexN + 1 + trailingZeros(n + 1);
        if (x > index)
            break;
        n++;
        indexN = x;
    }
    const level = index - indexN;
    return [level, shr(n, level)];
}
/** Number of stored hashes in a log of n records (tlog.StoredHashCount). */
function storedHashCount(n) {
    if (n === 0)
        return 0;
    let count = storedHashIndex(0, n - 1) + 1;
    for (let i = n - 1; i % 2 === 1; i = shr(i, 1))
        count++;
    return count;
}
/** Storage indexes of the complete subtrees covering records [lo, hi), left to right. */
function subTreeIndex(lo, hi, need) {
    while (lo < hi) {
        const [k, level] = maxpow2(hi - lo + 1);
        need.push(storedHashIndex(level, shr(lo, level)));
        lo += k;
    }
    return need;
}
/** Hashes the subtrees covering [lo, hi) from the front of `hashes`; returns the hash and what is left. */
function subTreeHash(lo, hi, hashes) {
    let numTree = 0;
    while (lo < hi) {
        numTree++;
        lo += maxpow2(hi - lo + 1)[0];
    }
    let h = hashes[numTree - 1];
    for (let i = numTree - 2; i >= 0; i--)
        h = nodeHash(hashes[i], h);
    return [h, hashes.slice(numTree)];
}
async function readExactly(reader, indexes) {
    const hashes = await reader(indexes);
    if (hashes.length !== indexes.length) {
        throw new TlogError('tile', `the hash reader returned ${hashes.length} hashes for ${indexes.length} indexes`);
    }
    return hashes;
}
/** The root hash of a tree of n records, from stored hashes (tlog.TreeHash). */
async function treeHash(n, reader) {
    if (n === 0)
        return EMPTY_TREE_HASH;
    const indexes = subTreeIndex(0, n, []);
    return subTreeHash(0, n, await readExactly(reader, indexes))[0];
}
function leafProofIndex(lo, hi, n, need) {
    if (lo + 1 === hi)
        return need;
    const [k] = maxpow2(hi - lo);
    if (n < lo + k) {
        leafProofIndex(lo, lo + k, n, need);
        subTreeIndex(lo + k, hi, need);
    }
    else {
        subTreeIndex(lo, lo + k, need);
        leafProofIndex(lo + k, hi, n, need);
    }
    return need;
}
function leafProof(lo, hi, n, hashes) {
    if (lo + 1 === hi)
        return [[], hashes];
    const [k] = maxpow2(hi - lo);
    let p;
    let th;
    if (n < lo + k) {
        ;
        [p, hashes] = leafProof(lo, lo + k, n, hashes);
        [th, hashes] = subTreeHash(lo + k, hi, hashes);
    }
    else {
        ;
        [th, hashes] = subTreeHash(lo, lo + k, hashes);
        [p, hashes] = leafProof(lo + k, hi, n, hashes);
    }
    return [[...p, th], hashes];
}
function checkInteger(what, value) {
    if (!Number.isSafeInteger(value) || value < 0)
        throw new TlogError('tree', `${what} ${value} is not a record count`);
}
/** The proof that record n is in a tree of t records (tlog.ProveRecord). */
async function proveRecord(t, n, reader) {
    checkInteger('tree size', t);
    checkInteger('record', n);
    if (n >= t)
        throw new TlogError('tree', `record ${n} is not in a tree of ${t} records`);
    const indexes = leafProofIndex(0, t, n, []);
    if (indexes.length === 0)
        return [];
    return leafProof(0, t, n, await readExactly(reader, indexes))[0];
}
function runRecordProof(p, lo, hi, n, leaf) {
    if (lo + 1 === hi) {
        if (p.length !== 0)
            throw new TlogError('tree', 'invalid transparency proof');
        return leaf;
    }
    if (p.length === 0)
        throw new TlogError('tree', 'invalid transparency proof');
    const [k] = maxpow2(hi - lo);
    const last = p[p.length - 1];
    if (n < lo + k)
        return nodeHash(runRecordProof(p.slice(0, -1), lo, lo + k, n, leaf), last);
    return nodeHash(last, runRecordProof(p.slice(0, -1), lo + k, hi, n, leaf));
}
/** Checks that `proof` proves record n with leaf hash `leaf` in the tree of t records with root `root`. */
function checkRecord(proof, t, root, n, leaf) {
    checkInteger('tree size', t);
    checkInteger('record', n);
    if (n >= t)
        throw new TlogError('tree', `record ${n} is not in a tree of ${t} records`);
    if (!sameHash(runRecordProof(proof, 0, t, n, leaf), root)) {
        throw new TlogError('tree', `the proof does not lead from record ${n} to the root of the tree of ${t} records`);
    }
}
function treeProofIndex(lo, hi, n, need) {
    if (n === hi)
        return lo === 0 ? need : subTreeIndex(lo, hi, need);
    const [k] = maxpow2(hi - lo);
    if (n <= lo + k) {
        treeProofIndex(lo, lo + k, n, need);
        subTreeIndex(lo + k, hi, need);
    }
    else {
        subTreeIndex(lo, lo + k, need);
        treeProofIndex(lo + k, hi, n, need);
    }
    return need;
}
function treeProof(lo, hi, n, hashes) {
    if (n === hi) {
        if (lo === 0)
            return [[], hashes];
        const [th, rest] = subTreeHash(lo, hi, hashes);
        return [[th], rest];
    }
    const [k] = maxpow2(hi - lo);
    let p;
    let th;
    if (n <= lo + k) {
        ;
        [p, hashes] = treeProof(lo, lo + k, n, hashes);
        [th, hashes] = subTreeHash(lo + k, hi, hashes);
    }
    else {
        ;
        [th, hashes] = subTreeHash(lo, lo + k, hashes);
        [p, hashes] = treeProof(lo + k, hi, n, hashes);
    }
    return [[...p, th], hashes];
}
/** The proof that the tree of n records is a prefix of the tree of t records (tlog.ProveTree). */
async function proveTree(t, n, reader) {
    checkInteger('tree size', t);
    checkInteger('tree size', n);
    if (t < 1 || n < 1 || n > t)
        throw new TlogError('tree', `cannot prove a tree of ${n} records in one of ${t}`);
    const indexes = treeProofIndex(0, t, n, []);
    if (indexes.length === 0)
        return [];
    return treeProof(0, t, n, await readExactly(reader, indexes))[0];
}
function runTreeProof(p, lo, hi, n, old) {
    const fail = () => {
        throw new TlogError('tree', 'invalid tree consistency proof');
    };
    if (n === hi) {
        if (lo === 0)
            return p.length === 0 ? [old, old] : fail();
        return p.length === 1 ? [p[0], p[0]] : fail();
    }
    if (p.length === 0)
        fail();
    const [k] = maxpow2(hi - lo);
    const last = p[p.length - 1];
    if (n <= lo + k) {
        const [oh, th] = runTreeProof(p.slice(0, -1), lo, lo + k, n, old);
        return [oh, nodeHash(th, last)];
    }
    const [oh, th] = runTreeProof(p.slice(0, -1), lo + k, hi, n, old);
    return [nodeHash(last, oh), nodeHash(last, th)];
}
/**
 * Checks that the tree `(n, oldRoot)` is a prefix of the tree `(t, root)` (tlog.CheckTree): an older tree head a
 * client kept must be contained in every newer one, or the database has forked its history.
 */
function checkTree(proof, t, root, n, oldRoot) {
    checkInteger('tree size', t);
    checkInteger('tree size', n);
    if (t < 1 || n < 1 || n > t)
        throw new TlogError('tree', `cannot check a tree of ${n} records in one of ${t}`);
    const [oh, th] = runTreeProof(proof, 0, t, n, oldRoot);
    if (!sameHash(th, root) || !sameHash(oh, oldRoot)) {
        throw new TlogError('tree', `the tree of ${n} records is not a prefix of the tree of ${t} records`);
    }
}
// ---- tree heads (tlog/note.go) ----
const TREE_PREFIX = 'go.sum database tree\n';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Decodes standard padded base64 as strictly as Go's base64.StdEncoding (Buffer.from silently skips junk). */
function decodeBase64(text) {
    if (!BASE64.test(text))
        return undefined;
    const bytes = new Uint8Array(Buffer.from(text, 'base64'));
    // Stricter than Go on one point: non-zero padding bits (Go's non-strict decoder accepts them) are refused, so
    // that one value has one spelling. Databases and note signers emit canonical base64.
    return Buffer.from(bytes).toString('base64') === text ? bytes : undefined;
}
/**
 * Parses a tree head text `go.sum database tree\n<N>\n<base64 hash>\n` (tlog.ParseTree): N canonical decimal, the
 * hash exactly 32 bytes; extra lines after the hash are ignored for forward compatibility, as Go does.
 */
function parseTree(text) {
    const lines = text.split('\n');
    if (!text.startsWith(TREE_PREFIX) || lines.length < 4 || text.length > 1e6)
        return 'it is not a tree head';
    const sizeText = lines[1];
    const size = Number(sizeText);
    if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(size)) {
        return `its size ${JSON.stringify(sizeText)} is not a canonical record count`;
    }
    const hash = decodeBase64(lines[2]);
    if (hash === undefined || hash.length !== HASH_SIZE)
        return `its hash ${JSON.stringify(lines[2])} is not 32 base64 bytes`;
    return { size, hash };
}
/** The tree head text the database signs for `tree` (tlog.FormatTree). */
function formatTree(tree) {
    return `${TREE_PREFIX}${tree.size}\n${Buffer.from(tree.hash).toString('base64')}\n`;
}
// ---- tiles (tlog/tile.go) ----
/** The tile of height h and least width that stores the hash at `index`, and the byte range of it. */
function tileForIndexRange(h, index) {
    const [level0, n0] = splitStoredHashIndex(index);
    const L = Math.floor(level0 / h);
    const level = level0 - L * h;
    const N = shr(n0 * pow2(level), h);
    const n = n0 - (N * pow2(h)) / pow2(level);
    const W = (n + 1) * pow2(level);
    return [{ H: h, L, N, W }, n * pow2(level) * HASH_SIZE, (n + 1) * pow2(level) * HASH_SIZE];
}
/** The tile of height h ≥ 1 and least width that stores the hash at `index` (tlog.TileForIndex). */
function tileForIndex(h, index) {
    return tileForIndexRange(h, index)[0];
}
/** The subtree hash of 2^k consecutive hashes (tlog's tileHash). */
function tileHash(data) {
    if (data.length === HASH_SIZE)
        return data;
    const half = data.length / 2;
    return nodeHash(tileHash(data.subarray(0, half)), tileHash(data.subarray(half)));
}
/** The hash at storage index `index`, read from the data of tile `t` (tlog.HashFromTile). */
function hashFromTile(t, data, index) {
    if (t.H < 1 || t.H > 30 || t.L < 0 || t.L >= 64 || t.W < 1 || t.W > pow2(t.H)) {
        throw new TlogError('tile', `invalid tile ${tilePath(t)}`);
    }
    if (data.length < t.W * HASH_SIZE) {
        throw new TlogError('tile', `tile ${tilePath(t)} has ${data.length} bytes, want ${t.W * HASH_SIZE}`);
    }
    const [t1, start, end] = tileForIndexRange(t.H, index);
    if (t.L !== t1.L || t.N !== t1.N || t.W < t1.W) {
        throw new TlogError('tile', `index ${index} is in ${tilePath(t1)}, not in ${tilePath(t)}`);
    }
    return tileHash(data.subarray(start, end));
}
/** The tile's coordinate path, e.g. `tile/8/1/x001/234.p/5` (tlog.Tile.Path). */
function tilePath(t) {
    let n = t.N;
    let nStr = String(n % 1000).padStart(3, '0');
    while (n >= 1000) {
        n = Math.floor(n / 1000);
        nStr = `x${String(n % 1000).padStart(3, '0')}/${nStr}`;
    }
    const partial = t.W !== pow2(t.H) ? `.p/${t.W}` : '';
    return `tile/${t.H}/${t.L === -1 ? 'data' : t.L}/${nStr}${partial}`;
}
/** Parses a tile coordinate path; only the canonical form is accepted, as tlog.ParseTilePath does. */
function parseTilePath(path) {
    const f = path.split('/');
    if (f.length < 4 || f[0] !== 'tile')
        return undefined;
    const num = (s) => (/^[0-9]+$/.test(s) ? Number(s) : NaN);
    const H = num(f[1]);
    const isData = f[2] === 'data';
    const L = isData ? -1 : num(f[2]);
    if (!(H >= 1 && H <= 30) || !(L >= -1))
        return undefined;
    let W = pow2(H);
    let elements = f.slice(3);
    const dotP = f[f.length - 2];
    if (dotP.endsWith('.p')) {
        const w = num(f[f.length - 1]);
        if (!(w > 0 && w < W))
            return undefined;
        W = w;
        elements = [...f.slice(3, -2), dotP.slice(0, -2)];
    }
    let N = 0;
    for (const element of elements) {
        const part = num(element.startsWith('x') ? element.slice(1) : element);
        if (!(part >= 0 && part < 1000))
            return undefined;
        N = N * 1000 + part;
    }
    const tile = { H, L, N, W };
    return tilePath(tile) === path ? tile : undefined;
}
function sameTile(a, b) {
    return a.H === b.H && a.L === b.L && a.N === b.N && a.W === b.W;
}
/** The k'th tile parent of t in the tiles of a tree of n records, or undefined when there is none (tileParent). */
function tileParent(t, k, n) {
    const L = t.L + k;
    const N = shr(t.N, k * t.H);
    let W = pow2(t.H);
    const max = shr(n, L * t.H);
    if (N * pow2(t.H) + W >= max) {
        if (N * pow2(t.H) >= max)
            return undefined;
        W = max - N * pow2(t.H);
    }
    return { H: t.H, L, N, W };
}
/**
 * Authenticates the root tiles (the first `rootTiles` of `tiles`): the hashes at the covering subtrees' indexes `stx`
 * (read from the tiles `stxTile` names) must rebuild the tree's signed root, and every hash those tiles hold must be
 * one of them, so that no byte of a root tile is used unchecked. Throws a TlogError otherwise.
 */
function authenticateRootTiles(tree, height, fetched) {
    const { tiles, data, stx, stxTile, rootTiles } = fetched;
    // The root tiles: every hash they hold is used to rebuild the signed root, so all of their bytes count.
    const covered = tiles.slice(0, rootTiles).map(() => 0);
    let root;
    for (let i = stx.length - 1; i >= 0; i--) {
        const j = stxTile[i];
        const h = hashFromTile(tiles[j], data[j], stx[i]);
        const [, start, end] = tileForIndexRange(height, stx[i]);
        covered[j] += end - start;
        root = root === undefined ? h : nodeHash(h, root);
    }
    if (root === undefined || !sameHash(root, tree.hash)) {
        throw new TlogError('tile', `the tiles ${tiles
            .slice(0, rootTiles)
            .map(tilePath)
            .join(', ')} do not rebuild the signed root of the tree of ${tree.size} records`);
    }
    covered.forEach((bytes, j) => {
        if (bytes !== data[j].length) {
            throw new TlogError('tile', `tile ${tilePath(tiles[j])} holds hashes that the signed root does not cover`);
        }
    });
}
/**
 * A {@link HashReader} for `tree` that loads tiles through `fetchTiles` and returns only hashes it has proven to be
 * in the tree (tlog.TileHashReader). Every fetched tile is authenticated before any hash is read from it: the
 * tiles holding the tree's covering subtrees must rebuild the signed root from every hash they hold, and every
 * other tile must hash to the entry its parent tile holds for it, up to a tile already authenticated
 * (CVE-2026-56865: no tile is used unchecked, including those that rebuild the root).
 */
function tileHashReader(tree, height, fetchTiles) {
    return async (indexes) => {
        const tiles = [];
        const find = (t) => tiles.findIndex(x => sameTile(x, t));
        // The tiles that rebuild the root hash; they are the rightmost tile of each level.
        const stx = subTreeIndex(0, tree.size, []);
        const stxTile = stx.map(x => {
            const parent = tileParent(tileForIndex(height, x), 0, tree.size);
            if (parent === undefined)
                throw new TlogError('tree', `index ${x} is not in the tree of ${tree.size} records`);
            let j = find(parent);
            if (j < 0)
                j = tiles.push(parent) - 1;
            return j;
        });
        const rootTiles = tiles.length;
        // The tiles holding the requested hashes, after their parents up to an authenticated one.
        const indexTile = indexes.map(x => {
            if (!Number.isSafeInteger(x) || x < 0 || x >= storedHashIndex(0, tree.size)) {
                throw new TlogError('tree', `hash index ${x} is not in the tree of ${tree.size} records`);
            }
            const tile = tileForIndex(height, x);
            let k = 0;
            for (;; k++) {
                const p = tileParent(tile, k, tree.size);
                if (p === undefined)
                    throw new TlogError('tree', `hash index ${x} has no tile in the tree of ${tree.size}`);
                if (find(p) >= 0)
                    break;
            }
            for (k--; k >= 0; k--) {
                const p = tileParent(tile, k, tree.size);
                // Only full tiles have parents; a partial tile here means the index math is wrong.
                if (p === undefined || p.W !== pow2(p.H)) {
                    throw new TlogError('tree', `hash index ${x} has no full tile in the tree of ${tree.size} records`);
                }
                tiles.push(p);
            }
            const own = tileParent(tile, 0, tree.size);
            return own === undefined ? -1 : find(own);
        });
        const data = await fetchTiles(tiles);
        if (data.length !== tiles.length) {
            throw new TlogError('tile', `the tile fetcher returned ${data.length} tiles for ${tiles.length}`);
        }
        tiles.forEach((tile, i) => {
            if (data[i].length !== tile.W * HASH_SIZE) {
                throw new TlogError('tile', `tile ${tilePath(tile)} has ${data[i].length} bytes, want ${tile.W * HASH_SIZE} (${tile.W} hashes)`);
            }
        });
        authenticateRootTiles(tree, height, { tiles, data, stx, stxTile, rootTiles });
        // Every other tile against its parent, which comes before it and is already authenticated.
        for (let i = rootTiles; i < tiles.length; i++) {
            const tile = tiles[i];
            const parent = tileParent(tile, 1, tree.size);
            const j = parent === undefined ? -1 : find(parent);
            if (parent === undefined || j < 0 || j >= i) {
                throw new TlogError('tile', `tile ${tilePath(tile)} has no authenticated parent in the tree of ${tree.size}`);
            }
            const expected = hashFromTile(parent, data[j], storedHashIndex(parent.L * parent.H, tile.N));
            if (!sameHash(expected, tileHash(data[i]))) {
                throw new TlogError('tile', `tile ${tilePath(tile)} does not match its parent tile ${tilePath(parent)}`);
            }
        }
        return indexes.map((x, i) => hashFromTile(tiles[indexTile[i]], data[indexTile[i]], x));
    };
}


/***/ })

};
