/**
 * The warm phase's pure core: what `go mod download` will ask the proxy for, so that a prefetcher can fetch it
 * ahead of go. The shell reads the files and passes their texts:
 *
 * ```ts
 * const plan = planPrefetch(
 *   [{ label: './app', goMods: [goModText], goSums: [goSumText] }],
 *   { goprivate: env.GOPRIVATE ?? '', gonoproxy: env.GONOPROXY ?? '' }
 * )
 * for (const file of plan.files) get(`${proxyBase}/${requestPath(file.path)}`)
 * ```
 *
 * `file.path` is case-encoded (`!`) but not percent-encoded: `requestPath` stands for percent-encoding each
 * element with `encodeURIComponent` and then `!` as `%21` (which encodeURIComponent leaves alone), as the go command
 * sends it and as moduleRequestPath in ../module-path.ts does for a module path. `plan.notes` says what was left to go (GONOPROXY modules, sets without go.sum).
 */
export { planPrefetch } from './plan.js'
export type { ModuleSetTexts, PlanPrivacy, PrefetchFile, PrefetchKind, PrefetchPlan } from './plan.js'
export { isDirectoryPath, parseGoMod, parseGoWork } from './modfile.js'
export type { GoMod, GoWork, ModFileError, ModuleVersion, Replacement, Requirement } from './modfile.js'
export { parseGoSum } from './gosum.js'
export type { GoSum, GoSumEntry, GoSumError } from './gosum.js'
export { compareSemver } from './semver.js'
export { judgeRun, setFailure } from './judge.js'
export type { JudgeContext, JudgedSet, RunFacts, RunVerdict, WarmFailure } from './judge.js'
