/**
 * src/action/workflow.ts against @actions/core itself: the action writes its workflow commands without the toolkit
 * (whose entry loads an HTTP stack at start; see workflow.ts), so every command it uses must produce exactly the text
 * the toolkit would — on stdout and in the runner's file commands — for ordinary and hostile values alike. @actions/core
 * is here as the reference (a devDependency, bundled only into the cache phase's lazy chunk).
 */
import * as core from '@actions/core'
import { jest } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as ours from '../../src/action/workflow.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'

afterAll(cleanupTempDirs)

/** What one call writes: stdout, and each file command's contents, with the random heredoc fences made equal. */
function written(withFiles: boolean, call: () => void): string {
  const dir = tempDir('workflow-vs-core-')
  const saved = { ...process.env }
  const files = ['ENV', 'OUTPUT', 'STATE', 'PATH'].map(command => {
    const file = join(dir, command)
    writeFileSync(file, '')
    if (withFiles) process.env[`GITHUB_${command}`] = file
    else delete process.env[`GITHUB_${command}`]
    return file
  })
  let stdout = ''
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  })
  try {
    call()
  } finally {
    spy.mockRestore()
    process.env = saved
  }
  const text = [stdout, ...files.map(file => readFileSync(file, 'utf8'))].join('\n--\n')
  return text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_<uuid>')
}

const VALUES = [
  'plain',
  '',
  'https://proxy.example:8443/a,b|c',
  'line one\nline two\r\nthree',
  '100% done: %0A is not a newline',
  '::warning::not a command',
  'name=value,other=x',
  '\u2028 U+2028 and \u0085 NEL and \u007f DEL',
  '🦫 Go'
]

type Call = readonly [name: string, ours: (value: string) => void, core: (value: string) => void]
const CALLS: readonly Call[] = [
  ['exportVariable', v => ours.exportVariable('GOFLAGS_TEST', v), v => core.exportVariable('GOFLAGS_TEST', v)],
  ['setOutput', v => ours.setOutput('go-version', v), v => core.setOutput('go-version', v)],
  ['saveState', v => ours.saveState('credentials', v), v => core.saveState('credentials', v)],
  ['addPath', v => ours.addPath(`/opt/go/${v}/bin`), v => core.addPath(`/opt/go/${v}/bin`)],
  ['setSecret', v => ours.setSecret(v), v => core.setSecret(v)],
  ['info', v => ours.info(v), v => core.info(v)],
  ['debug', v => ours.debug(v), v => core.debug(v)],
  ['warning', v => ours.warning(v), v => core.warning(v)],
  ['warning with a file', v => ours.warning(v, { file: `go.mod,${v}` }), v => core.warning(v, { file: `go.mod,${v}` })],
  ['error', v => ours.error(v), v => core.error(v)],
  ['notice with a file', v => ours.notice(v, { file: 'a:b.go' }), v => core.notice(v, { file: 'a:b.go' })],
  ['startGroup', v => ours.startGroup(v), v => core.startGroup(v)],
  ['endGroup', () => ours.endGroup(), () => core.endGroup()]
]

describe.each([
  ['with the runner file commands', true],
  ['without them (an old runner: stdout commands)', false]
])('%s', (_label, withFiles) => {
  test.each(
    CALLS.flatMap(([name, mine, theirs]) =>
      (name === 'endGroup' ? [''] : VALUES).map(value => [name, JSON.stringify(value), mine, theirs, value] as const)
    )
  )('%s(%s) writes what @actions/core writes', (_name, _shown, mine, theirs, value) => {
    expect(written(withFiles, () => mine(value))).toBe(written(withFiles, () => theirs(value)))
  })
})

test.each(['proxies', 'go version', 'Go-Version'])('getInput(%j) reads what @actions/core reads', name => {
  const saved = { ...process.env }
  try {
    process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = '  value with spaces  \n'
    expect(ours.getInput(name)).toBe(core.getInput(name))
  } finally {
    process.env = saved
  }
})
