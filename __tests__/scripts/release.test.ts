import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const script = path.join(root, 'scripts', 'release.js')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }

interface Release {
  tag: string
  version: string
  major: string
  minor: string
  prerelease: boolean
}
interface ReleaseScript {
  parseTag(tag: string): Release
  checkVersion(release: Release, packageVersion: string): void
  releaseNotes(
    text: string,
    version: string,
    options?: { allowUnreleased?: boolean }
  ): { notes: string; section: string }
  publishCommands(release: Release, notesFile: string): string[][]
}
// scripts/ is plain JavaScript run by node: imported by URL so that TypeScript does not ask for its declarations.
const release = (await import(pathToFileURL(script).href)) as ReleaseScript

const CHANGELOG = `# Changelog

## [Unreleased]

### Fixed
- something not released yet

## [1.2.0] - 2027-01-15

### Added
- the thing

## [1.1.0] - 2026-12-01

- older

[Unreleased]: https://example.invalid/compare/v1.2.0...HEAD
[1.2.0]: https://example.invalid/compare/v1.1.0...v1.2.0
`

describe('release tags', () => {
  it.each([
    ['v1.2.3', { version: '1.2.3', major: 'v1', minor: 'v1.2', prerelease: false }],
    ['v10.0.0', { version: '10.0.0', major: 'v10', minor: 'v10.0', prerelease: false }],
    ['v1.3.0-rc.1', { version: '1.3.0-rc.1', major: 'v1', minor: 'v1.3', prerelease: true }]
  ])('%s is a release of its major', (tag, expected) => {
    expect(release.parseTag(tag)).toEqual({ tag, ...expected })
  })

  it.each(['1.2.3', 'v1.2', 'v01.2.3', 'v1.2.3+build', 'v1', 'latest'])('%s is refused, naming the form', tag => {
    expect(() => release.parseTag(tag)).toThrow(/tag: .* is not a release tag: use vMAJOR\.MINOR\.PATCH/)
  })

  it('a tag that is not package.json version fails naming both and how to fix it', () => {
    expect(() => release.checkVersion(release.parseTag('v1.2.3'), '1.2.2')).toThrow(
      'version: tag v1.2.3 but package.json says 1.2.2: set "version": "1.2.3"'
    )
    expect(() => release.checkVersion(release.parseTag('v1.2.3'), '1.2.3')).not.toThrow()
  })
})

describe('release notes from CHANGELOG.md', () => {
  it("are the version's section, up to the next section", () => {
    expect(release.releaseNotes(CHANGELOG, '1.2.0')).toEqual({ notes: '### Added\n- the thing', section: '1.2.0' })
  })

  it('stop before the link references at the end', () => {
    expect(release.releaseNotes(CHANGELOG, '1.1.0').notes).toBe('- older')
  })

  it('are refused for a version with no section, saying how to add it', () => {
    expect(() => release.releaseNotes(CHANGELOG, '1.3.0')).toThrow(
      'notes: CHANGELOG.md has no section for 1.3.0: rename "## [Unreleased]" to "## [1.3.0] - YYYY-MM-DD"'
    )
  })

  it('come from Unreleased on a dry run only', () => {
    expect(release.releaseNotes(CHANGELOG, '1.3.0', { allowUnreleased: true })).toEqual({
      notes: '### Fixed\n- something not released yet',
      section: 'Unreleased'
    })
  })

  it('need the release date in the heading', () => {
    const undated = CHANGELOG.replace('## [1.2.0] - 2027-01-15', '## [1.2.0]')
    expect(() => release.releaseNotes(undated, '1.2.0')).toThrow('needs the release date: ## [1.2.0] - YYYY-MM-DD')
  })

  it("exist in this repository's CHANGELOG.md for package.json's version (the dry run's source)", () => {
    const text = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8')
    const { notes } = release.releaseNotes(text, pkg.version, { allowUnreleased: true })
    expect(notes).toContain('### Added')
  })
})

describe('publishing', () => {
  it('creates the release from the tag, then moves the major and minor tags to it and pushes them', () => {
    expect(release.publishCommands(release.parseTag('v1.4.2'), 'notes.md')).toEqual([
      ['gh', 'release', 'create', 'v1.4.2', '--verify-tag', '--title', 'v1.4.2', '--notes-file', 'notes.md'],
      ['git', 'tag', '--force', 'v1', 'v1.4.2^{commit}'],
      ['git', 'tag', '--force', 'v1.4', 'v1.4.2^{commit}'],
      ['git', 'push', '--force', 'origin', 'refs/tags/v1', 'refs/tags/v1.4']
    ])
  })

  it('leaves the major and minor tags alone for a prerelease', () => {
    expect(release.publishCommands(release.parseTag('v2.0.0-rc.1'), 'n.md')).toEqual([
      [
        'gh',
        'release',
        'create',
        'v2.0.0-rc.1',
        '--verify-tag',
        '--title',
        'v2.0.0-rc.1',
        '--notes-file',
        'n.md',
        '--prerelease'
      ]
    ])
  })
})

describe('node scripts/release.js --dry-run (what .ci/run and the release workflow run)', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'release-test-'))
    const summary = path.join(dir, 'summary.md')
    const result = spawnSync(
      process.execPath,
      [script, ...args, '--skip-dist', '--notes-out', path.join(dir, 'n.md')],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, GITHUB_STEP_SUMMARY: summary, ...env }
      }
    )
    const written = existsSync(summary) ? readFileSync(summary, 'utf8') : ''
    return { ...result, summary: written, notes: path.join(dir, 'n.md') }
  }

  it("does every step for package.json's version, prints what it would publish and pushes nothing", () => {
    const result = run(['--dry-run'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain(`release: v${pkg.version} (dry run): version ${pkg.version}`)
    expect(result.stdout).toContain(`release: would run: gh release create v${pkg.version} --verify-tag`)
    const [major, minor] = pkg.version.split('.')
    expect(result.stdout).toContain(
      `release: would run: git push --force origin refs/tags/v${major} refs/tags/v${major}.${minor}`
    )
    expect(result.stdout).toMatch(/dry run passed/)
    expect(readFileSync(result.notes, 'utf8')).toContain('### Added')
    expect(result.summary).toContain(`## setup-goproxy v${pkg.version} (dry run: nothing published)`)
  })

  it('stops at the version step, exit 1, when the tag is not the package version', () => {
    const result = run(['--dry-run', '--tag', 'v99.0.0'])
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('release: FAILED at version: tag v99.0.0 but package.json says')
    expect(result.stdout).not.toContain('would run')
  })

  it('refuses to publish when the tag does not exist (a real run needs the pushed tag), before any gh or push', () => {
    // An empty repository as git's view, so that no tag of this checkout can make the script publish for real.
    const gitDir = mkdtempSync(path.join(os.tmpdir(), 'release-git-'))
    expect(spawnSync('git', ['init', '--quiet', '--bare', gitDir]).status).toBe(0)
    const result = run([], { GIT_DIR: gitDir })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`release: FAILED at tag: v${pkg.version} does not exist: push the tag first`)
    expect(result.stdout).not.toContain('running:')
  })
})
