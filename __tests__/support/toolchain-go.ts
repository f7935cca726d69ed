/**
 * A Go that arrives through go's own toolchain switch (`GOTOOLCHAIN=go1.27.3 go version`), found where that switch
 * leaves it: `$(go env GOMODCACHE)/golang.org/toolchain@v0.0.1-<go>.<goos>-<goarch>/bin/go`. Tests run that binary
 * directly with GOTOOLCHAIN=local and never download it themselves (tests talk to loopback only): `.ci/run` and CI
 * fetch it first through the machine's module proxy. A missing one fails the suite with the command to run.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { findGo } from './go.js'

const GOOS: Record<string, string> = { linux: 'linux', darwin: 'darwin', win32: 'windows' }
const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' }

/** The go binary of toolchain `version` (`go1.27.3`) in the machine's module cache; throws saying how to get it. */
export function toolchainGo(version: string): string {
  const modcache = execFileSync(findGo(), ['env', 'GOMODCACHE'], {
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local' }
  }).trim()
  const exe = process.platform === 'win32' ? 'go.exe' : 'go'
  const dir = `toolchain@v0.0.1-${version}.${GOOS[process.platform] ?? process.platform}-${GOARCH[process.arch] ?? process.arch}`
  const go = join(modcache, 'golang.org', dir, 'bin', exe)
  if (!existsSync(go)) {
    throw new Error(
      `This suite needs ${version} from go's toolchain switch and ${go} is not there: run \`GOTOOLCHAIN=${version} go version\` once (with the machine's GOPROXY; .ci/run does this in its "install Go" stage).`
    )
  }
  return go
}
