export const id = 364;
export const ids = [364];
export const modules = {

/***/ 6364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  probeChain: () => (/* binding */ probeChain)
});

// EXTERNAL MODULE: ./src/go/proxy/chain.ts
var proxy_chain = __webpack_require__(3364);
// EXTERNAL MODULE: ./src/go/errors.ts
var errors = __webpack_require__(6743);
;// CONCATENATED MODULE: ./src/host/logger.ts
/** A logger that drops everything, for tests and quiet callers. */
const silentLogger = {
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    debug: () => undefined
};

// EXTERNAL MODULE: ./src/host/wording.ts
var wording = __webpack_require__(6062);
// EXTERNAL MODULE: ./src/go/env/patterns.ts + 1 modules
var patterns = __webpack_require__(796);
// EXTERNAL MODULE: ./src/probe/report.ts
var probe_report = __webpack_require__(9294);
;// CONCATENATED MODULE: ./src/probe/reorder.ts
/** The stricter of two separators: `,` (fall through on 404/410 only) wins over `|`. */
function stricter(a, b) {
    return a === ',' || b === ',' ? ',' : '|';
}
/**
 * Drops the entries `keep` rejects. The rule for separators: when an entry goes, the
 * entry before it takes the STRICTER of its own separator and the removed entry's
 * (`,` wins over `|`). So `A,B|C` without B is `A,C` and `A|B,C` without B is also
 * `A,C`: a `,` the user wrote is a gate (nothing but a 404/410 passes it, so a private
 * path asked of a corporate proxy never reaches the next one) and is never weakened
 * into `|`. Only `A|B|C` without B becomes `A|C`. Removing the first entry drops its
 * separator with it (nothing came before). The terminal keyword stays last.
 */
function dropEntries(chain, keep) {
    const kept = [];
    for (const entry of chain.proxies) {
        if (keep(entry)) {
            kept.push(entry);
        }
        else if (kept.length > 0) {
            // The removed entry's separator now sits after the last kept one: keep the stricter of the two.
            const last = kept.length - 1;
            kept[last] = { ...kept[last], separator: stricter(kept[last].separator, entry.separator) };
        }
    }
    return { proxies: kept, ...(chain.terminal ? { terminal: chain.terminal } : {}) };
}
/**
 * Sorts by latency inside each maximal run of entries joined by `|` (the user, the
 * region preset or `fallback` declared them interchangeable), fastest first; equal
 * latencies keep their given order. Separators belong to positions, not entries, so
 * the `,` that closes a run stays where it was: no entry ever crosses a `,`. An entry
 * without a latency (a not-found proxy) keeps its exact position; the measured ones
 * are sorted among the remaining positions of the run.
 */
function sortRuns(chain, latency) {
    const proxies = [...chain.proxies];
    let start = 0;
    while (start < proxies.length) {
        let end = start;
        while (end < proxies.length - 1 && proxies[end].separator === '|')
            end++;
        const slots = [];
        for (let i = start; i <= end; i++)
            if (latency(proxies[i]) !== undefined)
                slots.push(i);
        const sorted = slots
            .map(i => proxies[i])
            .map((entry, order) => ({ entry, order, ms: latency(entry) }))
            .sort((a, b) => a.ms - b.ms || a.order - b.order);
        slots.forEach((slot, k) => {
            proxies[slot] = { ...sorted[k].entry, separator: chain.proxies[slot].separator };
        });
        start = end + 1;
    }
    return { proxies, ...(chain.terminal ? { terminal: chain.terminal } : {}) };
}
/**
 * The chain to export: entries that do not work dropped (see dropEntries for the
 * separator rule), then with `order: latency` each `|` run sorted by median
 * (see sortRuns). `direct`/`off` stay last. An entry with no standing is kept in place.
 */
function rebuildChain(chain, standingOf, order) {
    const kept = dropEntries(chain, entry => standingOf(entry)?.working ?? true);
    return order === 'latency' ? sortRuns(kept, entry => standingOf(entry)?.medianMs) : kept;
}

// EXTERNAL MODULE: ./src/go/sumdb/config.ts
var config = __webpack_require__(9716);
;// CONCATENATED MODULE: ./src/probe/decide.ts



/**
 * The rebuilt chain (dead entries dropped, `|` runs sorted by median, `,` never crossed:
 * see reorder.ts). When no proxy is left and there is no terminal keyword either, the
 * given chain is kept: an empty GOPROXY would mean Go's default.
 */
function decideChain(given, standingOf, order) {
    const rebuilt = rebuildChain(given, standingOf, order);
    const noneWorks = given.proxies.length > 0 && rebuilt.proxies.length === 0;
    return { chain: rebuilt.proxies.length > 0 || rebuilt.terminal ? rebuilt : given, noneWorks };
}
/** True for an entry joined to the next proxy by `,`: only a 404/410 passes it. */
function isGate(chain, index) {
    return chain.proxies[index].separator === ',' && index + 1 < chain.proxies.length;
}
/**
 * The problems of the proxy part of the probe: "no proxy works" (with each reason), and
 * one per dead `,` gate. A dead gate is a problem, never silently dropped: dropping it
 * would hand every request meant for it, private paths included, to the next proxy.
 * `redact` turns a URL into its printable form.
 */
function chainProblems(given, noneWorks, statusOf, redact, words) {
    const problems = [];
    if (noneWorks) {
        const why = given.proxies
            .filter(entry => !(0,probe_report/* isWorking */.ms)(statusOf(entry.url).status))
            .map(entry => `${redact(entry.url)}: ${statusOf(entry.url).message}`);
        const unique = [...new Set(why)].join('; ');
        const tail = given.terminal === 'direct'
            ? ' Only direct is left: every module would come from its origin repository, without a proxy.'
            : given.terminal === 'off'
                ? ' The chain ends in off: no module could be downloaded.'
                : '';
        const untrusted = given.proxies.some(entry => isUntrustedCertificate(statusOf(entry.url)));
        problems.push(`No proxy in the chain works from ${words.here} (${unique}).${tail}${untrusted ? TRUST_HINT : ''}`);
    }
    given.proxies.forEach((entry, i) => {
        if (!isGate(given, i) || (0,probe_report/* isWorking */.ms)(statusOf(entry.url).status))
            return;
        const next = given.proxies[i + 1];
        problems.push(`${redact(entry.url)} does not work and is a "," gate before ${redact(next.url)}: dropping it would send every request meant for it, private module paths included, to the next proxy. Fix or remove it, or list private paths in ${words.input('private')} / ${words.input('no-proxy')} and join the two with "|".`);
    });
    return problems;
}
/**
 * What to do about a certificate nothing here trusts (a TLS-inspecting corporate proxy, a private CA): the go command
 * and this tool both read SSL_CERT_FILE, Node also NODE_EXTRA_CA_CERTS.
 */
