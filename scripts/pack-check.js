#!/usr/bin/env node
/**
 * Proves the npm package works as users get it: `npm pack`, install the tarball into an empty directory with no
 * registry (`--offline`: a package with no dependencies needs none), then run the installed `setup-goproxy` bin from
 * there: --version, --help and a real probe against a loopback proxy this script serves.
 *
 *   node scripts/pack-check.js              pack this checkout (its committed dist/) and check it
 *   node scripts/pack-check.js --keep       keep the temporary directory and print where it is
 *   node scripts/pack-check.js --tarball F  check an existing tarball (what the publish job uploads) instead of packing
 *
 * Exits 1 naming the first check that failed. Node 20 is the oldest Node the CLI supports (engines); CI runs this on
 * Node 20 and on Node 24.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const PROBE_MODULE = 'golang.org/x/mod'

/** Files the package must hold, and path prefixes it must not (sources, tests and tooling stay in the repository). */
const REQUIRED = ['package.json', 'dist/cli/index.js', 'dist/cli/licenses.txt', 'dist/index.js', 'action.yml']
const FORBIDDEN = ['src/', '__tests__/', 'bench/', 'scripts/', '.github/', 'node_modules/']

class CheckError extends Error {}

function check(condition, message) {
  if (!condition) throw new CheckError(message)
}

function parseCli(argv) {
  const options = { keep: false, tarball: undefined }
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--keep') options.keep = true
    else if (argv[i] === '--tarball' && argv[i + 1]) options.tarball = path.resolve(argv[++i])
    else throw new CheckError(`unknown argument ${argv[i]} (node scripts/pack-check.js [--keep] [--tarball FILE])`)
  }
  return options
}

function npmRun(args, cwd) {
  // npm.cmd needs a shell on Windows (Node refuses to spawn .cmd files without one since the 2024 security fix).
  const result = spawnSync(npm, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32', timeout: 120_000 })
  if (result.error) throw new CheckError(`npm ${args.join(' ')}: ${result.error.message}`)
  if (result.status !== 0) {
    throw new CheckError(`npm ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`)
  }
  return result.stdout
}

/** `npm pack` into dir; checks the file list; returns the tarball's path. */
function pack(dir) {
  const [info] = JSON.parse(npmRun(['pack', '--json', '--pack-destination', dir], root))
  const files = info.files.map(file => file.path)
  for (const file of REQUIRED) check(files.includes(file), `the package lacks ${file} (npm run build?)`)
  const stray = files.filter(file => FORBIDDEN.some(prefix => file.startsWith(prefix)))
  check(stray.length === 0, `the package holds files users do not need: ${stray.join(', ')}`)
  console.log(`pack-check: ${info.filename}: ${files.length} files, ${(info.size / 1e6).toFixed(2)} MB packed`)
  return path.join(dir, info.filename)
}

/** Installs the tarball into an empty project with no registry; checks that nothing else came with it. */
function install(tarball, dir) {
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "pack-check-consumer", "private": true }\n')
  npmRun(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], dir)
  const installed = fs.readdirSync(path.join(dir, 'node_modules')).filter(name => !name.startsWith('.'))
  check(
    installed.length === 1 && installed[0] === 'setup-goproxy',
    `installing the package brought other packages: ${installed.join(', ')} (runtime dependencies must be bundled)`
  )
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'setup-goproxy', 'package.json'), 'utf8'))
  check(
    Object.keys(manifest.dependencies ?? {}).length === 0,
    `package.json has runtime dependencies: ${Object.keys(manifest.dependencies ?? {}).join(', ')}`
  )
  const bin = path.join(
    dir,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'setup-goproxy.cmd' : 'setup-goproxy'
  )
  check(fs.existsSync(bin), `npm linked no bin at ${bin}`)
  console.log(`pack-check: installed offline into ${dir}: node_modules holds setup-goproxy only, bin ${bin}`)
  return { bin, version: manifest.version }
}

/** Runs the installed bin (as a user's shell would, through npm's link) in the consumer directory. */
function runBin(bin, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd,
      shell: process.platform === 'win32',
      env: { ...process.env, NO_COLOR: '1', GOPROXY: '', GOSUMDB: '', GOFLAGS: '' }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    const timer = setTimeout(() => child.kill(), 60_000)
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** A loopback proxy that serves the probe's module list, and nothing else. */
function startProxy() {
  const requests = []
  const server = http.createServer((request, response) => {
    requests.push(request.url)
    if (request.url === `/${PROBE_MODULE}/@v/list`) {
      response.writeHead(200, { 'content-type': 'text/plain' })
      response.end('v0.20.0\nv0.21.0\n')
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' })
      response.end('not found\n')
    }
  })
  return new Promise(resolve => {
    server.listen(0, '127.0.0.1', () => resolve({ server, requests, url: `http://127.0.0.1:${server.address().port}` }))
  })
}

async function main() {
  const options = parseCli(process.argv.slice(2))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'setup-goproxy-pack-'))
  try {
    const consumer = path.join(dir, 'consumer')
    fs.mkdirSync(consumer)
    const tarball = options.tarball ?? pack(dir)
    const { bin, version } = install(tarball, consumer)

    const shown = await runBin(bin, ['--version'], consumer)
    check(shown.code === 0 && shown.stdout.trim() === version, `--version printed ${JSON.stringify(shown.stdout)}`)
    console.log(`pack-check: setup-goproxy --version: ${shown.stdout.trim()}`)

    const help = await runBin(bin, ['--help'], consumer)
    check(help.code === 0 && help.stdout.includes('Usage: setup-goproxy'), `--help failed:\n${help.stderr}`)
    console.log(`pack-check: setup-goproxy --help: ${help.stdout.split('\n')[0]}`)

    const proxy = await startProxy()
    try {
      // sumdb off: this script serves no checksum database; the probe of the proxy is what is shown here.
      const args = ['probe', '--proxies', proxy.url, '--sumdb', 'off', '--json']
      const probe = await runBin(bin, args, consumer)
      check(probe.code === 0, `setup-goproxy ${args.join(' ')} exited ${probe.code}:\n${probe.stderr}`)
      const report = JSON.parse(probe.stdout)
      check(
        report.ok === true && report.goproxy === proxy.url && proxy.requests.includes(`/${PROBE_MODULE}/@v/list`),
        `the probe did not find the loopback proxy working: ${probe.stdout}`
      )
      console.log(`pack-check: setup-goproxy ${args.join(' ')}: exit 0, ok, GOPROXY ${report.goproxy}`)
    } finally {
      proxy.server.close()
    }
    console.log('pack-check: the packed CLI runs from a clean directory')
  } finally {
    if (options.keep) console.log(`pack-check: kept ${dir}`)
    else fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch(error => {
  console.error(`pack-check: FAILED: ${error instanceof CheckError ? error.message : (error?.stack ?? error)}`)
  process.exitCode = 1
})
