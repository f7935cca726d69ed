export const id = 825;
export const ids = [825];
export const modules = {

/***/ 9100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $C: () => (/* binding */ checksBytes),
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   TN: () => (/* binding */ triesFor),
/* harmony export */   V1: () => (/* binding */ THROUGHPUT),
/* harmony export */   VB: () => (/* binding */ firstStep),
/* harmony export */   _A: () => (/* binding */ dropReason),
/* harmony export */   _n: () => (/* binding */ judgeAnswer),
/* harmony export */   db: () => (/* binding */ throughputFloor),
/* harmony export */   jy: () => (/* binding */ breakerOpen),
/* harmony export */   ox: () => (/* binding */ orderByHealth),
/* harmony export */   pX: () => (/* binding */ isTemporaryNotFound),
/* harmony export */   r7: () => (/* binding */ ANSWER_CAPS),
/* harmony export */   sk: () => (/* binding */ nextStep)
/* harmony export */ });
/* unused harmony exports ANSWER_RULES, RETRY, rankFailure, demoteStalled, HEALTH, stalledBefore, retryDelayMs */
/** Faults that may pass if tried again: the proxy or the network was busy, not wrong. */
const TRANSIENT_FAULTS = new Set(['timeout', 'refused', 'reset', 'dns']);
const isStatus = (answer, test) => answer.kind === 'status' && test(answer.status);
/**
 * The texts of github.com/goproxy/goproxy (the engine goproxy.cn runs) for a failure that says nothing about the
 * module: an upstream 429/5xx (`bad upstream`), a fetch timeout, a cache-only miss (`temporarily unavailable`).
 * It sends all three as 404 (response.go responseError / responseNotFound; it never sends 410), the first two with
 * `Cache-Control: must-revalidate, no-cache, no-store`. Any other `not found: <upstream text>` is a real not-found.
 */
const TEMPORARY_NOT_FOUND = /^\s*not found: (bad upstream|fetch timed out|temporarily unavailable)\s*$/;
/** Whether a 404 answer with this body is goproxy/goproxy's word for a temporary failure (see TEMPORARY_NOT_FOUND). */
function isTemporaryNotFound(status, body) {
    return status === 404 && TEMPORARY_NOT_FOUND.test((body ?? '').slice(0, 200));
}
/**
 * Statuses CDN object storage answers during incidents that are server errors whatever their number says: 478
 * (goproxy.cn's storage has answered it) and the 5xx above 511 (573, 579, 599) — covered by the 5xx row anyway.
 */
const NON_STANDARD_SERVER_ERRORS = new Set([478]);
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
        name: "goproxy/goproxy's 404 for a failure of its own: not found for now",
        applies: answer => answer.kind === 'status' && isTemporaryNotFound(answer.status, answer.head),
        verdict: 'unavailable'
    },
    {
        name: '404/410: not found',
        applies: answer => isStatus(answer, s => s === 404 || s === 410),
        verdict: 'not-found'
    },
    {
        name: "429, 5xx and CDN storage's 478: busy",
        applies: answer => isStatus(answer, s => s === 429 || s >= 500 || NON_STANDARD_SERVER_ERRORS.has(s)),
        verdict: 'transient'
    },
    {
        name: "local: this machine's disk, not the proxy",
        applies: answer => answer.kind === 'failure' && answer.fault === 'local',
        verdict: 'local'
    },
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
 * Whether the bytes of a 2xx from `entry` are worth comparing with go.sum before they are used: only where a
 * mismatch changes what happens, an entry before `|` with another proxy after it (go falls through its errors, so
 * asking the next mirror keeps go's meaning). Before `,`, or with nothing (or only direct) after it, go gets the bytes
 * as they are and reports a mismatch itself.
 */
function checksBytes(walk, entry) {
    const next = walk.entries[entry + 1];
    return walk.entries[entry]?.separator === '|' && next !== undefined && next.direct !== true;
}
/**
 * The step after the answer judged `verdict` to try `state.attempt` of `state.entry`. A transient fault is asked
 * again (after a backoff, at least the server's Retry-After) while the entry's tries remain — so is an
 * 'unavailable' not-found, which counts as a not-found once they are spent — unless `giveUp` (the
 * driver's caller dropped the proxy meanwhile); spent, it counts as an error: after `|` the next entry is asked,
 * after `,` the request fails (the go command never passes an error through a `,`). A not-found always moves on.
 * A 'mismatch' (bytes that disagree with go.sum, see checksBytes) moves on to the next entry; a walk that then
 * ends without an answer uses the first mismatching bytes after all (`disagrees`), so go reports what it would have
 * reported without the comparison — never an error of a mirror it would not have asked.
 */
function nextStep(walk, state, verdict, retryAfterMs, giveUp = false) {
    const entry = walk.entries[state.entry];
    if (!entry || !Number.isInteger(state.attempt) || state.attempt < 1 || state.attempt > entry.tries) {
        throw new Error(`try ${state.attempt} of entry ${state.entry} is outside the walk`);
    }
    if (verdict === 'ok')
        return { do: 'use', entry: state.entry };
    if (verdict === 'local')
        return { do: 'fail', why: 'local', report: state.entry };
    if (verdict === 'mismatch') {
        if (!checksBytes(walk, state.entry))
            return { do: 'use', entry: state.entry, disagrees: true };
        const best = rankFailure(state.best, { entry: state.entry, rank: failureRank(verdict, entry) });
        const mismatched = state.mismatched ?? state.entry;
        return { do: 'ask', state: { entry: state.entry + 1, attempt: 1, best, mismatched }, delayMs: 0 };
    }
    const retryable = verdict === 'transient' || verdict === 'unavailable';
    if (retryable && state.attempt < entry.tries && !giveUp) {
        const delayMs = retryDelayMs(state.attempt, retryAfterMs, walk.backoffMs, RETRY.backoffCapMs, RETRY.retryAfterCapMs, walk.random);
        return { do: 'ask', state: { ...state, attempt: state.attempt + 1 }, delayMs };
    }
    // Spent, a proxy's "not found for now" is what its status says to go: a not-found, which falls through.
    const final = verdict === 'unavailable' ? 'not-found' : verdict;
    const best = rankFailure(state.best, { entry: state.entry, rank: failureRank(final, entry) });
    const mismatched = state.mismatched;
    if (final !== 'not-found' && entry.separator === ',')
        return failOrMismatched('stop', state.entry, mismatched);
    if (state.entry + 1 >= walk.entries.length)
        return failOrMismatched('end', best.entry, mismatched);
    return {
        do: 'ask',
        state: { entry: state.entry + 1, attempt: 1, best, ...(mismatched !== undefined ? { mismatched } : {}) },
        delayMs: 0
    };
}
/** A failed walk, unless an entry served bytes that disagree with go.sum: go gets those (see nextStep). */
function failOrMismatched(why, report, mismatched) {
    return mismatched === undefined ? { do: 'fail', why, report } : { do: 'use', entry: mismatched, disagrees: true };
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
/**
 * The largest answer of each kind: the go command refuses a module zip over 500 MiB (golang.org/x/mod/zip); a
 * version list, .info, .mod or checksum-database answer is kilobytes (a large toolchain list ~1 MiB). Larger is a
 * 'too-large' fault ("answer larger than …"), so an endless body never fills RUNNER_TEMP or go's memory.
 */
const ANSWER_CAPS = {
    zip: 500 << 20,
    small: 16 << 20,
    sumdb: 1 << 20
};
/**
 * The slowest body a request accepts from a proxy with a `|` successor (a trickle of a byte every few seconds, or
 * a mirror far slower than the next): slower is a 'timeout' fault, transient, so the walk moves on. The last proxy,
 * or one before `,`, has no floor: there is nothing better to move on to (its idle timeout still holds).
 */
const THROUGHPUT = { floorBytesPerSecond: 128 << 10, windowMs: 10_000 };
/** The throughput floor (bytes/s) for an entry, or undefined for none (see THROUGHPUT). */
function throughputFloor(separator, isLast) {
    return separator === '|' && !isLast ? THROUGHPUT.floorBytesPerSecond : undefined;
}
/**
 * The chain with the entries that stalled earlier in this run moved behind the others of their `|` run (the
 * proxies there are interchangeable: go falls through their errors). Separators stay with their positions, so the
 * meaning of the chain is kept; an entry before `,` ends its run and is never moved past it.
 */
function demoteStalled(entries, stalled) {
    const result = [];
    for (let start = 0; start < entries.length;) {
        let end = start;
        while (end < entries.length - 1 && entries[end].separator === '|')
            end++;
        const run = entries.slice(start, end + 1);
        const ordered = [...run.filter(e => !stalled(e)), ...run.filter(e => stalled(e))];
        ordered.forEach((entry, i) => result.push({ ...entry, separator: run[i].separator }));
        start = end + 1;
    }
    return result;
}
/**
 * A proxy that timed out this often is asked after the others of its `|` run from then on (`orderByHealth`); a `|`
 * proxy that timed out `dropAfterTimeouts` times, or failed `dropAfterConsecutiveFailures` times in a row, is dropped.
 */
const HEALTH = { demoteAfterTimeouts: 1, dropAfterTimeouts: 2, dropAfterConsecutiveFailures: 4 };
/** Whether a proxy stalled earlier in this run: it is asked after the others of its `|` run (see HEALTH). */
function stalledBefore(health) {
    return health.timeouts >= HEALTH.demoteAfterTimeouts;
}
/**
 * The entries of a chain in the order one request asks them, from what the run learned of each (its health, if any):
 * a proxy that stalled before goes behind the others of its `|` run (demoteStalled); separators keep their places.
 */
function orderByHealth(entries, healthOf) {
    return demoteStalled(entries, entry => {
        const health = healthOf(entry);
        return health !== undefined && stalledBefore(health);
    });
}
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

/***/ 6729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lw: () => (/* binding */ credentialsForHop),
/* harmony export */   sd: () => (/* binding */ userinfoCredentials)
/* harmony export */ });
/* unused harmony export originOf */
/** scheme://host[:port] of a URL, the unit credentials belong to (default ports folded, as WHATWG URL does). */
function originOf(url) {
    return `${url.protocol}//${url.host}`;
}
/** The credentials to send to `target`, one hop of a request first sent to `first` with `given`. */
function credentialsForHop(first, given, target, lookup) {
    if (originOf(target) === originOf(first) && given)
        return given;
    if (!lookup)
        return undefined;
    const bare = new URL(target.href);
    bare.username = '';
    bare.password = '';
    return lookup(bare.href);
}
/** A URL's userinfo as credentials (percent-decoded; a bad escape is kept as written), undefined without any. */
function userinfoCredentials(url) {
    if (url.username === '' && url.password === '')
        return undefined;
    const decode = (s) => {
        try {
            return decodeURIComponent(s);
        }
        catch {
            return s;
        }
    };
    return { username: decode(url.username), password: decode(url.password) };
}


