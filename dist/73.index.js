export const id = 73;
export const ids = [73,155,540];
export const modules = {

/***/ 9540:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cacheServiceAvailable: () => (/* binding */ cacheServiceAvailable),
/* harmony export */   hasAbandonedCacheRequests: () => (/* binding */ hasAbandonedCacheRequests),
/* harmony export */   hashFiles: () => (/* binding */ hashFiles),
/* harmony export */   makeDirectoriesWritable: () => (/* binding */ makeDirectoriesWritable),
/* harmony export */   restoreEntry: () => (/* binding */ restoreEntry),
/* harmony export */   saveEntry: () => (/* binding */ saveEntry),
/* harmony export */   setAside: () => (/* binding */ setAside),
/* harmony export */   setMtimes: () => (/* binding */ setMtimes)
/* harmony export */ });
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4520);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _restore_child_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5536);
/**
 * The cache phase's I/O: the trees on disk (listing, making writable, mtimes, setting entries aside) and GitHub's
 * cache through the real @actions/cache library, every call of which runs under a deadline (the library waits on a
 * cache service that accepts and never answers for as long as the socket lives).
 */





/** Requests to the cache service that were given up at their deadline and may still hold a socket open. */
let abandoned = 0;
/** True when a cache request was given up: the step then ends its process itself, whatever sockets remain. */
function hasAbandonedCacheRequests() {
    return abandoned > 0;
}
/** True when the runner gave this job a cache service (ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL). */
function cacheServiceAvailable() {
    return _actions_cache__WEBPACK_IMPORTED_MODULE_0__.isFeatureAvailable();
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
 * Restores `paths` from the entry of `key` or the newest under `restoreKeys`. The lookup runs first on its own
 * short deadline, so a service that accepts and never answers costs seconds; the download and extraction run in a
 * child process that the restore deadline kills with its tar, the files it wrote removed, so no archive is extracted
 * late while the warm phase already writes the same tree. A failure the library reports itself (an
 * unreachable service, a failed extraction) is its warning and a miss.
 */
async function restoreEntry(paths, key, restoreKeys, deadlines) {
    try {
        const found = await withDeadline(_actions_cache__WEBPACK_IMPORTED_MODULE_0__.restoreCache(paths, key, restoreKeys, { lookupOnly: true }), deadlines.lookupMs, 'The cache lookup');
        if (found === undefined)
            return { matchedKey: undefined };
    }
    catch (error) {
        if (error instanceof DeadlineError)
            return { gaveUp: error.message };
        throw error;
    }
    try {
        // In a child the deadline can kill together with its tar: nothing extracts late (restore-child.ts).
        const matchedKey = await (0,_restore_child_js__WEBPACK_IMPORTED_MODULE_4__.restoreInChild)({
            request: { paths, key, restoreKeys, segmentTimeoutMs: deadlines.restoreMs },
            deadlineMs: deadlines.restoreMs,
            what: 'The cache restore',
            ...(deadlines.childEntry ? { entry: deadlines.childEntry } : {})
        });
        return { matchedKey };
    }
    catch (error) {
        // A cache is an optimisation: a restore that failed or was given up is a miss, and the job goes on.
        if (error instanceof _restore_child_js__WEBPACK_IMPORTED_MODULE_4__.ChildDeadlineError)
            return { gaveUp: error.message };
        return { gaveUp: `The cache restore failed: ${error instanceof Error ? error.message : String(error)}` };
    }
}
/** Saves `paths` under `key`; false (with the library's own message in the log) when the entry was not written. */
async function saveEntry(paths, key, deadlineMs) {
    try {
        const id = await withDeadline(_actions_cache__WEBPACK_IMPORTED_MODULE_0__.saveCache(paths, key), deadlineMs, 'The cache save');
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
            stat = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(dir);
        }
        catch {
            continue;
        }
        if (!stat.isDirectory())
            continue;
        if ((stat.mode & 0o200) === 0) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.chmod)(dir, (stat.mode & 0o7777) | 0o200);
            changed++;
        }
        for (const entry of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)(dir, { withFileTypes: true })) {
            if (entry.isDirectory())
                pending.push((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, entry.name));
        }
    }
    return changed;
}
/** Sets the mtime (and atime) of each listed file under `root` to `timeMs`. */
async function setMtimes(root, files, timeMs) {
    const time = new Date(timeMs);
    for (const file of files)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.utimes)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, file.path), time, time).catch(() => undefined);
}
/**
 * Moves `files` out of `root` into `aside` (same parent, so a rename), and returns the way back: the save archives
 * `root` without them, and a self-hosted runner's cache keeps them afterwards.
 */