const TRUST_HINT = ' A certificate is not trusted here: behind a TLS-inspecting proxy or with a private CA, set SSL_CERT_FILE=<the CA certificate (PEM)> (the go command reads it too) or NODE_EXTRA_CA_CERTS, then try again.';
/** A TLS failure about who signed the certificate (not an expired one, a wrong host name or a broken handshake). */
function isUntrustedCertificate(result) {
    return result.status === 'tls' && /self-signed|unknown authority|not trusted/.test(result.message);
}
/** The URL of the fastest proxy on the exported chain that served the version list (lowest median; first on a tie). */
function fastestProxy(proxies) {
    const measured = proxies.filter(p => p.status === 'ok' && p.position !== null && p.medianMs !== null);
    return [...measured].sort((a, b) => a.medianMs - b.medianMs)[0]?.url;
}
/**
 * Whether the probe may switch GOSUMDB to sum.golang.google.cn when the path to
 * sum.golang.org fails: only when sum.golang.org is Go's default (the user chose no
 * `sumdb`) and has no URL. A database the user named is never swapped behind their back.
 */
function mayUseChinaAlias(sumdb, sumdbChosen) {
    return sumdb.kind === 'db' && !sumdbChosen && sumdb.name === 'sum.golang.org' && !sumdb.explicitUrl;
}
/**
 * Applies the switch from sum.golang.org to sum.golang.google.cn: only when the path to
 * sum.golang.org failed, the switch is allowed (mayUseChinaAlias) and the alias's own
 * `/latest` answered (`alias`, with `aliasLatestUrl` redacted). A failed alias is added
 * to the failure's words; anything else leaves the check as it was.
 */
function applyChinaAlias(check, sumdb, allowed, alias, aliasLatestUrl) {
    if (check.status !== 'failed' || !allowed || alias === undefined)
        return { check, sumdb, notes: [] };
    if (!alias.ok) {
        return {
            check: { ...check, message: `${check.message}; ${config/* CHINA_SUMDB_ALIAS */.ZC} failed too: ${alias.message}` },
            sumdb,
            notes: []
        };
    }
    return {
        check: {
            name: check.name,
            status: 'switched',
            route: 'explicit',
            url: aliasLatestUrl,
            message: `${check.message}; switched GOSUMDB to ${config/* CHINA_SUMDB_ALIAS */.ZC} (the same database and key, reachable where sum.golang.org is not), which answers`,
            ms: alias.ms
        },
        sumdb: (0,config/* parseGosumdb */.$M)('sumdb', config/* CHINA_SUMDB_ALIAS */.ZC),
        notes: [
            `GOSUMDB is set to ${config/* CHINA_SUMDB_ALIAS */.ZC}: sum.golang.org could not be reached the way the go command would ask it.`
        ]
    };
}
/**
 * A proxy that answers 404 for the probe module — a public module every public proxy serves — is kept (a proxy for
 * private modules only is normal before a public one), but it serves no public module: said in the log and the
 * summary, so that a later "not found" for a public module is not read as a private module.
 */
function servesNoPublicModuleNotes(proxies, module) {
    return proxies
        .filter(proxy => proxy.status === 'not-found')
        .map(proxy => `${proxy.url} answered 404 for ${module}, a public module: kept in the chain (it may serve only private modules), but public modules need a proxy after it or direct.`);
}

;// CONCATENATED MODULE: ./src/probe/settle.ts


/**
 * A pending proxy is cut once it has had GRACE_FACTOR times the slowest working member
 * of its run's median, and never less than GRACE_FLOOR_MS from the start of the probe.
 * Why 4×: a proxy four times slower than the slowest working peer would be sorted behind
 * it anyway, so waiting longer can only confirm what the chain already is (the samples of
 * a proxy share one kept-alive connection, so the median is mostly request time; the
 * connection set-up of a pending proxy's first answer is what the floor covers). Why a 1000 ms floor: a proxy's first answer
 * costs DNS, TCP, TLS and the request itself, about four round trips; a mirror in another
 * region (a GitHub-hosted runner reaching goproxy.cn, ~200 ms away) needs ~800 ms for it
 * and is a working fallback worth keeping, and a loaded runner adds jitter on top. A proxy
 * that has not answered after a second is almost always one that never will, and cutting it
 * then still saves most of the default 3 s probe-timeout.
 */
const GRACE_FACTOR = 4;
const GRACE_FLOOR_MS = 1000;
/** The maximal runs of entries joined by `|`, as index ranges [start, end]. */
function runsOf(chain) {
    const runs = [];
    let start = 0;
    while (start < chain.proxies.length) {
        let end = start;
        while (end < chain.proxies.length - 1 && chain.proxies[end].separator === '|')
            end++;
        runs.push([start, end]);
        start = end + 1;
    }
    return runs;
}
/**
 * Decides whether the probe's outcome is settled and which pending proxies it cuts.
 * A pending proxy that has not answered yet may be cut only when (1) every `|` run has a member that served the version list or has
 * finished, (2) its own run has such a member (so a run's only member, or a run
 * whose members are all still pending, keeps the whole deadline), (3) it is not a `,`
 * gate (dropping a gate changes where private paths go: it keeps the whole deadline),
 * (4) the grace window of its run has passed, and (5) the checksum-database path on
 * the chain without the cut entries is verified. The probe deadline stays the hard cap.
 */
