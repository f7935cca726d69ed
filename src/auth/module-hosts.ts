/**
 * Planning credentials for module hosts: `auth` lines that name no proxy in the chain. Each becomes a
 * git credential scoped to its URL prefix, a GOPRIVATE addition unless the private patterns already
 * cover it (noted in the log, so the user sees why nothing was added), and, where go itself talks to
 * the host, a host-wide netrc entry.
 *
 * The netrc entry is the one place a module credential reaches more than its path: go's `?go-get=1`
 * lookup on a private GitLab or company server needs it, and netrc has no path. The notes say so.
 */
import { matchesPrefixPatterns } from '../go/env/patterns.js'
import { lineProblem } from './parse.js'
import type { AuthCredential, CredentialDraft, PrivatePatterns } from './types.js'

/**
 * Hosts the go command resolves without an HTTPS `?go-get=1` lookup (vcsPaths in
 * cmd/go/internal/vcs): only git talks to them, so git's path-scoped header is enough
 * and no host-wide netrc entry is written.
 */
const STATIC_VCS_HOSTS = new Set(['github.com', 'bitbucket.org'])

/**
 * Plans one module-host `auth` line into `draft`: a git credential for `https://host[:port]/path/`,
 * a GOPRIVATE addition or a note naming the pattern that already covers it, and a netrc entry unless
 * git alone talks to the host, the line has a port (module paths carry none), or the host already has
 * a netrc entry (netrc holds one per host; the note names whose is used). `proxiesOnHost` lists the
 * proxies on the same host name, redacted, for a note that the line did not match them.
 * Records an InputError for a host that cannot start a module path.
 */
export function planModuleHost(
  draft: CredentialDraft,
  patterns: PrivatePatterns,
  credential: AuthCredential,
  proxiesOnHost: readonly string[]
): void {
  const { errors, notes, git, privateAdditions, netrc } = draft
  const { line, host, port, path } = credential
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) {
    errors.attempt(() => {
      throw lineProblem(
        line,
        'the host names no proxy in the chain, and it cannot be a module host: a module path starts with a domain name that has a dot.'
      )
    }, undefined)
    return
  }
  const target = path === '' ? host : `${host}/${path}`
  if (proxiesOnHost.length > 0) {
    notes.push(
      `auth line ${line}: ${target} is on the host of the proxy ${proxiesOnHost.join(', ')} but not its port or path, so it is treated as a module host; give the proxy's port and path to apply it to the proxy.`
    )
  }
  const hostPort = port === '' ? host : `${host}:${port}`
  git.push({
    urlPrefix: `https://${hostPort}/${path === '' ? '' : `${path}/`}`,
    username: credential.username,
    secret: credential.secret,
    line
  })
  // Private only if both GONOPROXY and GONOSUMDB cover it: either alone would still leak the path to a public service.
  const covering = (list: string) => list.split(',').find(glob => glob !== '' && matchesPrefixPatterns(glob, target))
  const byAddition = privateAdditions.find(glob => matchesPrefixPatterns(glob, target))
  const byNoProxy = covering(patterns.gonoproxy)
  const byNoSumdb = covering(patterns.gonosumdb)
  if (byAddition) {
    notes.push(`auth line ${line}: ${target} already covered by the GOPRIVATE addition ${byAddition}.`)
  } else if (byNoProxy && byNoSumdb) {
    const how =
      byNoProxy === byNoSumdb
        ? `GOPRIVATE pattern ${byNoProxy}`
        : `GONOPROXY pattern ${byNoProxy} and GONOSUMDB pattern ${byNoSumdb}`
    notes.push(`auth line ${line}: ${target} already covered by ${how}.`)
  } else {
    privateAdditions.push(target)
    notes.push(
      `auth line ${line}: ${target} added to GOPRIVATE, so it skips public proxies and the public checksum database.`
    )
  }
  // Module paths carry no port, so go's own lookups never use a netrc entry with one.
  if (STATIC_VCS_HOSTS.has(host) || port !== '') return
  const existing = netrc.find(e => e.machine === host)
  if (existing) {
    const owner = existing.line ? `auth line ${existing.line}` : 'a proxy URL'
    notes.push(
      `auth line ${line}: go's ?go-get=1 lookups on ${host} use the credentials of ${owner} (netrc holds one per host); git uses this line's under ${target}.`
    )
    return
  }
  netrc.push({ machine: host, login: credential.username, password: credential.secret, line })
  notes.push(
    `auth line ${line}: go's ?go-get=1 lookups send this credential to every path on ${host} (netrc is per host); git sends it only under ${target}.`
  )
}