async function setAside(root, files, aside) {
    const moved = [];
    for (const file of files) {
        const to = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(aside, file.path);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(to), { recursive: true });
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, file.path), to);
            moved.push(file.path);
        }
        catch {
            // Left in place: it is saved with the rest.
        }
    }
    return async () => {
        for (const path of moved)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(aside, path), (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, path)).catch(() => undefined);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(aside, { recursive: true, force: true });
    };
}
/** sha256 over the files' paths (relative to `base`) and contents; files that do not exist are left out. */
async function hashFiles(files, base) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha256');
    let any = false;
    for (const file of [...files].sort()) {
        let content;
        try {
            content = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(file);
        }
        catch {
            continue;
        }
        any = true;
        hash.update((0,node_path__WEBPACK_IMPORTED_MODULE_3__.relative)(base, file).split(node_path__WEBPACK_IMPORTED_MODULE_3__.sep).join('/')).update('\0').update(content).update('\0');
    }
    return any ? hash.digest('hex').slice(0, 32) : 'no-go-sum';
}


/***/ }),

/***/ 8889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ listFiles),
/* harmony export */   z: () => (/* binding */ readHead)
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

/***/ 3073:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOOKUP_DEADLINE_MS: () => (/* binding */ LOOKUP_DEADLINE_MS),
/* harmony export */   RESTORE_DEADLINE_MS: () => (/* binding */ RESTORE_DEADLINE_MS),
/* harmony export */   SAVE_DEADLINE_MS: () => (/* binding */ SAVE_DEADLINE_MS),
/* harmony export */   compiledOutputs: () => (/* binding */ compiledOutputs),
/* harmony export */   goSumFiles: () => (/* binding */ goSumFiles),
/* harmony export */   restoreCaches: () => (/* binding */ restoreCaches),
/* harmony export */   saveCaches: () => (/* binding */ saveCaches)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _exec_go_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6407);
/* harmony import */ var _warm_directories_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6266);
/* harmony import */ var _cache_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9540);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4798);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8889);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8298);
/**
 * The cache phase: restore before the warm phase (modules, awaited: the warm phase then fetches only what is missing)
 * and beside both (build: started first, it runs beside the modules restore and then the warm phase), save in the post step after a successful job. What post needs is handed over as a
 * CacheState (kept in the step state) and the restored entry lists (files in RUNNER_TEMP).
 */









