export const id = 15;
export const ids = [15];
export const modules = {

/***/ 1015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LOOKUP_DEADLINE_MS: () => (/* binding */ LOOKUP_DEADLINE_MS),
  RESTORE_DEADLINE_MS: () => (/* binding */ RESTORE_DEADLINE_MS),
  SAVE_DEADLINE_MS: () => (/* binding */ SAVE_DEADLINE_MS),
  compiledOutputs: () => (/* binding */ compiledOutputs),
  goSumFiles: () => (/* binding */ goSumFiles),
  moduleEntryPaths: () => (/* binding */ moduleEntryPaths),
  restoreCaches: () => (/* binding */ restoreCaches),
  restoreModulesEarly: () => (/* binding */ restoreModulesEarly),
  saveCaches: () => (/* binding */ saveCaches)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/exec/go.ts
var go = __webpack_require__(6407);
// EXTERNAL MODULE: ./src/go/module/path.ts
var module_path = __webpack_require__(4716);
// EXTERNAL MODULE: ./src/go/modfile/gosum.ts
var gosum = __webpack_require__(1862);
// EXTERNAL MODULE: ./src/warm/directories.ts
var warm_directories = __webpack_require__(6266);
// EXTERNAL MODULE: ./src/cache/cache.ts
var cache = __webpack_require__(9540);
// EXTERNAL MODULE: ./src/cache/policy.ts
var policy = __webpack_require__(4798);
// EXTERNAL MODULE: ./src/cache/files.ts
var cache_files = __webpack_require__(8889);
// EXTERNAL MODULE: ./src/cache/restore-worker.ts
var restore_worker = __webpack_require__(9227);
// EXTERNAL MODULE: ./src/cache/report.ts
var cache_report = __webpack_require__(8298);
;// CONCATENATED MODULE: ./src/cache/unrecorded-zips.ts
/**
 * The restored module zips this job's go.sum does not vouch for, removed before go sees them. go hashes each restored
 * zip and checks it against go.sum when it first uses it (the entry holds no .ziphash: see MODULE_ENTRY_SUFFIXES), but
 * a zip go.sum does not record is checked against the checksum database only where one applies: for a private module
 * (GONOSUMDB, GOPRIVATE) go would take the cached bytes on trust. Such zips are an earlier go.sum's modules (a partial
 * hit), which this build does not read; removing them keeps the rule simple (a restored zip reaches go only when go.sum
 * names its hash) and keeps an entry from carrying versions no job uses any more into the next.
 */




/**
 * Removes every `.zip` among `files` (relative to `download`, what the restore wrote) for which `sums` (this job's
 * go.sum files) record no hash. Never throws (the files were written moments ago by this step's own tar, as this user).
 */
async function removeUnrecordedZips(download, files, sums) {
    const zips = files.filter(file => file.path.endsWith('.zip')).map(file => file.path);
    const unrecorded = zips.filter(rel => {
        const file = (0,module_path/* parseModuleFilePath */.Tz)(rel);
        return !file || (sums.get((0,gosum/* recordedKey */.S)(file.path, file.version, false))?.size ?? 0) === 0;
    });
    await Promise.all(unrecorded.map(rel => (0,promises_.rm)((0,external_node_path_.join)(download, rel), { force: true }).catch(() => undefined)));
    return { kept: zips.length - unrecorded.length, removed: unrecorded.length };
}

;// CONCATENATED MODULE: ./src/cache/phase.ts
/**
 * The cache phase: restore before the warm phase (modules, awaited: the warm phase then fetches only what is missing)
 * and beside both (build: started first, it runs beside the modules restore and then the warm phase), save in the post
 * step after a successful job. Each part is a base entry plus, when the job restored a base, a cumulative delta of it
 * (what the job added beyond it). What post needs is handed over as a CacheState (kept in the step state) and the
 * restored entry lists (files in RUNNER_TEMP).
 */













/** How long a lookup may take before the job goes on without the cache, and the download with extraction. */
const LOOKUP_DEADLINE_MS = 15_000;
const RESTORE_DEADLINE_MS = 10 * 60_000;
const SAVE_DEADLINE_MS = 15 * 60_000;
const DEFAULT_DEADLINES = { lookupMs: LOOKUP_DEADLINE_MS, restoreMs: RESTORE_DEADLINE_MS };
/** Returns undefined (with a notice) when the job has no cache service or go cannot say where its caches are. */
async function restoreCaches(options) {
    const { log } = options;
    const service = await (0,restore_worker.restoreServiceStatus)(options.deadlines?.childEntry);
    if ('error' in service) {
        log.warning(`cache: ${service.error}; nothing restored or saved.`);
        return undefined;
    }
    if (!service.available) {
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
    const deadlines = options.deadlines ?? DEFAULT_DEADLINES;
    await (0,promises_.mkdir)(options.stateDir, { recursive: true });
    let state = { startedMs: options.startedMs, restoreOnly: options.settings.restoreOnly };
    let modules;
    let build;
    let buildSettled;
    // First: the build cache's restore runs beside the modules restore (independent entries and trees) and beyond it,
    // beside the warm phase; the step awaits it before it ends.
    if (options.settings.parts.includes('build') && GOCACHE && GOCACHE !== 'off') {
        const prefix = (0,policy/* buildPrefix */.Nn)(context);
        const list = (0,external_node_path_.join)(options.stateDir, 'setup-goproxy-build.json');
        let listed = { names: [] };
        build = (async () => {
            const started = performance.now();
            const { outcome, base, delta } = await restoreBuildEntries(GOCACHE, prefix, context, deadlines);
            const entries = (await (0,cache_files/* listFiles */.CS)(GOCACHE)).filter(f => (0,policy/* isBuildCacheEntry */.pU)(f.path));
            // Restored entries keep their archived mtimes; set back past go's hour, every use this job refreshes them.
            const restored = entries.filter(f => f.mtimeMs < options.startedMs);
            await (0,cache.setMtimes)(GOCACHE, restored, (0,policy/* backdatedMtime */.e2)(Date.now()));
            listed = buildList(entries, restored, base, delta);
            await (0,promises_.writeFile)(list, JSON.stringify(listed));
            const result = withDelta(part('build', prefix, outcome, entries), delta);
            log.info((0,cache_report/* restoreLine */.JD)(result));
            log.debug(`Build cache: restored in ${Math.round(performance.now() - started)} ms`);
            return result;
        })();
        const restoring = build;
        buildSettled = async () => {
            await restoring;
            const entries = (await (0,cache_files/* listFiles */.CS)(GOCACHE)).filter(f => (0,policy/* isBuildCacheEntry */.pU)(f.path));
            listed = { ...listed, names: entries.map(f => f.path) };
            await (0,promises_.writeFile)(list, JSON.stringify(listed));
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
            log.info((0,cache_report/* restoreLine */.JD)(modules));
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
    const path = (0,external_node_path_.join)(gomodcache, ...module_path/* MODULE_DOWNLOAD_DIR */.GX);
    const stage = (0,policy/* deltaStage */.vb)(gomodcache);
    const sums = await goSumFiles(options.directories, options.cwd, options.env.GOWORK);
    const context = { os: options.os, keySuffix: options.settings.keySuffix };
    const goSumHash = await (0,cache.hashFiles)(sums, options.cwd);
    const { key } = (0,policy/* moduleKeys */.Nm)(context, goSumHash);
    // A module cache already here (a self-hosted runner's, or one another action restored): tar must be able to
    // replace files in it as a non-root user; and only the zips the restore wrote are judged below, not its own.
    const here = (0,external_node_fs_.existsSync)(gomodcache);
    if (here)
        await (0,cache.makeDirectoriesWritable)(gomodcache);
    const before = here ? (0,cache_files/* stampsByPath */.LE)(await moduleEntryFiles(path)) : undefined;
    const { outcome, base, delta } = await restoreModuleEntries(path, stage, context, goSumHash, deadlines);
    const files = await moduleEntryFiles(path);
    // The set as the entries brought it (before the zips go.sum does not record are removed below), and for a delta
    // saved after the job, what the base held.
    const list = (0,external_node_path_.join)(options.stateDir, 'setup-goproxy-modules.json');
    // The base and the delta stored for exactly these go.sum files: the same set as a full entry under the key.
    const exactDelta = delta && 'key' in delta && delta.key === base?.deltaKey ? delta.key : undefined;
    const exactEntries = outcome.matchedKey === key ? [key] : exactDelta && outcome.matchedKey ? [outcome.matchedKey, exactDelta] : undefined;
    await (0,promises_.writeFile)(list, JSON.stringify(modulesList(files, base, delta, exactEntries)));
    const written = before ? files.filter(f => before.get(f.path) !== (0,cache_files/* fileStamp */.a9)(f)) : files;
    const zips = outcome.matchedKey ? await removeUnrecordedZips(path, written, await recordedSumsOf(sums)) : undefined;
    const restored = {
        ...withDelta(part('modules', key, outcome, files), delta),
        ...(exactDelta ? { kind: 'exact' } : {}),
        ...(zips ? { zips } : {})
    };
    return {
        gomodcache,
        part: restored,
        state: { path, stage, key, restored: restored.kind, list },
        ms: Math.round(performance.now() - started)
    };
}
/**
 * The modules entry of these go.sum files, else the newest of any set (the base); with a base, the delta a job with
 * these go.sum files stored of it, else the newest delta of that base (its prefix names the base: a delta of another
 * base is never applied).
 */
async function restoreModuleEntries(download, stage, context, goSumHash, deadlines) {
    const { key, prefix } = (0,policy/* moduleKeys */.Nm)(context, goSumHash);
    const outcome = await (0,cache.restoreEntry)(moduleEntryPaths(download), key, [prefix], deadlines);
    if (outcome.matchedKey === undefined || outcome.matchedKey === key)
        return { outcome };
    const deltaPrefix = (0,policy/* moduleDeltaPrefix */.Xr)(context, outcome.matchedKey);
    const base = { key: outcome.matchedKey, deltaKey: deltaPrefix + goSumHash };
    const delta = await restoreDelta(download, stage, base.deltaKey, deltaPrefix, policy/* isModuleEntryFile */.t6, 'replace', deadlines);
    return { outcome, base, delta };
}
function modulesList(files, base, delta, exactEntries) {
    return {
        fingerprint: (0,policy/* fingerprint */.Rj)(files.map(f => f.path)),
        stamps: Object.fromEntries((0,cache_files/* stampsByPath */.LE)(files)),
        ...(base ? { base: { ...base, deltaFiles: delta && 'key' in delta ? [...delta.names] : [] } } : {}),
        ...(exactEntries ? { exact: { entries: exactEntries } } : {})
    };
}
/** The files a job wrote again since the restore listed them (`listed.stamps`): what go refused and the job fetched anew. */
function writtenAgain(listed, files) {
    const stamps = listed?.stamps ?? {};
    return files.filter(f => stamps[f.path] !== undefined && stamps[f.path] !== (0,cache_files/* fileStamp */.a9)(f));
}
/**
 * A download-cache file as a summary may show it: the module version and the file's kind, or a neutral phrase for a
 * name that is no module file (an archive's names are not go's, and reach the summary and a workflow command).
 */
function shownModuleFile(rel) {
    const unnamed = 'a file named for no module version';
    const file = (0,module_path/* parseModuleFilePath */.Tz)(rel);
    if (!file || !/^v[\w.+-]+$/.test(file.version))
        return unnamed;
    try {
        (0,module_path/* checkModulePath */.iU)('a cached file', file.path);
    }
    catch {
        return unnamed;
    }
    return `${file.path}@${file.version} .${file.ext}`;
}
/**
 * Why an exact hit is not stored again, and, when go refused some of its files (the warm phase fetched them anew),
 * which entries still hold them and must be deleted for a job to store the set again.
 */
function exactHitReason(listed, files, reason) {
    const exact = listed?.exact;
    const refetched = exact ? writtenAgain(listed, files) : [];
    if (!exact || refetched.length === 0)
        return reason;
    const shown = refetched.slice(0, 3).map(f => shownModuleFile(f.path));
    const more = refetched.length > shown.length ? ` and ${refetched.length - shown.length} more` : '';
    return `${reason}; ${refetched.length} of its files go refused were fetched again by this job (${shown.join(', ')}${more}): every job restoring it fetches them again until ${exact.entries.join(' and ')} ${exact.entries.length > 1 ? 'are' : 'is'} deleted (gh cache delete KEY, or the repository's Actions caches page); the next job then stores the set anew`;
}
/** What the go.sum files (those that exist) record: the hashes a restored zip must match. */
async function recordedSumsOf(files) {
    const texts = await Promise.all(files.map(file => (0,promises_.readFile)(file, 'utf8').catch(() => '')));
    return (0,gosum/* recordedSums */.zZ)(texts.map(gosum/* parseGoSum */.HD));
}
/**
 * The modules entry's paths as @actions/cache takes them: glob patterns, from which tar archives the files matched (a
 * directory whole), and the same list on restore and save (the library derives the entry's version from it): the kept
 * files by suffix (see MODULE_ENTRY_SUFFIXES).
 */
function moduleEntryPaths(download) {
    return policy/* MODULE_ENTRY_SUFFIXES */.Cf.map(suffix => (0,external_node_path_.join)(download, '**', `*${suffix}`));
}
/** The files under `download` the modules entry keeps: what a restore reports and post compares. */
async function moduleEntryFiles(download) {
    return (await (0,cache_files/* listFiles */.CS)(download)).filter(file => (0,policy/* isModuleEntryFile */.t6)(file.path));
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
        const service = await (0,restore_worker.restoreServiceStatus)(options.deadlines?.childEntry);
        if ('error' in service || !service.available)
            return undefined;
        // Asked outside the project, of this go alone: a go.mod or GOTOOLCHAIN naming a newer Go must not make the
        // question download a toolchain (the install is under way).
        await (0,promises_.mkdir)(options.stateDir, { recursive: true });
        const facts = await (0,go/* goEnv */.Aq)(options.go, ['GOMODCACHE'], {
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
    const outcome = await (0,cache.restoreEntry)([gocache], prefix, [prefix], deadlines);
    if (outcome.matchedKey === undefined)
        return { outcome };
    const deltaPrefix = (0,policy/* buildDeltaPrefix */.PA)(context, outcome.matchedKey);
    const delta = await restoreDelta(gocache, (0,policy/* deltaStage */.vb)(gocache), deltaPrefix, deltaPrefix, policy/* isBuildCacheEntry */.pU, 'keep', deadlines);
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
 * Restores a delta of a base (`key`, else the newest under `deltaPrefix`, which names the base) into `stage`, moves
 * the files `isEntry` accepts into the cache tree `root` and removes the stage. A file already there stays (`keep`:
 * build-cache entries are named by their content) or is replaced (`replace`: a module file the delta holds is newer
 * than the base's).
 */
async function restoreDelta(root, stage, key, deltaPrefix, isEntry, existing, deadlines) {
    try {
        await (0,promises_.rm)(stage, { recursive: true, force: true });
        const outcome = await (0,cache.restoreEntry)([stage], key, [deltaPrefix], deadlines);
        if ('gaveUp' in outcome && outcome.gaveUp)
            return { problem: outcome.gaveUp };
        if (outcome.matchedKey === undefined)
            return { none: true };
        const names = [];
        let bytes = 0;
        for (const entry of (await (0,cache_files/* listFiles */.CS)(stage)).filter(f => isEntry(f.path))) {
            const to = (0,external_node_path_.join)(root, entry.path);
            if ((0,external_node_fs_.existsSync)(to)) {
                if (existing === 'keep')
                    continue;
                await (0,promises_.rm)(to, { force: true });
            }
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(to), { recursive: true });
            await (0,promises_.rename)((0,external_node_path_.join)(stage, entry.path), to).catch(() => (0,promises_.copyFile)((0,external_node_path_.join)(stage, entry.path), to));
            names.push(entry.path);
            bytes += entry.size;
        }
        return { key: outcome.matchedKey, names, bytes };
    }
    catch (error) {
        return {
            problem: `its files could not be moved into ${root}: ${error instanceof Error ? error.message : String(error)}`
        };
    }
    finally {
        await (0,promises_.rm)(stage, { recursive: true, force: true }).catch(() => undefined);
    }
}
function part(name, key, outcome, files) {
    const bytes = totalBytes(files);
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
    const run = { state, jobStatus: options.jobStatus, deadline, log };
    const report = (result) => {
        if (result.warn)
            log.warning((0,cache_report/* saveLine */.Gj)(result));
        else
            log.info((0,cache_report/* saveLine */.Gj)(result));
        saved.push(result);
    };
    if (state.modules)
        report(await saveModules(state.modules, run));
    if (state.build)
        report(await saveBuild(state.build, run));
    return saved;
}
/**
 * The files a job kept beyond the base it restored (`inBase` tells the others), and whether to store them alone as a
 * delta of that base (deltaSavePlan).
 */
function splitByBase(baseKey, kept, inBase) {
    const beyond = kept.filter(entry => !inBase(entry));
    const deltaBytes = totalBytes(beyond);
    const plan = (0,policy/* deltaSavePlan */.TC)({
        baseKey,
        baseKeptBytes: totalBytes(kept) - deltaBytes,
        deltaFiles: beyond.length,
        deltaBytes
    });
    return { beyond, plan };
}
/** The bytes of `files`. */
function totalBytes(files) {
    return files.reduce((sum, f) => sum + f.size, 0);
}
/** The modules entry: again only when the set of module files changed, as a delta of the base when it is small. */
async function saveModules(modules, { state, jobStatus, deadline, log }) {
    const { path, stage, key, restored, list } = modules;
    const files = await moduleEntryFiles(path);
    const listed = await readJson(list);
    const decision = (0,policy/* saveDecision */.Od)({
        part: 'modules',
        restored,
        changed: (0,policy/* fingerprint */.Rj)(files.map(f => f.path)) !== listed?.fingerprint,
        restoreOnly: state.restoreOnly,
        jobStatus
    });
    const bytes = totalBytes(files);
    let result;
    if (decision.save) {
        // Another set's entry was restored: the module files beyond it are a cumulative delta of it, stored alone when
        // they are small against what the base held (a new dependency, not the whole cache again).
        // In the base: restored by it (not by its delta) and not written again since.
        const fromDelta = new Set(listed?.base?.deltaFiles);
        const inBase = (f) => !fromDelta.has(f.path) && listed?.stamps[f.path] === (0,cache_files/* fileStamp */.a9)(f);
        const { beyond, plan } = splitByBase(listed?.base?.key, files, inBase);
        if (plan.kind === 'delta' && listed?.base) {
            result = await saveDelta('modules', path, stage, beyond, listed.base.deltaKey, listed.base.key, deadline, log);
        }
        result ??= {
            ...(await save('modules', moduleEntryPaths(path), key, files.length, bytes, deadline)),
            ...(plan.kind === 'full' && listed?.base ? { fullBecause: plan.why } : {})
        };
    }
    else {
        const reason = restored === 'exact' ? exactHitReason(listed, files, decision.reason) : decision.reason;
        result = {
            part: 'modules',
            saved: false,
            reason,
            files: files.length,
            bytes,
            ...(reason !== decision.reason ? { warn: true } : {})
        };
    }
    return result;
}
/** The build entry, trimmed to what the job used: again only when the job compiled new outputs, as a delta when small. */
async function saveBuild(build, { state, jobStatus, deadline, log }) {
    const { path, prefix, list } = build;
    const entries = (await (0,cache_files/* listFiles */.CS)(path)).filter(f => (0,policy/* isBuildCacheEntry */.pU)(f.path));
    const { keep, drop } = (0,policy/* trimPlan */.ow)(entries, state.startedMs);
    const listed = await readBuildList(list);
    const restoredNames = new Set(listed.names);
    const added = await compiledOutputs(path, (0,policy/* newOutputs */.zN)(keep, restoredNames));
    if (added.length > 0 && restoredNames.size > 0) {
        // Why a job that restored the build cache stores it again: the outputs this job compiled that it did not bring.
        const shown = added.slice(0, 5).map(e => `${e.path} (${(0,policy/* formatBytes */.z3)(e.size)})`);
        log.debug(`Build cache: ${added.length} output(s) not in the restore: ${shown.join(', ')}`);
    }
    const decision = (0,policy/* saveDecision */.Od)({
        part: 'build',
        restored: restoredNames.size > 0 ? 'partial' : 'none',
        changed: added.length > 0,
        restoreOnly: state.restoreOnly,
        jobStatus
    });
    const bytes = totalBytes(keep);
    const trimmed = { files: drop.length, bytes: totalBytes(drop) };
    let result;
    if (decision.save) {
        // A base was restored: what the job kept beyond it (new entries, and those an earlier delta brought) is a
        // cumulative delta of it, stored alone when it is small against what the job kept of the base.
        const baseNames = new Set(listed.base?.names ?? []);
        const { beyond, plan } = splitByBase(listed.base?.key, keep, e => baseNames.has(e.path));
        if (plan.kind === 'delta' && listed.base) {
            const deltaKey = listed.base.deltaPrefix + (0,policy/* fingerprint */.Rj)(beyond.map(e => e.path));
            result = await saveDelta('build', path, (0,policy/* deltaStage */.vb)(path), beyond, deltaKey, listed.base.key, deadline, log);
        }
        if (result === undefined) {
            const putBack = await (0,cache.setAside)(path, drop, `${path}.unused-${process.pid}`);
            try {
                result = {
                    ...(await save('build', [path], prefix + (0,policy/* fingerprint */.Rj)(keep.map(e => e.path)), keep.length, bytes, deadline)),
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
    return result;
}
/**
 * Stores `entries` (relative to the cache tree `root`) as a delta of the base entry `baseKey`: hard links (copies
 * where a link fails) in `stage`, saved under `key` (for the build, the base's delta prefix and the fingerprint of
 * their names, so an identical delta is not stored twice; for the modules, the job's go.sum hash), the stage removed
 * after. Undefined when they could not be staged: a full entry is saved instead.
 */
async function saveDelta(cachePart, root, stage, entries, key, baseKey, deadlineMs, log) {
    try {
        await (0,promises_.rm)(stage, { recursive: true, force: true });
        for (const entry of entries) {
            const to = (0,external_node_path_.join)(stage, entry.path);
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(to), { recursive: true });
            await (0,promises_.link)((0,external_node_path_.join)(root, entry.path), to).catch(() => (0,promises_.copyFile)((0,external_node_path_.join)(root, entry.path), to));
        }
    }
    catch (error) {
        log.debug(`${cachePart === 'modules' ? 'Module' : 'Build'} cache: the delta could not be staged in ${stage} (${error instanceof Error ? error.message : String(error)}); a full entry instead`);
        await (0,promises_.rm)(stage, { recursive: true, force: true }).catch(() => undefined);
        return undefined;
    }
    try {
        const bytes = totalBytes(entries);
        return { ...(await save(cachePart, [stage], key, entries.length, bytes, deadlineMs)), deltaOf: baseKey };
    }
    finally {
        await (0,promises_.rm)(stage, { recursive: true, force: true }).catch(() => undefined);
    }
}
async function readBuildList(file) {
    const value = await readJson(file);
    return value && Array.isArray(value.names) ? value : { names: [] };
}
/** The outputs among `outputs` that are compiled build content, not go's package index (see isPackageIndex). */
async function compiledOutputs(root, outputs) {
    const heads = await Promise.all(outputs.map(entry => (0,cache_files/* readHead */.zy)((0,external_node_path_.join)(root, entry.path), policy/* GO_PACKAGE_INDEX_HEADER */.Vu.length)));
    return outputs.filter((_, i) => !(0,policy/* isPackageIndex */.$1)(heads[i]));
}
async function save(part, paths, key, files, bytes, deadlineMs) {
    const outcome = await (0,cache.saveEntry)(paths, key, deadlineMs);
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


/***/ }),

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


/***/ })

};
