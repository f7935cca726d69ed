export const id = 252;
export const ids = [252];
export const modules = {

/***/ 9100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   TN: () => (/* binding */ triesFor),
/* harmony export */   VB: () => (/* binding */ firstStep),
/* harmony export */   _A: () => (/* binding */ dropReason),
/* harmony export */   _n: () => (/* binding */ judgeAnswer),
/* harmony export */   jy: () => (/* binding */ breakerOpen),
/* harmony export */   sk: () => (/* binding */ nextStep)
/* harmony export */ });
/* unused harmony exports ANSWER_RULES, RETRY, rankFailure, HEALTH, retryDelayMs */
/** Faults that may pass if tried again: the proxy or the network was busy, not wrong. */
const TRANSIENT_FAULTS = new Set(['timeout', 'refused', 'reset', 'dns']);
const isStatus = (answer, test) => answer.kind === 'status' && test(answer.status);
/**
 * What an answer means, first matching row wins; no row: 'permanent'. Go's own meaning is 2xx (use it) and 404/410
 * (not found: the next entry, whatever the separator); the rest says which errors are worth another try.
 */
const ANSWER_RULES = [
    {
        // A sign-in portal or a web server's page is never a module file; go would report a checksum mismatch or bad JSON.
        name: 'an HTML page is not a module file',
        applies: answer => answer.kind === 'status' &&
            answer.status === 200 &&
            answer.request !== undefined &&
            answer.request !== 'sumdb' &&
            /text\/html/i.test(answer.contentType ?? '') &&
            /^\s*</.test(answer.head ?? ''),
        verdict: 'permanent'
    },
    { name: '2xx: the answer', applies: answer => isStatus(answer, s => s >= 200 && s < 300), verdict: 'ok' },
    {
        name: '404/410: not found',
        applies: answer => isStatus(answer, s => s === 404 || s === 410),
        verdict: 'not-found'
    },
    { name: '429 and 5xx: busy', applies: answer => isStatus(answer, s => s === 429 || s >= 500), verdict: 'transient' },
    {
        name: 'timeout, refused, reset, dns: may pass',
        applies: answer => answer.kind === 'failure' && TRANSIENT_FAULTS.has(answer.fault),
        verdict: 'transient'
    }
];
/** The verdict on one answer: the first row of ANSWER_RULES that applies, else 'permanent'. */
function judgeAnswer(answer) {
    return ANSWER_RULES.find(rule => rule.applies(answer))?.verdict ?? 'permanent';
}
/** Backoff caps, for every retry of every walk (and the warm phase's go runs). */
const RETRY = {
    /** The longest pause between two tries of one entry. */
    backoffCapMs: 4000,
    /** A server's Retry-After is honoured up to this. */
    retryAfterCapMs: 10_000
};
/** The first step of a walk: ask the first entry, or fail at once when there is none. */
function firstStep(walk) {
    if (walk.entries.length === 0)
        return { do: 'fail', why: 'end', report: undefined };
    return { do: 'ask', state: { entry: 0, attempt: 1 }, delayMs: 0 };
}
/**
 * The step after the answer judged `verdict` to try `state.attempt` of `state.entry`. A transient fault is asked
 * again (after a backoff, at least the server's Retry-After) while the entry's tries remain, unless `giveUp` (the
 * driver's caller dropped the proxy meanwhile); spent, it counts as an error: after `|` the next entry is asked,
 * after `,` the request fails (the go command never passes an error through a `,`). A not-found always moves on.
 */
function nextStep(walk, state, verdict, retryAfterMs, giveUp = false) {
    const entry = walk.entries[state.entry];
    if (!entry || !Number.isInteger(state.attempt) || state.attempt < 1 || state.attempt > entry.tries) {
        throw new Error(`try ${state.attempt} of entry ${state.entry} is outside the walk`);
    }
    if (verdict === 'ok')
        return { do: 'use', entry: state.entry };
    if (verdict === 'transient' && state.attempt < entry.tries && !giveUp) {
        const delayMs = retryDelayMs(state.attempt, retryAfterMs, walk.backoffMs, RETRY.backoffCapMs, RETRY.retryAfterCapMs, walk.random);
        return { do: 'ask', state: { ...state, attempt: state.attempt + 1 }, delayMs };
    }
    const best = rankFailure(state.best, { entry: state.entry, rank: failureRank(verdict, entry) });
    if (verdict !== 'not-found' && entry.separator === ',')
        return { do: 'fail', why: 'stop', report: state.entry };
    if (state.entry + 1 >= walk.entries.length)
        return { do: 'fail', why: 'end', report: best.entry };
    return { do: 'ask', state: { entry: state.entry + 1, attempt: 1, best }, delayMs: 0 };
}
/** The rank of an entry's error, as cmd/go ranks it. */
function failureRank(verdict, entry) {
    if (entry.direct)
        return 2;
    return verdict === 'not-found' ? 0 : 1;
}
/**
 * The error a failed request reports, after `next` failed too (cmd/go TryProxies): direct's error replaces any; a
 * proxy's error replaces a not-found or an earlier proxy error; a not-found replaces only a not-found. So the
 * latest error of the highest rank wins.
 */
