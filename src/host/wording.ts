/**
 * How a host names its settings and its place in the messages the shared pipeline writes: the action speaks of
 * inputs (`proxies:`, "Input 'proxies'") on a runner, the CLI of flags (`--proxies`) on this machine. Each message
 * asks the host's Wording where it names one of them, so it is right where it is written (no translation of finished
 * text afterwards). Pure.
 */
import { variableOfInput, type InputErrors } from '../go/errors.js'

export interface Wording {
  /** A setting as the user writes it, code-quoted, with a value when given: `proxies:` / `--sumdb X`. */
  input(name: string, value?: string): string
  /** The same unquoted, as a line to add (a suggestion): `private: x` under `with:` / `--private x`. */
  line(name: string, value?: string): string
  /** The subject of an input error: "Input 'proxies'" / "--proxies"; a variable from the environment as such. */
  subject(input: string): string
  /** What a setting is called: "input" / "flag". */
  readonly setting: string
  /** Where the run happens: "this runner" / "this machine". */
  readonly here: string
}

/** Input errors as `words` names their inputs, one line each: "Input 'region': …" / "--region: …". */
export function describeInputErrors(errors: InputErrors, words: Wording): string {
  return errors.errors.map(error => `${words.subject(error.input)}: ${error.detail}`).join('\n')
}

/** The action's words: inputs as `with:` writes them, on the runner. */
export const ACTION_WORDING: Wording = {
  input: (name, value) => `\`${ACTION_WORDING.line(name, value)}\``,
  line: (name, value) => `${name}:${value ? ` ${value}` : ''}`,
  // A variable from the job's environment is named as such (`GOPROXY (job environment)`), not as an input.
  subject: input => (variableOfInput(input) ? input : `Input '${input}'`),
  setting: 'input',
  here: 'this runner'
}
