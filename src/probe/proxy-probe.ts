import type { Credentials } from '../auth/types.js'
import { escapeModulePath, moduleRequestPath } from '../go/module/path.js'
import {
  classifyFailure,
  classifyListAnswer,
  classifySupportedAnswer,
  isVersionList,
  type ProbeAttempt,
  type ProbeStatus,
  type SupportedAnswer
} from './report.js'
import { retryPause } from './retry.js'
import type { HttpClient, HttpResult } from '../net/http.js'
import { sleep } from '../net/sleep.js'
import { probeAttemptOf } from './attempt.js'
import { fileProxyDir, fileProxyPath, isDirectory, readWithDeadline } from './file-proxy.js'
import { joinUrlPath } from './url.js'

/** Body bytes a probe keeps: a version list, a `supported` or a `/latest` answer is far smaller. */
const PROBE_BODY_LIMIT = 64 * 1024

/** What every probe request of one proxy shares. */
export interface RequestContext {
  /** The probe run's one client: its pools keep a proxy's connection alive across its samples. */
  readonly client: HttpClient
  /** performance.now() value at which a request still running ends as a DEADLINE failure of its phase. */
  readonly deadline: number
  /** Basic-auth credentials, sent only to the origin of the URL they were picked for, also across redirects. */
  readonly credentials?: Credentials
  /** Ends the requests early (the answer is no longer needed); their result is then 'aborted'. */
  readonly signal?: AbortSignal
}

/** The version-list probe of one proxy. */
export interface ListProbe {
  readonly status: ProbeStatus
  readonly message: string
  /** Latency of each successful sample, ms. */
  readonly samplesMs: readonly number[]
  readonly attempts: number
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

function isFileUrl(url: string): boolean {
  return /^file:/i.test(url)
}

/** One probe GET on the run's client: redirects followed the go command's way, a hard deadline. Never rejects. */
function probeGet(url: string, context: RequestContext): Promise<HttpResult> {
  return context.client.get(url, {
    body: { mode: 'buffer', maxBytes: PROBE_BODY_LIMIT },
    deadline: context.deadline,
    ...(context.credentials ? { credentials: context.credentials } : {}),
    ...(context.signal ? { signal: context.signal } : {})
  })
}

/** One GET asked again after transient failures, by the shared rule (probe/retry.ts). */
export interface RetriedGet {
  /** The last result: the first lasting one, or the last transient one when retries ran out. */
  readonly result: HttpResult
  /** The same result as the core's observation, for its classifiers. */
  readonly attempt: ProbeAttempt
  /** Requests made. */
  readonly attempts: number
}

function nextTurn(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve))
}

/**
 * GET `url`, asked again after a transient failure (5xx, 429, a dropped or reset
 * connection) while the shared retry rule and the deadline allow. `onAttempt` sees each
 * attempt as it comes. Never rejects.
 */
export async function getWithRetries(
  url: string,
  context: RequestContext,
  onAttempt?: (attempt: ProbeAttempt) => void
): Promise<RetriedGet> {
  for (let attempts = 1; ; attempts++) {
    const result = await probeGet(url, context)
    const attempt = probeAttemptOf(result)
    onAttempt?.(attempt)
    const wait = retryPause(attempt, attempts - 1, performance.now(), context.deadline)
    if (wait === undefined || context.signal?.aborted) return { result, attempt, attempts }
    // A ref'd timer (net/sleep): while it runs it may be all the event loop has (a dropped connection leaves no
    // socket), and an unref'd one would let the process end mid-probe. It is short and bounded by the deadline.
    await sleep(wait, context.signal)
    if (context.signal?.aborted)
      return { result: { kind: 'aborted', ms: result.ms }, attempt: { kind: 'aborted' }, attempts }
  }
}

/** Words for the number of requests a failure took, when it took more than one. */
export function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` (${attempts} attempts)` : ''
}

/**
 * Probes `GET <proxy>/<module>/@v/list` up to `samples` times, one request after the
 * other on the run's client (later samples reuse the kept-alive connection). The first lasting answer decides the class: a transient
 * failure (5xx, 429, a dropped connection) is asked again a few times while the deadline
 * allows, so one unlucky request does not drop a flaky but working proxy. Only a proxy
 * that served the list is sampled again, for its latency, while there is time left (a
 * further sample starts only if one as long as the last still fits before the deadline,
 * so a slow-but-working proxy does not hold the phase open for nothing). A later sample
 * that fails ends the sampling without changing the class. file:// proxies are read on disk.
 * `onAnswered` is called when the proxy first answers anything (an error included), so the
 * probe loop does not cut it as too slow while it is retried or sampled.
 */
