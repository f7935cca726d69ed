#!/usr/bin/env node
/**
 * Cuts a release from a version tag: the release workflow's steps, in one script that a maintainer can also run.
 *
 *   node scripts/release.js --tag v1.2.3 --dry-run   every check and the notes, then what it would publish; pushes nothing
 *   node scripts/release.js --tag v1.2.3             the same checks, then publishes (GH_TOKEN, in the release workflow)
 *   node scripts/release.js --dry-run                the tag defaults to v<package.json version>
 *
 * Steps, in order (the first failing one stops the run with its name):
 *   1. the tag is vMAJOR.MINOR.PATCH[-PRERELEASE] and names package.json's version;
 *   2. the tag, when it exists, points at the checked-out commit (the workflow runs on the tag itself);
 *   3. CHANGELOG.md has a `## [X.Y.Z] - YYYY-MM-DD` section for it: its text is the release notes
 *      (a dry run accepts the `## [Unreleased]` section and says that a real release needs the heading);
 *   4. dist/ is exactly what src/ builds to (scripts/build.js --check), unless --skip-dist;
 *   5. publish: `gh release create` with the notes, then the major and minor tags (v1, v1.2) moved to the release's
 *      commit and pushed (not for a prerelease: v1 and v1.2 only ever name a release). A dry run prints these commands instead.
 * The version and the notes go to the log and, on a runner, to the job summary ($GITHUB_STEP_SUMMARY).
 * The tests run between the dry run and the real run in the workflow (.github/workflows/release.yml).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** A release tag: v, then a semver version (no build metadata: a tag names one release). */
const TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

/** A failed release step: the step's name and what to do. */
export class ReleaseError extends Error {
  /**
   * @param {string} step the step that failed
   * @param {string} message what is wrong and what to do
   */
  constructor(step, message) {
    super(`${step}: ${message}`)
    this.step = step
  }
}

/**
 * Parses a release tag.
 * @param {string} tag e.g. v1.2.3 or v1.3.0-rc.1
 * @returns {{ tag: string, version: string, major: string, minor: string, prerelease: boolean }}
 */
export function parseTag(tag) {
  const match = TAG.exec(tag)
  if (!match) {
    throw new ReleaseError('tag', `${JSON.stringify(tag)} is not a release tag: use vMAJOR.MINOR.PATCH, e.g. v1.2.3`)
  }
  return {
    tag,
    version: tag.slice(1),
    major: `v${match[1]}`,
    minor: `v${match[1]}.${match[2]}`,
    prerelease: match[4] !== undefined
  }
}

/**
 * Checks that the tag names package.json's version (the version the CLI and the action report).
 * @param {{ tag: string, version: string }} release
 * @param {string} packageVersion package.json's version
 */
export function checkVersion(release, packageVersion) {
  if (release.version !== packageVersion) {
    throw new ReleaseError(
      'version',
      `tag ${release.tag} but package.json says ${packageVersion}: set "version": "${release.version}" ` +
        `(npm version ${release.version} --no-git-tag-version), commit, then tag that commit`
    )
  }
}

/**
 * The sections of a Keep a Changelog file: each `## [name]` heading with the text below it up to the next `## `
 * heading (the link references at the end belong to no section).
 * @param {string} text CHANGELOG.md
 * @returns {Map<string, { heading: string, date: string | undefined, body: string }>} by name (`1.2.3`, `Unreleased`)
 */
export function changelogSections(text) {
  const sections = new Map()
  const lines = text.split(/\r?\n/)
  let current
  for (const line of lines) {
    const heading = /^## \[([^\]]+)\](?:\s+-\s+(\S+))?\s*$/.exec(line)
    if (heading) {
      current = { heading: line, date: heading[2], lines: [] }
      sections.set(heading[1], current)
    } else if (/^## /.test(line) || /^\[[^\]]+\]:\s/.test(line)) {
      current = undefined
    } else if (current) {
      current.lines.push(line)
    }
  }
  return new Map(
    [...sections].map(([name, s]) => [name, { heading: s.heading, date: s.date, body: s.lines.join('\n').trim() }])
  )
}

/**
 * The release notes for a version from CHANGELOG.md.
 * @param {string} text CHANGELOG.md
 * @param {string} version e.g. 1.2.3
 * @param {{ allowUnreleased?: boolean }} [options] a dry run may use the Unreleased section
 * @returns {{ notes: string, section: string }} the notes and the section they came from
 */
export function releaseNotes(text, version, options = {}) {
  const sections = changelogSections(text)
  const section = sections.get(version)
  if (section) {
    if (!section.date || !/^\d{4}-\d{2}-\d{2}$/.test(section.date)) {
      throw new ReleaseError(
        'notes',
        `CHANGELOG.md's heading "${section.heading}" needs the release date: ## [${version}] - YYYY-MM-DD`
      )
    }
    if (!section.body) throw new ReleaseError('notes', `CHANGELOG.md's section for ${version} is empty`)
    return { notes: section.body, section: version }
  }
  const unreleased = sections.get('Unreleased')
  if (options.allowUnreleased && unreleased?.body) return { notes: unreleased.body, section: 'Unreleased' }
  throw new ReleaseError(
    'notes',
    `CHANGELOG.md has no section for ${version}: rename "## [Unreleased]" to "## [${version}] - YYYY-MM-DD" ` +
      `and open a new empty Unreleased section above it`
  )
}

