import { InputError, quote } from '../errors.js'

/**
 * Go's case encoding for module paths and versions in proxy URLs: each upper-case
 * ASCII letter becomes `!` and its lower-case form, so that case-insensitive file
 * systems can hold the cache (`github.com/BurntSushi/toml` → `github.com/!burnt!sushi/toml`).
 */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, c => `!${c.toLowerCase()}`)
}

/** The wire form of a proxy request path for a module: case-encoded, then percent-encoded per element. */
export function moduleRequestPath(path: string): string {
  return escapeModulePath(path)
    .split('/')
    .map(element => encodeURIComponent(element).replace(/!/g, '%21'))
    .join('/')
}

/**
 * The inverse of {@link escapeModulePath} (golang.org/x/mod/module.UnescapePath's rule): `!x` is `X`; an upper-case
 * letter, or a `!` not followed by a lower-case letter, is no escaped path at all (undefined).
 */
export function unescapeModulePath(escaped: string): string | undefined {
  if (/[A-Z]/.test(escaped) || /!([^a-z]|$)/.test(escaped)) return undefined
  return escaped.replace(/!([a-z])/g, (_m, c: string) => c.toUpperCase())
}

/**
 * Where go keeps what it downloads, below GOMODCACHE: the proxy protocol's files (`download`, what the modules cache
 * entry holds) and the version-control checkouts of `direct` fetches (`vcs`). Path segments, for the caller's
 * `path.join` (this library does no I/O and joins no platform paths).
 */
export const MODULE_DOWNLOAD_DIR = ['cache', 'download'] as const
export const MODULE_VCS_DIR = ['cache', 'vcs'] as const

/**
 * Where go keeps a module version's file under `$GOMODCACHE/cache/download` (and where a proxy serves it, before
 * percent-encoding): `<escaped path>/@v/<escaped version>.<ext>`, '/'-separated.
 */
export function moduleFilePath(path: string, version: string, ext: string): string {
  return `${escapeModulePath(path)}/@v/${escapeModulePath(version)}.${ext}`
}

/** The inverse of {@link moduleFilePath}; undefined for any other name or a malformed escape. */
export function parseModuleFilePath(rel: string): { path: string; version: string; ext: string } | undefined {
  const m = /^(.+)\/@v\/([^/]+)\.([a-z]+)$/.exec(rel)
  if (!m) return undefined
  const path = unescapeModulePath(m[1])
  const version = unescapeModulePath(m[2])
  return path && version?.startsWith('v') ? { path, version, ext: m[3] } : undefined
}

const WINDOWS_RESERVED = new Set(['CON', 'PRN', 'AUX', 'NUL', 'COM1', 'LPT1'])

/**
 * Validates a module path the way golang.org/x/mod/module.CheckPath does for the parts
 * that matter here: a first element that is a lower-case host name with a dot, then
 * elements of letters, digits and `-._~`, none empty, none starting or ending with a dot.
 * Throws an InputError naming `input`.
 */
export function checkModulePath(input: string, path: string): void {
  const fail = (why: string): never => {
    throw new InputError(input, `${quote(path)} is not a valid module path: ${why}.`)
  }
  if (path === '') fail('it is empty')
  if (path.startsWith('/') || path.endsWith('/')) fail('it starts or ends with a slash')
  const elements = path.split('/')
  const first = elements[0]
  if (!first.includes('.')) fail(`its first element ${quote(first)} has no dot (it must be a host name)`)
  if (first.startsWith('-') || first.startsWith('.')) fail('its first element starts with a dash or a dot')
  if (!/^[a-z0-9.-]+$/.test(first)) fail('its first element may hold only lower-case letters, digits, dots and dashes')
  for (const element of elements) {
    if (element === '') fail('it has an empty path element (double slash)')
    if (!/^[A-Za-z0-9._~-]+$/.test(element))
      fail(`element ${quote(element)} has a character other than A-Z a-z 0-9 - . _ ~`)
    if (element.startsWith('.') || element.endsWith('.')) fail(`element ${quote(element)} starts or ends with a dot`)
    if (WINDOWS_RESERVED.has(element.split('.')[0].toUpperCase()))
      fail(`element ${quote(element)} is reserved on Windows`)
  }
}
