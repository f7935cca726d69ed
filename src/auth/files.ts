/**
 * The text of the credential files the action writes. Both start with MARKER, which
 * removal checks before deleting anything, so a tampered file list cannot make the
 * post step delete a file the action did not write.
 */
import type { GitCredential, NetrcEntry } from './index.js'

/**
 * First line of every credential file. Harmless to Go's netrc parser, which reads
 * tokens in pairs and ignores unknown ones: no pair here starts with a netrc keyword.
 */
export const MARKER = '# setup-goproxy credentials (removed by the post step)'

/** File names inside the action's credential directory. Windows uses the same names: go reads %NETRC% as given. */
export const NETRC_FILE = 'netrc'
export const GIT_CONFIG_FILE = 'gitconfig'

/**
 * A netrc file: the plan's entries first (Go uses the first machine that matches),
 * then the job's own netrc, if any, because NETRC makes go read this file instead of it.
 */
export function renderNetrc(entries: readonly NetrcEntry[], existing?: string): string {
  const lines = [MARKER, ...entries.map(e => `machine ${e.machine} login ${e.login} password ${e.password}`)]
  let text = `${lines.join('\n')}\n`
  if (existing && existing.trim() !== '') text += `\n${existing}${existing.endsWith('\n') ? '' : '\n'}`
  return text
}

function subsection(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/**
 * A git config file with one `[http "<prefix>"]` section per credential. Git applies
 * `http.<url>.*` only to URLs with that scheme, host, port and path prefix, and the most
 * specific prefix wins. The empty `extraHeader =` first clears headers collected from
 * other config files for the same URLs (actions/checkout writes one for https://github.com/):
 * without it git sends two Authorization headers and the server may read the wrong one.
 */
export function renderGitConfig(credentials: readonly GitCredential[]): string {
  const sections = credentials.map(c => {
    const basic = Buffer.from(`${c.username}:${c.secret}`, 'utf8').toString('base64')
    return `[http ${subsection(c.urlPrefix)}]\n\textraHeader =\n\textraHeader = Authorization: Basic ${basic}\n`
  })
  return `${MARKER}\n${sections.join('')}`
}