function rankFailure(best, next) {
    return best === undefined || next.rank >= best.rank ? next : best;
}
/**
 * How many tries one request gives a proxy: one for a `|` proxy with more after it (the next is as good, and go
 * would move on too) and for a proxy whose breaker is open; else `attempts`.
 */
function triesFor(separator, isLast, breakerIsOpen, attempts) {
    return (separator === '|' && !isLast) || breakerIsOpen ? 1 : Math.max(1, attempts);
}
/** A `|` proxy that timed out this often, or failed this many times in a row, is dropped. */
const HEALTH = { dropAfterTimeouts: 2, dropAfterConsecutiveFailures: 4 };
/**
 * Why a proxy is dropped for the rest of the phase, or undefined to keep it. Only a `droppable` proxy (a `|` entry
 * with something after it: go falls through its errors anyway) is ever dropped.
 */
function dropReason(health, droppable, requestTimeoutMs) {
    if (!droppable)
        return undefined;
    if (health.timeouts >= HEALTH.dropAfterTimeouts) {
        return `it stalled ${health.timeouts} times (no data for ${requestTimeoutMs} ms)`;
    }
    if (health.consecutiveFailures >= HEALTH.dropAfterConsecutiveFailures) {
        return `${health.consecutiveFailures} requests in a row failed`;
    }
    return undefined;
}
/**
 * A circuit breaker: once a whole request's worth of tries failed in a row, later requests ask that proxy once
 * until it answers again, so a dead `,` proxy costs seconds, not retries × requests.
 */
function breakerOpen(health, attempts) {
    return health.consecutiveFailures >= attempts;
}
/**
 * Milliseconds to wait before retry number `retry` (1-based): equal jitter over baseMs·2^(retry-1) capped at
 * `capMs`, but never less than the server's Retry-After (itself capped at `retryAfterCapMs`).
 */
function retryDelayMs(retry, retryAfterMs, baseMs, capMs, retryAfterCapMs, random = Math.random) {
    return Math.max(backoffDelay(retry, baseMs, capMs, random), Math.min(retryAfterMs ?? 0, retryAfterCapMs));
}
/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of base·2^(n-1), capped.
 * The jitter keeps many parallel requests from retrying in lockstep against a proxy that is just recovering.
 */
function backoffDelay(retry, baseMs, capMs, random = Math.random) {
    const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
    return Math.round(exp / 2 + (random() * exp) / 2);
}


/***/ }),

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

/***/ 252:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  findRequestedGo: () => (/* binding */ findRequestedGo),
  installRequestedGo: () => (/* binding */ installRequestedGo),
  toolchainChain: () => (/* binding */ toolchainChain)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/go/env/patterns.ts + 1 modules
var patterns = __webpack_require__(796);
// EXTERNAL MODULE: ./src/go/errors.ts
var errors = __webpack_require__(6743);
// EXTERNAL MODULE: ./src/go/toolchain/version.ts
var toolchain_version = __webpack_require__(5570);
;// CONCATENATED MODULE: ./src/go/toolchain/list.ts
/**
 * The golang.org/toolchain module's version list and the runner's platform (pure).
 *
 * API:
 * - `TOOLCHAIN_MODULE` (`golang.org/toolchain`), `toolchainModuleVersion(goVersion, platform)`
 *   (`v0.0.1-go1.23.5.linux-amd64`), `toolchainZipPrefix(moduleVersion)` (every zip entry starts with it).
 * - `goPlatform({ platform, arch, endianness? })`: Node's `process.platform`/`process.arch` → Go's GOOS/GOARCH and exe suffix.
 * - `parseToolchainList(text)`: `<proxy>/golang.org/toolchain/@v/list` → entries (go version, GOOS, GOARCH).
 * - `selectToolchain(request, entries, platform)`: the newest entry for the request on this platform, or an
 *   InputError naming the request and the nearest versions that exist for this platform.
 */


/** The module through which the go command (≥ 1.21) downloads toolchains. */
const TOOLCHAIN_MODULE = 'golang.org/toolchain';
/** The version prefix every golang.org/toolchain version carries (`gotoolchainVersion` in cmd/go). */
const TOOLCHAIN_VERSION_PREFIX = 'v0.0.1';
/** Node's process.platform → GOOS, for the platforms Go publishes toolchains for. */
const GOOS_BY_NODE_PLATFORM = {
    linux: 'linux',
    darwin: 'darwin',
    win32: 'windows',
    freebsd: 'freebsd',
    openbsd: 'openbsd',
    netbsd: 'netbsd',
    aix: 'aix',
    android: 'android'
};
/**
 * Node's process.arch → GOARCH. The toolchain module names platforms by runtime.GOARCH, so 32-bit ARM is `arm`
 * (`linux-arm`), not go.dev/dl's file name `armv6l`.
 */
