export const id = 897;
export const ids = [897];
export const modules = {

/***/ 7275:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C_: () => (/* binding */ hash1),
/* harmony export */   ar: () => (/* binding */ isH1),
/* harmony export */   j5: () => (/* binding */ goModHash)
/* harmony export */ });
/* unused harmony exports compareNameBytes, sha256Of */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The `h1:` hash of go.sum, ported from golang.org/x/mod/sumdb/dirhash (Hash1): for each file, sorted by name as
 * bytes, the line `<sha256 hex>  <name>\n`; the hash is "h1:" + base64(SHA-256 of all lines).
 */

const encoder = new TextEncoder();
/** Compares two names as Go compares strings: by their UTF-8 bytes (JS `<` compares UTF-16 units, which differs). */
function compareNameBytes(a, b) {
    return Buffer.compare(encoder.encode(a), encoder.encode(b));
}
/**
 * dirhash.Hash1 over already hashed files. Throws for a name with a newline, which would make the line format
 * ambiguous (Go: "dirhash: filenames with newlines are not supported"), and for a digest that is not 32 bytes.
 */
function hash1(files) {
    const sorted = [...files].sort((a, b) => compareNameBytes(a.name, b.name));
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for (const file of sorted) {
        if (file.name.includes('\n')) {
            throw new Error(`dirhash: file name ${JSON.stringify(file.name)} has a newline, which h1 cannot hash`);
        }
        if (file.sha256.length !== 32) {
            throw new Error(`dirhash: the digest of ${JSON.stringify(file.name)} has ${file.sha256.length} bytes, not 32`);
        }
        h.update(`${Buffer.from(file.sha256).toString('hex')}  ${file.name}\n`);
    }
    return `h1:${h.digest('base64')}`;
}
/** The SHA-256 of some bytes, for {@link HashedFile}. */
function sha256Of(content) {
    return new Uint8Array((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(content).digest());
}
/** The go.sum hash of a go.mod file: Hash1 over the single name `go.mod` (cmd/go modfetch goModSum). */
function goModHash(content) {
    return hash1([{ name: 'go.mod', sha256: sha256Of(content) }]);
}
/** True for a well-formed `h1:` hash: "h1:" and 44 characters of padded base64 holding 32 bytes. */
function isH1(hash) {
    return /^h1:[A-Za-z0-9+/]{43}=$/.test(hash);
}


/***/ }),

/***/ 2897:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  destinationFor: () => (/* binding */ destinationFor),
  findRequestedGo: () => (/* binding */ findRequestedGo),
  installRequestedGo: () => (/* binding */ installRequestedGo),
  toolchainChain: () => (/* binding */ toolchainChain)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/go/env/patterns.ts + 1 modules
var patterns = __webpack_require__(796);
// EXTERNAL MODULE: ./src/go/toolchain/list.ts
var list = __webpack_require__(5572);
// EXTERNAL MODULE: ./src/go/toolchain/version-file.ts
var version_file = __webpack_require__(6309);
// EXTERNAL MODULE: ./src/net/http.ts + 5 modules
var http = __webpack_require__(9016);
// EXTERNAL MODULE: ./src/net/trust.ts
var trust = __webpack_require__(7837);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/go/proxy/url.ts
var url = __webpack_require__(2660);
// EXTERNAL MODULE: ./src/go/errors.ts
var errors = __webpack_require__(6743);
// EXTERNAL MODULE: ./src/go/toolchain/version.ts
var toolchain_version = __webpack_require__(5570);
;// CONCATENATED MODULE: ./src/install/tool-cache.ts
/**
 * Where a Go toolchain lives in the runner's tool cache, named as actions/setup-go names it (pure).
 *
 * API:
 * - `toolCacheEntry(goVersion, nodeArch)`: `{ tool: 'go', version: makeSemver(goVersion), arch: nodeArch }`, i.e. the
 *   directory `$RUNNER_TOOL_CACHE/go/<version>/<arch>` with its marker file `<arch>.complete` beside it — the layout
 *   of @actions/tool-cache's `cacheDir(dir, 'go', version, arch)`, so setup-go and this action find each other's
 *   installs.
 */


/** The tool-cache entry for Go `goVersion` (`1.23.5`, `go1.23.5`, `1.21rc1`) on Node arch `nodeArch`. */
function toolCacheEntry(goVersion, nodeArch) {
    if (!/^[a-z0-9]+$/.test(nodeArch))
        throw new Error(`not a Node process.arch value: ${(0,errors/* quote */.hD)(nodeArch)}`);
    const version = (0,toolchain_version/* makeSemver */.Tk)(goVersion);
    return {
        tool: 'go',
        version,
        arch: nodeArch,
        segments: ['go', version, nodeArch],
        completeMarker: `${nodeArch}.complete`
    };
}

// EXTERNAL MODULE: ./src/net/walk.ts
var walk = __webpack_require__(3390);
// EXTERNAL MODULE: ./src/go/module/path.ts
var module_path = __webpack_require__(4716);
// EXTERNAL MODULE: ./src/go/sumdb/dirhash.ts
var dirhash = __webpack_require__(7275);
;// CONCATENATED MODULE: ./src/go/sumdb/lookup.ts
/**
 * The `/lookup/<path>@<version>` answer of a checksum database and the decision about its record text.
 * The answer is `<record id>\n<record text>\n<signed tree note>`; only the record text is authenticated (by the
 * tree), and only once its leaf hash is proven under the signed tree head.
 */

/** Record text as tlog's isValidRecordText: UTF-8, no control characters but "\n", no blank line, ends in "\n". */
function recordTextProblem(text) {
    let decoded;
    try {
        decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(text);
    }
    catch {
        return 'is not UTF-8';
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0009\u000b-\u001f]/.test(decoded))
        return 'has a control character';
    if (decoded.includes('\n\n'))
        return 'has a blank line';
    if (!decoded.endsWith('\n'))
        return 'does not end in a newline';
    return undefined;
}
/** Splits a lookup answer as tlog.ParseRecord does: a canonical decimal id line, then the text up to a blank line. */
function parseLookup(body) {
    const newline = body.indexOf(0x0a);
    if (newline < 0)
        return 'the lookup answer has no record id line';
    const idText = Buffer.from(body.subarray(0, newline)).toString('latin1');
    const id = Number(idText);
    if (!/^(0|[1-9][0-9]*)$/.test(idText) || !Number.isSafeInteger(id)) {
        return `the lookup answer's record id ${JSON.stringify(idText.slice(0, 40))} is not a record number`;
    }
    const rest = body.subarray(newline + 1);
    let blank = -1;
    for (let i = 0; i + 1 < rest.length; i++) {
        if (rest[i] === 0x0a && rest[i + 1] === 0x0a) {
            blank = i;
            break;
        }
    }
    if (blank < 0)
        return 'the lookup answer has no blank line between the record and the tree note';
    const text = rest.subarray(0, blank + 1);
    const problem = recordTextProblem(text);
    if (problem !== undefined)
        return `the record text of the lookup answer ${problem}`;
    return { id, text, treeNote: rest.subarray(blank + 2) };
}
/**
 * Reads the hashes of `path@version` from an *authenticated* record text (CVE-2026-42501 and CVE-2026-56864: the
 * lines must come from the proven text, never from the rest of the answer, and must be for exactly the requested
 * path and version). The text must hold exactly one `<path> <version> h1:<hash>` line and one
 * `<path> <version>/go.mod h1:<hash>` line; lines of other hash algorithms for this module are ignored (forward
 * compatibility), and a line about any other module or version refuses the record.
 */
function recordHashes(text, path, version) {
    const decoded = new TextDecoder().decode(text);
    const lines = decoded.split('\n').slice(0, -1);
    const zipPrefix = `${path} ${version} `;
    const modPrefix = `${path} ${version}/go.mod `;
    const zip = [];
    const mod = [];
    for (const line of lines) {
        const target = line.startsWith(zipPrefix) ? zip : line.startsWith(modPrefix) ? mod : undefined;
        if (target === undefined) {
            return `the record holds ${JSON.stringify(line.slice(0, 200))}, which is not about ${path}@${version}`;
        }
        const hash = line.slice((target === zip ? zipPrefix : modPrefix).length);
        if (hash.startsWith('h1:')) {
            if (!(0,dirhash/* isH1 */.ar)(hash))
                return `the record line ${JSON.stringify(line.slice(0, 200))} has a malformed h1 hash`;
            target.push(hash);
        }
    }
    if (zip.length !== 1) {
        return `the record has ${zip.length} "${path} ${version} h1:" lines, want exactly one`;
    }
    if (mod.length !== 1) {
        return `the record has ${mod.length} "${path} ${version}/go.mod h1:" lines, want exactly one`;
    }
    return { h1: zip[0], goModH1: mod[0] };
}

// EXTERNAL MODULE: ./src/go/sumdb/tlog.ts
var tlog = __webpack_require__(724);
;// CONCATENATED MODULE: ./src/go/sumdb/note.ts
/**
 * Signed notes and verifier keys, ported from golang.org/x/mod/sumdb/note (note.go). A checksum database signs
 * its tree heads as notes; a client trusts a tree head only through a verified signature of a key it knows.
 */


