export const id = 540;
export const ids = [540,227];
export const modules = {

/***/ 9540:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hasAbandonedCacheRequests: () => (/* binding */ hasAbandonedCacheRequests),
/* harmony export */   hashFiles: () => (/* binding */ hashFiles),
/* harmony export */   makeDirectoriesWritable: () => (/* binding */ makeDirectoriesWritable),
/* harmony export */   restoreEntry: () => (/* binding */ restoreEntry),
/* harmony export */   saveEntry: () => (/* binding */ saveEntry),
/* harmony export */   setAside: () => (/* binding */ setAside),
/* harmony export */   setMtimes: () => (/* binding */ setMtimes)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _restore_worker_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9227);
/**
 * The cache phase's I/O: the trees on disk (listing, making writable, mtimes, setting entries aside) and GitHub's
 * cache through the real @actions/cache library, every call of which runs under a deadline (the library waits on a
 * cache service that accepts and never answers for as long as the socket lives). Restores run in the restore worker
 * (restore-worker.ts), saves (the post step) in-process.
 */




/** Requests to the cache service that were given up at their deadline and may still hold a socket open. */
let abandoned = 0;
/** True when a cache request was given up: the step then ends its process itself, whatever sockets remain. */
function hasAbandonedCacheRequests() {
    return abandoned > 0;
}
class DeadlineError extends Error {
}
async function withDeadline(work, ms, what) {
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new DeadlineError(`${what} did not finish within ${ms / 1000} s`)), ms);
    });
    try {
        return await Promise.race([work, deadline]);
    }
    catch (error) {
        if (error instanceof DeadlineError) {
            abandoned++;
            // The abandoned call still settles some day; what it says then is of no use.
            work.catch(() => undefined);
        }
        throw error;
    }
    finally {
        clearTimeout(timer);
    }
}
/**
 * Restores `paths` from the entry of `key` or the newest under `restoreKeys`, in the restore worker: a lookup that
 * does not answer within `lookupMs` (a service that accepts and never answers) costs seconds, and a restore past
 * `restoreMs` is killed with its tar and what it wrote removed, so no archive is extracted late while the warm phase
 * already writes the same tree. Either is a miss the job goes on without, as is a failure the library reports
 * itself (an unreachable service, a failed extraction: its warning).
 */
async function restoreEntry(paths, key, restoreKeys, deadlines) {
    try {
        const matchedKey = await (0,_restore_worker_js__WEBPACK_IMPORTED_MODULE_3__.restoreInWorker)({ paths, key, restoreKeys, segmentTimeoutMs: deadlines.restoreMs }, deadlines);
        return { matchedKey };
    }
    catch (error) {
        // A cache is an optimisation: a restore that failed or was given up is a miss, and the job goes on.
        if (error instanceof _restore_worker_js__WEBPACK_IMPORTED_MODULE_3__.RestoreDeadlineError)
            return { gaveUp: error.message };
        return { gaveUp: `The cache restore failed: ${error instanceof Error ? error.message : String(error)}` };
    }
}
/** Saves `paths` under `key`; false (with the library's own message in the log) when the entry was not written. */
async function saveEntry(paths, key, deadlineMs) {
    try {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(520)]).then(__webpack_require__.bind(__webpack_require__, 4520));
        const id = await withDeadline(cache.saveCache(paths, key), deadlineMs, 'The cache save');
        return id !== -1;
    }
    catch (error) {
        if (error instanceof DeadlineError)
            return error.message;
        throw error;
    }
}
/**
 * Adds the owner's write bit to every directory under `root` that lacks it (go's read-only module cache), so that
 * tar, extracting as a non-root user, can replace the files in them. Returns how many it changed.
 */