/** How long a lookup may take before the job goes on without the cache, and the download with extraction. */
const LOOKUP_DEADLINE_MS = 15_000;
const RESTORE_DEADLINE_MS = 10 * 60_000;
const SAVE_DEADLINE_MS = 15 * 60_000;
/** Returns undefined (with a notice) when the job has no cache service or go cannot say where its caches are. */
async function restoreCaches(options) {
    const { log } = options;
    if (!(0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.cacheServiceAvailable)()) {
        log.info('cache: this job has no cache service (ACTIONS_RESULTS_URL is not set): nothing restored or saved.');
        return undefined;
    }
    const facts = await (0,_exec_go_js__WEBPACK_IMPORTED_MODULE_3__/* .goEnv */ .Aq)(options.go, ['GOMODCACHE', 'GOCACHE', 'GOVERSION', 'GOARCH'], {
        cwd: options.cwd,
        env: options.env
    });
    if (!facts.ok) {
        log.warning(`cache: ${facts.message}; nothing restored or saved.`);
        return undefined;
    }
    const { GOMODCACHE, GOCACHE, GOVERSION, GOARCH } = facts.values;
    const context = {
        os: options.os,
        arch: GOARCH,
        goVersion: GOVERSION,
        keySuffix: options.settings.keySuffix
    };
    const deadlines = options.deadlines ?? {
        lookupMs: LOOKUP_DEADLINE_MS,
        restoreMs: RESTORE_DEADLINE_MS
    };
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(options.stateDir, { recursive: true });
    let state = { startedMs: options.startedMs, restoreOnly: options.settings.restoreOnly };
    let modules;
    let build;
    let buildSettled;
    // First: the build cache's restore runs beside the modules restore (independent entries and trees) and beyond it,
    // beside the warm phase; the step awaits it before it ends.
    if (options.settings.parts.includes('build') && GOCACHE && GOCACHE !== 'off') {
        const prefix = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .buildPrefix */ .Nn)(context);
        const list = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(options.stateDir, 'setup-goproxy-build.json');
        build = (async () => {
            const started = performance.now();
            const outcome = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.restoreEntry)([GOCACHE], prefix, [prefix], deadlines);
            const entries = (await (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .listFiles */ .C)(GOCACHE)).filter(f => (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .isBuildCacheEntry */ .pU)(f.path));
            // Restored entries keep their archived mtimes; set back past go's hour, every use this job refreshes them.
            const restored = entries.filter(f => f.mtimeMs < options.startedMs);
            await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.setMtimes)(GOCACHE, restored, (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .backdatedMtime */ .e2)(Date.now()));
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(list, JSON.stringify(entries.map(f => f.path)));
            const result = part('build', prefix, outcome, entries);
            log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_8__/* .restoreLine */ .JD)(result));
            log.debug(`Build cache: restored in ${Math.round(performance.now() - started)} ms`);
            return result;
        })();
        const restoring = build;
        buildSettled = async () => {
            await restoring;
            const entries = (await (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .listFiles */ .C)(GOCACHE)).filter(f => (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .isBuildCacheEntry */ .pU)(f.path));
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(list, JSON.stringify(entries.map(f => f.path)));
        };
        state = { ...state, build: { path: GOCACHE, prefix, restored: 'none', list } };
    }
    try {
        if (options.settings.parts.includes('modules') && GOMODCACHE) {
            const started = performance.now();
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(GOMODCACHE, 'cache', 'download');
            const sums = await goSumFiles(options.directories, options.cwd, options.env.GOWORK);
            const { key, prefix } = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .moduleKeys */ .Nm)(context, await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.hashFiles)(sums, options.cwd));
            // A module cache already here (a self-hosted runner's, or one another action restored): tar must be able to
            // replace files in it as a non-root user.
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(GOMODCACHE))
                await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.makeDirectoriesWritable)(GOMODCACHE);
            const outcome = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.restoreEntry)([path], key, [prefix], deadlines);
            const files = await (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .listFiles */ .C)(path);
            const list = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(options.stateDir, 'setup-goproxy-modules.json');
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(list, JSON.stringify((0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .fingerprint */ .Rj)(files.map(f => f.path))));
            modules = part('modules', key, outcome, files);
            log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_8__/* .restoreLine */ .JD)(modules));
            log.debug(`Module cache: restored in ${Math.round(performance.now() - started)} ms`);
            state = { ...state, modules: { path, key, restored: modules.kind, list } };
        }
    }
    catch (error) {
        // The build restore goes on by itself; the step fails on this error, not on one of that promise's later.
        build?.catch(() => undefined);
        throw error;
    }
    return { modules, build, ...(buildSettled ? { buildSettled } : {}), state };
}
function part(name, key, outcome, files) {
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    if ('gaveUp' in outcome && outcome.gaveUp) {
        return {
            part: name,
            kind: 'none',
            key,
            files: files.length,
            bytes,
            problem: `${outcome.gaveUp}; the job goes on without it`
        };
    }
    const kind = name === 'build' && outcome.matchedKey ? 'partial' : (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .restoreKind */ .nW)(key, outcome.matchedKey);
    return {
        part: name,
        kind,
        key,
        ...(outcome.matchedKey ? { matchedKey: outcome.matchedKey } : {}),
        files: files.length,
        bytes
    };
}
/** The go.sum and go.work.sum files of the module sets the warm phase downloads. */
async function goSumFiles(directories, cwd, gowork) {
    const resolved = await (0,_warm_directories_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveDirectories */ .Gz)(directories, cwd, gowork);
    const files = new Set();
    for (const set of resolved.sets) {
        if (set.goWork)
            files.add((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(set.goWork), 'go.work.sum'));
        for (const goMod of set.goMods)
            files.add((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(goMod), 'go.sum'));
    }
    return [...files];
}
/** The post step: saves what changed, after a successful job only; never throws for the cache's sake. */
async function saveCaches(options) {
    const { state, log } = options;
    const saved = [];
    const deadline = options.deadlineMs ?? SAVE_DEADLINE_MS;
    if (state.modules) {
        const { path, key, restored, list } = state.modules;
        const files = await (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .listFiles */ .C)(path);
        const before = await readJson(list);
        const decision = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .saveDecision */ .Od)({
            part: 'modules',
            restored,
            changed: (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .fingerprint */ .Rj)(files.map(f => f.path)) !== before,
            restoreOnly: state.restoreOnly,
            jobStatus: options.jobStatus
        });
        const bytes = files.reduce((sum, f) => sum + f.size, 0);
        const result = decision.save
            ? await save('modules', [path], key, files.length, bytes, deadline)
            : { part: 'modules', saved: false, reason: decision.reason, files: files.length, bytes };
        log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_8__/* .saveLine */ .Gj)(result));
        saved.push(result);
    }
    if (state.build) {
        const { path, prefix, list } = state.build;
        const entries = (await (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .listFiles */ .C)(path)).filter(f => (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .isBuildCacheEntry */ .pU)(f.path));
        const { keep, drop } = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .trimPlan */ .ow)(entries, state.startedMs);
        const restoredNames = new Set((await readJson(list)) ?? []);
        const added = await compiledOutputs(path, (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .newOutputs */ .zN)(keep, restoredNames));
        if (added.length > 0 && restoredNames.size > 0) {
            // Why a job that restored the build cache stores it again: the outputs this job compiled that it did not bring.
            const shown = added.slice(0, 5).map(e => `${e.path} (${(0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .formatBytes */ .z3)(e.size)})`);
            log.debug(`Build cache: ${added.length} output(s) not in the restore: ${shown.join(', ')}`);
        }
        const decision = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .saveDecision */ .Od)({
            part: 'build',
            restored: restoredNames.size > 0 ? 'partial' : 'none',
            changed: added.length > 0,
            restoreOnly: state.restoreOnly,
            jobStatus: options.jobStatus
        });
        const bytes = keep.reduce((sum, f) => sum + f.size, 0);
        const trimmed = { files: drop.length, bytes: drop.reduce((sum, f) => sum + f.size, 0) };
        let result;
        if (decision.save) {
            const putBack = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.setAside)(path, drop, `${path}.unused-${process.pid}`);
            try {
                result = {
                    ...(await save('build', [path], prefix + (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .fingerprint */ .Rj)(keep.map(e => e.path)), keep.length, bytes, deadline)),
                    trimmed
                };
            }
            finally {
                await putBack();
            }
        }
        else {
            result = { part: 'build', saved: false, reason: decision.reason, files: keep.length, bytes, trimmed };
        }
        log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_8__/* .saveLine */ .Gj)(result));
        saved.push(result);
    }
    return saved;
}
/** The outputs among `outputs` that are compiled build content, not go's package index (see isPackageIndex). */
async function compiledOutputs(root, outputs) {
    const heads = await Promise.all(outputs.map(entry => (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .readHead */ .z)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, entry.path), _policy_js__WEBPACK_IMPORTED_MODULE_6__/* .GO_PACKAGE_INDEX_HEADER */ .Vu.length)));
    return outputs.filter((_, i) => !(0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .isPackageIndex */ .$1)(heads[i]));
}
async function save(part, paths, key, files, bytes, deadlineMs) {
    const outcome = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.saveEntry)(paths, key, deadlineMs);
    if (outcome === true)
        return { part, saved: true, key, files, bytes };
    return {
        part,
        saved: false,
        key,
        files,
        bytes,
        reason: outcome === false ? 'the cache service did not take it (see the log)' : outcome
    };
}
async function readJson(file) {
    try {
        return JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file, 'utf8'));
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 5536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ChildDeadlineError: () => (/* binding */ ChildDeadlineError),
/* harmony export */   restoreInChild: () => (/* binding */ restoreInChild),
/* harmony export */   runRestoreChild: () => (/* binding */ runRestoreChild)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _exec_cancel_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3155);
/* harmony import */ var _exec_go_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6407);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8889);
/* harmony import */ var _child_arg_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7349);
/**
 * A cache restore in a child process of its own, so that its deadline can end it together with the tar it started.
 *
 * @actions/cache downloads the archive, then extracts it with tar; neither takes a signal. Given up in-process, a
 * restore past its deadline would still download and then extract late, writing into the module cache while the
 * warm phase (or the job's build) already uses it. Here the parent (`restoreInChild`) spawns the action's own bundle
 * with RESTORE_CHILD_ARG, in a process group of its own on POSIX; at the deadline it kills the whole tree (tar
 * included: `killProcessTree`), waits for it to be gone, and then removes whatever the restore had written, so the
 * tree is as it was before.
 *
 * The child (`runRestoreChild`) reads its request from its argument (base64url JSON), calls restoreCache, and prints
 * one result line; the library's own log lines (its warnings) pass through to the step's log.
 */







