/**
 * The warm phase's judge (warm/judge.ts) is pure: from one run of go and the set's go.mod texts it says which
 * modules were downloaded or cached and which failed, each failure diagnosed and pinned to the go.mod that
 * requires the module (where the annotation goes).
 */
import type { ModuleDownload } from '../../src/warm/download-json.js'
import { judgeRun, setFailure, type JudgedSet, type RunFacts } from '../../src/warm/judge.js'

const workspace: JudgedSet = {
  shown: '.',
  goWork: 'go.work',
  goMods: [
    { shown: 'a/go.mod', text: 'module example.com/a\n\ngo 1.21\n\nrequire example.com/x v1.0.0\n' },
    { shown: 'b/go.mod', text: 'module example.com/b\n\ngo 1.21\n\nrequire (\n\texample.com/y v1.2.0\n)\n' }
  ]
}
const single: JudgedSet = {
  shown: 'app',
  goMods: [{ shown: 'app/go.mod', text: 'module example.com/app\n\ngo 1.21\n' }]
}

const ctx = (fetched: (o: ModuleDownload) => boolean = () => true) => ({
  go: '/usr/bin/go',
  stallSeconds: 30,
  timeoutSeconds: 600,
  clean: (t: string) => t.replace('secret', 'xxxxx'),
  fetched
})

const run = (facts: Partial<RunFacts>): RunFacts => ({ objects: [], stderr: '', code: 0, ...facts })

describe('judgeRun', () => {
  it('counts modules downloaded in this phase apart from those found cached', () => {
    const objects: ModuleDownload[] = [
      { Path: 'example.com/x', Version: 'v1.0.0' },
      { Path: 'example.com/y', Version: 'v1.2.0' }
    ]
    const verdict = judgeRun(
      run({ objects }),
      workspace,
      ctx(o => o.Path === 'example.com/x')
    )
    expect([...verdict.modules]).toEqual([
      ['example.com/x@v1.0.0', 'downloaded'],
      ['example.com/y@v1.2.0', 'cached']
    ])
    expect(verdict.failures).toEqual([])
  })

  it.each<[name: string, set: JudgedSet, facts: Partial<RunFacts>, expected: Record<string, unknown>]>([
    [
      "a module's Error, pinned to the member go.mod that requires it, redacted",
      workspace,
      {
        code: 1,
        objects: [{ Path: 'example.com/y', Version: 'v1.2.0', Error: 'reading https://u:secret@p/x: 404 Not Found' }]
      },
      { path: 'example.com/y', version: 'v1.2.0', goMod: 'b/go.mod', directory: '.', diagnosis: { kind: 'not-found' } }
    ],
    [
      'a stall kill: the set itself, on its go.work',
      workspace,
      { code: null, killed: 'stall' },
      { goMod: 'go.work', diagnosis: { kind: 'stalled', transient: true } }
    ],
    [
      'the deadline: the main module, on its go.mod',
      single,
      { code: null, killed: 'deadline' },
      { path: 'example.com/app', goMod: 'app/go.mod', diagnosis: { kind: 'deadline' } }
    ],
    [
      'go that cannot start',
      single,
      { code: null, spawnError: 'spawn /usr/bin/go ENOENT' },
      { path: 'example.com/app', error: 'could not start /usr/bin/go: spawn /usr/bin/go ENOENT' }
    ],
    [
      'a fatal go.sum mismatch on stderr (no JSON), pinned to the requiring go.mod',
      workspace,
      {
        code: 1,
        stderr:
          'go: example.com/x@v1.0.0: verifying module: checksum mismatch\n\tdownloaded: h1:a=\n\tgo.sum:     h1:b=\n\nSECURITY ERROR\n'
      },
      { path: 'example.com/x', version: 'v1.0.0', goMod: 'a/go.mod', diagnosis: { transient: false } }
    ]
  ])('%s', (_name, set, facts, expected) => {
    const verdict = judgeRun(run(facts), set, ctx())
    expect(verdict.failures).toHaveLength(1)
    expect(verdict.failures[0]).toMatchObject(expected)
    expect(verdict.failures[0].error).not.toContain('secret')
  })

  it('splits a fatal stderr into one failure per `go: path@version:` block', () => {
    const stderr =
      'go: example.com/x@v1.0.0: reading x: 500 Internal Server Error\ngo: example.com/y@v1.2.0: reading y: 500 Internal Server Error\n'
    const verdict = judgeRun(run({ code: 1, stderr }), workspace, ctx())
    expect(verdict.failures.map(f => [f.path, f.goMod])).toEqual([
      ['example.com/x', 'a/go.mod'],
      ['example.com/y', 'b/go.mod']
    ])
  })

  it('a non-zero exit without any text still fails, saying so', () => {
    const verdict = judgeRun(run({ code: 2 }), single, ctx())
    expect(verdict.failures[0].error).toBe('go mod download exited with 2')
  })

  it('setFailure falls back to the directory when the go.mod was unreadable', () => {
    const failure = setFailure({ shown: 'svc', goMods: [{ shown: 'svc/go.mod', text: undefined }] }, 'boom')
    expect(failure).toMatchObject({ path: 'svc', goMod: 'svc/go.mod', directory: 'svc' })
  })
})
