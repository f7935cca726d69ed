/**
 * The shapes shared by every part of the `auth` plan: a parsed credential line, the plan the shell
 * (src/auth/) writes to disk, and the draft the planners fill in together.
 *
 * They live apart from the code so the parser, the proxy-host and module-host planners and the
 * checksum-DB step can each import them without importing one another.
 */
import type { Chain } from '../go/proxy/chain.js'
import type { ErrorCollector } from '../go/errors.js'

/** One validated `auth` line: `HOST[:PORT][/PATH] [USER:]SECRET`. */
export interface AuthCredential {
  /** 1-based line number in the input, for messages. */
  line: number
  /** Lower-case host name or IP literal (IPv6 in brackets). */
  host: string
  /** The port as written, '' for the scheme's default. */
  port: string
  /** Path prefix without leading or trailing slash (`acme/tools`), '' for the whole host. Case kept. */
  path: string
  /** The user before `:`, or `x-access-token` (GitHub's convention for a bare token). */
  username: string
  secret: string
}

/** The user GitHub (and GitLab, Gitea) accept alongside a bare token. */
export const DEFAULT_AUTH_USER = 'x-access-token'

/** The effective private patterns (after Go's defaulting), as in ModulePlan. */
export interface PrivatePatterns {
  readonly gonoproxy: string
  readonly gonosumdb: string
}

/** One netrc entry. Go matches `machine` against the request's Host, port included, case and all. */
export interface NetrcEntry {
  machine: string
  login: string
  password: string
  /** The `auth` line it came from; absent when it came from a proxy URL's userinfo. */
  line?: number
}

/** A git `http.<urlPrefix>.extraHeader` credential: git sends it only for URLs under the prefix. */
export interface GitCredential {
  /** `https://host[:port]/path/`, always ending in `/`, so `/acme/` never matches `/acmeco/`. */
  urlPrefix: string
  username: string
  secret: string
  line: number
}

/** Basic-auth credentials for one request: the one shape every HTTP user of the project passes around. */
export interface Credentials {
  readonly username: string
  readonly password: string
}

/**
 * What the go command would send to a URL (netrc matched by host and port, https only): the one credentials lookup
 * every phase is handed (the probe, the forwarder and its redirects, the Go install, the checksum database).
 */
export type CredentialsLookup = (url: string) => Credentials | undefined

/** Credentials the probe or warm step attaches to one request. */
export interface RequestCredentials extends Credentials {
  /** The `auth` line to fix when they are refused; absent for credentials from a proxy URL. */
  line?: number
}

export interface CredentialPlan {
  /** The same chain with every proxy URL's userinfo removed: the GOPROXY to export. */
  chain: Chain
  /** Proxy hosts first (in chain order), then module hosts that need go's own HTTPS lookups. */
  netrc: NetrcEntry[]
  /** Module hosts: git credentials for their URL prefix only. */
  git: GitCredential[]
  /** Patterns to add to GOPRIVATE (and to GONOPROXY/GONOSUMDB when those are set explicitly). */
  privateAdditions: string[]
  /** Every secret and every string containing one (userinfo, URL, base64 header): mask before logging. */
  secrets: string[]
  /** What Go will send to `url` (https only, netrc matched by host and port as Go does), for the probe and warm. */
  credentialsFor(url: string): RequestCredentials | undefined
  /** Log lines: which line went where, what was already covered. No secret. */
  notes: string[]
  /** Credentials taken out of a proxy or checksum-database URL into netrc (each host words it: see movedNote). */
  moved: MovedCredentials[]
}

/** Credentials taken out of a URL: what carried them (redacted) and the netrc machine they now belong to. */
export interface MovedCredentials {
  /** `proxy <redacted URL>` or `sumdb`. */
  readonly from: string
  readonly machine: string
}

/** A MovedCredentials in the action's words (it writes the netrc file). */
export function movedNote(moved: MovedCredentials): string {
  return `${moved.from}: credentials moved from the URL to netrc (machine ${moved.machine}).`
}

/**
 * The plan while planCredentials builds it (internal: not re-exported from auth.ts). The proxy-host
 * and module-host planners append to the same lists because their order is part of the result:
 * netrc entries for proxies come first, and a module host defers to a netrc machine a proxy already has.
 * Errors are collected rather than thrown so one run reports every bad line.
 */
export interface CredentialDraft {
  readonly errors: ErrorCollector
  readonly notes: string[]
  readonly moved: MovedCredentials[]
  readonly secrets: Set<string>
  readonly netrc: NetrcEntry[]
  readonly git: GitCredential[]
  readonly privateAdditions: string[]
}
