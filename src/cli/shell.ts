import { UsageError, type Shell } from './args.js'

/** Characters no shell treats specially: such a value is printed bare, for readability. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/

/**
 * Quotes one word for a shell so that it reaches the variable or the program unchanged. Values are validated before
 * this (no control characters, no newlines), so single quotes suffice everywhere but cmd, which has no escape for
 * `%` or `"` inside quotes: such a value is refused with a UsageError (exit 2) rather than printed wrong.
 */
export function quoteFor(shell: Shell, value: string): string {
  switch (shell) {
    case 'sh':
    case 'bash':
    case 'zsh':
      return PLAIN.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
    case 'fish':
      // Inside fish's single quotes only \\ and \' are escapes; a leading % would be a process expansion in old fish.
      return PLAIN.test(value) && !value.includes('%') ? value : `'${value.replace(/[\\']/g, c => `\\${c}`)}'`
    case 'pwsh':
      // PowerShell also ends a single-quoted string at the typographic single quotes; a doubled quote is literal.
      return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, c => c + c)}'`
    case 'cmd':
      if (/[%"]/.test(value)) {
        // A usage error (exit 2): the value is fine, the chosen shell cannot carry it; another --shell can.
        throw new UsageError(
          `cmd cannot hold ${JSON.stringify(value)} safely (it expands % and has no escape for " inside quotes); use --shell pwsh or --format go-env-w with another shell.`
        )
      }
      return `"${value}"`
  }
}

/** Lines that set the variables in the current session of `shell` (for eval, Invoke-Expression, source or a .cmd file). */
export function renderExports(variables: Readonly<Record<string, string>>, shell: Shell): string[] {
  return Object.entries(variables).map(([name, value]) => {
    switch (shell) {
      case 'sh':
      case 'bash':
      case 'zsh':
        return `export ${name}=${quoteFor('sh', value)}`
      case 'fish':
        return `set -gx ${name} ${quoteFor('fish', value)}`
      case 'pwsh':
        return `$env:${name} = ${quoteFor('pwsh', value)}`
      case 'cmd':
        // The quotes around NAME=value keep & | < > ^ literal and leave no trailing blank in the value.
        return `set ${quoteFor('cmd', `${name}=${value}`)}`
    }
  })
}

/**
 * `go env -w NAME=value` lines, as the seed guide writes them, quoted for `shell`: they write the user's go env file
 * (`go env GOENV`), which every later go command reads unless the environment sets the same variable.
 */
export function renderGoEnvW(variables: Readonly<Record<string, string>>, shell: Shell): string[] {
  return Object.entries(variables).map(([name, value]) => `go env -w ${quoteFor(shell, `${name}=${value}`)}`)
}

/** The commands that remove variables from the current session of `shell`. */
export function renderUnset(names: readonly string[], shell: Shell): string[] {
  switch (shell) {
    case 'sh':
    case 'bash':
    case 'zsh':
      return [`unset ${names.join(' ')}`]
    case 'fish':
      return [`set -e ${names.join(' ')}`]
    case 'pwsh':
      return names.map(name => `Remove-Item Env:${name}`)
    case 'cmd':
      return names.map(name => `set ${name}=`)
  }
}

/**
 * The command that puts `dir` first on PATH in the current session of `shell` (what `install` prints). A directory
 * cmd cannot hold safely (% or ") is a UsageError, as for every other value.
 */
export function renderPathPrepend(dir: string, shell: Shell): string {
  switch (shell) {
    case 'sh':
    case 'bash':
    case 'zsh':
      return `export PATH=${quoteFor('sh', dir)}:"$PATH"`
    case 'fish':
      return `set -gx PATH ${quoteFor('fish', dir)} $PATH`
    case 'pwsh':
      return `$env:PATH = ${quoteFor('pwsh', dir)} + [IO.Path]::PathSeparator + $env:PATH`
    case 'cmd':
      // %PATH% must expand, so the directory is checked alone and the line written by hand.
      quoteFor('cmd', dir)
      return `set "PATH=${dir};%PATH%"`
  }
}
