export const id = 73;
export const ids = [73,540];
export const modules = {

/***/ 9540:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cacheServiceAvailable: () => (/* binding */ cacheServiceAvailable),
/* harmony export */   hasAbandonedCacheRequests: () => (/* binding */ hasAbandonedCacheRequests),
/* harmony export */   hashFiles: () => (/* binding */ hashFiles),
/* harmony export */   listFiles: () => (/* binding */ listFiles),
/* harmony export */   makeDirectoriesWritable: () => (/* binding */ makeDirectoriesWritable),
/* harmony export */   restoreEntry: () => (/* binding */ restoreEntry),
/* harmony export */   saveEntry: () => (/* binding */ saveEntry),
/* harmony export */   setAside: () => (/* binding */ setAside),
/* harmony export */   setMtimes: () => (/* binding */ setMtimes)
/* harmony export */ });
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7131);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
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
    return _actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .isFeatureAvailable */ .w3();
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
 * short deadline, so a service that accepts and never answers costs seconds and nothing is left that could extract an
 * archive later, while the warm phase already writes the same tree. A failure the library reports itself (an
 * unreachable service, a failed extraction) is its warning and a miss.
 */
async function restoreEntry(paths, key, restoreKeys, deadlines) {
    try {
        const found = await withDeadline(_actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .restoreCache */ .P3(paths, key, restoreKeys, { lookupOnly: true }), deadlines.lookupMs, 'The cache lookup');
        if (found === undefined)
            return { matchedKey: undefined };
        const matchedKey = await withDeadline(_actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .restoreCache */ .P3(paths, key, restoreKeys, { timeoutInMs: 60_000, segmentTimeoutInMs: deadlines.restoreMs }), deadlines.restoreMs, 'The cache restore');
        return { matchedKey };
    }
    catch (error) {
        if (error instanceof DeadlineError)
            return { gaveUp: error.message };
        throw error;
    }
}
/** Saves `paths` under `key`; false (with the library's own message in the log) when the entry was not written. */
async function saveEntry(paths, key, deadlineMs) {
    try {
        const id = await withDeadline(_actions_cache__WEBPACK_IMPORTED_MODULE_0__/* .saveCache */ .Io(paths, key), deadlineMs, 'The cache save');
        return id !== -1;
    }
    catch (error) {
        if (error instanceof DeadlineError)
            return error.message;
        throw error;
    }
}
/** Every regular file under `root` (relative paths with `/`), with mtime and size; none when root is absent. */
async function listFiles(root) {
    const files = [];
    const pending = [''];
    while (pending.length > 0) {
        const rel = pending.pop();
        let names;
        try {
            names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, rel), { withFileTypes: true });
        }
        catch {
            continue;
        }
        for (const entry of names) {
            const child = rel ? `${rel}/${entry.name}` : entry.name;
            if (entry.isDirectory())
                pending.push(child);
            else if (entry.isFile()) {
                const stat = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, child));
                files.push({ path: child, mtimeMs: stat.mtimeMs, size: stat.size });
            }
        }
    }
    return files;
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

/***/ 3073:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOOKUP_DEADLINE_MS: () => (/* binding */ LOOKUP_DEADLINE_MS),
/* harmony export */   RESTORE_DEADLINE_MS: () => (/* binding */ RESTORE_DEADLINE_MS),
/* harmony export */   SAVE_DEADLINE_MS: () => (/* binding */ SAVE_DEADLINE_MS),
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
/* harmony import */ var _exec_go_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8944);
/* harmony import */ var _warm_directories_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6266);
/* harmony import */ var _cache_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9540);
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4798);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8298);
/**
 * The cache phase: restore before the warm phase (modules, awaited: the warm phase then fetches only what is missing)
 * and beside it (build), save in the post step after a successful job. What post needs is handed over as a
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
    const deadlines = options.deadlines ?? { lookupMs: LOOKUP_DEADLINE_MS, restoreMs: RESTORE_DEADLINE_MS };
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(options.stateDir, { recursive: true });
    let state = { startedMs: options.startedMs, restoreOnly: options.settings.restoreOnly };
    let modules;
    let build;
    if (options.settings.parts.includes('modules') && GOMODCACHE) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(GOMODCACHE, 'cache', 'download');
        const sums = await goSumFiles(options.directories, options.cwd, options.env.GOWORK);
        const { key, prefix } = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .moduleKeys */ .Nm)(context, await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.hashFiles)(sums, options.cwd));
        // A module cache already here (a self-hosted runner's, or one another action restored): tar must be able to
        // replace files in it as a non-root user.
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(GOMODCACHE))
            await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.makeDirectoriesWritable)(GOMODCACHE);
        const outcome = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.restoreEntry)([path], key, [prefix], deadlines);
        const files = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.listFiles)(path);
        const list = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(options.stateDir, 'setup-goproxy-modules.json');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(list, JSON.stringify((0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .fingerprint */ .Rj)(files.map(f => f.path))));
        modules = part('modules', key, outcome, files);
        log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_7__/* .restoreLine */ .JD)(modules));
        state = { ...state, modules: { path, key, restored: modules.kind, list } };
    }
    if (options.settings.parts.includes('build') && GOCACHE && GOCACHE !== 'off') {
        const prefix = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .buildPrefix */ .Nn)(context);
        const list = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(options.stateDir, 'setup-goproxy-build.json');
        build = (async () => {
            const outcome = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.restoreEntry)([GOCACHE], prefix, [prefix], deadlines);
            const entries = (await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.listFiles)(GOCACHE)).filter(f => (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .isBuildCacheEntry */ .pU)(f.path));
            // Restored entries keep their archived mtimes; set back past go's hour, every use this job refreshes them.
            const restored = entries.filter(f => f.mtimeMs < options.startedMs);
            await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.setMtimes)(GOCACHE, restored, (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .backdatedMtime */ .e2)(Date.now()));
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(list, JSON.stringify(entries.map(f => f.path)));
            const result = part('build', prefix, outcome, entries);
            log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_7__/* .restoreLine */ .JD)(result));
            return result;
        })();
        state = { ...state, build: { path: GOCACHE, prefix, restored: 'none', list } };
    }
    return { modules, build, state };
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
        const files = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.listFiles)(path);
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
        log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_7__/* .saveLine */ .Gj)(result));
        saved.push(result);
    }
    if (state.build) {
        const { path, prefix, list } = state.build;
        const entries = (await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.listFiles)(path)).filter(f => (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .isBuildCacheEntry */ .pU)(f.path));
        const { keep, drop } = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .trimPlan */ .ow)(entries, state.startedMs);
        const restoredNames = new Set((await readJson(list)) ?? []);
        const decision = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .saveDecision */ .Od)({
            part: 'build',
            restored: restoredNames.size > 0 ? 'partial' : 'none',
            changed: (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .hasNewOutputs */ .RF)(keep, restoredNames),
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
        log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_7__/* .saveLine */ .Gj)(result));
        saved.push(result);
    }
    return saved;
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


/***/ })

};
