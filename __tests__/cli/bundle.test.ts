import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

interface StatsModule {
  identifier?: string
  name?: string
  modules?: StatsModule[]
}

/** Every module file a test bundle holds (webpack's stats, saved by the global setup), loaders stripped, with `/`. */
function bundledFiles(dir: string): string[] {
  const dist = process.env.SETUP_GOPROXY_TEST_DIST
  if (!dist) throw new Error('SETUP_GOPROXY_TEST_DIST is not set: the jest global setup builds the test bundles')
  const file = path.join(dist, dir, 'stats.json')
  if (!existsSync(file)) throw new Error(`the global setup wrote no ${file}`)
  const files: string[] = []
  const visit = (modules: StatsModule[] | undefined) => {
    for (const module of modules ?? []) {
      if (module.identifier) files.push(module.identifier.split('!').at(-1)!.replace(/\\/g, '/'))
      visit(module.modules)
    }
  }
  visit((JSON.parse(readFileSync(file, 'utf8')) as { modules?: StatsModule[] }).modules)
  return files
}

/** What only the action's cache phase may bring: its I/O and the cache service's client with the Azure SDK. */
const CACHE_ONLY = [/\/src\/cache\/(?!policy\.ts$)/, /\/node_modules\/@actions\/cache\//, /\/node_modules\/@azure\//]

describe('the CLI bundle never reaches the cache code', () => {
  it('holds no module of the cache phase, @actions/cache or the Azure SDK (only the pure cache input policy)', () => {
    const files = bundledFiles('cli')
    expect(files.length).toBeGreaterThan(50)
    expect(files.filter(file => CACHE_ONLY.some(pattern => pattern.test(file)))).toEqual([])
  })

  it('while the action bundle does hold them (the check looks at the right names)', () => {
    const files = bundledFiles('.')
    for (const pattern of CACHE_ONLY) expect(files.some(file => pattern.test(file))).toBe(true)
  })
})
