import { variableOfInput } from '../go/errors.js'
import { ACTION_WORDING, type Wording } from '../host/wording.js'
import { isInputFlag } from './args.js'

/**
 * The CLI's words: a setting is the flag of the same name (`--proxies`, `--sumdb X`), the place is this machine,
 * and a variable the environment holds is "your" environment. A setting the CLI has no flag for (the action's
 * `cache:`) keeps the action's name.
 */
export const CLI_WORDING: Wording = {
  input: (name, value) => `\`${CLI_WORDING.line(name, value)}\``,
  line: (name, value) =>
    isInputFlag(name) ? `--${name}${value ? ` ${value}` : ''}` : ACTION_WORDING.line(name, value),
  subject: input => {
    if (isInputFlag(input)) return `--${input}`
    const variable = variableOfInput(input)
    return variable ? `${variable} (your environment)` : input
  },
  setting: 'flag',
  here: 'this machine'
}
