export const id = 292;
export const ids = [292];
export const modules = {

/***/ 3292:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LOOKUP_DEADLINE_MS: () => (/* binding */ LOOKUP_DEADLINE_MS),
  RESTORE_DEADLINE_MS: () => (/* binding */ RESTORE_DEADLINE_MS),
  SAVE_DEADLINE_MS: () => (/* binding */ SAVE_DEADLINE_MS),
  goSumFiles: () => (/* binding */ goSumFiles),
  restoreCaches: () => (/* binding */ restoreCaches),
  saveCaches: () => (/* binding */ saveCaches)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/exec/go.ts + 1 modules
var go = __webpack_require__(8944);
// EXTERNAL MODULE: ./src/warm/directories.ts
var warm_directories = __webpack_require__(6266);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 355 modules
var cache = __webpack_require__(4520);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/cache/cache.ts
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
    return cache/* isFeatureAvailable */.w3();
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
        const found = await withDeadline(cache/* restoreCache */.P3(paths, key, restoreKeys, { lookupOnly: true }), deadlines.lookupMs, 'The cache lookup');
        if (found === undefined)
            return { matchedKey: undefined };
        const matchedKey = await withDeadline(cache/* restoreCache */.P3(paths, key, restoreKeys, { timeoutInMs: 60_000, segmentTimeoutInMs: deadlines.restoreMs }), deadlines.restoreMs, 'The cache restore');
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
        const id = await withDeadline(cache/* saveCache */.Io(paths, key), deadlineMs, 'The cache save');
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
            names = await (0,promises_.readdir)((0,external_node_path_.join)(root, rel), { withFileTypes: true });
        }
        catch {
            continue;
        }
        for (const entry of names) {
            const child = rel ? `${rel}/${entry.name}` : entry.name;
            if (entry.isDirectory())
                pending.push(child);
            else if (entry.isFile()) {
                const stat = await (0,promises_.lstat)((0,external_node_path_.join)(root, child));
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
            stat = await (0,promises_.lstat)(dir);
        }
        catch {
            continue;
        }
        if (!stat.isDirectory())
            continue;
        if ((stat.mode & 0o200) === 0) {
            await (0,promises_.chmod)(dir, (stat.mode & 0o7777) | 0o200);
            changed++;
        }
        for (const entry of await (0,promises_.readdir)(dir, { withFileTypes: true })) {
            if (entry.isDirectory())
                pending.push((0,external_node_path_.join)(dir, entry.name));
        }
    }
    return changed;
}
/** Sets the mtime (and atime) of each listed file under `root` to `timeMs`. */
async function setMtimes(root, files, timeMs) {
    const time = new Date(timeMs);
    for (const file of files)
        await (0,promises_.utimes)((0,external_node_path_.join)(root, file.path), time, time).catch(() => undefined);
}
/**
 * Moves `files` out of `root` into `aside` (same parent, so a rename), and returns the way back: the save archives
 * `root` without them, and a self-hosted runner's cache keeps them afterwards.
 */
async function setAside(root, files, aside) {
    const moved = [];
    for (const file of files) {
        const to = (0,external_node_path_.join)(aside, file.path);
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(to), { recursive: true });
        try {
            await (0,promises_.rename)((0,external_node_path_.join)(root, file.path), to);
            moved.push(file.path);
        }
        catch {
            // Left in place: it is saved with the rest.
        }
    }
    return async () => {
        for (const path of moved)
            await (0,promises_.rename)((0,external_node_path_.join)(aside, path), (0,external_node_path_.join)(root, path)).catch(() => undefined);
        await (0,promises_.rm)(aside, { recursive: true, force: true });
    };
}
/** sha256 over the files' paths (relative to `base`) and contents; files that do not exist are left out. */
async function hashFiles(files, base) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let any = false;
    for (const file of [...files].sort()) {
        let content;
        try {
            content = await (0,promises_.readFile)(file);
        }
        catch {
            continue;
        }
        any = true;
        hash.update((0,external_node_path_.relative)(base, file).split(external_node_path_.sep).join('/')).update('\0').update(content).update('\0');
    }
    return any ? hash.digest('hex').slice(0, 32) : 'no-go-sum';
}