const ALG_ED25519 = 1;
/** Computes a note key hash: the first 4 bytes (big-endian) of SHA-256(name ‖ "\n" ‖ key), key with its algorithm byte. */
function noteKeyHash(name, key) {
    return (0,external_node_crypto_.createHash)('sha256').update(`${name}\n`).update(key).digest().readUInt32BE(0);
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A valid note or key name (note.isValidName): not empty, valid UTF-8, no Unicode space (Go's unicode.IsSpace), no `+`. */
function isValidName(name) {
    return name !== '' && !LONE_SURROGATE.test(name) && !/\p{White_Space}/u.test(name) && !name.includes('+');
}
/**
 * Parses a verifier key `name+hash8hex+base64(0x01 ‖ 32-byte Ed25519 key)` as note.NewVerifier does. Returns the
 * verifier, or a message naming what is wrong (Go's words in parentheses).
 */
function parseVerifierKey(vkey) {
    const [name, rest = ''] = cut(vkey, '+');
    const [hash16, key64 = ''] = cut(rest, '+');
    const key = (0,tlog/* decodeBase64 */.y4)(key64);
    if (!/^[0-9a-fA-F]{8}$/.test(hash16) || key === undefined || key.length === 0 || !isValidName(name)) {
        return `verifier key ${JSON.stringify(vkey)} is not name+hash+key ("malformed verifier id")`;
    }
    const keyHash = parseInt(hash16, 16);
    if (keyHash !== noteKeyHash(name, key)) {
        return `verifier key ${JSON.stringify(vkey)} has a hash that does not match its key ("invalid verifier hash")`;
    }
    if (key[0] !== ALG_ED25519) {
        return `verifier key ${JSON.stringify(vkey)} is not an Ed25519 key ("unknown verifier algorithm")`;
    }
    if (key.length !== 33) {
        return `verifier key ${JSON.stringify(vkey)} holds ${key.length - 1} key bytes, not 32 ("malformed verifier id")`;
    }
    return { name, keyHash, publicKey: key.subarray(1) };
}
function cut(s, sep) {
    const i = s.indexOf(sep);
    return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}
/** Ed25519 verification with node:crypto (pure computation, no I/O). */
const nodeEd25519Verify = (publicKey, message, signature) => {
    if (publicKey.length !== 32 || signature.length !== 64)
        return false;
    try {
        const key = (0,external_node_crypto_.createPublicKey)({
            key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
            format: 'jwk'
        });
        return (0,external_node_crypto_.verify)(null, message, key, signature);
    }
    catch {
        return false;
    }
};
const SIGNATURE_PREFIX = '— ';
const MAX_SIGNATURES = 100;
/**
 * Opens a signed note as note.Open does, with one difference that only narrows: the result is a note or a message.
 * The message must be UTF-8 without control characters other than "\n"; the text is everything up to and
 * including the "\n" before the last blank line; each signature line is `— <name> <base64(keyhash4 ‖ sig)>`.
 * Signatures by unknown keys are ignored (listed as unverified); a signature by a known key that does not verify
 * fails the note; at least one verified signature of a known key is required.
 */
function openNote(message, known, verify = nodeEd25519Verify) {
    let decoded;
    try {
        decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(message);
    }
    catch {
        return 'malformed note: not UTF-8';
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0009\u000b-\u001f]/.test(decoded))
        return 'malformed note: control character';
    const split = decoded.lastIndexOf('\n\n');
    if (split < 0)
        return 'malformed note: no blank line before the signatures';
    const text = decoded.slice(0, split + 1);
    let sigs = decoded.slice(split + 2);
    if (sigs === '' || !sigs.endsWith('\n'))
        return 'malformed note: the signature block does not end in a newline';
    const textBytes = new TextEncoder().encode(text);
    const signers = [];
    const unverified = [];
    const seen = new Set();
    const seenUnverified = new Set();
    let count = 0;
    while (sigs !== '') {
        const i = sigs.indexOf('\n');
        const line = sigs.slice(0, i);
        sigs = sigs.slice(i + 1);
        if (!line.startsWith(SIGNATURE_PREFIX))
            return `malformed note: ${JSON.stringify(line)} is not a signature line`;
        const [name, b64 = ''] = cut(line.slice(SIGNATURE_PREFIX.length), ' ');
        const sig = (0,tlog/* decodeBase64 */.y4)(b64);
        if (sig === undefined || !isValidName(name) || b64 === '' || sig.length < 5) {
            return `malformed note: bad signature line ${JSON.stringify(line)}`;
        }
        if (++count > MAX_SIGNATURES)
            return `malformed note: more than ${MAX_SIGNATURES} signatures`;
        const keyHash = Buffer.from(sig.subarray(0, 4)).readUInt32BE(0);
        const matches = known.filter(v => v.name === name && v.keyHash === keyHash);
        if (matches.length > 1)
            return `ambiguous key ${name}+${hex8(keyHash)}`;
        if (matches.length === 0) {
            if (!seenUnverified.has(line))
                unverified.push({ name, keyHash });
            seenUnverified.add(line);
            continue;
        }
        const id = `${name}+${keyHash}`;
        if (seen.has(id))
            continue;
        seen.add(id);
        if (!verify(matches[0].publicKey, textBytes, sig.subarray(4))) {
            return `invalid signature for key ${name}+${hex8(keyHash)}`;
        }
        signers.push({ name, keyHash });
    }
    if (signers.length === 0) {
        const by = unverified.map(s => `${s.name}+${hex8(s.keyHash)}`).join(', ');
        return `note has no verifiable signatures (signed only by unknown keys: ${by})`;
    }
    return { text, signers, unverified };
}
function hex8(n) {
    return n.toString(16).padStart(8, '0');
}

;// CONCATENATED MODULE: ./src/sumdb/client.ts
/**
 * A checksum-database client that verifies one module version the way the go command does (golang.org/x/mod/sumdb
 * client.go), without a go binary: it looks the module up, checks the signed tree head, proves the record under it
 * through the database's tiles and reads the hashes from the proven record text only.
 */




class Failure extends Error {
    reason;
    constructor(reason, message) {
        super(message);
        this.reason = reason;
    }
}
const DEFAULT_MAX_REQUESTS = 40;
/**
 * Verifies `path@version` against the checksum database behind `fetch`. Never throws: every failure is a result
 * with a reason and a message that says what failed.
 */
async function verifyModule(options) {
    try {
        return await verify(options);
    }
    catch (error) {
        if (error instanceof Failure)
            return { ok: false, reason: error.reason, message: error.message };
        if (error instanceof tlog/* TlogError */.vc) {
            return { ok: false, reason: error.kind, message: `${options.path}@${options.version}: ${error.message}` };
        }
        // Not a verdict about the database: still a failure (never a pass), said as unexpected.
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, reason: 'network', message: `${options.path}@${options.version}: unexpected error: ${message}` };
    }
}
async function verify(options) {
    const { path, version } = options;
    const verifier = parseVerifierKey(options.key);
    if (typeof verifier === 'string')
        throw new Failure('signature', verifier);
    if (!/^[^\s@]+$/.test(path) || !/^v[^\s@/]*$/.test(version)) {
        throw new Failure('record', `${JSON.stringify(`${path}@${version}`)} is not a module path and version`);
    }
    const where = `${verifier.name}: ${path}@${version}`;
    const maxRequests = options.maxRequests ?? DEFAULT_MAX_REQUESTS;
    let requests = 0;
    const get = async (sub) => {
        if (++requests > maxRequests) {
            throw new Failure('network', `${where}: verification needs more than ${maxRequests} requests (at ${sub})`);
        }
        let answer;
        try {
            answer = await options.fetch(sub);
        }
        catch (error) {
            answer = { error: error instanceof Error ? error.message : String(error) };
        }
        if ('error' in answer)
            throw new Failure('network', `${where}: GET ${sub}: ${answer.error}`);
        return answer;
    };
    const lookupPath = `/lookup/${(0,module_path/* moduleRequestPath */.bN)(path)}@${versionRequestPath(version)}`;
    const lookup = await get(lookupPath);
    if (lookup.status === 404 || lookup.status === 410) {
        throw new Failure('not-found', `${where}: the database does not know it (${lookup.status}${snippet(lookup.body)})`);
    }
    if (lookup.status !== 200) {
        throw new Failure('network', `${where}: GET ${lookupPath} answered ${lookup.status}${snippet(lookup.body)}`);
    }
    const answer = parseLookup(lookup.body);
    if (typeof answer === 'string')
        throw new Failure('record', `${where}: ${answer}`);
    const note = openNote(answer.treeNote, [verifier], options.verify);
    if (typeof note === 'string')
        throw new Failure('signature', `${where}: the tree head note: ${note}`);
    const tree = (0,tlog/* parseTree */.cZ)(note.text);
    if (typeof tree === 'string')
        throw new Failure('tree', `${where}: the signed tree head: ${tree}`);
    if (answer.id >= tree.size) {
        throw new Failure('tree', `${where}: record ${answer.id} is not in the signed tree of ${tree.size} records`);
    }
    const fetchTiles = tileFetcher(get, where);
    const [leaf] = await (0,tlog/* tileHashReader */.u1)(tree, tlog/* TILE_HEIGHT */.VM, fetchTiles)([(0,tlog/* storedHashIndex */.qd)(0, answer.id)]);
    if (!(0,tlog/* sameHash */.df)(leaf, (0,tlog/* recordHash */.oj)(answer.text))) {
        throw new Failure('record', `${where}: the record text is not what the signed tree holds as record ${answer.id}`);
    }
    if (options.knownTree)
        await checkConsistent(options.knownTree, tree, fetchTiles, where);
    // Only now is the text authenticated; the hashes come from it alone (never from the id or note around it).
    const hashes = recordHashes(answer.text, path, version);
    if (typeof hashes === 'string')
        throw new Failure('record', `${where}: ${hashes}`);
    if (options.zipH1 !== undefined && options.zipH1 !== hashes.h1) {
        throw new Failure('mismatch', `${where}: the zip hashes to ${options.zipH1}, the checksum database has ${hashes.h1}`);
    }
    if (options.goModH1 !== undefined && options.goModH1 !== hashes.goModH1) {
        throw new Failure('mismatch', `${where}: go.mod hashes to ${options.goModH1}, the checksum database has ${hashes.goModH1}`);
    }
    return {
        ok: true,
        h1: hashes.h1,
        goModH1: hashes.goModH1,
        treeSize: tree.size,
        treeHash: Buffer.from(tree.hash).toString('base64')
    };
}
/** Proves that the older of two trees is a prefix of the newer one (client.go checkTrees). */
async function checkConsistent(known, tree, fetchTiles, where) {
    const knownHash = (0,tlog/* decodeBase64 */.y4)(known.hash);
    if (!Number.isSafeInteger(known.size) || known.size < 0 || knownHash?.length !== tlog/* HASH_SIZE */.Ts) {
        throw new Failure('tree', `${where}: the known tree head (${known.size}, ${known.hash}) is malformed`);
    }
    const old = { size: known.size, hash: knownHash };
    if (old.size === tree.size) {
        if (!(0,tlog/* sameHash */.df)(old.hash, tree.hash)) {
            throw new Failure('tree', `${where}: the database signed two different trees of ${tree.size} records (a fork)`);
        }
        return;
    }
    if (old.size === 0)
        return;
    const [small, large] = old.size < tree.size ? [old, tree] : [tree, old];
    try {
        const proof = await (0,tlog/* proveTree */.pe)(large.size, small.size, (0,tlog/* tileHashReader */.u1)(large, tlog/* TILE_HEIGHT */.VM, fetchTiles));
        (0,tlog/* checkTree */.RX)(proof, large.size, large.hash, small.size, small.hash);
    }
    catch (error) {
        if (error instanceof tlog/* TlogError */.vc) {
            throw new Failure('tree', `${where}: the signed tree of ${tree.size} records is not consistent with the known tree of ${old.size}: ${error.message}`);
        }
        throw error;
    }
}
/**
 * Fetches tiles in parallel, each once. A partial tile the server no longer has falls back to the full tile
 * (the tile was completed since), cut to the width asked for, as client.go readTile does.
 */
function tileFetcher(get, where) {
    const cache = new Map();
    const fetchOne = async (tile) => {
        const path = `/${(0,tlog/* tilePath */.uB)(tile)}`;
        const first = await get(path);
        if (first.status === 200)
            return first.body;
        const fullWidth = 2 ** tile.H;
        if (tile.W !== fullWidth && (first.status === 404 || first.status === 410)) {
            const full = { ...tile, W: fullWidth };
            const second = await get(`/${(0,tlog/* tilePath */.uB)(full)}`);
            if (second.status === 200) {
                if (second.body.length !== fullWidth * tlog/* HASH_SIZE */.Ts) {
                    throw new Failure('tile', `${where}: tile ${(0,tlog/* tilePath */.uB)(full)} has ${second.body.length} bytes, want ${fullWidth * tlog/* HASH_SIZE */.Ts}`);
                }
                return second.body.subarray(0, tile.W * tlog/* HASH_SIZE */.Ts);
            }
        }
        if (first.status === 404 || first.status === 410) {
            // An honest database serves every tile of every tree it signs: the signed size claims records it lacks.
            throw new Failure('tree', `${where}: the database has no ${(0,tlog/* tilePath */.uB)(tile)} (${first.status}), which its signed tree head needs`);
        }
        throw new Failure('network', `${where}: GET ${path} answered ${first.status}${snippet(first.body)}`);
    };
    return async (tiles) => Promise.all(tiles.map(tile => {
        const key = (0,tlog/* tilePath */.uB)(tile);
        let pending = cache.get(key);
        if (pending === undefined) {
            pending = fetchOne(tile);
            cache.set(key, pending);
        }
        return pending;
    }));
}
/** A version on the wire: case-encoded, percent-encoded, `!` as `%21`, but `+` literal as the go command sends it. */
function versionRequestPath(version) {
    return encodeURIComponent((0,module_path/* escapeModulePath */.xk)(version)).replace(/!/g, '%21').replace(/%2B/g, '+');
}
/** A short, printable quote of an error body. */
function snippet(body) {
    const text = Buffer.from(body.subarray(0, 200))
        .toString('utf8')
        .replace(/[^\x20-\x7e]+/g, ' ')
        .trim();
    return text === '' ? '' : `: ${text}`;
}

// EXTERNAL MODULE: ./src/net/credentials.ts
var net_credentials = __webpack_require__(6729);
// EXTERNAL MODULE: ./src/go/sumdb/route.ts
var sumdb_route = __webpack_require__(4661);
// EXTERNAL MODULE: ./src/go/proxy/walk.ts
var proxy_walk = __webpack_require__(9100);
;// CONCATENATED MODULE: ./src/install/chain-fetch.ts





const DEFAULT_ATTEMPTS = 3;
const DEFAULT_BACKOFF_MS = 500;
const DEFAULT_TIMEOUT_MS = 30_000;
/** The base URL joined with a request path, keeping the base's query (the go command sends it with every request). */
function joinProxyUrl(base, path) {
    const url = new URL(base);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
    return url;
}
/**
 * Walks `chain` for `path` as the go command does (each request starts again at the first entry), with retries of
 * transient faults on each proxy, through the one driver (src/net/walk.ts). Never rejects: a result names every
 * proxy that failed and why.
 */
