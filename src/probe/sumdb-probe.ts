import { checkTreeHead, describeFailedAnswer } from './report.js'
import { fileProxyDir, fileProxyPath, readWithDeadline } from './file-proxy.js'
import { attemptMessage, attemptsNote, getWithRetries, type RequestContext } from './proxy-probe.js'
import { joinUrlPath } from './url.js'

/** Whether one way to the checksum database answered `/latest` with a signed tree head. */
export interface LatestCheck {
  readonly ok: boolean
  /** 'signed tree head of <name>' or what went wrong, in the probe's words. */
  readonly message: string
  readonly ms: number
  /** True when the check was cut short because its answer was no longer needed. */
  readonly aborted?: boolean
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}

/**
 * GET `<base>/latest` and check the shape of the signed tree head (the signature is
 * the go command's business). `base` is a database root: `https://<name>`, the GOSUMDB
 * URL, or `<proxy>/sumdb/<name>` (also file://, read on disk). A transient failure is
 * asked again by the shared retry rule (probe/retry.ts). Never rejects.
 */
export async function checkLatest(base: string, name: string, context: RequestContext): Promise<LatestCheck> {
  const start = performance.now()
  if (/^file:/i.test(base)) {
    const dir = fileProxyDir(base)
    const read =
      dir === undefined
        ? ({ kind: 'missing' } as const)
        : await readWithDeadline(context.client, fileProxyPath(dir, 'latest'), context.deadline)
    const ms = round(performance.now() - start)
    if (read.kind !== 'file')
      return { ok: false, message: read.kind === 'missing' ? 'no latest file' : 'cannot read the latest file', ms }
    const problem = checkTreeHead(read.text, name)
    return problem ? { ok: false, message: problem, ms } : { ok: true, message: `signed tree head of ${name}`, ms }
  }
  const { result, attempt, attempts } = await getWithRetries(joinUrlPath(base, 'latest'), context)
  if (attempt.kind !== 'answer') {
    return {
      ok: false,
      message: `${attemptMessage(attempt)}${attempt.kind === 'aborted' ? '' : attemptsNote(attempts)}`,
      ms: round(performance.now() - start),
      ...(attempt.kind === 'aborted' ? { aborted: true } : {})
    }
  }
  const ms = round(result.ms)
  if (attempt.answer.status !== 200) {
    return { ok: false, message: `${describeFailedAnswer(attempt.answer).message}${attemptsNote(attempts)}`, ms }
  }
  const problem = checkTreeHead(attempt.answer.body, name)
  return problem
    ? { ok: false, message: `HTTP 200 but ${problem}`, ms }
    : { ok: true, message: `signed tree head of ${name}`, ms }
}
