/** readVersionFile and hostGoPlatform: the shell around the pure parsers. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hostGoPlatform, readVersionFile } from '../../src/install/version-file.js'
import { InputError } from '../../src/go/errors.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'

afterAll(cleanupTempDirs)

test('reads a go.mod by its name', async () => {
  const dir = tempDir('version-file')
  writeFileSync(join(dir, 'go.mod'), 'module m\n\ngo 1.22.0\n\ntoolchain go1.23.5\n')
  await expect(readVersionFile(join(dir, 'go.mod'))).resolves.toEqual({
    request: { kind: 'exact', version: '1.23.5' },
    value: 'go1.23.5',
    line: 5
  })
})

test.each([
  ['missing', (dir: string) => join(dir, 'nope', '.go-version'), /does not exist/],
  [
    'a directory',
    (dir: string) => {
      mkdirSync(join(dir, 'go.mod'))
      return join(dir, 'go.mod')
    },
    /is a directory/
  ]
])('a %s file is an input error naming the path', async (_what, make, message) => {
  const dir = tempDir('version-file')
  const path = make(dir)
  const error = await readVersionFile(path).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(InputError)
  expect((error as InputError).input).toBe('go-version-file')
  expect((error as Error).message).toMatch(message)
  expect((error as Error).message).toContain(JSON.stringify(path))
})

test('hostGoPlatform names this machine as Go does', () => {
  const goos = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[process.platform as string]
  expect(hostGoPlatform().goos).toBe(goos)
  expect(hostGoPlatform().exe).toBe(process.platform === 'win32' ? '.exe' : '')
})