/***/ }),

/***/ 9016:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u: () => (/* binding */ createHttpClient)
});

// UNUSED EXPORTS: formatBytes

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
var external_node_tls_default = /*#__PURE__*/__webpack_require__.n(external_node_tls_);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: external "node:dns"
var external_node_dns_ = __webpack_require__(610);
var external_node_dns_default = /*#__PURE__*/__webpack_require__.n(external_node_dns_);
;// CONCATENATED MODULE: ./src/net/dns.ts
/**
 * One DNS lookup per host name for a whole client, however many connections it opens at once.
 *
 * node's net.connect resolves the host of every new connection with its own getaddrinfo call, on libuv's small thread
 * pool. The warm phase opens dozens of connections to one proxy at once, and a resolver that drops part of such a
 * burst makes each dropped query wait its timeout (5 s with glibc's defaults) before it asks again: measured on the
 * project's machine, 64 lookups of one proxy at once took up to 10-15 s, and the prefetch of gin's graph stalled 5 s
 * on a third of its connections while curl fetched the same 55 MiB in 1.2 s. The go command does not do this (its
 * resolver shares a lookup in flight among the dials that want it), and neither does this client any more: the
 * lookups of one name share one query in flight, and its answer for `ttlMs`. A failed lookup is not kept: the next
 * connection asks again.
 */

/** How long an answer is used for new connections (a warm phase is minutes; DNS changes within it do not matter). */
const SHARED_LOOKUP_TTL_MS = 30_000;
const systemLookup = (hostname, options, callback) => external_node_dns_default().lookup(hostname, options, callback);
/** A `lookup` for net.connect / tls.connect that shares one lookup per name, family and hints. */
function sharedLookup(lookup = systemLookup, ttlMs = SHARED_LOOKUP_TTL_MS) {
    const answers = new Map();
    return (hostname, options, callback) => {
        const key = `${hostname}\0${options.family ?? 0}\0${options.hints ?? 0}`;
        let answer = answers.get(key);
        if (!answer || performance.now() - answer.atMs > ttlMs) {
            const addresses = new Promise((resolve, reject) => lookup(hostname, { ...(options.family ? { family: options.family } : {}), hints: options.hints, all: true }, (error, found) => (error ? reject(error) : resolve(found))));
            const entry = { atMs: performance.now(), addresses };
            answers.set(key, entry);
            addresses.catch(() => {
                if (answers.get(key) === entry)
                    answers.delete(key);
            });
            answer = entry;
        }
        answer.addresses.then(found => {
            if (options.all)
                return callback(null, found);
            if (found.length === 0) {
                const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
                return callback(error, '', 0);
            }
            callback(null, found[0].address, found[0].family);
        }, (error) => callback(error, '', 0));
    };
}

// EXTERNAL MODULE: ./src/auth/secrets.ts
var secrets = __webpack_require__(8767);
// EXTERNAL MODULE: ./src/net/credentials.ts
var net_credentials = __webpack_require__(6729);
;// CONCATENATED MODULE: ./src/go/env/env-proxy.ts
/**
 * Which HTTP proxy from the environment a request goes through, exactly as the go command
 * decides it: net/http.ProxyFromEnvironment, that is golang.org/x/net/http/httpproxy
 * (Go 1.23: src/vendor/golang.org/x/net/http/httpproxy/proxy.go).
 *
 * - HTTPS_PROXY for https URLs, HTTP_PROXY for http URLs; each upper-case name first, then the
 *   lower-case one; an empty value counts as unset. Nothing else (file://) is ever proxied.
 * - A value without a scheme (`corp:3128`) means `http://corp:3128`; a value that does not parse
 *   at all is ignored (Go drops it silently: the request goes direct).
 * - With REQUEST_METHOD set (a CGI environment), HTTP_PROXY is refused for http URLs (an error,
 *   golang.org/s/cgihttpproxy); HTTPS_PROXY still applies.
 * - `localhost` and loopback IP literals are never proxied (httpproxy's useProxy says so before
 *   NO_PROXY is read), whatever NO_PROXY says.
 * - NO_PROXY: comma-separated, each entry trimmed and lower-cased; `*` matches everything; an IP
 *   CIDR matches IP literals in it; an IP (optionally `[v6]:port` or `v4:port`) matches that IP;
 *   a domain `corp.example` matches it and its subdomains, `.corp.example` and `*.corp.example`
 *   only subdomains; `name:port` only that port (the URL's port, or the scheme's default).
 */