const GOARCH_BY_NODE_ARCH = {
    x64: 'amd64',
    arm64: 'arm64',
    ia32: '386',
    arm: 'arm',
    s390x: 's390x',
    riscv64: 'riscv64',
    loong64: 'loong64',
    mips: 'mips',
    mipsel: 'mipsle',
    mips64el: 'mips64le'
};
/**
 * Go's name for the platform Node runs on. Throws InputError (input `platform`) naming the Node value when Go
 * publishes no toolchain for it.
 */
function goPlatform(node) {
    const goos = GOOS_BY_NODE_PLATFORM[node.platform];
    if (goos === undefined) {
        throw new errors/* InputError */.dz('platform', `Go toolchains are not published for process.platform ${(0,errors/* quote */.hD)(node.platform)}`);
    }
    let goarch;
    if (node.arch === 'ppc64') {
        // AIX is big-endian ppc64 only; Linux on POWER is ppc64le nearly always.
        goarch = goos === 'aix' || node.endianness === 'BE' ? 'ppc64' : 'ppc64le';
    }
    else {
        goarch = GOARCH_BY_NODE_ARCH[node.arch];
    }
    if (goarch === undefined) {
        throw new errors/* InputError */.dz('platform', `Go toolchains are not published for process.arch ${(0,errors/* quote */.hD)(node.arch)}`);
    }
    return { goos, goarch, exe: goos === 'windows' ? '.exe' : '' };
}
/** `v0.0.1-go1.23.5.linux-amd64`: the golang.org/toolchain version holding Go `goVersion` for `platform`. */
function toolchainModuleVersion(goVersion, platform) {
    if (!(0,toolchain_version/* isGoVersion */.JQ)(goVersion))
        throw new Error(`not a Go version: ${(0,errors/* quote */.hD)(goVersion)}`);
    return `${TOOLCHAIN_VERSION_PREFIX}-go${goVersion}.${platform.goos}-${platform.goarch}`;
}
/** The prefix every entry of the module zip starts with: `golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64/`. */
function toolchainZipPrefix(moduleVersion) {
    return `${TOOLCHAIN_MODULE}@${moduleVersion}/`;
}
/**
 * Parses the text of `<proxy>/golang.org/toolchain/@v/list`. Lines that are not toolchain versions (blank lines,
 * other version forms, invalid Go versions) are skipped, as the go command skips versions it cannot use.
 */
function parseToolchainList(text) {
    const entries = [];
    for (const line of text.split('\n')) {
        const moduleVersion = line.trim();
        // GOOS and GOARCH never contain '.' or '-'; the Go version is everything between `-go` and the last '.'.
        const m = /^v0\.0\.1-go(.+)\.([a-z0-9]+)-([a-z0-9]+)$/.exec(moduleVersion);
        if (!m || !(0,toolchain_version/* isGoVersion */.JQ)(m[1]))
            continue;
        entries.push({ moduleVersion, goVersion: m[1], goos: m[2], goarch: m[3] });
    }
    return entries;
}
/**
 * The newest toolchain in `entries` that `request` accepts for `platform`. Entries for other platforms are never
 * picked; release candidates only when the request names one (exact `1.23rc1`, or a range with a prerelease).
 * Throws InputError (input `input`, default `go-version`) naming the request, the platform and the nearest versions
 * that exist for it.
 */
function selectToolchain(request, entries, platform, input = 'go-version') {
    const here = entries.filter(e => e.goos === platform.goos && e.goarch === platform.goarch);
    const version = (0,toolchain_version/* pickVersion */.SO)(request, here.map(e => e.goVersion));
    const found = version === undefined ? undefined : here.find(e => (0,toolchain_version/* compareGoVersions */.X_)(e.goVersion, version) === 0);
    if (found)
        return found;
    const where = `${platform.goos}/${platform.goarch}`;
    if (here.length === 0) {
        throw new errors/* InputError */.dz(input, `no Go toolchain is published for ${where} in the golang.org/toolchain list`);
    }
    const nearest = nearestVersions(request, here.map(e => e.goVersion));
    throw new errors/* InputError */.dz(input, `no Go toolchain matches ${(0,errors/* quote */.hD)((0,toolchain_version/* describeRequest */.Ng)(request))} for ${where}; nearest available: ${nearest.join(', ')}`);
}
/**
 * Up to two versions on each side of what was asked for (releases, plus prereleases when a prerelease was asked),
 * so a message can say "1.23.4, 1.23.6" for a missing 1.23.5. For stable/oldstable/ranges: the newest few releases.
 */
