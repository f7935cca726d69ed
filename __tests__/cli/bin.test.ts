import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { CLI_ENTRY as BIN } from '../support/run-action.js'

describe('the bundled CLI (built from src/ by the global setup)', () => {
  it('runs as the bin npm links (node dist/cli/index.js): --help exits 0, --version names the package version', () => {
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', timeout: 20_000 })
    expect(help.stderr).toBe('')
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('Usage: setup-goproxy <command> [flags]')
    const version = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', timeout: 20_000 })
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    expect(version.stdout).toBe(`${pkg.version}\n`)
    const usage = spawnSync(process.execPath, [BIN, 'env', '--bogus'], { encoding: 'utf8', timeout: 20_000 })
    expect(usage.status).toBe(2)
  })
})
