#!/usr/bin/env node
/**
 * Writes the Inputs and Outputs tables of README.md from action.yml, so the two never disagree.
 *
 *   node scripts/readme-tables.js          rewrite the tables between the markers
 *   node scripts/readme-tables.js --check  exit 1 if README.md is not what action.yml gives
 *
 * The tables go between `<!-- inputs:start -->` / `<!-- inputs:end -->` and `<!-- outputs:start -->` /
 * `<!-- outputs:end -->`. They are formatted with prettier, so `prettier --check` agrees with this script.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import YAML from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const actionFile = path.join(root, 'action.yml')
const readmeFile = path.join(root, 'README.md')

function fail(message) {
  console.error(`readme-tables: ${message}`)
  process.exit(1)
}

/** Makes text safe inside one table cell: one line, and no `|` that would end the cell. */
function cell(text) {
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()
}

/** A code span that survives any backticks inside the value. */
function code(text) {
  const value = String(text)
  if (value === '') return ''
  const fence = value.includes('`') ? '``' : '`'
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${cell(value)}${pad}${fence}`
}

function table(header, rows) {
  const line = cells => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n'
}

/** The two tables, in README order, formatted as prettier formats them inside README.md. */
async function tables(action) {
  const inputs = Object.entries(action.inputs ?? {}).map(([name, input]) => [
    code(name),
    code(input?.default ?? ''),
    cell(input?.description ?? '')
  ])
  const outputs = Object.entries(action.outputs ?? {}).map(([name, output]) => [
    code(name),
    cell(output?.description ?? '')
  ])
  const config = (await prettier.resolveConfig(readmeFile)) ?? {}
  const format = text => prettier.format(text, { ...config, parser: 'markdown' })
  return {
    inputs: await format(table(['Input', 'Default', 'Description'], inputs)),
    outputs: await format(table(['Output', 'Description'], outputs))
  }
}

/** Replaces what lies between the start and end markers of `name`; fails when a marker is missing. */
function replaceBetween(readme, name, content) {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const from = readme.indexOf(start)
  const to = readme.indexOf(end)
  if (from === -1 || to === -1 || to < from) {
    fail(`README.md needs the markers ${start} and ${end} (in that order) around the ${name} table`)
  }
  return `${readme.slice(0, from + start.length)}\n\n${content}\n${readme.slice(to)}`
}

async function main() {
  const check = process.argv.includes('--check')
  const unknown = process.argv.slice(2).filter(arg => arg !== '--check')
  if (unknown.length > 0) fail(`unknown argument ${unknown[0]} (usage: node scripts/readme-tables.js [--check])`)
  if (!fs.existsSync(readmeFile)) fail('README.md does not exist: write it with the inputs/outputs markers first')

  const action = YAML.parse(fs.readFileSync(actionFile, 'utf8'))
  const { inputs, outputs } = await tables(action)
  const current = fs.readFileSync(readmeFile, 'utf8').replace(/\r\n/g, '\n')
  const wanted = replaceBetween(replaceBetween(current, 'inputs', inputs), 'outputs', outputs)

  if (current === wanted) {
    console.log('readme-tables: README.md tables match action.yml')
  } else if (check) {
    fail(
      'the Inputs/Outputs tables in README.md are out of date with action.yml: run `npm run docs` and commit README.md'
    )
  } else {
    fs.writeFileSync(readmeFile, wanted)
    console.log('readme-tables: README.md tables updated from action.yml')
  }
}

await main()