async function makeDirectoriesWritable(root) {
    let changed = 0;
    const pending = [root];
    while (pending.length > 0) {
        const dir = pending.pop();
        let stat;
        try {
            stat = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(dir);
        }
        catch {
            continue;
        }
        if (!stat.isDirectory())
            continue;
        if ((stat.mode & 0o200) === 0) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chmod)(dir, (stat.mode & 0o7777) | 0o200);
            changed++;
        }
        for (const entry of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir, { withFileTypes: true })) {
            if (entry.isDirectory())
                pending.push((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, entry.name));
        }
    }
    return changed;
}
/** Sets the mtime (and atime) of each listed file under `root` to `timeMs`. */
async function setMtimes(root, files, timeMs) {
    const time = new Date(timeMs);
    for (const file of files)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.utimes)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, file.path), time, time).catch(() => undefined);
}
/**
 * Moves `files` out of `root` into `aside` (same parent, so a rename), and returns the way back: the save archives
 * `root` without them, and a self-hosted runner's cache keeps them afterwards.
 */
async function setAside(root, files, aside) {
    const moved = [];
    for (const file of files) {
        const to = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(aside, file.path);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(to), { recursive: true });
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, file.path), to);
            moved.push(file.path);
        }
        catch {
            // Left in place: it is saved with the rest.
        }
    }
    return async () => {
        for (const path of moved)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(aside, path), (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, path)).catch(() => undefined);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(aside, { recursive: true, force: true });
    };
}
/** sha256 over the files' paths (relative to `base`) and contents; files that do not exist are left out. */
async function hashFiles(files, base) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let any = false;
    for (const file of [...files].sort()) {
        let content;
        try {
            content = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file);
        }
        catch {
            continue;
        }
        any = true;
        hash.update((0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(base, file).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/')).update('\0').update(content).update('\0');
    }
    return any ? hash.digest('hex').slice(0, 32) : 'no-go-sum';
}


/***/ }),

/***/ 8889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CS: () => (/* binding */ listFiles),
/* harmony export */   LE: () => (/* binding */ stampsByPath),
/* harmony export */   a9: () => (/* binding */ fileStamp),
/* harmony export */   zy: () => (/* binding */ readHead)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/** Listing a cache tree (shared by the cache phase and the restore child). */


/** Every regular file under `root` (relative paths with `/`), with mtime and size; none when root is absent. */
async function listFiles(root) {
    const files = [];
    const pending = [''];
    while (pending.length > 0) {
        const rel = pending.pop();
        let names;
        try {
            names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, rel), { withFileTypes: true });
        }
        catch {
            continue;
        }
        for (const entry of names) {
            const child = rel ? `${rel}/${entry.name}` : entry.name;
            if (entry.isDirectory())
                pending.push(child);
            else if (entry.isFile()) {
                const stat = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, child));
                files.push({ path: child, mtimeMs: stat.mtimeMs, size: stat.size });
            }
        }
    }
    return files;
}
/** A file's stamp, its mtime and size: whether something wrote it again since it was listed. */
function fileStamp(file) {
    return `${file.mtimeMs}:${file.size}`;
}
/** Each file's stamp (fileStamp) by its relative path. */
function stampsByPath(files) {
    return new Map(files.map(file => [file.path, fileStamp(file)]));
}
/** The first `length` bytes of a file (fewer when it is shorter); empty when it cannot be read. */
async function readHead(file, length) {
    try {
        const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(file, 'r');
        try {
            const buffer = Buffer.alloc(length);
            const { bytesRead } = await handle.read(buffer, 0, length, 0);
            return buffer.subarray(0, bytesRead);
        }
        finally {
            await handle.close();
        }
    }
    catch {
        return Buffer.alloc(0);
    }
}


/***/ }),

