import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
interface CheckAction {
  unpinnedActions(text: string): { line: number; message: string }[]
}
// scripts/ is plain JavaScript run by node: imported by URL so that TypeScript does not ask for its declarations.
const { unpinnedActions } = (await import(
  pathToFileURL(path.join(root, 'scripts', 'check-action.js')).href
)) as CheckAction

const SHA = 'fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09'

describe('every third-party action in a workflow is pinned by commit SHA (scripts/check-action.js)', () => {
  it.each([
    [`      - uses: actions/checkout@${SHA} # v5.1.0`],
    [`      - uses: github/codeql-action/init@${SHA} # v4.36.2`],
    [`        uses: 'actions/upload-artifact@${SHA}' # v6`],
    ['      - uses: ./'],
    [`      - uses: docker://alpine@sha256:${'a'.repeat(64)}`]
  ])('accepts %s', line => {
    expect(unpinnedActions(`steps:\n${line}\n`)).toEqual([])
  })

  it.each([
    ['      - uses: actions/checkout@v5', 'actions/checkout@v5 is not pinned by commit SHA'],
    ['      - uses: actions/checkout@main', 'actions/checkout@main is not pinned by commit SHA'],
    ['      - uses: actions/checkout', 'actions/checkout is not pinned by commit SHA'],
    [`      - uses: actions/checkout@${SHA.slice(0, 12)} # v5`, 'is not pinned by commit SHA'],
    [`      - uses: actions/checkout@${SHA}`, 'needs its version in a comment (# vX.Y.Z)'],
    ['      - uses: docker://alpine:3', 'docker://alpine:3 is not pinned by digest']
  ])('refuses %s, with the line', (line, message) => {
    const problems = unpinnedActions(`steps:\n${line}\n`)
    expect(problems).toHaveLength(1)
    expect(problems[0].line).toBe(2)
    expect(problems[0].message).toContain(message)
  })

  it("passes this repository's workflows", () => {
    const dir = path.join(root, '.github', 'workflows')
    const files = readdirSync(dir).filter(name => /\.ya?ml$/.test(name))
    expect(files.length).toBeGreaterThanOrEqual(5)
    for (const name of files)
      expect([name, unpinnedActions(readFileSync(path.join(dir, name), 'utf8'))]).toEqual([name, []])
  })
})