function nearestVersions(request, versions) {
    const wanted = request.kind === 'exact' ? request.version : request.kind === 'line' ? `${request.line}.0` : undefined;
    const candidates = [...new Set(versions)]
        .filter(v => (0,toolchain_version/* isReleaseVersion */.O9)(v) || (wanted !== undefined && !(0,toolchain_version/* isReleaseVersion */.O9)(wanted)))
        .sort(toolchain_version/* compareGoVersions */.X_);
    if (candidates.length === 0)
        return [...new Set(versions)].sort(toolchain_version/* compareGoVersions */.X_).slice(-4);
    if (wanted === undefined)
        return candidates.slice(-4).reverse();
    const above = candidates.findIndex(v => (0,toolchain_version/* compareGoVersions */.X_)(v, wanted) > 0);
    const split = above === -1 ? candidates.length : above;
    return candidates.slice(Math.max(0, split - 2), split + 2);
}

// EXTERNAL MODULE: ./src/go/toolchain/version-file.ts
var version_file = __webpack_require__(6309);
// EXTERNAL MODULE: ./src/net/http.ts + 4 modules
var http = __webpack_require__(460);
// EXTERNAL MODULE: ./src/net/trust.ts
var trust = __webpack_require__(7837);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/go/proxy/url.ts
var url = __webpack_require__(2660);
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

// EXTERNAL MODULE: ./src/go/module/path.ts
var module_path = __webpack_require__(4716);
;// CONCATENATED MODULE: ./src/go/sumdb/dirhash.ts
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
    const h = (0,external_node_crypto_.createHash)('sha256');
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
    return new Uint8Array(createHash('sha256').update(content).digest());
}
/** The go.sum hash of a go.mod file: Hash1 over the single name `go.mod` (cmd/go modfetch goModSum). */
function goModHash(content) {
    return hash1([{ name: 'go.mod', sha256: sha256Of(content) }]);
}
/** True for a well-formed `h1:` hash: "h1:" and 44 characters of padded base64 holding 32 bytes. */
function isH1(hash) {
    return /^h1:[A-Za-z0-9+/]{43}=$/.test(hash);
}

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
            if (!isH1(hash))
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

