import * as core from '@actions/core'
import type { Logger } from '../host/logger.js'

/** The core's Logger over @actions/core: warnings and errors become annotations, on a file when one is known. */
export const actionLogger: Logger = {
  info: message => core.info(message),
  warning: (message, file) => core.warning(message, file ? { file } : {}),
  error: (message, file) => core.error(message, file ? { file } : {}),
  debug: message => core.debug(message)
}
