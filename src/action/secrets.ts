import * as core from './workflow.js'

/**
 * Registers every secret an input may carry before anything is parsed or logged:
 * userinfo in URLs (`proxies`, `sumdb`) and the secret field of each `auth` line.
 * Parsing comes later and may fail; a secret must be masked even then.
 */
export function maskInputSecrets(read: (name: string) => string): void {
  for (const name of ['proxies', 'sumdb']) {
    for (const match of read(name).matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#\s,|]*)@/g)) {
      maskUserinfo(match[1])
    }
  }
  for (const line of read('auth').split('\n')) {
    const fields = line.trim().split(/\s+/)
    if (fields.length >= 2) maskUserinfo(fields.slice(1).join(' '))
  }
}

function maskUserinfo(userinfo: string): void {
  if (userinfo === '') return
  core.setSecret(userinfo)
  const colon = userinfo.indexOf(':')
  if (colon >= 0 && colon < userinfo.length - 1) core.setSecret(userinfo.slice(colon + 1))
  for (const encoded of [userinfo, colon >= 0 ? userinfo : `x-access-token:${userinfo}`]) {
    core.setSecret(Buffer.from(encoded).toString('base64'))
  }
}

/** Masks a list of secrets (from the credentials plan) in the log. */
export function maskSecrets(secrets: readonly string[]): void {
  for (const secret of secrets) if (secret !== '') core.setSecret(secret)
}
