import { escapeModulePath, moduleRequestPath } from '../core/module-path.js'
import {
  classifyFailure,
  classifyListAnswer,
  classifySupportedAnswer,
  isVersionList,
  type ProbeStatus,
  type SupportedAnswer
} from '../core/probe-report.js'
import { fileProxyDir, fileProxyPath, isDirectory, readWithDeadline } from './file-proxy.js'
import { httpGet, type GetResult } from './http-get.js'
import { joinUrlPath, type Credentials } from './url.js'

/** What every probe request of one proxy shares. */
export interface RequestContext {
  readonly deadline: number
  readonly credentials?: Credentials
  readonly ca?: readonly string[]
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

/** How long to wait before asking again after a transient failure: short, the probe has a deadline. */
const RETRY_PAUSE_MS = 50
/** Transient answers are asked again this many times at most (while the deadline allows). */
const TRANSIENT_RETRIES = 3

/**
 * A failure that says nothing lasting about the proxy: a 5xx or 429, or a connection
 * dropped mid-answer. The go command would fail that one request; a proxy that fails
 * one request in three still serves a build once retried, and the warm phase retries.
 */
function isTransient(result: GetResult, verdict: { status: ProbeStatus }): boolean {
  if (verdict.status === 'connection-closed') return true
  return result.kind === 'answer' && (result.answer.status >= 500 || result.answer.status === 429)
}

/**
 * Probes `GET <proxy>/<module>/@v/list` up to `samples` times, one request after the
 * other on fresh connections. The first lasting answer decides the class: a transient
 * failure (5xx, 429, a dropped connection) is asked again a few times while the deadline
 * allows, so one unlucky request does not drop a flaky but working proxy. Only a proxy
 * that served the list is sampled again, for its latency, while there is time left (a
 * further sample starts only if one as long as the last still fits before the deadline,
 * so a slow-but-working proxy does not hold the phase open for nothing). A later sample
 * that fails ends the sampling without changing the class. file:// proxies are read on disk.
 */
export async function probeList(
  url: string,
  module: string,
  samples: number,
  context: RequestContext
): Promise<ListProbe> {
  if (isFileUrl(url)) return probeFileList(url, module, context.deadline)
  const target = joinUrlPath(url, `${moduleRequestPath(module)}/@v/list`)
  const samplesMs: number[] = []
  let attempts = 0
  let retries = 0
  let first: { status: ProbeStatus; message: string } | undefined
  let lastTransient: { status: ProbeStatus; message: string } | undefined
  while (attempts < Math.max(1, samples) + retries) {
    if (first && performance.now() + samplesMs[samplesMs.length - 1] >= context.deadline) break
    attempts++
    const result = await httpGet(target, context)
    if (result.kind === 'aborted') {
      attempts--
      break
    }
    const verdict =
      result.kind === 'answer' ? classifyListAnswer(result.answer, module) : classifyFailure(result.failure)
    if (!first && isTransient(result, verdict) && retries < TRANSIENT_RETRIES) {
      retries++
      lastTransient = verdict
      if (performance.now() + RETRY_PAUSE_MS >= context.deadline) break
      // Not unref'd: this pause may be all the process is waiting for (the first answer failed, its socket is gone),
      // and an unref'd timer then lets Node exit mid-probe with status 0 and nothing exported.
      await new Promise(resolve => setTimeout(resolve, RETRY_PAUSE_MS))
      continue
    }
    if (!first) first = verdict
    if (verdict.status !== 'ok') break
    samplesMs.push(round(result.ms))
  }
  const decided = first ?? lastTransient
  return {
    ...(decided
      ? retries > 0 && decided.status !== 'ok'
        ? { ...decided, message: `${decided.message} (${retries + 1} attempts)` }
        : decided
      : { status: 'no-response', message: 'no answer before the probe ended' }),
    samplesMs,
    attempts
  }
}

async function probeFileList(url: string, module: string, deadline: number): Promise<ListProbe> {
  const dir = fileProxyDir(url)
  if (dir === undefined)
    return { status: 'file-missing', message: `${url} names no directory`, samplesMs: [], attempts: 1 }
  const start = performance.now()
  const read = await readWithDeadline(fileProxyPath(dir, `${escapeModulePath(module)}/@v/list`), deadline)
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
export function resultMessage(result: Exclude<GetResult, { kind: 'answer' }>): string {
  return result.kind === 'aborted' ? 'no answer before the probe ended' : classifyFailure(result.failure).message
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
        : await readWithDeadline(fileProxyPath(dir, `sumdb/${name}/supported`), context.deadline)
    const ms = round(performance.now() - start)
    if (read.kind === 'file') return { support: 'yes', message: 'serves the checksum database', ms }
    if (read.kind === 'missing') return { support: 'no', message: 'does not serve it (no such file)', ms }
    return {
      support: 'error',
      message: read.kind === 'deadline' ? 'no answer in time' : `cannot read (${read.code})`,
      ms
    }
  }
  const result = await httpGet(joinUrlPath(url, `sumdb/${name}/supported`), context)
  if (result.kind === 'aborted') return undefined
  if (result.kind === 'failure') return { support: 'error', message: resultMessage(result), ms: round(result.ms) }
  return { ...classifySupportedAnswer(result.answer), ms: round(result.ms) }
}