/**
 * What publishing does, as commands (run in order; a dry run prints them).
 * @param {{ tag: string, major: string, minor: string, prerelease: boolean }} release
 * @param {string} notesFile the file holding the release notes
 * @returns {string[][]} argv of each command
 */
export function publishCommands(release, notesFile) {
  const create = ['gh', 'release', 'create', release.tag, '--verify-tag', '--title', release.tag]
  create.push('--notes-file', notesFile)
  if (release.prerelease) return [[...create, '--prerelease']]
  return [
    create,
    // `uses: org/setup-goproxy@v1` follows the newest release of major 1, `@v1.2` the newest 1.2.x.
    ['git', 'tag', '--force', release.major, `${release.tag}^{commit}`],
    ['git', 'tag', '--force', release.minor, `${release.tag}^{commit}`],
    ['git', 'push', '--force', 'origin', `refs/tags/${release.major}`, `refs/tags/${release.minor}`]
  ]
}

function run(argv, options = {}) {
  const result = spawnSync(argv[0], argv.slice(1), { cwd: here, encoding: 'utf8', ...options })
  if (result.error) throw new ReleaseError(argv[0], `could not run ${argv.join(' ')}: ${result.error.message}`)
  return result
}

/** The commit the tag points at, or undefined when there is no such tag here. */
function tagCommit(tag) {
  const result = run(['git', 'rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`])
  return result.status === 0 ? result.stdout.trim() : undefined
}

function parseCli(argv) {
  const options = { tag: undefined, dryRun: false, skipDist: false, notesOut: undefined }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dry-run') options.dryRun = true
    else if (argv[i] === '--skip-dist') options.skipDist = true
    else if (argv[i] === '--tag' && argv[i + 1]) options.tag = argv[++i]
    else if (argv[i] === '--notes-out' && argv[i + 1]) options.notesOut = path.resolve(argv[++i])
    else {
      throw new ReleaseError(
        'usage',
        `unknown argument ${argv[i]} (node scripts/release.js [--tag vX.Y.Z] [--dry-run] [--skip-dist] [--notes-out FILE])`
      )
    }
  }
  return options
}

/**
 * Runs the release steps; returns what it did (for the summary). Throws ReleaseError on the first failing step.
 * @param {string[]} argv the script's arguments
 * @param {(line: string) => void} log
 */
export function release(argv, log = console.log) {
  const options = parseCli(argv)
  const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'))
  const info = parseTag(options.tag ?? `v${pkg.version}`)
  const mode = options.dryRun ? 'dry run' : 'release'
  log(
    `release: ${info.tag} (${mode}): version ${info.version}, ${info.prerelease ? 'prerelease' : `major ${info.major}`}`
  )

  checkVersion(info, pkg.version)
  log(`release: version: package.json is ${pkg.version}`)

  const head = run(['git', 'rev-parse', 'HEAD']).stdout.trim()
  const commit = tagCommit(info.tag)
  if (commit && commit !== head) {
    throw new ReleaseError('tag', `${info.tag} points at ${commit}, not at the checked-out ${head}: check out the tag`)
  }
  if (!commit && !options.dryRun) throw new ReleaseError('tag', `${info.tag} does not exist: push the tag first`)
  log(`release: tag: ${commit ? `${info.tag} is ${commit}` : `${info.tag} does not exist yet; it would name ${head}`}`)

  const changelog = fs.readFileSync(path.join(here, 'CHANGELOG.md'), 'utf8')
  const { notes, section } = releaseNotes(changelog, info.version, { allowUnreleased: options.dryRun })
  if (section === 'Unreleased') {
    log(`release: notes: from [Unreleased]; a real release needs "## [${info.version}] - YYYY-MM-DD" in CHANGELOG.md`)
  } else log(`release: notes: from [${section}] in CHANGELOG.md`)
  const notesFile = options.notesOut ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'release-notes-')), 'notes.md')
  fs.writeFileSync(notesFile, `${notes}\n`)
  log(`release: notes (${notesFile}):\n${notes.replace(/^/gm, '  | ')}`)

  if (options.skipDist) log('release: dist: not checked (--skip-dist)')
  else {
    const check = run([process.execPath, path.join(here, 'scripts', 'build.js'), '--check'], { stdio: 'inherit' })
    if (check.status !== 0) throw new ReleaseError('dist', 'dist/ is not what src/ builds to: npm run build, commit')
    log('release: dist: dist/ matches what src/ builds to')
  }

  const commands = publishCommands(info, notesFile)
  for (const command of commands) {
    if (options.dryRun) {
      log(`release: would run: ${command.join(' ')}`)
      continue
    }
    log(`release: running: ${command.join(' ')}`)
    const result = run(command, { stdio: 'inherit' })
    if (result.status !== 0) throw new ReleaseError('publish', `${command.join(' ')} failed (exit ${result.status})`)
  }
  const summary = [
    `## setup-goproxy ${info.tag}${options.dryRun ? ' (dry run: nothing published)' : ''}`,
    '',
    `Version ${info.version} from package.json; ${info.prerelease ? `prerelease, ${info.major} and ${info.minor} not moved` : `${info.major} and ${info.minor} ${options.dryRun ? 'would move' : 'moved'} to ${commit ?? head}`}.`,
    '',
    notes,
    ''
  ].join('\n')
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary)
  log(`release: ${options.dryRun ? 'dry run passed: every step short of publishing' : 'published'}`)
  return { ...info, notes, section, commands, dryRun: options.dryRun }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    release(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error
    console.error(`release: FAILED at ${error.message}`)
    process.exitCode = 1
  }
}