/** httpproxy.FromEnvironment: upper-case names first, then lower-case; empty values count as unset. */
function proxyConfigFromEnv(env) {
    const any = (...names) => names.map(n => env[n] ?? '').find(v => v !== '') ?? '';
    return {
        httpProxy: any('HTTP_PROXY', 'http_proxy'),
        httpsProxy: any('HTTPS_PROXY', 'https_proxy'),
        noProxy: any('NO_PROXY', 'no_proxy'),
        cgi: (env.REQUEST_METHOD ?? '') !== ''
    };
}
/** The proxy for `url` under `config` (httpproxy's proxyForURL). */
function selectProxy(config, url) {
    let proxy;
    if (url.protocol === 'https:')
        proxy = parseProxy(config.httpsProxy);
    else if (url.protocol === 'http:') {
        proxy = parseProxy(config.httpProxy);
        if (proxy && config.cgi) {
            return {
                kind: 'error',
                message: 'refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy'
            };
        }
    }
    if (!proxy)
        return { kind: 'direct' };
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return useProxy(host, port, parseNoProxy(config.noProxy)) ? { kind: 'proxy', proxy } : { kind: 'direct' };
}
/** httpproxy's parseProxy: a URL, else `http://` + the value; undefined when unset or unparsable. */
function parseProxy(value) {
    if (value === '')
        return undefined;
    try {
        const url = new URL(value);
        if (url.host !== '')
            return url;
    }
    catch {
        // fall through to the host[:port] form
    }
    try {
        return new URL(`http://${value}`);
    }
    catch {
        return undefined;
    }
}
/** httpproxy's config.init for NO_PROXY. */
function parseNoProxy(noProxy) {
    const cidrs = [];
    const ips = [];
    const domains = [];
    for (const raw of noProxy.split(',')) {
        const entry = raw.trim().toLowerCase();
        if (entry === '')
            continue;
        if (entry === '*')
            return { all: true, cidrs: [], ips: [], domains: [] };
        const cidr = parseCidr(entry);
        if (cidr) {
            cidrs.push(cidr);
            continue;
        }
        let host = entry;
        let port = '';
        const split = splitHostPort(entry);
        if (split) {
            if (split.host === '')
                continue;
            host = split.host;
            port = split.port;
        }
        const ip = parseIp(host);
        if (ip) {
            ips.push({ ip, port });
            continue;
        }
        if (host === '')
            continue;
        if (host.startsWith('*.'))
            host = host.slice(1);
        const matchHost = !host.startsWith('.');
        domains.push({ suffix: matchHost ? `.${host}` : host, port, matchHost });
    }
    return { all: false, cidrs, ips, domains };
}
/** httpproxy's useProxy: false when the host must be reached directly. */
function useProxy(rawHost, port, m) {
    if (rawHost === 'localhost')
        return false;
    const ip = parseIp(rawHost);
    if (ip && isLoopback(ip))
        return false;
    if (m.all)
        return false;
    const host = rawHost.trim().toLowerCase();
    if (ip) {
        if (m.cidrs.some(c => inNetwork(ip, c.network, c.bits)))
            return false;
        if (m.ips.some(e => equalBytes(e.ip, ip) && (e.port === '' || e.port === port)))
            return false;
    }
    return !m.domains.some(d => (host.endsWith(d.suffix) || (d.matchHost && host === d.suffix.slice(1))) && (d.port === '' || d.port === port));
}
/** net.SplitHostPort, enough for NO_PROXY entries: undefined where Go returns an error. */
function splitHostPort(text) {
    if (text.startsWith('[')) {
        const end = text.indexOf(']');
        if (end < 0 || text[end + 1] !== ':')
            return undefined;
        const port = text.slice(end + 2);
        return port.includes(':') ? undefined : { host: text.slice(1, end), port };
    }
    const colon = text.lastIndexOf(':');
    if (colon < 0 || text.indexOf(':') !== colon)
        return undefined;
    return { host: text.slice(0, colon), port: text.slice(colon + 1) };
}
/** net.ParseCIDR for IPv4 and IPv6: the network and its prefix length. */
function parseCidr(text) {
    const slash = text.indexOf('/');
    if (slash < 0)
        return undefined;
    const ip = parseIp(text.slice(0, slash));
    const bitsText = text.slice(slash + 1);
    if (!ip || !/^\d{1,3}$/.test(bitsText))
        return undefined;
    const v4 = text.slice(0, slash).includes('.') && !text.includes(':');
    const bits = Number(bitsText) + (v4 ? 96 : 0);
    if (Number(bitsText) > (v4 ? 32 : 128))
        return undefined;
    return { network: ip, bits };
}
/** net.ParseIP: 16 bytes (IPv4 as ::ffff:a.b.c.d), undefined when not an IP literal. */
function parseIp(text) {
    const v4 = parseIpv4(text);
    if (v4)
        return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4]);
    if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text))
        return undefined;
    const halves = text.split('::');
    if (halves.length > 2)
        return undefined;
    const groups = (part) => {
        if (part === '')
            return [];
        const out = [];
        const fields = part.split(':');
        for (let i = 0; i < fields.length; i++) {
            const f = fields[i];
            if (i === fields.length - 1 && f.includes('.')) {
                const tail = parseIpv4(f);
                if (!tail)
                    return undefined;
                out.push((tail[0] << 8) | tail[1], (tail[2] << 8) | tail[3]);
            }
            else if (/^[0-9a-fA-F]{1,4}$/.test(f))
                out.push(parseInt(f, 16));
            else
                return undefined;
        }
        return out;
    };
    const head = groups(halves[0]);
    const tail = halves.length === 2 ? groups(halves[1]) : [];
    if (!head || !tail)
        return undefined;
    const missing = 8 - head.length - tail.length;
    if (halves.length === 2 ? missing < 1 : missing !== 0)
        return undefined;
    const all = [...head, ...new Array(missing).fill(0), ...tail];
    return Uint8Array.from(all.flatMap(g => [g >> 8, g & 0xff]));
}
function parseIpv4(text) {
    const parts = text.split('.');
    if (parts.length !== 4 || !parts.every(p => /^\d{1,3}$/.test(p) && Number(p) < 256))
        return undefined;
    return parts.map(Number);
}
/** net.IP.IsLoopback: 127.0.0.0/8 (also IPv4-mapped) and ::1. */
function isLoopback(ip) {
    const mapped = ip.slice(0, 12).every((b, i) => b === (i >= 10 ? 0xff : 0));
    if (mapped)
        return ip[12] === 127;
    return ip.slice(0, 15).every(b => b === 0) && ip[15] === 1;
}
function inNetwork(ip, network, bits) {
    for (let i = 0; i < 16; i++) {
        const take = Math.max(0, Math.min(8, bits - i * 8));
        const mask = take === 0 ? 0 : (0xff << (8 - take)) & 0xff;
        if ((ip[i] & mask) !== (network[i] & mask))
            return false;
    }
    return true;
}
function equalBytes(a, b) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
}

;// CONCATENATED MODULE: ./src/net/redirect.ts
/**
 * The redirect policy of every request the project sends, the go command's (cmd/go/internal/web
 * on net/http): follow 301, 302, 303, 307 and 308 up to 10 hops, never from https to http, never
 * to a scheme other than http or https. A Location that does not parse is a refusal, never a throw:
 * a proxy's bad header must not take the caller down.
 */
/** The statuses the client follows (net/http's redirectBehavior). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** net/http's default CheckRedirect stops after 10 requests. */
const MAX_REDIRECTS = 10;
/**
 * Decides whether to follow a redirect from `from` (the URL that answered `status`) to `location`
 * (the raw Location header), given that `hops` redirects were followed before this one.
 * The returned URL is absolute, without userinfo (a Location's userinfo is never sent as such).
 */
function decideRedirect(from, location, hops) {
    if (hops >= MAX_REDIRECTS)
        return { kind: 'refuse', reason: `stopped after ${MAX_REDIRECTS} redirects` };
    let next;
    try {
        next = new URL(location, from);
    }
    catch {
        return { kind: 'refuse', reason: `invalid Location ${JSON.stringify(location.slice(0, 200))} in a redirect` };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return { kind: 'refuse', reason: `redirect to the unsupported scheme ${next.protocol.replace(/:$/, '')} refused` };
    }
    if (from.protocol === 'https:' && next.protocol === 'http:') {
        return { kind: 'refuse', reason: 'redirect from https to http refused' };
    }
    next.username = '';
    next.password = '';
    return { kind: 'follow', url: next };
}

;// CONCATENATED MODULE: ./src/net/retry-after.ts
/**
 * A Retry-After header (RFC 9110 §10.2.3) in milliseconds from `nowMs`: delay-seconds or an
 * HTTP date (a date in the past is 0). Undefined when absent or unreadable.
 */
function parseRetryAfter(value, nowMs) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    if (!/[a-z]/i.test(text))
        return undefined;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

// EXTERNAL MODULE: ./src/probe/report.ts
var report = __webpack_require__(9294);
;// CONCATENATED MODULE: ./src/net/classify.ts
/**
 * Node's and undici's error codes as the client's fault classes and messages, with the probe's
 * code tables (src/probe/report.ts), so that what the probe calls transient the warm phase
 * retries too, and in the go command's words where src/warm/diagnose.ts matches them.
 */

/** The fault class of an error code (and message, for errors without a telling code). */
function networkFault(code, message = '') {
    if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL')
        return 'refused';
    if ((0,report/* isDnsCode */.Z8)(code))
        return 'dns';
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
        return 'timeout';
    // HPE_INVALID_CONSTANT: garbage where a status line belongs, as when a reused keep-alive socket was half closed.
    if ((0,report/* isClosedCode */.ov)(code) || code === 'HPE_INVALID_CONSTANT' || code === 'UND_ERR_SOCKET')
        return 'reset';
    if ((0,report/* tlsReason */.IS)(code) !== undefined)
        return 'tls';
    if (/socket hang up|other side closed/i.test(message))
        return 'reset';
    return 'other';
}
const WORDS = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    EAI_AGAIN: 'temporary failure in name resolution',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'no route to host',
    ENETUNREACH: 'network is unreachable'
};
/** The words for a failure: "connection refused", "no such host", "tls: ..." or the error's own message. */
function describeNetworkError(code, message) {
    if (WORDS[code])
        return WORDS[code];
    if ((0,report/* isDnsCode */.Z8)(code))
        return 'no such host';
    const reason = (0,report/* tlsReason */.IS)(code);
    if (reason !== undefined)
        return `tls: ${reason.includes(code) ? reason : `${reason} (${code})`}`;
    return message;
}

