export const id = 915;
export const ids = [915];
export const modules = {

/***/ 1862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HD: () => (/* binding */ parseGoSum),
/* harmony export */   S: () => (/* binding */ recordedKey),
/* harmony export */   zZ: () => (/* binding */ recordedSums)
/* harmony export */ });
/**
 * go.sum / go.work.sum parser over text. The go command's own reader (modfetch.readGoSum) splits each
 * non-blank line into fields and requires exactly three (`path version hash`); lines with another count
 * are a fatal "malformed go.sum" in go, but here they are reported and skipped, so that one bad line does
 * not cost the whole prefetch.
 */
/** Parses go.sum text. Never throws. Blank lines are skipped, as by the go command. */
function parseGoSum(text) {
    const entries = [];
    const errors = [];
    text.split('\n').forEach((raw, index) => {
        // strings.Fields: any Unicode white space separates, CR included.
        const fields = raw.split(/\s+/u).filter(f => f !== '');
        if (fields.length === 0)
            return;
        if (fields.length !== 3) {
            errors.push({ line: index + 1, text: raw, message: `malformed go.sum line: ${fields.length} fields, want 3` });
            return;
        }
        const [path, versionField, hash] = fields;
        const goModOnly = versionField.endsWith('/go.mod');
        const version = goModOnly ? versionField.slice(0, -'/go.mod'.length) : versionField;
        if (!version.startsWith('v') || !hash.includes(':')) {
            errors.push({ line: index + 1, text: raw, message: 'malformed go.sum line: want "path version h1:hash"' });
            return;
        }
        entries.push({ path, version, goModOnly, hash });
    });
    return { entries, errors };
}
/**
 * The `h1:` hashes the go.sum files of a build record, keyed as go checks them (modfetch.checkModSum): the zip of
 * `path@version` under `path@version`, its go.mod under `path@version/go.mod`. Several files may name the same module
 * (a workspace's members and go.work.sum): every hash any of them records is kept, as go would accept bytes that
 * match the go.sum it reads. Hash schemes other than `h1:` are left out (nothing here can compute them).
 */
function recordedSums(sums) {
    const recorded = new Map();
    for (const entry of sums.flatMap(s => s.entries)) {
        if (!entry.hash.startsWith('h1:'))
            continue;
        const key = recordedKey(entry.path, entry.version, entry.goModOnly);
        const hashes = recorded.get(key) ?? new Set();
        hashes.add(entry.hash);
        recorded.set(key, hashes);
    }
    return recorded;
}
/** The key of {@link RecordedSums} for the zip (or, `goModOnly`, the go.mod) of `path@version`. */
function recordedKey(path, version, goModOnly) {
    return `${path}@${version}${goModOnly ? '/go.mod' : ''}`;
}


/***/ }),

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


/***/ }),

/***/ 9915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_PREFETCH_CONCURRENCY: () => (/* binding */ DEFAULT_PREFETCH_CONCURRENCY),
  findGo: () => (/* reexport */ find_go/* findGo */.i),
  warmModules: () => (/* binding */ warmModules)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/go/proxy/chain.ts
var chain = __webpack_require__(3364);
// EXTERNAL MODULE: ./src/go/proxy/url.ts
var proxy_url = __webpack_require__(2660);
// EXTERNAL MODULE: ./src/host/wording.ts
var wording = __webpack_require__(6062);
;// CONCATENATED MODULE: ./src/warm/diagnose.ts
/**
 * Turns the go command's error text into a diagnosis a new user can act on: what kind of
 * fault it is, whether trying again can help, and one sentence naming the likely cause and
 * the exact input to change. Pure: the texts are the go command's own (Go 1.23,
 * cmd/go/internal/modfetch and web) plus the markers the warm phase's watchdog and
 * forwarder write. Verification is never suggested away: no message proposes turning the
 * checksum database off.
 *
 * The diagnoses are a table (DIAGNOSES): each row a kind, whether it is transient, when it applies, its sentence and
 * its suggestion. diagnosisFacts() reads the text once (module, HTTP status, host, transport fault, markers) and
 * diagnose() takes the first row that applies.
 */


/** The kinds that trying again can cure; each row's `transient` follows it. */
const TRANSIENT = new Set([
    'timeout',
    'refused',
    'reset',
    'dns',
    'server-error',
    'rate-limited',
    'stalled'
]);
/** Hosts whose first path element below the host is an account: `github.com/acme/x` is private as `github.com/acme`. */
const ACCOUNT_HOSTS = new Set([
    'github.com',
    'gitlab.com',
    'bitbucket.org',
    'gitee.com',
    'codeberg.org',
    'dev.azure.com'
]);
/**
 * The narrowest sensible GOPRIVATE pattern for a module: the account on a public code host
 * (`github.com/acme`), else the host (`git.corp.example`).
 */
function privatePrefix(modulePath) {
    const elements = modulePath.split('/');
    if (ACCOUNT_HOSTS.has(elements[0]) && elements.length > 1)
        return `${elements[0]}/${elements[1]}`;
    return elements[0];
}
/** The marker the watchdog writes when it kills a download that made no progress. */
function stallMarker(seconds) {
    return `setup-goproxy watchdog: no progress for ${seconds} s (no output, no growth of the module cache, no proxy traffic); the go command was stopped`;
}
/** The marker written when the whole warm phase passes its deadline. */
function deadlineMarker(seconds) {
    return `setup-goproxy: warm-timeout of ${seconds} s reached; the go command was stopped`;
}
/**
 * Module path and version named by the text: `go: a/b@v1.2.3: ...`, `verifying a/b@v1.2.3: ...`, and whether it
 * names the version's go.mod (`verifying a/b@v1.2.3/go.mod: ...`) rather than the module.
 */
function moduleOf(text) {
    const match = /(?:^|[\s"'(])([A-Za-z0-9][\w.~-]*\.[\w.~-]+(?:\/[\w.~!%+-]+)*)@(v[0-9][\w.+-]*?)(\/go\.mod)?(?=[:\s"')]|$)/m.exec(text);
    return match ? { module: match[1], version: match[2], goMod: match[3] !== undefined } : {};
}
/** Every `reading URL: NNN Status` the go command wrote, with the URL's host (the forwarder's is skipped). */
function httpStatuses(text) {
    const found = [];
    for (const m of text.matchAll(/reading (\S+): (\d{3}) [A-Za-z]/g)) {
        found.push({ status: Number(m[2]), host: hostOf(m[1]) });
    }
    return found;
}
/** The host[:port] of an http(s) URL, unless it is loopback (the warm phase's own forwarder). */
function hostOf(url) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@\s]*@)?([^/?#\s"']+)/i.exec(url);
    if (!m)
        return undefined;
    const host = m[1].replace(/[:.,;)\]]+$/, '');
    return /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)(:\d+)?$/.test(host) ? undefined : host;
}
/** The first non-loopback http(s) host anywhere in the text (in a server response, a Get "..." error). */
function firstHost(text) {
    for (const m of text.matchAll(/https?:\/\/[^\s"'`]+/gi)) {
        const host = hostOf(m[0]);
        if (host)
            return host;
    }
    const git = /for '(https?:\/\/[^']+)'/.exec(text);
    return git ? hostOf(git[1]) : undefined;
}
function transportKind(text) {
    if (/i\/o timeout|Client\.Timeout|context deadline exceeded|TLS handshake timeout|timed out|\btimeout\b|no answer within|stalled: no data/i.test(text))
        return 'timeout';
    if (/connection refused|actively refused|ECONNREFUSED|no route to host|network is unreachable/i.test(text))
        return 'refused';
    if (/no such host|server misbehaving|Temporary failure in name resolution|ENOTFOUND|EAI_AGAIN/i.test(text))
        return 'dns';
    if (/x509:|certificate (?:signed by unknown authority|is not valid|has expired)|tls: |UNABLE_TO_VERIFY|SELF_SIGNED_CERT/i.test(text))
        return 'tls';
    if (/connection reset|broken pipe|unexpected EOF|: EOF\b|stream error|INTERNAL_ERROR|http2: |zip: not a valid zip file|ECONNRESET|socket hang up|cut off|broke off/i.test(text))
        return 'reset';
    return undefined;
}
function statusKind(status) {
    if (status === 404)
        return 'not-found';
    if (status === 410)
        return 'gone';
    if (status === 401 || status === 403 || status === 407)
        return 'unauthorized';
    if (status === 429)
        return 'rate-limited';
    if (status >= 500)
        return 'server-error';
    return 'other';
}
/** The text after `server response:` (what the proxy said), or '' . */
function serverResponse(text) {
    const i = text.indexOf('server response:');
    return i < 0 ? '' : text.slice(i + 'server response:'.length);
}
/** What a proxy that is not a module proxy (a sign-in portal, a web server) makes the go command or the forwarder say. */
const BAD_RESPONSE = /invalid character '<'|looking for beginning of value|invalid response from proxy|HTML page|not a Go module proxy|redirected (?:from https|to an unsupported)|more than \d+ redirects/;
const NOT_FOUND = new Set([404, 410]);
const GIT_AUTH_PROMPT = /could not read Username|terminal prompts disabled|Authentication failed|Permission denied \(publickey\)|could not read Password/;
const swap = (f) => `remove it from ${f.words.input('proxies')} or join it to a working proxy with "|" (see the probe table)`;
const Who = (f) => f.host ?? 'A proxy';
const who = (f) => f.host ?? 'a proxy';
const none = () => ({});
const hostOnly = (f) => (f.host ? { host: f.host } : {});
/** Rows for an HTTP status the go command reported (outside the checksum database's own errors). */
const httpRow = (f, pick) => f.verifying === undefined && f.status !== undefined && pick(statusKind(f.status));
/** Rows that read only the words: they apply when no HTTP status decides. */
const words = (f, re) => f.verifying === undefined && f.status === undefined && re.test(f.text);
const unauthorizedSentence = (words, host, status) => `Credentials missing or wrong for ${host ?? 'the host'}${status ? ` (${status})` : ''}: add a line \`${host ?? 'HOST'} USER:TOKEN\` to the ${words.input('auth')} ${words.setting} (from secrets.*), and check that the token may read this module.`;
const unknownRevisionSentence = (f) => `${f.subject} does not exist upstream (unknown revision${f.version ? ` ${f.version}` : ''}): the tag was deleted or never pushed; fix the require line in go.mod, or for a private module add ${f.privateInput}.`;
const badResponseSentence = (f) => `${f.host ?? 'A proxy'} answered with something that is not a Go module proxy response (an HTML page, a sign-in portal, a bad redirect): check its URL in ${f.words.input('proxies')} (a mirror's path such as /goproxy/ matters) or remove it.`;
const transportRow = (kind, sentence) => ({
    kind,
    transient: TRANSIENT.has(kind),
    applies: f => f.verifying === undefined && f.transport === kind,
    sentence
});
/**
 * The diagnoses, most specific first. The order is the go command's precedence: the watchdog's and the deadline's
 * markers, checksum mismatches (never explained away), the checksum database's own errors, then the HTTP status the
 * message turns on, then the words alone.
 */
