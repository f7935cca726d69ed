/** The install step's one line in the log and the job summary. */
import { renderInstallLine } from '../../src/install/line.js'

test.each([
  [
    { version: '1.23.5', goroot: '/tc/go/1.23.5/x64', cacheHit: true, bytes: 0, ms: 40 },
    'Go 1.23.5: cache hit at /tc/go/1.23.5/x64 (no download, 0.0 s)'
  ],
  [
    {
      version: '1.23.5',
      goroot: '/tc/go/1.23.5/x64',
      cacheHit: false,
      source: 'https://goproxy.cn',
      bytes: 75 << 20,
      h1: 'h1:abc=',
      ms: 12_345
    },
    'Go 1.23.5: downloaded from https://goproxy.cn (75.0 MiB), verified against the checksum database (h1:abc=), installed at /tc/go/1.23.5/x64 in 12.3 s'
  ]
])('%j', (facts, line) => {
  expect(renderInstallLine(facts)).toBe(line)
})