;// CONCATENATED MODULE: ./src/net/http.ts
/**
 * The one HTTP client for everything the project sends: the probe, the checksum database,
 * the warm forwarder's upstream requests, the prefetcher and the toolchain download.
 *
 * ```ts
 * const client = createHttpClient({ ca: trustedCertificates(), env: process.env })
 * const r = await client.get('https://proxy.golang.org/golang.org/x/mod/@v/list', {
 *   body: { mode: 'buffer', maxBytes: 64 * 1024 },
 *   headersTimeoutMs: 10_000,
 *   deadline: performance.now() + 3000,
 * })
 * if (r.kind === 'answer' && r.status === 200 && r.body.kind === 'buffered') use(r.body.bytes)
 * else if (r.kind === 'failure') log(r.fault, r.message) // never a throw
 * await client.close() // ends every socket of every pool
 * ```
 *
 * - **Never rejects**: every outcome is an `answer` (any status), a classified `failure`
 *   (phase: dns, connect, tls, response, body; fault: timeout, refused, reset, dns, tls,
 *   redirect, too-large, local (writing the body to disk failed), other) or `aborted` (the caller's signal).
 * - Keep-alive pools per origin (undici), owned by the client; `close()` ends every socket.
 * - Timeouts: connect (TCP + TLS, default 30 s like the go command), response headers, body
 *   idle (each gap between chunks, also while the caller streams), and an optional absolute
 *   `deadline` (performance.now() value) that ends the call on time whatever the network does.
 * - Redirects and credentials follow src/net/redirect.ts and credentials.ts (the go command's rules); proxies from the
 *   environment as the go command selects them (HTTPS_PROXY through CONNECT, HTTP_PROXY in
 *   absolute form, Proxy-Authorization from the proxy URL's userinfo, never logged).
 * - Bodies: buffered with a limit (truncated, or with `overflow: 'stream'` handed over as a
 *   stream past the limit), streamed, or written to a file with progress and an optional size
 *   limit (a 'too-large' failure). In 'stream' and 'file' modes, and past the limit with
 *   `overflow: 'stream'`, only a 2xx body is delivered so; an error answer is buffered (64 KiB)
 *   for quoting. A failed file download removes the file before the call settles.
 * - `file://` URLs are read from disk in every body mode (a missing file, a directory or a path
 *   through a file is a 404, as the go command treats a file proxy), bounded by the deadline.
 * - Userinfo in a URL is stripped and never sent: pass `credentials` (see userinfoCredentials
 *   in src/net/credentials.ts to turn a proxy URL's userinfo into them).
 *
 * A large download (the ~70 MB toolchain zip), never held in memory:
 * ```ts
 * const r = await client.get(zipUrl, {
 *   body: { mode: 'file', path, maxBytes: 512 << 20, onProgress: (bytes, total) => show(bytes, total) },
 *   headersTimeoutMs: 30_000, bodyIdleTimeoutMs: 30_000, signal,
 * })
 * // r.kind === 'answer' && r.status === 200 && r.body.kind === 'file' → r.body.bytes written to path
 * ```
 */















/** Error bodies (non-2xx in 'stream' and 'file' modes) are only quoted: this much is kept. */
const ERROR_BODY_LIMIT = 64 * 1024;
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
/** Creates a client. */
function createHttpClient(options = {}) {
    return new Client(options);
}
class Client {
    ca;
    proxyConfig;
    connectTimeoutMs;
    connections;
    userAgent;
    /** One lookup per host name for every connection of this client (src/net/dns.ts). */
    lookup;
    direct;
    proxies = new Map();
    /** The phase of the latest connection attempt per origin, for naming where a request was when it failed. */
    connecting = new Map();
    /** Ends every request in flight (close()). */
    inFlight = new Set();
    closed = false;
    constructor(options) {
        this.ca = options.ca ? [...options.ca] : undefined;
        this.proxyConfig = options.env ? proxyConfigFromEnv(options.env) : undefined;
        this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
        this.connections = options.connectionsPerOrigin ?? 32;
        this.userAgent = options.userAgent ?? 'setup-goproxy';
        this.lookup = sharedLookup(options.lookup);
    }
    directAgent() {
        if (!this.direct) {
            // The trusted CAs' context is built on the first https connection only: parsing a few hundred roots
            // (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS) costs 25-125 ms, which a run against http proxies never needs.
            const lookup = this.lookup;
            const plain = (0,undici/* buildConnector */.gU)({ timeout: this.connectTimeoutMs, lookup });
            let tlsConnector;
            const secureConnector = () => (tlsConnector ??= this.ca
                ? (0,undici/* buildConnector */.gU)({
                    timeout: this.connectTimeoutMs,
                    secureContext: secureContextFor(this.ca),
                    lookup
                })
                : plain);
            const connecting = this.connecting;
            const connect = (opts, callback) => {
                const key = `${opts.protocol}//${opts.hostname}:${opts.port || (opts.protocol === 'https:' ? '443' : '80')}`;
                const secure = opts.protocol === 'https:';
                const base = secure ? secureConnector() : plain;
                connecting.set(key, external_node_net_default().isIP(opts.hostname.replace(/^\[(.*)\]$/, '$1')) ? 'connect' : 'dns');
                const socket = base(opts, (error, s) => {
                    if (!error)
                        connecting.set(key, 'response');
                    callback(error, s);
                });
                socket?.once('lookup', () => connecting.set(key, 'connect'));
                socket?.once('connect', () => connecting.set(key, secure ? 'tls' : 'response'));
            };
            this.direct = new undici/* Agent */.g6({
                connect,
                connections: this.connections,
                headersTimeout: 0,
                bodyTimeout: 0,
                keepAliveTimeout: 30_000
            });
        }
        return this.direct;
    }
    proxyAgent(proxy) {
        const key = proxy.href;
        let agent = this.proxies.get(key);
        if (!agent) {
            const bare = new URL(proxy.href);
            bare.username = '';
            bare.password = '';
            const user = safeDecode(proxy.username);
            const pass = safeDecode(proxy.password);
            const tls = { timeout: this.connectTimeoutMs, ...(this.ca ? { secureContext: secureContextFor(this.ca) } : {}) };
            // The connection to the proxy itself resolves its name once too (the tunnelled one has no lookup of its own).
            const proxyTls = { ...tls, lookup: this.lookup };
            agent = new undici/* ProxyAgent */.kT({
                uri: bare.href,
                // Plain http goes to the proxy in absolute form; https is tunnelled through CONNECT (net/http does the same).
                proxyTunnel: false,
                ...(user !== '' || pass !== '' ? { token: (0,secrets/* basicAuthorization */.aR)(user, pass) } : {}),
                requestTls: tls,
                proxyTls,
                connections: this.connections,
                headersTimeout: 0,
                bodyTimeout: 0
            });
            this.proxies.set(key, agent);
        }
        return agent;
    }
    async get(url, options) {
        const start = performance.now();
        const ms = () => Math.round((performance.now() - start) * 10) / 10;
        let first;
        try {
            first = new URL(url);
        }
        catch {
            return failure('connect', 'other', 'ERR_INVALID_URL', `invalid URL ${JSON.stringify(String(url))}`, '', ms());
        }
        first.username = '';
        first.password = '';
        if (this.closed)
            return failure('connect', 'other', 'CLIENT_CLOSED', 'the HTTP client is closed', first.host, ms());
        if (first.protocol === 'file:')
            return readFileUrl(first, options, start);
        let target = first;
        for (let hops = 0;; hops++) {
            if (target.protocol !== 'http:' && target.protocol !== 'https:') {
                return failure('connect', 'other', 'UNSUPPORTED_SCHEME', `unsupported URL scheme ${target.protocol}`, '', ms());
            }
            const credentials = (0,net_credentials/* credentialsForHop */.Lw)(first, options.credentials, target, options.credentialsFor);
            const once = await this.once(target, credentials, options, start);
            if (once.kind !== 'redirect')
                return once;
            const decision = decideRedirect(target, once.location, hops);
            if (decision.kind === 'refuse') {
                return {
                    ...failure('response', 'redirect', 'REDIRECT', decision.reason, target.host, ms()),
                    status: once.status,
                    authSent: credentials !== undefined
                };
            }
            target = decision.url;
        }
    }
    dispatcherFor(url) {
        if (!this.proxyConfig)
            return this.directAgent();
        const selection = selectProxy(this.proxyConfig, url);
        if (selection.kind === 'direct')
            return this.directAgent();
        if (selection.kind === 'error')
            return failure('connect', 'other', 'PROXY', selection.message, url.host, 0);
        if (selection.proxy.protocol !== 'http:' && selection.proxy.protocol !== 'https:') {
            return failure('connect', 'other', 'PROXY', `proxy scheme ${selection.proxy.protocol.replace(/:$/, '')} is not supported (HTTPS_PROXY/HTTP_PROXY)`, url.host, 0);
        }
        return this.proxyAgent(selection.proxy);
    }
    /** One request without following redirects: a redirect comes back as such, for get() to decide. */
    once(url, credentials, options, start) {
        const dispatcher = this.dispatcherFor(url);
        if ('kind' in dispatcher)
            return Promise.resolve({ ...dispatcher, ms: performance.now() - start });
        return new Promise(resolve => {
            const exchange = new Exchange({ url, credentials, options, start, client: this }, resolve);
            exchange.dispatch(dispatcher, this.userAgent);
        });
    }
    async close() {
        this.closed = true;
        for (const end of [...this.inFlight])
            end();
        const agents = [...(this.direct ? [this.direct] : []), ...this.proxies.values()];
        this.direct = undefined;
        this.proxies.clear();
        await Promise.all(agents.map(a => a.destroy().catch(() => undefined)));
    }
}
/**
 * One request and its answer on an undici dispatcher: the timers (headers, body idle, deadline), the abort signal,
 * where the body goes (buffer, stream, file, discarded for a redirect), and the one result it settles with. Each
 * undici callback is a method; every way to end goes through `end` (a failure or an abort) or `settle`.
 */