function settleProbe(input) {
    const { chain, progress, elapsedMs } = input;
    const pending = chain.proxies.filter(entry => progress(entry.url).state === 'pending');
    if (pending.length === 0)
        return { cut: [], settled: true };
    const runs = runsOf(chain);
    const runFacts = runs.map(([start, end]) => {
        const members = chain.proxies.slice(start, end + 1).map(entry => progress(entry.url));
        const working = members.filter((p) => p.state === 'done' && p.served);
        const medians = working.map(p => p.medianMs).filter((ms) => ms !== undefined);
        const graceMs = Math.max(GRACE_FLOOR_MS, GRACE_FACTOR * Math.max(0, ...medians));
        return { working: working.length > 0, finished: members.every(p => p.state === 'done'), graceMs };
    });
    if (!runFacts.every(run => run.working || run.finished))
        return { cut: [], settled: false };
    const candidates = [];
    let recheckInMs;
    runs.forEach(([start, end], r) => {
        const run = runFacts[r];
        if (!run.working || start === end)
            return;
        for (let i = start; i <= end; i++) {
            const entry = chain.proxies[i];
            const state = progress(entry.url);
            // A proxy that answered is not too slow: it is being retried or sampled, within the deadline.
            if (state.state !== 'pending' || state.answered || isGate(chain, i))
                continue;
            if (elapsedMs < run.graceMs) {
                recheckInMs = Math.min(recheckInMs ?? Infinity, run.graceMs - elapsedMs);
                continue;
            }
            candidates.push({
                url: entry.url,
                graceMs: run.graceMs,
                message: `too slow: no answer within ${Math.round(elapsedMs)} ms, while another proxy of its "|" run works (grace ${run.graceMs} ms: ${GRACE_FACTOR}x the slowest working median, at least ${GRACE_FLOOR_MS} ms); dropped without waiting for the probe timeout`
            });
        }
    });
    if (candidates.length === 0)
        return { cut: [], settled: false, ...(recheckInMs ? { recheckInMs } : {}) };
    const cutUrls = new Set(candidates.map(c => c.url));
    const remaining = dropEntries(chain, entry => !cutUrls.has(entry.url));
    if (!input.sumdbVerified(remaining))
        return { cut: [], settled: false };
    return {
        cut: candidates,
        settled: pending.every(entry => cutUrls.has(entry.url)),
        ...(recheckInMs ? { recheckInMs } : {})
    };
}

// EXTERNAL MODULE: ./src/go/proxy/url.ts
var proxy_url = __webpack_require__(2660);
// EXTERNAL MODULE: ./src/go/sumdb/route.ts
var sumdb_route = __webpack_require__(4661);
// EXTERNAL MODULE: ./src/net/http.ts + 5 modules
var http = __webpack_require__(9016);
// EXTERNAL MODULE: ./src/go/module/path.ts
var path = __webpack_require__(4716);
// EXTERNAL MODULE: ./src/go/proxy/walk.ts
var walk = __webpack_require__(9100);
;// CONCATENATED MODULE: ./src/probe/retry.ts


/**
 * The one rule for asking a probe request again. Every probe request (a proxy's version
 * list, a proxy's `/sumdb/<name>/supported`, a checksum database's `/latest`) uses it,
 * so a flaky path is judged the same way wherever it is met, and the way the warm phase
 * treats it: it retries those same requests, so failing the probe on one of them would
 * reject a chain the build would have got through.
 */
/** How long to wait before asking again after a transient failure: short, the probe has a deadline. */
const RETRY_PAUSE_MS = 50;
/** A transient failure is asked again at most this many times (while the deadline allows). */
const TRANSIENT_RETRIES = 3;
/**
 * A failure that says nothing lasting about the path: a 5xx or 429 answer, a connection
 * dropped or reset before a complete answer. A refused connection, a DNS or TLS failure,
 * a 4xx and the probe deadline are lasting: asking again changes nothing, or there is no
 * time left to ask (a probe attempt has no timeout of its own, only the phase deadline).
 */
function isTransient(attempt) {
    if (attempt.kind === 'answer') {
        // The chain walker's judgement, so the probe asks again exactly what the warm phase and the Go install retry.
        const verdict = (0,walk/* judgeAnswer */._n)({ kind: 'status', status: attempt.answer.status, head: attempt.answer.body });
        return verdict === 'transient' || verdict === 'unavailable';
    }
    if (attempt.kind === 'aborted')
        return false;
    return attempt.failure.code !== 'DEADLINE' && (0,probe_report/* classifyFailure */.XE)(attempt.failure).status === 'connection-closed';
}
/**
 * Whether to ask again, and after how long: only a transient failure, at most
 * TRANSIENT_RETRIES times, and only when the pause still ends before the deadline
 * (`now` and `deadline` on the same clock, ms). undefined: keep this result.
 */
function retryPause(attempt, retriesSoFar, now, deadline) {
    if (!isTransient(attempt) || retriesSoFar >= TRANSIENT_RETRIES)
        return undefined;
    return now + RETRY_PAUSE_MS < deadline ? RETRY_PAUSE_MS : undefined;
}

// EXTERNAL MODULE: ./src/net/sleep.ts
var sleep = __webpack_require__(3752);
;// CONCATENATED MODULE: ./src/probe/attempt.ts
/** The core's view of an HTTP client answer: the status line, the buffered body as text, who answered. */
function probeAnswerOf(answer) {
    const body = answer.body.kind === 'buffered' ? answer.body : { bytes: Buffer.alloc(0), truncated: true };
    return {
        status: answer.status,
        statusText: answer.statusText,
        contentType: answer.contentType,
        body: body.bytes.toString('utf8'),
        truncated: body.truncated,
        authSent: answer.authSent,
        host: answer.host
    };
}
/** The core's view of a request that got no HTTP answer. */
function transportFailureOf(failure) {
    return {
        phase: failure.phase,
        // The classifier reads a connect timeout as ETIMEDOUT in the connect phase, as Node names it.
        code: failure.code === 'CONNECT_TIMEOUT' ? 'ETIMEDOUT' : failure.code,
        message: failure.message,
        elapsedMs: failure.ms,
        host: failure.host
    };
}
/**
 * One HTTP client result as the core's per-request observation. A refused redirect
 * (https→http, too many hops) is the 3xx answer with the reason, as the go command reports it.
 */