export async function probeList(
  url: string,
  module: string,
  samples: number,
  context: RequestContext,
  onAnswered?: () => void
): Promise<ListProbe> {
  if (isFileUrl(url)) return probeFileList(url, module, context)
  const target = joinUrlPath(url, `${moduleRequestPath(module)}/@v/list`)
  // The first lasting answer decides the class, after the shared retry rule.
  // Any sign of life (an HTTP answer, even an error, or a reset) means the proxy is not "too slow".
  const first = await getWithRetries(target, context, attempt => {
    if (attempt.kind === 'answer' || (attempt.kind === 'failure' && attempt.failure.code !== 'DEADLINE')) onAnswered?.()
  })
  let attempts = first.attempts
  if (first.attempt.kind === 'aborted') {
    return { status: 'no-response', message: 'no answer before the probe ended', samplesMs: [], attempts: attempts - 1 }
  }
  const classification =
    first.attempt.kind === 'answer'
      ? classifyListAnswer(first.attempt.answer, module)
      : classifyFailure(first.attempt.failure)
  if (classification.status !== 'ok') {
    return {
      ...classification,
      message: `${classification.message}${attemptsNote(first.attempts)}`,
      samplesMs: [],
      attempts
    }
  }
  const samplesMs = [round(first.result.ms)]
  // Further samples, for the median only: a failed one ends the sampling without changing the class.
  while (samplesMs.length < Math.max(1, samples)) {
    if (performance.now() + samplesMs[samplesMs.length - 1] >= context.deadline) break
    // The answer settles before undici has put its connection back in the pool: one turn of the
    // event loop lets the next sample reuse it rather than open another (the sample then times
    // the request, not a new handshake).
    await nextTurn()
    attempts++
    const result = await probeGet(target, context)
    const attempt = probeAttemptOf(result)
    if (attempt.kind === 'aborted') {
      attempts--
      break
    }
    if (attempt.kind !== 'answer' || classifyListAnswer(attempt.answer, module).status !== 'ok') break
    samplesMs.push(round(result.ms))
  }
  return { ...classification, samplesMs, attempts }
}

async function probeFileList(url: string, module: string, context: RequestContext): Promise<ListProbe> {
  const { client, deadline } = context
  const dir = fileProxyDir(url)
  if (dir === undefined)
    return { status: 'file-missing', message: `${url} names no directory`, samplesMs: [], attempts: 1 }
  const start = performance.now()
  const read = await readWithDeadline(client, fileProxyPath(dir, `${escapeModulePath(module)}/@v/list`), deadline)
  const ms = round(performance.now() - start)
  switch (read.kind) {
    case 'file':
      return isVersionList(read.text)
        ? { status: 'ok', message: 'works', samplesMs: [ms], attempts: 1 }
        : {
            status: 'not-proxy',
            message: `not a module proxy: ${module}/@v/list is not a version list`,
            samplesMs: [],
            attempts: 1
          }
    case 'deadline':
      return {
        status: 'no-response',
        message: `no response: reading ${dir} did not finish in time`,
        samplesMs: [],
        attempts: 1
      }
    case 'error':
      return { status: 'file-missing', message: `cannot read ${dir} (${read.code})`, samplesMs: [], attempts: 1 }
    case 'missing':
      return (await isDirectory(dir, deadline))
        ? {
            status: 'not-found',
            message: `reachable, but ${dir} holds no ${module}: it does not serve that module; kept`,
            samplesMs: [],
            attempts: 1
          }
        : { status: 'file-missing', message: `directory ${dir} does not exist`, samplesMs: [], attempts: 1 }
  }
}

/** The `supported` answer of one proxy, with the time it took. */
export interface SupportedProbe extends SupportedAnswer {
  readonly ms: number
}

/** Words for a request that ended without an answer usable by the caller. */
export function attemptMessage(attempt: Exclude<ProbeAttempt, { kind: 'answer' }>): string {
  return attempt.kind === 'aborted' ? 'no answer before the probe ended' : classifyFailure(attempt.failure).message
}

/**
 * Asks a proxy `GET <proxy>/sumdb/<name>/supported`, as the go command does before it
 * sends checksum traffic through a proxy. For a file:// proxy the file's presence decides.
 * 'aborted' results come back as undefined (the answer was no longer needed).
 */
export async function probeSupported(
  url: string,
  name: string,
  context: RequestContext
): Promise<SupportedProbe | undefined> {
  const start = performance.now()
  if (isFileUrl(url)) {
    const dir = fileProxyDir(url)
    const read =
      dir === undefined
        ? ({ kind: 'missing' } as const)
        : await readWithDeadline(context.client, fileProxyPath(dir, `sumdb/${name}/supported`), context.deadline)
    const ms = round(performance.now() - start)
    if (read.kind === 'file') return { support: 'yes', message: 'serves the checksum database', ms }
    if (read.kind === 'missing') return { support: 'no', message: 'does not serve it (no such file)', ms }
    return {
      support: 'error',
      message: read.kind === 'deadline' ? 'no answer in time' : `cannot read (${read.code})`,
      ms
    }
  }
  const { attempt, attempts } = await getWithRetries(joinUrlPath(url, `sumdb/${name}/supported`), context)
  if (attempt.kind === 'aborted') return undefined
  const ms = round(performance.now() - start)
  if (attempt.kind === 'failure')
    return { support: 'error', message: `${attemptMessage(attempt)}${attemptsNote(attempts)}`, ms }
  const answer = classifySupportedAnswer(attempt.answer)
  return {
    ...answer,
    ...(answer.support === 'error' ? { message: `${answer.message}${attemptsNote(attempts)}` } : {}),
    ms
  }
}