class Exchange {
    setup;
    resolve;
    url;
    host;
    /** scheme://host:port, the key of the client's per-origin connection phase. */
    key;
    options;
    authSent;
    state = 'waiting';
    abortRequest;
    timer;
    deadlineTimer;
    settled = false;
    stream;
    /** Body bytes received so far, and in the current throughput window. */
    received = 0;
    windowBytes = 0;
    throughputTimer;
    file;
    resumeDispatch = () => undefined;
    status = 0;
    statusText = '';
    answerHeaders = {};
    redirectTo;
    chunks = [];
    size = 0;
    truncated = false;
    total;
    bodyMode = 'buffer';
    limit = Infinity;
    /**
     * A `Content-Encoding: gzip` answer (static GOPROXY sites on object storage send one whatever was asked) is
     * decoded here, as the go command's transport decodes it: every reader sees the bytes the proxy stored.
     */
    gunzip;
    onAbort = () => this.end({ kind: 'aborted', ms: this.elapsed() });
    onClose = () => this.fail('other', 'CLIENT_CLOSED', 'the HTTP client was closed');
    constructor(setup, resolve) {
        this.setup = setup;
        this.resolve = resolve;
        this.url = setup.url;
        this.host = setup.url.host;
        this.key = `${setup.url.protocol}//${setup.url.hostname}:${setup.url.port || (setup.url.protocol === 'https:' ? '443' : '80')}`;
        this.options = setup.options;
        this.authSent = setup.credentials !== undefined;
    }
    /** Starts the request (or ends it at once when the signal has already fired). */
    dispatch(dispatcher, userAgent) {
        if (this.options.signal?.aborted)
            return this.onAbort();
        this.options.signal?.addEventListener('abort', this.onAbort, { once: true });
        this.setup.client.inFlight.add(this.onClose);
        this.armDeadline();
        // The connect timeout is undici's (the connector's, for TCP and TLS together): a request that only waits
        // for a free connection of a busy pool is not timed out for it.
        try {
            dispatcher.dispatch({
                origin: this.url.origin,
                path: `${this.url.pathname}${this.url.search}`,
                method: 'GET',
                headers: this.requestHeaders(userAgent),
                headersTimeout: 0,
                bodyTimeout: 0
            }, {
                onConnect: abort => this.onConnect(abort),
                onHeaders: (statusCode, rawHeaders, resume, text) => this.onHeaders(statusCode, rawHeaders, resume, text),
                onData: chunk => this.onData(chunk),
                onComplete: () => this.onComplete(),
                onError: error => this.onError(error)
            });
        }
        catch (error) {
            this.fail('other', 'ERROR', String(error));
        }
    }
    elapsed() {
        return Math.round((performance.now() - this.setup.start) * 10) / 10;
    }
    /** Where the request is: its connection's phase until sent, then waiting for the answer, then reading the body. */
    phase() {
        if (this.state === 'headers')
            return 'body';
        if (this.state === 'sent')
            return 'response';
        return this.setup.client.connecting.get(this.key) ?? 'connect';
    }
    armDeadline() {
        const { deadline } = this.options;
        if (deadline === undefined)
            return;
        // Let one poll phase run first (setImmediate runs after it): an answer or a connect already in,
        // but not yet processed because the loop lagged, still counts.
        this.deadlineTimer = setTimeout(() => setImmediate(() => this.fail('timeout', 'DEADLINE', `the deadline passed (${this.host})`)), Math.max(0, deadline - performance.now()));
    }
    requestHeaders(userAgent) {
        const headers = {
            'user-agent': userAgent,
            accept: '*/*',
            ...lowerCaseKeys(this.options.headers ?? {})
        };
        delete headers.authorization;
        const { credentials } = this.setup;
        if (credentials)
            headers.authorization = (0,secrets/* basicAuthorization */.aR)(credentials.username, credentials.password);
        return headers;
    }
    cleanup() {
        clearTimeout(this.timer);
        clearTimeout(this.deadlineTimer);
        clearInterval(this.throughputTimer);
        this.options.signal?.removeEventListener('abort', this.onAbort);
        this.setup.client.inFlight.delete(this.onClose);
    }
    settle(result) {
        if (this.settled)
            return;
        this.settled = true;
        if (!this.stream)
            this.cleanup();
        this.resolve(result);
    }
    /** Ends the request with a result (or, once a stream was handed over, by failing that stream). */
    end(result) {
        if (this.state === 'done')
            return;
        this.state = 'done';
        this.cleanup();
        const error = new Error(result.kind === 'failure' ? result.message : 'aborted');
        this.abortRequest?.(error);
        if (this.settled && this.stream) {
            this.stream.destroy(Object.assign(error, { code: result.kind === 'failure' ? result.code : 'ABORTED' }));
        }
        // A failed download leaves no partial file: the caller may retry into the same path at once.
        if (this.file)
            void discardFile(this.file, this.options.body.path).then(() => this.settle(result));
        else
            this.settle(result);
    }
    fail(fault, code, message, at = this.phase()) {
        this.end({ ...failure(at, fault, code, message, this.host, this.elapsed()), authSent: this.authSent });
    }
    arm(ms, fault) {
        clearTimeout(this.timer);
        if (ms !== undefined && ms > 0)
            this.timer = setTimeout(fault, ms);
    }
    /** Fails the request when a window passes with less than `minBytesPerSecond` of body in it. */
    watchThroughput() {
        const floor = this.options.minBytesPerSecond;
        if (floor === undefined || floor <= 0 || this.throughputTimer !== undefined)
            return;
        const windowMs = this.options.throughputWindowMs ?? 10_000;
        this.throughputTimer = setInterval(() => {
            const rate = Math.round((this.windowBytes * 1000) / windowMs);
            this.windowBytes = 0;
            if (rate < floor) {
                this.fail('timeout', 'TOO_SLOW', `the answer came at ${rate} bytes/s over ${windowMs} ms, below the floor of ${floor} bytes/s`);
            }
        }, windowMs);
    }
    /** Restarts the body-idle timer: a stall between two chunks fails the request. */
    idle() {
        const ms = this.options.bodyIdleTimeoutMs;
        this.arm(ms, () => this.fail('timeout', 'BODY_TIMEOUT', `the answer stalled: no data for ${ms} ms`));
    }
    answer(body) {
        const retryAfterMs = parseRetryAfter(this.answerHeaders['retry-after'], Date.now());
        return {
            kind: 'answer',
            status: this.status,
            statusText: this.statusText,
            contentType: this.answerHeaders['content-type'] ?? '',
            ...(this.total !== undefined ? { contentLength: this.total } : {}),
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
            headers: this.answerHeaders,
            url: this.url.href,
            host: this.host,
            authSent: this.authSent,
            body,
            ms: this.elapsed()
        };
    }
    /** Settles with a stream answer whose body starts with `head`; the rest is written into the stream as it comes. */
    handOver(head) {
        const stream = new external_node_stream_.PassThrough({ highWaterMark: 1024 * 1024 });
        this.stream = stream;
        stream.on('drain', () => this.resumeDispatch());
        // A consumer that gives up ends the request: nothing keeps reading for nobody.
        stream.on('close', () => {
            if (this.state !== 'done') {
                this.state = 'done';
                this.cleanup();
                this.abortRequest?.(new Error('the reader closed the stream'));
            }
        });
        this.settle(this.answer({ kind: 'stream', head, rest: stream }));
    }
    onConnect(abort) {
        this.abortRequest = abort;
        if (this.state === 'done')
            return abort(new Error('ended'));
        this.state = 'sent';
        const ms = this.options.headersTimeoutMs;
        this.arm(ms, () => this.fail('timeout', 'HEADERS_TIMEOUT', `no answer within ${ms} ms`));
    }
    onHeaders(statusCode, rawHeaders, resume, text) {
        if (this.state === 'done')
            return false;
        if (statusCode < 200)
            return true; // 1xx informational: the real answer follows
        this.state = 'headers';
        this.resumeDispatch = resume;
        this.status = statusCode;
        this.statusText = text;
        this.answerHeaders = parseHeaders(rawHeaders);
        const length = Number(this.answerHeaders['content-length']);
        this.total =
            this.answerHeaders['content-length'] !== undefined && Number.isSafeInteger(length) && length >= 0
                ? length
                : undefined;
        if (/^\s*(x-)?gzip\s*$/i.test(this.answerHeaders['content-encoding'] ?? ''))
            this.decodeGzip();
        this.idle();
        this.watchThroughput();
        const location = this.answerHeaders.location;
        if (REDIRECT_STATUSES.has(statusCode) && location !== undefined && this.options.followRedirects !== false) {
            this.redirectTo = location;
            this.bodyMode = 'discard';
            return true;
        }
        return this.chooseBody(statusCode >= 200 && statusCode < 300);
    }
    /** Where the body goes, by the BodyMode asked and whether the answer is a success. */
    chooseBody(ok) {
        const mode = this.options.body;
        if (mode.mode === 'buffer') {
            // An error answer is only quoted: past 64 KiB it is cut rather than handed over as a stream.
            this.limit = mode.overflow === 'stream' && !ok ? Math.min(mode.maxBytes, ERROR_BODY_LIMIT) : mode.maxBytes;
            if (mode.overflow === 'stream' && ok && this.total !== undefined && this.total > this.limit) {
                this.bodyMode = 'stream';
                this.handOver(Buffer.alloc(0));
            }
            return true;
        }
        if (!ok) {
            this.limit = ERROR_BODY_LIMIT;
            return true;
        }
        if (mode.mode === 'stream') {
            this.bodyMode = 'stream';
            this.handOver(Buffer.alloc(0));
            return true;
        }
        return this.openFile(mode);
    }
    openFile(mode) {
        if (mode.maxBytes !== undefined && this.total !== undefined && this.total > mode.maxBytes) {
            this.fail('too-large', 'TOO_LARGE', `the answer is ${this.total} bytes, more than the limit of ${mode.maxBytes}`);
            return false;
        }
        this.bodyMode = 'file';
        const file = (0,external_node_fs_.createWriteStream)(mode.path);
        this.file = file;
        file.on('drain', () => this.resumeDispatch());
        // Writing here failed (ENOSPC, EROFS, EACCES): this machine's fault, not the proxy's.
        file.on('error', error => this.fail('local', error.code ?? 'EIO', `writing ${mode.path}: ${error.message}`, 'body'));
        return true;
    }
    /** Decodes the body from here on; the length on the wire is not the body's, so the decoded bytes decide. */
    decodeGzip() {
        this.total = undefined;
        const gunzip = (0,external_node_zlib_.createGunzip)();
        this.gunzip = gunzip;
        // Decoded bytes go on as they come (the stream and file readers buffer); the encoded side keeps backpressure.
        gunzip.on('data', (chunk) => {
            if (this.state !== 'done')
                this.consume(chunk);
        });
        gunzip.on('drain', () => this.resumeDispatch());
        gunzip.on('error', error => this.fail('other', 'EGZIP', `the answer's gzip encoding is broken: ${error.message}`, 'body'));
    }
    onData(chunk) {
        if (this.state === 'done')
            return false;
        this.idle();
        this.received += chunk.length;
        this.windowBytes += chunk.length;
        const cap = this.options.maxBodyBytes;
        if (cap !== undefined && this.received > cap) {
            this.fail('too-large', 'TOO_LARGE', `answer larger than ${formatBytes(cap)}`);
            return false;
        }
        this.options.onData?.(chunk.length);
        if (this.gunzip)
            return this.gunzip.write(chunk);
        return this.consume(chunk);
    }
    /** One chunk of the (decoded) body, by the body mode; false asks the sender to pause. */
    consume(chunk) {
        switch (this.bodyMode) {
            case 'discard':
                return true;
            case 'stream':
                return this.stream?.write(chunk) ?? false;
            case 'file':
                return this.writeToFile(chunk);
            default:
                return this.buffer(chunk);
        }
    }
    writeToFile(chunk) {
        this.size += chunk.length;
        const mode = this.options.body;
        if (mode.maxBytes !== undefined && this.size > mode.maxBytes) {
            this.fail('too-large', 'TOO_LARGE', `the answer is larger than the limit of ${mode.maxBytes} bytes`);
            return false;
        }
        const more = this.file?.write(chunk) ?? false;
        mode.onProgress?.(this.size, this.total);
        return more;
    }
    /** Keeps a chunk in memory; past the limit, a success is handed over as a stream and anything else is cut. */
    buffer(chunk) {
        if (this.size + chunk.length <= this.limit) {
            this.chunks.push(chunk);
            this.size += chunk.length;
            return true;
        }
        const mode = this.options.body;
        if (mode.mode === 'buffer' && mode.overflow === 'stream' && this.status >= 200 && this.status < 300) {
            this.bodyMode = 'stream';
            this.handOver(Buffer.concat(this.chunks));
            this.chunks.length = 0;
            return this.stream?.write(chunk) ?? false;
        }
        this.chunks.push(chunk.subarray(0, this.limit - this.size));
        this.truncated = true;
        this.state = 'done';
        this.cleanup();
        this.settle(this.answer({ kind: 'buffered', bytes: Buffer.concat(this.chunks), truncated: this.truncated }));
        // Settle first, then tear down: the rest of the body is not read.
        this.abortRequest?.(new Error('body limit reached'));
        return false;
    }
    onComplete() {
        if (this.state === 'done')
            return;
        if (this.gunzip) {
            // The decoder's last bytes arrive after its input ends: complete once it has flushed them.
            const decoder = this.gunzip;
            this.gunzip = undefined;
            decoder.once('end', () => this.onComplete());
            decoder.end();
            return;
        }
        this.state = 'done';
        this.cleanup();
        if (this.redirectTo !== undefined)
            return this.settle({ kind: 'redirect', location: this.redirectTo, status: this.status });
        if (this.bodyMode === 'stream') {
            this.stream?.end();
            return;
        }
        if (this.bodyMode === 'file') {
            const path = this.options.body.path;
            this.file?.end(() => this.settle(this.answer({ kind: 'file', path, bytes: this.size })));
            return;
        }
        this.settle(this.answer({ kind: 'buffered', bytes: Buffer.concat(this.chunks), truncated: this.truncated }));
    }
    /** A transport error, in the go command's words where there are some. */
    onError(error) {
        if (this.state === 'done')
            return;
        const at = this.phase();
        const code = error.code ?? 'ERROR';
        // undici wraps socket errors (UND_ERR_SOCKET) with the real one as `cause`, and closes as "other side closed".
        const cause = error.cause;
        const real = code === 'UND_ERR_SOCKET' && cause?.code ? cause : error;
        const realCode = real.code ?? code;
        if (realCode === 'UND_ERR_CONNECT_TIMEOUT') {
            return this.fail('timeout', 'CONNECT_TIMEOUT', `dial tcp ${this.host}: i/o timeout`, at === 'tls' ? 'tls' : 'connect');
        }
        const closedEarly = realCode === 'UND_ERR_SOCKET' || realCode === 'UND_ERR_CLOSED';
        if (!closedEarly)
            return this.fail(networkFault(realCode, real.message), realCode, describeNetworkError(realCode, real.message), at);
        const message = at === 'body'
            ? 'the answer broke off before its end (unexpected EOF)'
            : `connection reset: ${this.host} closed the connection before answering`;
        this.fail('reset', 'ECONNRESET', message, at);
    }
}
let cachedContext;
/**
 * One TLS context per trust list, shared by clients: parsing Node's ~150 roots plus the extra
 * certificates costs tens of milliseconds, too much to pay on every probe call's first connection.
 */
