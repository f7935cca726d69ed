/**
 * go.mod and go.work parsers over text (the shell reads the files), ported from the parts of
 * golang.org/x/mod/modfile (read.go, rule.go, work.go, Go 1.23 vendored copy) that the prefetch plan needs:
 * the lexer (comments, quoted and raw strings, `verb (` blocks), and the module, go, toolchain, require,
 * exclude, replace and use directives. retract, godebug and unknown verbs are read and ignored. A line the
 * grammar rejects is reported in `errors` (with its line number), never thrown: the go command will say the
 * same thing in its own words, and the plan simply covers less.
 */

/** A module path and version (`version` is '' for a local-path replacement target). */
export interface ModuleVersion {
  readonly path: string
  readonly version: string
}

/** One require line. */
export interface Requirement extends ModuleVersion {
  /** Has a `// indirect` comment. */
  readonly indirect: boolean
}

/** One replace directive: `old [version] => new [version]` or `old [version] => ./local/dir`. */
export interface Replacement {
  /** The replaced module; `old.version` is '' when every version is replaced. */
  readonly old: ModuleVersion
  /** The replacement; `new.version` is '' for a local directory (then `new.path` is the directory as written). */
  readonly new: ModuleVersion
  /** True when the replacement is a directory (nothing is fetched for it). */
  readonly local: boolean
}

/** A problem on one line; the line is skipped. */
export interface ModFileError {
  readonly line: number
  readonly message: string
}

/** The line numbers of the `go` and `toolchain` directives, when present. */
export interface VersionLines {
  readonly go?: number
  readonly toolchain?: number
}

/** What the plan needs from a go.mod. */
export interface GoMod {
  /** The `module` path ('' when missing). */
  readonly module: string
  readonly go?: string
  readonly toolchain?: string
  /** Where the go and toolchain lines stand (1-based), for messages that name the line. */
  readonly versionLines: VersionLines
  readonly require: readonly Requirement[]
  readonly exclude: readonly ModuleVersion[]
  readonly replace: readonly Replacement[]
  readonly errors: readonly ModFileError[]
}

/** What the plan needs from a go.work. */
export interface GoWork {
  readonly go?: string
  readonly toolchain?: string
  readonly versionLines: VersionLines
  /** Module directories as written (`./app`, `../lib`). */
  readonly use: readonly string[]
  readonly replace: readonly Replacement[]
  readonly errors: readonly ModFileError[]
}

/** One directive line: its tokens (strings still quoted as written) and whether it carries `// indirect`. */
interface Line {
  readonly tokens: string[]
  readonly comment: string
  readonly line: number
}

/** Go's isIdent: any printable non-space rune except the punctuation the grammar reserves. */
function isIdentChar(c: string): boolean {
  return !/[\s()[\]{},]/u.test(c) && /\P{C}/u.test(c)
}

/** One directive line's tokens and comment, or what is wrong with it. */
interface LexedLine {
  readonly tokens: string[]
  readonly comment: string
  readonly bad?: string
  /** The index of the line after it (a raw string may take in the lines that follow). */
  readonly next: number
}

/** Lexes `rawLines[index]` as modfile's lexer does: blanks, // comments, punctuation, quoted and raw strings, idents. */
function lexLine(rawLines: readonly string[], index: number): LexedLine {
  const tokens: string[] = []
  let comment = ''
  let text = rawLines[index]
  let i = index + 1
  let pos = 0
  let bad: string | undefined
  while (pos < text.length) {
    const c = text[pos]
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      pos++
    } else if (text.startsWith('//', pos)) {
      comment = text.slice(pos + 2).trim()
      break
    } else if ('()[]{},'.includes(c)) {
      // Punctuation is a token of its own (retract [v1.0.0, v1.1.0]); only ( and ) mean something here.
      tokens.push(c)
      pos++
    } else if (c === '"') {
      let end = pos + 1
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1
      if (end >= text.length) {
        bad = 'unterminated quoted string'
        break
      }
      tokens.push(text.slice(pos, end + 1))
      pos = end + 1
    } else if (c === '`') {
      // A raw string may span lines.
      let end = text.indexOf('`', pos + 1)
      while (end < 0 && i < rawLines.length) {
        text += '\n' + rawLines[i]
        i++
        end = text.indexOf('`', pos + 1)
      }
      if (end < 0) {
        bad = 'unterminated raw string'
        break
      }
      tokens.push(text.slice(pos, end + 1))
      pos = end + 1
    } else if (isIdentChar(c)) {
      let end = pos
      while (end < text.length && isIdentChar(text[end]) && !text.startsWith('//', end)) {
        if (text.startsWith('/*', end)) bad = 'mod files must use // comments (not /* */ comments)'
        end++
      }
      if (bad) break
      tokens.push(text.slice(pos, end))
      pos = end
    } else {
      bad = `unexpected input character ${JSON.stringify(c)}`
      break
    }
  }
  return { tokens, comment, ...(bad ? { bad } : {}), next: i }
}