const RESULT_PREFIX = 'setup-goproxy-cache-restore-result ';
/** The child's side: restore, print the result line, exit. */
async function runRestoreChild(encoded = process.argv[3] ?? '') {
    let result;
    try {
        const request = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
        const cache = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(520)]).then(__webpack_require__.bind(__webpack_require__, 4520));
        const matchedKey = await cache.restoreCache(request.paths, request.key, request.restoreKeys, {
            timeoutInMs: 60_000,
            segmentTimeoutInMs: request.segmentTimeoutMs
        });
        result = { matchedKey: matchedKey ?? null };
    }
    catch (error) {
        result = { error: error instanceof Error ? error.message : String(error) };
    }
    // Exit once the line is out (a pipe is asynchronous on Windows): a socket the library left open must not keep the
    // child, and so the step, waiting.
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0));
}
/** Why a child restore did not give a result in time. */
class ChildDeadlineError extends Error {
}
/**
 * Runs the restore in a child and returns the matched key (undefined: no entry, or a failure the library logged as
 * its warning). Past `deadlineMs` the child and its tar are killed, every file the restore wrote under the paths is
 * removed, and a ChildDeadlineError is thrown; an error the library threw is rethrown.
 */
async function restoreInChild(options) {
    const { request } = options;
    const before = new Map();
    for (const path of request.paths)
        before.set(path, await fileStamps(path));
    const entry = options.entry ?? process.argv[1];
    const write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    const posix = process.platform !== 'win32';
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(process.execPath, [entry, _child_arg_js__WEBPACK_IMPORTED_MODULE_6__/* .RESTORE_CHILD_ARG */ .T, Buffer.from(JSON.stringify(request)).toString('base64url')], { detached: posix, stdio: ['ignore', 'pipe', 'inherit'], windowsHide: true, env: childEnv(process.env) });
    const forgetOnCancel = (0,_exec_cancel_js__WEBPACK_IMPORTED_MODULE_3__/* .onCancel */ .A)(() => (0,_exec_go_js__WEBPACK_IMPORTED_MODULE_4__/* .killProcessTree */ .g8)(child, posix));
    try {
        const outcome = await Promise.race([childResult(child, write), deadline(options.deadlineMs)]);
        if (outcome === 'deadline') {
            (0,_exec_go_js__WEBPACK_IMPORTED_MODULE_4__/* .killProcessTree */ .g8)(child, posix);
            await exited(child, 10_000);
            for (const path of request.paths)
                await removeWritten(path, before.get(path) ?? new Map());
            throw new ChildDeadlineError(`${options.what} did not finish within ${options.deadlineMs / 1000} s`);
        }
        if ('error' in outcome)
            throw new Error(outcome.error);
        return outcome.matchedKey ?? undefined;
    }
    finally {
        forgetOnCancel();
    }
}
/** The step's environment without its inputs (INPUT_AUTH may hold secrets the restore has no use for). */
function childEnv(env) {
    return Object.fromEntries(Object.entries(env).filter(([name]) => !/^INPUT_/i.test(name)));
}
function deadline(ms) {
    return new Promise(resolve => setTimeout(() => resolve('deadline'), ms).unref());
}
function childResult(child, write) {
    return new Promise(resolve => {
        let partial = '';
        let result;
        child.stdout?.on('data', (chunk) => {
            const lines = (partial + chunk.toString('utf8')).split('\n');
            partial = lines.pop() ?? '';
            for (const raw of lines) {
                const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
                if (line.startsWith(RESULT_PREFIX))
                    result = JSON.parse(line.slice(RESULT_PREFIX.length));
                else
                    write(line);
            }
        });
        child.on('error', error => resolve({ error: `could not start the cache restore: ${error.message}` }));
        child.on('close', (code, signal) => resolve(result ?? { error: `the cache restore ended without a result (exit ${code ?? signal})` }));
    });
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
/** Each file under `root` with its mtime and size, to tell afterwards what a restore wrote. */
async function fileStamps(root) {
    const stamps = new Map();
    for (const file of await (0,_files_js__WEBPACK_IMPORTED_MODULE_5__/* .listFiles */ .C)(root))
        stamps.set(file.path, `${file.mtimeMs}:${file.size}`);
    return stamps;
}
/** Removes the files under `root` that are new or changed since `before` (a killed tar's partial work). */
async function removeWritten(root, before) {
    for (const file of await (0,_files_js__WEBPACK_IMPORTED_MODULE_5__/* .listFiles */ .C)(root)) {
        if (before.get(file.path) !== `${file.mtimeMs}:${file.size}`) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, file.path), { force: true }).catch(() => undefined);
        }
    }
}


/***/ })

};
