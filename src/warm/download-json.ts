/**
 * `go mod download -json` prints one tab-indented JSON object per module, one after the
 * other: a stream of objects, not an array. This parser takes the output in chunks of any
 * size (split anywhere, even inside a UTF-8 character) and returns each object as soon as
 * its closing brace arrives, so a caller never waits for the end of the stream.
 */

/** One module as `go mod download -json` reports it (cmd/go/internal/modcmd/download.go, moduleJSON). */
export interface ModuleDownload {
  readonly Path: string
  readonly Version?: string
  readonly Query?: string
  /** Set when this module failed; the other files may then be missing. */
  readonly Error?: string
  readonly Info?: string
  readonly GoMod?: string
  readonly Zip?: string
  readonly Dir?: string
  readonly Sum?: string
  readonly GoModSum?: string
  readonly Origin?: unknown
  readonly Reuse?: boolean
}

/** Incremental parser for the object stream. Feed chunks with `push`, then call `end`. */
export class DownloadJsonParser {
  private readonly decoder = new TextDecoder('utf-8')
  /** Text of the object being read (from its opening brace). */
  private current = ''
  private depth = 0
  private inString = false
  private escaped = false
  /** Text outside any object that is not white space (a warning printed to stdout, say). */
  private strayText = ''

  /** Anything the stream held outside the objects, for diagnostics. */
  get stray(): string {
    return this.strayText
  }

  /** Feeds a chunk (bytes or text) and returns the objects it completed, in order. */
  push(chunk: string | Uint8Array): ModuleDownload[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true })
    return this.scan(text)
  }

  /**
   * Ends the stream: returns any object completed by the decoder's last bytes. An object
   * left open (the process was killed mid-write) is dropped and recorded as stray text.
   */
  end(): ModuleDownload[] {
    const objects = this.scan(this.decoder.decode())
    if (this.depth > 0) this.strayText += this.current
    this.current = ''
    this.depth = 0
    this.inString = false
    this.escaped = false
    return objects
  }

  private scan(text: string): ModuleDownload[] {
    const objects: ModuleDownload[] = []
    let start = this.depth > 0 ? 0 : -1
    for (let i = 0; i < text.length; i++) {
      const c = text[i]
      if (this.depth === 0) {
        if (c === '{') {
          this.depth = 1
          start = i
        } else if (!/\s/.test(c)) {
          this.strayText += c
        }
        continue
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === '\\') this.escaped = true
        else if (c === '"') this.inString = false
        continue
      }
      if (c === '"') this.inString = true
      else if (c === '{' || c === '[') this.depth++
      else if (c === '}' || c === ']') {
        this.depth--
        if (this.depth === 0) {
          const json = this.current + text.slice(start, i + 1)
          this.current = ''
          start = -1
          const parsed = parseObject(json)
          if (parsed) objects.push(parsed)
          else this.strayText += json
        }
      }
    }
    if (this.depth > 0 && start >= 0) this.current += text.slice(start)
    return objects
  }
}

function parseObject(json: string): ModuleDownload | undefined {
  try {
    const value: unknown = JSON.parse(json)
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof (value as { Path?: unknown }).Path === 'string'
    ) {
      return value as ModuleDownload
    }
  } catch {
    // Not JSON after all: kept as stray text by the caller.
  }
  return undefined
}

/** Parses a complete output at once (tests, small outputs). */
export function parseDownloadJson(output: string): ModuleDownload[] {
  const parser = new DownloadJsonParser()
  return [...parser.push(output), ...parser.end()]
}
