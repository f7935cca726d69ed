/**
 * The test harness itself: action tests run a bundle of the current src/ (not the committed dist/), and a suite that
 * needs go fails with a clear message when there is none (instead of skipping itself).
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findGo, tempDir } from '../support/go.js'
import { CLI_ENTRY, DIST_ENTRY, testDist } from '../support/run-action.js'

const REPO = fileURLToPath(new URL('../..', import.meta.url))

describe('the bundle the action tests run', () => {
  it('is the global setup’s fresh build, outside the repository’s dist/', () => {
    expect(DIST_ENTRY).toBe(join(testDist(), 'index.js'))
    expect(CLI_ENTRY).toBe(join(testDist(), 'cli', 'index.js'))
    expect(relative(join(REPO, 'dist'), DIST_ENTRY).startsWith('..')).toBe(true)
  })

  it('holds what src/ says today (a message that only src/ has, read from the source itself)', () => {
    // The warning text for a failed go env, as src/settings/ambient.ts has it now, must be in the bundle.
    const source = readFileSync(join(REPO, 'src', 'settings', 'ambient.ts'), 'utf8')
    const phrase = /Could not read GOPROXY from the go command[^`$]*/.exec(source)?.[0]
    expect(phrase).toBeDefined()
    expect(readFileSync(DIST_ENTRY, 'utf8')).toContain(phrase)
    expect(JSON.parse(readFileSync(join(testDist(), 'package.json'), 'utf8'))).toEqual({ type: 'module' })
  })
})

describe('findGo', () => {
  it('fails with a message saying how to get go when neither PATH nor the fallback has one', () => {
    const empty = tempDir('no-go-here')
    expect(() => findGo(empty, join(empty, 'go'))).toThrow(
      /This suite needs the go command and there is none on PATH or at .*no-go-here.*Install Go/
    )
  })
})