/***/ 9227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RestoreDeadlineError: () => (/* binding */ RestoreDeadlineError),
/* harmony export */   restoreInWorker: () => (/* binding */ restoreInWorker),
/* harmony export */   restoreServiceStatus: () => (/* binding */ restoreServiceStatus),
/* harmony export */   runRestoreWorker: () => (/* binding */ runRestoreWorker),
/* harmony export */   standbyRestoreWorker: () => (/* binding */ standbyRestoreWorker),
/* harmony export */   stopRestoreWorker: () => (/* binding */ stopRestoreWorker),
/* harmony export */   writtenRoot: () => (/* binding */ writtenRoot)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(481);
/* harmony import */ var node_readline__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_readline__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _exec_cancel_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3155);
/* harmony import */ var _exec_go_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6407);
/* harmony import */ var _child_arg_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7349);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8889);
/**
 * Cache restores in one child process, started early and killed with its tar at a deadline.
 *
 * @actions/cache looks the entry up, downloads the archive and extracts it with tar; none of it takes a signal, and a
 * lookup from a cache service that accepts and never answers waits for as long as the socket lives. Given up
 * in-process, a restore past its deadline would still download and then extract late, writing into the module cache
 * while the warm phase (or the job's build) already uses it. So the restores run in a child, the worker: the action's
 * own bundle started with RESTORE_WORKER_ARG, in a process group of its own on POSIX. At a deadline the parent kills
 * the whole tree (tar included: `killProcessTree`), waits for it to be gone, removes whatever the restores in flight
 * had written (the tree is as it was before), and the next request starts a new worker. A restore that fails part-way
 * (a damaged archive, a full disk: the library warns and answers "no entry") is told from a miss by the lookup beside
 * it, and what its tar wrote is removed the same way: a half-extracted module cache would otherwise meet go with
 * truncated go.mod files, which go refuses without fetching them again.
 *
 * Why one worker, started early (`standbyRestoreWorker`): a child costs a node start and the library's evaluation
 * (about 0.3 s of CPU). One worker for every part pays it once, and started while the parent still validates inputs,
 * probes and installs Go, pays it beside that work, not on the way to a warm module cache. The parent never loads the
 * library for a restore at all.
 *
 * Why a lookup beside each restore: the lookup deadline (a stalled service costs seconds, not the restore deadline)
 * needs to know when the lookup answered, and restoreCache does not say. The worker runs a lookup-only call beside the
 * full one, not before it, so the deadline has its answer and the restore does not wait a second round trip.
 *
 * Protocol: requests are JSON lines on the worker's stdin; the worker's answers are lines on its stdout starting with
 * RESULT_PREFIX (ready, lookup, result); every other line is the library's log, passed through to the step's log. The
 * worker exits when its stdin ends and nothing is in flight, so a worker left idle dies with the step.
 */