function probeAttemptOf(result) {
    if (result.kind === 'aborted')
        return { kind: 'aborted' };
    if (result.kind === 'answer')
        return { kind: 'answer', answer: probeAnswerOf(result) };
    if (result.fault === 'redirect' && result.status !== undefined) {
        const answer = {
            status: result.status,
            statusText: '',
            contentType: '',
            body: '',
            truncated: false,
            authSent: result.authSent,
            host: result.host,
            redirectRefused: result.message
        };
        return { kind: 'answer', answer };
    }
    return { kind: 'failure', failure: transportFailureOf(result) };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/probe/file-proxy.ts



/** The directory of a `file:` proxy URL (`file:///srv/goproxy` → `/srv/goproxy`), undefined when it has none. */
function fileProxyDir(url) {
    const path = url.replace(/^file:(\/\/)?/i, '');
    try {
        return (0,external_node_url_.fileURLToPath)(`file://${path.startsWith('/') ? '' : '/'}${path}`);
    }
    catch {
        return undefined;
    }
}
/** A path below a file proxy directory, from a `/`-separated protocol path (already case-escaped). */
function fileProxyPath(dir, protocolPath) {
    return (0,external_node_path_.join)(dir, ...protocolPath.split('/'));
}
/**
 * Reads a file of a file proxy with the probe deadline, through the probe run's HTTP client, its
 * one `file://` reader (a hung network file system must not hold the phase; the read itself cannot be
 * cancelled, so it is abandoned). Missing files (and a path through a non-directory) are
 * 'missing', as the go command treats them.
 */
async function readWithDeadline(client, path, deadline, maxBytes = 64 * 1024) {
    const result = await client.get((0,external_node_url_.pathToFileURL)(path), {
        body: { mode: 'buffer', maxBytes },
        deadline
    });
    if (result.kind === 'answer') {
        if (result.status === 404)
            return { kind: 'missing' };
        return { kind: 'file', text: result.body.kind === 'buffered' ? result.body.bytes.toString('utf8') : '' };
    }
    if (result.kind === 'failure' && result.code === 'DEADLINE')
        return { kind: 'deadline' };
    return { kind: 'error', code: result.kind === 'failure' ? result.code : 'ABORTED' };
}
/** Whether a path is a directory, within the deadline (undefined when the deadline passed first). */
function isDirectory(path, deadline) {
    return raceDeadline((0,promises_.stat)(path).then(s => s.isDirectory(), () => false), deadline, undefined);
}
function raceDeadline(work, deadline, late) {
    return new Promise(resolve => {
        const timer = setTimeout(() => resolve(late), Math.max(0, deadline - performance.now()));
        timer.unref();
        void work.then(value => {
            clearTimeout(timer);
            resolve(value);
        });
    });
}

// EXTERNAL MODULE: ./src/net/credentials.ts
var credentials = __webpack_require__(6729);
;// CONCATENATED MODULE: ./src/probe/url.ts


/**
 * `base` + `/` + `path`, keeping the query string of `base`: how the go command
 * builds every request URL from a proxy URL (a query on GOPROXY goes with every request).
 */
function joinUrlPath(base, path) {
    const q = base.indexOf('?');
    const head = q < 0 ? base : base.slice(0, q);
    const query = q < 0 ? '' : base.slice(q);
    return `${head.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}${query}`;
}
/**
 * The credentials to send to a URL, as the go command picks them: what `lookup` (its
 * netrc model, given the URL without userinfo) has for the host first, else the URL's
 * own userinfo (net/http uses userinfo only when no Authorization header is set).
 */
function credentialsForUrl(url, lookup) {
    const fromLookup = lookup?.((0,proxy_url/* stripCredentials */.PH)(url));
    if (fromLookup)
        return fromLookup;
    return URL.canParse(url) ? (0,credentials/* userinfoCredentials */.sd)(new URL(url)) : undefined;
}

;// CONCATENATED MODULE: ./src/probe/proxy-probe.ts







/** Body bytes a probe keeps: a version list, a `supported` or a `/latest` answer is far smaller. */
const PROBE_BODY_LIMIT = 64 * 1024;
function round(ms) {
    return Math.round(ms * 10) / 10;
}
function isFileUrl(url) {
    return /^file:/i.test(url);
}
/** One probe GET on the run's client: redirects followed the go command's way, a hard deadline. Never rejects. */
function probeGet(url, context) {
    return context.client.get(url, {
        body: { mode: 'buffer', maxBytes: PROBE_BODY_LIMIT },
        deadline: context.deadline,
        ...(context.credentials ? { credentials: context.credentials } : {}),
        ...(context.signal ? { signal: context.signal } : {})
    });
}
function nextTurn() {
    return new Promise(resolve => setImmediate(resolve));
}
/**
 * GET `url`, asked again after a transient failure (5xx, 429, a dropped or reset
 * connection) while the shared retry rule and the deadline allow. `onAttempt` sees each
 * attempt as it comes. Never rejects.
 */
async function getWithRetries(url, context, onAttempt) {
    for (let attempts = 1;; attempts++) {
        const result = await probeGet(url, context);
        const attempt = probeAttemptOf(result);
        onAttempt?.(attempt);
        const wait = retryPause(attempt, attempts - 1, performance.now(), context.deadline);
        if (wait === undefined || context.signal?.aborted)
            return { result, attempt, attempts };
        // A ref'd timer (net/sleep): while it runs it may be all the event loop has (a dropped connection leaves no
        // socket), and an unref'd one would let the process end mid-probe. It is short and bounded by the deadline.
        await (0,sleep/* sleep */.y)(wait, context.signal);
        if (context.signal?.aborted)
            return { result: { kind: 'aborted', ms: result.ms }, attempt: { kind: 'aborted' }, attempts };
    }
}
/** Words for the number of requests a failure took, when it took more than one. */
function attemptsNote(attempts) {
    return attempts > 1 ? ` (${attempts} attempts)` : '';
}
/**
 * Probes `GET <proxy>/<module>/@v/list` up to `samples` times, one request after the
 * other on the run's client (later samples reuse the kept-alive connection). The first lasting answer decides the class: a transient
 * failure (5xx, 429, a dropped connection) is asked again a few times while the deadline
 * allows, so one unlucky request does not drop a flaky but working proxy. Only a proxy
 * that served the list is sampled again, for its latency, while there is time left (a
 * further sample starts only if one as long as the last still fits before the deadline,
 * so a slow-but-working proxy does not hold the phase open for nothing). A later sample
 * that fails ends the sampling without changing the class. file:// proxies are read on disk.
 * `onAnswered` is called when the proxy first answers anything (an error included), so the
 * probe loop does not cut it as too slow while it is retried or sampled.
 */
async function probeList(url, module, samples, context, onAnswered) {
    if (isFileUrl(url))
        return probeFileList(url, module, context);
    const target = joinUrlPath(url, `${(0,path/* moduleRequestPath */.bN)(module)}/@v/list`);
    // The first lasting answer decides the class, after the shared retry rule.
    // Any sign of life (an HTTP answer, even an error, or a reset) means the proxy is not "too slow".
    const first = await getWithRetries(target, context, attempt => {
        if (attempt.kind === 'answer' || (attempt.kind === 'failure' && attempt.failure.code !== 'DEADLINE'))
            onAnswered?.();
    });
    let attempts = first.attempts;
    if (first.attempt.kind === 'aborted') {
        return { status: 'no-response', message: 'no answer before the probe ended', samplesMs: [], attempts: attempts - 1 };
    }
    const classification = first.attempt.kind === 'answer'
        ? (0,probe_report/* classifyListAnswer */.T5)(first.attempt.answer, module)
        : (0,probe_report/* classifyFailure */.XE)(first.attempt.failure);
    if (classification.status !== 'ok') {
        return {
            ...classification,
            message: `${classification.message}${attemptsNote(first.attempts)}`,
            samplesMs: [],
            attempts
        };
    }
    const samplesMs = [round(first.result.ms)];
    // Further samples, for the median only: a failed one ends the sampling without changing the class.
    while (samplesMs.length < Math.max(1, samples)) {
        if (performance.now() + samplesMs[samplesMs.length - 1] >= context.deadline)
            break;
        // The answer settles before undici has put its connection back in the pool: one turn of the
        // event loop lets the next sample reuse it rather than open another (the sample then times
        // the request, not a new handshake).
        await nextTurn();
        attempts++;
        const result = await probeGet(target, context);
        const attempt = probeAttemptOf(result);
        if (attempt.kind === 'aborted') {
            attempts--;
            break;
        }
        if (attempt.kind !== 'answer' || (0,probe_report/* classifyListAnswer */.T5)(attempt.answer, module).status !== 'ok')
            break;
        samplesMs.push(round(result.ms));
    }
    return { ...classification, samplesMs, attempts };
}
async function probeFileList(url, module, context) {
    const { client, deadline } = context;
    const dir = fileProxyDir(url);
    if (dir === undefined)
        return { status: 'file-missing', message: `${url} names no directory`, samplesMs: [], attempts: 1 };
    const start = performance.now();
    const read = await readWithDeadline(client, fileProxyPath(dir, `${(0,path/* escapeModulePath */.xk)(module)}/@v/list`), deadline);
    const ms = round(performance.now() - start);
    switch (read.kind) {
        case 'file':
            return (0,probe_report/* isVersionList */.Jp)(read.text)
                ? { status: 'ok', message: 'works', samplesMs: [ms], attempts: 1 }
                : {
                    status: 'not-proxy',
                    message: `not a module proxy: ${module}/@v/list is not a version list`,
                    samplesMs: [],
                    attempts: 1
                };
        case 'deadline':
            return {
                status: 'no-response',
                message: `no response: reading ${dir} did not finish in time`,
                samplesMs: [],
                attempts: 1
            };
        case 'error':
            return { status: 'file-missing', message: `cannot read ${dir} (${read.code})`, samplesMs: [], attempts: 1 };
        case 'missing':
            return (await isDirectory(dir, deadline))
                ? {
                    status: 'not-found',
                    message: `reachable, but ${dir} holds no ${module}: it does not serve that module; kept`,
                    samplesMs: [],
                    attempts: 1
                }
                : { status: 'file-missing', message: `directory ${dir} does not exist`, samplesMs: [], attempts: 1 };
    }
}
/** Words for a request that ended without an answer usable by the caller. */
function attemptMessage(attempt) {
    return attempt.kind === 'aborted' ? 'no answer before the probe ended' : (0,probe_report/* classifyFailure */.XE)(attempt.failure).message;
}
/**
 * Asks a proxy `GET <proxy>/sumdb/<name>/supported`, as the go command does before it
 * sends checksum traffic through a proxy. For a file:// proxy the file's presence decides.
 * 'aborted' results come back as undefined (the answer was no longer needed).
 */
async function probeSupported(url, name, context) {
    const start = performance.now();
    if (isFileUrl(url)) {
        const dir = fileProxyDir(url);
        const read = dir === undefined
            ? { kind: 'missing' }
            : await readWithDeadline(context.client, fileProxyPath(dir, `sumdb/${name}/supported`), context.deadline);
        const ms = round(performance.now() - start);
        if (read.kind === 'file')
            return { support: 'yes', message: 'serves the checksum database', ms };
        if (read.kind === 'missing')
            return { support: 'no', message: 'does not serve it (no such file)', ms };
        return {
            support: 'error',
            message: read.kind === 'deadline' ? 'no answer in time' : `cannot read (${read.code})`,
            ms
        };
    }
    const { attempt, attempts } = await getWithRetries(joinUrlPath(url, `sumdb/${name}/supported`), context);
    if (attempt.kind === 'aborted')
        return undefined;
    const ms = round(performance.now() - start);
    if (attempt.kind === 'failure')
        return { support: 'error', message: `${attemptMessage(attempt)}${attemptsNote(attempts)}`, ms };
    const answer = (0,probe_report/* classifySupportedAnswer */.Rk)(attempt.answer);
    return {
        ...answer,
        ...(answer.support === 'error' ? { message: `${answer.message}${attemptsNote(attempts)}` } : {}),
        ms
    };
}

// EXTERNAL MODULE: ./src/go/sumdb/tlog.ts
var tlog = __webpack_require__(724);
;// CONCATENATED MODULE: ./src/probe/sumdb-probe.ts





function sumdb_probe_round(ms) {
    return Math.round(ms * 10) / 10;
}
/**
 * GET `<base>/latest` and check the shape of the signed tree head (the signature is
 * the go command's business). `base` is a database root: `https://<name>`, the GOSUMDB
 * URL, or `<proxy>/sumdb/<name>` (also file://, read on disk). A transient failure is
 * asked again by the shared retry rule (probe/retry.ts). Never rejects.
 */
async function checkLatest(base, name, context) {
    const start = performance.now();
    if (/^file:/i.test(base)) {
        const dir = fileProxyDir(base);
        const read = dir === undefined
            ? { kind: 'missing' }
            : await readWithDeadline(context.client, fileProxyPath(dir, 'latest'), context.deadline);
        const ms = sumdb_probe_round(performance.now() - start);
        if (read.kind !== 'file')
            return { ok: false, message: read.kind === 'missing' ? 'no latest file' : 'cannot read the latest file', ms };
        const problem = (0,probe_report/* checkTreeHead */.hs)(read.text, name);
        return problem ? { ok: false, message: problem, ms } : { ok: true, message: `signed tree head of ${name}`, ms };
    }
    const { result, attempt, attempts } = await getWithRetries(joinUrlPath(base, 'latest'), context);
    if (attempt.kind !== 'answer') {
        return {
            ok: false,
            message: `${attemptMessage(attempt)}${attempt.kind === 'aborted' ? '' : attemptsNote(attempts)}`,
            ms: sumdb_probe_round(performance.now() - start),
            ...(attempt.kind === 'aborted' ? { aborted: true } : {})
        };
    }
    const ms = sumdb_probe_round(result.ms);
    if (attempt.answer.status !== 200) {
        return { ok: false, message: `${(0,probe_report/* describeFailedAnswer */.l$)(attempt.answer).message}${attemptsNote(attempts)}`, ms };
    }
    const problem = (0,probe_report/* checkTreeHead */.hs)(attempt.answer.body, name);
    if (problem)
        return { ok: false, message: `HTTP 200 but ${problem}`, ms };
    const tile = await checkFirstTile(base, Number(attempt.answer.body.split('\n')[1]), context);
    if (tile)
        return { ok: false, message: tile, ms: sumdb_probe_round(performance.now() - start) };
    return { ok: true, message: `signed tree head of ${name}, tiles served`, ms };
}
/**
 * A path that serves `latest` may still fail every tile (goproxy.io once answered 404 for tiles): go reads tiles
 * for every lookup it verifies, so one tile is read too — the first one of level 0, full or as partial as the tree
 * is. Returns the problem, or undefined when the tile came back.
 */
async function checkFirstTile(base, treeSize, context) {
    if (!Number.isSafeInteger(treeSize) || treeSize < 1)
        return undefined;
    const path = (0,tlog/* tilePath */.uB)({ H: tlog/* TILE_HEIGHT */.VM, L: 0, N: 0, W: Math.min(treeSize, 2 ** tlog/* TILE_HEIGHT */.VM) });
    const { attempt, attempts } = await getWithRetries(joinUrlPath(base, path), context);
    if (attempt.kind === 'aborted')
        return undefined;
    if (attempt.kind === 'failure')
        return `latest works but ${path}: ${attemptMessage(attempt)}${attemptsNote(attempts)}`;
    if (attempt.answer.status !== 200 || attempt.answer.body.length === 0) {
        return `latest works but ${path} does not (${(0,probe_report/* describeFailedAnswer */.l$)(attempt.answer).message}${attemptsNote(attempts)}): go reads tiles to verify every lookup`;
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/net/trust.ts
var trust = __webpack_require__(7837);
;// CONCATENATED MODULE: ./src/probe/trust.ts
/** The probe's trust is the HTTP client's (src/net/trust.ts): one set of certificates for every https request. */


;// CONCATENATED MODULE: ./src/probe/probe.ts
















/** Defensive: the composition already rejects a private probe module; nothing private may leave the runner. */
function assertPublicModule(plan, module) {
    if ((0,patterns/* matchesPrefixPatterns */.BC)(plan.gonoproxy, module) || (0,patterns/* matchesPrefixPatterns */.BC)(plan.gonosumdb, module)) {
        throw new errors/* InputError */.dz('probe-module', `${(0,errors/* quote */.hD)(module)} matches the private patterns (GONOPROXY ${(0,errors/* quote */.hD)(plan.gonoproxy)}, GONOSUMDB ${(0,errors/* quote */.hD)(plan.gonosumdb)}); the probe would send it to every proxy.`);
    }
}
function supportOf(probe) {
    return probe ?? { support: 'error', message: 'no answer before the probe ended' };
}
/**
 * Probes every distinct proxy of the plan's chain and the checksum database path the go
 * command will take, all concurrently and all under one deadline (timeoutMs from the
 * call): a request still running then is destroyed and classified by its phase. Then
 * rebuilds the chain from what works and checks the database route on the REBUILT
 * chain. Sends only the probe module's list path and `/sumdb/<name>/{supported,latest}`,
 * never a private path; credentials go only to their own origin and are never printed.
 */
async function probeChain(plan, options) {
    const start = performance.now();
    assertPublicModule(plan, options.probeModule);
    const ca = (0,trust/* trustedCertificates */.g)(options.ca);
    // One client for the whole run: a proxy's samples share a kept-alive connection. Closing it
    // ends every socket and every request still in flight, so nothing outlives the phase.
    const client = (0,http/* createHttpClient */.u)({
        ...(ca ? { ca } : {}),
        env: process.env,
        userAgent: 'setup-goproxy-probe'
    });
    try {
        return await probeWith(client, plan, options, start);
    }
    finally {
        await client.close();
    }
}
/**
 * Each request's context: the client, the deadline, the URL's credentials, and the signals that end it early — `stop`
 * for a speculative checksum-database request whose answer turns out not to matter, and the cutter of the proxy it
 * asks, aborted when that proxy is cut as too slow (probe/settle.ts).
 */
function requestContexts(client, deadline, urls, options) {
    const stop = new AbortController();
    const cutters = new Map(urls.map(url => [url, new AbortController()]));
    const context = (url, speculative = false, proxy) => {
        const credentials = credentialsForUrl(url, options.credentialsFor);
        const cutter = proxy === undefined ? undefined : cutters.get(proxy);
        const signals = [...(speculative ? [stop.signal] : []), ...(cutter ? [cutter.signal] : [])];
        return {
            client,
            deadline,
            ...(credentials ? { credentials } : {}),
            ...(signals.length > 0 ? { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) } : {})
        };
    };
    return { context, stop, cutters };
}
/** The probe itself, every request on `client` (closed by the caller); `start` is when the phase began. */
async function probeWith(client, plan, options, start) {
    const deadline = start + options.timeoutMs;
    const log = options.log ?? silentLogger;
    const module = options.probeModule;
    const urls = [...new Set(plan.chain.proxies.map(entry => entry.url))];
    const { context, stop, cutters } = requestContexts(client, deadline, urls, options);
    const samples = options.samples ?? (urls.length > 1 ? 3 : 1);
    const results = new Map();
    const answered = new Set();
    const lists = new Map(urls.map(url => [
        url,
        probeList(url, module, samples, context(url, false, url), () => answered.add(url)).then(result => {
            if (!results.has(url))
                results.set(url, result);
            return result;
        })
    ]));
    const sumdb = plan.sumdb;
    const checks = startSumdbChecks(plan, urls, options, context);
    const { latest, ownBase, proxyBase, aliasEligible, aliasBase, supported, supportedSettled } = checks;
    await untilSettled(plan.chain, lists, results, answered, start, log, {
        enabled: options.endWhenSettled ?? true,
        cut: url => cutters.get(url)?.abort(),
        sumdbVerified: checks.verified
    });
    const standingOf = (entry) => {
        const result = results.get(entry.url);
        if (!result)
            return undefined;
        const medianMs = result.status === 'ok' ? ((0,probe_report/* median */.JZ)(result.samplesMs) ?? undefined) : undefined;
        return { working: (0,probe_report/* isWorking */.ms)(result.status), ...(medianMs !== undefined ? { medianMs } : {}) };
    };
    const { chain, noneWorks } = decideChain(plan.chain, standingOf, options.order);
    const route = await exportedRoute(chain, sumdb, supported);
    const routeCheck = await checkRoute(route, sumdb, { latest, ownBase, proxyBase });
    // The alias is asked only when the decision could use its answer.
    const aliasCheck = routeCheck.status === 'failed' && aliasEligible ? await latest(aliasBase) : undefined;
    const { check: sumdbCheck, sumdb: finalSumdb, notes } = applyChinaAlias(routeCheck, sumdb, aliasEligible, aliasCheck, (0,proxy_url/* redactUrl */.BO)(joinUrlPath(aliasBase, 'latest')));
    stop.abort();
    const proxies = proxyResults(urls, chain, results, supported, supportedSettled);
    const dropped = proxies.filter(p => !(0,probe_report/* isWorking */.ms)(p.status));
    const problems = chainProblems(plan.chain, noneWorks, url => results.get(url), proxy_url/* redactUrl */.BO, options.words ?? wording/* ACTION_WORDING */.G);
    if (sumdbCheck.status === 'failed')
        problems.push(`Checksum database ${sumdbCheck.name}: ${sumdbCheck.message}`);
    const fastest = fastestProxy(proxies);
    const report = {
        module,
        timeoutMs: options.timeoutMs,
        elapsedMs: Math.round(performance.now() - start),
        order: options.order,
        chain: (0,proxy_chain/* formatChain */.rA)(chain, true),
        proxies,
        sumdb: sumdbCheck,
        notes: [...notes, ...servesNoPublicModuleNotes(proxies, module)],
        problems
    };
    logOutcome(log, report, options.timeoutMs);
    return {
        report,
        chain,
        sumdb: finalSumdb,
        problems,
        ...(fastest ? { fastest } : {}),
        unreachable: dropped.map(p => p.url)
    };
}
/**
 * Every way to the checksum database is tried at once, from the start: the route is only known once the chain is
 * rebuilt, and by then there may be no time left.
 */
function startSumdbChecks(plan, urls, options, context) {
    const sumdb = plan.sumdb;
    const latestChecks = new Map();
    const latestSettled = new Map();
    const latest = (base, proxy) => {
        let check = latestChecks.get(base);
        if (!check && sumdb.kind === 'db') {
            check = checkLatest(base, sumdb.name, context(base, true, proxy)).then(result => {
                latestSettled.set(base, result);
                return result;
            });
            latestChecks.set(base, check);
        }
        return check ?? Promise.resolve({ ok: false, message: 'not checked', ms: 0 });
    };
    const ownBase = (base) => {
        const host = /^https:\/\/([^/?#@]+)\/?$/i.exec(base)?.[1];
        return (host && options.sumdbBaseOverride?.(host)) || base;
    };
    const proxyBase = (url) => joinUrlPath(url, `sumdb/${sumdb.kind === 'db' ? sumdb.name : ''}`);
    const aliasEligible = mayUseChinaAlias(sumdb, plan.sumdbChosen);
    const aliasBase = ownBase(`https://${config/* CHINA_SUMDB_ALIAS */.ZC}`);
    const supported = new Map();
    const supportedSettled = new Map();
    if (sumdb.kind === 'db') {
        if (!sumdb.explicitUrl) {
            for (const url of urls) {
                const answer = probeSupported(url, sumdb.name, context(url, true, url)).then(result => {
                    supportedSettled.set(url, result);
                    if (result?.support === 'yes')
                        void latest(proxyBase(url), url);
                    return result;
                });
                supported.set(url, answer);
            }
        }
        void latest(ownBase(sumdb.url));
        if (aliasEligible)
            void latest(aliasBase);
    }
    const verified = (candidate) => {
        if (sumdb.kind === 'off')
            return true;
        const route = (0,sumdb_route/* sumdbRoute */.H)(candidate, sumdb, url => supportedSettled.get(url));
        if (route.kind === 'proxy')
            return latestSettled.get(proxyBase(route.proxy))?.ok === true;
        if (route.kind === 'direct' || route.kind === 'explicit')
            return latestSettled.get(ownBase(route.base))?.ok === true;
        return false;
    };
    return { latest, ownBase, proxyBase, aliasEligible, aliasBase, supported, supportedSettled, verified };
}
/** The route to the checksum database on the chain that will be exported, waiting only for the answers it needs. */
async function exportedRoute(chain, sumdb, supported) {
    const answers = new Map();
    let route = (0,sumdb_route/* sumdbRoute */.H)(chain, sumdb, url => answers.get(url));
    while (route.kind === 'pending') {
        answers.set(route.proxy, supportOf(await supported.get(route.proxy)));
        route = (0,sumdb_route/* sumdbRoute */.H)(chain, sumdb, url => answers.get(url));
    }
    return route;
}
/** One report row per proxy: its list probe, its checksum-database support, its place in the rebuilt chain. */
function proxyResults(urls, chain, results, supported, supportedSettled) {
    const position = new Map(chain.proxies.map((entry, i) => [entry.url, i + 1]));
    return urls.map(url => {
        const result = results.get(url);
        const answer = supportedSettled.get(url);
        const sumdbSupport = !supported.has(url)
            ? 'not asked'
            : answer === undefined
                ? 'unknown'
                : answer.support;
        return {
            url: (0,proxy_url/* redactUrl */.BO)(url),
            status: result.status,
            message: result.message,
            samplesMs: result.samplesMs,
            attempts: result.attempts,
            medianMs: result.status === 'ok' ? (0,probe_report/* median */.JZ)(result.samplesMs) : null,
            sumdbSupport,
            ...(answer?.support === 'error' ? { sumdbMessage: answer.message } : {}),
            position: position.get(url) ?? null
        };
    });
}
/** The probe's lines for the log: one per proxy, the checksum database, the time taken. */
function logOutcome(log, report, timeoutMs) {
    const { proxies, sumdb: sumdbCheck } = report;
    for (const p of proxies) {
        const timing = p.medianMs === null ? '' : `, median ${p.medianMs} ms (samples: ${p.samplesMs.join(', ')} ms)`;
        log.info(`probe ${p.url}: ${(0,probe_report/* isWorking */.ms)(p.status) ? '' : 'dropped: '}${p.message}${timing}`);
    }
    if (sumdbCheck.status === 'switched')
        log.warning(sumdbCheck.message);
    else
        log.info(`checksum database: ${sumdbCheck.message}`);
    log.info(`probe finished in ${report.elapsedMs} ms (timeout ${timeoutMs} ms)`);
}
/** How often the loop asks again while waiting for the checksum-database path (the observations it needs are not awaited one by one). */
const RECHECK_MS = 50;
/**
 * Waits for the version-list probes until nothing is pending, or until the core says
 * the outcome is settled (probe/settle.ts): the proxies it cuts get a `too-slow`
 * result and their requests are ended. Each probe ends by the deadline anyway, so this
 * never outlasts it; every cut request is awaited, so no socket outlives the phase.
 */
async function untilSettled(chain, lists, results, answered, start, log, tools) {
    const progress = (url) => {
        const result = results.get(url);
        if (!result)
            return { state: 'pending', answered: answered.has(url) };
        const medianMs = result.status === 'ok' ? ((0,probe_report/* median */.JZ)(result.samplesMs) ?? undefined) : undefined;
        return { state: 'done', served: result.status === 'ok', ...(medianMs !== undefined ? { medianMs } : {}) };
    };
    for (;;) {
        const pending = [...lists].filter(([url]) => !results.has(url)).map(([, probe]) => probe);
        if (pending.length === 0)
            return;
        if (!tools.enabled) {
            await Promise.all(pending);
            return;
        }
        const decision = settleProbe({
            chain,
            progress,
            elapsedMs: performance.now() - start,
            sumdbVerified: tools.sumdbVerified
        });
        for (const cut of decision.cut) {
            results.set(cut.url, { status: 'too-slow', message: cut.message, samplesMs: [], attempts: 1 });
            tools.cut(cut.url);
            log.debug(`probe ${(0,proxy_url/* redactUrl */.BO)(cut.url)}: cut after ${Math.round(performance.now() - start)} ms`);
        }
        if (decision.settled) {
            await Promise.all(pending);
            return;
        }
        let timer;
        const wait = Math.min(decision.recheckInMs ?? RECHECK_MS, RECHECK_MS);
        await Promise.race([...pending, new Promise(resolve => (timer = setTimeout(resolve, wait)))]);
        clearTimeout(timer);
    }
}
/** Checks the path the go command will take and says, in words, which path that is and how it went. */
async function checkRoute(route, sumdb, tools) {
    if (route.kind === 'off' || sumdb.kind === 'off') {
        return {
            name: '',
            status: 'off',
            route: 'off',
            message: 'GOSUMDB=off: checksums are not verified, nothing to check.'
        };
    }
    const name = sumdb.name;
    if (route.kind === 'fails' || route.kind === 'pending') {
        const proxy = (0,proxy_url/* redactUrl */.BO)(route.proxy);
        const why = route.kind === 'fails' ? route.message : 'no answer';
        return {
            name,
            status: 'failed',
            route: 'none',
            via: proxy,
            message: `the go command first asks ${proxy}/sumdb/${name}/supported, which failed (${why}), and does not fall through that error (a "," after it, or no direct at the end): verification would fail`
        };
    }
    const base = route.kind === 'proxy' ? tools.proxyBase(route.proxy) : tools.ownBase(route.base);
    const check = await tools.latest(base);
    const url = (0,proxy_url/* redactUrl */.BO)(joinUrlPath(base, 'latest'));
    const how = route.kind === 'proxy'
        ? `the go command sends checksum traffic through ${(0,proxy_url/* redactUrl */.BO)(route.proxy)} (it answers /sumdb/${name}/supported) and never falls back from it`
        : route.kind === 'explicit'
            ? `GOSUMDB names ${(0,proxy_url/* redactUrl */.BO)(base)}; the go command goes there directly`
            : `no proxy in the chain serves it, so the go command goes directly to ${(0,proxy_url/* redactUrl */.BO)(base)}`;
    return {
        name,
        status: check.ok ? 'ok' : 'failed',
        route: route.kind,
        ...(route.kind === 'proxy' ? { via: (0,proxy_url/* redactUrl */.BO)(route.proxy) } : {}),
        url,
        message: check.ok ? `${how}: ${url} answered with a ${check.message}` : `${how}: ${url} failed: ${check.message}`,
        ms: check.ms
    };
}


/***/ })

};