async function getThroughChain(options) {
    const tried = [];
    const health = options.health;
    const listed = options.chain.proxies.map(p => ({ base: p.url, separator: p.separator, direct: false }));
    const bases = health ? (0,proxy_walk/* orderByHealth */.ox)(listed, b => health.of(b.base)) : listed;
    if (options.chain.terminal === 'direct')
        bases.push({ base: options.directBase, separator: ',', direct: true });
    const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
    // As the forwarder: one try for a `|` proxy with another after it (go would move on too), else `attempts`.
    const targets = bases.map((b, i) => ({
        ...requestTarget(b.base, options.path),
        separator: b.separator,
        tries: (0,proxy_walk/* triesFor */.TN)(b.separator, i === bases.length - 1, false, attempts),
        direct: b.direct
    }));
    const shown = bases.map(b => (0,url/* redactUrl */.BO)(b.base));
    const message = (failed) => `${shown[failed.entry]}/${options.path}: ${describe(failed.result)}`;
    const walked = await (0,walk/* walkUpstream */.xi)(targets, {
        ...requestOf(options, options.body),
        kind: options.path.endsWith('.zip') ? 'zip' : 'small',
        onTry: (entry, attempt, result, verdict) => {
            if (!bases[entry].direct)
                health?.noteTry(bases[entry].base, result, verdict);
            if (verdict === 'ok')
                return;
            const line = `${shown[entry]}/${options.path}: ${describe(result)}`;
            tried.push(attempt > 1 ? `${line} (try ${attempt})` : line);
        },
        onRetry: (failed, delayMs) => options.log.debug(`${message(failed)}: retrying in ${delayMs} ms`)
    });
    if (walked.kind === 'use')
        return { ok: true, answer: walked.answer, source: shown[walked.entry], tried };
    if (walked.kind === 'aborted')
        return { ok: false, message: 'cancelled', tried };
    // Writing the answer failed here: every other proxy would fail the same way (the walker ends the walk).
    if (walked.why === 'local' && walked.report?.result.kind === 'failure') {
        return { ok: false, message: (0,url/* redactText */.Rd)(walked.report.result.message), tried, local: true };
    }
    if (walked.why === 'stop' && walked.report) {
        return {
            ok: false,
            message: `${message(walked.report)} (the ',' after it lets only 404/410 through to the next proxy)`,
            tried
        };
    }
    const end = options.chain.terminal === 'off'
        ? 'GOPROXY ends in off'
        : options.chain.terminal === 'direct'
            ? 'direct was tried last'
            : 'the chain has no further entry';
    return {
        ok: false,
        message: walked.report === undefined ? `no proxy in the chain (${end})` : `${message(walked.report)}; ${end}`,
        tried
    };
}
/** A request URL below `base` without userinfo, and the userinfo as credentials for its origin. */
function requestTarget(base, path) {
    const url = joinProxyUrl(base, path);
    const credentials = (0,net_credentials/* userinfoCredentials */.sd)(url);
    url.username = '';
    url.password = '';
    return { url, credentials };
}
/** The driver's request for one GET of the install: its timeouts, pacing and signal. */
function requestOf(options, body) {
    return {
        client: options.client,
        body,
        headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        credentialsFor: options.credentialsFor,
        signal: options.signal,
        backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
        random: options.random
    };
}
/** One line about a failed try: the status and the start of a text body, or the network failure. */
function describe(result) {
    if (result.kind === 'failure')
        return (0,url/* redactText */.Rd)(result.message);
    const status = `${result.status} ${result.statusText}`.trim();
    if (result.body.kind !== 'buffered' || !/text\/plain/i.test(result.contentType))
        return status;
    const text = (0,url/* redactText */.Rd)(result.body.bytes.subarray(0, 300).toString('utf8'))
        .replace(/[^\x20-\x7e]+/g, ' ')
        .trim();
    return text === '' ? status : `${status}: ${text}`;
}
/**
 * The path the go command takes to the checksum database: GOSUMDB's URL when it has one (and for the alias
 * sum.golang.google.cn), else the first proxy that answers 200 to `/sumdb/<name>/supported` (404/410 ask the next,
 * other errors only after `|`), else `https://<name>`. GOSUMDB=off is a failure: toolchains are always verified.
 */
async function resolveSumdbBase(options) {
    const { sumdb } = options;
    if (sumdb.kind === 'off') {
        return {
            ok: false,
            message: 'GOSUMDB=off: Go toolchains are installed only when verified against the checksum database (the go command refuses too); set GOSUMDB to sum.golang.org or sum.golang.google.cn'
        };
    }
    const answers = new Map();
    for (;;) {
        const route = (0,sumdb_route/* sumdbRoute */.H)(options.chain, sumdb, proxy => answers.get(proxy));
        switch (route.kind) {
            case 'off':
                return { ok: false, message: 'GOSUMDB=off' };
            case 'explicit':
                return { ok: true, url: route.base, via: 'explicit' };
            case 'direct':
                return { ok: true, url: route.base, via: 'direct' };
            case 'proxy':
                return { ok: true, url: joinProxyUrl(route.proxy, `sumdb/${sumdb.name}`).href, via: 'proxy' };
            case 'fails':
                return {
                    ok: false,
                    message: `the checksum database cannot be reached the way the go command reaches it: ${(0,url/* redactUrl */.BO)(route.proxy)}/sumdb/${sumdb.name}/supported: ${(0,url/* redactText */.Rd)(route.message)}`
                };
            case 'pending':
                answers.set(route.proxy, await askSupported(options, route.proxy, sumdb.name));
        }
    }
}
/** One proxy's `/sumdb/<name>/supported`, through the driver: 200 yes, 404/410 no, anything else an error. */
async function askSupported(options, proxy, name) {
    const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
    const target = { ...requestTarget(proxy, `sumdb/${name}/supported`), separator: ',', tries: attempts };
    const walked = await (0,walk/* walkUpstream */.xi)([target], requestOf(options, { mode: 'buffer', maxBytes: 4096 }));
    if (walked.kind === 'use')
        return { support: 'yes', message: 'serves the checksum database' };
    if (walked.kind === 'aborted' || !walked.report)
        return { support: 'error', message: 'cancelled' };
    const { verdict, result } = walked.report;
    return { support: verdict === 'not-found' ? 'no' : 'error', message: describe(result) };
}
/** The largest answer the checksum database gives: a full tile is 8 KiB, a lookup a few hundred bytes. */
const SUMDB_MAX_BYTES = 256 * 1024;
/**
 * A `SumdbFetch` over the HTTP client: GETs below `base`, retrying transient faults, each answer capped at 256 KiB
 * (a larger one is an error: no honest answer is that big).
 */
function sumdbFetcher(options) {
    const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
    const body = { mode: 'buffer', maxBytes: SUMDB_MAX_BYTES + 1 };
    return async (sub) => {
        const target = { ...requestTarget(options.base, sub), separator: ',', tries: attempts };
        const walked = await (0,walk/* walkUpstream */.xi)([target], { ...requestOf(options, body), kind: 'sumdb' });
        if (walked.kind === 'aborted')
            return { error: 'cancelled' };
        const result = walked.kind === 'use' ? walked.answer : walked.report?.result;
        if (!result)
            return { error: 'cancelled' };
        if (result.kind === 'failure')
            return { error: (0,url/* redactText */.Rd)(result.message) };
        if (result.body.kind !== 'buffered')
            return { error: 'unexpected body' };
        if (result.body.truncated || result.body.bytes.length > SUMDB_MAX_BYTES) {
            return { error: `answer larger than ${SUMDB_MAX_BYTES} bytes` };
        }
        return { status: result.status, body: new Uint8Array(result.body.bytes) };
    };
}

;// CONCATENATED MODULE: ./src/go/toolchain/zip-plan.ts
/**
 * Which entries of a golang.org/toolchain module zip may be written, and where (pure; the shell does the I/O).
 *
 * API:
 * - `planToolchainExtraction(entries, moduleVersion)`: checks every entry as the go command's module zip code
 *   (golang.org/x/mod/zip) would — the module prefix, no absolute paths, `..`, backslashes, duplicates (also by case),
 *   symlinks or other special files, no nested go.mod, a size limit — and returns the relative file paths to write.
 *   Throws `ToolchainZipError` naming the zip entry on the first problem, before anything is written.
 * - `goModRestorations(files)`: the `_go.mod` → `go.mod` copies to make after extraction, `src/go.mod` last (the
 *   go command's "extraction finished" marker).
 * - `isExecutablePath(path)`: whether the go command sets exec bits on an extracted file (`bin/**`, `pkg/tool/**`).
 */


/** A zip that must not be installed; `entry` names the offending entry when there is one. */
class ToolchainZipError extends Error {
    entry;
    constructor(message, entry) {
        super(message);
        this.entry = entry;
        this.name = 'ToolchainZipError';
    }
}
/** golang.org/x/mod/zip's MaxZipFile: the most a module zip may hold uncompressed (500 MiB). */
const MAX_TOOLCHAIN_UNCOMPRESSED_BYTES = 500 << 20;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
/**
 * Checks the entries of the zip of `golang.org/toolchain@<moduleVersion>` and returns the files to write. Directory
 * entries (names ending in '/') are allowed and skipped: directories follow from the file paths. A zip that
 * contains no `bin/go` (or `bin/go.exe` for a windows toolchain) is refused too.
 */
function planToolchainExtraction(entries, moduleVersion) {
    const prefix = (0,list/* toolchainZipPrefix */.pr)(moduleVersion);
    const files = [];
    const seen = new Map();
    let total = 0;
    entries.forEach((entry, entryIndex) => {
        const { name } = entry;
        const refuse = (why) => {
            throw new ToolchainZipError(`${list/* TOOLCHAIN_MODULE */.xc}@${moduleVersion} zip entry ${(0,errors/* quote */.hD)(name)}: ${why}`, name);
        };
        if (!name.startsWith(prefix))
            refuse(`does not start with the module prefix ${(0,errors/* quote */.hD)(prefix)}`);
        const path = name.slice(prefix.length);
        const type = entry.unixMode & S_IFMT;
        if (path === '' && type === S_IFREG)
            refuse('has an empty file name');
        // The prefix itself ('golang.org/toolchain@v.../') is the root directory entry.
        const isDir = path === '' || path.endsWith('/');
        if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
            refuse(type === 0o120000 ? 'is a symbolic link' : 'is not a regular file');
        }
        if (type === S_IFDIR && !isDir)
            refuse('is a directory without a trailing slash');
        if (path === '')
            return;
        const bare = isDir ? path.slice(0, -1) : path;
        if (bare === '')
            refuse('has an empty file name');
        if (bare.includes('\\'))
            refuse('contains a backslash');
        if (bare.startsWith('/') || /^[A-Za-z]:/.test(bare))
            refuse('is an absolute path');
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u001f\u007f]/.test(bare))
            refuse('contains a control character');
        for (const element of bare.split('/')) {
            if (element === '')
                refuse('has an empty path element');
            if (element === '.' || element === '..')
                refuse(`has a ${(0,errors/* quote */.hD)(element)} path element`);
        }
        // Two names that differ only in case are one file on macOS and Windows: the second would overwrite the first.
        const folded = bare.toLowerCase();
        const earlier = seen.get(folded);
        if (earlier !== undefined) {
            refuse(earlier === bare ? 'is a duplicate' : `collides with ${(0,errors/* quote */.hD)(earlier)} on case-insensitive file systems`);
        }
        seen.set(folded, bare);
        if (isDir)
            return;
        if (bare === 'go.mod' || bare.endsWith('/go.mod'))
            refuse('is a go.mod, not allowed in a module zip (_go.mod is)');
        total += entry.uncompressedSize;
        if (total > MAX_TOOLCHAIN_UNCOMPRESSED_BYTES) {
            refuse(`takes the uncompressed size past ${MAX_TOOLCHAIN_UNCOMPRESSED_BYTES} bytes`);
        }
        files.push({ entryIndex, path: bare });
    });
    // Every directory must be a directory only: a file `bin` and a file `bin/go` cannot both be written.
    const filePaths = new Set(files.map(f => f.path.toLowerCase()));
    for (const file of files) {
        const parts = file.path.toLowerCase().split('/');
        for (let i = 1; i < parts.length; i++) {
            const dir = parts.slice(0, i).join('/');
            if (filePaths.has(dir)) {
                const name = prefix + (seen.get(dir) ?? dir);
                throw new ToolchainZipError(`${list/* TOOLCHAIN_MODULE */.xc}@${moduleVersion} zip entry ${(0,errors/* quote */.hD)(name)} is a file and a directory`, name);
            }
        }
    }
    const windows = /\.windows-[a-z0-9]+$/.test(moduleVersion);
    const goBinary = windows ? 'bin/go.exe' : 'bin/go';
    if (!files.some(f => f.path === goBinary)) {
        throw new ToolchainZipError(`${list/* TOOLCHAIN_MODULE */.xc}@${moduleVersion} zip has no ${goBinary}`);
    }
    return files;
}
/**
 * The go.mod files to restore from `_go.mod` (cmd/distpack renames every nested go.mod so the zip is a valid module
 * zip; cmd/go/internal/toolchain copies them back). `src/go.mod` comes last: the go command treats its presence as
 * "this toolchain is completely unpacked".
 */
