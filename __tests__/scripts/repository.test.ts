import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8')

interface Manifest {
  repository: { url: string }
  homepage?: string
  bugs?: { url?: string }
}
const manifest = JSON.parse(read('package.json')) as Manifest

/** package.json's repository is the one place that names the repository (owner/name); everything else follows it. */
const repository = /github\.com\/([^/]+\/[^/.]+)(?:\.git)?$/.exec(manifest.repository.url)?.[1]

/** Every owner/name a document gives this project: `uses: X@`, `npx github:X`, `github.com/X`. */
function namedRepositories(text: string): string[] {
  const patterns = [
    /uses: ([\w.-]+\/setup-goproxy)@/g,
    /github:([\w.-]+\/setup-goproxy)\b/g,
    /github\.com\/([\w.-]+\/setup-goproxy)\b/g
  ]
  return patterns.flatMap(pattern => [...text.matchAll(pattern)].map(match => match[1]))
}

describe("the repository's name in one place (package.json's repository)", () => {
  it('package.json names a GitHub repository', () => {
    expect(repository).toMatch(/^[\w.-]+\/setup-goproxy$/)
  })

  it('homepage and bugs point at the same repository', () => {
    expect(manifest.homepage).toBe(`https://github.com/${repository}#readme`)
    expect(manifest.bugs?.url).toBe(`https://github.com/${repository}/issues`)
  })

  it.each(['README.md', 'CHANGELOG.md', 'CONTRIBUTING.md', 'SECURITY.md', 'action.yml'])(
    '%s names no other repository',
    file => {
      const named = namedRepositories(read(file))
      expect(named.filter(name => name !== repository)).toEqual([])
    }
  )

  it('the README names it at all (the pinning table, the CLI via npx)', () => {
    expect(namedRepositories(read('README.md')).length).toBeGreaterThan(3)
  })
})
