/**
 * GOAUTH (Go 1.24+), as cmd/go/internal/auth reads it: a `;`-separated list of `off`, `netrc`, `git <dir>` or a
 * command; empty means `netrc`. go reads netrc files ($NETRC, else ~/.netrc) only when `netrc` is in the list, and
 * `off` turns every method off (it cannot be combined with another). Older go ignores GOAUTH and always reads netrc.
 */

/** What a job's GOAUTH means for a netrc file the action writes. */
export type GoauthForNetrc =
  /** go already reads netrc (GOAUTH empty or listing netrc): nothing to export. */
  | { readonly kind: 'reads-netrc' }
  /** go would ignore the netrc: export this GOAUTH instead (netrc first, then the job's methods). */
  | { readonly kind: 'add-netrc'; readonly goauth: string }
  /** GOAUTH=off: go sends no credentials at all, and off cannot be combined with netrc. */
  | { readonly kind: 'off' }

/** The methods of a GOAUTH value, trimmed, empty ones left out. */
export function goauthMethods(goauth: string): string[] {
  return goauth
    .split(';')
    .map(method => method.trim())
    .filter(method => method !== '')
}

/** Whether go (1.24+) with GOAUTH=`goauth` reads a netrc file, and what to export so that it does. */
export function goauthForNetrc(goauth: string | undefined): GoauthForNetrc {
  const methods = goauthMethods(goauth ?? '')
  if (methods.length === 0 || methods.includes('netrc')) return { kind: 'reads-netrc' }
  if (methods.includes('off')) return { kind: 'off' }
  return { kind: 'add-netrc', goauth: ['netrc', ...methods].join(';') }
}
