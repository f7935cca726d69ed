/**
 * Credentials written in the GOSUMDB URL: moved into the netrc plan like a proxy URL's, so the exported
 * GOSUMDB carries no secret. A separate step from planCredentials because the checksum database is
 * configured (and validated) after the chain, and a plan without a sumdb URL must pass through unchanged.
 */
import { ErrorCollector, InputError, quote } from '../go/errors.js'
import { parseProxyUrl, secretsOfUrl, stripCredentials } from '../go/proxy/url.js'
import type { SumdbConfig } from '../go/sumdb/config.js'
import { BAD_CHARACTER, credentialsFor, decodeUserinfo, hideUserinfo, secretForms } from './secrets.js'
import type { CredentialPlan } from './types.js'

/**
 * Moves credentials written in a GOSUMDB URL to the netrc plan, as planCredentials does for proxy URLs: the go
 * command's web client sends netrc credentials to the checksum database's host like to any other, so the exported
 * GOSUMDB (and the gosumdb output, the summary and `go env`) carry no secret. Refuses what Go or a netrc file cannot
 * carry (credentials over http, a missing user or password, blanks) and a host that already has other credentials.
 * Throws InputErrors.
 */
export function planSumdbCredentials(
  plan: CredentialPlan,
  sumdb: SumdbConfig
): { plan: CredentialPlan; sumdb: SumdbConfig } {
  if (sumdb.kind !== 'db' || !sumdb.explicitUrl) return { plan, sumdb }
  const url = stripCredentials(sumdb.url)
  if (url === sumdb.url) return { plan, sumdb }
  const shown = hideUserinfo(sumdb.url)
  const errors = new ErrorCollector()
  const planned = errors.attempt(() => {
    // An http URL with userinfo is refused here, as Go refuses to send credentials over http.
    const parsed = parseProxyUrl('sumdb', sumdb.url, shown)
    const login = decodeUserinfo('sumdb', shown, parsed.username)
    const password = decodeUserinfo('sumdb', shown, parsed.password)
    if (login === '' || password === '' || BAD_CHARACTER.test(login) || BAD_CHARACTER.test(password)) {
      throw new InputError(
        'sumdb',
        `the checksum database URL ${quote(shown)} carries credentials a netrc file cannot hold: write https://USER:TOKEN@host/path.`
      )
    }
    const existing = plan.netrc.find(e => e.machine === parsed.host)
    if (existing && (existing.login !== login || existing.password !== password)) {
      throw new InputError(
        'sumdb',
        `the checksum database URL ${quote(shown)} carries credentials that differ from those for the same host in proxies or auth; Go's netrc holds one per host and port.`
      )
    }
    // A new array (not a push): the plan passed in stays as it was, and credentialsFor must see the new entry.
    const netrc = existing ? plan.netrc : [...plan.netrc, { machine: parsed.host, login, password }]
    return {
      ...plan,
      netrc,
      secrets: [...new Set([...plan.secrets, ...secretsOfUrl(sumdb.url), ...secretForms(login, password)])],
      credentialsFor: (target: string) => credentialsFor(netrc, target),
      moved: [...plan.moved, { from: 'sumdb', machine: parsed.host }]
    }
  }, undefined)
  errors.throwIfAny()
  return { plan: planned ?? plan, sumdb: { ...sumdb, url, value: `${sumdb.value.split(' ')[0]} ${url}` } }
}
