import { describe, expect, it } from '@jest/globals'
import { inCliWords } from '../../src/cli/words.js'

describe("the CLI's words for the pipeline's messages", () => {
  it.each([
    [`Input 'region': "mars" is not one of: global, cn, auto.`, `--region: "mars" is not one of: global, cn, auto.`],
    [
      `Input 'GOPROXY (job environment)': "DIRECT" is not a proxy URL`,
      `GOPROXY (your environment): "DIRECT" is not a proxy URL`
    ],
    ['remove it from `proxies:` or join it with "|"', 'remove it from `--proxies` or join it with "|"'],
    ['set `sumdb: sum.golang.google.cn` (the same database)', 'set `--sumdb sum.golang.google.cn` (the same database)'],
    ['raise `warm-timeout:` or check the probe table', 'raise `--warm-timeout` or check the probe table'],
    ['No proxy in the chain works from this runner (x).', 'No proxy in the chain works from this machine (x).'],
    [
      'install its CA certificate on the runner (SSL_CERT_FILE)',
      'install its CA certificate on this machine (SSL_CERT_FILE)'
    ],
    // Not an input: left as written.
    ['the `go:` directive and `require:` stay', 'the `go:` directive and `require:` stay']
  ])('%s', (action, cli) => {
    expect(inCliWords(action)).toBe(cli)
  })
})
