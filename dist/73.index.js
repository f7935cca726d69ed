export const id = 73;
export const ids = [73,227,540];
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
/* harmony export */   restoreModulesEarly: () => (/* binding */ restoreModulesEarly),
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
/* harmony import */ var _restore_worker_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9227);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8298);
/**
 * The cache phase: restore before the warm phase (modules, awaited: the warm phase then fetches only what is missing)
 * and beside both (build: started first, it runs beside the modules restore and then the warm phase), save in the post step after a successful job. What post needs is handed over as a
 * CacheState (kept in the step state) and the restored entry lists (files in RUNNER_TEMP).
 */










/** How long a lookup may take before the job goes on without the cache, and the download with extraction. */
const LOOKUP_DEADLINE_MS = 15_000;
const RESTORE_DEADLINE_MS = 10 * 60_000;
const SAVE_DEADLINE_MS = 15 * 60_000;
const DEFAULT_DEADLINES = { lookupMs: LOOKUP_DEADLINE_MS, restoreMs: RESTORE_DEADLINE_MS };
/** Returns undefined (with a notice) when the job has no cache service or go cannot say where its caches are. */
async function restoreCaches(options) {
    const { log } = options;
    const service = await (0,_restore_worker_js__WEBPACK_IMPORTED_MODULE_8__.restoreServiceStatus)(options.deadlines?.childEntry);
    if ('error' in service) {
        log.warning(`cache: ${service.error}; nothing restored or saved.`);
        return undefined;
    }
    if (!service.available) {
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
    const deadlines = options.deadlines ?? DEFAULT_DEADLINES;
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
        let listed = { names: [] };
        build = (async () => {
            const started = performance.now();
            const { outcome, base, delta } = await restoreBuildEntries(GOCACHE, prefix, context, deadlines);
            const entries = (await (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .listFiles */ .C)(GOCACHE)).filter(f => (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .isBuildCacheEntry */ .pU)(f.path));
            // Restored entries keep their archived mtimes; set back past go's hour, every use this job refreshes them.
            const restored = entries.filter(f => f.mtimeMs < options.startedMs);
            await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.setMtimes)(GOCACHE, restored, (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .backdatedMtime */ .e2)(Date.now()));
            listed = buildList(entries, restored, base, delta);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(list, JSON.stringify(listed));
            const result = withDelta(part('build', prefix, outcome, entries), delta);
            log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_9__/* .restoreLine */ .JD)(result));
            log.debug(`Build cache: restored in ${Math.round(performance.now() - started)} ms`);
            return result;
        })();
        const restoring = build;
        buildSettled = async () => {
            await restoring;
            const entries = (await (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .listFiles */ .C)(GOCACHE)).filter(f => (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .isBuildCacheEntry */ .pU)(f.path));
            listed = { ...listed, names: entries.map(f => f.path) };
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(list, JSON.stringify(listed));
        };
        state = { ...state, build: { path: GOCACHE, prefix, restored: 'none', list } };
    }
    try {
        if (options.settings.parts.includes('modules') && GOMODCACHE) {
            const early = await options.early;
            const restored = early?.gomodcache === GOMODCACHE ? early : await restoreModules(GOMODCACHE, options, deadlines);
            if (early && early !== restored) {
                log.debug(`Module cache: restored early into ${early.gomodcache}, but the job's go uses ${GOMODCACHE}`);
            }
            modules = restored.part;
            log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_9__/* .restoreLine */ .JD)(modules));
            log.debug(`Module cache: restored in ${restored.ms} ms${restored === early ? ' (beside the Go install)' : ''}`);
            state = { ...state, modules: restored.state };
        }
    }
    catch (error) {
        // The build restore goes on by itself; the step fails on this error, not on one of that promise's later.
        build?.catch(() => undefined);
        throw error;
    }
    return { modules, build, ...(buildSettled ? { buildSettled } : {}), state };
}
/** Restores `$GOMODCACHE/cache/download` from the entry of this job's go.sum files, or the newest of any. */
async function restoreModules(gomodcache, options, deadlines) {
    const started = performance.now();
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(gomodcache, 'cache', 'download');
    const sums = await goSumFiles(options.directories, options.cwd, options.env.GOWORK);
    const { key, prefix } = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .moduleKeys */ .Nm)({ os: options.os, keySuffix: options.settings.keySuffix }, await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.hashFiles)(sums, options.cwd));
    // A module cache already here (a self-hosted runner's, or one another action restored): tar must be able to
    // replace files in it as a non-root user.
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(gomodcache))
        await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.makeDirectoriesWritable)(gomodcache);
    const outcome = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.restoreEntry)([path], key, [prefix], deadlines);
    const files = await (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .listFiles */ .C)(path);
    const list = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(options.stateDir, 'setup-goproxy-modules.json');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(list, JSON.stringify((0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .fingerprint */ .Rj)(files.map(f => f.path))));
    const restored = part('modules', key, outcome, files);
    return {
        gomodcache,
        part: restored,
        state: { path, key, restored: restored.kind, list },
        ms: Math.round(performance.now() - started)
    };
}
/**
 * The modules restore started before Go is installed, with the go already here (`options.go`): the module cache's
 * place does not depend on the Go version (GOMODCACHE, else GOPATH's pkg/mod, from the environment and go's own
 * settings file), and its key only on the go.sum files, so the restore runs beside the install. restoreCaches takes
 * it when the installed go names the same GOMODCACHE (`early`), else restores again. Undefined when there is
 * nothing to restore early (no cache service, go cannot say); never throws.
 */