function goModRestorations(files) {
    const copies = files
        .map(f => f.path)
        .filter(p => p === '_go.mod' || p.endsWith('/_go.mod'))
        .map(from => ({ from, to: from.slice(0, -'_go.mod'.length) + 'go.mod' }));
    const last = copies.filter(c => c.from === 'src/_go.mod');
    return [...copies.filter(c => c.from !== 'src/_go.mod'), ...last];
}
/**
 * Whether the go command makes an extracted toolchain file executable: everything under `bin/` and `pkg/tool/`
 * (cmd/go/internal/toolchain sets +x there itself and ignores the zip's modes, which it does not trust).
 */
function isExecutablePath(path) {
    return path.startsWith('bin/') || path.startsWith('pkg/tool/');
}

// EXTERNAL MODULE: ./src/exec/cancel.ts
var cancel = __webpack_require__(3155);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(663);
;// CONCATENATED MODULE: ./src/install/unzip.ts
/**
 * Writing the entries of a zip on disk into a directory, hashing every file's bytes as they are written (the shell
 * under the toolchain installer, src/install/extract.ts, which plans and verifies).
 *
 * API:
 * - `readZipEntries(zipFile)` → `Promise<ZipDirectoryEntry[]>`: the central directory, parsed by yauzl (names decoded and
 *   checked strictly, ZIP64, sizes) from a reader that reads the file synchronously in 64 KiB windows: yauzl asks
 *   for each entry's 46-byte header and its name separately, and through its default reader each of those 20,000
 *   reads for a Go toolchain was a trip through the thread pool (3 s of a loaded machine's time).
 * - `writeZipEntries({ zipFile, entries, files, dir, executable })` → `Promise<Map<entryIndex, sha256>>`: writes
 *   each planned file once (mode 0644, or 0755 when `executable(path)`), reading the zip by offset, and returns the
 *   SHA-256 of each file's bytes. Rejects with a `ToolchainZipError` naming the entry for a bad entry (a local
 *   header that does not match, a method other than store/deflate, encryption, bad deflate data, a size other
 *   than declared) and with the file system's error (ENOSPC, EACCES: it has a `code`) otherwise.
 *
 * Why not a zip reader's streams: a stream per entry costs several round trips through libuv's thread pool per
 * 16-64 KiB chunk (read, inflate, write each one a job): half a million futex calls and twice go's CPU time for
 * the 9,860 files of a Go toolchain. Here a small file (the most of them) is read with one pread, inflated and
 * hashed in one synchronous call and written with one write: a handful of system calls, no thread hand-offs, and
 * buffers no larger than `SMALL_FILE_BYTES`. The event loop is given back every few milliseconds, so timers (the
 * caller's deadlines, a progress line) still run. A large file is streamed in `LARGE_CHUNK_BYTES` chunks through
 * zlib on the thread pool, at most `LARGE_CONCURRENCY` at once, while the main thread goes on with small files:
 * the two cores both work, and memory stays bounded whatever the zip holds.
 */









/** A file whose compressed and uncompressed sizes are both at most this is written in one synchronous step. */
const SMALL_FILE_BYTES = 1 << 20;
/** Chunk size for large files (read, inflate and write). */
const LARGE_CHUNK_BYTES = 256 * 1024;
/** Large files streamed at once, beside the small ones on the main thread. */
const LARGE_CONCURRENCY = 2;
/** How long the synchronous small-file loop runs before it lets the event loop turn. */
const SLICE_MS = 4;
/** What the central directory reader reads at once. */
const DIRECTORY_WINDOW_BYTES = 64 * 1024;
/**
 * yauzl's reader over a file descriptor, reading synchronously through a window (the central directory is read
 * front to back in small pieces). Callbacks are deferred with process.nextTick, as yauzl expects them asynchronous.
 */
class WindowedFileReader extends yauzl.RandomAccessReader {
    fd;
    window = Buffer.alloc(0);
    windowStart = 0;
    constructor(fd) {
        super();
        this.fd = fd;
    }
    _readStreamForRange() {
        throw new Error('WindowedFileReader: streams are not used');
    }
    read(buffer, offset, length, position, callback) {
        const done = callback;
        try {
            if (position < this.windowStart || position + length > this.windowStart + this.window.length) {
                const size = Math.max(length, DIRECTORY_WINDOW_BYTES);
                if (this.window.length < size)
                    this.window = Buffer.allocUnsafe(size);
                let got = 0;
                while (got < size) {
                    const n = (0,external_node_fs_.readSync)(this.fd, this.window, got, size - got, position + got);
                    if (n === 0)
                        break;
                    got += n;
                }
                this.window = this.window.subarray(0, got);
                this.windowStart = position;
            }
            const available = Math.max(0, Math.min(length, this.windowStart + this.window.length - position));
            this.window.copy(buffer, offset, position - this.windowStart, position - this.windowStart + available);
            process.nextTick(done, null, available);
        }
        catch (error) {
            process.nextTick(done, error);
        }
    }
    close(callback) {
        try {
            (0,external_node_fs_.closeSync)(this.fd);
            process.nextTick(callback, null);
        }
        catch (error) {
            process.nextTick(callback, error);
        }
    }
}
/**
 * Every entry of the zip's central directory, in order. Names are decoded and a backslash in one is an error
 * (strictFileNames); entry sizes are checked against the local headers where yauzl checks them.
 */
async function readZipEntries(zipFile) {
    const fd = (0,external_node_fs_.openSync)(zipFile, 'r');
    let zip;
    try {
        zip = await yauzl.fromRandomAccessReaderPromise(new WindowedFileReader(fd), (0,external_node_fs_.fstatSync)(fd).size, {
            lazyEntries: true,
            autoClose: true,
            decodeStrings: true,
            strictFileNames: true,
            validateEntrySizes: true
        });
    }
    catch (error) {
        (0,external_node_fs_.closeSync)(fd);
        throw error;
    }
    return new Promise((resolve, reject) => {
        const entries = [];
        zip.on('entry', (entry) => {
            // Only the fields used: yauzl's Entry also holds the raw name, extra fields and comment (buffers), several
            // hundred bytes each that 10,000 entries kept alive through the whole extraction.
            entries.push({
                fileName: entry.fileName,
                relativeOffsetOfLocalHeader: entry.relativeOffsetOfLocalHeader,
                compressedSize: entry.compressedSize,
                uncompressedSize: entry.uncompressedSize,
                compressionMethod: entry.compressionMethod,
                generalPurposeBitFlag: entry.generalPurposeBitFlag,
                versionMadeBy: entry.versionMadeBy,
                externalFileAttributes: entry.externalFileAttributes
            });
            zip.readEntry();
        });
        zip.on('end', () => resolve(entries));
        zip.on('error', reject);
        zip.readEntry();
    });
}
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
/**
 * Writes `files` from the zip into `dir` (which must exist) and returns each file's SHA-256 by entry index. On a
 * failure, files already written stay (the caller writes into a staging directory and removes it).
 */
