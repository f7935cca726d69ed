import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The package version, read at run time from the nearest package.json named setup-goproxy above this file: the
 * same walk finds it from src/cli (tests) and from dist/cli (the bundle, whose dist/package.json has no name).
 * A loop rather than a fixed relative path, so that the bundler does not copy package.json in as an asset.
 */
export function packageVersion(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from
  for (let depth = 0; depth < 6; depth++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === 'setup-goproxy' && pkg.version) return pkg.version
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return 'unknown'
}
