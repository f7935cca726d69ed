/**
 * Where Go and the caches go on hosted Windows (src/cache/placement.ts), as a table of win32 (and other) inputs.
 * The D: drive and GitHub's hosted-runner variables exist only on GitHub's hosted Windows runners: this machine has
 * neither, so the policy is pure and these facts are given, not read; the I/O beside it (the links from C:, the
 * exports) runs only there.
 */
import { isSelfHosted, placement, type PlacementFacts } from '../../src/cache/placement.js'

const HOSTED = { RUNNER_ENVIRONMENT: 'github-hosted', RUNNER_TOOL_CACHE: 'C:\\hostedtoolcache\\windows' }
const facts = (env: PlacementFacts['env'], more: Partial<PlacementFacts> = {}): PlacementFacts => ({
  platform: 'win32',
  env,
  hasDriveC: true,
  hasDriveD: true,
  ...more
})
const D_CACHES = { GOMODCACHE: 'D:\\go\\pkg\\mod', GOCACHE: 'D:\\go\\go-build' }
const D_TOOL_CACHE = { root: 'D:\\hostedtoolcache\\windows', linkedFrom: 'C:\\hostedtoolcache\\windows' }

describe('placement', () => {
  test.each<[string, PlacementFacts, ReturnType<typeof placement>]>([
    [
      'hosted Windows: Go on D: linked from C:, both caches on D:',
      facts(HOSTED),
      {
        toolCache: D_TOOL_CACHE,
        exports: D_CACHES
      }
    ],
    [
      'hosted Windows, lower-case drive',
      facts({ ...HOSTED, RUNNER_TOOL_CACHE: 'c:\\hostedtoolcache\\windows' }),
      {
        toolCache: { root: 'd:\\hostedtoolcache\\windows', linkedFrom: 'c:\\hostedtoolcache\\windows' },
        exports: D_CACHES
      }
    ],
    [
      'hosted by AGENT_ISSELFHOSTED=0 (older images)',
      facts({ AGENT_ISSELFHOSTED: '0', RUNNER_TOOL_CACHE: 'C:\\tc' }),
      {
        toolCache: { root: 'D:\\tc', linkedFrom: 'C:\\tc' },
        exports: D_CACHES
      }
    ],
    [
      'the job set GOMODCACHE and GOCACHE: they stay',
      facts({ ...HOSTED, GOMODCACHE: 'E:\\m', GOCACHE: 'E:\\b' }),
      {
        toolCache: D_TOOL_CACHE,
        exports: {}
      }
    ],
    [
      'the job set GOPATH: GOMODCACHE follows it, GOCACHE to D:',
      facts({ ...HOSTED, GOPATH: 'C:\\gopath' }),
      {
        toolCache: D_TOOL_CACHE,
        exports: { GOCACHE: 'D:\\go\\go-build' }
      }
    ],
    [
      'a tool cache already on D: needs no link',
      facts({ ...HOSTED, RUNNER_TOOL_CACHE: 'D:\\tc' }),
      {
        exports: D_CACHES
      }
    ],
    [
      'no RUNNER_TOOL_CACHE: the caches still move',
      facts({ RUNNER_ENVIRONMENT: 'github-hosted' }),
      {
        exports: D_CACHES
      }
    ],
    [
      'self-hosted Windows (RUNNER_ENVIRONMENT=self-hosted)',
      facts({ ...HOSTED, RUNNER_ENVIRONMENT: 'self-hosted' }),
      {
        exports: {}
      }
    ],
    [
      'self-hosted Windows (no runner variables at all: setup-go counts it self-hosted)',
      facts({ RUNNER_TOOL_CACHE: 'C:\\tc' }),
      {
        exports: {}
      }
    ],
    ['hosted Windows without a D: drive', facts(HOSTED, { hasDriveD: false }), { exports: {} }],
    ['hosted Windows without a C: drive', facts(HOSTED, { hasDriveC: false }), { exports: {} }],
    [
      'hosted Linux',
      facts({ ...HOSTED, RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' }, { platform: 'linux' }),
      {
        exports: {}
      }
    ],
    [
      'hosted macOS',
      facts({ ...HOSTED, RUNNER_TOOL_CACHE: '/Users/runner/hostedtoolcache' }, { platform: 'darwin' }),
      {
        exports: {}
      }
    ]
  ])('%s', (_what, given, want) => {
    expect(placement(given)).toEqual(want)
  })

  test.each([
    [{ RUNNER_ENVIRONMENT: 'github-hosted' }, false],
    [{ RUNNER_ENVIRONMENT: 'github-hosted', AGENT_ISSELFHOSTED: '1' }, false],
    [{ RUNNER_ENVIRONMENT: 'self-hosted' }, true],
    [{ AGENT_ISSELFHOSTED: '1' }, true],
    [{ AGENT_ISSELFHOSTED: '0' }, false],
    [{}, true]
  ])("isSelfHosted(%j) is %s (setup-go's rule)", (env, want) => {
    expect(isSelfHosted(env)).toBe(want)
  })
})