const RESULT_PREFIX = 'setup-goproxy-cache-worker ';
/** The worker's side: load the library, say whether this job has a cache service, then serve requests until stdin ends. */
async function runRestoreWorker() {
    const say = (line) => process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(line)}\n`);
    const cache = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(520)]).then(__webpack_require__.bind(__webpack_require__, 4520));
    say({ ready: true, available: cache.isFeatureAvailable() });
    const readyAt = Math.round(performance.now());
    const inFlight = new Set();
    const serve = async (id, request) => {
        const started = performance.now();
        let looked = false;
        let lookupMs = 0;
        /** The lookup answered (found, none or failed: the restore's own outcome says which). */
        const lookedUp = () => {
            if (looked)
                return;
            looked = true;
            lookupMs = Math.round(performance.now() - started);
            say({ id, looked: true });
        };
        let found;
        cache.restoreCache(request.paths, request.key, request.restoreKeys, { lookupOnly: true }).then(key => {
            found = key;
            lookedUp();
        }, lookedUp);
        try {
            const matchedKey = await cache.restoreCache(request.paths, request.key, request.restoreKeys, {
                timeoutInMs: 60_000,
                segmentTimeoutInMs: request.segmentTimeoutMs
            });
            lookedUp();
            const restoredMs = Math.round(performance.now() - started);
            process.stdout.write(`::debug::Cache restore of ${request.key}: looked up in ${lookupMs} ms, done in ${restoredMs} ms (worker ready at ${readyAt} ms)\n`);
            // The library says "no entry" (undefined) also when the download or tar failed, after a warning of its own; the
            // lookup beside it (one request, answered long before a download and tar end) tells the two apart, and the
            // parent then removes what tar wrote before it failed.
            if (!matchedKey && found) {
                say({ id, error: `the entry ${found} was found but not restored (the warning above says why)` });
                return;
            }
            say({ id, matchedKey: matchedKey ?? null });
        }
        catch (error) {
            lookedUp();
            say({ id, error: error instanceof Error ? error.message : String(error) });
        }
    };
    const lines = (0,node_readline__WEBPACK_IMPORTED_MODULE_3__.createInterface)({ input: process.stdin });
    for await (const line of lines) {
        if (!line.trim())
            continue;
        const { id, request } = JSON.parse(line);
        const served = serve(id, request).finally(() => inFlight.delete(served));
        inFlight.add(served);
    }
    await Promise.all(inFlight);
    // Exit once the last line is out (a pipe is asynchronous on Windows): a socket the library left open must not keep
    // the worker, and so the step, waiting.
    process.stdout.write('', () => process.exit(0));
}
/** Why a restore was given up: its lookup or its restore passed its deadline (or another part's did, in one worker). */
class RestoreDeadlineError extends Error {
}
/** The parent's handle on one worker process. */
class Worker {
    entry;
    envKey;
    #child;
    #posix = process.platform !== 'win32';
    #pending = new Map();
    #ready;
    #forgetOnCancel;
    #nextId = 1;
    #gone = false;
    /** What is awaited of the worker (its ready line, restores in flight): while any, it keeps the step alive. */
    #holds = 0;
    constructor(entry, envKey, write) {
        this.entry = entry;
        this.envKey = envKey;
        this.#child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(process.execPath, [entry, _child_arg_js__WEBPACK_IMPORTED_MODULE_7__/* .RESTORE_WORKER_ARG */ .x], {
            detached: this.#posix,
            stdio: ['pipe', 'pipe', 'inherit'],
            windowsHide: true,
            env: workerEnv(process.env)
        });
        this.#forgetOnCancel = (0,_exec_cancel_js__WEBPACK_IMPORTED_MODULE_4__/* .onCancel */ .A)(() => (0,_exec_go_js__WEBPACK_IMPORTED_MODULE_5__/* .killProcessTree */ .g8)(this.#child, this.#posix));
        write(`::debug::Cache restore worker started (pid ${this.#child.pid ?? 'none'})`);
        // A request written to a worker that just died: its 'close' settles the request.
        this.#child.stdin?.on('error', () => undefined);
        let ready = () => undefined;
        this.#ready = new Promise(resolve => (ready = resolve));
        const lines = (0,node_readline__WEBPACK_IMPORTED_MODULE_3__.createInterface)({ input: this.#child.stdout });
        lines.on('line', raw => {
            const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
            if (!line.startsWith(RESULT_PREFIX))
                return write(line);
            const answer = JSON.parse(line.slice(RESULT_PREFIX.length));
            if ('ready' in answer)
                return ready({ available: answer.available });
            const pending = this.#pending.get(answer.id);
            if (!pending)
                return;
            if ('looked' in answer)
                return pending.looked();
            this.#pending.delete(answer.id);
            pending.settle('error' in answer ? { error: answer.error } : { matchedKey: answer.matchedKey });
        });
        const ended = (why) => {
            this.#gone = true;
            this.#forgetOnCancel();
            ready({ error: why });
            for (const [id, pending] of this.#pending) {
                this.#pending.delete(id);
                pending.settle({ error: why });
            }
        };
        this.#child.on('error', error => ended(`the cache restore worker could not start: ${error.message}`));
        this.#child.on('close', (code, signal) => ended(`the cache restore worker ended (exit ${code ?? signal})`));
        this.#hold(this.#ready);
    }
    get gone() {
        return this.#gone;
    }
    /** Whether the job has a cache service, as the library says (or why the worker could not tell). */
    status() {
        return this.#ready;
    }
    /** Restores one entry; the matched key, or undefined for no entry or a failure the library logged as its warning. */
    async restore(request, deadlines) {
        const roots = [...new Set(request.paths.map(writtenRoot))];
        const before = new Map();
        for (const root of roots)
            before.set(root, await fileStamps(root));
        // It may have ended while the tree was listed: then no answer would ever come for the request.
        if (this.#gone)
            throw new WorkerGoneError();
        const id = this.#nextId++;
        let looked = false;
        const outcome = new Promise(settle => {
            this.#pending.set(id, { roots, before, looked: () => (looked = true), settle });
        });
        this.#hold(outcome);
        this.#child.stdin?.write(`${JSON.stringify({ id, request })}\n`);
        const lookupTimer = setTimeout(() => {
            if (!looked)
                void this.#giveUp(`The cache lookup did not finish within ${deadlines.lookupMs / 1000} s`);
        }, deadlines.lookupMs);
        const restoreTimer = setTimeout(() => void this.#giveUp(`The cache restore did not finish within ${deadlines.restoreMs / 1000} s`), deadlines.restoreMs);
        try {
            const result = await outcome;
            if ('error' in result) {
                if (result.error.startsWith(GIVEN_UP))
                    throw new RestoreDeadlineError(result.error.slice(GIVEN_UP.length));
                // Failed part-way (a damaged archive, a full disk): what tar wrote goes, as after a deadline.
                await removeAllWritten(roots, before);
                throw new Error(result.error);
            }
            return result.matchedKey ?? undefined;
        }
        finally {
            clearTimeout(lookupTimer);
            clearTimeout(restoreTimer);
        }
    }
    /** Ends the worker's input: it exits once what is in flight is done. */
    close() {
        this.#child.stdin?.end();
    }
    /**
     * A deadline passed: kill the worker with its tar, wait for it to be gone, remove what every restore in flight had
     * written, and give each of them up with `why`.
     */
    async #giveUp(why) {
        if (this.#gone)
            return;
        this.#gone = true;
        const inFlight = [...this.#pending.entries()];
        this.#pending.clear();
        (0,_exec_go_js__WEBPACK_IMPORTED_MODULE_5__/* .killProcessTree */ .g8)(this.#child, this.#posix);
        await exited(this.#child, 10_000);
        for (const [, pending] of inFlight) {
            await removeAllWritten(pending.roots, pending.before);
            pending.settle({ error: `${GIVEN_UP}${why}` });
        }
    }
    /**
     * While `awaited` is pending the worker keeps the step alive (its ready line, a restore in flight); idle, it does not:
     * it ends when the step does (its stdin closes).
     */
    #hold(awaited) {
        if (this.#holds++ === 0)
            this.#refs('ref');
        void awaited.finally(() => {
            if (--this.#holds === 0)
                this.#refs('unref');
        });
    }
    #refs(how) {
        this.#child[how]();
        for (const stream of [this.#child.stdout, this.#child.stdin]) {
            ;
            stream?.[how]?.();
        }
    }
}
const GIVEN_UP = 'given up: ';
/** The worker a request was for had ended before the request was sent (restoreInWorker starts another). */
class WorkerGoneError extends Error {
}
let current;
/** The environment a worker is started with is part of its identity: a test that changes the service gets a new one. */
function envKey() {
    return JSON.stringify(Object.entries(process.env)
        .filter(([name]) => /^(ACTIONS_|RUNNER_TEMP$|GITHUB_WORKSPACE$)/.test(name))
        .sort(([a], [b]) => a.localeCompare(b)));
}
function worker(entry = process.argv[1]) {
    const key = envKey();
    if (current && !current.gone && current.entry === entry && current.envKey === key)
        return current;
    current?.close();
    current = new Worker(entry, key, line => process.stdout.write(`${line}\n`));
    return current;
}
/**
 * Whether the runner may have given this job a cache service: the library looks for ACTIONS_RESULTS_URL (service v2)
 * or ACTIONS_CACHE_URL (v1) and reports none without either, so without both there is no worker to start or ask.
 */
function mayHaveCacheService() {
    return Boolean(process.env.ACTIONS_RESULTS_URL || process.env.ACTIONS_CACHE_URL);
}
/** Starts the worker now (it loads the library while the step does other work); a later restore uses it. */
function standbyRestoreWorker(entry) {
    if (mayHaveCacheService())
        worker(entry);
}
/** Ends the worker once what is in flight is done (tests; a step ends it by ending). */
function stopRestoreWorker() {
    current?.close();
    current = undefined;
}
/** Whether this job has a cache service (the library's rule, asked in the worker), or why that could not be told. */
function restoreServiceStatus(entry) {
    return mayHaveCacheService() ? worker(entry).status() : Promise.resolve({ available: false });
}
/**
 * Restores `request` in the worker: the matched key, or undefined (no entry, or a failure the library logged as its
 * warning). Past a deadline the worker is killed with its tar, what it wrote removed, and a RestoreDeadlineError
 * thrown; an error the library threw is rethrown.
 */
async function restoreInWorker(request, deadlines) {
    try {
        return await worker(deadlines.childEntry).restore(request, deadlines);
    }
    catch (error) {
        if (!(error instanceof WorkerGoneError))
            throw error;
        return worker(deadlines.childEntry).restore(request, deadlines);
    }
}
/** The step's environment without its inputs (INPUT_AUTH may hold secrets the restore has no use for). */
function workerEnv(env) {
    return Object.fromEntries(Object.entries(env).filter(([name]) => !/^INPUT_/i.test(name)));
}
function exited(child, ms) {
    if (child.exitCode !== null || child.signalCode !== null)
        return Promise.resolve();
    return new Promise(resolve => {
        const timer = setTimeout(resolve, ms);
        child.once('exit', () => {
            clearTimeout(timer);
            resolve();
        });
    });
}
/** Each file under `root` with its stamp, to tell afterwards what a restore wrote. */
async function fileStamps(root) {
    return (0,_files_js__WEBPACK_IMPORTED_MODULE_6__/* .stampsByPath */ .LE)(await (0,_files_js__WEBPACK_IMPORTED_MODULE_6__/* .listFiles */ .CS)(root));
}
/**
 * The directory under which a restore of `path` writes: the path itself, or for a glob pattern (the modules entry's
 * `<download>/**` + `/*.zip`) the directories before its first segment with a glob character.
 */
function writtenRoot(path) {
    const segments = path.split(/([\\/])/);
    const firstGlob = segments.findIndex(segment => /[*?[\]{}]/.test(segment));
    if (firstGlob < 0)
        return path;
    // What comes before the glob segment, without its trailing separator unless it is a root ("/", "C:\\").
    const before = segments.slice(0, firstGlob).join('');
    return /^([A-Za-z]:)?[\\/]?$/.test(before) ? before || '.' : before.replace(/[\\/]$/, '');
}
/** removeWritten for each root, with the stamps taken of it before the restore. */
async function removeAllWritten(roots, before) {
    for (const root of roots)
        await removeWritten(root, before.get(root) ?? new Map());
}
/**
 * Removes the files under `root` that are new or changed since `before` (a killed or failed tar's partial work), then
 * the directories left empty that held none of the files before.
 */
async function removeWritten(root, before) {
    for (const file of await (0,_files_js__WEBPACK_IMPORTED_MODULE_6__/* .listFiles */ .CS)(root)) {
        if (before.get(file.path) !== (0,_files_js__WEBPACK_IMPORTED_MODULE_6__/* .fileStamp */ .a9)(file)) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, file.path), { force: true }).catch(() => undefined);
        }
    }
    const held = new Set();
    for (const path of before.keys()) {
        for (let dir = path; dir.includes('/');)
            held.add((dir = dir.slice(0, dir.lastIndexOf('/'))));
    }
    await removeEmptyDirectories(root, '', held);
}
/** Removes, deepest first, the empty directories under `root` (not root itself) whose relative path `held` lacks. */
async function removeEmptyDirectories(root, rel, held) {
    let entries;
    try {
        entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, rel), { withFileTypes: true });
    }
    catch {
        return false;
    }
    let left = entries.length;
    for (const entry of entries) {
        if (!entry.isDirectory())
            continue;
        const child = rel ? `${rel}/${entry.name}` : entry.name;
        if (await removeEmptyDirectories(root, child, held))
            left -= 1;
    }
    if (left > 0 || rel === '' || held.has(rel))
        return false;
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rmdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, rel)).then(() => true, () => false);
}


/***/ })

};
