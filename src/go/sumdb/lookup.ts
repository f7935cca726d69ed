/**
 * The `/lookup/<path>@<version>` answer of a checksum database and the decision about its record text.
 * The answer is `<record id>\n<record text>\n<signed tree note>`; only the record text is authenticated (by the
 * tree), and only once its leaf hash is proven under the signed tree head.
 */
import { isH1 } from './dirhash.js'

/** A lookup answer split into its parts (tlog.ParseRecord); nothing in it is trusted yet. */
export interface LookupAnswer {
  readonly id: number
  /** The record text, ending in "\n": the bytes whose leaf hash the tree must prove. */
  readonly text: Uint8Array
  /** The rest of the answer: a signed tree head note. */
  readonly treeNote: Uint8Array
}

/** Record text as tlog's isValidRecordText: UTF-8, no control characters but "\n", no blank line, ends in "\n". */
function recordTextProblem(text: Uint8Array): string | undefined {
  let decoded: string
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(text)
  } catch {
    return 'is not UTF-8'
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(decoded)) return 'has a control character'
  if (decoded.includes('\n\n')) return 'has a blank line'
  if (!decoded.endsWith('\n')) return 'does not end in a newline'
  return undefined
}

/** Splits a lookup answer as tlog.ParseRecord does: a canonical decimal id line, then the text up to a blank line. */
export function parseLookup(body: Uint8Array): LookupAnswer | string {
  const newline = body.indexOf(0x0a)
  if (newline < 0) return 'the lookup answer has no record id line'
  const idText = Buffer.from(body.subarray(0, newline)).toString('latin1')
  const id = Number(idText)
  if (!/^(0|[1-9][0-9]*)$/.test(idText) || !Number.isSafeInteger(id)) {
    return `the lookup answer's record id ${JSON.stringify(idText.slice(0, 40))} is not a record number`
  }
  const rest = body.subarray(newline + 1)
  let blank = -1
  for (let i = 0; i + 1 < rest.length; i++) {
    if (rest[i] === 0x0a && rest[i + 1] === 0x0a) {
      blank = i
      break
    }
  }
  if (blank < 0) return 'the lookup answer has no blank line between the record and the tree note'
  const text = rest.subarray(0, blank + 1)
  const problem = recordTextProblem(text)
  if (problem !== undefined) return `the record text of the lookup answer ${problem}`
  return { id, text, treeNote: rest.subarray(blank + 2) }
}

/** The two go.sum hashes of one module version, as the database records them. */
export interface ModuleHashes {
  /** `h1:` of the module zip. */
  readonly h1: string
  /** `h1:` of the module's go.mod. */
  readonly goModH1: string
}

/**
 * Reads the hashes of `path@version` from an *authenticated* record text (CVE-2026-42501 and CVE-2026-56864: the
 * lines must come from the proven text, never from the rest of the answer, and must be for exactly the requested
 * path and version). The text must hold exactly one `<path> <version> h1:<hash>` line and one
 * `<path> <version>/go.mod h1:<hash>` line; lines of other hash algorithms for this module are ignored (forward
 * compatibility), and a line about any other module or version refuses the record.
 */
export function recordHashes(text: Uint8Array, path: string, version: string): ModuleHashes | string {
  const decoded = new TextDecoder().decode(text)
  const lines = decoded.split('\n').slice(0, -1)
  const zipPrefix = `${path} ${version} `
  const modPrefix = `${path} ${version}/go.mod `
  const zip: string[] = []
  const mod: string[] = []
  for (const line of lines) {
    const target = line.startsWith(zipPrefix) ? zip : line.startsWith(modPrefix) ? mod : undefined
    if (target === undefined) {
      return `the record holds ${JSON.stringify(line.slice(0, 200))}, which is not about ${path}@${version}`
    }
    const hash = line.slice((target === zip ? zipPrefix : modPrefix).length)
    if (hash.startsWith('h1:')) {
      if (!isH1(hash)) return `the record line ${JSON.stringify(line.slice(0, 200))} has a malformed h1 hash`
      target.push(hash)
    }
  }
  if (zip.length !== 1) {
    return `the record has ${zip.length} "${path} ${version} h1:" lines, want exactly one`
  }
  if (mod.length !== 1) {
    return `the record has ${mod.length} "${path} ${version}/go.mod h1:" lines, want exactly one`
  }
  return { h1: zip[0], goModH1: mod[0] }
}
