export const id = 88;
export const ids = [88];
export const modules = {

/***/ 6088:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   compareVersions: () => (/* binding */ compareVersions),
/* harmony export */   findGoInToolCache: () => (/* binding */ findGoInToolCache)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_2__);
/**
 * The newest Go in the runner's tool cache (where actions/setup-go keeps its versions), for
 * `findGo(findGoInToolCache)`. The layout is @actions/tool-cache's (`$RUNNER_TOOL_CACHE/go/<version>/<arch>`, with
 * `<arch>.complete` beside it once the copy is complete; src/install/tool-cache.ts names it), read here with a
 * directory listing and two existence checks per version, as that package's `findAllVersions` and `find` do: the
 * package itself imports @actions/core, @actions/http-client, undici and tunnel at load, about 100 ms of a cold start
 * for a lookup that never touches the network. Loaded on use (a dynamic import): a run that finds go on PATH never
 * evaluates it.
 */



/**
 * Path of the newest cached Go binary, or undefined (no RUNNER_TOOL_CACHE, no complete Go with its binary in it). `arch` is Node's
 * name for the machine (`x64`, `arm64`), the name setup-go caches under.
 */
function findGoInToolCache(env = process.env, arch = process.arch, platform = process.platform) {
    const root = env.RUNNER_TOOL_CACHE;
    if (!root)
        return undefined;
    try {
        const goDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(root, 'go');
        const binary = (version) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(goDir, version, arch, 'bin', platform === 'win32' ? 'go.exe' : 'go');
        const usable = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(goDir)
            .filter(version => semver__WEBPACK_IMPORTED_MODULE_2___default().valid(version) !== null)
            .filter(version => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(goDir, version, `${arch}.complete`)) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(binary(version)))
            .sort(compareVersions);
        const newest = usable[usable.length - 1];
        return newest === undefined ? undefined : binary(newest);
    }
    catch {
        return undefined;
    }
}
/**
 * Orders the tool cache's version names (semver, as @actions/tool-cache writes them: `1.22.10` after `1.22.9`,
 * `1.23.0-rc.10` after `1.23.0-rc.2`, pre-releases before their release); a name that is not semver sorts first.
 */
function compareVersions(a, b) {
    const x = semver__WEBPACK_IMPORTED_MODULE_2___default().valid(semver__WEBPACK_IMPORTED_MODULE_2___default().clean(a) ?? '');
    const y = semver__WEBPACK_IMPORTED_MODULE_2___default().valid(semver__WEBPACK_IMPORTED_MODULE_2___default().clean(b) ?? '');
    if (!x || !y)
        return x ? 1 : y ? -1 : 0;
    return semver__WEBPACK_IMPORTED_MODULE_2___default().compare(x, y);
}


/***/ })

};
