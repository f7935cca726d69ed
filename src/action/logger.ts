import * as core from './workflow.js'
import { randomBytes } from 'node:crypto'
import type { Logger } from '../host/logger.js'

/**
 * Text for a plain log line that cannot start a workflow command. The runner acts on any line whose text, leading
 * whitespace trimmed, starts with `::` — so a value at the start of a line (a GOPRIVATE from the job in the `go env`
 * group, a proxy's error text quoted by go) could raise a fake annotation or set a variable. Such text is printed
 * between `::stop-commands::<token>` and `::<token>::` (the runner's own way of showing text verbatim), with a
 * fresh random token that the text cannot know. Annotations (warning, error, notice, debug) need nothing: their
 * message is escaped by ./workflow.ts.
 */
export function inertLogText(text: string): string {
  if (!text.split(/\r?\n|\r/).some(line => line.trimStart().startsWith('::'))) return text
  const token = randomBytes(16).toString('hex')
  return `::stop-commands::${token}\n${text}\n::${token}::`
}

/** The core's Logger over the runner's workflow commands (./workflow.ts): warnings and errors become annotations, on a file when one is known. */
export const actionLogger: Logger = {
  info: message => core.info(inertLogText(message)),
  warning: (message, file) => core.warning(message, file ? { file } : {}),
  error: (message, file) => core.error(message, file ? { file } : {}),
  debug: message => core.debug(message)
}
