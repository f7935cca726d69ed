/**
 * The licence file of a bundle: every npm package whose code the bundle holds, with its licence text.
 *
 * ncc's own --license lists only the packages it sees a licence for (three of the dozen in the action), so the list is
 * made here from the bundle's module list (webpack's stats, which ncc writes with --stats-out): each module that
 * comes from node_modules names its package, and the package's LICENSE/LICENCE/COPYING file is its text. A package
 * with no such file is credited by the licence its package.json declares when that is MIT (whose text names only the
 * copyright holder: the package's author); any other package with no licence file fails the build: a bundle we cannot
 * credit is not shipped.
 */
import fs from 'node:fs'
import path from 'node:path'

const RULE = '='.repeat(80)
const LICENSE_FILE = /^(?:licen[cs]e|copying)(?:[.-].*)?$/i

/**
 * The package directories the bundle holds code from.
 * @param {{ modules?: Array<{ identifier?: string, name?: string, modules?: unknown[] }> }} stats webpack stats JSON
 * @returns {string[]} absolute package directories, sorted
 */
export function bundledPackageDirs(stats) {
  const dirs = new Set()
  const visit = modules => {
    for (const module of modules ?? []) {
      // A loader chain `loader!loader!resource`: only the resource is bundled code (ncc's loaders are build tools).
      const resource = (module.identifier ?? module.name ?? '').split('!').pop().split('|')[0]
      const dir = packageDirOf(resource)
      if (dir) dirs.add(dir)
      visit(module.modules)
    }
  }
  visit(stats.modules)
  return [...dirs].sort()
}

/**
 * The package directory a bundled file lives in: the path up to the last node_modules/<name> (or @scope/name), so
 * that a copy nested under another package (a/node_modules/semver) is its own entry.
 * @param {string} file an absolute path
 * @returns {string | undefined}
 */
export function packageDirOf(file) {
  let end
  for (const match of file.matchAll(/node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+/g)) end = match.index + match[0].length
  return end === undefined ? undefined : file.slice(0, end)
}

/**
 * One package's entry: name, version, declared licence and licence text.
 * @param {string} dir the package directory
 * @returns {{ name: string, version: string, license: string, text: string }}
 */
export function licenseEntry(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const declared = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN')
  const files = fs
    .readdirSync(dir)
    .filter(name => LICENSE_FILE.test(name))
    .sort()
  if (files.length === 0) {
    if (declared === 'MIT') return { name: pkg.name, version: pkg.version, license: declared, text: mitText(pkg) }
    throw new Error(
      `${pkg.name}@${pkg.version} (${dir}) has no LICENSE, LICENCE or COPYING file to ship with the bundle`
    )
  }
  const text = files.map(name => fs.readFileSync(path.join(dir, name), 'utf8').trim()).join('\n\n')
  return { name: pkg.name, version: pkg.version, license: declared, text }
}

/**
 * The MIT licence for a package that declares it but ships no licence file (the text is the SPDX one; the copyright
 * line names the package's author, as the package says it, and says the file was not shipped).
 * @param {{ name: string, author?: string | { name?: string } }} pkg package.json
 */
export function mitText(pkg) {
  const author = typeof pkg.author === 'string' ? pkg.author : (pkg.author?.name ?? `the ${pkg.name} authors`)
  return [
    `(${pkg.name} ships no licence file; its package.json declares "MIT". The SPDX text of that licence follows.)`,
    '',
    'MIT License',
    '',
    `Copyright (c) ${author}`,
    '',
    'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated',
    'documentation files (the "Software"), to deal in the Software without restriction, including without limitation',
    'the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to',
    'permit persons to whom the Software is furnished to do so, subject to the following conditions:',
    '',
    'The above copyright notice and this permission notice shall be included in all copies or substantial portions of',
    'the Software.',
    '',
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE',
    'WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR',
    'COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR',
    'OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.'
  ].join('\n')
}

/**
 * The licence file's text: a header, then one section per package (sorted by name, one per name and version).
 * @param {string} bundle what the file is for, e.g. "the action (dist/index.js and its chunks)"
 * @param {Array<{ name: string, version: string, license: string, text: string }>} entries
 */
export function renderLicenses(bundle, entries) {
  const unique = new Map(entries.map(entry => [`${entry.name}@${entry.version}`, entry]))
  const sorted = [...unique.values()].sort((a, b) => `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`))
  const sections = sorted.map(e => `${RULE}\n${e.name}@${e.version} (${e.license})\n${RULE}\n\n${e.text}\n`)
  const header =
    `Third-party software bundled into ${bundle} by scripts/build.js, with its licence.\n` +
    `${sorted.length} packages: ${sorted.map(e => `${e.name}@${e.version}`).join(', ')}.\n`
  return `${header}\n${sections.join('\n')}`
}

/**
 * Reads a licence file back: each package's name, version, declared licence and text.
 * @param {string} text a file renderLicenses wrote
 * @returns {Array<{ name: string, version: string, license: string, text: string }>}
 */
export function parseLicenses(text) {
  const entries = []
  const pattern = new RegExp(
    `(?:^|\\n)${RULE}\\n(.+)@([^@\\s]+) \\((.*)\\)\\n${RULE}\\n\\n([\\s\\S]*?)(?=\\n${RULE}\\n|$)`,
    'g'
  )
  for (const match of text.matchAll(pattern)) {
    entries.push({ name: match[1], version: match[2], license: match[3], text: match[4].trim() })
  }
  return entries
}

/**
 * Writes <outDir>/licenses.txt for a bundle from ncc's stats file.
 * @returns {string[]} the packages, as name@version
 */
export function writeLicenses(statsFile, outDir, bundle) {
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'))
  const entries = bundledPackageDirs(stats).map(licenseEntry)
  fs.writeFileSync(path.join(outDir, 'licenses.txt'), renderLicenses(bundle, entries))
  return entries.map(entry => `${entry.name}@${entry.version}`)
}