async function restoreModulesEarly(options) {
    try {
        if (!options.settings.parts.includes('modules'))
            return undefined;
        const service = await (0,_restore_worker_js__WEBPACK_IMPORTED_MODULE_8__.restoreServiceStatus)(options.deadlines?.childEntry);
        if ('error' in service || !service.available)
            return undefined;
        // Asked outside the project, of this go alone: a go.mod or GOTOOLCHAIN naming a newer Go must not make the
        // question download a toolchain (the install is under way).
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(options.stateDir, { recursive: true });
        const facts = await (0,_exec_go_js__WEBPACK_IMPORTED_MODULE_3__/* .goEnv */ .Aq)(options.go, ['GOMODCACHE'], {
            cwd: options.stateDir,
            env: { ...options.env, GOTOOLCHAIN: 'local' }
        });
        if (!facts.ok || !facts.values.GOMODCACHE)
            return undefined;
        return await restoreModules(facts.values.GOMODCACHE, options, options.deadlines ?? DEFAULT_DEADLINES);
    }
    catch {
        return undefined;
    }
}
/**
 * The base build entry (the newest under the prefix), then, when one matched, the newest delta of that base (its
 * prefix names the base: a delta of another base is never applied).
 */
async function restoreBuildEntries(gocache, prefix, context, deadlines) {
    const outcome = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.restoreEntry)([gocache], prefix, [prefix], deadlines);
    if (outcome.matchedKey === undefined)
        return { outcome };
    const deltaPrefix = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .buildDeltaPrefix */ .PA)(context, outcome.matchedKey);
    const delta = await restoreDelta(gocache, deltaPrefix, deadlines);
    return { outcome, base: { key: outcome.matchedKey, deltaPrefix }, delta };
}
/**
 * The hand-over to post from the entries after the restore. What the base held: the restored entries (archived mtimes,
 * before this step; what the warm phase writes meanwhile is not) the delta did not bring. On a self-hosted runner whose
 * GOCACHE persists, older entries of its own count as the base's too: left out of a delta, a fresh runner compiles them
 * again, and its delta then holds them.
 */