async function writeZipEntries(options) {
    const { entries, dir } = options;
    const digests = new Map();
    const made = new Set([dir]);
    const ensureParent = (target) => {
        const parent = (0,external_node_path_.dirname)(target);
        if (made.has(parent))
            return;
        (0,external_node_fs_.mkdirSync)(parent, { recursive: true });
        made.add(parent);
    };
    const fd = (0,external_node_fs_.openSync)(options.zipFile, 'r');
    const header = Buffer.alloc(LOCAL_HEADER_BYTES);
    const buffer = Buffer.allocUnsafe(SMALL_FILE_BYTES);
    const large = new Set();
    let failure;
    const track = (task) => {
        const settled = task.catch((error) => {
            failure ??= error;
        });
        large.add(settled);
        void settled.finally(() => large.delete(settled));
    };
    try {
        let sliceStarted = performance.now();
        for (const file of options.files) {
            if (failure !== undefined)
                break;
            const entry = entries[file.entryIndex];
            const target = (0,external_node_path_.join)(dir, ...file.path.split('/'));
            const mode = options.executable(file.path) ? 0o755 : 0o644;
            const start = dataStart(fd, header, entry, options.what);
            ensureParent(target);
            if (entry.compressedSize <= SMALL_FILE_BYTES && entry.uncompressedSize <= SMALL_FILE_BYTES) {
                digests.set(file.entryIndex, writeSmall(fd, buffer, start, entry, target, mode, options.what));
                if (performance.now() - sliceStarted >= SLICE_MS) {
                    await turn();
                    sliceStarted = performance.now();
                }
                continue;
            }
            while (large.size >= LARGE_CONCURRENCY && failure === undefined)
                await Promise.race(large);
            if (failure !== undefined)
                break;
            track(writeLarge(options.zipFile, start, entry, target, mode, options.what).then(digest => {
                digests.set(file.entryIndex, digest);
            }));
        }
        while (large.size > 0)
            await Promise.race(large);
        if (failure !== undefined)
            throw failure;
        return digests;
    }
    finally {
        // Every large write has settled here (or none was started): the descriptor is no longer read.
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** Lets the event loop run (I/O callbacks of the large files, timers) before the next slice of small files. */
function turn() {
    return new Promise(resolve => setImmediate(resolve));
}
function entryError(what, entry, message) {
    return new ToolchainZipError(`${what} zip entry ${JSON.stringify(entry.fileName)}: ${message}`, entry.fileName);
}
/** Reads exactly `length` bytes at `position` into `into`, or throws for a file that ends early. */
function readFully(fd, into, length, position) {
    let done = 0;
    while (done < length) {
        const n = (0,external_node_fs_.readSync)(fd, into, done, length - done, position + done);
        if (n === 0)
            return false;
        done += n;
    }
    return true;
}
/** The offset of the entry's data, after checking its local header (as yauzl's openReadStream does). */
function dataStart(fd, header, entry, what) {
    if (entry.generalPurposeBitFlag & 0x1)
        throw entryError(what, entry, 'encrypted entries are not supported');
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        throw entryError(what, entry, `unsupported compression method ${entry.compressionMethod}`);
    if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize)
        throw entryError(what, entry, 'a stored entry whose compressed and uncompressed sizes differ');
    if (!readFully(fd, header, LOCAL_HEADER_BYTES, entry.relativeOffsetOfLocalHeader))
        throw entryError(what, entry, 'its local header lies past the end of the zip');
    if (header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE)
        throw entryError(what, entry, 'invalid local file header signature');
    return entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
}
/** One small file: one read, one synchronous inflate, one hash, one write. */
function writeSmall(fd, buffer, start, entry, target, mode, what) {
    if (!readFully(fd, buffer, entry.compressedSize, start))
        throw entryError(what, entry, 'its data lies past the end of the zip');
    const compressed = buffer.subarray(0, entry.compressedSize);
    let data;
    if (entry.compressionMethod === 0) {
        data = compressed;
    }
    else {
        try {
            // One byte more than declared is enough to tell a lying size, without inflating a bomb.
            data = (0,external_node_zlib_.inflateRawSync)(compressed, { maxOutputLength: entry.uncompressedSize + 1 });
        }
        catch (error) {
            throw entryError(what, entry, error instanceof RangeError ? 'more data than its declared size' : String(error));
        }
    }
    if (data.length !== entry.uncompressedSize)
        throw entryError(what, entry, `${data.length} bytes, ${entry.uncompressedSize} declared`);
    const digest = new Uint8Array((0,external_node_crypto_.createHash)('sha256').update(data).digest());
    const out = (0,external_node_fs_.openSync)(target, 'wx', mode);
    try {
        for (let written = 0; written < data.length;)
            written += (0,external_node_fs_.writeSync)(out, data, written, data.length - written);
        if (mode !== 0o644)
            (0,external_node_fs_.fchmodSync)(out, mode);
    }
    finally {
        (0,external_node_fs_.closeSync)(out);
        if (data !== compressed)
            releaseNow(data);
    }
    return digest;
}
/**
 * Frees an inflated buffer's memory now instead of at the next garbage collection. Each small file inflates into a
 * fresh buffer outside V8's heap (up to `SMALL_FILE_BYTES`); V8 collects them only after tens of MiB of such
 * garbage have piled up, which was most of the install's peak RSS. Detaching the buffer's ArrayBuffer
 * (`transfer(0)`, ES2024: Node 22 and later) releases its memory at once. Only a buffer that owns its whole
 * ArrayBuffer (not a slice of Node's shared pool, nor of a zlib engine's output chunk) is detached; `data` is not
 * used after this.
 */
function releaseNow(data) {
    const owner = data.buffer;
    if (typeof owner.transfer !== 'function')
        return;
    if (data.byteOffset !== 0 || owner.byteLength !== data.length || data.length <= Buffer.poolSize)
        return;
    owner.transfer(0);
}
/** One large file, streamed in bounded chunks: read, inflate (on the thread pool), hash, write. */
async function writeLarge(zipFile, start, entry, target, mode, what) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let size = 0;
    const count = new external_node_stream_.Transform({
        highWaterMark: LARGE_CHUNK_BYTES,
        transform(chunk, _encoding, done) {
            size += chunk.length;
            if (size > entry.uncompressedSize)
                return done(entryError(what, entry, 'more data than its declared size'));
            hash.update(chunk);
            done(null, chunk);
        },
        flush(done) {
            done(size === entry.uncompressedSize
                ? null
                : entryError(what, entry, `${size} bytes, ${entry.uncompressedSize} declared`));
        }
    });
    const source = (0,external_node_fs_.createReadStream)(zipFile, {
        start,
        end: start + entry.compressedSize - 1,
        highWaterMark: LARGE_CHUNK_BYTES
    });
    const steps = entry.compressionMethod === 0
        ? [source, count]
        : [source, (0,external_node_zlib_.createInflateRaw)({ chunkSize: LARGE_CHUNK_BYTES }), count];
    const out = await (0,promises_.open)(target, 'wx', mode);
    try {
        if (mode !== 0o644)
            await out.chmod(mode);
    }
    catch (error) {
        await out.close();
        throw error;
    }
    try {
        // The write stream owns the handle from here: it closes it when it finishes or fails.
        await (0,external_node_stream_promises_.pipeline)([...steps, out.createWriteStream({ highWaterMark: LARGE_CHUNK_BYTES })]);
    }
    catch (error) {
        throw isFileSystemError(error)
            ? error
            : error instanceof ToolchainZipError
                ? error
                : entryError(what, entry, error instanceof Error ? error.message : String(error));
    }
    if (source.bytesRead !== entry.compressedSize)
        throw entryError(what, entry, 'its data lies past the end of the zip');
    return new Uint8Array(hash.digest());
}
/** An error of the file system (ENOSPC, EACCES, ...), as opposed to zlib's (Z_DATA_ERROR) or Node's (ERR_...). */
function isFileSystemError(error) {
    const code = error?.code;
    return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

;// CONCATENATED MODULE: ./src/install/extract.ts
/**
 * Installing a golang.org/toolchain module zip from a file on disk into a GOROOT directory (the shell around
 * src/go/toolchain/zip-plan.ts).
 *
 * API:
 * - `installToolchainZip({ zipFile, moduleVersion, goroot })` → `Promise<InstalledToolchain>`: checks every entry
 *   first (nothing is written for a bad zip), writes each file once into a staging directory beside `goroot`
 *   (unzip.ts: hashed as written, exec bits set as created, bounded buffers, the zip never held in memory), restores
 *   the go.mod files as the go command does, checks the h1: and VERSION, then renames the staging directory to
 *   `goroot`, so a half-extracted or unverified tree is never found at `goroot`.
 *
 * The caller looks the module's h1: up in the checksum database and passes it as `expectedH1`: the installer hashes
 * the bytes it writes and installs nothing on a mismatch.
 */









/**
 * Installs the toolchain zip `zipFile` at `goroot`. Rejects with a `ToolchainZipError` (bad entries, VERSION not
 * matching `moduleVersion`) or an I/O error; in every failure `goroot` is left absent and the staging directory is
 * removed.
 */
async function installToolchainZip(options) {
    const { zipFile, moduleVersion, goroot } = options;
    const m = /^v0\.0\.1-go(.+)\.([a-z0-9]+)-([a-z0-9]+)$/.exec(moduleVersion);
    if (!m)
        throw new Error(`not a ${list/* TOOLCHAIN_MODULE */.xc} version: ${JSON.stringify(moduleVersion)}`);
    const expectedVersion = `go${m[1]}`;
    const windowsToolchain = m[2] === 'windows';
    const windowsHost = (options.hostPlatform ?? process.platform) === 'win32';
    if (await exists(goroot))
        throw new Error(`cannot install ${expectedVersion} at ${goroot}: it already exists`);
    const unreadable = (error) => new ToolchainZipError(`${list/* TOOLCHAIN_MODULE */.xc}@${moduleVersion} zip ${zipFile}: ${error instanceof Error ? error.message : String(error)}`);
    let staging;
    let forgetStaging;
    try {
        const entries = await readZipEntries(zipFile).catch((error) => {
            throw unreadable(error);
        });
        const plan = planToolchainExtraction(entries.map(entryInfo), moduleVersion);
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(goroot), { recursive: true });
        const stagingDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_path_.dirname)(goroot), `.${(0,external_node_path_.basename)(goroot)}.partial-`));
        staging = stagingDir;
        // A cancel in the middle of the extraction removes the ~200 MB written so far (synchronously: no writer runs
        // between the removal and the exit).
        forgetStaging = (0,cancel/* onCancel */.A)(() => (0,external_node_fs_.rmSync)(stagingDir, { recursive: true, force: true, maxRetries: 3 }));
        const what = `${list/* TOOLCHAIN_MODULE */.xc}@${moduleVersion}`;
        // Each file once, hashed as it is written, exec bits set as it is created (no second pass over the tree).
        const digests = await writeZipEntries({
            zipFile,
            entries,
            files: plan,
            dir: stagingDir,
            executable: path => windowsHost === false && isExecutablePath(path),
            what
        });
        const emptyDigest = new Uint8Array((0,external_node_crypto_.createHash)('sha256').digest());
        let h1;
        try {
            h1 = (0,dirhash/* hash1 */.C_)(entries.map((entry, i) => ({ name: entry.fileName, sha256: digests.get(i) ?? emptyDigest })));
        }
        catch (error) {
            throw new ToolchainZipError(`${list/* TOOLCHAIN_MODULE */.xc}@${moduleVersion} zip: ${error.message}`);
        }
        if (options.expectedH1 !== undefined && h1 !== options.expectedH1) {
            throw new ToolchainZipError(`${list/* TOOLCHAIN_MODULE */.xc}@${moduleVersion} zip: checksum mismatch: its files hash to ${h1}, expected ${options.expectedH1}`);
        }
        for (const copy of goModRestorations(plan)) {
            await (0,promises_.copyFile)((0,external_node_path_.join)(staging, ...copy.from.split('/')), (0,external_node_path_.join)(staging, ...copy.to.split('/')));
        }
        const goVersion = (await (0,promises_.readFile)((0,external_node_path_.join)(staging, 'VERSION'), 'utf8').catch(() => '')).split('\n')[0].trim();
        if (goVersion !== expectedVersion) {
            throw new ToolchainZipError(`${list/* TOOLCHAIN_MODULE */.xc}@${moduleVersion} zip holds ${goVersion ? JSON.stringify(goVersion) : 'no VERSION file'}, expected ${expectedVersion}`);
        }
        // mkdtemp made the staging directory 0700: the installed GOROOT is 0755, as setup-go's installs, so that other
        // users (container jobs with --user, multi-user hosts) can run it.
        if ((options.hostPlatform ?? process.platform) !== 'win32')
            await (0,promises_.chmod)(staging, 0o755);
        try {
            await (0,promises_.rename)(staging, goroot);
        }
        catch (error) {
            // Another install of the same toolchain finished first (rename onto a non-empty directory fails): theirs is
            // as complete as ours would be, but the caller asked for a fresh install and must know it did not happen.
            if (await exists(goroot)) {
                throw new Error(`cannot install ${expectedVersion} at ${goroot}: another install created it meanwhile`, {
                    cause: error
                });
            }
            throw error;
        }
        staging = undefined;
        return {
            goroot,
            goBinary: (0,external_node_path_.join)(goroot, 'bin', windowsToolchain ? 'go.exe' : 'go'),
            goVersion,
            files: plan.length,
            h1
        };
    }
    finally {
        forgetStaging?.();
        if (staging !== undefined)
            await (0,promises_.rm)(staging, { recursive: true, force: true, maxRetries: 3 });
    }
}
function entryInfo(entry) {
    // The high 16 bits hold a Unix mode only when the zip was made on Unix (version made by, high byte 3).
    const unix = entry.versionMadeBy >> 8 === 3;
    return {
        name: entry.fileName,
        unixMode: unix ? (entry.externalFileAttributes >>> 16) & 0xffff : 0,
        uncompressedSize: entry.uncompressedSize
    };
}
async function exists(path) {
    try {
        await (0,promises_.stat)(path);
        return true;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/net/sleep.ts
var sleep = __webpack_require__(3752);
;// CONCATENATED MODULE: ./src/install/install-lock.ts
/**
 * One install of a Go version at a time in a tool cache that several jobs share (matrix jobs on a host whose runners
 * share RUNNER_TOOL_CACHE): a lock file beside the install directory, created with O_EXCL (`wx`), which works the
 * same on Windows, macOS and Linux and on network file systems that honour O_EXCL.
 *
 * API:
 * - `acquireInstallLock(options)` → `{ kind: 'held', release }` (this job installs; `release()` when done, also on a
 *   failure), or `{ kind: 'done' }` (another job finished the install meanwhile: a cache hit, nothing to do).
 *
 * Protocol:
 * - The holder writes `{pid, host, token}` and touches the file every few seconds (a heartbeat). Only the holder
 *   creates a staging tree, removes an unmarked tree or writes the marker, so whatever partial tree a holder finds
 *   was left by a job that died, and is removed.
 * - A waiter polls: the `.complete` marker appearing ends the wait as a hit; a lock whose holder is dead (same host,
 *   no such pid) or whose heartbeat stopped (older than `staleMs`) is broken; otherwise it waits, at most `waitMs`.
 * - Breaking renames the lock aside first and checks that what it renamed is the lock it judged stale (another
 *   waiter may have broken it and taken a fresh one meanwhile); a fresh lock renamed by mistake is put back.
 * - On a cancel (src/exec/cancel.ts) the holder's lock is removed synchronously.
 */







/** The lock could not be taken or waited for: a local fault, with the path and what to do. */
class InstallLockError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InstallLockError';
    }
}
const DEFAULT_WAIT_MS = 15 * 60_000;
const DEFAULT_STALE_MS = 60_000;
const DEFAULT_HEARTBEAT_MS = 5000;
const DEFAULT_POLL_MS = 500;
/** Takes the install lock, waiting while another live job holds it; see the module comment. */
async function acquireInstallLock(options) {
    const started = Date.now();
    const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    let announced = false;
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(options.file), { recursive: true });
    for (;;) {
        const owner = { pid: process.pid, host: external_node_os_default().hostname(), token: (0,external_node_crypto_.randomBytes)(12).toString('hex') };
        if (await tryCreate(options.file, owner))
            return held(options, owner);
        if (await options.isDone())
            return { kind: 'done' };
        const current = await readOwner(options.file);
        if (current === 'gone')
            continue;
        if (await isStale(options.file, current, options.staleMs ?? DEFAULT_STALE_MS)) {
            options.log.info(`Removing the install lock ${options.file} of a job that ended without releasing it`);
            await breakLock(options.file, current);
            continue;
        }
        if (!announced) {
            const by = current ? `pid ${current.pid} on ${current.host}` : 'another job';
            options.log.info(`Waiting for ${by}, which is installing ${options.what} into the same tool cache`);
            announced = true;
        }
        if (Date.now() - started > waitMs) {
            throw new InstallLockError(`another job has been installing ${options.what} for more than ${Math.round(waitMs / 60_000)} min (lock ${options.file}); if no job is installing it, remove that file`);
        }
        await (0,sleep/* sleep */.y)(options.pollMs ?? DEFAULT_POLL_MS, options.signal);
        if (options.signal?.aborted)
            throw new InstallLockError(`waiting for ${options.file} was cancelled`);
    }
}
/** Creates the lock file with O_EXCL; false when it exists. Other errors (read-only, full) propagate. */
async function tryCreate(file, owner) {
    let handle;
    try {
        handle = await (0,promises_.open)(file, 'wx');
    }
    catch (error) {
        if (error.code === 'EEXIST')
            return false;
        throw error;
    }
    try {
        await handle.writeFile(JSON.stringify(owner));
    }
    finally {
        await handle.close();
    }
    return true;
}
function held(options, owner) {
    const heartbeat = setInterval(() => {
        const now = new Date();
        (0,promises_.utimes)(options.file, now, now).catch(() => undefined);
    }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    heartbeat.unref();
    const forgetOnCancel = (0,cancel/* onCancel */.A)(() => {
        clearInterval(heartbeat);
        removeIfOurs(options.file, owner);
    });
    let released = false;
    return {
        kind: 'held',
        release: async () => {
            if (released)
                return;
            released = true;
            clearInterval(heartbeat);
            forgetOnCancel();
            const current = await readOwner(options.file);
            if (current !== 'gone' && current?.token === owner.token)
                await (0,promises_.unlink)(options.file).catch(() => undefined);
        }
    };
}
/** Synchronous removal for a cancel (no awaits on that path): only when the file still holds our token. */
function removeIfOurs(file, owner) {
    try {
        if (parseOwner((0,external_node_fs_.readFileSync)(file, 'utf8'))?.token === owner.token)
            (0,external_node_fs_.unlinkSync)(file);
    }
    catch {
        // Gone already.
    }
}
/** The lock's owner; undefined when unreadable (being written), 'gone' when there is no lock. */
async function readOwner(file) {
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return 'gone';
        throw error;
    }
    return parseOwner(text);
}
function parseOwner(text) {
    try {
        const value = JSON.parse(text);
        if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
            return { pid: value.pid, host: value.host, token: value.token };
        }
    }
    catch {
        // Not (yet) a whole owner record.
    }
    return undefined;
}
/** A dead holder on this host, or a heartbeat older than `staleMs` (a holder on another host, or an unreadable lock). */
async function isStale(file, owner, staleMs) {
    if (owner && owner.host === external_node_os_default().hostname() && !processAlive(owner.pid))
        return true;
    try {
        return Date.now() - (await (0,promises_.stat)(file)).mtimeMs > staleMs;
    }
    catch {
        return false;
    }
}
function processAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        // EPERM: it exists, owned by another user.
        return error.code === 'EPERM';
    }
}
/** Renames the lock aside; if what was renamed is not the lock judged stale, puts it back (never over a new one). */
async function breakLock(file, judged) {
    const aside = `${file}.stale-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`;
    try {
        await (0,promises_.rename)(file, aside);
    }
    catch {
        return; // Someone else broke it first.
    }
    const renamed = await readOwner(aside).catch(() => undefined);
    const same = renamed !== 'gone' && (judged === undefined ? renamed === undefined : renamed?.token === judged.token);
    if (!same) {
        // A live lock taken meanwhile: back where it was, unless yet another lock is there now.
        await (0,promises_.link)(aside, file).catch(() => undefined);
    }
    await (0,promises_.unlink)(aside).catch(() => undefined);
}