function secureContextFor(ca) {
    const key = ca.join('\n');
    if (cachedContext?.key !== key)
        cachedContext = { key, context: external_node_tls_default().createSecureContext({ ca: [...ca] }) };
    return cachedContext.context;
}
function failure(phase, fault, code, message, host, ms) {
    return { kind: 'failure', phase, fault, code, message, host, authSent: false, ms };
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
function lowerCaseKeys(headers) {
    return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
function parseHeaders(raw) {
    const out = {};
    if (!raw)
        return out;
    for (let i = 0; i + 1 < raw.length; i += 2) {
        const name = raw[i].toString().toLowerCase();
        const value = raw[i + 1].toString();
        out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
    }
    return out;
}
async function discardFile(file, path) {
    await new Promise(resolve => {
        file.once('close', () => resolve());
        file.destroy();
    });
    await (0,promises_.rm)(path, { force: true }).catch(() => undefined);
}
/**
 * A `file://` URL: the file as a 200 answer, a missing one (or a path through a non-directory,
 * or a directory) as a 404, as the go command treats a file proxy. Bounded by the deadline: a
 * hung network file system must not hold the caller (the read itself is abandoned).
 */
async function readFileUrl(url, options, start) {
    const ms = () => Math.round((performance.now() - start) * 10) / 10;
    let path;
    try {
        path = (0,external_node_url_.fileURLToPath)(url);
    }
    catch (error) {
        return failure('connect', 'other', 'ERR_INVALID_FILE_URL', `invalid file URL: ${error.message}`, '', ms());
    }
    const base = {
        kind: 'answer',
        statusText: 'OK',
        headers: {},
        url: url.href,
        host: '',
        authSent: false
    };
    const notFound = () => ({
        ...base,
        status: 404,
        statusText: 'Not Found',
        contentType: 'text/plain; charset=utf-8',
        body: { kind: 'buffered', bytes: Buffer.from(`not found: ${path}\n`), truncated: false },
        ms: ms()
    });
    const work = async () => {
        try {
            const info = await (0,promises_.stat)(path);
            if (!info.isFile())
                return notFound();
            const answer = { ...base, status: 200, contentType: 'application/octet-stream', contentLength: info.size };
            const mode = options.body;
            if (mode.mode === 'buffer') {
                const data = await (0,promises_.readFile)(path);
                const truncated = data.length > mode.maxBytes;
                if (truncated && mode.overflow === 'stream') {
                    return { ...answer, body: { kind: 'stream', head: Buffer.alloc(0), rest: external_node_stream_.Readable.from([data]) }, ms: ms() };
                }
                return { ...answer, body: { kind: 'buffered', bytes: data.subarray(0, mode.maxBytes), truncated }, ms: ms() };
            }
            if (mode.mode === 'stream')
                return { ...answer, body: { kind: 'stream', head: Buffer.alloc(0), rest: (0,external_node_fs_.createReadStream)(path) }, ms: ms() };
            const bytes = await copyFile(path, mode.path, info.size, mode.onProgress);
            return { ...answer, body: { kind: 'file', path: mode.path, bytes }, ms: ms() };
        }
        catch (error) {
            const code = error.code ?? 'EIO';
            if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR')
                return notFound();
            return failure('body', 'other', code, `reading ${path}: ${error.message}`, '', ms());
        }
    };
    if (options.signal?.aborted)
        return { kind: 'aborted', ms: ms() };
    return new Promise(resolve => {
        const deadline = options.deadline === undefined
            ? undefined
            : setTimeout(() => resolve(failure('body', 'timeout', 'DEADLINE', `the deadline passed reading ${path}`, '', ms())), Math.max(0, options.deadline - performance.now()));
        const onAbort = () => resolve({ kind: 'aborted', ms: ms() });
        options.signal?.addEventListener('abort', onAbort, { once: true });
        void work().then(result => {
            clearTimeout(deadline);
            options.signal?.removeEventListener('abort', onAbort);
            resolve(result);
        });
    });
}
async function copyFile(from, to, total, onProgress) {
    let bytes = 0;
    const out = (0,external_node_fs_.createWriteStream)(to);
    try {
        for await (const chunk of (0,external_node_fs_.createReadStream)(from)) {
            bytes += chunk.length;
            if (!out.write(chunk))
                await new Promise(resolve => out.once('drain', () => resolve()));
            onProgress?.(bytes, total);
        }
        await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
        return bytes;
    }
    catch (error) {
        out.destroy();
        await (0,promises_.rm)(to, { force: true }).catch(() => undefined);
        throw error;
    }
}
/** `500 MiB`, `4 MiB`, `256 KiB`: a size for a message. */
function formatBytes(bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) === 0)
        return `${bytes / (1 << 20)} MiB`;
    if (bytes >= 1 << 10 && bytes % (1 << 10) === 0)
        return `${bytes / (1 << 10)} KiB`;
    return `${bytes} bytes`;
}


