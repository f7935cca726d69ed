import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))
const built = existsSync(BIN)

;(built ? describe : describe.skip)(
  `the bundled CLI${built ? '' : ' (skipped: dist/cli/index.js not built; npm run build)'}`,
  () => {
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
  }
)