;// CONCATENATED MODULE: ./src/install/install.ts
/**
 * Installing Go itself through the verified chain: request → the golang.org/toolchain list through GOPROXY → an
 * installed copy? → the checksum database's h1: for the chosen version → the zip downloaded to a file → extracted
 * with the h1 checked over the bytes written → marked complete.
 *
 * API:
 * - `installGo(options)` → `Promise<InstalledGo>`; rejects with `ToolchainInstallError` (what failed, in words) or an
 *   InputError (no version matches the request: names it and the nearest versions).
 * - `findInstalledGo(request, destination)` → the newest installed version the request accepts, with no network.
 * - `goInstallDir(destination, goVersion)`: where a version lives (tool cache `go/<semver>/<arch>`, or `go<version>`
 *   under an SDK root as golang.org/dl installs it).
 * - `TOOLCHAIN_DIRECT_BASE`: what `direct` in GOPROXY means for golang.org/toolchain.
 *
 * Decisions:
 * - Verification before anything is installed: the database's record (signed tree head, tiles, record text) is
 *   checked while the zip streams to a temporary file (a forged database answer aborts the download), and the zip's
 *   h1 is checked over the bytes as they are extracted into a staging directory (installToolchainZip's
 *   expectedH1): a mismatch installs nothing.
 * - GOSUMDB=off refuses every download (the go command refuses toolchain downloads without a database); GONOSUMDB
 *   and GOPRIVATE do not exempt golang.org/toolchain. An installed copy is used without asking the network (it was
 *   verified when it was installed, by this action or by setup-go).
 * - `direct` is https://go.dev/dl/mod, the module's origin, itself a GOPROXY for golang.org/toolchain.
 * - `1.23`, exact versions and ranges look at installed copies first (as setup-go does, no network on a hit);
 *   `stable`/`oldstable` need the list to know which version they mean. `checkLatest` (setup-go's check-latest)
 *   always reads the list and installs the newest match unless that very version is installed (then no download).
 * - The tool-cache layout is @actions/tool-cache's (`<root>/go/<semver>/<arch>` then `<arch>.complete`, written
 *   last), but written in place instead of `cacheDir`'s copy of ~10 000 files: the staging directory is renamed
 *   (cacheDir's copy of the 9,860-file 1.23.5 tree took 7.3 s on the loaded 2-core test machine; the rename is free).
 * - Jobs sharing a tool cache install one at a time (install-lock.ts): the lock is taken after verification and
 *   before the download, so a job that waited finds the other's complete install (a cache hit, no download); only
 *   the holder removes an unmarked tree or stale `.<arch>.partial-*` trees, so no tree another job owns is removed.
 */














/** `direct` for golang.org/toolchain: the module's origin, a GOPROXY serving exactly this module. */
const TOOLCHAIN_DIRECT_BASE = 'https://go.dev/dl/mod';
/** The marker golang.org/dl writes into a finished `~/sdk/go<version>`. */
const SDK_COMPLETE_MARKER = '.unpacked-success';
/** An install that did not happen, with what failed (`stage`) and why; nothing was installed. */
class ToolchainInstallError extends Error {
    stage;
    constructor(
    /** 'local': this machine's directories (read-only, full, locked by another job), never a proxy's fault. */
    stage, message) {
        super(message);
        this.stage = stage;
        this.name = 'ToolchainInstallError';
    }
}
const DEFAULT_MAX_ZIP_BYTES = 500 << 20;
const DEFAULT_PROGRESS_INTERVAL_MS = 5000;
const LIST_MAX_BYTES = 8 << 20;
/** The directory Go `goVersion` (`1.23.5`) is installed at under `destination`. */
function goInstallDir(destination, goVersion) {
    if (destination.kind === 'sdk')
        return (0,external_node_path_.join)(destination.root, `go${goVersion}`);
    const entry = toolCacheEntry(goVersion, destination.nodeArch);
    return (0,external_node_path_.join)(destination.root, ...entry.segments);
}
function completeMarker(destination, goVersion) {
    if (destination.kind === 'sdk')
        return (0,external_node_path_.join)(goInstallDir(destination, goVersion), SDK_COMPLETE_MARKER);
    return `${goInstallDir(destination, goVersion)}.complete`;
}
function goBinaryOf(goroot, platform) {
    return (0,external_node_path_.join)(goroot, 'bin', `go${platform.exe}`);
}
/**
 * The newest completely installed Go under `destination` that `request` accepts, with no network; undefined for
 * none (and always for stable/oldstable, which only the list can resolve).
 */
async function findInstalledGo(request, destination, platform) {
    if (request.kind === 'stable' || request.kind === 'oldstable')
        return undefined;
    const versions = (await installedVersions(destination)).filter(toolchain_version/* isGoVersion */.JQ);
    const candidates = [...versions].sort((a, b) => (0,toolchain_version/* compareGoVersions */.X_)(b, a));
    while (candidates.length > 0) {
        const version = (0,toolchain_version/* pickVersion */.SO)(request, candidates);
        if (version === undefined)
            return undefined;
        const found = await complete(destination, version, platform);
        if (found)
            return found;
        candidates.splice(candidates.indexOf(version), 1);
    }
    return undefined;
}
async function complete(destination, version, platform) {
    const goroot = goInstallDir(destination, version);
    const goBinary = goBinaryOf(goroot, platform);
    if ((await isFile(completeMarker(destination, version))) && (await isFile(goBinary))) {
        return { version, goroot, goBinary };
    }
    return undefined;
}
/** Go versions with a directory under `destination` (complete or not). */
async function installedVersions(destination) {
    const dir = destination.kind === 'sdk' ? destination.root : (0,external_node_path_.join)(destination.root, 'go');
    const names = await (0,promises_.readdir)(dir).catch(() => []);
    if (destination.kind === 'sdk')
        return names.filter(n => n.startsWith('go')).map(n => n.slice(2));
    return names.map(fromSemver).filter((v) => v !== undefined);
}
/** setup-go's makeSemver undone: `1.21.0-rc.1` → `1.21rc1`, `1.23.5` → `1.23.5`. */
function fromSemver(name) {
    const m = /^(\d+)\.(\d+)\.(\d+)(?:-(alpha|beta|rc)\.(\d+))?$/.exec(name);
    if (!m)
        return undefined;
    const [, major, minor, patch, kind, pre] = m;
    return kind ? `${major}.${minor}${kind}${pre}` : `${major}.${minor}.${patch}`;
}
/**
 * Installs the Go toolchain `options.request` asks for, through the chain, verified against the checksum database,
 * unless an installed copy already satisfies it. Nothing is left at the install directory unless the install is
 * complete.
 */
async function installGo(given) {
    // One health record of the proxies for the list, the database and the zip (the walker's): a proxy that stalled
    // once is not asked first again in this install.
    const options = { ...given, health: given.health ?? new walk/* ChainHealth */.WI() };
    const started = performance.now();
    const { request, destination, platform, log } = options;
    const elapsed = () => Math.round(performance.now() - started);
    const cached = options.checkLatest ? undefined : await findInstalledGo(request, destination, platform);
    if (cached) {
        log.info(`Go ${cached.version} is already installed at ${cached.goroot} (no download)`);
        return hit(cached, platform, elapsed());
    }
    if (options.sumdb.kind === 'off') {
        throw new ToolchainInstallError('sumdb', `cannot install Go ${(0,toolchain_version/* describeRequest */.Ng)(request)}: GOSUMDB=off, and Go toolchains are installed only when verified against the checksum database (the go command refuses too); set GOSUMDB to sum.golang.org or sum.golang.google.cn`);
    }
    const version = await resolveVersion(options);
    const moduleVersion = (0,list/* toolchainModuleVersion */.AL)(version, platform);
    const installedNow = await complete(destination, version, platform);
    if (installedNow) {
        log.info(`Go ${version} is already installed at ${installedNow.goroot} (no download)`);
        return hit(installedNow, platform, elapsed());
    }
    const where = `${list/* TOOLCHAIN_MODULE */.xc}@${moduleVersion}`;
    const goroot = goInstallDir(destination, version);
    // Local faults before any download: a read-only or full tool cache would otherwise show only after ~70 MB.
    await ensureWritable((0,external_node_path_.dirname)(goroot), destination.kind === 'tool-cache' ? 'the tool cache' : 'the SDK directory');
    await ensureWritable(options.tempDir, 'the download directory (RUNNER_TEMP)');
    const base = await resolveSumdbBase({ ...options, log });
    if (!base.ok)
        throw new ToolchainInstallError('sumdb', `cannot verify ${where}: ${base.message}`);
    log.info(`Verifying ${where} with the checksum database at ${(0,url/* redactUrl */.BO)(base.url)} (${base.via})`);
    // The proofs are fetched while this job waits for the install lock and while the zip downloads
    // (downloadAndExtract); nothing is extracted before the record is verified.
    const verifying = verifyModule({
        fetch: sumdbFetcher({ ...options, base: base.url }),
        key: options.sumdb.key,
        path: list/* TOOLCHAIN_MODULE */.xc,
        version: moduleVersion
    });
    // Awaited in downloadAndExtract; a job that finds the install done meanwhile never awaits it.
    verifying.catch(() => undefined);
    // One install of this version at a time in a tool cache other jobs share; a job that finished it meanwhile
    // makes this a cache hit (install-lock.ts).
    const lock = await acquireInstallLock({
        file: `${goroot}.lock`,
        isDone: async () => (await complete(destination, version, platform)) !== undefined,
        what: `Go ${version}`,
        log,
        ...(options.signal ? { signal: options.signal } : {})
    }).catch((error) => {
        throw localFault(error, (0,external_node_path_.dirname)(goroot), 'the tool cache');
    });
    if (lock.kind === 'done')
        return installedByAnotherJob(destination, version, platform, log, elapsed);
    try {
        const finished = await complete(destination, version, platform);
        if (finished)
            return installedByAnotherJob(destination, version, platform, log, elapsed);
        return await downloadAndExtract(options, { version, moduleVersion, where, goroot, verifying, elapsed });
    }
    finally {
        await lock.release();
    }
}
async function installedByAnotherJob(destination, version, platform, log, elapsed) {
    const found = await complete(destination, version, platform);
    if (!found)
        throw new ToolchainInstallError('local', `Go ${version} was reported installed but is not complete`);
    log.info(`Go ${version} was installed at ${found.goroot} meanwhile (by another job): no download`);
    return hit(found, platform, elapsed());
}
/** The downloaded zip's source and size, after the walk's lines are logged; an install error when there is none. */
function downloadedZip(downloaded, where, tempDir, log) {
    for (const line of downloaded.tried)
        log.info(`  ${line}`);
    if (!downloaded.ok) {
        if (downloaded.local) {
            throw new ToolchainInstallError('local', `cannot download ${where}: ${downloaded.message} (a fault of this machine's ${tempDir}, not of a proxy)`);
        }
        throw new ToolchainInstallError('download', `cannot download ${where}: ${downloaded.message}`);
    }
    if (downloaded.answer.body.kind !== 'file') {
        throw new ToolchainInstallError('download', `cannot download ${where}: the answer was not written to a file`);
    }
    const bytes = downloaded.answer.body.bytes;
    log.info(`Downloaded ${where} from ${downloaded.source}: ${formatMiB(bytes)}`);
    return { source: downloaded.source, bytes };
}
/**
 * Replaces the tree at `goroot` with the verified zip's contents (`what` names it in an error); the completion marker
 * is written last, so a reader that sees it finds a complete tree.
 */
