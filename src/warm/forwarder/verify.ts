/**
 * Mirrors that disagree (a force-pushed tag: one mirror serves other bytes under the same version). Before the
 * forwarder hands go a `.zip` or `.mod` from a proxy with another `|` mirror after it, it computes the file's h1
 * (src/go/sumdb/dirhash.ts: the zip's dirhash, the go.mod's `/go.mod` hash) and compares it with what the build's
 * go.sum files record; on a mismatch the walk asks the next mirror (the walker's 'mismatch', src/go/proxy/walk.ts),
 * and the log names both mirrors. Where go.sum records nothing for the file there is nothing to compare: the checksum
 * database decides, as it would without the forwarder. go still verifies every byte it is given.
 *
 * Memory stays bounded: a body too large to buffer is spooled to a file (in a directory of its own, removed at
 * close) and hashed from there; the walk then hands the file on, and whoever does not use it releases it.
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { recordedKey, type RecordedSums } from '../../go/modfile/gosum.js'
import { goModHash } from '../../go/sumdb/dirhash.js'
import type { Logger } from '../../host/logger.js'
import type { HttpAnswer, HttpFailure, NetworkFault } from '../../net/http.js'
import type { CheckedAnswer } from '../../net/walk.js'
import { hashZip, hashZipBuffer } from '../../sumdb/hash-zip.js'
import { decodeModule } from './paths.js'

/** The comparison, for the forwarder's walks. */
export interface SumCheck {
  /**
   * Compares the answer for the wire path `path` from the proxy `from` with go.sum; `next` is the mirror asked on a
   * mismatch (both named in the log line). Never rejects.
   */
  check(path: string, answer: HttpAnswer, from: string, next: string): Promise<CheckedAnswer>
  /** Frees an answer nobody uses: removes a spooled body's file. */
  release(answer: HttpAnswer): void
  /** Removes the spool directory. */
  close(): Promise<void>
}

/** The module file a wire path names (`<escaped module>/@v/<escaped version>.zip|.mod`), or undefined for any other. */
export function moduleFileOf(path: string): { module: string; version: string; goMod: boolean } | undefined {
  const m = /^(.+)\/@v\/([^/]+)\.(zip|mod)$/.exec(path)
  if (!m) return undefined
  const module = decodeModule(m[1])
  const version = decodeModule(m[2])
  return module !== undefined && version !== undefined ? { module, version, goMod: m[3] === 'mod' } : undefined
}

/**
 * A check over the hashes go.sum records (`recorded`; a function is called once, on the first comparison), spooling
 * large bodies under `spoolParent`.
 */
export function createSumCheck(
  given: RecordedSums | (() => RecordedSums),
  log: Logger,
  spoolParent?: string
): SumCheck {
  let known: RecordedSums | undefined = typeof given === 'function' ? undefined : given
  const recorded = (): RecordedSums => (known ??= (given as () => RecordedSums)())
  let spoolDir: Promise<string> | undefined
  let spooled = 0
  const spoolFile = async (): Promise<string> => {
    spoolDir ??= mkdtemp(join(spoolParent ?? tmpdir(), 'setup-goproxy-verify-'))
    return join(await spoolDir, `${spooled++}.body`)
  }
  return {
    async check(path, answer, from, next) {
      const file = moduleFileOf(path)
      const want = file ? recorded().get(recordedKey(file.module, file.version, file.goMod)) : undefined
      if (!file || !want) return { verdict: 'ok', answer }
      const held =
        answer.body.kind === 'stream' ? await spool(answer, await spoolFile().catch(() => undefined)) : answer
      if (held.kind === 'failure') return { verdict: 'failed', failure: held }
      const got = await hashOf(held, file.goMod)
      if (got !== undefined && want.has(got)) return { verdict: 'ok', answer: held }
      const what = `${file.module}@${file.version}${file.goMod ? '.mod' : '.zip'}`
      log.warning(
        `Warm phase: ${from} served ${what} with ${got ?? 'an unreadable zip'}, which differs from go.sum (${[...want].join(', ')}); asking ${next} instead (the mirrors disagree; go verifies whatever it gets).`
      )
      return { verdict: 'mismatch', answer: held }
    },
    release(answer) {
      if (answer.body.kind === 'file') void rm(answer.body.path, { force: true }).catch(() => undefined)
    },
    async close() {
      const dir = await spoolDir?.catch(() => undefined)
      if (dir) await rm(dir, { recursive: true, force: true })
    }
  }
}

/** The h1 of an answer's body (a zip's dirhash, or a go.mod's), or undefined when the zip cannot be read. */
async function hashOf(answer: HttpAnswer, goMod: boolean): Promise<string | undefined> {
  const { body } = answer
  try {
    if (body.kind === 'file') return goMod ? goModHash(await readFile(body.path)) : await hashZip(body.path)
    if (body.kind === 'buffered') return goMod ? goModHash(body.bytes) : await hashZipBuffer(body.bytes, answer.url)
  } catch {
    // Not a zip go could read either: it would refuse it as surely as a mismatch.
  }
  return undefined
}

/**
 * Writes a streamed body to `file` and returns the answer with the file as its body, or the failure that ended the
 * transfer (the client ends the stream only when the whole body arrived; a stall or a break is an error): 'local'
 * when writing the file failed, the source's fault otherwise.
 */
async function spool(answer: HttpAnswer, file: string | undefined): Promise<HttpAnswer | HttpFailure> {
  const body = answer.body
  if (body.kind !== 'stream') return answer
  const failed = (fault: NetworkFault, code: string, message: string): HttpFailure => {
    if (file) void rm(file, { force: true }).catch(() => undefined)
    body.rest.destroy()
    return { kind: 'failure', phase: 'body', fault, code, message, host: answer.host, authSent: answer.authSent, ms: 0 }
  }
  if (!file) return failed('local', 'EIO', 'cannot make a spool file for the answer')
  let bytes = 0
  let writeError: NodeJS.ErrnoException | undefined
  const out = createWriteStream(file)
  out.on('error', error => (writeError = error))
  const counted = async function* (source: AsyncIterable<Buffer>) {
    if (body.head.length > 0) {
      bytes += body.head.length
      yield body.head
    }
    for await (const chunk of source) {
      bytes += chunk.length
      yield chunk
    }
  }
  try {
    await pipeline(body.rest, counted, out)
  } catch (error) {
    if (writeError) return failed('local', writeError.code ?? 'EIO', `writing ${file}: ${writeError.message}`)
    const code = (error as NodeJS.ErrnoException).code ?? 'ECONNRESET'
    return failed(sourceFault(code), code, error instanceof Error ? error.message : String(error))
  }
  if (answer.contentLength !== undefined && bytes !== answer.contentLength) {
    return failed('reset', 'ECONNRESET', `the answer broke off after ${bytes} of ${answer.contentLength} bytes`)
  }
  return { ...answer, body: { kind: 'file', path: file, bytes } }
}

/** The fault of a streamed body's error code (src/net/http.ts ends a stream with its failure's code). */
function sourceFault(code: string): NetworkFault {
  if (code === 'BODY_TIMEOUT' || code === 'TOO_SLOW' || code === 'DEADLINE') return 'timeout'
  if (code === 'TOO_LARGE') return 'too-large'
  return 'reset'
}
