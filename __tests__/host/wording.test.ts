/**
 * Each host's words, where the messages are written: the action names inputs (`proxies:`, "Input 'proxies'") on a
 * runner, the CLI flags (`--proxies`) on this machine. The same messages, built with each host's Wording.
 */
import { describe, expect, it } from '@jest/globals'
import { CLI_WORDING } from '../../src/cli/wording.js'
import { environmentInput, InputError, InputErrors } from '../../src/go/errors.js'
import { parseGoproxy } from '../../src/go/proxy/chain.js'
import { ACTION_WORDING, describeInputErrors, type Wording } from '../../src/host/wording.js'
import { chainProblems } from '../../src/probe/decide.js'
import { diagnose } from '../../src/warm/diagnose.js'

const HOSTS: Array<[host: string, words: Wording]> = [
  ['action', ACTION_WORDING],
  ['cli', CLI_WORDING]
]

/** What each host must say (and must not), per message. */
const CASES: Array<{ name: string; message: (words: Wording) => string; action: RegExp[]; cli: RegExp[] }> = [
  {
    name: 'an input error names the input, or the variable and where it came from',
    message: words =>
      describeInputErrors(
        new InputErrors([
          new InputError('region', '"mars" is not one of: global, cn, auto.'),
          new InputError(environmentInput('GOPROXY'), '"DIRECT" is not a proxy URL')
        ]),
        words
      ),
    action: [/^Input 'region': "mars"/m, /^GOPROXY \(job environment\): "DIRECT"/m],
    cli: [/^--region: "mars"/m, /^GOPROXY \(your environment\): "DIRECT"/m]
  },
  {
    name: 'a DNS failure in the warm phase',
    message: words =>
      diagnose('go: example.com/a@v1.0.0: Get "https://p.example/x": dial tcp: lookup p.example: no such host', {
        words
      }).message,
    action: [/from this runner: check its spelling in `proxies:`/],
    cli: [/from this machine: check its spelling in `--proxies`/]
  },
  {
    name: 'the warm-timeout reached',
    message: words =>
      diagnose('setup-goproxy: warm-timeout of 60 s reached; the go command was stopped', { words }).message,
    action: [/raise `warm-timeout:`/],
    cli: [/raise `--warm-timeout`/]
  },
  {
    name: 'a module no proxy has: the private hint',
    message: words =>
      diagnose(
        'go: example.com/acme/x@v1.0.0: reading https://p.example/example.com/acme/x/@v/v1.0.0.info: 404 Not Found',
        { module: 'example.com/acme/x', version: 'v1.0.0', words }
      ).message,
    action: [/add `private: example\.com/],
    cli: [/add `--private example\.com/]
  },
  {
    name: 'credentials missing',
    message: words =>
      diagnose('go: example.com/a@v1.0.0: reading https://p.example/a/@v/v1.0.0.info: 401 Unauthorized', { words })
        .message,
    action: [/to the `auth:` input/],
    cli: [/to the `--auth` flag/]
  },
  {
    name: 'no proxy works',
    message: words =>
      chainProblems(
        parseGoproxy('proxies', 'https://a.test,direct').chain,
        true,
        () => ({ status: 'refused', message: 'refused' }),
        url => url,
        words
      ).join('\n'),
    action: [/works from this runner/],
    cli: [/works from this machine/]
  }
]

describe("each host's words, at the source", () => {
  it.each(CASES.flatMap(c => HOSTS.map(([host, words]) => [c.name, host, words, c] as const)))(
    '%s (%s)',
    (_name, host, words, c) => {
      const text = c.message(words)
      for (const pattern of host === 'action' ? c.action : c.cli) expect(text).toMatch(pattern)
      // Never the other host's words.
      if (host === 'cli') expect(text).not.toMatch(/runner|Input '|`[a-z-]+:( [^`]*)?`/)
      else expect(text).not.toMatch(/this machine|`--[a-z]|your environment/)
    }
  )
})