async function replaceTree(destination, version, goroot, zip, what) {
    const { zipFile, moduleVersion } = zip;
    // An unmarked tree is an install that did not finish. A stale marker goes first: while the tree is replaced no
    // marker may claim it complete (for the tool cache the marker lies outside the tree).
    await (0,promises_.rm)(completeMarker(destination, version), { force: true });
    await (0,promises_.rm)(goroot, { recursive: true, force: true, maxRetries: 3 });
    let installed;
    try {
        installed = await installToolchainZip({ zipFile, moduleVersion, goroot, expectedH1: zip.h1 });
    }
    catch (error) {
        if (isLocalFault(error))
            throw localFault(error, (0,external_node_path_.dirname)(goroot), 'the tool cache');
        throw new ToolchainInstallError('extract', `${what} was not installed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // The marker last: a reader that sees it finds a complete tree.
    await (0,promises_.writeFile)(completeMarker(destination, version), '').catch((error) => {
        throw localFault(error, (0,external_node_path_.dirname)(goroot), 'the tool cache');
    });
    return installed;
}
/** The download and the extraction, with the install lock held: only this job writes the tree now. */
async function downloadAndExtract(options, target) {
    const { destination, platform, log } = options;
    const { version, moduleVersion, where, goroot } = target;
    // Staging trees a holder finds were left by a job that died (only a holder makes them).
    await removeStalePartials(goroot, log);
    const zipFile = (0,external_node_path_.join)(options.tempDir, `${moduleVersion}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.zip`);
    const forgetZip = (0,cancel/* onCancel */.A)(() => (0,external_node_fs_.rmSync)(zipFile, { force: true }));
    await (0,promises_.mkdir)(options.tempDir, { recursive: true });
    // The zip streams to a file while the database's proofs are checked; a failed verification aborts the download,
    // and nothing is extracted before both are done.
    const stopDownload = new AbortController();
    try {
        const maxBytes = options.maxZipBytes ?? DEFAULT_MAX_ZIP_BYTES;
        const downloading = getThroughChain({
            ...options,
            signal: options.signal ? AbortSignal.any([options.signal, stopDownload.signal]) : stopDownload.signal,
            path: `${list/* TOOLCHAIN_MODULE */.xc}/@v/${moduleVersion}.zip`,
            directBase: options.directBase ?? TOOLCHAIN_DIRECT_BASE,
            body: {
                mode: 'file',
                path: zipFile,
                maxBytes,
                onProgress: progressLogger(where, log, options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS)
            }
        });
        const verified = await target.verifying.catch(async (error) => {
            stopDownload.abort();
            await downloading;
            throw error;
        });
        if (!verified.ok) {
            stopDownload.abort();
            await downloading;
            throw new ToolchainInstallError('verify', `${where} failed verification (${verified.reason}): ${verified.message}; nothing was installed`);
        }
        const { source, bytes } = downloadedZip(await downloading, where, options.tempDir, log);
        // An installer that takes no lock (setup-go, an older version of this action) may have finished the same
        // install while we downloaded: its tree is used, never removed.
        const finished = await complete(destination, version, platform);
        if (finished) {
            log.info(`Go ${version} was installed at ${finished.goroot} meanwhile (by another job): the download is not used`);
            return hit(finished, platform, target.elapsed());
        }
        const installed = await replaceTree(destination, version, goroot, { zipFile, moduleVersion, h1: verified.h1 }, `${where} from ${source}`);
        log.info(`Installed Go ${version} at ${goroot} (${installed.files} files, ${verified.h1})`);
        return {
            version,
            goroot,
            goBinary: installed.goBinary,
            cacheHit: false,
            moduleVersion,
            h1: verified.h1,
            source: source,
            bytes,
            ms: target.elapsed()
        };
    }
    finally {
        forgetZip();
        await (0,promises_.rm)(zipFile, { force: true });
    }
}
/** Staging trees (`.<name>.partial-*`) beside `goroot`: only a lock holder makes them, so any found is a dead job's. */
async function removeStalePartials(goroot, log) {
    const prefix = `.${(0,external_node_path_.basename)(goroot)}.partial-`;
    const names = await (0,promises_.readdir)((0,external_node_path_.dirname)(goroot)).catch(() => []);
    for (const name of names.filter(n => n.startsWith(prefix))) {
        log.info(`Removing ${(0,external_node_path_.join)((0,external_node_path_.dirname)(goroot), name)}, left by an install that did not finish`);
        await (0,promises_.rm)((0,external_node_path_.join)((0,external_node_path_.dirname)(goroot), name), { recursive: true, force: true, maxRetries: 3 });
    }
}
/** Error codes of this machine's file systems: never a proxy's fault. */
const LOCAL_CODES = {
    EROFS: 'is on a read-only file system',
    EACCES: 'is not writable (permission denied)',
    EPERM: 'is not writable (operation not permitted)',
    ENOSPC: 'is full (no space left on device)',
    EDQUOT: 'is full (disk quota exceeded)'
};
function isLocalFault(error) {
    return (error instanceof InstallLockError ||
        (error instanceof Error && (error.code ?? '') in LOCAL_CODES));
}
/** A local fault as an install error naming the directory (or the error as it is, when it is not one). */
function localFault(error, dir, what) {
    if (error instanceof ToolchainInstallError)
        return error;
    if (error instanceof InstallLockError)
        return new ToolchainInstallError('local', error.message);
    const code = error.code;
    if (code !== undefined && code in LOCAL_CODES) {
        return new ToolchainInstallError('local', `${what} ${dir} ${LOCAL_CODES[code]} (${code}); nothing was installed`);
    }
    return error instanceof Error ? error : new Error(String(error));
}
/**
 * mkdir -p that reports the real cause: Node's recursive mkdir says ENOENT for a parent on a read-only file system;
 * creating the missing levels one by one gives EROFS (or EACCES) for the level that cannot be made.
 */
async function makeDirectory(dir) {
    try {
        await (0,promises_.mkdir)(dir, { recursive: true });
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
        const missing = [];
        for (let at = dir; !(await install_exists(at)) && (0,external_node_path_.dirname)(at) !== at; at = (0,external_node_path_.dirname)(at))
            missing.unshift(at);
        for (const level of missing)
            await (0,promises_.mkdir)(level);
        throw error;
    }
}
async function install_exists(path) {
    try {
        await (0,promises_.stat)(path);
        return true;
    }
    catch {
        return false;
    }
}
/** Creates `dir` and a file in it (removed again): a read-only or full directory is named before any download. */
async function ensureWritable(dir, what) {
    const probe = (0,external_node_path_.join)(dir, `.setup-goproxy-write-check-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
    try {
        await makeDirectory(dir);
        const handle = await (0,promises_.open)(probe, 'wx');
        try {
            await handle.writeFile('x');
        }
        finally {
            await handle.close();
        }
        await (0,promises_.unlink)(probe);
    }
    catch (error) {
        await (0,promises_.rm)(probe, { force: true }).catch(() => undefined);
        throw localFault(error, dir, what);
    }
}
function hit(found, platform, ms) {
    return {
        ...found,
        cacheHit: true,
        moduleVersion: (0,list/* toolchainModuleVersion */.AL)(found.version, platform),
        bytes: 0,
        ms
    };
}
/** The Go version to install: the golang.org/toolchain list through the chain, then the newest match here. */
async function resolveVersion(options) {
    const listed = await getThroughChain({
        ...options,
        path: `${list/* TOOLCHAIN_MODULE */.xc}/@v/list`,
        directBase: options.directBase ?? TOOLCHAIN_DIRECT_BASE,
        body: { mode: 'buffer', maxBytes: LIST_MAX_BYTES }
    });
    for (const line of listed.tried)
        options.log.info(`  ${line}`);
    if (!listed.ok) {
        throw new ToolchainInstallError('list', `cannot list the Go toolchains (${list/* TOOLCHAIN_MODULE */.xc}): ${listed.message}`);
    }
    if (listed.answer.body.kind !== 'buffered' || listed.answer.body.truncated) {
        throw new ToolchainInstallError('list', `the ${list/* TOOLCHAIN_MODULE */.xc} list from ${listed.source} is larger than ${LIST_MAX_BYTES} bytes`);
    }
    const entries = (0,list/* parseToolchainList */.Xy)(listed.answer.body.bytes.toString('utf8'));
    const chosen = (0,list/* selectToolchain */.qQ)(options.request, entries, options.platform, options.input ?? 'go-version');
    options.log.info(`Go ${(0,toolchain_version/* describeRequest */.Ng)(options.request)} is ${chosen.goVersion} (${list/* TOOLCHAIN_MODULE */.xc} list from ${listed.source})`);
    return chosen.goVersion;
}
/** A download progress callback that logs at every 10 % and at least every `intervalMs`. */
function progressLogger(what, log, intervalMs, now = () => performance.now()) {
    let lastTenth = 0;
    let lastAt = now();
    return (bytes, total) => {
        const tenth = total ? Math.floor((bytes * 10) / total) : 0;
        const at = now();
        if (tenth > lastTenth || at - lastAt >= intervalMs) {
            lastTenth = Math.max(lastTenth, tenth);
            lastAt = at;
            const share = total ? ` of ${formatMiB(total)} (${Math.floor((bytes * 100) / total)} %)` : '';
            log.info(`  ${what}: ${formatMiB(bytes)}${share}`);
        }
    };
}
function formatMiB(bytes) {
    return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}
async function isFile(path) {
    try {
        return (await (0,promises_.stat)(path)).isFile();
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/install/version-file.ts
/**
 * Reading `go-version-file` and the runner's platform (the shell around src/go/toolchain).
 *
 * API:
 * - `readVersionFile(path)` → `Promise<VersionFileRequest>`: reads the file and parses it by its base name
 *   (go.mod, go.work, .tool-versions, else .go-version); a missing or unreadable file is an InputError for
 *   `go-version-file` naming the path.
 * - `hostGoPlatform()` → `GoPlatform`: this machine's GOOS/GOARCH from process.platform, process.arch and
 *   os.endianness().
 */





/** Reads and parses the version file at `path` (as given by the user, relative to the working directory). */
async function readVersionFile(path) {
    const refuse = (why) => new errors/* InputError */.dz(version_file/* VERSION_FILE_INPUT */.JG, `${(0,errors/* quote */.hD)(path)} ${why}`);
    const failed = (error) => {
        const code = error.code;
        return refuse(code === 'ENOENT'
            ? 'does not exist'
            : code === 'EISDIR'
                ? 'is a directory'
                : `cannot be read (${code ?? String(error)})`);
    };
    // A device (/dev/zero), a FIFO or a huge file would be read for ever or into memory: a regular file of at most
    // VERSION_FILE_MAX_BYTES only, opened once and read through the same handle (no swap between check and read).
    let handle;
    try {
        handle = await (0,promises_.open)(path, 'r');
    }
    catch (error) {
        throw failed(error);
    }
    try {
        const stats = await handle.stat();
        if (stats.isDirectory())
            throw refuse('is a directory');
        if (!stats.isFile())
            throw refuse('is not a regular file (a device, a pipe or a socket)');
        if (stats.size > VERSION_FILE_MAX_BYTES) {
            throw refuse(`is larger than ${VERSION_FILE_MAX_BYTES >> 20} MiB (${stats.size} bytes): not a version file`);
        }
        const buffer = Buffer.alloc(VERSION_FILE_MAX_BYTES + 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        if (bytesRead > VERSION_FILE_MAX_BYTES)
            throw refuse(`is larger than ${VERSION_FILE_MAX_BYTES >> 20} MiB`);
        return (0,version_file/* parseVersionFile */.Sz)(path, buffer.subarray(0, bytesRead).toString('utf8'));
    }
    catch (error) {
        throw error instanceof errors/* InputError */.dz ? error : failed(error);
    }
    finally {
        await handle.close();
    }
}
/** The largest version file read: go.mod files of large monorepos stay far below this. */
const VERSION_FILE_MAX_BYTES = 1 << 20;
/** The Go platform of this machine. */
function hostGoPlatform() {
    return (0,list/* goPlatform */.GI)({ platform: process.platform, arch: process.arch, endianness: external_node_os_default().endianness() });
}

;// CONCATENATED MODULE: ./src/install/for-job.ts
/**
 * The install step as the action and the CLI run it: the request from `go-version` or `go-version-file`, the chain
 * and checksum database the probe verified, an HTTP client with the job's trust and proxies, then `installGo`.
 *
 * API:
 * - `installRequestedGo(job)` → `Promise<InstalledGo>` (rejects like installGo; a bad version file is an InputError
 *   for `go-version-file`).
 * - `findRequestedGo(job)`: the requested Go when a complete install of it is already at the destination (no network).
 * - `destinationFor(destination, architecture)`: the tool-cache arch directory of the `architecture` input.
 * - `toolchainChain(chain, gonoproxy)`: the chain the go command uses for golang.org/toolchain (direct when
 *   GONOPROXY matches it).
 */








/** The chain for golang.org/toolchain: the go command fetches a GONOPROXY-matching module direct. */
function toolchainChain(chain, gonoproxy) {
    return (0,patterns/* matchesPrefixPatterns */.BC)(gonoproxy, list/* TOOLCHAIN_MODULE */.xc) ? { proxies: [], terminal: 'direct' } : chain;
}
/**
 * The destination for the requested architecture: in the tool cache, setup-go's arch directory for it
 * (`go/1.23.5/x86`), so a 386 Go never takes the runner's own Go's place.
 */
function destinationFor(destination, architecture) {
    if (!architecture || destination.kind !== 'tool-cache')
        return destination;
    return { ...destination, nodeArch: architecture.toolCacheArch };
}
/** The version request of `go-version`, or of the file `go-version-file` names (read and logged). */
async function for_job_requestOf(job) {
    if (job.goInstall.from === 'go-version')
        return { request: job.goInstall.request, input: 'go-version' };
    const file = (0,external_node_path_.isAbsolute)(job.goInstall.file) ? job.goInstall.file : (0,external_node_path_.resolve)(job.cwd, job.goInstall.file);
    const found = await readVersionFile(file);
    job.log.info(`${job.goInstall.file} line ${found.line} asks for Go ${found.value}`);
    return { request: found.request, input: version_file/* VERSION_FILE_INPUT */.JG };
}
/**
 * The complete install of the requested Go already at the destination, found with no network (undefined for
 * stable/oldstable, which need the list, and when none is there): what lets the CLI skip the probe and work offline.
 */
async function findRequestedGo(job) {
    if (job.checkLatest)
        return undefined;
    const { request } = await for_job_requestOf(job);
    return findInstalledGo(request, destinationFor(job.destination, job.architecture), (0,list/* withArchitecture */.mD)(hostGoPlatform(), job.architecture));
}
/** Installs the Go the job asked for (see module doc). */
async function installRequestedGo(job) {
    const { request, input } = await for_job_requestOf(job);
    const client = (0,http/* createHttpClient */.u)({
        ca: (0,trust/* trustedCertificates */.g)(undefined, job.env),
        env: job.env,
        userAgent: 'setup-goproxy-toolchain'
    });
    try {
        return await installGo({
            request,
            input,
            chain: toolchainChain(job.chain, job.gonoproxy),
            sumdb: job.sumdb,
            client,
            platform: (0,list/* withArchitecture */.mD)(hostGoPlatform(), job.architecture),
            destination: destinationFor(job.destination, job.architecture),
            checkLatest: job.checkLatest === true,
            tempDir: job.tempDir,
            log: job.log,
            ...(job.attempts !== undefined ? { attempts: job.attempts } : {}),
            ...(job.credentialsFor ? { credentialsFor: job.credentialsFor } : {})
        });
    }
    finally {
        await client.close();
    }
}


/***/ }),

/***/ 3390:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WI: () => (/* binding */ ChainHealth),
/* harmony export */   xi: () => (/* binding */ walkUpstream)
/* harmony export */ });
/* unused harmony export chainAnswer */
/* harmony import */ var _go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9100);
/* harmony import */ var _sleep_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3752);


