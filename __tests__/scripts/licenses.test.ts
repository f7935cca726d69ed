import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
interface Entry {
  name: string
  version: string
  license: string
  text: string
}
interface Licenses {
  bundledPackageDirs(stats: unknown): string[]
  packageDirOf(file: string): string | undefined
  licenseEntry(dir: string): Entry
  renderLicenses(bundle: string, entries: Entry[]): string
  parseLicenses(text: string): Entry[]
}
// scripts/ is plain JavaScript run by node: imported by URL so that TypeScript does not ask for its declarations.
const licenses = (await import(pathToFileURL(path.join(root, 'scripts', 'licenses.js')).href)) as Licenses
const modules = path.join(root, 'node_modules')

/** The webpack stats the global setup saved for each test bundle (ncc --stats-out), by bundle directory. */
function testBundleStats(dir: string): unknown {
  const dist = process.env.SETUP_GOPROXY_TEST_DIST
  if (!dist) throw new Error('SETUP_GOPROXY_TEST_DIST is not set: the jest global setup builds the test bundles')
  const file = path.join(dist, dir, 'stats.json')
  if (!existsSync(file)) throw new Error(`the global setup wrote no ${file}`)
  return JSON.parse(readFileSync(file, 'utf8'))
}

describe('the licence file of a bundle (scripts/licenses.js, written by scripts/build.js)', () => {
  it.each([
    ['/r/node_modules/@actions/core/lib/core.js', '/r/node_modules/@actions/core'],
    ['/r/node_modules/undici/lib/web/fetch/index.js', '/r/node_modules/undici'],
    [
      '/r/node_modules/@actions/tool-cache/node_modules/semver/semver.js',
      '/r/node_modules/@actions/tool-cache/node_modules/semver'
    ],
    ['C:\\r\\node_modules\\yauzl\\index.js', 'C:\\r\\node_modules\\yauzl'],
    ['/r/src/cli/main.ts', undefined]
  ])('a module at %s belongs to the package at %s', (file, dir) => {
    expect(licenses.packageDirOf(file)).toBe(dir)
  })

  it('lists the packages of the bundled resources, not the loaders that built them', () => {
    const stats = {
      modules: [
        { identifier: `${modules}/@vercel/ncc/dist/ncc/loaders/ts-loader.js!${root}/src/cli/main.ts` },
        { identifier: `${modules}/@vercel/ncc/loaders/relocate-loader.js!${modules}/undici/index.js` },
        { name: 'concatenated', modules: [{ identifier: `${modules}/semver/functions/parse.js` }] }
      ]
    }
    expect(licenses.bundledPackageDirs(stats)).toEqual([`${modules}/semver`, `${modules}/undici`])
  })

  it('gives each package its declared licence and the text of its licence file, and reads back what it wrote', () => {
    const entries = ['@actions/core', 'semver', 'tunnel'].map(name => licenses.licenseEntry(path.join(modules, name)))
    expect(entries.map(e => [e.name, e.license])).toEqual([
      ['@actions/core', 'MIT'],
      ['semver', 'ISC'],
      ['tunnel', 'MIT']
    ])
    for (const entry of entries) expect(entry.text).toMatch(/permission|copyright/i)
    const text = licenses.renderLicenses('a test bundle', entries)
    expect(text).toContain('3 packages: @actions/core@')
    expect(licenses.parseLicenses(text)).toEqual(entries)
  })

  it('credits a package with no licence file that declares MIT by the MIT text, naming its author', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'licence-test-'))
    writeFileSync(
      path.join(dir, 'package.json'),
      '{ "name": "bare-mit", "version": "2.0.0", "license": "MIT", "author": "Jo Doe (https://jo.example)" }'
    )
    const entry = licenses.licenseEntry(dir)
    expect(entry).toMatchObject({ name: 'bare-mit', version: '2.0.0', license: 'MIT' })
    expect(entry.text).toContain('bare-mit ships no licence file; its package.json declares "MIT"')
    expect(entry.text).toContain('Copyright (c) Jo Doe (https://jo.example)')
    expect(entry.text).toContain('Permission is hereby granted, free of charge')
  })

  it('refuses a package with no licence file and a licence other than MIT (a bundle it cannot credit)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'licence-test-'))
    writeFileSync(path.join(dir, 'package.json'), '{ "name": "uncredited", "version": "1.0.0", "license": "ISC" }')
    writeFileSync(path.join(dir, 'README.md'), 'no licence here')
    expect(() => licenses.licenseEntry(dir)).toThrow('uncredited@1.0.0 (')
    expect(() => licenses.licenseEntry(dir)).toThrow('has no LICENSE, LICENCE or COPYING file to ship with the bundle')
  })

  // The real bundles of the current src/ (built by the jest global setup with ncc --stats-out): every package in
  // their module list has a licence text, so scripts/build.js can write a complete licenses.txt for each.
  it.each([
    [
      'the action',
      '.',
      ['@actions/core', '@actions/http-client', '@actions/io', '@actions/exec', 'undici', 'tunnel', 'semver', 'yauzl']
    ],
    ['the CLI', 'cli', ['undici', 'semver', 'yauzl']]
  ])('%s: every bundled package has its licence text', (_name, dir, expected) => {
    const entries = licenses.bundledPackageDirs(testBundleStats(dir)).map(licenses.licenseEntry)
    const names = entries.map(e => e.name)
    for (const name of expected) expect(names).toContain(name)
    for (const entry of entries) expect([entry.name, entry.text.length > 100]).toEqual([entry.name, true])
  })
})