;// CONCATENATED MODULE: ./src/go/sumdb/tlog.ts
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
    const hash = (0,external_node_crypto_.createHash)('sha256');
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
    const key = decodeBase64(key64);
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
        const sig = decodeBase64(b64);
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
        if (error instanceof TlogError) {
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
    const tree = parseTree(note.text);
    if (typeof tree === 'string')
        throw new Failure('tree', `${where}: the signed tree head: ${tree}`);
    if (answer.id >= tree.size) {
        throw new Failure('tree', `${where}: record ${answer.id} is not in the signed tree of ${tree.size} records`);
    }
    const fetchTiles = tileFetcher(get, where);
    const [leaf] = await tileHashReader(tree, TILE_HEIGHT, fetchTiles)([storedHashIndex(0, answer.id)]);
    if (!sameHash(leaf, recordHash(answer.text))) {
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
    const knownHash = decodeBase64(known.hash);
    if (!Number.isSafeInteger(known.size) || known.size < 0 || knownHash?.length !== HASH_SIZE) {
        throw new Failure('tree', `${where}: the known tree head (${known.size}, ${known.hash}) is malformed`);
    }
    const old = { size: known.size, hash: knownHash };
    if (old.size === tree.size) {
        if (!sameHash(old.hash, tree.hash)) {
            throw new Failure('tree', `${where}: the database signed two different trees of ${tree.size} records (a fork)`);
        }
        return;
    }
    if (old.size === 0)
        return;
    const [small, large] = old.size < tree.size ? [old, tree] : [tree, old];
    try {
        const proof = await proveTree(large.size, small.size, tileHashReader(large, TILE_HEIGHT, fetchTiles));
        checkTree(proof, large.size, large.hash, small.size, small.hash);
    }
    catch (error) {
        if (error instanceof TlogError) {
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
        const path = `/${tilePath(tile)}`;
        const first = await get(path);
        if (first.status === 200)
            return first.body;
        const fullWidth = 2 ** tile.H;
        if (tile.W !== fullWidth && (first.status === 404 || first.status === 410)) {
            const full = { ...tile, W: fullWidth };
            const second = await get(`/${tilePath(full)}`);
            if (second.status === 200) {
                if (second.body.length !== fullWidth * HASH_SIZE) {
                    throw new Failure('tile', `${where}: tile ${tilePath(full)} has ${second.body.length} bytes, want ${fullWidth * HASH_SIZE}`);
                }
                return second.body.subarray(0, tile.W * HASH_SIZE);
            }
        }
        if (first.status === 404 || first.status === 410) {
            // An honest database serves every tile of every tree it signs: the signed size claims records it lacks.
            throw new Failure('tree', `${where}: the database has no ${tilePath(tile)} (${first.status}), which its signed tree head needs`);
        }
        throw new Failure('network', `${where}: GET ${path} answered ${first.status}${snippet(first.body)}`);
    };
    return async (tiles) => Promise.all(tiles.map(tile => {
        const key = tilePath(tile);
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
// EXTERNAL MODULE: ./src/net/walk.ts
var walk = __webpack_require__(3390);
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
    const bases = options.chain.proxies.map(p => ({ base: p.url, separator: p.separator, direct: false }));
    if (options.chain.terminal === 'direct')
        bases.push({ base: options.directBase, separator: ',', direct: true });
    const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
    const targets = bases.map(b => ({
        ...requestTarget(b.base, options.path),
        separator: b.separator,
        tries: attempts,
        direct: b.direct
    }));
    const shown = bases.map(b => (0,url/* redactUrl */.BO)(b.base));
    const message = (failed) => `${shown[failed.entry]}/${options.path}: ${describe(failed.result)}`;
    const walked = await (0,walk/* walkUpstream */.x)(targets, {
        ...requestOf(options, options.body),
        onTry: (entry, attempt, result, verdict) => {
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
    const walked = await (0,walk/* walkUpstream */.x)([target], requestOf(options, { mode: 'buffer', maxBytes: 4096 }));
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
        const walked = await (0,walk/* walkUpstream */.x)([target], requestOf(options, body));
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(663);
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
    const prefix = toolchainZipPrefix(moduleVersion);
    const files = [];
    const seen = new Map();
    let total = 0;
    entries.forEach((entry, entryIndex) => {
        const { name } = entry;
        const refuse = (why) => {
            throw new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip entry ${(0,errors/* quote */.hD)(name)}: ${why}`, name);
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
                throw new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip entry ${(0,errors/* quote */.hD)(name)} is a file and a directory`, name);
            }
        }
    }
    const windows = /\.windows-[a-z0-9]+$/.test(moduleVersion);
    const goBinary = windows ? 'bin/go.exe' : 'bin/go';
    if (!files.some(f => f.path === goBinary)) {
        throw new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip has no ${goBinary}`);
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

;// CONCATENATED MODULE: ./src/install/extract.ts
/**
 * Installing a golang.org/toolchain module zip from a file on disk into a GOROOT directory (the shell around
 * src/go/toolchain/zip-plan.ts).
 *
 * API:
 * - `installToolchainZip({ zipFile, moduleVersion, goroot })` → `Promise<InstalledToolchain>`: checks every entry
 *   first (nothing is written for a bad zip), streams the files into a staging directory beside `goroot` (the zip is
 *   never held in memory), sets the exec bits and restores the go.mod files as the go command does, checks VERSION,
 *   then renames the staging directory to `goroot`, so a half-extracted tree is never found at `goroot`.
 *
 * The caller looks the module's h1: up in the checksum database and passes it as `expectedH1`: the installer hashes
 * the bytes it writes and installs nothing on a mismatch.
 */









/** How many zip entries are extracted at once. */
const WRITE_CONCURRENCY = 8;
/**
 * Installs the toolchain zip `zipFile` at `goroot`. Rejects with a `ToolchainZipError` (bad entries, VERSION not
 * matching `moduleVersion`) or an I/O error; in every failure `goroot` is left absent and the staging directory is
 * removed.
 */
async function installToolchainZip(options) {
    const { zipFile, moduleVersion, goroot } = options;
    const m = /^v0\.0\.1-go(.+)\.([a-z0-9]+)-([a-z0-9]+)$/.exec(moduleVersion);
    if (!m)
        throw new Error(`not a ${TOOLCHAIN_MODULE} version: ${JSON.stringify(moduleVersion)}`);
    const expectedVersion = `go${m[1]}`;
    const windowsToolchain = m[2] === 'windows';
    if (await exists(goroot))
        throw new Error(`cannot install ${expectedVersion} at ${goroot}: it already exists`);
    const unreadable = (error) => new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip ${zipFile}: ${error instanceof Error ? error.message : String(error)}`);
    const zip = await yauzl.openPromise(zipFile, {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: true,
        // A backslash is an error, not silently turned into a separator.
        strictFileNames: true,
        validateEntrySizes: true
    })
        .catch((error) => {
        throw unreadable(error);
    });
    let staging;
    try {
        const entries = await readEntries(zip).catch((error) => {
            throw unreadable(error);
        });
        const plan = planToolchainExtraction(entries.map(entryInfo), moduleVersion);
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(goroot), { recursive: true });
        const stagingDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_path_.dirname)(goroot), `.${(0,external_node_path_.basename)(goroot)}.partial-`));
        staging = stagingDir;
        const made = new Set();
        const digests = new Map();
        const writeFile = async (file) => {
            const target = (0,external_node_path_.join)(stagingDir, ...file.path.split('/'));
            const parent = (0,external_node_path_.dirname)(target);
            if (!made.has(parent)) {
                await (0,promises_.mkdir)(parent, { recursive: true });
                made.add(parent);
            }
            const entry = entries[file.entryIndex];
            const source = await zip.openReadStreamPromise(entry);
            const hash = (0,external_node_crypto_.createHash)('sha256');
            // Modes from the zip are not trusted (as in the go command): 0644, exec bits below for bin and pkg/tool.
            await (0,external_node_stream_promises_.pipeline)(source, async function* (chunks) {
                for await (const chunk of chunks) {
                    hash.update(chunk);
                    yield chunk;
                }
            }, (0,external_node_fs_.createWriteStream)(target, { flags: 'wx', mode: 0o644 })).catch((error) => {
                // File system errors carry a code (ENOSPC, EACCES); the zip reader's (bad sizes, bad deflate data) do not.
                if (error.code !== undefined)
                    throw error;
                throw new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip entry ${JSON.stringify(entry.fileName)}: ${error.message}`, entry.fileName);
            });
            digests.set(file.entryIndex, new Uint8Array(hash.digest()));
        };
        // A few files at a time: most are small, and one at a time leaves the disk idle between them.
        // On a failure the other writers stop taking files and are waited for, so that nothing writes into the staging
        // directory while it is being removed.
        let next = 0;
        let failed = false;
        const writers = await Promise.allSettled(Array.from({ length: Math.min(WRITE_CONCURRENCY, plan.length) }, async () => {
            try {
                while (!failed && next < plan.length)
                    await writeFile(plan[next++]);
            }
            catch (error) {
                failed = true;
                throw error;
            }
        }));
        for (const writer of writers)
            if (writer.status === 'rejected')
                throw writer.reason;
        const emptyDigest = new Uint8Array((0,external_node_crypto_.createHash)('sha256').digest());
        let h1;
        try {
            h1 = hash1(entries.map((entry, i) => ({ name: entry.fileName, sha256: digests.get(i) ?? emptyDigest })));
        }
        catch (error) {
            throw new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip: ${error.message}`);
        }
        if (options.expectedH1 !== undefined && h1 !== options.expectedH1) {
            throw new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip: checksum mismatch: its files hash to ${h1}, expected ${options.expectedH1}`);
        }
        if ((options.hostPlatform ?? process.platform) !== 'win32') {
            for (const file of plan) {
                if (isExecutablePath(file.path))
                    await (0,promises_.chmod)((0,external_node_path_.join)(staging, ...file.path.split('/')), 0o755);
            }
        }
        for (const copy of goModRestorations(plan)) {
            await (0,promises_.copyFile)((0,external_node_path_.join)(staging, ...copy.from.split('/')), (0,external_node_path_.join)(staging, ...copy.to.split('/')));
        }
        const goVersion = (await (0,promises_.readFile)((0,external_node_path_.join)(staging, 'VERSION'), 'utf8').catch(() => '')).split('\n')[0].trim();
        if (goVersion !== expectedVersion) {
            throw new ToolchainZipError(`${TOOLCHAIN_MODULE}@${moduleVersion} zip holds ${goVersion ? JSON.stringify(goVersion) : 'no VERSION file'}, expected ${expectedVersion}`);
        }
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
        zip.close();
        if (staging !== undefined)
            await (0,promises_.rm)(staging, { recursive: true, force: true, maxRetries: 3 });
    }
}
function readEntries(zip) {
    return new Promise((resolve, reject) => {
        const entries = [];
        zip.on('entry', (entry) => {
            entries.push(entry);
            zip.readEntry();
        });
        zip.on('end', () => resolve(entries));
        zip.on('error', reject);
        zip.readEntry();
    });
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
 * - Verification first: the database's record (signed tree head, tiles, record text) is checked before the zip is
 *   fetched, so a forged database answer costs no download; the zip's h1 is then checked over the bytes as they are
 *   extracted (installToolchainZip's expectedH1) and a mismatch installs nothing.
 * - GOSUMDB=off refuses every download (the go command refuses toolchain downloads without a database); GONOSUMDB
 *   and GOPRIVATE do not exempt golang.org/toolchain. An installed copy is used without asking the network (it was
 *   verified when it was installed, by this action or by setup-go).
 * - `direct` is https://go.dev/dl/mod, the module's origin, itself a GOPROXY for golang.org/toolchain.
 * - `1.23`, exact versions and ranges look at installed copies first (as setup-go does, no network on a hit);
 *   `stable`/`oldstable` need the list to know which version they mean.
 * - The tool-cache layout is @actions/tool-cache's (`<root>/go/<semver>/<arch>` then `<arch>.complete`, written
 *   last), but written in place instead of `cacheDir`'s copy of ~10 000 files: the staging directory is renamed
 *   (cacheDir's copy of the 9,860-file 1.23.5 tree took 7.3 s on the loaded 2-core test machine; the rename is free).
 */










/** `direct` for golang.org/toolchain: the module's origin, a GOPROXY serving exactly this module. */
const TOOLCHAIN_DIRECT_BASE = 'https://go.dev/dl/mod';
/** The marker golang.org/dl writes into a finished `~/sdk/go<version>`. */
const SDK_COMPLETE_MARKER = '.unpacked-success';
/** An install that did not happen, with what failed (`stage`) and why; nothing was installed. */
class ToolchainInstallError extends Error {
    stage;
    constructor(stage, message) {
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
async function installGo(options) {
    const started = performance.now();
    const { request, destination, platform, log } = options;
    const elapsed = () => Math.round(performance.now() - started);
    const cached = await findInstalledGo(request, destination, platform);
    if (cached) {
        log.info(`Go ${cached.version} is already installed at ${cached.goroot} (no download)`);
        return hit(cached, platform, elapsed());
    }
    if (options.sumdb.kind === 'off') {
        throw new ToolchainInstallError('sumdb', `cannot install Go ${(0,toolchain_version/* describeRequest */.Ng)(request)}: GOSUMDB=off, and Go toolchains are installed only when verified against the checksum database (the go command refuses too); set GOSUMDB to sum.golang.org or sum.golang.google.cn`);
    }
    const version = await resolveVersion(options);
    const moduleVersion = toolchainModuleVersion(version, platform);
    const installedNow = await complete(destination, version, platform);
    if (installedNow) {
        log.info(`Go ${version} is already installed at ${installedNow.goroot} (no download)`);
        return hit(installedNow, platform, elapsed());
    }
    const where = `${TOOLCHAIN_MODULE}@${moduleVersion}`;
    const base = await resolveSumdbBase({ ...options, log });
    if (!base.ok)
        throw new ToolchainInstallError('sumdb', `cannot verify ${where}: ${base.message}`);
    log.info(`Verifying ${where} with the checksum database at ${(0,url/* redactUrl */.BO)(base.url)} (${base.via})`);
    const verified = await verifyModule({
        fetch: sumdbFetcher({ ...options, base: base.url }),
        key: options.sumdb.key,
        path: TOOLCHAIN_MODULE,
        version: moduleVersion
    });
    if (!verified.ok) {
        throw new ToolchainInstallError('verify', `${where} failed verification (${verified.reason}): ${verified.message}; nothing was installed`);
    }
    await (0,promises_.mkdir)(options.tempDir, { recursive: true });
    const zipFile = (0,external_node_path_.join)(options.tempDir, `${moduleVersion}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.zip`);
    try {
        const maxBytes = options.maxZipBytes ?? DEFAULT_MAX_ZIP_BYTES;
        const downloaded = await getThroughChain({
            ...options,
            path: `${TOOLCHAIN_MODULE}/@v/${moduleVersion}.zip`,
            directBase: options.directBase ?? TOOLCHAIN_DIRECT_BASE,
            body: {
                mode: 'file',
                path: zipFile,
                maxBytes,
                onProgress: progressLogger(where, log, options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS)
            }
        });
        for (const line of downloaded.tried)
            log.info(`  ${line}`);
        if (!downloaded.ok) {
            throw new ToolchainInstallError('download', `cannot download ${where}: ${downloaded.message}`);
        }
        if (downloaded.answer.body.kind !== 'file') {
            throw new ToolchainInstallError('download', `cannot download ${where}: the answer was not written to a file`);
        }
        const bytes = downloaded.answer.body.bytes;
        log.info(`Downloaded ${where} from ${downloaded.source}: ${formatMiB(bytes)}`);
        const goroot = goInstallDir(destination, version);
        // Another job sharing this tool cache may have finished the same install while we downloaded (and may be
        // running it): its tree is used, never removed. A narrower window remains between this check and the rm below.
        const finished = await complete(destination, version, platform);
        if (finished) {
            log.info(`Go ${version} was installed at ${finished.goroot} meanwhile (by another job): the download is not used`);
            return hit(finished, platform, elapsed());
        }
        // A directory without its marker is an install that did not finish (or a copy in progress elsewhere, which
        // @actions/tool-cache's cacheDir would also replace). A stale marker goes first: while the tree is removed and
        // written again, no marker may claim it complete (for the tool cache the marker lies outside the tree).
        await (0,promises_.rm)(completeMarker(destination, version), { force: true });
        await (0,promises_.rm)(goroot, { recursive: true, force: true, maxRetries: 3 });
        let installed;
        try {
            installed = await installToolchainZip({ zipFile, moduleVersion, goroot, expectedH1: verified.h1 });
        }
        catch (error) {
            throw new ToolchainInstallError('extract', `${where} was not installed: ${error instanceof Error ? error.message : String(error)}`);
        }
        // The marker last: a reader that sees it finds a complete tree.
        await (0,promises_.writeFile)(completeMarker(destination, version), '');
        log.info(`Installed Go ${version} at ${goroot} (${installed.files} files, ${verified.h1})`);
        return {
            version,
            goroot,
            goBinary: installed.goBinary,
            cacheHit: false,
            moduleVersion,
            h1: verified.h1,
            source: downloaded.source,
            bytes,
            ms: elapsed()
        };
    }
    finally {
        await (0,promises_.rm)(zipFile, { force: true });
    }
}
function hit(found, platform, ms) {
    return {
        ...found,
        cacheHit: true,
        moduleVersion: toolchainModuleVersion(found.version, platform),
        bytes: 0,
        ms
    };
}
/** The Go version to install: the golang.org/toolchain list through the chain, then the newest match here. */
async function resolveVersion(options) {
    const listed = await getThroughChain({
        ...options,
        path: `${TOOLCHAIN_MODULE}/@v/list`,
        directBase: options.directBase ?? TOOLCHAIN_DIRECT_BASE,
        body: { mode: 'buffer', maxBytes: LIST_MAX_BYTES }
    });
    for (const line of listed.tried)
        options.log.info(`  ${line}`);
    if (!listed.ok) {
        throw new ToolchainInstallError('list', `cannot list the Go toolchains (${TOOLCHAIN_MODULE}): ${listed.message}`);
    }
    if (listed.answer.body.kind !== 'buffered' || listed.answer.body.truncated) {
        throw new ToolchainInstallError('list', `the ${TOOLCHAIN_MODULE} list from ${listed.source} is larger than ${LIST_MAX_BYTES} bytes`);
    }
    const entries = parseToolchainList(listed.answer.body.bytes.toString('utf8'));
    const chosen = selectToolchain(options.request, entries, options.platform, options.input ?? 'go-version');
    options.log.info(`Go ${(0,toolchain_version/* describeRequest */.Ng)(options.request)} is ${chosen.goVersion} (${TOOLCHAIN_MODULE} list from ${listed.source})`);
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

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
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
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`;
        throw new errors/* InputError */.dz(version_file/* VERSION_FILE_INPUT */.JG, `${(0,errors/* quote */.hD)(path)} ${why}`);
    }
    return (0,version_file/* parseVersionFile */.Sz)(path, text);
}
/** The Go platform of this machine. */
function hostGoPlatform() {
    return goPlatform({ platform: process.platform, arch: process.arch, endianness: external_node_os_default().endianness() });
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
 * - `toolchainChain(chain, gonoproxy)`: the chain the go command uses for golang.org/toolchain (direct when
 *   GONOPROXY matches it).
 */








/** The chain for golang.org/toolchain: the go command fetches a GONOPROXY-matching module direct. */
function toolchainChain(chain, gonoproxy) {
    return (0,patterns/* matchesPrefixPatterns */.BC)(gonoproxy, TOOLCHAIN_MODULE) ? { proxies: [], terminal: 'direct' } : chain;
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
    const { request } = await for_job_requestOf(job);
    return findInstalledGo(request, job.destination, hostGoPlatform());
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
            platform: hostGoPlatform(),
            destination: job.destination,
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
/* harmony export */   x: () => (/* binding */ walkUpstream)
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
    let step = (0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .firstStep */ .VB)(walk);
    for (;;) {
        if (step.do === 'use')
            throw new Error('unreachable: a walk uses an answer only after asking');
        if (step.do === 'fail') {
            return {
                kind: 'fail',
                why: step.why,
                report: step.report === undefined ? undefined : lastFailure.get(step.report),
                failures: failures()
            };
        }
        const state = step.state;
        if (step.delayMs > 0) {
            await (0,_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleep */ .y)(step.delayMs, request.signal);
            if (request.signal?.aborted)
                return { kind: 'aborted', failures: failures() };
            if (request.giveUp?.(state.entry)) {
                const last = lastFailure.get(state.entry);
                step = (0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .nextStep */ .sk)(walk, { ...state, attempt: state.attempt - 1 }, last?.verdict ?? 'transient', undefined, true);
                continue;
            }
        }
        const target = targets[state.entry];
        const result = await ask(target, request);
        if (result.kind === 'aborted')
            return { kind: 'aborted', failures: failures() };
        const verdict = (0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .judgeAnswer */ ._n)(chainAnswer(result, request.kind, target.url));
        request.onTry?.(state.entry, state.attempt, result, verdict);
        const next = (0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_0__/* .nextStep */ .sk)(walk, state, verdict, result.kind === 'answer' ? result.retryAfterMs : undefined);
        if (next.do === 'use' && result.kind === 'answer') {
            return { kind: 'use', entry: state.entry, answer: result, tries: state.attempt, failures: failures() };
        }
        const failed = { entry: state.entry, attempt: state.attempt, result, verdict };
        lastFailure.set(state.entry, failed);
        if (request.signal?.aborted)
            return { kind: 'aborted', failures: failures() };
        if (next.do === 'ask' && next.state.entry === state.entry)
            request.onRetry?.(failed, next.delayMs);
        step = next;
    }
}
/** One GET of one target. */
function ask(target, request) {
    return request.client.get(target.url, {
        body: request.body,
        credentials: target.credentials,
        credentialsFor: request.credentialsFor,
        headersTimeoutMs: request.headersTimeoutMs,
        bodyIdleTimeoutMs: request.bodyIdleTimeoutMs,
        signal: request.signal,
        onData: request.onData
    });
}


/***/ })

};