/** The answer as the walker's rules see it. */
function chainAnswer(result, kind, proxy) {
    const common = { ...(kind ? { request: kind } : {}), proxy: proxy.origin + proxy.pathname };
    if (result.kind === 'failure')
        return { kind: 'failure', fault: result.fault, ...common };
    const head = result.body.kind === 'buffered' ? result.body.bytes.subarray(0, 512).toString('utf8') : undefined;
    return {
        kind: 'status',
        status: result.status,
        contentType: result.contentType,
        ...(head !== undefined ? { head } : {}),
        ...common
    };
}
/** Walks `targets` for one request. Never rejects. */
async function walkUpstream(targets, request) {
    const walk = {
        entries: targets.map(t => ({ separator: t.separator, tries: t.tries, ...(t.direct ? { direct: true } : {}) })),
        backoffMs: request.backoffMs,
        ...(request.random ? { random: request.random } : {})
    };
    const lastFailure = new Map();
    const failures = () => [...lastFailure.values()];
    // The first answer whose bytes disagreed with go.sum, kept until the walk knows whether go gets it after all.
    let mismatched;
    const release = (answer) => {
        if (answer && answer !== mismatched?.answer)
            request.release?.(answer);
    };
    const done = (result) => {
        if (mismatched && !(result.kind === 'use' && result.answer === mismatched.answer)) {
            request.release?.(mismatched.answer);
        }
        return result;
    };
    let step = (0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .firstStep */ .VB)(walk);
    for (;;) {
        if (step.do === 'use') {
            // Only a mismatching answer kept from earlier is used this way (an answer asked now is used below).
            if (!mismatched || step.entry !== mismatched.entry)
                throw new Error('unreachable: no answer kept to use');
            const kept = mismatched;
            return done({
                kind: 'use',
                entry: kept.entry,
                answer: kept.answer,
                tries: 1,
                failures: failures(),
                disagrees: true
            });
        }
        if (step.do === 'fail') {
            return done({
                kind: 'fail',
                why: step.why,
                report: step.report === undefined ? undefined : lastFailure.get(step.report),
                failures: failures()
            });
        }
        const state = step.state;
        if (step.delayMs > 0) {
            await (0,_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleep */ .y)(step.delayMs, request.signal);
            if (request.signal?.aborted)
                return done({ kind: 'aborted', failures: failures() });
            if (request.giveUp?.(state.entry)) {
                const last = lastFailure.get(state.entry);
                step = (0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .nextStep */ .sk)(walk, { ...state, attempt: state.attempt - 1 }, last?.verdict ?? 'transient', undefined, true);
                continue;
            }
        }
        const { result, verdict } = await askAndJudge(walk, targets, request, state.entry);
        if (result.kind === 'aborted')
            return done({ kind: 'aborted', failures: failures() });
        request.onTry?.(state.entry, state.attempt, result, verdict);
        const next = (0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .nextStep */ .sk)(walk, state, verdict, result.kind === 'answer' ? result.retryAfterMs : undefined);
        if (next.do === 'use' && result.kind === 'answer' && next.entry === state.entry) {
            return done({
                kind: 'use',
                entry: state.entry,
                answer: result,
                tries: state.attempt,
                failures: failures(),
                ...(next.disagrees ? { disagrees: true } : {})
            });
        }
        const failed = { entry: state.entry, attempt: state.attempt, result, verdict };
        lastFailure.set(state.entry, failed);
        if (verdict === 'mismatch' && result.kind === 'answer') {
            if (mismatched)
                release(result);
            else
                mismatched = { entry: state.entry, answer: result };
        }
        if (request.signal?.aborted)
            return done({ kind: 'aborted', failures: failures() });
        if (next.do === 'ask' && next.state.entry === state.entry)
            request.onRetry?.(failed, next.delayMs);
        step = next;
    }
}
/**
 * Asks the walk's `entry` and judges its answer as go would; where the walk checks bytes (request.check, and the
 * entry's place in the chain), an answer go would take is checked against go.sum too and judged by that.
 */
async function askAndJudge(walk, targets, request, entry) {
    const target = targets[entry];
    const floor = (0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .throughputFloor */ .db)(target.separator, entry === targets.length - 1);
    const result = await ask(target, request, floor);
    // An aborted request has no verdict: the walk ends on it (the caller looks at result.kind first).
    if (result.kind === 'aborted')
        return { result, verdict: 'transient' };
    const verdict = (0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .judgeAnswer */ ._n)(chainAnswer(result, request.kind, target.url));
    if (verdict !== 'ok' || result.kind !== 'answer' || !request.check || !(0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .checksBytes */ .$C)(walk, entry)) {
        return { result, verdict };
    }
    const checked = await request.check(entry, result);
    if (checked.verdict !== 'failed')
        return { result: checked.answer, verdict: checked.verdict };
    return { result: checked.failure, verdict: (0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .judgeAnswer */ ._n)(chainAnswer(checked.failure, request.kind, target.url)) };
}
/** One GET of one target, with the walker's size cap for the kind and its throughput floor for the entry. */
function ask(target, request, floor) {
    return request.client.get(target.url, {
        ...(request.kind ? { maxBodyBytes: _go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .ANSWER_CAPS */ .r7[request.kind] } : {}),
        ...(floor !== undefined ? { minBytesPerSecond: floor, throughputWindowMs: _go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .THROUGHPUT */ .V1.windowMs } : {}),
        body: request.body,
        credentials: target.credentials,
        credentialsFor: request.credentialsFor,
        headersTimeoutMs: request.headersTimeoutMs,
        bodyIdleTimeoutMs: request.bodyIdleTimeoutMs,
        signal: request.signal,
        onData: request.onData
    });
}
/**
 * What one run learned about its proxies, for walkers that keep no health of their own (the Go install's list,
 * checksum-database and zip requests share one): per proxy base URL, its timeouts and failures in a row, as the
 * walker's rules read them (src/go/proxy/walk.ts orderByHealth: a proxy that stalled once is asked after the others
 * of its `|` run). The warm forwarder keeps the same counts in its own per-proxy health.
 */
class ChainHealth {
    counts = new Map();
    /** The counts of the proxy at `base`, or undefined before its first try. */
    of(base) {
        return this.counts.get(base);
    }
    /** Records one try of the proxy at `base`. */
    noteTry(base, result, verdict) {
        const counts = this.counts.get(base) ?? { timeouts: 0, consecutiveFailures: 0 };
        this.counts.set(base, counts);
        if (result.kind === 'failure' && result.fault === 'timeout')
            counts.timeouts++;
        counts.consecutiveFailures = verdict === 'ok' || verdict === 'not-found' ? 0 : counts.consecutiveFailures + 1;
    }
}


/***/ })

};