/**
 * Splits a file into directive lines. A block `verb (` ... `)` turns into one line per entry with the verb
 * prepended, as modfile does for rules inside a LineBlock.
 */
function lexLines(text: string, errors: ModFileError[]): Line[] {
  const lines: Line[] = []
  let block: string[] | undefined
  let blockLine = 0
  const rawLines = text.split('\n')
  let i = 0
  while (i < rawLines.length) {
    const start = i + 1
    const { tokens, comment, bad, next } = lexLine(rawLines, i)
    i = next
    if (bad) {
      errors.push({ line: start, message: bad })
      continue
    }
    if (tokens.length === 0) continue
    if (block) {
      if (tokens.length === 1 && tokens[0] === ')') {
        block = undefined
        continue
      }
      lines.push({ tokens: [...block, ...tokens], comment, line: start })
      continue
    }
    if (tokens[tokens.length - 1] === '(' && tokens.length >= 2 && !tokens.slice(0, -1).includes('(')) {
      block = tokens.slice(0, -1)
      blockLine = start
      continue
    }
    lines.push({ tokens, comment, line: start })
  }
  if (block) errors.push({ line: blockLine, message: `unterminated block ${block.join(' ')} (` })
  return lines
}

/** Go's strconv.Unquote for the escapes a module path or version can need; undefined when go rejects the token. */
function unquote(token: string): string | undefined {
  // modfile.parseString: only "..." is unquoted; any other quote character (a raw `...` string too) is an error.
  if (!token.startsWith('"')) return /["'`]/.test(token) ? undefined : token
  try {
    const value: unknown = JSON.parse(token.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\'/g, "'"))
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

/** modfile.IsDirectoryPath: Unix and Windows relative or absolute directory syntaxes. */
export function isDirectoryPath(s: string): boolean {
  return (
    s === '.' ||
    s === '..' ||
    s.startsWith('./') ||
    s.startsWith('.\\') ||
    s.startsWith('../') ||
    s.startsWith('..\\') ||
    s.startsWith('/') ||
    s.startsWith('\\') ||
    /^[A-Za-z]:/.test(s)
  )
}

/** The arguments of a line, unquoted; undefined (with an error recorded) when one is malformed. */
function args(line: Line, errors: ModFileError[]): string[] | undefined {
  const out: string[] = []
  for (const token of line.tokens.slice(1)) {
    const value = unquote(token)
    if (value === undefined) {
      errors.push({ line: line.line, message: `invalid quoted string ${token}` })
      return undefined
    }
    out.push(value)
  }
  return out
}

function parseReplace(line: Line, a: string[], errors: ModFileError[]): Replacement | undefined {
  const arrow = a.length >= 2 && a[1] === '=>' ? 1 : 2
  if (a.length < arrow + 2 || a.length > arrow + 3 || a[arrow] !== '=>') {
    errors.push({ line: line.line, message: 'usage: replace module/path [v1.2.3] => other/module v1.4' })
    return undefined
  }
  const old = { path: a[0], version: arrow === 2 ? a[1] : '' }
  const target = a[arrow + 1]
  const targetVersion = a.length === arrow + 3 ? a[arrow + 2] : ''
  if (targetVersion === '') {
    if (!isDirectoryPath(target)) {
      errors.push({
        line: line.line,
        message: `replacement module without version must be directory path (rooted or starting with ./ or ../): ${target}`
      })
      return undefined
    }
    return { old, new: { path: target, version: '' }, local: true }
  }
  if (isDirectoryPath(target)) {
    errors.push({ line: line.line, message: `replacement module directory path ${target} cannot have version` })
    return undefined
  }
  return { old, new: { path: target, version: targetVersion }, local: false }
}

function isIndirect(comment: string): boolean {
  // modfile.isIndirect: the comment is exactly "indirect" or starts with "indirect;".
  return comment === 'indirect' || comment.startsWith('indirect;')
}

/** Parses a go.mod text. Never throws; `errors` lists the lines that were skipped. */
export function parseGoMod(text: string): GoMod {
  const errors: ModFileError[] = []
  let module = ''
  const found: { go?: string; toolchain?: string } = {}
  const versionLines: { go?: number; toolchain?: number } = {}
  const require: Requirement[] = []
  const exclude: ModuleVersion[] = []
  const replace: Replacement[] = []
  for (const line of lexLines(text, errors)) {
    const verb = line.tokens[0]
    const a = args(line, errors)
    if (!a) continue
    const expect = (n: number, usage: string): boolean => {
      if (a.length === n) return true
      errors.push({ line: line.line, message: `usage: ${usage}` })
      return false
    }
    switch (verb) {
      case 'module':
        if (expect(1, 'module module/path')) module = a[0]
        break
      case 'go':
      case 'toolchain':
        versionDirective(verb, line, a, found, versionLines, errors)
        break
      case 'require':
        if (expect(2, 'require module/path v1.2.3'))
          require.push({ path: a[0], version: a[1], indirect: isIndirect(line.comment) })
        break
      case 'exclude':
        if (expect(2, 'exclude module/path v1.2.3')) exclude.push({ path: a[0], version: a[1] })
        break
      case 'replace': {
        const r = parseReplace(line, a, errors)
        if (r) replace.push(r)
        break
      }
      default:
        // retract, godebug, tool and verbs of later Go versions do not change what is downloaded.
        break
    }
  }
  return { module, ...found, versionLines, require, exclude, replace, errors }
}

/**
 * The `go` and `toolchain` directives of go.mod and go.work: one argument each, at most once (modfile's
 * "repeated go statement"); the first one counts.
 */
function versionDirective(
  verb: 'go' | 'toolchain',
  line: Line,
  a: readonly string[],
  found: { go?: string; toolchain?: string },
  lines: { go?: number; toolchain?: number },
  errors: ModFileError[]
): void {
  if (a.length !== 1) {
    errors.push({ line: line.line, message: verb === 'go' ? 'usage: go 1.23' : 'usage: toolchain go1.23.5' })
  } else if (found[verb] !== undefined) {
    errors.push({ line: line.line, message: `repeated ${verb} statement` })
  } else {
    found[verb] = a[0]
    lines[verb] = line.line
  }
}

/** Parses a go.work text. Never throws; `errors` lists the lines that were skipped. */
export function parseGoWork(text: string): GoWork {
  const errors: ModFileError[] = []
  const found: { go?: string; toolchain?: string } = {}
  const versionLines: { go?: number; toolchain?: number } = {}
  const use: string[] = []
  const replace: Replacement[] = []
  for (const line of lexLines(text, errors)) {
    const a = args(line, errors)
    if (!a) continue
    const verb = line.tokens[0]
    switch (verb) {
      case 'go':
      case 'toolchain':
        versionDirective(verb, line, a, found, versionLines, errors)
        break
      case 'use':
        if (a.length === 1) use.push(a[0])
        else errors.push({ line: line.line, message: 'usage: use local/dir' })
        break
      case 'replace': {
        const r = parseReplace(line, a, errors)
        if (r) replace.push(r)
        break
      }
      default:
        break
    }
  }
  return { ...found, versionLines, use, replace, errors }
}