function buildList(entries, restored, base, delta) {
    const fromDelta = delta && 'key' in delta ? delta : undefined;
    const deltaNames = new Set(fromDelta?.names ?? []);
    return {
        names: entries.map(f => f.path),
        ...(base ? { base: { ...base, names: restored.map(f => f.path).filter(name => !deltaNames.has(name)) } } : {}),
        ...(fromDelta ? { delta: { key: fromDelta.key, names: fromDelta.names } } : {})
    };
}
function withDelta(result, delta) {
    if (delta && 'key' in delta) {
        return { ...result, delta: { key: delta.key, files: delta.names.length, bytes: delta.bytes } };
    }
    return delta && 'problem' in delta ? { ...result, deltaProblem: delta.problem } : result;
}
/**
 * Restores the newest delta of a base (its prefix names the base) into the stage beside GOCACHE, moves its entries
 * into GOCACHE (those already there stay) and removes the stage.
 */
async function restoreDelta(gocache, deltaPrefix, deadlines) {
    const stage = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .buildDeltaStage */ .j2)(gocache);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(stage, { recursive: true, force: true });
        const outcome = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.restoreEntry)([stage], deltaPrefix, [deltaPrefix], deadlines);
        if ('gaveUp' in outcome && outcome.gaveUp)
            return { problem: outcome.gaveUp };
        if (outcome.matchedKey === undefined)
            return { none: true };
        const names = [];
        let bytes = 0;
        for (const entry of (await (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .listFiles */ .C)(stage)).filter(f => (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .isBuildCacheEntry */ .pU)(f.path))) {
            const to = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(gocache, entry.path);
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(to))
                continue;
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(to), { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(stage, entry.path), to).catch(() => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(stage, entry.path), to));
            names.push(entry.path);
            bytes += entry.size;
        }
        return { key: outcome.matchedKey, names, bytes };
    }
    catch (error) {
        return {
            problem: `its entries could not be moved into GOCACHE: ${error instanceof Error ? error.message : String(error)}`
        };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(stage, { recursive: true, force: true }).catch(() => undefined);
    }
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
        log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_9__/* .saveLine */ .Gj)(result));
        saved.push(result);
    }
    if (state.build) {
        const { path, prefix, list } = state.build;
        const entries = (await (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .listFiles */ .C)(path)).filter(f => (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .isBuildCacheEntry */ .pU)(f.path));
        const { keep, drop } = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .trimPlan */ .ow)(entries, state.startedMs);
        const listed = await readBuildList(list);
        const restoredNames = new Set(listed.names);
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
            // A base was restored: what the job kept beyond it (new entries, and those an earlier delta brought) is a
            // cumulative delta of it, stored alone when it is small against what the job kept of the base.
            const baseNames = new Set(listed.base?.names ?? []);
            const beyond = keep.filter(e => !baseNames.has(e.path));
            const plan = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .buildSavePlan */ .nZ)({
                baseKey: listed.base?.key,
                baseKeptBytes: keep.filter(e => baseNames.has(e.path)).reduce((sum, f) => sum + f.size, 0),
                deltaFiles: beyond.length,
                deltaBytes: beyond.reduce((sum, f) => sum + f.size, 0)
            });
            if (plan.kind === 'delta' && listed.base) {
                result = await saveDelta(path, beyond, listed.base, deadline, log);
            }
            if (result === undefined) {
                const putBack = await (0,_cache_js__WEBPACK_IMPORTED_MODULE_5__.setAside)(path, drop, `${path}.unused-${process.pid}`);
                try {
                    result = {
                        ...(await save('build', [path], prefix + (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .fingerprint */ .Rj)(keep.map(e => e.path)), keep.length, bytes, deadline)),
                        trimmed,
                        ...(plan.kind === 'full' && listed.base ? { fullBecause: plan.why } : {})
                    };
                }
                finally {
                    await putBack();
                }
            }
        }
        else {
            result = { part: 'build', saved: false, reason: decision.reason, files: keep.length, bytes, trimmed };
        }
        log.info((0,_report_js__WEBPACK_IMPORTED_MODULE_9__/* .saveLine */ .Gj)(result));
        saved.push(result);
    }
    return saved;
}
/**
 * Stores `entries` (relative to GOCACHE) as a delta of `base`: hard links (copies where a link fails) in the stage
 * beside GOCACHE, saved under the base's delta prefix and the fingerprint of their names (an identical delta is not
 * stored twice), the stage removed after. Undefined when they could not be staged: a full entry is saved instead.
 */
