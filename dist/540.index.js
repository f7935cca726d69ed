export const id = 540;
export const ids = [540];
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


/***/ })

};
