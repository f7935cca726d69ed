/**
 * Wire paths of the module proxy protocol, as the forwarder sees them: joining a request
 * path onto a proxy's base URL, rejecting paths that could escape a file:// proxy, and
 * decoding Go's case-escaped module paths (so GONOPROXY / GONOSUMDB patterns and progress
 * lines see the real module path). Pure functions, shared by the server and the sumdb routing.
 */

/** The proxy's base URL joined with a request path, keeping the base's query (Go sends it with every request). */
export function joinUrl(base: URL, path: string): URL {
  const url = new URL(base.href)
  url.pathname = `${base.pathname.replace(/\/+$/, '')}/${path}`
  return url
}

/** Rejects paths that could leave a file:// proxy's directory or confuse an upstream. */
export function safePath(path: string): boolean {
  if (path === '' || /[\\\0]/.test(path)) return false
  return path.split('/').every(segment => {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return false
    }
    return decoded !== '.' && decoded !== '..' && !decoded.includes('/') && !decoded.includes('\\')
  })
}

/** The module path of a wire path (`github.com/!burnt!sushi/toml` → `github.com/BurntSushi/toml`); undefined if malformed. */
export function decodeModule(escaped: string): string | undefined {
  try {
    return decodeURIComponent(escaped).replace(/!([a-z])/g, (_m, c: string) => c.toUpperCase())
  } catch {
    return undefined
  }
}

/** The version of a `.../@v/<version>.zip` path, decoded like a module path; '' for any other path. */
export function decodeVersion(path: string): string {
  const m = /\/@v\/(.+)\.zip$/.exec(path)
  return m ? (decodeModule(m[1]) ?? m[1]) : ''
}

/**
 * A path as the plan names it (`!`-case-encoded, not percent-encoded) as the go command puts it on the wire: each
 * element escaped like Go's url.PathEscape (so `!` is `%21`, `+` stays literal).
 */
export function wirePath(path: string): string {
  return path
    .split('/')
    .map(element =>
      encodeURIComponent(element)
        .replace(/!/g, '%21')
        .replace(/%(24|26|2B|2C|3A|3B|3D|40)/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    )
    .join('/')
}

/** A wire path back in the plan's form (percent-decoding only; `!` stays); undefined if malformed. */
export function planPath(wire: string): string | undefined {
  try {
    return decodeURIComponent(wire)
  } catch {
    return undefined
  }
}