const DIAGNOSES = [
    {
        kind: 'stalled',
        transient: true,
        applies: f => f.stallSeconds !== undefined,
        sentence: f => `The download made no progress for ${f.stallSeconds} s and was stopped by the watchdog: a proxy or the network stalls from ${f.words.here}; it is tried again, and a proxy that keeps stalling should be removed from ${f.words.input('proxies')} or joined to a working one with "|".`,
        details: none
    },
    {
        kind: 'deadline',
        transient: false,
        applies: f => f.deadlineSeconds !== undefined,
        sentence: f => `The warm phase used all of its ${f.deadlineSeconds} s before ${f.subject} was downloaded: the proxies are slow from ${f.words.here} or the module set is large; raise ${f.words.input('warm-timeout')} or check the probe table for a slow proxy.`,
        suggestion: f => f.words.line('warm-timeout', String((f.deadlineSeconds ?? 0) * 2)),
        details: none
    },
    {
        kind: 'checksum-mismatch-sumdb',
        transient: false,
        applies: f => /checksum mismatch|SECURITY ERROR/.test(f.text) &&
            /reported by the checksum server|verifying (?:module|go\.mod): checksum mismatch/.test(f.text),
        sentence: f => `${f.subject} as downloaded does not match the checksum database: a proxy in the chain serves altered bytes, or the module was re-tagged after publication; remove the proxy that served it from ${f.words.input('proxies')} (the go command refuses the download either way, and rightly so).`,
        details: none
    },
    {
        kind: 'checksum-mismatch-gosum',
        transient: false,
        applies: f => /checksum mismatch|SECURITY ERROR/.test(f.text),
        sentence: f => `${f.subject} as downloaded does not match the hash in go.sum: the module was re-tagged upstream or a proxy serves different bytes than when go.sum was written; find out which copy is right before changing go.sum, and remove a proxy that serves altered bytes from ${f.words.input('proxies')} (verification stays on).`,
        details: none
    },
    {
        kind: 'not-found',
        transient: false,
        applies: f => f.verifying?.status !== undefined && NOT_FOUND.has(f.verifying.status),
        sentence: f => `The checksum database does not know ${f.subject} (${f.verifying?.status}): it is most likely a private module; add ${f.privateInput} so it is fetched directly and not looked up in the public checksum database.`,
        suggestion: f => f.privateLine,
        details: f => ({ status: f.verifying?.status, host: f.verifying?.host })
    },
    {
        kind: 'unauthorized',
        transient: false,
        applies: f => f.verifying?.status !== undefined && statusKind(f.verifying.status) === 'unauthorized',
        sentence: f => unauthorizedSentence(f.words, f.verifying?.host, f.verifying?.status),
        suggestion: f => f.words.line('auth', `${f.verifying?.host ?? 'HOST'} USER:TOKEN`),
        details: f => ({ status: f.verifying?.status, host: f.verifying?.host })
    },
    {
        kind: 'verifying-gomod-unreachable',
        transient: false,
        applies: f => f.verifying !== undefined,
        sentence: f => {
            const via = f.verifying?.proxiedBy
                ? ` (through the proxy ${f.verifying.proxiedBy})`
                : f.verifying?.host
                    ? ` (${f.verifying.host})`
                    : '';
            return `The checksum database could not be reached from ${f.words.here}${via} to verify ${f.subject}: set ${f.words.input('sumdb', 'sum.golang.google.cn')} (the same database, reachable from mainland China) or put a proxy that proxies the database, such as goproxy.cn, first in ${f.words.input('proxies')}.`;
        },
        suggestion: f => f.words.line('sumdb', 'sum.golang.google.cn'),
        details: f => ({ status: f.verifying?.status, host: f.verifying?.host })
    },
    {
        kind: 'lookup-disabled',
        transient: false,
        applies: f => /module lookup disabled by GOPROXY=off/.test(f.text),
        sentence: f => `${f.subject} is not in the module cache and GOPROXY is off: list at least one proxy in ${f.words.input('proxies')} (or direct) for the warm phase to download it.`,
        details: none
    },
    {
        kind: 'unknown-revision',
        transient: false,
        applies: f => httpRow(f, k => k === 'not-found' || k === 'gone') &&
            /unknown revision|invalid version/.test(f.detail) &&
            !/could not read Username|terminal prompts disabled|Authentication failed/.test(f.detail),
        sentence: unknownRevisionSentence
    },
    ...['not-found', 'gone'].map((kind) => ({
        kind,
        transient: false,
        applies: f => httpRow(f, k => k === kind),
        sentence: f => `No proxy in the chain has ${f.subject} (${f.status} ${kind === 'gone' ? 'Gone' : 'Not Found'}): if it is a private module, add ${f.privateInput} so the go command fetches it directly with your git credentials; otherwise check that this version exists.`,
        suggestion: f => f.privateLine
    })),
    {
        kind: 'unauthorized',
        transient: false,
        applies: f => httpRow(f, k => k === 'unauthorized'),
        sentence: f => unauthorizedSentence(f.words, f.host, f.status),
        suggestion: f => f.words.line('auth', `${f.host ?? 'HOST'} USER:TOKEN`)
    },
    {
        kind: 'rate-limited',
        transient: true,
        applies: f => httpRow(f, k => k === 'rate-limited'),
        sentence: f => `${f.host ?? 'The proxy'} answered 429 Too Many Requests: it rate-limits ${f.words.here}; the download is tried again with backoff, and a second proxy joined with "|" in ${f.words.input('proxies')} takes the load off.`
    },
    {
        kind: 'not-found',
        transient: false,
        applies: f => words(f, /reading file:\/\/\S+: no such file or directory/),
        sentence: f => `No proxy in the chain has ${f.subject} (the file:// proxy lacks it): if it is a private module, add ${f.privateInput}; otherwise check that this version exists.`,
        suggestion: f => f.privateLine,
        details: none
    },
    {
        kind: 'unknown-revision',
        transient: false,
        applies: f => words(f, /unknown revision/),
        sentence: unknownRevisionSentence,
        details: hostOnly
    },
    {
        kind: 'unauthorized',
        transient: false,
        applies: f => words(f, GIT_AUTH_PROMPT),
        sentence: f => unauthorizedSentence(f.words, f.host, undefined),
        suggestion: f => f.words.line('auth', `${f.host ?? 'HOST'} USER:TOKEN`),
        details: hostOnly
    },
    {
        kind: 'bad-response',
        transient: false,
        applies: f => f.verifying === undefined &&
            (f.status === undefined ? BAD_RESPONSE.test(f.text) : f.status >= 500 && BAD_RESPONSE.test(f.detail)),
        sentence: badResponseSentence
    },
    {
        kind: 'invalid-path',
        transient: false,
        applies: f => words(f, /malformed module path|invalid module path|invalid path|invalid char|missing dot in first path element/),
        sentence: f => `${f.module ?? 'A module path'} is not a valid module path: fix the require, replace or import line in go.mod (module paths start with a host name and hold no upper-case host letters or spaces).`,
        details: none
    },
    {
        kind: 'invalid-version',
        transient: false,
        applies: f => words(f, /invalid version|no matching versions for query|is not a valid semantic version|invalid semantic version|version .* invalid/),
        sentence: f => `The version of ${f.module ?? 'a module'} is not valid or matches no release: write a full semantic version (v1.2.3) or a pseudo-version in go.mod.`,
        details: none
    },
    transportRow('timeout', f => `${Who(f)} did not answer in time: it is down, overloaded or blocked from ${f.words.here}; the download is tried again; if it keeps happening, ${swap(f)}.`),
    transportRow('refused', f => `The connection to ${who(f)} was refused: nothing listens there or a firewall rejects it; the download is tried again; if it keeps happening, ${swap(f)}.`),
    transportRow('dns', f => `The host name ${who(f)} could not be resolved from ${f.words.here}: check its spelling in ${f.words.input('proxies')}; a DNS hiccup is tried again.`),
    transportRow('tls', f => `The TLS certificate of ${who(f)} is not trusted on ${f.words.here} (${/x509: [^\n]*/.exec(f.transportText)?.[0] ?? 'certificate error'}): behind a TLS-inspecting corporate proxy, install its CA certificate on ${f.words.here} (SSL_CERT_FILE); otherwise check the URL in ${f.words.input('proxies')}.`),
    transportRow('reset', f => `The connection to ${who(f)} broke off mid-download (reset or EOF): a flaky network or proxy; the download is tried again; if it keeps happening, ${swap(f)}.`),
    {
        kind: 'server-error',
        transient: true,
        applies: f => httpRow(f, k => k === 'server-error'),
        sentence: f => `${f.host ?? 'The proxy'} answered ${f.status}: a fault on the proxy's side, usually temporary; the download is tried again, and a proxy that keeps failing should be joined to a working one with "|" in ${f.words.input('proxies')}.`
    },
    {
        kind: 'other',
        transient: false,
        applies: f => httpRow(f, () => true),
        sentence: f => `${f.host ?? 'The proxy'} answered ${f.status} for ${f.subject}: the proxy refuses this request; check the proxy's documentation or remove it from ${f.words.input('proxies')}.`
    },
    {
        kind: 'other',
        transient: false,
        applies: () => true,
        sentence: f => {
            const lines = f.text
                .split('\n')
                .map(line => line.trim().replace(/^go: /, ''))
                .filter(line => line !== '');
            const said = (lines[0] ?? '').endsWith(':') && lines[1] ? `${lines[0]} ${lines[1]}` : (lines[0] ?? 'no message');
            return `${f.subject} failed: ${said.slice(0, 200).replace(/[.:]$/, '')}; see the go command's message above.`;
        },
        details: hostOnly
    }
];
/** Works out, once, everything the rules read from one go error text. */
function diagnosisFacts(rawText, context = {}) {
    const text = (0,proxy_url/* redactText */.Rd)(rawText);
    const words = context.words ?? wording/* ACTION_WORDING */.G;
    const named = moduleOf(text);
    const module = context.module ?? named.module;
    const version = context.version ?? named.version;
    const goMod = named.goMod === true && named.module === module && named.version === version;
    const stall = /setup-goproxy watchdog: no progress for (\d+) s/.exec(text);
    const deadline = /setup-goproxy: warm-timeout of (\d+) s reached/.exec(text);
    const verifyingText = /verifying (?:go\.mod|module): (.*)/s.exec(text)?.[1];
    let verifying;
    if (verifyingText !== undefined) {
        const statuses = httpStatuses(verifyingText);
        const decisive = statuses.find(s => !NOT_FOUND.has(s.status)) ?? statuses[0];
        // A /sumdb/ URL on a real host means a proxy serves the database; the forwarder's own /sumdb/ path does not count.
        const proxiedBy = [...verifyingText.matchAll(/https?:\/\/[^\s"']*\/sumdb\/[^\s"']*/gi)]
            .map(m => hostOf(m[0]))
            .find(Boolean);
        verifying = {
            status: decisive?.status,
            host: decisive?.host ?? firstHost(verifyingText),
            ...(proxiedBy ? { proxiedBy } : {})
        };
    }
    const statuses = httpStatuses(text);
    // The go command reports the most useful error: any proxy error ranks above "not found".
    const decisive = statuses.find(s => !NOT_FOUND.has(s.status)) ?? statuses[0];
    const detail = serverResponse(text);
    const privatePattern = module ? privatePrefix(module) : 'your.host/org';
    // After a 5xx only the proxy's own words explain a transport fault; a 4xx is never one.
    const transportText = decisive === undefined ? text : detail;
    const transport = decisive === undefined || decisive.status >= 500 ? transportKind(transportText) : undefined;
    return {
        text,
        module,
        version,
        ...(goMod ? { goMod } : {}),
        subject: module ? (version ? `${module}@${version}` : module) : 'a module',
        privateLine: words.line('private', privatePattern),
        privateInput: words.input('private', privatePattern),
        words,
        ...(stall ? { stallSeconds: Number(stall[1]) } : {}),
        ...(deadline ? { deadlineSeconds: Number(deadline[1]) } : {}),
        verifying,
        status: decisive?.status,
        detail,
        host: decisive?.host ?? firstHost(detail) ?? firstHost(text),
        transport,
        transportText
    };
}
/**
 * Classifies one go error text (a -json `Error`, or the command's stderr) with the first row of DIAGNOSES that
 * applies. Credentials in URLs are redacted before anything is kept.
 */
function diagnose(rawText, context = {}) {
    const facts = diagnosisFacts(rawText, context);
    // The last row applies to every text, so a rule is always found.
    const rule = DIAGNOSES.find(r => r.applies(facts)) ?? DIAGNOSES[DIAGNOSES.length - 1];
    const details = rule.details ? rule.details(facts) : { host: facts.host, status: facts.status };
    const suggestion = rule.suggestion?.(facts);
    return {
        kind: rule.kind,
        transient: rule.transient,
        message: rule.sentence(facts).replace(/^a module/, 'A module'),
        ...(facts.module ? { module: facts.module } : {}),
        ...(facts.version ? { version: facts.version } : {}),
        ...(facts.goMod ? { goMod: facts.goMod } : {}),
        ...(details.host ? { host: details.host } : {}),
        ...(details.status ? { status: details.status } : {}),
        ...(suggestion ? { suggestion } : {})
    };
}

;// CONCATENATED MODULE: ./src/warm/judge.ts
/**
 * The warm phase's last step, pure: what one `go mod download -json` run of a module set amounts to — which
 * modules it downloaded or found cached, and a table of failures, each with its diagnosis (../diagnose.ts) and
 * the go.mod to annotate. The shell passes what it observed (the run, the set's go.mod texts as read at the
 * start, which module files were written during the phase) and redacts texts before they get here.
 */

/** Judges one run of go for `set`. */
function judgeRun(run, set, ctx) {
    const modules = new Map();
    const failures = [];
    for (const object of run.objects) {
        if (object.Error) {
            const error = ctx.clean(object.Error);
            const version = object.Version ? { version: object.Version } : {};
            failures.push({
                path: object.Path,
                ...version,
                error,
                diagnosis: diagnose(error, { module: object.Path, ...version, ...(ctx.words ? { words: ctx.words } : {}) }),
                directory: set.shown,
                ...requiringGoMod(set, object.Path)
            });
            continue;
        }
        modules.set(`${object.Path}@${object.Version ?? ''}`, ctx.fetched(object) ? 'downloaded' : 'cached');
    }
    if (run.spawnError) {
        failures.push(setFailure(set, `could not start ${ctx.go}: ${run.spawnError}`, ctx.words));
    }
    else if (run.killed) {
        const marker = run.killed === 'stall' ? stallMarker(ctx.stallSeconds) : deadlineMarker(ctx.timeoutSeconds);
        const stderr = run.stderr.trim();
        failures.push(setFailure(set, `${marker}${stderr ? `\n${ctx.clean(stderr)}` : ''}`, ctx.words));
    }
    else if (run.code !== 0 && failures.length === 0) {
        failures.push(...stderrFailures(set, ctx.clean(run.stderr.trim() || `go mod download exited with ${run.code}`), ctx.words));
    }
    return { modules, failures };
}
/** The failure of a whole set (a stall, the deadline, go not starting), or of the module its text names. */
function setFailure(set, text, words) {
    const diagnosis = diagnose(text, words ? { words } : {});
    const path = diagnosis.module ?? mainModule(set) ?? set.shown;
    return {
        path,
        ...(diagnosis.version ? { version: diagnosis.version } : {}),
        error: text,
        diagnosis,
        directory: set.shown,
        ...(diagnosis.module ? requiringGoMod(set, diagnosis.module) : fallbackGoMod(set))
    };
}
/** Failures from a fatal stderr (no JSON): one per `go: path@version: ...` block, else one for the whole text. */
function stderrFailures(set, stderr, words) {
    const blocks = stderr.split(/\n(?=go: )/).filter(b => /^go: [^\s@]+@[^\s:]+: /.test(b));
    if (blocks.length === 0)
        return [setFailure(set, stderr, words)];
    return blocks.map(block => setFailure(set, block, words));
}
function mainModule(set) {
    if (set.goWork || set.goMods.length === 0)
        return undefined;
    const text = set.goMods[0].text;
    return text === undefined ? undefined : /^\s*module\s+"?([^\s"]+)"?/m.exec(text)?.[1];
}
/** The go.mod of the set that names the module in a require (or replace) line; else the set's own file. */
function requiringGoMod(set, modulePath) {
    const escaped = modulePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const line = new RegExp(`(^|[\\s(])"?${escaped}"?\\s+v`, 'm');
    const found = set.goMods.find(m => m.text !== undefined && line.test(m.text));
    return found ? { goMod: found.shown } : fallbackGoMod(set);
}
function fallbackGoMod(set) {
    const file = set.goWork ?? set.goMods[0]?.shown;
    return file ? { goMod: file } : {};
}

// EXTERNAL MODULE: ./src/go/env/patterns.ts + 1 modules
var patterns = __webpack_require__(796);
// EXTERNAL MODULE: ./src/go/module/path.ts
var module_path = __webpack_require__(4716);
// EXTERNAL MODULE: ./src/go/modfile/modfile.ts
var modfile = __webpack_require__(4549);
// EXTERNAL MODULE: ./src/go/modfile/gosum.ts
var gosum = __webpack_require__(1862);
;// CONCATENATED MODULE: ./src/go/module/semver.ts
/**
 * Go's golang.org/x/mod/semver.Compare for canonical module versions: `vMAJOR.MINOR.PATCH[-prerelease][+build]`,
 * numeric fields compared as numbers, a prerelease sorts before its release, prerelease identifiers compared
 * numerically when both are numeric (a numeric one sorts first), build metadata (`+incompatible`) ignored.
 * Missing minor/patch count as 0 (`v1` = `v1.0.0`), as in Go. An invalid version sorts before every valid one.
 */
function compareSemver(a, b) {
    const pa = parse(a);
    const pb = parse(b);
    if (!pa || !pb)
        return pa ? 1 : pb ? -1 : 0;
    for (let i = 0; i < 3; i++) {
        const d = compareNumeric(pa.core[i], pb.core[i]);
        if (d !== 0)
            return d;
    }
    if (pa.pre === pb.pre)
        return 0;
    if (pa.pre === '')
        return 1;
    if (pb.pre === '')
        return -1;
    const xa = pa.pre.split('.');
    const xb = pb.pre.split('.');
    for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const na = /^\d+$/.test(xa[i]);
        const nb = /^\d+$/.test(xb[i]);
        const d = na && nb ? compareNumeric(xa[i], xb[i]) : na ? -1 : nb ? 1 : xa[i] < xb[i] ? -1 : xa[i] > xb[i] ? 1 : 0;
        if (d !== 0)
            return d;
    }
    return Math.sign(xa.length - xb.length);
}
function parse(v) {
    const m = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?)?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
    if (!m)
        return undefined;
    return { core: [m[1], m[2] ?? '0', m[3] ?? '0'], pre: m[4] ?? '' };
}
/** Compares decimal strings without leading zeros by length, then by digits (no precision loss). */
function compareNumeric(a, b) {
    if (a.length !== b.length)
        return Math.sign(a.length - b.length);
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/warm/plan.ts
/**
 * The prefetch plan: from the module sets the warm phase will download (a module, or a workspace), the list of
 * proxy files `go mod download` (no arguments) is going to ask for, so that a prefetcher can fetch them ahead of
 * go, in parallel. Pure: the shell reads go.mod, go.work and go.sum files and passes their texts.
 *
 * What go 1.23 asks for (cmd/go/internal/modcmd/download.go, modfetch/fetch.go; checked against the real go in
 * __tests__/warm/plan-go.test.ts):
 * - in a module at go ≥ 1.17: it loads the module graph (a `.mod` for each module version in it), then downloads
 *   each module the main go.mod requires: `.info`, `.mod`, `.zip`;
 * - in a module below go 1.17 and in a workspace: it downloads every module of the build list (`all`): for each
 *   module path the version MVS selects, which is the highest version that the graph (and so go.sum) names.
 * go.sum is the plan's source for both, because `go mod tidy` records exactly that: an `h1:` line for each module
 * whose zip the build needs and a `/go.mod` line for each go.mod the graph reads. A stale go.sum line (a version
 * no longer in the graph) is planned but not asked for: "prefetched but unused", harmless since go verifies
 * everything it reads. A module go.sum does not list is left to go.
 */





/**
 * Computes the files `go mod download` will request from the proxy for `sets`. Modules matching GONOPROXY
 * (or GOPRIVATE when GONOPROXY is empty) are never listed: go fetches them directly, and their paths must not
 * reach a proxy. A set without go.sum gets no plan (go must resolve hashes itself), and a note says so.
 */
function planPrefetch(sets, privacy) {
    const noProxy = privacy.gonoproxy !== '' ? privacy.gonoproxy : privacy.goprivate;
    const notes = [];
    const mods = new Map();
    const downloads = new Map();
    for (const set of sets) {
        planSet(set, noProxy, notes, mods, downloads);
    }
    const byKey = (a, b) => compare(a.module, b.module) || compare(a.version, b.version) || compare(a.kind, b.kind);
    return { files: [...[...mods.values()].sort(byKey), ...[...downloads.values()].sort(byKey)], notes };
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function fileOf(module, version, kind) {
    return { module, version, kind, path: (0,module_path/* moduleFilePath */.g1)(module, version, kind) };
}
/** Replacement lookup the way modload.Replacement does it: `path@version` first, then `path` for all versions. */
function replacer(replacements) {
    const map = new Map();
    for (const r of replacements)
        map.set(`${r.old.path}@${r.old.version}`, r);
    return m => map.get(`${m.path}@${m.version}`) ?? map.get(`${m.path}@`);
}
/** "1.16" < "1.17": compares the numeric fields of a go directive. */
function goAtLeast(version, want) {
    if (!version)
        return false;
    const [major, minor] = version.split('.').map(n => Number.parseInt(n, 10));
    return major > want[0] || (major === want[0] && (minor || 0) >= want[1]);
}
function addDownload(downloads, m) {
    const key = `${m.path}@${m.version}`;
    downloads.set(`${key}.info`, fileOf(m.path, m.version, 'info'));
    downloads.set(`${key}.zip`, fileOf(m.path, m.version, 'zip'));
}
function planSet(set, noProxy, notes, mods, downloads) {
    const goMods = set.goMods.map(modfile/* parseGoMod */.kW);
    const work = set.goWork === undefined ? undefined : (0,modfile/* parseGoWork */.xj)(set.goWork);
    const say = (what) => notes.push(`${set.label}: ${what}`);
    for (const [i, m] of goMods.entries()) {
        for (const e of m.errors)
            say(`go.mod ${m.module || `#${i + 1}`} line ${e.line} skipped: ${e.message}`);
    }
    for (const e of work?.errors ?? [])
        say(`go.work line ${e.line} skipped: ${e.message}`);
    const sums = set.goSums.map(gosum/* parseGoSum */.HD);
    if (sums.length === 0 || sums.every(s => s.entries.length === 0)) {
        say('no go.sum entries, so no prefetch plan: go resolves and verifies the module graph itself');
        return;
    }
    for (const s of sums) {
        for (const e of s.errors)
            say(`go.sum line ${e.line} skipped: ${e.message}`);
    }
    const mainModules = new Set(goMods.map(m => m.module).filter(Boolean));
    // In a workspace go.work's replacements win over the members' (modload.replacementFrom).
    const replace = replacer([...goMods.flatMap(m => m.replace), ...(work?.replace ?? [])]);
    const excluded = new Set(goMods.flatMap(m => m.exclude.map(e => `${e.path}@${e.version}`)));
    // go ≥ 1.17 modules download only what the main go.mod requires; workspaces and older modules all of `all`.
    const everyZip = work !== undefined || !goAtLeast(goMods[0]?.go, [1, 17]);
    // go ≥ 1.17 downloads each module the main go.mod requires, at its required version (in a consistent go.mod the
    // one MVS selects), replaced if a replace directive says so (download.go: `if info.Replace != nil`), whether or
    // not go.sum holds its zip hash.
    const required = [];
    if (!everyZip) {
        for (const r of goMods.flatMap(m => m.require)) {
            if (mainModules.has(r.path) || excluded.has(`${r.path}@${r.version}`))
                continue;
            const to = replace(r);
            if (to?.local)
                continue;
            required.push(to ? { path: to.new.path, version: to.new.version } : { path: r.path, version: r.version });
        }
    }
    const privateModules = new Set();
    /** Zip candidates: in `all` mode only the version MVS selects, the highest one any go.sum line names. */
    const zips = new Map();
    for (const entry of sums.flatMap(s => s.entries)) {
        if (mainModules.has(entry.path) || excluded.has(`${entry.path}@${entry.version}`))
            continue;
        const r = replace(entry);
        if (r?.local)
            continue;
        const target = r ? { path: r.new.path, version: r.new.version } : { path: entry.path, version: entry.version };
        if ((0,patterns/* matchesPrefixPatterns */.BC)(noProxy, target.path)) {
            privateModules.add(target.path);
            continue;
        }
        const key = `${target.path}@${target.version}`;
        mods.set(key, fileOf(target.path, target.version, 'mod'));
        if (entry.goModOnly)
            continue;
        if (!everyZip)
            continue;
        const seen = zips.get(target.path);
        if (!seen || compareSemver(target.version, seen.version) > 0)
            zips.set(target.path, target);
    }
    for (const target of required) {
        if ((0,patterns/* matchesPrefixPatterns */.BC)(noProxy, target.path)) {
            privateModules.add(target.path);
            continue;
        }
        mods.set(`${target.path}@${target.version}`, fileOf(target.path, target.version, 'mod'));
        addDownload(downloads, target);
    }
    for (const target of zips.values())
        addDownload(downloads, target);
    if (privateModules.size > 0) {
        say(`${privateModules.size} module(s) matching GONOPROXY/GOPRIVATE left to go, which fetches them directly: ${[...privateModules].sort().join(', ')}`);
    }
}

// EXTERNAL MODULE: ./src/exec/go.ts
var go = __webpack_require__(6407);
// EXTERNAL MODULE: ./src/go/proxy/walk.ts
var walk = __webpack_require__(9100);
// EXTERNAL MODULE: ./src/net/sleep.ts
var sleep = __webpack_require__(3752);
// EXTERNAL MODULE: ./src/warm/directories.ts
var warm_directories = __webpack_require__(6266);
;// CONCATENATED MODULE: ./src/go/modfile/vendor.ts
/**
 * Whether go builds a module from its vendor directory, as cmd/go/internal/modload decides it (pure: the shell reads
 * the files): with no -mod flag, a main module at go 1.14 or later with a vendor/modules.txt builds with -mod=vendor,
 * and then never reads the module cache — provided modules.txt agrees with go.mod (every requirement listed as
 * `# path version` and marked `## explicit`), else go stops with "inconsistent vendoring" and the user must run
 * `go mod vendor` or build with -mod=mod (which does read the module cache).
 */

/** The -mod value of a GOFLAGS string, if any. */
function modFlag(goflags) {
    for (const field of (goflags ?? '').split(/\s+/)) {
        const match = /^--?mod=(.*)$/.exec(field);
        if (match)
            return match[1];
    }
    return undefined;
}
/** The `# path version` entries of vendor/modules.txt marked `## explicit`. */
function explicitEntries(modulesTxt) {
    const explicit = new Set();
    let current;
    for (const line of modulesTxt.split(/\r?\n/)) {
        const header = /^# (\S+) (\S+)(?: => .*)?$/.exec(line);
        if (header) {
            current = `${header[1]} ${header[2]}`;
            continue;
        }
        if (current && /^## explicit(;|$)/.test(line))
            explicit.add(current);
    }
    return explicit;
}
/**
 * True when go (with `goflags`) builds the module of `goModText` from vendor/ whose modules.txt is `modulesTxt`:
 * go ≥ 1.14 in go.mod, no -mod flag other than vendor, and every requirement of go.mod explicit in modules.txt.
 */
function buildsFromVendor(goModText, modulesTxt, goflags) {
    if (modulesTxt === undefined)
        return false;
    const flag = modFlag(goflags);
    if (flag !== undefined && flag !== 'vendor')
        return false;
    const goMod = (0,modfile/* parseGoMod */.kW)(goModText);
    const [major, minor] = (goMod.go ?? '').split('.').map(Number);
    if (flag !== 'vendor' && !(major > 1 || (major === 1 && minor >= 14)))
        return false;
    const explicit = explicitEntries(modulesTxt);
    return goMod.require.every(r => explicit.has(`${r.path} ${r.version}`));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./src/auth/secrets.ts
var secrets = __webpack_require__(8767);
// EXTERNAL MODULE: ./src/net/http.ts + 5 modules
var http = __webpack_require__(9016);
// EXTERNAL MODULE: ./src/net/trust.ts
var trust = __webpack_require__(7837);
// EXTERNAL MODULE: ./src/net/credentials.ts
var net_credentials = __webpack_require__(6729);
;// CONCATENATED MODULE: ./src/warm/forwarder/health.ts



/**
 * The Upstream for entry `index` of `chain`. Credentials come from `credentialsFor`, else
 * from the URL's userinfo, which is stripped from the base so it never reaches a log or a
 * redirect target.
 */
function makeUpstream(entry, index, chain, credentialsFor) {
    const base = new URL(entry.url);
    const userinfo = (0,net_credentials/* userinfoCredentials */.sd)(base);
    base.username = '';
    base.password = '';
    const credentials = credentialsFor?.(entry.url) ?? userinfo;
    const hasNext = index < chain.proxies.length - 1 || chain.terminal === 'direct';
    const shown = (0,proxy_url/* redactUrl */.BO)(entry.url);
    return {
        entry,
        base,
        ...(credentials ? { credentials } : {}),
        shown,
        droppable: entry.separator === '|' && hasNext,
        health: { url: shown, requests: 0, successes: 0, failures: 0, timeouts: 0, consecutiveFailures: 0, dropped: false }
    };
}
/**
 * Records one try against `u` and drops it when it keeps stalling or failing. A not-found
 * counts as a success (the proxy answered). Permanent failures do not count towards a drop:
 * they are answers, not signs of a sick proxy.
 */
function recordTry(u, result, timeout, requestTimeoutMs, log) {
    const h = u.health;
    h.requests++;
    if (result === 'success') {
        h.successes++;
        h.consecutiveFailures = 0;
        return;
    }
    h.failures++;
    if (result === 'permanent')
        return;
    h.consecutiveFailures++;
    if (timeout)
        h.timeouts++;
    const reason = h.dropped ? undefined : (0,walk/* dropReason */._A)(h, u.droppable, requestTimeoutMs);
    if (reason) {
        h.dropped = true;
        h.reason = reason;
        log.warning(`Warm phase: dropping ${u.shown} from the chain: ${h.reason}; the next proxy after "|" takes over.`);
    }
}
/** Whether `u`'s circuit breaker is open (the walker's rule: src/go/proxy/walk.ts breakerOpen). */
function isFailing(u, attempts) {
    return (0,walk/* breakerOpen */.jy)(u.health, attempts);
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
;// CONCATENATED MODULE: ./src/warm/forwarder/paths.ts
/**
 * Wire paths of the module proxy protocol, as the forwarder sees them: joining a request
 * path onto a proxy's base URL, rejecting paths that could escape a file:// proxy, and
 * decoding Go's case-escaped module paths (so GONOPROXY / GONOSUMDB patterns and progress
 * lines see the real module path). Pure functions, shared by the server and the sumdb routing.
 */
/** The proxy's base URL joined with a request path, keeping the base's query (Go sends it with every request). */
function joinUrl(base, path) {
    const url = new URL(base.href);
    url.pathname = `${base.pathname.replace(/\/+$/, '')}/${path}`;
    return url;
}
/** Rejects paths that could leave a file:// proxy's directory or confuse an upstream. */
function safePath(path) {
    if (path === '' || /[\\\0]/.test(path))
        return false;
    return path.split('/').every(segment => {
        let decoded;
        try {
            decoded = decodeURIComponent(segment);
        }
        catch {
            return false;
        }
        return decoded !== '.' && decoded !== '..' && !decoded.includes('/') && !decoded.includes('\\');
    });
}
/** The module path of a wire path (`github.com/!burnt!sushi/toml` → `github.com/BurntSushi/toml`); undefined if malformed. */
function decodeModule(escaped) {
    try {
        return decodeURIComponent(escaped).replace(/!([a-z])/g, (_m, c) => c.toUpperCase());
    }
    catch {
        return undefined;
    }
}
/** The version of a `.../@v/<version>.zip` path, decoded like a module path; '' for any other path. */
function decodeVersion(path) {
    const m = /\/@v\/(.+)\.zip$/.exec(path);
    return m ? (decodeModule(m[1]) ?? m[1]) : '';
}
/**
 * A path as the plan names it (`!`-case-encoded, not percent-encoded) as the go command puts it on the wire: each
 * element escaped like Go's url.PathEscape (so `!` is `%21`, `+` stays literal).
 */
function wirePath(path) {
    return path
        .split('/')
        .map(element => encodeURIComponent(element)
        .replace(/!/g, '%21')
        .replace(/%(24|26|2B|2C|3A|3B|3D|40)/g, (_m, hex) => String.fromCharCode(Number.parseInt(hex, 16))))
        .join('/');
}
/** A wire path back in the plan's form (percent-decoding only; `!` stays); undefined if malformed. */
function planPath(wire) {
    try {
        return decodeURIComponent(wire);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/warm/forwarder/server.ts
/**
 * The forwarder's HTTP side: the loopback server, routing each request from the go command
 * (path token, method, path safety, GONOPROXY, module request vs checksum database), and
 * writing the answer back — buffered when possible, streamed for large zips. The decisions
 * about upstreams live in walk.ts and sumdb.ts; this file only turns
 * their results into HTTP.
 */





/** Handles one request from the go command; a request it abandons (closed early) aborts its upstream tries. */
async function handleRequest(ctx, req, res) {
    const { activity, touch } = ctx;
    const raw = (req.url ?? '/').split('?')[0];
    const prefix = `/${ctx.token}/`;
    if (!raw.startsWith(prefix))
        return sendText(res, 404, 'not found');
    if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendText(res, 405, 'method not allowed');
    const path = raw.slice(prefix.length);
    if (!safePath(path))
        return sendText(res, 400, 'setup-goproxy forwarder: malformed request path');
    const controller = new AbortController();
    ctx.controllers.add(controller);
    res.on('close', () => {
        if (!res.writableFinished)
            controller.abort();
        ctx.controllers.delete(controller);
    });
    activity.inFlight++;
    touch();
    try {
        let answer;
        if (path.startsWith('sumdb/')) {
            answer = await ctx.handleSumdb(path.slice('sumdb/'.length), controller.signal);
        }
        else {
            const module = decodeModule(path.replace(/\/@(?:v\/.*|latest)$/, ''));
            if (module !== undefined && (0,patterns/* matchesPrefixPatterns */.BC)(ctx.gonoproxy, module)) {
                ctx.log.warning(`Warm phase: the go command asked for ${module}, which GONOPROXY keeps off the proxies; refused.`);
                return sendText(res, 403, `setup-goproxy forwarder: ${module} matches GONOPROXY; not sent to any proxy`);
            }
            const kind = path.endsWith('.zip') ? 'zip' : 'small';
            activity.requests++;
            if (kind === 'zip')
                activity.current = module !== undefined ? `${module}@${decodeVersion(path)}` : undefined;
            const key = req.method === 'GET' && ctx.store ? planPath(path) : undefined;
            const claim = key !== undefined ? ctx.store?.claim(key) : undefined;
            const stored = claim?.kind === 'hit' ? await claim.answer : undefined;
            if (stored && ctx.store) {
                if (kind === 'zip')
                    activity.zips++;
                return await respondStored(res, stored, ctx.store, controller.signal, touch);
            }
            if (controller.signal.aborted)
                return;
            answer = await ctx.walkChain(path, kind, controller.signal);
            if (kind === 'zip' && 'type' in answer && answer.type !== 'network')
                activity.zips++;
        }
        if (controller.signal.aborted)
            return;
        respond(res, answer, req.method === 'HEAD', touch);
    }
    finally {
        activity.inFlight--;
        touch();
    }
}
/**
 * Starts an HTTP server on 127.0.0.1 (random port) that hands every request to `handle`.
 * A handler error becomes a 502 for the go command (or a cut connection, once the answer
 * has started), never an unhandled rejection.
 */
async function listenLoopback(handle, log) {
    const sockets = new Set();
    const server = external_node_http_default().createServer((req, res) => {
        handle(req, res).catch((error) => {
            log.debug(`Warm phase forwarder: ${String(error)}`);
            if (!res.headersSent)
                sendText(res, 502, `setup-goproxy forwarder: ${String(error)}`);
            else
                res.destroy();
        });
    });
    server.on('connection', socket => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });
    const port = await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server.address().port));
    });
    return {
        port,
        close: () => {
            const closed = new Promise(resolve => server.close(() => resolve()));
            // server.close() waits for idle keep-alive connections; the go command may hold some open.
            for (const s of sockets)
                s.destroy();
            return closed;
        }
    };
}
/** A plain-text answer, which the go command quotes after `server response:` (blank lines squeezed out). */
function sendText(res, status, text) {
    const body = `${text.replace(/\n\s*\n/g, '\n')}\n`;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
}
/** Sends an upstream answer (or the walk's verdict) to the go command. */
function respond(res, answer, head, touch) {
    if (!('type' in answer))
        return sendText(res, answer.status, answer.text);
    if (answer.type === 'network')
        return sendText(res, answer.fault === 'timeout' ? 504 : 502, answer.message);
    if (answer.type === 'file')
        return respondFile(res, answer, head, touch);
    if (answer.type === 'complete') {
        res.writeHead(answer.status, {
            'Content-Type': answer.contentType || 'application/octet-stream',
            'Content-Length': answer.body.length
        });
        res.end(head ? undefined : answer.body);
        return;
    }
    // Streaming a large body: once bytes went out nothing can be retried, so a failure cuts the connection.
    res.writeHead(answer.status, {
        'Content-Type': answer.contentType || 'application/octet-stream',
        ...(answer.contentLength !== undefined ? { 'Content-Length': answer.contentLength } : {})
    });
    for (const chunk of answer.head)
        res.write(chunk);
    const rest = answer.rest;
    rest.on('data', (chunk) => {
        touch();
        if (!res.write(chunk))
            rest.pause();
    });
    res.on('drain', () => rest.resume());
    // The client ends `rest` only when the whole body arrived; a stall or a break is an error.
    rest.on('end', () => res.end());
    rest.on('error', () => res.destroy());
    rest.on('close', () => {
        if (!res.writableEnded)
            res.destroy();
    });
    res.on('close', () => {
        if (!rest.readableEnded)
            rest.destroy();
    });
    rest.resume();
}
/** Sends a body spooled while it was compared with go.sum (verify.ts), then removes its file. */
function respondFile(res, answer, head, touch) {
    const remove = () => void (0,promises_.rm)(answer.file, { force: true }).catch(() => undefined);
    res.writeHead(answer.status, {
        'Content-Type': answer.contentType || 'application/octet-stream',
        'Content-Length': answer.bytes
    });
    if (head) {
        res.end();
        return remove();
    }
    const file = (0,external_node_fs_.createReadStream)(answer.file);
    file.on('data', () => touch());
    file.on('error', () => res.destroy());
    file.on('close', remove);
    res.on('close', () => file.destroy());
    file.pipe(res);
}
/** Sends a prefetched answer to the go command, then frees it (memory, or its spool file). */
async function respondStored(res, answer, store, signal, touch) {
    try {
        if (signal.aborted)
            return;
        if (answer.kind === 'not-found')
            return sendText(res, answer.outcome.status, answer.outcome.text);
        if (answer.kind === 'memory') {
            res.writeHead(200, {
                'Content-Type': answer.contentType || 'application/octet-stream',
                'Content-Length': answer.body.length
            });
            res.end(answer.body);
            return;
        }
        res.writeHead(200, {
            'Content-Type': answer.contentType || 'application/octet-stream',
            'Content-Length': answer.bytes
        });
        await new Promise(resolve => {
            const file = (0,external_node_fs_.createReadStream)(answer.file);
            file.on('data', () => touch());
            file.on('error', () => {
                res.destroy();
                resolve();
            });
            res.on('close', () => {
                file.destroy();
                resolve();
            });
            file.pipe(res);
        });
    }
    finally {
        await store.release(answer);
    }
}

;// CONCATENATED MODULE: ./src/warm/forwarder/judgement.ts
/**
 * How the forwarder words an upstream failure for the go command, which prints the body of an error answer after
 * `server response:`. What an answer means (served, not found, retry, final) is the walker's (src/go/proxy/walk.ts
 * ANSWER_RULES); this file only tells it.
 */


/** One line for the debug log about a try. */
function summary(result) {
    if (result.type === 'network')
        return result.message;
    if (result.type === 'stream' || result.type === 'file')
        return `${result.status} OK`;
    return `${result.status} ${(external_node_http_default()).STATUS_CODES[result.status] ?? ''}`.trim();
}
/** The name to show for whoever answered: the proxy, or (for the checksum database itself) the URL's origin. */
function describeUpstream(u, url) {
    return u ? u.shown : (0,proxy_url/* redactUrl */.BO)(url.origin);
}
/** The first lines of an upstream's text body, for the go command's `server response:`. */
function bodyText(result, shown, after = '') {
    const plain = /text\/plain/i.test(result.contentType);
    const body = plain
        ? (0,proxy_url/* redactText */.Rd)(result.body.subarray(0, 2048).toString('utf8'))
            .split('\n')
            .map(line => line.trimEnd())
            .filter(line => line.trim() !== '')
            .slice(0, 6)
            .join('\n')
        : '';
    const head = `${shown}: ${result.status} ${(external_node_http_default()).STATUS_CODES[result.status] ?? ''}`.trim() + after;
    return body ? `${head}: ${body}` : head;
}
/**
 * A failed answer as the go command will see it: the upstream's status (504 for a timeout,
 * 502 for other network faults and HTML pages) and a text naming the proxy and the tries.
 */
function toOutcome(u, result, verdict, tries, url) {
    const shown = u ? u.shown : url ? (0,proxy_url/* redactUrl */.BO)(url.origin) : 'upstream';
    const after = tries > 1 ? ` (${tries} tries by setup-goproxy)` : '';
    if (verdict === 'mismatch') {
        return { upstream: u, status: 502, notFound: false, text: `${shown}: served bytes that differ from go.sum${after}` };
    }
    if (result.type === 'complete') {
        if (result.status === 200) {
            return {
                upstream: u,
                status: 502,
                notFound: false,
                text: `${shown}: answered an HTML page, not a Go module proxy response${after}`
            };
        }
        return {
            upstream: u,
            status: result.status,
            notFound: verdict === 'not-found' || verdict === 'unavailable',
            text: bodyText(result, shown, after),
            contentType: result.contentType
        };
    }
    if (result.type === 'network') {
        return {
            upstream: u,
            status: result.fault === 'timeout' ? 504 : 502,
            notFound: false,
            text: `${shown}: ${result.message}${after}`
        };
    }
    return { upstream: u, status: 502, notFound: false, text: `${shown}: unexpected stream` };
}

// EXTERNAL MODULE: ./src/net/walk.ts
var net_walk = __webpack_require__(3390);
;// CONCATENATED MODULE: ./src/warm/forwarder/upstream.ts
/** A try's answer in the forwarder's terms: a buffered answer, a streamed 2xx, or a network failure. */
function toAttemptResult(result) {
    if (result.kind === 'failure')
        return { type: 'network', fault: result.fault, message: result.message };
    const { body } = result;
    if (body.kind === 'file') {
        return { type: 'file', status: result.status, contentType: result.contentType, file: body.path, bytes: body.bytes };
    }
    if (body.kind === 'stream') {
        return {
            type: 'stream',
            status: result.status,
            contentType: result.contentType,
            ...(result.contentLength !== undefined ? { contentLength: result.contentLength } : {}),
            head: body.head.length > 0 ? [body.head] : [],
            rest: body.rest
        };
    }
    return {
        type: 'complete',
        status: result.status,
        contentType: result.contentType,
        body: body.bytes,
        ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {})
    };
}
/** What a request the go command closed (or the forwarder ended) leaves behind. */
const CLOSED = { type: 'network', fault: 'other', message: 'the go command closed the request' };

;// CONCATENATED MODULE: ./src/warm/forwarder/walk.ts
/**
 * The forwarder's requests upstream, through the one chain-walk driver (src/net/walk.ts `walkUpstream`, whose rules
 * are src/go/proxy/walk.ts's): this file only says which proxies a request walks (the live ones, each with its
 * tries), keeps each proxy's health after every try, and turns the walk's result into the forwarder's terms (an
 * answer to stream or buffer, or the Outcome go is told). The checksum-database routing (sumdb.ts) and the prefetch
 * (forwarder.ts `prefetchOne`) walk through `walkTargets` too.
 */







/** Non-zip answers are small (lists, .info, .mod, database tiles): no reason to buffer more before streaming. */
const SMALL_BUFFER_LIMIT = 16 * 1024 * 1024;
/** How many tries `u` gets for one request (the walker's rule, with `u`'s breaker). */
function triesFor(ctx, u, isLast) {
    return (0,walk/* triesFor */.TN)(u.entry.separator, isLast, isFailing(u, ctx.attempts), ctx.attempts);
}
/**
 * Walks `targets` (in order, with the separators of their proxies; the database itself counts as `,`) through the
 * one driver, recording every try in its proxy's health and giving up a proxy dropped meanwhile. With `path` (a
 * module request's wire path) a module file is compared with go.sum where the walker says it matters (verify.ts).
 */
async function walkTargets(ctx, targets, kind, signal, path) {
    const sums = path !== undefined ? ctx.sums : undefined;
    const result = await (0,net_walk/* walkUpstream */.xi)(targets.map(t => ({
        url: t.url,
        credentials: t.credentials,
        separator: t.separator ?? t.u?.entry.separator ?? ',',
        tries: t.tries
    })), {
        client: ctx.client,
        kind: kind,
        body: {
            mode: 'buffer',
            maxBytes: kind === 'zip' ? ctx.bufferLimit : Math.min(ctx.bufferLimit, SMALL_BUFFER_LIMIT),
            overflow: 'stream'
        },
        headersTimeoutMs: ctx.requestTimeoutMs,
        bodyIdleTimeoutMs: ctx.requestTimeoutMs,
        credentialsFor: ctx.credentialsFor,
        signal,
        onData: ctx.touch,
        backoffMs: ctx.backoffMs,
        onTry: (entry, _attempt, result, verdict) => {
            ctx.touch();
            const u = targets[entry].u;
            // A fault of this machine (its disk) says nothing about the proxy's health.
            if (!u || verdict === 'local')
                return;
            const timeout = result.kind === 'failure' && result.fault === 'timeout';
            // Bytes that differ from go.sum are an answer, not a sign of a sick proxy: never a reason to drop it.
            recordTry(u, verdict === 'ok' || verdict === 'not-found'
                ? 'success'
                : verdict === 'unavailable'
                    ? 'transient'
                    : verdict === 'mismatch'
                        ? 'permanent'
                        : verdict, timeout, ctx.requestTimeoutMs, ctx.log);
        },
        onRetry: (failed, _delayMs) => {
            const target = targets[failed.entry];
            const what = `Warm phase: ${describeUpstream(target.u, target.url)} ${summary(toAttemptResult(failed.result))}`;
            ctx.retryLines.note(what, `${what}; retrying (${failed.attempt}/${target.tries})`);
        },
        giveUp: entry => targets[entry].u?.health.dropped === true,
        ...(sums && path !== undefined
            ? {
                check: (entry, answer) => {
                    const shown = (t) => describeUpstream(t.u, t.url);
                    return sums.check(path, answer, shown(targets[entry]), shown(targets[entry + 1]));
                },
                release: (answer) => sums.release(answer)
            }
            : {})
    });
    return inForwarderTerms(targets, result);
}
function inForwarderTerms(targets, result) {
    const outcomeOf = (failed) => {
        const target = targets[failed.entry];
        return toOutcome(target.u, toAttemptResult(failed.result), failed.verdict, failed.attempt, target.url);
    };
    if (result.kind === 'use') {
        return {
            kind: 'use',
            target: targets[result.entry],
            result: toAttemptResult(result.answer),
            ...(result.disagrees ? { disagrees: true } : {})
        };
    }
    const outcomes = result.failures.map(outcomeOf);
    if (result.kind === 'aborted') {
        const last = result.failures[result.failures.length - 1];
        const target = last ? targets[last.entry] : targets[0];
        return {
            kind: 'aborted',
            outcome: last ? outcomeOf(last) : toOutcome(target?.u, CLOSED, 'permanent', 0, target?.url)
        };
    }
    return {
        kind: 'fail',
        why: result.why,
        report: result.report ? outcomes[result.failures.indexOf(result.report)] : undefined,
        outcomes
    };
}
/**
 * Walks the live chain for a module request, as Go walks GOPROXY. Bytes that differ from go.sum, when no later
 * mirror served any, are handed on as go would have got them (go reports the mismatch) — unless `mismatchFails`
 * (the prefetch: such bytes must never be placed where go reads them; go's own request decides).
 */
async function walkChain(ctx, path, kind, signal, mismatchFails = false) {
    // A proxy that stalled earlier in the phase is asked after the others of its `|` run (the walker's orderByHealth);
    // separators keep their places, so each target takes the separator of the place it is asked in.
    const ordered = (0,walk/* orderByHealth */.ox)(ctx.upstreams.filter(u => !u.health.dropped).map(u => ({ u, separator: u.entry.separator })), entry => entry.u.health);
    const targets = ordered.map(({ u, separator }, i) => ({
        u,
        url: joinUrl(u.base, path),
        credentials: u.credentials,
        separator,
        tries: (0,walk/* triesFor */.TN)(separator, i === ordered.length - 1, isFailing(u, ctx.attempts), ctx.attempts)
    }));
    const walked = await walkTargets(ctx, targets, kind, signal, path);
    if (walked.kind === 'use' && walked.disagrees) {
        const shown = describeUpstream(walked.target.u, walked.target.url);
        if (mismatchFails) {
            releaseResult(walked.result);
            return { status: 502, notFound: false, text: `${shown}: served bytes that differ from go.sum` };
        }
        ctx.log.info(`Warm phase: no mirror after ${shown} served ${path} as go.sum records it; go gets ${shown}'s bytes and reports the mismatch.`);
    }
    if (walked.kind === 'use') {
        if (walked.result.type !== 'network' && walked.result.status === 200) {
            ctx.sources.served(path, describeUpstream(walked.target.u, walked.target.url));
        }
        return walked.result;
    }
    if (walked.kind === 'aborted')
        return walked.outcome;
    const notFoundBy = walked.outcomes.flatMap(o => (o.notFound && o.upstream ? [o.upstream.shown] : []));
    ctx.sources.notFound(path, notFoundBy);
    if (walked.why === 'stop' && walked.report)
        return walked.report;
    return fallOff(ctx.chain, walked.outcomes, walked.report);
}
/**
 * The answer when every proxy was tried: the error go reports (the walker's ranking: a proxy error beats "not
 * found"), but a 404 stays a 404 when only it lets go fall through to direct after the forwarder.
 */
function fallOff(chain, outcomes, best) {
    const last = outcomes[outcomes.length - 1];
    if (!best || !last) {
        return {
            status: 502,
            notFound: false,
            text: 'setup-goproxy forwarder: every proxy of the chain was dropped during the warm phase'
        };
    }
    const lastSeparator = chain.proxies[chain.proxies.length - 1]?.separator;
    const status = last.notFound && chain.terminal === 'direct' && lastSeparator === ',' ? last.status : best.status;
    const lines = [best, ...outcomes.filter(o => o !== best)].map(o => o.text.split('\n')[0]);
    return {
        status,
        notFound: status === 404 || status === 410,
        text: lines.join('\n'),
        contentType: 'text/plain; charset=utf-8'
    };
}
/** Frees a result nobody serves: a spooled body's file (verify.ts). */
function releaseResult(result) {
    if (result.type === 'file')
        void (0,promises_.rm)(result.file, { force: true }).catch(() => undefined);
    if (result.type === 'stream')
        result.rest.destroy();
}

;// CONCATENATED MODULE: ./src/warm/forwarder/sumdb.ts






/**
 * A handler for checksum database requests: `rest` is the path after `sumdb/`. The route
 * per database is decided once (by the first request) and shared by concurrent requests.
 */
function createSumdbHandler(ctx, routing) {
    const { sumdb, gonosumdb, log } = routing;
    /** Where checksum database traffic goes once `supported` was answered: a proxy, or the database itself. */
    const routes = new Map();
    const route = (name, signal) => {
        const known = routes.get(name);
        if (known)
            return known;
        const walk = (async () => {
            const live = ctx.upstreams.filter(u => !u.health.dropped);
            const targets = live.map((u, i) => ({
                u,
                url: joinUrl(u.base, `sumdb/${name}/supported`),
                credentials: u.credentials,
                tries: triesFor(ctx, u, i === live.length - 1)
            }));
            const walked = await walkTargets(ctx, targets, 'sumdb', signal);
            if (walked.kind === 'use')
                return walked.target.u ?? 'database';
            if (walked.kind === 'aborted')
                return walked.outcome;
            // A `,` stopped the walk at an error: go fails too. Every proxy said not found (or erred after `|`): the database.
            return walked.why === 'stop' && walked.report ? walked.report : 'database';
        })();
        routes.set(name, walk);
        // A failed walk is not remembered: the next attempt of the go command asks again.
        void walk.then(r => {
            if (typeof r === 'object' && 'status' in r)
                routes.delete(name);
        });
        return walk;
    };
    return async (rest, signal) => {
        const [name, ...tail] = rest.split('/');
        const sub = tail.join('/');
        if (sumdb.kind !== 'db' || name !== sumdb.name) {
            return {
                status: 404,
                notFound: true,
                text: `setup-goproxy forwarder: checksum database ${name} is not the configured one`
            };
        }
        if (sub.startsWith('lookup/')) {
            const module = decodeModule(sub.slice('lookup/'.length).replace(/@[^@]*$/, ''));
            if (module !== undefined && (0,patterns/* matchesPrefixPatterns */.BC)(gonosumdb, module)) {
                log.warning(`Warm phase: the go command asked the checksum database about ${module}, which GONOSUMDB exempts; refused.`);
                return {
                    status: 403,
                    notFound: false,
                    text: `setup-goproxy forwarder: ${module} matches GONOSUMDB; not sent to the checksum database`
                };
            }
        }
        const chosen = await route(name, signal);
        if (typeof chosen === 'object' && 'status' in chosen)
            return chosen;
        if (sub === 'supported')
            return { type: 'complete', status: 200, contentType: 'text/plain; charset=utf-8', body: Buffer.alloc(0) };
        const url = chosen === 'database' ? joinUrl(new URL(sumdb.url), sub) : joinUrl(chosen.base, `sumdb/${name}/${sub}`);
        const upstream = chosen === 'database' ? undefined : chosen;
        const credentials = chosen === 'database' ? ctx.credentialsFor(url.href) : chosen.credentials;
        // Go never falls back once a proxy serves the database: neither does the forwarder.
        const tries = upstream && isFailing(upstream, ctx.attempts) ? 1 : ctx.attempts;
        const walked = await walkTargets(ctx, [{ u: upstream, url, credentials, tries }], 'sumdb', signal);
        if (walked.kind === 'use')
            return walked.result;
        if (walked.kind === 'aborted')
            return walked.outcome;
        const failed = walked.report;
        if (!failed)
            return toOutcome(upstream, CLOSED, 'permanent', 0, url);
        if (upstream && failed.status === 403 && sub.startsWith('lookup/')) {
            // Athens answers 403 to lookups of its no-sum patterns (cmd/proxy/actions/sumdb.go), and a 403 stops go. The
            // database itself answers the same signed record (go verifies it), so the forwarder asks it instead.
            const direct = joinUrl(new URL(sumdb.url), sub);
            log.info(`Warm phase: ${upstream.shown} refused the checksum lookup ${sub.slice('lookup/'.length)} (403, as Athens does for its no-sum patterns); asked the checksum database itself, go verifies its signed answer.`);
            const again = await walkTargets(ctx, [{ u: undefined, url: direct, credentials: ctx.credentialsFor(direct.href), tries: ctx.attempts }], 'sumdb', signal);
            if (again.kind === 'use')
                return again.result;
        }
        return failed;
    };
}

// EXTERNAL MODULE: ./src/warm/forwarder/types.ts
var types = __webpack_require__(8297);
;// CONCATENATED MODULE: ./src/warm/forwarder/repeats.ts
/** A RepeatedDebug over `log`. */
function repeatedDebug(log) {
    const counts = new Map();
    return {
        note(group, line) {
            const seen = counts.get(group) ?? 0;
            counts.set(group, seen + 1);
            if (seen === 0)
                log.debug(`${line} (the same failure again is counted, not repeated)`);
        },
        flush() {
            for (const [group, count] of counts) {
                if (count > 1)
                    log.debug(`${group}: ${count} times in all during the warm phase`);
            }
            counts.clear();
        }
    };
}

;// CONCATENATED MODULE: ./src/warm/forwarder/sources.ts

/** An empty ledger. */
function sourceLedger() {
    const served = new Map();
    const missing = new Map();
    const key = (path) => planPath(path.replace(/^\/+/, '')) ?? path;
    return {
        served(path, by) {
            served.set(key(path), by);
            missing.delete(key(path));
        },
        notFound(path, by) {
            if (by.length === 0 || served.has(key(path)))
                return;
            const set = missing.get(key(path)) ?? new Set();
            by.forEach(who => set.add(who));
            missing.set(key(path), set);
        },
        servedBy: path => served.get(key(path)),
        notFoundBy: path => [...(missing.get(key(path)) ?? [])]
    };
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
;// CONCATENATED MODULE: ./src/warm/forwarder/prefetch.ts
/**
 * The prefetcher: fetches what `go mod download` is going to ask for ahead of it, `concurrency` requests at a
 * time, each one a full walk of the chain with the forwarder's semantics (`,` vs `|`, timeouts, retries for
 * transient faults, health), and puts the answers in the store (store.ts), where go's requests pick them up.
 *
 * A failed prefetch is not an error: nothing is stored and go's own request walks the chain again, so a failure
 * is diagnosed from what go saw. After `giveUpAfter` failures in a row with no success the prefetcher stops (the
 * chain is sick; go's own requests with the forwarder's timeouts are then the best use of it).
 */

/** Creates a prefetcher over `options.store`; it does nothing until `kick()`. */
function createPrefetcher(options) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
        throw new Error(`prefetch concurrency must be a whole number ≥ 1, got ${options.concurrency}`);
    const giveUpAfter = options.giveUpAfter ?? 16;
    const controller = new AbortController();
    // Every prefetch in flight listens on this one signal (its requests, its backoff sleeps): not a leak.
    (0,external_node_events_.setMaxListeners)(0, controller.signal);
    let workers = 0;
    let failuresInARow = 0;
    let stopped = false;
    let reason;
    let idleWaiters = [];
    const settleIdle = () => {
        if (workers > 0)
            return;
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters)
            w();
    };
    const work = async () => {
        try {
            for (let path = options.store.next(); path !== undefined && !stopped; path = options.store.next()) {
                const current = path;
                let ok = false;
                await options.store.begin(current, async () => {
                    const answer = await options.fetch(current, controller.signal).catch(() => undefined);
                    ok = answer !== undefined;
                    return answer;
                });
                if (ok) {
                    failuresInARow = 0;
                }
                else if (++failuresInARow >= giveUpAfter && !stopped) {
                    reason = `${failuresInARow} prefetches in a row failed`;
                    options.log.info(`Warm phase: prefetching stopped (${reason}); go's own requests continue.`);
                    stopped = true;
                }
            }
        }
        finally {
            workers--;
            settleIdle();
        }
    };
    return {
        kick() {
            while (!stopped && workers < options.concurrency && options.store.pending() > 0) {
                workers++;
                void work();
            }
        },
        stop() {
            stopped = true;
            controller.abort();
        },
        idle: () => (workers === 0 ? Promise.resolve() : new Promise(resolve => idleWaiters.push(resolve))),
        gaveUp: () => reason
    };
}

;// CONCATENATED MODULE: ./src/warm/forwarder/store.ts
/**
 * The store of prefetched answers, keyed by the request path (`<escaped module>/@v/<escaped version>.<kind>`),
 * shared by the prefetcher and the forwarder's request handler. It is where the two meet, single-flight:
 *
 * - go asks for a path that is prefetched: answered from the store, and the entry is dropped (go asks for each
 *   file once per run: it writes what it got to the module cache; a retry run asks only for what failed, and that
 *   goes upstream again, which is what a retry is for);
 * - go asks for a path being prefetched: it joins that fetch;
 * - go asks for a path still queued: the path is taken out of the queue and go's own request walks the chain at
 *   once (go's requests never wait behind the prefetch queue);
 * - a prefetch that failed leaves nothing: go's request walks the chain itself, with the forwarder's timeouts,
 *   retries and health, so the diagnoses stay go's.
 *
 * Bodies are kept in memory up to a budget; a body above the spool threshold, or one that would exceed the
 * budget, is written to a file in a directory of its own (under RUNNER_TEMP when set), removed at close.
 *
 * With a layer directory (`layerDir`), every prefetched 200 body is instead written there in the layout of a
 * `file://` GOPROXY (`<escaped module>/@v/<escaped version>.<kind>`, renamed into place whole), and go is given
 * `file://<layerDir>,<forwarder>`: go reads what is prefetched from disk without a request, and only a file that is
 * not there yet (a miss falls through `,` like a 404) reaches the forwarder, where the single flight above applies.
 * go verifies a file from disk exactly as one from a proxy; a file go read from disk is known only afterwards, by
 * its copy in go's module cache (`close(usedByGo)`).
 *
 * The store never judges a body: go verifies every byte it is served against go.sum and the checksum database.
 */



/** Size of a stored answer's body. */
function answerBytes(answer) {
    if (answer.kind === 'memory')
        return answer.body.length;
    if (answer.kind === 'file' || answer.kind === 'layer')
        return answer.bytes;
    return 0;
}
/** The store of one warm phase. Not thread-safe across processes; one per forwarder. */
class PrefetchStore {
    options;
    slots = new Map();
    /** Paths go asked for (served, joined or overtaken): never prefetched again in this phase. */
    claimed = new Set();
    /** Queued paths in plan order; `slots` says whether each is still queued. */
    queue = [];
    queueHead = 0;
    memoryBytes = 0;
    spoolBytes = 0;
    spoolDir;
    /** Directories made in the layer. */
    layerDirs = new Set();
    closed = false;
    stats = {
        planned: 0,
        prefetchedFiles: 0,
        prefetchedBytes: 0,
        servedFiles: 0,
        servedBytes: 0,
        servedFromDisk: 0,
        overtaken: 0,
        failed: 0,
        spooledFiles: 0,
        peakMemoryBytes: 0,
        peakBytes: 0,
        unusedFiles: 0,
        unusedBytes: 0
    };
    constructor(options) {
        this.options = options;
        if (!(options.memoryBudget >= 0))
            throw new Error(`store memoryBudget must be ≥ 0, got ${options.memoryBudget}`);
        if (!(options.spoolThreshold >= 0))
            throw new Error(`store spoolThreshold must be ≥ 0, got ${options.spoolThreshold}`);
    }
    /** Queues paths to prefetch, in order; a path already known (queued, fetched, served or claimed) is skipped. */
    enqueue(paths) {
        for (const path of paths) {
            if (this.closed || this.slots.has(path) || this.claimed.has(path))
                continue;
            this.slots.set(path, { state: 'queued' });
            this.queue.push(path);
            this.stats.planned++;
        }
    }
    /** The next queued path for the prefetcher, or undefined when the queue is empty. */
    next() {
        while (this.queueHead < this.queue.length) {
            const path = this.queue[this.queueHead++];
            if (this.slots.get(path)?.state === 'queued')
                return path;
        }
        return undefined;
    }
    /** Paths still waiting in the queue. */
    pending() {
        let n = 0;
        for (let i = this.queueHead; i < this.queue.length; i++)
            if (this.slots.get(this.queue[i])?.state === 'queued')
                n++;
        return n;
    }
    /**
     * The prefetcher starts `path`: `fetch` runs now and its result is stored (a 200 body in memory or spooled, a
     * final not-found as it is); undefined means the prefetch failed and nothing is stored.
     */
    begin(path, fetch) {
        const answer = fetch().then(fetched => this.keep(path, fetched), () => this.keep(path, undefined));
        this.slots.set(path, { state: 'fetching', answer });
        return answer.then(() => undefined);
    }
    /**
     * go's request for `path`: a hit (stored, or in flight: single flight) or a miss. Either way go owns the path
     * from now on: the entry leaves the store and the path is never prefetched again in this phase.
     */
    claim(path) {
        const slot = this.slots.get(path);
        this.claimed.add(path);
        if (!slot)
            return { kind: 'miss' };
        this.slots.delete(path);
        if (slot.state === 'queued') {
            this.stats.overtaken++;
            return { kind: 'miss' };
        }
        if (slot.state === 'ready')
            return { kind: 'hit', answer: Promise.resolve(this.served(slot.answer)) };
        return { kind: 'hit', answer: slot.answer.then(a => (a ? this.served(a) : undefined)) };
    }
    /** Called when a served answer has been written to go: frees its memory or removes its spool file. */
    async release(answer) {
        if (answer.kind === 'memory')
            this.memoryBytes -= answer.body.length;
        if (answer.kind === 'file' || answer.kind === 'layer') {
            this.spoolBytes -= answer.bytes;
            await (0,promises_.rm)(answer.file, { force: true });
        }
    }
    /** A spool file path for a body that is too large to hold in memory (the directory is made on first use). */
    async spoolFile(path) {
        this.spoolDir ??= (0,promises_.mkdtemp)((0,external_node_path_.join)(this.options.spoolParent ?? (0,external_node_os_.tmpdir)(), 'setup-goproxy-prefetch-'));
        const dir = await this.spoolDir;
        return (0,external_node_path_.join)(dir, `${this.stats.spooledFiles++}-${path.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80)}`);
    }
    /** Whether a body of `bytes` fits in memory now. */
    fitsInMemory(bytes) {
        return bytes <= this.options.spoolThreshold && this.memoryBytes + bytes <= this.options.memoryBudget;
    }
    /**
     * Counts unused answers, drops everything and removes the spool directory and the layer. Waits for fetches in
     * flight to settle. `usedByGo(path)` tells whether go read a layer file from disk (it holds a copy in its module
     * cache; asked synchronously: hundreds of stat calls are cheaper than as many thread-pool round trips); without
     * it, layer files left are counted unused.
     */
    async close(usedByGo) {
        this.closed = true;
        const inFlight = [...this.slots.values()].flatMap(s => (s.state === 'fetching' ? [s.answer] : []));
        await Promise.all(inFlight);
        for (const [path, slot] of this.slots) {
            if (slot.state !== 'ready')
                continue;
            const answer = slot.answer;
            if (answer.kind === 'layer' && usedByGo?.(path)) {
                this.stats.servedFromDisk++;
                this.served(answer);
            }
            else {
                this.stats.unusedFiles++;
                this.stats.unusedBytes += answerBytes(answer);
            }
            // The layer goes as a whole below: one call instead of a trip through the thread pool per file.
            if (answer.kind !== 'layer')
                await this.release(answer);
        }
        this.slots.clear();
        if (this.spoolDir) {
            const dir = await this.spoolDir.catch(() => undefined);
            if (dir)
                await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
        // The promise form removes entries on the thread pool's four threads at once: for the ~1000 entries of a
        // 200-module layer, 465 ms on the loaded test machine where rmSync took 1246 ms and rm -rf 769 ms.
        const { layerDir, removeLayerLater } = this.options;
        if (layerDir && removeLayerLater)
            removeLayerLater(layerDir);
        else if (layerDir)
            await (0,promises_.rm)(layerDir, { recursive: true, force: true, maxRetries: 3 });
        return this.stats;
    }
    /** Stores a fetched answer (spooling a body that does not fit in memory) and returns what go would be served. */
    async keep(path, fetched) {
        let answer;
        try {
            answer = fetched ? await this.place(path, fetched) : undefined;
        }
        catch {
            answer = undefined;
        }
        if (!answer) {
            this.stats.failed++;
            if (this.slots.get(path)?.state === 'fetching')
                this.slots.delete(path);
            return undefined;
        }
        this.stats.prefetchedFiles++;
        this.stats.prefetchedBytes += answerBytes(answer);
        this.stats.peakMemoryBytes = Math.max(this.stats.peakMemoryBytes, this.memoryBytes);
        this.stats.peakBytes = Math.max(this.stats.peakBytes, this.memoryBytes + this.spoolBytes);
        // Still ours (go has not claimed it meanwhile, the store is open): keep it for go.
        if (this.slots.get(path)?.state === 'fetching' && !this.closed)
            this.slots.set(path, { state: 'ready', answer });
        return answer;
    }
    async place(path, fetched) {
        if (fetched.kind === 'not-found' || fetched.kind === 'layer')
            return fetched;
        if (this.options.layerDir)
            return this.placeInLayer(this.options.layerDir, path, fetched);
        if (fetched.kind === 'file') {
            this.spoolBytes += fetched.bytes;
            return fetched;
        }
        if (this.fitsInMemory(fetched.body.length)) {
            this.memoryBytes += fetched.body.length;
            return fetched;
        }
        const file = await this.spoolFile(path);
        await (0,promises_.writeFile)(file, fetched.body);
        this.spoolBytes += fetched.body.length;
        return { kind: 'file', contentType: fetched.contentType, file, bytes: fetched.body.length };
    }
    /**
     * Puts a 200 body where go's `file://` proxy looks for it: written (or a spool file moved) beside its final name
     * and renamed into place, so go finds the whole file or none. `path` is the plan's `!`-escaped request path,
     * checked by the forwarder (no `..`, no absolute path) before it was queued.
     */
    async placeInLayer(layerDir, path, fetched) {
        const target = (0,external_node_path_.join)(layerDir, ...path.split('/'));
        const parent = (0,external_node_path_.dirname)(target);
        if (!this.layerDirs.has(parent)) {
            await (0,promises_.mkdir)(parent, { recursive: true });
            this.layerDirs.add(parent);
        }
        const partial = `${target}.partial`;
        try {
            if (fetched.kind === 'file')
                await (0,promises_.rename)(fetched.file, partial);
            else
                await (0,promises_.writeFile)(partial, fetched.body);
            await (0,promises_.rename)(partial, target);
        }
        catch (error) {
            await (0,promises_.rm)(partial, { force: true });
            if (fetched.kind === 'file')
                await (0,promises_.rm)(fetched.file, { force: true });
            throw error;
        }
        const bytes = fetched.kind === 'file' ? fetched.bytes : fetched.body.length;
        this.spoolBytes += bytes;
        return { kind: 'layer', contentType: fetched.contentType, file: target, bytes };
    }
    served(answer) {
        this.stats.servedFiles++;
        this.stats.servedBytes += answerBytes(answer);
        return answer;
    }
}

// EXTERNAL MODULE: ./src/go/sumdb/dirhash.ts
var dirhash = __webpack_require__(7275);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(663);
;// CONCATENATED MODULE: ./src/sumdb/hash-zip.ts
/** The go.sum `h1:` hash of a module zip on disk (dirhash.HashZip), streamed entry by entry. */



/**
 * Hashes the zip at `file` as the go command does: every entry (directory entries too, as Go's HashZip lists
 * them), under its name exactly as stored in the central directory (not an Info-ZIP Unicode path field), with
 * the content streamed through SHA-256 so that a 100 MB toolchain zip is never held in memory. Rejects a name
 * that is not UTF-8 or that appears twice (two entries would make the hash depend on which one a reader
 * extracts; Go's module zip checks refuse them too). Throws an Error naming the file on any problem.
 */
async function hashZip(file) {
    return hashOpened(file, done => yauzl.open(file, ZIP_OPTIONS, done));
}
/**
 * {@link hashZip} for a zip held in memory (a module zip a proxy answered, before it is handed on); `name` is what
 * an error calls it.
 */
async function hashZipBuffer(zip, name) {
    return hashOpened(name, done => yauzl.fromBuffer(zip, ZIP_OPTIONS, done));
}
const ZIP_OPTIONS = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
async function hashOpened(file, open) {
    const zip = await new Promise((resolve, reject) => {
        open((error, zipfile) => (error ? reject(error) : resolve(zipfile)));
    }).catch((error) => {
        throw new Error(`cannot read zip ${file}: ${error instanceof Error ? error.message : String(error)}`, {
            cause: error
        });
    });
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const files = [];
    const seen = new Set();
    try {
        await new Promise((resolve, reject) => {
            const fail = (error) => reject(new Error(`cannot hash zip ${file}: ${error instanceof Error ? error.message : String(error)}`));
            zip.on('error', fail);
            zip.on('end', () => resolve());
            zip.on('entry', (entry) => {
                let name;
                try {
                    name = decoder.decode(entry.fileNameRaw);
                }
                catch {
                    return fail(`entry name ${JSON.stringify(entry.fileNameRaw.toString('latin1'))} is not UTF-8`);
                }
                if (seen.has(name))
                    return fail(`entry ${JSON.stringify(name)} appears more than once`);
                seen.add(name);
                zip.openReadStream(entry, (error, stream) => {
                    if (error)
                        return fail(`entry ${JSON.stringify(name)}: ${error.message}`);
                    const sha = (0,external_node_crypto_.createHash)('sha256');
                    stream.on('data', (chunk) => sha.update(chunk));
                    stream.on('error', e => fail(`entry ${JSON.stringify(name)}: ${e.message}`));
                    stream.on('end', () => {
                        files.push({ name, sha256: new Uint8Array(sha.digest()) });
                        zip.readEntry();
                    });
                });
            });
            zip.readEntry();
        });
    }
    finally {
        zip.close();
    }
    try {
        return (0,dirhash/* hash1 */.C_)(files);
    }
    catch (error) {
        throw new Error(`cannot hash zip ${file}: ${error instanceof Error ? error.message : String(error)}`, {
            cause: error
        });
    }
}

;// CONCATENATED MODULE: ./src/warm/forwarder/verify.ts
/**
 * Mirrors that disagree (a force-pushed tag: one mirror serves other bytes under the same version). Before the
 * forwarder hands go a `.zip` or `.mod` from a proxy with another `|` mirror after it, it computes the file's h1
 * (src/go/sumdb/dirhash.ts: the zip's dirhash, the go.mod's `/go.mod` hash) and compares it with what the build's
 * go.sum files record; on a mismatch the walk asks the next mirror (the walker's 'mismatch', src/go/proxy/walk.ts),
 * and the log names both mirrors. Where go.sum records nothing for the file there is nothing to compare: the checksum
 * database decides, as it would without the forwarder. go still verifies every byte it is given.
 *
 * Memory stays bounded: a body too large to buffer is spooled to a file (in a directory of its own, removed at
 * close) and hashed from there; the walk then hands the file on, and whoever does not use it releases it.
 */









/** The module file a wire path names (`<escaped module>/@v/<escaped version>.zip|.mod`), or undefined for any other. */
function moduleFileOf(path) {
    const m = /^(.+)\/@v\/([^/]+)\.(zip|mod)$/.exec(path);
    if (!m)
        return undefined;
    const module = decodeModule(m[1]);
    const version = decodeModule(m[2]);
    return module !== undefined && version !== undefined ? { module, version, goMod: m[3] === 'mod' } : undefined;
}
/**
 * A check over the hashes go.sum records (`recorded`; a function is called once, on the first comparison), spooling
 * large bodies under `spoolParent`.
 */
function createSumCheck(given, log, spoolParent) {
    let known = typeof given === 'function' ? undefined : given;
    const recorded = () => (known ??= given());
    let spoolDir;
    let spooled = 0;
    const spoolFile = async () => {
        spoolDir ??= (0,promises_.mkdtemp)((0,external_node_path_.join)(spoolParent ?? (0,external_node_os_.tmpdir)(), 'setup-goproxy-verify-'));
        return (0,external_node_path_.join)(await spoolDir, `${spooled++}.body`);
    };
    return {
        async check(path, answer, from, next) {
            const file = moduleFileOf(path);
            const want = file ? recorded().get((0,gosum/* recordedKey */.S)(file.module, file.version, file.goMod)) : undefined;
            if (!file || !want)
                return { verdict: 'ok', answer };
            const held = answer.body.kind === 'stream' ? await spool(answer, await spoolFile().catch(() => undefined)) : answer;
            if (held.kind === 'failure')
                return { verdict: 'failed', failure: held };
            const got = await hashOf(held, file.goMod);
            if (got !== undefined && want.has(got))
                return { verdict: 'ok', answer: held };
            const what = `${file.module}@${file.version}${file.goMod ? '.mod' : '.zip'}`;
            log.warning(`Warm phase: ${from} served ${what} with ${got ?? 'an unreadable zip'}, which differs from go.sum (${[...want].join(', ')}); asking ${next} instead (the mirrors disagree; go verifies whatever it gets).`);
            return { verdict: 'mismatch', answer: held };
        },
        release(answer) {
            if (answer.body.kind === 'file')
                void (0,promises_.rm)(answer.body.path, { force: true }).catch(() => undefined);
        },
        async close() {
            const dir = await spoolDir?.catch(() => undefined);
            if (dir)
                await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    };
}
/** The h1 of an answer's body (a zip's dirhash, or a go.mod's), or undefined when the zip cannot be read. */
async function hashOf(answer, goMod) {
    const { body } = answer;
    try {
        if (body.kind === 'file')
            return goMod ? (0,dirhash/* goModHash */.j5)(await (0,promises_.readFile)(body.path)) : await hashZip(body.path);
        if (body.kind === 'buffered')
            return goMod ? (0,dirhash/* goModHash */.j5)(body.bytes) : await hashZipBuffer(body.bytes, answer.url);
    }
    catch {
        // Not a zip go could read either: it would refuse it as surely as a mismatch.
    }
    return undefined;
}
/**
 * Writes a streamed body to `file` and returns the answer with the file as its body, or the failure that ended the
 * transfer (the client ends the stream only when the whole body arrived; a stall or a break is an error): 'local'
 * when writing the file failed, the source's fault otherwise.
 */
async function spool(answer, file) {
    const body = answer.body;
    if (body.kind !== 'stream')
        return answer;
    const failed = (fault, code, message) => {
        if (file)
            void (0,promises_.rm)(file, { force: true }).catch(() => undefined);
        body.rest.destroy();
        return { kind: 'failure', phase: 'body', fault, code, message, host: answer.host, authSent: answer.authSent, ms: 0 };
    };
    if (!file)
        return failed('local', 'EIO', 'cannot make a spool file for the answer');
    let bytes = 0;
    let writeError;
    const out = (0,external_node_fs_.createWriteStream)(file);
    out.on('error', error => (writeError = error));
    const counted = async function* (source) {
        if (body.head.length > 0) {
            bytes += body.head.length;
            yield body.head;
        }
        for await (const chunk of source) {
            bytes += chunk.length;
            yield chunk;
        }
    };
    try {
        await (0,external_node_stream_promises_.pipeline)(body.rest, counted, out);
    }
    catch (error) {
        if (writeError)
            return failed('local', writeError.code ?? 'EIO', `writing ${file}: ${writeError.message}`);
        const code = error.code ?? 'ECONNRESET';
        return failed(sourceFault(code), code, error instanceof Error ? error.message : String(error));
    }
    if (answer.contentLength !== undefined && bytes !== answer.contentLength) {
        return failed('reset', 'ECONNRESET', `the answer broke off after ${bytes} of ${answer.contentLength} bytes`);
    }
    return { ...answer, body: { kind: 'file', path: file, bytes } };
}
/** The fault of a streamed body's error code (src/net/http.ts ends a stream with its failure's code). */
function sourceFault(code) {
    if (code === 'BODY_TIMEOUT' || code === 'TOO_SLOW' || code === 'DEADLINE')
        return 'timeout';
    if (code === 'TOO_LARGE')
        return 'too-large';
    return 'reset';
}

;// CONCATENATED MODULE: ./src/warm/forwarder/forwarder.ts
/**
 * The warm phase's loopback forwarder. The go command has no response timeout and retries
 * nothing, so during the warm phase it talks to this server (GOPROXY=http://127.0.0.1:PORT/TOKEN
 * plus the chain's terminal keyword) and the forwarder walks the verified chain for every
 * request the way Go would — `,` falls through on 404/410 only, `|` on any error — adding
 * what Go lacks: a deadline for the first byte and for every gap between chunks, retries
 * with backoff and jitter for transient faults, and a health record per proxy that drops a
 * stalling or failing `|` proxy for the rest of the phase.
 *
 * Bodies pass through unchanged and are never cached: the go command still checks every
 * byte against go.sum and the checksum database. A body is buffered before it is answered
 * (so a transfer that breaks off can be retried), except a 200 answer larger than
 * `bufferLimit`, which is streamed and, if it breaks off, cut off cleanly (go reports an
 * unexpected EOF, which the warm phase retries).
 *
 * Checksum database traffic (`/sumdb/<name>/...`): `supported` walks the chain like Go;
 * the first proxy answering 200 serves every later request for that database, and when
 * none does the forwarder forwards to the database itself (`sumdb.url`, where Go would have
 * gone) with the same timeouts and retries. Go verifies the signed tree either way.
 *
 * This module is the forwarder's public face and wires its parts together:
 *   types.ts   options, the running forwarder, per-proxy health, internal shapes
 *   server.ts  the loopback HTTP server, request routing, writing answers
 *   walk.ts    walking the chain with Go's `,`/`|` semantics, tries and backoff
 *   sumdb.ts   checksum database routing
 *   health.ts  upstreams, health bookkeeping, circuit breaker, dropping `|` proxies
 *   judgement.ts judging one answer and wording failures for the go command
 *   paths.ts   wire paths: joining, safety, module path decoding
 *   store.ts   prefetched answers keyed by request path, single flight with go's requests
 *   prefetch.ts fetching the plan ahead of go, bounded concurrency, through the same walk
 *
 * Prefetch (options.prefetch, then `prefetch(paths)`): the warm phase hands over the paths
 * `go mod download` will ask for; the prefetcher walks the chain for them ahead of go and the
 * request handler answers go from the store. Bodies still pass through unchanged: go verifies
 * each one as if it came from the proxy, and the module cache is written only by go.
 */























const DEFAULT_BUFFER_LIMIT = 128 * 1024 * 1024;
/** Prefetched bodies held in memory at most; the rest is spooled to disk. */
const DEFAULT_PREFETCH_MEMORY_BUDGET = 256 * 1024 * 1024;
/** A prefetched body above this goes to a spool file (a few big zips must not take the budget from many small ones). */
const DEFAULT_SPOOL_THRESHOLD = 4 * 1024 * 1024;
/** Connections per upstream origin beyond the prefetch's own, kept for go's requests (the client's own default). */
const CONNECTIONS_FOR_GO = 32;
/**
 * The prefetch's parts, when options.prefetch asks for one: the file:// layer go reads prefetched files from without a
 * request (store.ts), made beside the spool directory (a spooled zip is renamed into it: the same file system), the
 * store of prefetched bodies, and the prefetcher that fills it on `walk`'s chain.
 */
async function startPrefetch(options, walk) {
    const prefetch = options.prefetch;
    if (!prefetch)
        return {};
    const layerDir = prefetch.fileLayer !== false ? await (0,promises_.mkdtemp)((0,external_node_path_.join)(prefetch.spoolParent ?? (0,external_node_os_.tmpdir)(), types/* LAYER_DIR_PREFIX */.P)) : undefined;
    const store = new PrefetchStore({
        memoryBudget: prefetch.memoryBudget ?? DEFAULT_PREFETCH_MEMORY_BUDGET,
        spoolThreshold: prefetch.spoolThreshold ?? DEFAULT_SPOOL_THRESHOLD,
        ...(prefetch.spoolParent ? { spoolParent: prefetch.spoolParent } : {}),
        ...(layerDir ? { layerDir } : {}),
        ...(prefetch.removeLayerLater ? { removeLayerLater: prefetch.removeLayerLater } : {})
    });
    // The prefetch walks like go's requests, but streams a body past the spool threshold into a file, and its traffic
    // is not go's progress: the watchdog must still see a go that hangs elsewhere (a silent checksum database).
    const prefetchWalk = {
        ...walk,
        bufferLimit: prefetch.spoolThreshold ?? DEFAULT_SPOOL_THRESHOLD,
        touch: () => undefined
    };
    const prefetcher = createPrefetcher({
        store,
        concurrency: prefetch.concurrency,
        fetch: (path, signal) => prefetchOne(prefetchWalk, store, path, signal),
        log: options.log
    });
    return { ...(layerDir ? { layerDir } : {}), store, prefetcher };
}
/**
 * One client for every upstream: keep-alive pools per origin, the same trust as the probe for all https
 * (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS: behind a TLS-inspecting proxy the probe would pass and every warm request fail
 * otherwise), and the environment's HTTP proxy (HTTPS_PROXY, NO_PROXY) chosen per request as the go command chooses it.
 */
function upstreamClient(options) {
    const ca = (0,trust/* trustedCertificates */.g)(options.ca);
    return (0,http/* createHttpClient */.u)({
        ...(ca ? { ca } : {}),
        env: options.env ?? {},
        connectTimeoutMs: options.requestTimeoutMs,
        connectionsPerOrigin: (options.prefetch?.concurrency ?? 0) + CONNECTIONS_FOR_GO,
        userAgent: 'setup-goproxy (warm phase)'
    });
}
/**
 * The GOPROXY go is given: the forwarder at `url`, then the chain's terminal (`direct`/`off`) after the last proxy's
 * separator, behind the file:// layer when there is one — with `,`: only a missing file falls through to the
 * forwarder (as a 404 would); any other error reading it would stop go, as a proxy's error before `,` does.
 */
function goproxyThrough(url, chain, layerUrl) {
    const lastEntry = chain.proxies[chain.proxies.length - 1];
    const forwarded = chain.terminal && lastEntry ? `${url}${lastEntry.separator}${chain.terminal}` : url;
    return layerUrl ? `${layerUrl},${forwarded}` : forwarded;
}
/** What the forwarder has done so far, for the warm phase's progress line. */
function progressOf(activity) {
    return {
        zips: activity.zips,
        requests: activity.requests,
        ...(activity.current ? { current: activity.current } : {})
    };
}
/** The chain without the proxies found dead while warming (their health says dropped). */
function chainLeft(chain, upstreams) {
    return {
        proxies: upstreams.filter(u => !u.health.dropped).map(u => u.entry),
        ...(chain.terminal ? { terminal: chain.terminal } : {})
    };
}
/** The walk's settings from the options, with their defaults. */
function walkSettings(options) {
    return {
        attempts: Math.max(1, options.attemptsPerRequest ?? 5),
        backoffMs: options.backoffMs ?? 50,
        bufferLimit: options.bufferLimit ?? DEFAULT_BUFFER_LIMIT,
        requestTimeoutMs: options.requestTimeoutMs
    };
}
/**
 * Whether a path the plan gave may be prefetched. The plan leaves GONOPROXY modules out already; this keeps a private
 * path off the proxies whatever it is given, and a path that could leave a proxy's directory (`..`) off the wire, as
 * for go's own requests.
 */
function mayPrefetch(path, gonoproxy) {
    const module = decodeModule(path.replace(/\/@(?:v\/.*|latest)$/, ''));
    return module !== undefined && safePath(wirePath(path)) && !(0,patterns/* matchesPrefixPatterns */.BC)(gonoproxy, module);
}
/** Starts the forwarder on 127.0.0.1 (random port). Close it when the warm phase ends. */
async function startForwarder(options) {
    const token = (0,external_node_crypto_.randomBytes)(12).toString('hex');
    const { chain, log } = options;
    const client = upstreamClient(options);
    const netrc = options.netrc ?? [];
    // One lookup for the first request and for redirects, as the go command looks every URL up the same way.
    const lookup = (url) => options.credentialsFor?.(url) ?? (0,secrets/* credentialsFor */.Og)(netrc, url);
    const upstreams = chain.proxies.map((entry, i) => makeUpstream(entry, i, chain, lookup));
    const controllers = new Set();
    const activity = { inFlight: 0, lastActivity: Date.now(), zips: 0, requests: 0, current: undefined };
    const touch = () => {
        activity.lastActivity = Date.now();
    };
    // Mirrors that disagree: a module file from a `|` proxy is compared with go.sum before go gets it (verify.ts).
    const sums = options.recorded ? createSumCheck(options.recorded, log, options.prefetch?.spoolParent) : undefined;
    const walk = {
        ...(sums ? { sums } : {}),
        ...walkSettings(options),
        chain,
        upstreams,
        client,
        credentialsFor: lookup,
        touch,
        log,
        retryLines: repeatedDebug(log),
        sources: sourceLedger()
    };
    const { layerDir, store, prefetcher } = await startPrefetch(options, walk);
    let storeStats;
    const requests = {
        ...(store ? { store } : {}),
        token,
        gonoproxy: options.gonoproxy,
        log,
        activity,
        touch,
        controllers,
        walkChain: (path, kind, signal) => walkChain(walk, path, kind, signal),
        handleSumdb: createSumdbHandler(walk, { sumdb: options.sumdb, gonosumdb: options.gonosumdb, log })
    };
    const server = await listenLoopback((req, res) => handleRequest(requests, req, res), log).catch(async (error) => {
        if (layerDir)
            await (0,promises_.rm)(layerDir, { recursive: true, force: true });
        throw error;
    });
    const url = `http://127.0.0.1:${server.port}/${token}`;
    const layerUrl = layerDir ? (0,external_node_url_.pathToFileURL)(layerDir).href : undefined;
    const goproxy = goproxyThrough(url, chain, layerUrl);
    return {
        url,
        goproxy,
        ...(layerUrl ? { layerUrl } : {}),
        inFlight: () => activity.inFlight,
        lastActivity: () => activity.lastActivity,
        progress: () => progressOf(activity),
        health: () => upstreams.map(u => u.health),
        sources: walk.sources,
        sumdbKnows: (module, version) => sumdbKnows(requests, options.sumdb, module, version),
        prefetch: paths => {
            if (!store || !prefetcher)
                return;
            store.enqueue(paths.filter(path => mayPrefetch(path, options.gonoproxy)));
            prefetcher.kick();
        },
        prefetchStats: () => storeStats ?? store?.stats,
        chain: () => chainLeft(chain, upstreams),
        close: async (usedByGo) => {
            prefetcher?.stop();
            for (const c of controllers)
                c.abort();
            await prefetcher?.idle();
            if (store)
                storeStats = await store.close(usedByGo);
            const closed = server.close();
            await client.close();
            await closed;
            walk.retryLines.flush();
            await sums?.close();
        }
    };
}
/**
 * Whether the checksum database knows `module@version`: a lookup through the forwarder's own database route (the
 * one go's lookups take), aborted with the forwarder. Undefined when GOSUMDB is off or the answer is not clear.
 */
async function sumdbKnows(requests, sumdb, module, version) {
    if (sumdb.kind !== 'db')
        return undefined;
    const request = `${sumdb.name}/lookup/${(0,module_path/* escapeModulePath */.xk)(module)}@${(0,module_path/* escapeModulePath */.xk)(version)}`;
    const controller = new AbortController();
    requests.controllers.add(controller);
    try {
        const answer = await requests.handleSumdb(request, controller.signal);
        if ('type' in answer) {
            if (answer.type === 'stream')
                answer.rest.destroy();
            return answer.type === 'network' ? undefined : answer.status === 200;
        }
        return answer.notFound ? false : undefined;
    }
    catch {
        return undefined;
    }
    finally {
        requests.controllers.delete(controller);
    }
}
/**
 * One prefetch: the chain walk for `path` (given as the plan names it, `!`-encoded), turned into something to
 * store: a 200 body (in memory, or streamed into a spool file past the threshold), or the walk's final
 * not-found. Anything else — a proxy error, a timeout, a cut transfer — is a failed prefetch: undefined.
 */
async function prefetchOne(walk, store, path, signal) {
    const kind = path.endsWith('.zip') ? 'zip' : 'small';
    const answer = await walkChain(walk, wirePath(path), kind, signal, true);
    if (signal.aborted) {
        if ('type' in answer && answer.type === 'file')
            await (0,promises_.rm)(answer.file, { force: true });
        return undefined;
    }
    if (!('type' in answer))
        return answer.notFound ? { kind: 'not-found', outcome: answer } : undefined;
    if (answer.type === 'network')
        return undefined;
    // Spooled while it was compared with go.sum (verify.ts): the store takes the file over.
    if (answer.type === 'file') {
        if (answer.status === 200)
            return { kind: 'file', contentType: answer.contentType, file: answer.file, bytes: answer.bytes };
        await (0,promises_.rm)(answer.file, { force: true });
        return undefined;
    }
    if (answer.type === 'complete') {
        return answer.status === 200 ? { kind: 'memory', contentType: answer.contentType, body: answer.body } : undefined;
    }
    const file = await store.spoolFile(path);
    let bytes = 0;
    const count = async function* (source) {
        for (const chunk of answer.head) {
            bytes += chunk.length;
            yield chunk;
        }
        for await (const chunk of source) {
            bytes += chunk.length;
            yield chunk;
        }
    };
    try {
        await (0,external_node_stream_promises_.pipeline)(answer.rest, count, (0,external_node_fs_.createWriteStream)(file), { signal });
    }
    catch {
        answer.rest.destroy();
        await (0,promises_.rm)(file, { force: true });
        return undefined;
    }
    if (answer.contentLength !== undefined && bytes !== answer.contentLength) {
        await (0,promises_.rm)(file, { force: true });
        return undefined;
    }
    return { kind: 'file', contentType: answer.contentType, file, bytes };
}

;// CONCATENATED MODULE: ./src/warm/module-sets.ts
/**
 * The warm phase's reading step: each module set's go.mod, go.work and go.sum texts, read once at the start.
 * The pure plan (warm/plan.ts: what go will ask for) and the pure judge (warm/judge.ts: which go.mod
 * a failure belongs to) both work from these texts. Also the one question the plan asks the disk afterwards:
 * which of its files `$GOMODCACHE/cache/download` already holds (go will not ask for them).
 */




/** Reads the files of every set (an unreadable file is left out: the plan is a guess, go decides). */
function readModuleSets(sets, cwd) {
    return Promise.all(sets.map(set => readModuleSet(set, cwd)));
}
async function readModuleSet(set, cwd) {
    const shown = (0,warm_directories/* display */.Vy)(set.dir, cwd);
    const goModTexts = await Promise.all(set.goMods.map(readOrUndefined));
    // go reads each module's go.sum, and in a workspace go.work.sum too.
    const sumFiles = [
        ...set.goMods.map(goMod => (0,external_node_path_.join)((0,external_node_path_.dirname)(goMod), 'go.sum')),
        ...(set.goWork ? [(0,external_node_path_.join)((0,external_node_path_.dirname)(set.goWork), 'go.work.sum')] : [])
    ];
    const goSums = (await Promise.all(sumFiles.map(readOrUndefined))).filter((t) => t !== undefined);
    const goWork = set.goWork ? await readOrUndefined(set.goWork) : undefined;
    return {
        set,
        texts: {
            label: shown,
            goMods: goModTexts.filter((t) => t !== undefined),
            goSums,
            ...(goWork !== undefined ? { goWork } : {})
        },
        judged: {
            shown,
            ...(set.goWork ? { goWork: (0,warm_directories/* display */.Vy)(set.goWork, cwd) } : {}),
            goMods: set.goMods.map((file, i) => ({ shown: (0,warm_directories/* display */.Vy)(file, cwd), text: goModTexts[i] }))
        }
    };
}
/**
 * The files of `files` that `$GOMODCACHE/cache/download` does not hold (`modcache` undefined: all of them).
 * An empty or missing cache costs one check, not one per file.
 */
async function notInCache(files, modcache) {
    const download = modcache ? (0,external_node_path_.join)(modcache, ...module_path/* MODULE_DOWNLOAD_DIR */.GX) : undefined;
    if (!download || !(await exists(download)))
        return { missing: [...files], cached: 0 };
    const present = await Promise.all(files.map(f => exists((0,external_node_path_.join)(download, ...f.path.split('/')))));
    return { missing: files.filter((_f, i) => !present[i]), cached: present.filter(Boolean).length };
}
async function readOrUndefined(file) {
    try {
        return await (0,promises_.readFile)(file, 'utf8');
    }
    catch {
        return undefined;
    }
}
async function exists(file) {
    try {
        await (0,promises_.access)(file);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/auth/netrc.ts
/**
 * The go command sends credentials from $NETRC (else ~/.netrc, %USERPROFILE%\_netrc on
 * Windows) to every https URL whose host[:port] is a `machine` there
 * (cmd/go/internal/auth). The forwarder talks to the proxies instead of the go command,
 * so it must do the same, with the same parser, or a proxy that works for go would
 * answer 401 during the warm phase. The lookup itself is credentialsFor in
 * src/auth/secrets.ts, the one the probe uses.
 */


/** Go's parseNetrc: machine/login/password triples; `macdef` bodies skipped; nothing after `default`. */
function parseNetrc(data) {
    const entries = [];
    let current = { machine: '', login: '', password: '' };
    let inMacro = false;
    for (const line of data.split('\n')) {
        if (inMacro) {
            if (line === '')
                inMacro = false;
            continue;
        }
        const f = line.split(/\s+/).filter(Boolean);
        let i = 0;
        for (; i < f.length - 1; i += 2) {
            switch (f[i]) {
                case 'machine':
                    current = { machine: f[i + 1], login: '', password: '' };
                    break;
                case 'login':
                    current.login = f[i + 1];
                    break;
                case 'password':
                    current.password = f[i + 1];
                    break;
                case 'macdef':
                    inMacro = true;
                    break;
            }
            if (current.machine && current.login && current.password) {
                entries.push(current);
                current = { machine: '', login: '', password: '' };
            }
        }
        if (i < f.length && f[i] === 'default')
            break;
    }
    return entries;
}
/** The netrc entries the go command would read with this environment ([] when there is no file). */
function readNetrc(env) {
    const windows = process.platform === 'win32';
    const home = windows ? (env.USERPROFILE ?? env.HOME) : env.HOME;
    const path = env.NETRC || (home ? (0,external_node_path_.join)(home, windows ? '_netrc' : '.netrc') : undefined);
    if (!path)
        return [];
    try {
        return parseNetrc((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return [];
    }
}

;// CONCATENATED MODULE: ./src/warm/fetch.ts
/**
 * The warm phase's fetch step: the loopback forwarder on the one HTTP client (per-request timeouts, retries,
 * health, see forwarder/forwarder.ts), and the prefetch of the plan through it. The forwarder listens first, go is
 * started on it, and only then is the plan handed over (`queue`): it is queued as soon as the module cache's location
 * is known and what it holds is left out; go is never made to wait for any of this.
 */








/**
 * Starts the forwarder (unless the chain has no proxy); when `concurrency` > 0, `queue` later hands it the plan's
 * files, which it fetches once `modcache` is known. `recorded` (go.sum's hashes, computed on first use) lets it
 * compare module files where mirrors may disagree. Returns at once after the forwarder listens: go can start.
 */
async function startFetch(options, modcache, concurrency, started, recorded) {
    // The module cache's location once known (GOMODCACHE from the environment is known by the time the forwarder
    // listens): then `queue` can hand an empty cache's whole plan over at once, without a round trip to the disk.
    let known;
    void modcache.then(dir => (known = { dir }), () => undefined);
    const forwarder = await maybeStartForwarder(options, concurrency, recorded);
    let queued;
    return {
        forwarder,
        goproxy: forwarder ? forwarder.goproxy : (0,chain/* formatChain */.rA)(options.chain),
        clean: text => {
            const redacted = (0,proxy_url/* redactText */.Rd)(text);
            if (!forwarder)
                return redacted;
            const named = redacted.split(forwarder.url).join('[forwarder]');
            return forwarder.layerUrl ? named.split(forwarder.layerUrl).join('[prefetched files]') : named;
        },
        queue: files => {
            if (!forwarder || concurrency === 0 || queued)
                return;
            queued =
                known && noDownloadCache(known.dir)
                    ? Promise.resolve(queueAll(forwarder, files, options, started))
                    : queuePlan(forwarder, files, modcache, options, started);
        },
        close: async () => {
            if (!forwarder)
                return undefined;
            // A layer file go read from disk left its copy in go's module cache (the plan holds only what was not there).
            const cacheDir = await modcache.catch(() => undefined);
            await forwarder.close(cacheDir ? path => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(cacheDir, ...module_path/* MODULE_DOWNLOAD_DIR */.GX, ...path.split('/'))) : undefined);
            const stats = forwarder.prefetchStats();
            const plan = await queued;
            if (!stats || !plan)
                return undefined;
            return {
                concurrency,
                planned: plan.planned,
                cached: plan.cached,
                goRequests: forwarder.progress().requests,
                files: stats.prefetchedFiles,
                bytes: stats.prefetchedBytes,
                served: stats.servedFiles,
                servedBytes: stats.servedBytes,
                fromDisk: stats.servedFromDisk,
                unused: stats.unusedFiles,
                unusedBytes: stats.unusedBytes,
                peakMemoryBytes: stats.peakMemoryBytes,
                peakBytes: stats.peakBytes,
                spooled: stats.spooledFiles,
                overtaken: stats.overtaken,
                failed: stats.failed,
                planMs: plan.planMs
            };
        }
    };
}
/** Whether the module cache holds no downloads at all (a fresh cache, or none): then nothing of the plan is there. */
function noDownloadCache(dir) {
    return dir === undefined || !(0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, ...module_path/* MODULE_DOWNLOAD_DIR */.GX));
}
/** Queues every file of the plan (the module cache holds none of them). Never throws. */
function queueAll(forwarder, files, options, started) {
    try {
        return queued(forwarder, files, 0, started);
    }
    catch (error) {
        return noPlan(error, options, started);
    }
}
/** Leaves out what the module cache holds and queues the rest. Never rejects. */
async function queuePlan(forwarder, files, modcache, options, started) {
    try {
        const { missing, cached } = await notInCache(files, await modcache);
        return queued(forwarder, missing, cached, started);
    }
    catch (error) {
        return noPlan(error, options, started);
    }
}
function queued(forwarder, missing, cached, started) {
    forwarder.prefetch(missing.map(f => f.path));
    return { planned: missing.length, cached, planMs: Date.now() - started };
}
/** Without a plan go asks for everything itself: the plan only saves time. */
function noPlan(error, options, started) {
    options.log.debug(`Prefetch: no plan (${String(error)}); go asks for everything itself.`);
    return { planned: 0, cached: 0, planMs: Date.now() - started };
}
/**
 * Starts the forwarder unless the chain has no proxy; it prefetches when `concurrency` > 0 and compares module files
 * with `recorded` (go.sum's hashes) where mirrors may disagree.
 */
function maybeStartForwarder(options, concurrency, recorded) {
    const { chain, sumdb } = options;
    if (chain.proxies.length === 0)
        return Promise.resolve(undefined);
    const stallMs = (options.stallSeconds ?? DEFAULT_STALL_SECONDS) * 1000;
    // The forwarder's client goes through the environment's HTTP proxy (HTTPS_PROXY, NO_PROXY) as the go command would.
    return startForwarder({
        chain,
        sumdb,
        env: options.env,
        gonoproxy: options.plan.gonoproxy,
        gonosumdb: options.plan.gonosumdb,
        ...(options.credentialsFor ? { credentialsFor: options.credentialsFor } : {}),
        netrc: readNetrc(options.env),
        ...(options.ca ? { ca: options.ca } : {}),
        requestTimeoutMs: options.requestTimeoutMs ?? Math.min(15_000, stallMs / 2),
        ...(recorded ? { recorded } : {}),
        ...(concurrency > 0
            ? {
                prefetch: {
                    concurrency,
                    ...(options.env.RUNNER_TEMP ? { spoolParent: options.env.RUNNER_TEMP } : {}),
                    ...(options.removeLater ? { removeLayerLater: options.removeLater } : {})
                }
            }
            : {}),
        log: options.log
    });
}
/** The watchdog's default window (WarmOptions.stallSeconds). */
const DEFAULT_STALL_SECONDS = 30;

;// CONCATENATED MODULE: ./src/warm/download-json.ts
/**
 * `go mod download -json` prints one tab-indented JSON object per module, one after the
 * other: a stream of objects, not an array. This parser takes the output in chunks of any
 * size (split anywhere, even inside a UTF-8 character) and returns each object as soon as
 * its closing brace arrives, so a caller never waits for the end of the stream.
 */
/** Incremental parser for the object stream. Feed chunks with `push`, then call `end`. */
class DownloadJsonParser {
    decoder = new TextDecoder('utf-8');
    /** Text of the object being read (from its opening brace). */
    current = '';
    depth = 0;
    inString = false;
    escaped = false;
    /** Text outside any object that is not white space (a warning printed to stdout, say). */
    strayText = '';
    /** Anything the stream held outside the objects, for diagnostics. */
    get stray() {
        return this.strayText;
    }
    /** Feeds a chunk (bytes or text) and returns the objects it completed, in order. */
    push(chunk) {
        const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
        return this.scan(text);
    }
    /**
     * Ends the stream: returns any object completed by the decoder's last bytes. An object
     * left open (the process was killed mid-write) is dropped and recorded as stray text.
     */
    end() {
        const objects = this.scan(this.decoder.decode());
        if (this.depth > 0)
            this.strayText += this.current;
        this.current = '';
        this.depth = 0;
        this.inString = false;
        this.escaped = false;
        return objects;
    }
    scan(text) {
        const objects = [];
        let start = this.depth > 0 ? 0 : -1;
        for (let i = 0; i < text.length; i++) {
            const c = text[i];
            if (this.depth === 0) {
                if (c === '{') {
                    this.depth = 1;
                    start = i;
                }
                else if (!/\s/.test(c)) {
                    this.strayText += c;
                }
                continue;
            }
            if (this.inString) {
                if (this.escaped)
                    this.escaped = false;
                else if (c === '\\')
                    this.escaped = true;
                else if (c === '"')
                    this.inString = false;
                continue;
            }
            if (c === '"')
                this.inString = true;
            else if (c === '{' || c === '[')
                this.depth++;
            else if (c === '}' || c === ']') {
                this.depth--;
                if (this.depth === 0) {
                    const json = this.current + text.slice(start, i + 1);
                    this.current = '';
                    start = -1;
                    const parsed = parseObject(json);
                    if (parsed)
                        objects.push(parsed);
                    else
                        this.strayText += json;
                }
            }
        }
        if (this.depth > 0 && start >= 0)
            this.current += text.slice(start);
        return objects;
    }
}
function parseObject(json) {
    try {
        const value = JSON.parse(json);
        if (value &&
            typeof value === 'object' &&
            !Array.isArray(value) &&
            typeof value.Path === 'string') {
            return value;
        }
    }
    catch {
        // Not JSON after all: kept as stray text by the caller.
    }
    return undefined;
}
/** Parses a complete output at once (tests, small outputs). */
function parseDownloadJson(output) {
    const parser = new DownloadJsonParser();
    return [...parser.push(output), ...parser.end()];
}

;// CONCATENATED MODULE: ./src/warm/run-go.ts
/**
 * Runs one `go mod download -json` under a watchdog. The go command can hang forever on a
 * proxy that accepts and never answers, so the watchdog kills the whole process tree when
 * there is no progress — no output, no proxy traffic through the forwarder, no growth of
 * the module cache — for the stall window, or when the phase's deadline passes.
 */




const STDERR_LIMIT = 256 * 1024;
/**
 * Runs the command on the one go runner (exec/go.ts); never rejects. go keeps the job's GOTOOLCHAIN here: warming
 * does what the build will do, and a toolchain the build switches to is fetched through the same verified chain.
 */
async function runWatched(options) {
    const parser = new DownloadJsonParser();
    const objects = [];
    let lastProgress = Date.now();
    let probing = false;
    let signature;
    let lastWalkEnd = 0;
    let lastWalkMs = 0;
    const watchdog = new AbortController();
    const kill = (why) => {
        if (!watchdog.signal.aborted)
            watchdog.abort(why);
    };
    const tick = setInterval(() => {
        const now = Date.now();
        options.onTick?.();
        if (now >= options.deadline)
            return kill('deadline');
        if (options.busy?.())
            lastProgress = now;
        lastProgress = Math.max(lastProgress, options.lastActivity?.() ?? 0);
        const idle = now - lastProgress;
        // Walking the cache is not free: only when everything else has been quiet for half the window, and never
        // back to back (a slow walk on a huge cache would otherwise take a core). The first walk is the baseline;
        // any later change counts as progress.
        const walkDue = now >= lastWalkEnd + Math.max(options.stallMs / 4, 2 * lastWalkMs);
        if (idle >= options.stallMs / 2 && !probing && walkDue) {
            probing = true;
            const walkStart = Date.now();
            void cacheSignature(options.watchDirs).then(next => {
                probing = false;
                lastWalkEnd = Date.now();
                lastWalkMs = lastWalkEnd - walkStart;
                if (signature !== undefined && next !== signature)
                    lastProgress = Date.now();
                signature = next;
            });
        }
        if (idle >= options.stallMs)
            kill('stall');
    }, Math.max(50, Math.min(1000, options.stallMs / 4)));
    try {
        const run = await (0,go/* runGo */.aC)(options.go, options.args, {
            cwd: options.cwd,
            env: options.env,
            toolchainSwitch: true,
            // The tick kills at the deadline; the runner's own timeout is only a backstop a little after it.
            timeoutMs: Math.max(1, options.deadline - Date.now()) + 5_000,
            signal: watchdog.signal,
            // Objects are parsed as they arrive; stdout itself need not be kept.
            stdoutLimit: 0,
            stderrLimit: STDERR_LIMIT,
            onStdout: chunk => {
                lastProgress = Date.now();
                objects.push(...parser.push(chunk));
            },
            onStderr: () => {
                lastProgress = Date.now();
            }
        });
        objects.push(...parser.end());
        const killed = run.aborted
            ? run.abortReason
            : run.timedOut
                ? 'deadline'
                : undefined;
        return {
            code: run.code,
            objects,
            stderr: run.stderr,
            ...(killed ? { killed } : {}),
            ms: run.ms,
            ...(run.spawnError !== undefined ? { spawnError: run.spawnError } : {})
        };
    }
    finally {
        clearInterval(tick);
    }
}
/** Entries looked at below each watched directory: a huge cache/download must not starve cache/vcs of its walk. */
const ENTRY_BUDGET_PER_DIR = 200_000;
/** Files, bytes and newest mtime below the directories: changes when anything is written there. */
async function cacheSignature(dirs) {
    let files = 0;
    let bytes = 0;
    let newest = 0;
    let budget = 0;
    const walk = async (dir) => {
        let entries;
        try {
            entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const entry of entries) {
            if (--budget < 0)
                return;
            const path = (0,external_node_path_.join)(dir, entry.name);
            if (entry.isDirectory()) {
                await walk(path);
            }
            else {
                try {
                    const info = await (0,promises_.stat)(path);
                    files++;
                    bytes += info.size;
                    newest = Math.max(newest, info.mtimeMs);
                }
                catch {
                    // Renamed away meanwhile: a change the next walk sees.
                }
            }
        }
    };
    for (const dir of dirs) {
        budget = ENTRY_BUDGET_PER_DIR;
        await walk(dir);
    }
    return `${files}/${bytes}/${newest}`;
}

;// CONCATENATED MODULE: ./src/warm/stale-files.ts
/**
 * A file already in the module cache before the warm phase (restored from the Actions cache, or left by an earlier job
 * on a self-hosted runner) that go rejects with a checksum mismatch: a zip go hashed when it first used it (a restored
 * zip comes without its .ziphash, src/cache/policy.ts MODULE_ENTRY_SUFFIXES), or a go.mod, which go checks against
 * go.sum each time it reads it. go never fetches such a file again by itself; removed, it is fetched from the proxy on
 * the set's next run and verified as any download. A mismatch on a file this phase downloaded is the proxy's (or
 * go.sum's) and stays a failure.
 */



/** Whether go refused the module's bytes for not matching go.sum or the checksum database. */
function isChecksumMismatch(failure) {
    return failure.diagnosis.kind === 'checksum-mismatch-gosum' || failure.diagnosis.kind === 'checksum-mismatch-sumdb';
}
/** Which of the module's files go refused: its go.mod (the diagnosis read `m@v/go.mod: checksum mismatch`), else its zip. */
function refusedFile(failure) {
    return failure.diagnosis.goMod ? 'mod' : 'zip';
}
/**
 * Removes, for each checksum-mismatch failure among `failures`, the module's refused file (a zip with any .ziphash go
 * wrote, or a .mod) when it was in `gomodcache` before `startedMs`; returns the failures whose file it removed.
 */
async function removeStaleFiles(failures, gomodcache, startedMs) {
    if (!gomodcache)
        return [];
    const removed = [];
    for (const failure of failures.filter(isChecksumMismatch)) {
        if (!failure.version)
            continue;
        const kind = refusedFile(failure);
        const file = (0,external_node_path_.join)(gomodcache, ...module_path/* MODULE_DOWNLOAD_DIR */.GX, ...(0,module_path/* moduleFilePath */.g1)(failure.path, failure.version, kind).split('/'));
        const written = await (0,promises_.stat)(file).then(s => s.mtimeMs, () => undefined);
        if (written === undefined || written >= startedMs)
            continue;
        await Promise.all([(0,promises_.rm)(file, { force: true }), kind === 'zip' ? (0,promises_.rm)(`${file}hash`, { force: true }) : undefined]);
        removed.push(failure);
    }
    return removed;
}

// EXTERNAL MODULE: ./src/go/errors.ts
var errors = __webpack_require__(6743);
;// CONCATENATED MODULE: ./src/warm/sources.ts
/**
 * A failed module, explained with who answered it: the warm phase's forwarder saw every request go (and the
 * prefetch) made, so a checksum mismatch names the proxy that served the bytes, and a module every proxy answered
 * 404 for is called public (no `private:` hint) when the checksum database knows it. `explainFailure` is pure;
 * `explainFailures` asks the forwarder.
 */




const MISMATCH = new Set(['checksum-mismatch-gosum', 'checksum-mismatch-sumdb']);
const sources_NOT_FOUND = new Set(['not-found', 'gone']);
/**
 * The diagnosis with what the sources add. A checksum mismatch: the proxy that served the bytes, first thing in the
 * sentence, quoted inertly (it is a URL from the configuration, shown as a value, never as markup). A module no proxy
 * had while the checksum database knows it: it is public, so the `private:` hint would be wrong; the proxies that
 * answered 404 serve only private modules (or are misconfigured), and a public source belongs after them.
 */
function explainFailure(diagnosis, sources, words = wording/* ACTION_WORDING */.G) {
    if (MISMATCH.has(diagnosis.kind) && sources.servedBy) {
        return {
            ...diagnosis,
            message: `Served by ${(0,errors/* quote */.hD)(sources.servedBy)}: ${diagnosis.message}`,
            host: sources.servedBy
        };
    }
    if (sources_NOT_FOUND.has(diagnosis.kind) && sources.sumdbKnows === true && sources.notFoundBy.length > 0) {
        const subject = diagnosis.version ? `${diagnosis.module}@${diagnosis.version}` : (diagnosis.module ?? 'a module');
        const proxies = sources.notFoundBy.map(errors/* quote */.hD).join(', ');
        const { suggestion: _private, ...rest } = diagnosis;
        return {
            ...rest,
            message: `No proxy in the chain has ${subject}, yet the checksum database knows it: it is a public module, not a private one. ${proxies} answered 404 for it: a proxy that serves only private modules (or a misconfigured mirror); put a public proxy after it in ${words.input('proxies')} (after "," so private modules still come from it first), or end the chain with direct.`
        };
    }
    return diagnosis;
}
/** The request paths of a module's files, as the forwarder's ledger keys them. */
function filePaths(module, version) {
    const base = `${(0,module_path/* escapeModulePath */.xk)(module)}/@v/${(0,module_path/* escapeModulePath */.xk)(version)}`;
    return { mod: `${base}.mod`, zip: `${base}.zip`, info: `${base}.info` };
}
/**
 * Explains each failure with the forwarder's sources (before it closes). The checksum database is asked only about
 * a module every proxy answered 404 for, and never about one GONOSUMDB exempts (a private path stays here).
 */
async function explainFailures(failures, forwarder, gonosumdb, words) {
    await Promise.all(failures.map(async (failure) => {
        const { diagnosis } = failure;
        const module = diagnosis.module ?? failure.path;
        const version = diagnosis.version ?? failure.version;
        if (!module || !version)
            return;
        const paths = filePaths(module, version);
        const goModOnly = /go\.mod: checksum mismatch|verifying go\.mod/.test(failure.error);
        const servedBy = forwarder.sources.servedBy(goModOnly ? paths.mod : paths.zip);
        const notFoundBy = [
            ...new Set([paths.info, paths.mod, paths.zip].flatMap(path => forwarder.sources.notFoundBy(path)))
        ];
        const ask = sources_NOT_FOUND.has(diagnosis.kind) && notFoundBy.length > 0 && !(0,patterns/* matchesPrefixPatterns */.BC)(gonosumdb, module);
        const sumdbKnows = ask ? await forwarder.sumdbKnows(module, version) : undefined;
        failure.diagnosis = explainFailure(diagnosis, {
            ...(servedBy ? { servedBy } : {}),
            notFoundBy,
            ...(sumdbKnows !== undefined ? { sumdbKnows } : {})
        }, words);
    }));
}

// EXTERNAL MODULE: ./src/exec/find-go.ts
var find_go = __webpack_require__(4705);
;// CONCATENATED MODULE: ./src/warm/warm.ts
/**
 * The warm phase: download every module the build needs, before the build, through the
 * verified chain — and when that fails, say in one sentence what is wrong and what to change.
 * Verification is never weakened and the module cache is never cleaned or written except by go.
 *
 * One pipeline, read top to bottom in warmModules:
 *   1. plan   directories → module sets (directories.ts) → their go.mod/go.work/go.sum texts (module-sets.ts)
 *             → what `go mod download` will ask the proxy for (warm/plan.ts, pure; made right after go is
 *             started, while go starts up, and then handed to the forwarder)
 *   2. fetch  the loopback forwarder on the one HTTP client, prefetching the plan ahead of go (fetch.ts,
 *             forwarder/): per-request timeouts, retries for transient faults, proxy health, single flight
 *   3. run go `go mod download -json` per set under a watchdog (run-go.ts, on the one go runner), started at
 *             once and pipelined with the prefetch; a set is run again only while all its failures are transient
 *   4. judge  each run → modules downloaded or cached, and a table of diagnosed failures (warm/judge.ts, pure)
 */



















/** Prefetch requests in flight by default: 200 modules at 50 ms per answer took 4.1 s at 16, 2.2 s at 32, 1.8 s at 64 (plain go 24.7 s); loopback the same at all three. */
const DEFAULT_PREFETCH_CONCURRENCY = 64;
const RETRY_DELAY_CAP_MS = 15_000;
/**
 * The module sets to warm: a module that go builds from its vendor directory (a vendor/modules.txt consistent with
 * go.mod, go ≥ 1.14, no other -mod in GOFLAGS) never reads the module cache, so warming it is waste — it is left out
 * with a one-line notice saying why, unless options.warmVendored. Workspaces are always warmed.
 */
async function withoutVendored(sets, options) {
    if (options.warmVendored)
        return [...sets];
    const kept = [];
    for (const set of sets) {
        const read = (file) => (0,promises_.readFile)((0,external_node_path_.join)(set.dir, file), 'utf8').catch(() => undefined);
        const goMod = set.goWork ? undefined : await read('go.mod');
        if (goMod !== undefined &&
            buildsFromVendor(goMod, await read((0,external_node_path_.join)('vendor', 'modules.txt')), options.env.GOFLAGS)) {
            options.log.info(`Warm phase skipped: ${(0,warm_directories/* display */.Vy)((0,external_node_path_.join)(set.dir, 'vendor', 'modules.txt'), options.cwd)} matches go.mod, so go builds from vendor/ and never reads the module cache; set warm-vendored: true to warm it anyway.`);
            continue;
        }
        kept.push(set);
    }
    return kept;
}
/** A clock of laps: each call returns the milliseconds since the previous one (the first since `started`). */
function lapTimer(started) {
    let last = started;
    return () => {
        const now = Date.now();
        const ms = now - last;
        last = now;
        return ms;
    };
}
/** The warm phase's report from the go runs' outcome and the chain they ended with. */
function warmReport(run, context, chain, prefetch, timings) {
    const states = [...run.modules.values()];
    return {
        ok: run.failures.length === 0,
        downloaded: states.filter(v => v === 'downloaded').length,
        cached: states.filter(v => v === 'cached').length,
        failed: run.failures,
        seconds: Math.round((Date.now() - context.started) / 100) / 10,
        attempts: run.attempts,
        directories: context.directories,
        chain,
        chainChanged: chain.proxies.length !== context.given.proxies.length,
        notes: [...context.resolvedNotes, ...run.notes],
        ...(prefetch ? { prefetch } : {}),
        ...(timings ? { timings } : {})
    };
}
/** Runs the warm phase. Never throws for download problems: they are in the report. */
async function warmModules(options) {
    const started = Date.now();
    const { log } = options;
    const concurrency = options.prefetchConcurrency ?? DEFAULT_PREFETCH_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 0)
        throw new Error(`warm-concurrency must be a whole number ≥ 0, got ${concurrency}`);
    // 1. Plan: the directories and their texts (the plan itself is made once go runs, below).
    const resolved = await (0,warm_directories/* resolveDirectories */.Gz)(options.directories, options.cwd, options.env.GOWORK);
    for (const note of resolved.notes)
        log.info(note);
    const toWarm = await withoutVendored(resolved.sets, options);
    const directories = toWarm.map(set => (0,warm_directories/* display */.Vy)(set.dir, options.cwd));
    const mark = lapTimer(started);
    const resolveMs = mark();
    const report = (run, chain, prefetch, timings) => warmReport(run, { started, directories, resolvedNotes: resolved.notes, given: options.chain }, chain, prefetch, timings);
    if (toWarm.length === 0)
        return report(NOTHING_RUN, options.chain);
    const sets = await readModuleSets(toWarm, options.cwd);
    const readMs = mark();
    // 2. Fetch. GOMODCACHE is off go's critical path: only the prefetch (which leaves out what the cache holds) and the
    // watchdog's cache walk wait for it. One set in the environment wins over the go env file: nothing to ask then.
    let goModCacheMs = 0;
    const modcache = options.env.GOMODCACHE?.trim()
        ? Promise.resolve(options.env.GOMODCACHE.trim())
        : goModCache(options).finally(() => (goModCacheMs = Date.now() - started - resolveMs - readMs));
    const fetch = await startFetch(options, modcache, concurrency, started, recordedLater(sets));
    const forwarderMs = mark();
    // 3. Run go, and 4. judge each run. go is started first; the plan is made while go starts up (startGoThenPlan).
    let outcome;
    let prefetch;
    let laps;
    const goStarted = Date.now();
    let goEnded;
    try {
        laps = startGoThenPlan(sets, fetch, modcache, options, { started, concurrency, mark });
        outcome = await laps.running;
        // Before the forwarder closes: it knows who served (or answered 404 for) each failed module's files.
        if (fetch.forwarder)
            await explainFailures(outcome.failures, fetch.forwarder, options.plan.gonosumdb, options.words);
    }
    finally {
        goEnded = Date.now();
        prefetch = await fetch.close();
    }
    const goMs = goEnded - goStarted;
    const closeMs = Date.now() - goEnded;
    await modcache;
    const timings = {
        resolveMs,
        readMs,
        planMs: laps.planMs,
        forwarderMs,
        goStartMs: resolveMs + readMs + forwarderMs + laps.spawnMs,
        goModCacheMs,
        goMs,
        closeMs
    };
    log.debug(`Warm phase timings (ms): ${JSON.stringify(timings)}`);
    const chain = fetch.forwarder ? fetch.forwarder.chain() : options.chain;
    for (const health of fetch.forwarder?.health() ?? []) {
        if (health.dropped)
            outcome.notes.push(`Dropped ${health.url} from GOPROXY: ${health.reason}.`);
    }
    const warm = report(outcome, chain, prefetch, timings);
    for (const failure of warm.failed) {
        log.info(failure.error);
        log.error(failure.diagnosis.message, failure.goMod);
    }
    if (prefetch) {
        log.info(`Prefetch: ${prefetch.files} files (${mib(prefetch.bytes)}) fetched ahead of go at concurrency ${concurrency}, ${prefetch.served} used by go, ${prefetch.unused} unused (${mib(prefetch.unusedBytes)}); ${prefetch.fromDisk} read by go from disk without a request; peak ${mib(prefetch.peakMemoryBytes)} in memory, ${prefetch.spooled} spooled; plan queued after ${prefetch.planMs} ms.`);
    }
    log.info(`Warm phase: ${warm.downloaded} downloaded, ${warm.cached} already cached, ${warm.failed.length} failed in ${warm.seconds} s (${warm.attempts} attempt${warm.attempts === 1 ? '' : 's'}).`);
    options.onProgress?.({
        done: warm.downloaded + warm.cached,
        total: warm.downloaded + warm.cached + warm.failed.length,
        elapsedMs: Date.now() - started
    });
    return warm;
}
/**
 * What go.sum records, for the forwarder's comparison where mirrors may disagree (forwarder/verify.ts): parsed on the
 * first comparison, not before go starts.
 */
function recordedLater(sets) {
    // createSumCheck calls it once, on its first comparison.
    return () => (0,gosum/* recordedSums */.zZ)(sets.flatMap(s => s.texts.goSums.map(gosum/* parseGoSum */.HD)));
}
const NO_PLAN = { files: [], notes: [] };
/**
 * Starts go on the sets (runSets spawns the first set's go before it returns its promise), then makes the prefetch
 * plan while go starts up (it needs some 100 ms before its first request) and hands it to the forwarder; logs the
 * plan's notes and the phase's opening line. `mark` measures the spawn and the plan.
 */
function startGoThenPlan(sets, fetch, modcache, options, run) {
    const { log } = options;
    const { concurrency } = run;
    const running = runSets(sets, fetch, modcache, options, run.started);
    const spawnMs = run.mark();
    const plan = concurrency > 0 ? planOrNothing(sets, options) : NO_PLAN;
    fetch.queue(plan.files);
    const planMs = run.mark();
    for (const note of plan.notes)
        log.info(`Prefetch: ${note}`);
    const directories = sets.map(s => (0,warm_directories/* display */.Vy)(s.set.dir, options.cwd));
    log.info(`Warming the module cache for ${directories.join(', ')} through ${(0,chain/* formatChain */.rA)(options.chain, true) || 'the default chain'}${fetch.forwarder ? ' (per-request timeouts and retries by the warm-phase forwarder)' : ''}${plan.files.length > 0 && fetch.forwarder ? `, prefetching ${plan.files.length} files at concurrency ${concurrency}` : ''}.`);
    return { running, spawnMs, planMs };
}
/**
 * The prefetch plan of the sets. Made while go already runs: should it ever throw, go asks for everything itself
 * (the plan only saves time) and the running go is still awaited and judged.
 */
function planOrNothing(sets, options) {
    try {
        return planPrefetch(sets.map(s => s.texts), { goprivate: options.plan.goprivate, gonoproxy: options.plan.gonoproxy });
    }
    catch (error) {
        options.log.debug(`Prefetch: no plan (${String(error)}); go asks for everything itself.`);
        return NO_PLAN;
    }
}
const NOTHING_RUN = { modules: new Map(), failures: [], attempts: 0, notes: [] };
/**
 * Runs `go mod download -json` in each set, under the watchdog, and judges each run; a set whose failures are
 * all transient runs again (with backoff) up to `retries` attempts, within the phase's deadline.
 */
async function runSets(sets, fetch, modcache, options, started) {
    const { log } = options;
    const { forwarder } = fetch;
    const deadline = started + options.timeoutSeconds * 1000;
    const stallSeconds = options.stallSeconds ?? DEFAULT_STALL_SECONDS;
    const env = { ...options.env, GOPROXY: fetch.goproxy };
    // Filled once GOMODCACHE is known; the watchdog reads the list when it walks (only after half a stall window).
    const watchDirs = [];
    void modcache.then(dir => {
        if (dir)
            watchDirs.push((0,external_node_path_.join)(dir, ...module_path/* MODULE_DOWNLOAD_DIR */.GX), (0,external_node_path_.join)(dir, ...module_path/* MODULE_VCS_DIR */.s2));
    });
    const modules = new Map();
    const failures = new Map();
    const progress = progressReporter(options, forwarder, modules, started);
    let attempts = 0;
    let pending = sets;
    // The diagnosis each set's last retry line gave: the same failure again is counted, not described again.
    const told = new Map();
    // Sets run once more after stale zips were removed (once each, beyond `retries`).
    const renewed = new Set();
    let maxAttempts = Math.max(1, options.retries);
    for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
        if (attempt > 1) {
            const delay = (0,walk/* backoffDelay */.EY)(attempt - 1, options.retryDelayMs ?? 1000, RETRY_DELAY_CAP_MS);
            if (Date.now() + delay >= deadline)
                break;
            await (0,sleep/* sleep */.y)(delay);
        }
        attempts = attempt;
        const again = [];
        for (const set of pending) {
            const shown = set.judged.shown;
            if (Date.now() >= deadline) {
                failures.set(set, [setFailure(set.judged, deadlineMarker(options.timeoutSeconds), options.words)]);
                continue;
            }
            const { run, verdict } = await runAndJudge(set, fetch, options, {
                env,
                stallSeconds,
                deadline,
                watchDirs,
                started,
                onTick: () => progress()
            });
            // A module downloaded by an earlier attempt stays downloaded.
            for (const [key, state] of verdict.modules)
                modules.set(key, state === 'downloaded' ? state : (modules.get(key) ?? state));
            const found = [...verdict.failures];
            failures.set(set, found);
            progress(true);
            const counts = `${run.objects.length} modules checked in ${(run.ms / 1000).toFixed(1)} s`;
            // Files go refused that were in the module cache before this phase: removed, the set runs once more.
            const stale = found.length === 0 || renewed.has(set) ? [] : await removeStaleFiles(found, await modcache, started);
            const renew = stale.length > 0 && found.every(f => stale.includes(f) || f.diagnosis.transient) && Date.now() < deadline;
            if (found.length === 0) {
                log.info(`${shown}: ${counts}${attempt > 1 ? ` (attempt ${attempt})` : ''}.`);
            }
            else if (renew) {
                log.warning(staleFilesWarning(shown, stale));
                renewed.add(set);
                if (attempt === maxAttempts)
                    maxAttempts++;
                again.push(set);
            }
            else if (found.every(f => f.diagnosis.transient) && attempt < maxAttempts && Date.now() < deadline) {
                // Only when every failure may pass: a checksum mismatch or a missing module would fail the build anyway.
                log.info(`${shown}: ${retryLine(found, told.get(set))}; trying again (attempt ${attempt + 1} of ${maxAttempts}).`);
                told.set(set, found[0].diagnosis.message);
                again.push(set);
            }
        }
        pending = again;
    }
    return { modules, failures: [...failures.values()].flat(), attempts, notes: [] };
}
/** One `go mod download -json` of a set under the watchdog, and its verdict (what it downloaded, what failed). */
async function runAndJudge(set, fetch, options, run) {
    const { forwarder } = fetch;
    const ran = await runWatched({
        go: options.go,
        args: ['mod', 'download', '-json'],
        cwd: set.set.dir,
        env: run.env,
        stallMs: run.stallSeconds * 1000,
        deadline: run.deadline,
        watchDirs: run.watchDirs,
        ...(forwarder ? { lastActivity: forwarder.lastActivity, busy: () => forwarder.inFlight() > 0 } : {}),
        onTick: run.onTick
    });
    const written = await writtenSince(ran.objects, run.started);
    const verdict = judgeRun(ran, set.judged, {
        go: options.go,
        stallSeconds: run.stallSeconds,
        timeoutSeconds: options.timeoutSeconds,
        clean: fetch.clean,
        fetched: object => written.has(object),
        ...(options.words ? { words: options.words } : {})
    });
    return { run: ran, verdict };
}
/**
 * The phase's progress callback for the go runs: the modules judged so far (or the zips the forwarder served, when
 * more) and the module in flight, at most every 250 ms unless forced (after each run).
 */
function progressReporter(options, forwarder, modules, started) {
    let last = 0;
    return (force = false) => {
        if (!options.onProgress)
            return;
        const now = Date.now();
        if (!force && now - last < 250)
            return;
        last = now;
        const p = forwarder?.progress();
        options.onProgress({
            done: Math.max(modules.size, p?.zips ?? 0),
            ...(p?.current ? { current: p.current } : {}),
            elapsedMs: now - started
        });
    };
}
/** The warning for zips found in the module cache that go rejected, removed to be fetched again. */
function staleFilesWarning(shown, stale) {
    const said = (kind, what) => {
        const named = stale.filter(f => refusedFile(f) === kind).map(f => `${f.path}@${f.version ?? ''}`);
        return named.length === 0 ? [] : [`${named.join(', ')}: ${what}`];
    };
    const refused = [
        ...said('zip', 'the zip already in the module cache'),
        ...said('mod', 'the go.mod already in the module cache')
    ].join('; ');
    return `${shown}: ${refused} (restored from the Actions cache, or left by an earlier job) is not what go.sum records, so go refused it; removed and fetched again from the proxy. A cache entry that holds other bytes than the published modules was written by something other than this workflow's go: a workflow running untrusted code with access to the repository's cache, or a damaged archive.`;
}
/** What a retry says of an attempt's failures: the first diagnosis in full, or only its kind when it is the one said last. */
function retryLine(found, toldBefore) {
    const { kind, message } = found[0].diagnosis;
    return message === toldBefore
        ? `${found.length} failed the same way (${kind})`
        : `${found.length} failed (${kind}: ${message})`;
}
/** The objects whose module files were written after the phase began (the others were cached already). */
async function writtenSince(objects, started) {
    const written = new Set();
    await Promise.all(objects.map(async (object) => {
        const file = object.Zip ?? object.GoMod;
        if (!file || object.Error)
            return;
        try {
            if ((await (0,promises_.stat)(file)).mtimeMs >= started)
                written.add(object);
        }
        catch {
            // Gone or unreadable: counted as cached, as before.
        }
    }));
    return written;
}
function mib(bytes) {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
/** $GOMODCACHE as the go command sees it (the runner keeps GOTOOLCHAIN=local: asking must not download a toolchain). */
async function goModCache(options) {
    const result = await (0,go/* goEnv */.Aq)(options.go, ['GOMODCACHE'], { cwd: options.cwd, env: options.env });
    return result.ok ? result.values.GOMODCACHE.trim() || undefined : undefined;
}


/***/ })

};
