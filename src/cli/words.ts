import { isInputFlag } from './args.js'

/**
 * The CLI's words for what the shared pipeline says in the action's: a flag (`--proxies`) where the action names an
 * input (`proxies:`, "Input 'proxies'"), this machine where it says the runner, your environment where it says the
 * job's. Every message the CLI prints passes through here (the terminal logger, the error lines), so the pipeline's
 * messages stay one text for both hosts. Pure.
 */
export function inCliWords(text: string): string {
  return text
    .replace(/Input '([^']+)': /g, (_whole, input: string) => `${inputInCliWords(input)}: `)
    .replace(/`([a-z][a-z-]*):(?: ([^`\n]*))?`/g, (whole, name: string, value: string | undefined) =>
      isInputFlag(name) ? `\`--${name}${value ? ` ${value}` : ''}\`` : whole
    )
    .replace(/\((?:the )?job(?:'s)? environment\)/g, '(your environment)')
    .replace(/\b(?:this|the) runner\b/g, 'this machine')
}

/** An input as the CLI names it: its flag, or the variable it came from. */
function inputInCliWords(input: string): string {
  if (isInputFlag(input)) return `--${input}`
  return input.replace(/ \(job environment\)$/, ' (your environment)')
}
