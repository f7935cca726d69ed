import { assertNoControlCharacters, InputError, quote } from '../errors.js'
import { findPreset, PROXY_PRESETS } from './presets.js'
import { parseProxyUrl, proxyKey, redactEntry, redactText, redactUrl } from './url.js'

/**
 * The separator after a proxy decides when Go moves on to the next entry:
 * `,` only on 404/410 (a gate: nothing else reaches the next proxy),
 * `|` on any error (the entries are interchangeable).
 */
export type Separator = ',' | '|'

/** Where an entry came from, for reports and for the rule that `proxies` entries come first. */
export type EntryOrigin = 'proxies' | 'region' | 'environment'

export interface ProxyEntry {
  /** The URL as Go will use it (implicit https:// added). May hold credentials: never log it unredacted. */
  readonly url: string
  /** The separator written after this entry (towards the next proxy or the terminal keyword). */
  readonly separator: Separator
  readonly origin: EntryOrigin
  /** The preset name when the entry is a known public mirror. */
  readonly preset?: string
}

/** A GOPROXY list as Go walks it: proxies in order, then at most one keyword that ends the list. */
export interface Chain {
  readonly proxies: readonly ProxyEntry[]
  readonly terminal?: 'direct' | 'off'
}

/** One raw entry of a list and the separator written after it. */
interface Token {
  readonly text: string
  readonly separator: Separator
  /** True when the separator came from a line break rather than from the user's `,`/`|`. */
  readonly fromNewline?: boolean
}

/** Splits at `,` and `|` like Go: each entry keeps the separator that follows it. */
function tokenize(list: string): Token[] {
  const tokens: Token[] = []
  let start = 0
  for (let i = 0; i <= list.length; i++) {
    if (i === list.length || list[i] === ',' || list[i] === '|') {
      tokens.push({ text: list.slice(start, i), separator: i < list.length ? (list[i] as Separator) : ',' })
      start = i + 1
    }
  }
  return tokens
}

export interface ParsedChain {
  readonly chain: Chain
  /** Entries after `direct`/`off`, which Go ignores (reported as a warning). */
  readonly ignored: readonly string[]
}

interface ParseOptions {
  readonly origin: EntryOrigin
  /** Accept preset names (`aliyun`) as entries. Go itself does not. */
  readonly presets: boolean
}

function parseTokens(input: string, tokens: readonly Token[], options: ParseOptions): ParsedChain {
  const proxies: ProxyEntry[] = []
  const seen = new Set<string>()
  const ignored: string[] = []
  let terminal: Chain['terminal']
  for (const token of tokens) {
    const text = token.text.trim()
    if (text === '') continue
    if (terminal) {
      ignored.push(redactEntry(text))
      continue
    }
    if (text === 'direct' || text === 'off') {
      terminal = text
      continue
    }
    assertNoControlCharacters(input, text, redactEntry)
    const preset = findPreset(text)
    let url: string
    if (preset && options.presets) {
      url = preset.url
    } else if (/[.:/]/.test(text) && !text.includes(':/') && !text.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(text)) {
      // Go's rule: a bare host (anything with . : or / but no :/) gets https:// prepended.
      url = `https://${text}`
    } else {
      url = text
    }
    if (!/[.:/]/.test(text) && !(preset && options.presets)) {
      const lower = text.toLowerCase()
      const hint =
        lower === 'direct' || lower === 'off'
          ? ` The keywords are lower case: ${lower}.`
          : options.presets
            ? ` Presets: ${PROXY_PRESETS.map(p => p.name).join(', ')}.`
            : ''
      throw new InputError(
        input,
        `${quote(redactEntry(text))} is not a proxy URL, preset or keyword (direct, off).${hint}`
      )
    }
    parseProxyUrl(input, url, redactEntry(text))
    const key = proxyKey(url)
    if (seen.has(key)) continue
    seen.add(key)
    const known = presetByUrl(url)
    proxies.push({ url, separator: token.separator, origin: options.origin, ...(known ? { preset: known.name } : {}) })
  }
  if (proxies.length === 0 && !terminal) {
    throw new InputError(
      input,
      'the list contains no entries (Go: "GOPROXY list is not the empty string, but contains no entries").'
    )
  }
  return { chain: { proxies, ...(terminal ? { terminal } : {}) }, ignored }
}

function presetByUrl(url: string) {
  return PROXY_PRESETS.find(p => proxyKey(p.url) === proxyKey(url))
}

/**
 * Parses a GOPROXY value exactly as the go command reads it (split on `,`/`|`,
 * entries trimmed, empty ones skipped, `direct`/`off` end the list, bare hosts get
 * https://). Throws an InputError for every value Go would reject, up front.
 */
export function parseGoproxy(input: string, value: string): ParsedChain {
  assertNoControlCharacters(input, value, redactText)
  return parseTokens(input, tokenize(value), { origin: 'environment', presets: false })
}

/**
 * Parses the action's `proxies` input: Go's list grammar plus line breaks and preset
 * names. A `,` or `|` the user wrote keeps Go's meaning; a line break between two
 * proxies becomes `lineSeparator` (the `fallback` input); a line break before
 * `direct`/`off` becomes `,`. Returns undefined for an empty input.
 */
export function parseProxiesInput(input: string, raw: string, lineSeparator: Separator): ParsedChain | undefined {
  const lines = raw
    .split('\n')
    .map(line => line.replace(/\r$/, '').trim())
    .filter(line => line !== '')
  if (lines.length === 0) return undefined
  const tokens: Token[] = []
  lines.forEach((line, index) => {
    assertNoControlCharacters(input, line, redactUrl)
    const lineTokens = tokenize(line)
    const endsWithSeparator = /[,|]$/.test(line)
    if (endsWithSeparator) lineTokens.pop() // the empty entry after a trailing separator
    const last = lineTokens.length - 1
    lineTokens.forEach((token, i) => {
      if (i === last && !endsWithSeparator) {
        // A line break joins this proxy to the next line's entry, or to the region's first proxy.
        const next = index < lines.length - 1 ? tokenize(lines[index + 1])[0].text.trim() : ''
        const separator = next === 'direct' || next === 'off' ? ',' : lineSeparator
        tokens.push({ text: token.text, separator, fromNewline: true })
      } else {
        tokens.push(token)
      }
    })
  })
  return parseTokens(input, tokens, { origin: 'proxies', presets: true })
}

/** Renders a chain as the GOPROXY value Go reads. `redact` hides credentials for display. */
export function formatChain(chain: Chain, redact = false): string {
  const parts: string[] = []
  chain.proxies.forEach((entry, i) => {
    parts.push(redact ? redactUrl(entry.url) : entry.url)
    if (i < chain.proxies.length - 1 || chain.terminal) parts.push(entry.separator)
  })
  if (chain.terminal) parts.push(chain.terminal)
  return parts.join('')
}