/***/ }),

/***/ 3752:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
/** Waits `ms`, or less when `signal` aborts (then resolves early; the caller checks the signal). */
function sleep(ms, signal) {
    return new Promise(resolve => {
        if (signal?.aborted || ms <= 0)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done);
    });
}


/***/ }),

/***/ 7837:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ trustedCertificates)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_1__);


function readPem(file) {
    if (!file)
        return undefined;
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
    }
    catch {
        // An unreadable bundle adds nothing; the TLS error then names the certificate.
        return undefined;
    }
}
/**
 * The CA certificates every https request of the project trusts (probe, checksum DB, warm
 * forwarder, downloads): Node's roots plus `extra` (tests, corporate roots), SSL_CERT_FILE (what the go command reads on Linux) and NODE_EXTRA_CA_CERTS.
 * Undefined when there is nothing to add: Node's default store already holds
 * NODE_EXTRA_CA_CERTS, and passing `ca` would replace that store.
 */
function trustedCertificates(extra, env = process.env) {
    const added = [extra, readPem(env.SSL_CERT_FILE)].filter((pem) => pem !== undefined && pem !== '');
    if (added.length === 0)
        return undefined;
    const nodeExtra = readPem(env.NODE_EXTRA_CA_CERTS);
    return [...(node_tls__WEBPACK_IMPORTED_MODULE_1___default().rootCertificates), ...added, ...(nodeExtra ? [nodeExtra] : [])];
}


/***/ }),

/***/ 9294:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IS: () => (/* binding */ tlsReason),
/* harmony export */   JZ: () => (/* binding */ median),
/* harmony export */   Jp: () => (/* binding */ isVersionList),
/* harmony export */   Rk: () => (/* binding */ classifySupportedAnswer),
/* harmony export */   T5: () => (/* binding */ classifyListAnswer),
/* harmony export */   XE: () => (/* binding */ classifyFailure),
/* harmony export */   Z8: () => (/* binding */ isDnsCode),
/* harmony export */   hs: () => (/* binding */ checkTreeHead),
/* harmony export */   l$: () => (/* binding */ describeFailedAnswer),
/* harmony export */   ms: () => (/* binding */ isWorking),
/* harmony export */   ov: () => (/* binding */ isClosedCode)
/* harmony export */ });
/* unused harmony export bodyExcerpt */
/* harmony import */ var _go_proxy_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2660);
/* harmony import */ var _go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9100);


