/**
 * The runner's workflow commands as src/action/workflow.ts writes them (the text @actions/core writes, which the
 * runner parses): what reaches stdout, what lands in the file commands, and that no value can break out of either.
 */
import { jest } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import * as workflow from '../../src/action/workflow.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'
import { parseFileCommands } from '../support/run-action.js'

afterAll(cleanupTempDirs)

/** Runs `fn` with stdout captured; returns what it wrote. */
function stdoutOf(fn: () => void): string {
  let text = ''
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk)
    return true
  })
  try {
    fn()
  } finally {
    spy.mockRestore()
  }
  return text
}

/** Sets the runner's variables for the duration of `fn` (undefined removes one), restoring them after. */
function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map(name => [name, process.env[name]]))
  const put = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
  put(vars)
  try {
    return fn()
  } finally {
    put(saved)
  }
}

describe('commands on stdout', () => {
  test.each<[what: string, fn: () => void, written: string]>([
    ['a warning', () => workflow.warning('disk 90% full'), '::warning::disk 90%25 full\n'],
    [
      'a multi-line error on a file',
      () => workflow.error('line 1\r\nline 2', { file: 'a:b,c/go.mod' }),
      '::error file=a%3Ab%2Cc/go.mod::line 1%0D%0Aline 2\n'
    ],
    ['a notice', () => workflow.notice('n'), '::notice::n\n'],
    ['a debug line', () => workflow.debug('d'), '::debug::d\n'],
    // A message cannot start a second command on a line of its own: the line break is escaped.
    [
      'a warning that carries a command',
      () => workflow.warning('x\n::set-env name=A::b'),
      '::warning::x%0A::set-env name=A::b\n'
    ],
    ['a mask', () => workflow.setSecret('s3cr%t'), '::add-mask::s3cr%25t\n'],
    ['a group', () => (workflow.startGroup('Probe'), workflow.endGroup()), '::group::Probe\n::endgroup::\n'],
    ['an info line, as it is', () => workflow.info('50% done'), '50% done\n']
  ])('%s', (_what, fn, written) => {
    expect(stdoutOf(fn)).toBe(written)
  })

  test('setFailed sets exit code 1 and writes an error', () => {
    const saved = process.exitCode
    try {
      expect(stdoutOf(() => workflow.setFailed('bad'))).toBe('::error::bad\n')
      expect(process.exitCode).toBe(1)
    } finally {
      process.exitCode = saved
    }
  })

  test('group ends its group when the work throws', async () => {
    let text = ''
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      text += String(chunk)
      return true
    })
    try {
      await expect(workflow.group('G', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    } finally {
      spy.mockRestore()
    }
    expect(text).toBe('::group::G\n::endgroup::\n')
  })
})

describe('file commands', () => {
  function runnerFiles() {
    const dir = tempDir('workflow-files')
    const files = Object.fromEntries(
      ['ENV', 'OUTPUT', 'STATE', 'PATH', 'STEP_SUMMARY'].map(name => [`GITHUB_${name}`, join(dir, name)])
    )
    for (const file of Object.values(files)) writeFileSync(file, '')
    return files
  }

  test('outputs, variables and state are written in the heredoc form, a value with line breaks kept whole', () => {
    const files = runnerFiles()
    withEnv({ ...files, SETUP_GOPROXY_TEST_VAR: undefined }, () => {
      workflow.setOutput('probe-report', '{"a":1}\nA=b')
      workflow.exportVariable('SETUP_GOPROXY_TEST_VAR', 'x\ny')
      expect(process.env.SETUP_GOPROXY_TEST_VAR).toBe('x\ny')
      workflow.saveState('files', '[]')
    })
    expect(parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8'))).toEqual({ 'probe-report': '{"a":1}\nA=b' })
    expect(parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8'))).toEqual({ SETUP_GOPROXY_TEST_VAR: 'x\ny' })
    expect(readFileSync(files.GITHUB_STATE, 'utf8')).toMatch(
      /^files<<ghadelimiter_[0-9a-f-]{36}\n\[\]\nghadelimiter_[0-9a-f-]{36}\n$/
    )
  })

  test('each entry is fenced by a fresh random delimiter (a value cannot guess it to end its entry early)', () => {
    const fences = [workflow.keyValueEntry('A', 'v'), workflow.keyValueEntry('A', 'v')].map(entry => {
      const fence = entry.split('\n')[2]
      expect(entry).toBe(`A<<${fence}\nv\n${fence}`)
      return fence
    })
    expect(fences[0]).toMatch(/^ghadelimiter_[0-9a-f-]{36}$/)
    expect(fences[0]).not.toBe(fences[1])
  })

  test('addPath prepends to PATH here and for later steps', () => {
    const files = runnerFiles()
    withEnv({ ...files, PATH: '/usr/bin' }, () => {
      workflow.addPath('/opt/go/bin')
      expect(process.env.PATH).toBe(`/opt/go/bin${delimiter}/usr/bin`)
    })
    expect(readFileSync(files.GITHUB_PATH, 'utf8')).toBe('/opt/go/bin\n')
  })

  test('a file command whose file the runner did not create is an error naming it', () => {
    withEnv({ GITHUB_OUTPUT: '/nonexistent/setup-goproxy/output' }, () => {
      expect(() => workflow.setOutput('a', 'b')).toThrow('Missing file at path: /nonexistent/setup-goproxy/output')
    })
  })

  test('inputs are read trimmed from INPUT_<NAME>, state from STATE_<name>', () => {
    withEnv({ 'INPUT_PROBE-TIMEOUT': ' 3000\n', INPUT_MY_INPUT: 'x', STATE_files: '[1]' }, () => {
      expect(workflow.getInput('probe-timeout')).toBe('3000')
      expect(workflow.getInput('my input')).toBe('x')
      expect(workflow.getInput('absent')).toBe('')
      expect(workflow.getState('files')).toBe('[1]')
    })
  })

  test('the summary is appended with a line end, and skipped without a summary file', async () => {
    const files = runnerFiles()
    await withEnv(files, () => workflow.appendSummary('## one'))
    await withEnv(files, () => workflow.appendSummary('two'))
    expect(readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')).toBe('## one\ntwo\n')
    await withEnv({ GITHUB_STEP_SUMMARY: undefined }, () => workflow.appendSummary('nowhere'))
  })
})