async function saveDelta(gocache, entries, base, deadlineMs, log) {
    const stage = (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .buildDeltaStage */ .j2)(gocache);
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(stage, { recursive: true, force: true });
        for (const entry of entries) {
            const to = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(stage, entry.path);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(to), { recursive: true });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.link)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(gocache, entry.path), to).catch(() => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.copyFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(gocache, entry.path), to));
        }
    }
    catch (error) {
        log.debug(`Build cache: the delta could not be staged in ${stage} (${error instanceof Error ? error.message : String(error)}); a full entry instead`);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(stage, { recursive: true, force: true }).catch(() => undefined);
        return undefined;
    }
    try {
        const key = base.deltaPrefix + (0,_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .fingerprint */ .Rj)(entries.map(e => e.path));
        const bytes = entries.reduce((sum, f) => sum + f.size, 0);
        return { ...(await save('build', [stage], key, entries.length, bytes, deadlineMs)), deltaOf: base.key };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(stage, { recursive: true, force: true }).catch(() => undefined);
    }
}
async function readBuildList(file) {
    const value = await readJson(file);
    return value && Array.isArray(value.names) ? value : { names: [] };
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

/***/ 9227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RestoreDeadlineError: () => (/* binding */ RestoreDeadlineError),
/* harmony export */   restoreInWorker: () => (/* binding */ restoreInWorker),
/* harmony export */   restoreServiceStatus: () => (/* binding */ restoreServiceStatus),
/* harmony export */   runRestoreWorker: () => (/* binding */ runRestoreWorker),
/* harmony export */   standbyRestoreWorker: () => (/* binding */ standbyRestoreWorker),
/* harmony export */   stopRestoreWorker: () => (/* binding */ stopRestoreWorker)
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
 * had written (the tree is as it was before), and the next request starts a new worker.
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
        cache.restoreCache(request.paths, request.key, request.restoreKeys, { lookupOnly: true }).then(lookedUp, lookedUp);
        try {
            const matchedKey = await cache.restoreCache(request.paths, request.key, request.restoreKeys, {
                timeoutInMs: 60_000,
                segmentTimeoutInMs: request.segmentTimeoutMs
            });
            lookedUp();
            const restoredMs = Math.round(performance.now() - started);
            process.stdout.write(`::debug::Cache restore of ${request.key}: looked up in ${lookupMs} ms, done in ${restoredMs} ms (worker ready at ${readyAt} ms)\n`);
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
        const before = new Map();
        for (const path of request.paths)
            before.set(path, await fileStamps(path));
        // It may have ended while the tree was listed: then no answer would ever come for the request.
        if (this.#gone)
            throw new WorkerGoneError();
        const id = this.#nextId++;
        let looked = false;
        const outcome = new Promise(settle => {
            this.#pending.set(id, { paths: request.paths, before, looked: () => (looked = true), settle });
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
            for (const path of pending.paths)
                await removeWritten(path, pending.before.get(path) ?? new Map());
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
/** Each file under `root` with its mtime and size, to tell afterwards what a restore wrote. */
async function fileStamps(root) {
    const stamps = new Map();
    for (const file of await (0,_files_js__WEBPACK_IMPORTED_MODULE_6__/* .listFiles */ .C)(root))
        stamps.set(file.path, `${file.mtimeMs}:${file.size}`);
    return stamps;
}
/** Removes the files under `root` that are new or changed since `before` (a killed tar's partial work). */
async function removeWritten(root, before) {
    for (const file of await (0,_files_js__WEBPACK_IMPORTED_MODULE_6__/* .listFiles */ .C)(root)) {
        if (before.get(file.path) !== `${file.mtimeMs}:${file.size}`) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, file.path), { force: true }).catch(() => undefined);
        }
    }
}


/***/ })

};