// EXTERNAL MODULE: ./src/cache/policy.ts
var policy = __webpack_require__(4798);
;// CONCATENATED MODULE: ./src/cache/report.ts
/** The cache phase's lines for the log and its table for the job summary (pure). */

const LABEL = {
    modules: 'modules (`GOMODCACHE/cache/download`)',
    build: 'build (`GOCACHE`)'
};
function code(value) {
    return `\`${value.replace(/[`|\\<>]/g, ch => `\\${ch}`)}\``;
}
const size = (files, bytes) => `${files} files, ${(0,policy/* formatBytes */.z3)(bytes)}`;
/** One log line per restored part. */
function restoreLine(part) {
    const what = part.part === 'modules' ? 'Module cache' : 'Build cache';
    if (part.problem)
        return `${what}: nothing restored (${part.problem})`;
    if (part.kind === 'none')
        return `${what}: no entry for ${part.key} (cold: ${size(part.files, part.bytes)} on disk)`;
    return `${what}: ${part.kind} hit ${part.matchedKey} (${size(part.files, part.bytes)} on disk)`;
}
/** One log line per saved (or not saved) part. */
function saveLine(part) {
    const what = part.part === 'modules' ? 'Module cache' : 'Build cache';
    const trimmed = part.trimmed ? `; ${size(part.trimmed.files, part.trimmed.bytes)} unused by this job left out` : '';
    if (part.saved)
        return `${what}: saved ${part.key} (${size(part.files, part.bytes)}${trimmed})`;
    return `${what}: not saved: ${part.reason ?? 'the cache service did not take it'}${trimmed}`;
}
/** The summary table of the main step: what each part restored. */
function restoreTable(parts) {
    const rows = parts.map(p => `| ${LABEL[p.part]} | ${p.problem ? `none (${p.problem.replace(/\|/g, '\\|')})` : p.kind} | ${p.matchedKey ? code(p.matchedKey) : code(p.key)} | ${size(p.files, p.bytes)} |`);
    return ['| cache | restored | key | on disk after restore |', '|---|---|---|---|', ...rows].join('\n');
}
/** The summary table of the post step: what each part saved. */
function saveTable(parts) {
    const rows = parts.map(p => `| ${LABEL[p.part]} | ${p.saved ? 'saved' : `not saved: ${(p.reason ?? 'refused by the cache service').replace(/\|/g, '\\|')}`} | ${p.key ? code(p.key) : ''} | ${size(p.files, p.bytes)} | ${p.trimmed ? size(p.trimmed.files, p.trimmed.bytes) : ''} |`);
    return [
        '| cache | saved | key | size (uncompressed) | left out (unused this job) |',
        '|---|---|---|---|---|',
        ...rows
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/cache/phase.ts
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
    if (!cacheServiceAvailable()) {
        log.info('cache: this job has no cache service (ACTIONS_RESULTS_URL is not set): nothing restored or saved.');
        return undefined;
    }
    const facts = await (0,go/* goEnv */.Aq)(options.go, ['GOMODCACHE', 'GOCACHE', 'GOVERSION', 'GOARCH'], {
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
    await (0,promises_.mkdir)(options.stateDir, { recursive: true });
    let state = { startedMs: options.startedMs, restoreOnly: options.settings.restoreOnly };
    let modules;
    let build;
    if (options.settings.parts.includes('modules') && GOMODCACHE) {
        const path = (0,external_node_path_.join)(GOMODCACHE, 'cache', 'download');
        const sums = await goSumFiles(options.directories, options.cwd, options.env.GOWORK);
        const { key, prefix } = (0,policy/* moduleKeys */.Nm)(context, await hashFiles(sums, options.cwd));
        // A module cache already here (a self-hosted runner's, or one another action restored): tar must be able to
        // replace files in it as a non-root user.
        if ((0,external_node_fs_.existsSync)(GOMODCACHE))
            await makeDirectoriesWritable(GOMODCACHE);
        const outcome = await restoreEntry([path], key, [prefix], deadlines);
        const files = await listFiles(path);
        const list = (0,external_node_path_.join)(options.stateDir, 'setup-goproxy-modules.json');
        await (0,promises_.writeFile)(list, JSON.stringify((0,policy/* fingerprint */.Rj)(files.map(f => f.path))));
        modules = part('modules', key, outcome, files);
        log.info(restoreLine(modules));
        state = { ...state, modules: { path, key, restored: modules.kind, list } };
    }
    if (options.settings.parts.includes('build') && GOCACHE && GOCACHE !== 'off') {
        const prefix = (0,policy/* buildPrefix */.Nn)(context);
        const list = (0,external_node_path_.join)(options.stateDir, 'setup-goproxy-build.json');
        build = (async () => {
            const outcome = await restoreEntry([GOCACHE], prefix, [prefix], deadlines);
            const entries = (await listFiles(GOCACHE)).filter(f => (0,policy/* isBuildCacheEntry */.pU)(f.path));
            // Restored entries keep their archived mtimes; set back past go's hour, every use this job refreshes them.
            const restored = entries.filter(f => f.mtimeMs < options.startedMs);
            await setMtimes(GOCACHE, restored, (0,policy/* backdatedMtime */.e2)(Date.now()));
            await (0,promises_.writeFile)(list, JSON.stringify(entries.map(f => f.path)));
            const result = part('build', prefix, outcome, entries);
            log.info(restoreLine(result));
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
    const kind = name === 'build' && outcome.matchedKey ? 'partial' : (0,policy/* restoreKind */.nW)(key, outcome.matchedKey);
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
    const resolved = await (0,warm_directories/* resolveDirectories */.Gz)(directories, cwd, gowork);
    const files = new Set();
    for (const set of resolved.sets) {
        if (set.goWork)
            files.add((0,external_node_path_.join)((0,external_node_path_.dirname)(set.goWork), 'go.work.sum'));
        for (const goMod of set.goMods)
            files.add((0,external_node_path_.join)((0,external_node_path_.dirname)(goMod), 'go.sum'));
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
        const files = await listFiles(path);
        const before = await readJson(list);
        const decision = (0,policy/* saveDecision */.Od)({
            part: 'modules',
            restored,
            changed: (0,policy/* fingerprint */.Rj)(files.map(f => f.path)) !== before,
            restoreOnly: state.restoreOnly,
            jobStatus: options.jobStatus
        });
        const bytes = files.reduce((sum, f) => sum + f.size, 0);
        const result = decision.save
            ? await save('modules', [path], key, files.length, bytes, deadline)
            : { part: 'modules', saved: false, reason: decision.reason, files: files.length, bytes };
        log.info(saveLine(result));
        saved.push(result);
    }
    if (state.build) {
        const { path, prefix, list } = state.build;
        const entries = (await listFiles(path)).filter(f => (0,policy/* isBuildCacheEntry */.pU)(f.path));
        const { keep, drop } = (0,policy/* trimPlan */.ow)(entries, state.startedMs);
        const restoredNames = new Set((await readJson(list)) ?? []);
        const decision = (0,policy/* saveDecision */.Od)({
            part: 'build',
            restored: restoredNames.size > 0 ? 'partial' : 'none',
            changed: (0,policy/* hasNewOutputs */.RF)(keep, restoredNames),
            restoreOnly: state.restoreOnly,
            jobStatus: options.jobStatus
        });
        const bytes = keep.reduce((sum, f) => sum + f.size, 0);
        const trimmed = { files: drop.length, bytes: drop.reduce((sum, f) => sum + f.size, 0) };
        let result;
        if (decision.save) {
            const putBack = await setAside(path, drop, `${path}.unused-${process.pid}`);
            try {
                result = {
                    ...(await save('build', [path], prefix + (0,policy/* fingerprint */.Rj)(keep.map(e => e.path)), keep.length, bytes, deadline)),
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
        log.info(saveLine(result));
        saved.push(result);
    }
    return saved;
}
async function save(part, paths, key, files, bytes, deadlineMs) {
    const outcome = await saveEntry(paths, key, deadlineMs);
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
        return JSON.parse(await (0,promises_.readFile)(file, 'utf8'));
    }
    catch {
        return undefined;
    }
}


/***/ })

};
