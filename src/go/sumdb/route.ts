import type { Chain } from '../proxy/chain.js'
import type { SumdbConfig } from './config.js'

/** What a proxy's `/sumdb/<name>/supported` answer means to the go command. */
export interface SupportedAnswer {
  readonly support: 'yes' | 'no' | 'error'
  readonly message: string
}

/** The path the go command takes to the checksum database for a chain (cmd/go/internal/modfetch/sumdb.go). */
export type SumdbRoute =
  /** GOSUMDB=off: nothing is verified, nothing to check. */
  | { readonly kind: 'off' }
  /** GOSUMDB names a URL (or is the alias sum.golang.google.cn): proxies are bypassed. */
  | { readonly kind: 'explicit'; readonly base: string }
  /** A proxy answered 200 to `/sumdb/<name>/supported`: all checksum traffic goes through it, never elsewhere. */
  | { readonly kind: 'proxy'; readonly proxy: string }
  /** No proxy serves it (404/410, or `direct`/`off`/the end of the list was reached): `https://<name>`. */
  | { readonly kind: 'direct'; readonly base: string }
  /** A proxy error the go command does not fall through: verification fails with that error. */
  | { readonly kind: 'fails'; readonly proxy: string; readonly message: string }
  /** The route depends on the answer of this proxy, which is not known yet. */
  | { readonly kind: 'pending'; readonly proxy: string }

/**
 * Decides which path the go command takes to the checksum database, exactly as its
 * dbClient.initBase walks TryProxies: each proxy in order is asked `/sumdb/<name>/supported`;
 * 200 → through that proxy; 404/410 → the next entry whatever the separator; another
 * error → the next entry only after `|`, and it is remembered: reaching `direct` then
 * goes direct, but reaching `off` or the end of the list fails with that error (Go
 * ranks a proxy error above the not-found of `off`). `supported` gives the answer of
 * a proxy URL, undefined while unknown.
 */
export function sumdbRoute(
  chain: Chain,
  sumdb: SumdbConfig,
  supported: (proxy: string) => SupportedAnswer | undefined
): SumdbRoute {
  if (sumdb.kind === 'off') return { kind: 'off' }
  if (sumdb.explicitUrl) return { kind: 'explicit', base: sumdb.url }
  let error: { proxy: string; message: string } | undefined
  for (const entry of chain.proxies) {
    const answer = supported(entry.url)
    if (answer === undefined) return { kind: 'pending', proxy: entry.url }
    if (answer.support === 'yes') return { kind: 'proxy', proxy: entry.url }
    if (answer.support === 'no') continue
    error = { proxy: entry.url, message: answer.message }
    if (entry.separator === ',') return { kind: 'fails', ...error }
  }
  if (chain.terminal === 'direct' || !error) return { kind: 'direct', base: sumdb.url }
  return { kind: 'fails', ...error }
}
