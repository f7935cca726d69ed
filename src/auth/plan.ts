/**
 * planCredentials: the entry point that decides where every `auth` credential (and every credential
 * written inside a proxy URL) goes. It owns the order of the steps, which is part of the result:
 * proxy URL userinfo first, then each line in input order, proxy or module host, then the chain
 * stripped of userinfo. The per-concern rules live in proxy-hosts.ts and module-hosts.ts.
 */
import type { Chain } from '../go/proxy/chain.js'
import { ErrorCollector } from '../go/errors.js'
import { parseProxyUrl, redactUrl, stripCredentials } from '../go/proxy/url.js'
import { planModuleHost } from './module-hosts.js'
import { inputOf, planProxyCredential, planProxyUserinfo, proxiesOnHost, type ChainProxy } from './proxy-hosts.js'
import { credentialsFor, secretForms } from './secrets.js'
import type { AuthCredential, CredentialDraft, CredentialPlan, PrivatePatterns } from './types.js'

/**
 * Decides where every credential goes, given the chain (credentials for a proxy in it)
 * and the effective private patterns (module hosts not already private are added).
 *
 * - A line whose host and port (and path prefix, if any) name an https proxy in the chain
 *   becomes a netrc entry for that proxy's host as written in its URL, which is what Go
 *   compares. Credentials inside a proxy URL move there too, and the returned chain has none.
 * - Any other line is a module host: a git `extraHeader` for `https://host[:port]/path/`
 *   only; a GOPRIVATE addition unless GONOPROXY and GONOSUMDB both cover it already; and,
 *   unless git alone talks to the host (github.com, bitbucket.org), a netrc entry, because
 *   go's `?go-get=1` lookup on a private GitLab or company server needs the credential and
 *   netrc is host-wide (noted in the log).
 *
 * Throws InputErrors for credentials aimed at an http:// proxy (Go refuses to send them),
 * for one proxy host given two different credentials, and for module hosts that cannot
 * start a module path.
 */
export function planCredentials(
  credentials: readonly AuthCredential[],
  chain: Chain,
  goprivate: string | PrivatePatterns
): CredentialPlan {
  const patterns = typeof goprivate === 'string' ? { gonoproxy: goprivate, gonosumdb: goprivate } : goprivate
  const draft: CredentialDraft = {
    errors: new ErrorCollector(),
    notes: [],
    moved: [],
    secrets: new Set<string>(),
    netrc: [],
    git: [],
    privateAdditions: []
  }

  const proxies: ChainProxy[] = []
  for (const entry of chain.proxies) {
    // The chain was validated already; a URL that still fails is reported, not thrown past the collector.
    const parsed = draft.errors.attempt(() => parseProxyUrl(inputOf(entry), entry.url, redactUrl(entry.url)), undefined)
    if (parsed) proxies.push({ entry, parsed })
  }

  // Credentials written inside proxy URLs first: they belong to exactly one proxy.
  planProxyUserinfo(draft, proxies)

  for (const credential of credentials) {
    for (const s of secretForms(credential.username, credential.secret)) draft.secrets.add(s)
    const onHost = proxiesOnHost(credential, proxies)
    if (planProxyCredential(draft, credential, onHost)) continue
    planModuleHost(
      draft,
      patterns,
      credential,
      onHost.map(p => redactUrl(stripCredentials(p.entry.url)))
    )
  }

  draft.errors.throwIfAny()
  const stripped: Chain = {
    proxies: chain.proxies.map(entry => ({ ...entry, url: stripCredentials(entry.url) })),
    ...(chain.terminal ? { terminal: chain.terminal } : {})
  }
  const { netrc } = draft
  return {
    chain: stripped,
    netrc,
    git: draft.git,
    privateAdditions: draft.privateAdditions,
    secrets: [...draft.secrets].filter(s => s !== ''),
    credentialsFor: url => credentialsFor(netrc, url),
    notes: draft.notes,
    moved: draft.moved
  }
}