/** Statuses that keep an entry in the exported chain. A not-found proxy is reachable; Go falls through it on 404/410. */
function isWorking(status) {
    return status === 'ok' || status === 'not-found';
}
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const CLOSED_CODES = new Set([
    'ECONNRESET',
    'EPIPE',
    'ECONNABORTED',
    'ERR_STREAM_PREMATURE_CLOSE',
    'HPE_INVALID_EOF_STATE'
]);
/** True for Node's name-resolution failure codes (ENOTFOUND, EAI_*): the host name did not resolve. */
function isDnsCode(code) {
    return DNS_CODES.has(code);
}
/** True for codes meaning the peer closed or reset the connection before a complete answer. */
function isClosedCode(code) {
    return CLOSED_CODES.has(code);
}
/** Node's certificate and handshake codes, as reasons a user recognises. */
const TLS_REASONS = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain (an untrusted root, such as a TLS-inspecting firewall)',
    CERT_HAS_EXPIRED: 'certificate expired',
    CERT_NOT_YET_VALID: 'certificate not yet valid (is the clock here right?)',
    ERR_TLS_CERT_ALTNAME_INVALID: 'certificate not valid for this host name (hostname mismatch)',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by an unknown authority',
    UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by an unknown authority',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by an unknown authority',
    CERT_UNTRUSTED: 'certificate not trusted',
    CERT_REVOKED: 'certificate revoked',
    CERT_SIGNATURE_FAILURE: 'certificate signature invalid',
    ERR_SSL_WRONG_VERSION_NUMBER: 'handshake failed: the server does not speak TLS on this port',
    EPROTO: 'handshake failed (protocol error)'
};
/** The reason for a TLS failure code, or undefined when the code is not about TLS. */
function tlsReason(code) {
    // OpenSSL's verification codes (UNABLE_TO_*, HOSTNAME_MISMATCH, INVALID_CA, ...) without a wording of their own.
    const tlsCode = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_)|^(HOSTNAME_MISMATCH|INVALID_CA|INVALID_PURPOSE)$/;
    return TLS_REASONS[code] ?? (tlsCode.test(code) ? `handshake failed (${code})` : undefined);
}
/** Classifies a request that never produced an HTTP answer. */
function classifyFailure(failure) {
    const { code, host, phase } = failure;
    const within = `within ${Math.round(failure.elapsedMs)} ms`;
    const hostname = host.replace(/:\d+$/, '');
    if (code === 'DEADLINE') {
        switch (phase) {
            case 'dns':
                return { status: 'dns', message: `DNS failure: the lookup of ${hostname} did not finish ${within}` };
            case 'connect':
                return { status: 'connect-timeout', message: `connect timeout: no TCP connection to ${host} ${within}` };
            case 'tls':
                return {
                    status: 'no-response',
                    message: `no response: ${host} accepted the connection but did not complete the TLS handshake ${within}`
                };
            case 'response':
                return {
                    status: 'no-response',
                    message: `no response: ${host} accepted the connection but sent nothing ${within}`
                };
            case 'body':
                return {
                    status: 'slow',
                    message: `slow: ${host} sent headers but the body was still arriving after ${Math.round(failure.elapsedMs)} ms`
                };
        }
    }
    if (DNS_CODES.has(code)) {
        const why = code === 'EAI_AGAIN' ? 'the DNS server did not answer' : 'the name does not resolve';
        return { status: 'dns', message: `DNS failure: ${hostname}: ${why} (${code})` };
    }
    if (code === 'ECONNREFUSED')
        return { status: 'refused', message: `connection refused by ${host}` };
    if (code === 'ETIMEDOUT' && phase === 'connect') {
        return { status: 'connect-timeout', message: `connect timeout: no TCP connection to ${host} (${code})` };
    }
    const reason = tlsReason(code);
    if (reason)
        return { status: 'tls', message: `TLS error: ${reason} (${host}, ${code})` };
    if (CLOSED_CODES.has(code) || /socket hang up/i.test(failure.message)) {
        if (phase === 'tls') {
            return { status: 'tls', message: `TLS error: ${host} closed the connection during the handshake (${code})` };
        }
        return { status: 'connection-closed', message: `connection closed by ${host} before a complete answer (${code})` };
    }
    return { status: 'network', message: `network error reaching ${host}: ${oneLine(failure.message)} (${code})` };
}
/**
 * The first lines of a text/plain error body, as the go command quotes them:
 * control characters removed, credentials in URLs redacted, cut to a readable length.
 * '' for any other content type.
 */
function bodyExcerpt(contentType, body, maxLines = 2) {
    if (!/^text\/plain\b/i.test(contentType.trim()))
        return '';
    const lines = body
        .split('\n')
        .map(line => oneLine(line))
        .filter(line => line !== '')
        .slice(0, maxLines);
    const text = (0,_go_proxy_url_js__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(lines.join(' / '));
    return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
function oneLine(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}
const SEMVER = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
/**
 * True for a `@v/list` body: one version per line (Go reads the first field of each
 * line), blank lines allowed, empty allowed. When the body was cut at a size limit
 * the last, partial line is not judged.
 */
function isVersionList(body, truncated = false) {
    const lines = body.split('\n');
    // Cut at the limit with no newline at all: one unfinished line is no list (an endless blob, a page).
    if (truncated && lines.length === 1)
        return false;
    if (truncated)
        lines.pop();
    return lines.every(line => {
        const first = line.trim().split(/\s+/)[0];
        return first === '' || SEMVER.test(first);
    });
}
function looksLikeHtml(contentType, body) {
    return /^\s*(text\/html|application\/xhtml)/i.test(contentType) || /^\s*<(!doctype|html|head|body|\?xml)/i.test(body);
}
function statusLine(answer) {
    const text = answer.statusText.trim();
    return `HTTP ${answer.status}${text ? ` ${oneLine(text)}` : ''}`;
}
/**
 * The words for an answer that is not a success: the status, then what a text/plain
 * body says; 401/403 name the host that wants credentials.
 */
function describeFailedAnswer(answer) {
    if (answer.status === 401 || answer.status === 403) {
        const host = answer.host;
        return {
            status: 'unauthorized',
            message: answer.authSent
                ? `${statusLine(answer)}: credentials missing or wrong for ${host}: the ones sent were refused; check the auth line for ${host}`
                : `${statusLine(answer)}: credentials missing or wrong for ${host}: none were sent; add an auth line for ${host} (auth: ${host} [USER:]SECRET)`
        };
    }
    if (answer.status >= 300 && answer.status < 400) {
        return {
            status: 'http-status',
            message: `${statusLine(answer)}: redirect not followed (${answer.redirectRefused ?? 'no Location'})`
        };
    }
    const excerpt = bodyExcerpt(answer.contentType, answer.body);
    return { status: 'http-status', message: excerpt ? `${statusLine(answer)}: ${excerpt}` : statusLine(answer) };
}
/** Classifies the answer to `GET <proxy>/<module>/@v/list`. */
function classifyListAnswer(answer, module) {
    // goproxy/goproxy's 404 for a failure of its own (bad upstream, fetch timed out) is an error, not "does not serve".
    if ((answer.status === 404 || answer.status === 410) && !(0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_1__/* .isTemporaryNotFound */ .pX)(answer.status, answer.body)) {
        return {
            status: 'not-found',
            message: `reachable, but ${statusLine(answer)} for ${module}: it does not serve that module (normal for a proxy that serves only private modules); kept`
        };
    }
    if (answer.status !== 200)
        return describeFailedAnswer(answer);
    if (looksLikeHtml(answer.contentType, answer.body)) {
        return {
            status: 'not-proxy',
            message: 'not a module proxy: HTTP 200 with an HTML page (a login page or a web server, not the GOPROXY protocol)'
        };
    }
    if (!isVersionList(answer.body, answer.truncated)) {
        const first = (0,_go_proxy_url_js__WEBPACK_IMPORTED_MODULE_0__/* .redactText */ .Rd)(oneLine(answer.body.split('\n')[0] ?? '')).slice(0, 60);
        return {
            status: 'not-proxy',
            message: `not a module proxy: HTTP 200 but not a version list (starts with ${JSON.stringify(first)})`
        };
    }
    return { status: 'ok', message: 'works' };
}
/** 200: the proxy serves the database; 404/410: ask the next entry; anything else is an error. */
function classifySupportedAnswer(answer) {
    if (answer.status === 200)
        return { support: 'yes', message: 'serves the checksum database' };
    if ((answer.status === 404 || answer.status === 410) && !(0,_go_proxy_walk_js__WEBPACK_IMPORTED_MODULE_1__/* .isTemporaryNotFound */ .pX)(answer.status, answer.body))
        return { support: 'no', message: `${statusLine(answer)}: does not serve it` };
    return { support: 'error', message: describeFailedAnswer(answer).message };
}
/** The middle of the measurements (mean of the two middle ones for an even count), to 0.1 ms; null for none. */
function median(values) {
    if (values.length === 0)
        return null;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const value = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return Math.round(value * 10) / 10;
}
/**
 * Checks that a `/latest` body is a signed tree head of `name`, by shape only (the
 * go command verifies the signature itself): `go.sum database tree`, a size, a hash,
 * a blank line, then a signature line `— <name> <base64>`. Returns the problem, or
 * undefined when the shape is right.
 */
function checkTreeHead(body, name) {
    const lines = body.split('\n');
    if (lines[0] !== 'go.sum database tree') {
        return `not a signed tree head (starts with ${JSON.stringify(oneLine(lines[0] ?? '').slice(0, 60))})`;
    }
    if (!/^\d+$/.test(lines[1] ?? '') || !/^[A-Za-z0-9+/]+=*$/.test(lines[2] ?? '')) {
        return 'a malformed tree head (no tree size and hash)';
    }
    const signers = lines.filter(line => line.startsWith('— ')).map(line => line.split(' ')[1]);
    if (!signers.includes(name)) {
        return signers.length === 0
            ? 'an unsigned tree head'
            : `a tree head signed by ${signers.join(', ')}, not by ${name}`;
    }
    return undefined;
}


/***/ })

};
